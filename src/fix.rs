//! Fixes as data, in ruff's model: a finding may carry edits (a span of one file → replacement text)
//! with an applicability. A `Safe` fix keeps what the configuration does (removing a suppression that
//! suppresses nothing); an `Unsafe` one changes behaviour — where data is processed, what is committed
//! to, which model answers — and is applied only when asked (`--unsafe-fixes`). `--fix`, `--diff`,
//! SARIF `fixes`, the PR comment and the language server's code actions all read this one shape.
//! The types live here, below the diagnostics that carry them; applying them is `apply_fixes`.

use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Applicability {
    /// Applied by `--fix`: the configuration means the same afterwards.
    Safe,
    /// Applied only with `--unsafe-fixes`: it changes routing, commitment or the model called.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace the bytes of `span` (in its file) with `replacement`; an empty span inserts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What it does, as a code action's title (`Call global.anthropic.claude-… instead`).
    pub title: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    /// One edit replacing `span`.
    pub fn replace(
        title: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Fix {
        Fix {
            title: title.into(),
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
            applicability,
        }
    }

    /// How reports name it: `fix (unsafe, --fix --unsafe-fixes): Call `global.…` instead`.
    pub fn summary(&self) -> String {
        match self.applicability {
            Applicability::Safe => format!("fix (safe, --fix): {}", self.title),
            Applicability::Unsafe => format!("fix (unsafe, --fix --unsafe-fixes): {}", self.title),
        }
    }

    /// Whether `--fix` (with `unsafe_fixes` as given) applies it.
    pub fn applies(&self, unsafe_fixes: bool) -> bool {
        self.applicability == Applicability::Safe || unsafe_fixes
    }
}
