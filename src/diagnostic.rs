//! What rules and parsers emit, and what reporters print.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::span::Span;

/// Ordered: `Info < Warning < Error`, so `--fail-on warning` means "warning or worse".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The code of diagnostics about input that could not be read or parsed. Not a rule: it cannot be
/// ignored, and it makes the exit code 2.
pub const INVALID_INPUT: (&str, &str) = ("BL000", "invalid-input");

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// Short text under the underlined source (`geo profile`, `2 model units`).
    pub label: Option<String>,
    pub resource: Option<String>,
    pub help: Option<String>,
    /// Monthly USD at stake (saving available or waste), where usage makes it computable.
    pub monthly_impact: Option<Decimal>,
    /// The `fail_on` in force for the resource it is about (`[[overrides]]` of the path that reached
    /// it, which for a shared module is its caller's): decides whether it fails the run.
    pub fail_on: Option<crate::config::FailOn>,
    /// The change that resolves it, where one can be written ([`crate::fix`]).
    pub fix: Option<crate::fix::Fix>,
}

impl Diagnostic {
    pub fn invalid_input(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code: INVALID_INPUT.0,
            rule: INVALID_INPUT.1,
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            resource: None,
            help: None,
            monthly_impact: None,
            fail_on: None,
            fix: None,
        }
    }

    /// Says in the finding itself that its dollar figures rest on an estimate (a third party's price or
    /// base-Region rates assumed for a Region the catalog does not list).
    pub fn mark_estimate(&mut self, estimate: bool) {
        if estimate {
            self.message
                .push_str(" [estimate: uses third-party or assumed regional prices]");
        }
    }

    pub fn is_invalid_input(&self) -> bool {
        self.code == INVALID_INPUT.0
    }

    /// A fingerprint that survives unrelated edits: rule, file, resource, and the text underlined — never
    /// line numbers. `root` is stripped from the path so two checkouts of one repo agree. FNV-1a, 64 bits.
    pub fn fingerprint(&self, root: &str) -> String {
        let path = self.span.path();
        let path = path.strip_prefix(root).unwrap_or(path);
        let underlined = self
            .span
            .file
            .text
            .get(self.span.start..self.span.end)
            .unwrap_or("");
        let resource = self.resource.as_deref().unwrap_or("");
        let resource = resource.strip_prefix(root).unwrap_or(resource);
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [self.code, path, resource, underlined] {
            for byte in part.bytes().chain(std::iter::once(0)) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{hash:016x}")
    }

    /// The order of every output: file, line, column, code (then message, for total determinism).
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (
            self.span.path(),
            self.span.line,
            self.span.column,
            self.code,
            &self.message,
        )
    }
}
