//! Applying fixes ([`crate::fix`]) to files' text: whole fixes only, never two that touch the same
//! bytes, repeated until nothing applicable is left (`--fix`, `--diff`).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::span::SourceFile;

/// One file's text after the fixes that apply to it.
#[derive(Debug)]
pub struct FixedFile {
    /// The file as read (its shown path and original text).
    pub file: Arc<SourceFile>,
    pub fixed: String,
    /// How many findings' fixes were applied.
    pub applied: usize,
}

/// One file's edits taken so far: the file, `(start, end, replacement)` edits, findings fixed.
type Taken<'d> = (Arc<SourceFile>, Vec<(usize, usize, &'d str)>, usize);

/// The fixed text of every file some applicable fix edits. Fixes are applied whole or not at all: one
/// whose edits overlap an edit already taken is left for the next run (as ruff does), and the same
/// edit offered by several findings (one literal used by several instances) is made once.
pub fn apply(diagnostics: &[Diagnostic], unsafe_fixes: bool) -> Vec<FixedFile> {
    let mut files: BTreeMap<&str, Taken<'_>> = BTreeMap::new();
    for d in diagnostics {
        let Some(fix) = d.fix.as_ref().filter(|f| f.applies(unsafe_fixes)) else {
            continue;
        };
        // Every edit of a fix must lie in its file's text and beside what was already taken.
        let fits = fix.edits.iter().all(|e| {
            let (start, end) = (e.span.start, e.span.end);
            let text = &e.span.file.text;
            let in_text = start <= end
                && end <= text.len()
                && text.is_char_boundary(start)
                && text.is_char_boundary(end);
            in_text
                && files.get(e.span.path()).is_none_or(|(_, taken, _)| {
                    taken.iter().all(|&(s, t, r)| {
                        (s, t, r) == (start, end, e.replacement.as_str())
                            || disjoint((s, t), (start, end))
                    })
                })
        });
        if !fits {
            continue;
        }
        let mut counted = false;
        for e in &fix.edits {
            let entry = files
                .entry(e.span.path())
                .or_insert_with(|| (e.span.file.clone(), Vec::new(), 0));
            let edit = (e.span.start, e.span.end, e.replacement.as_str());
            if !entry.1.contains(&edit) {
                entry.1.push(edit);
            }
            if !counted {
                entry.2 += 1;
                counted = true;
            }
        }
    }
    files
        .into_values()
        .map(|(file, mut edits, applied)| {
            edits.sort_by_key(|(s, e, _)| (*s, *e));
            let text = &file.text;
            let mut fixed = String::with_capacity(text.len());
            let mut at = 0;
            for (start, end, replacement) in edits {
                fixed.push_str(&text[at..start]);
                fixed.push_str(replacement);
                at = end;
            }
            fixed.push_str(&text[at..]);
            FixedFile {
                file,
                fixed,
                applied,
            }
        })
        .filter(|f| f.fixed != f.file.text)
        .collect()
}

/// How many times [`fix_until_stable`] applies fixes and lints again at most (ruff stops at 100; a
/// chain here is two or three steps: a routing, then a successor).
const MAX_PASSES: usize = 10;

/// Applies the fixes, lints the fixed text again (laid over the disk, nothing written), and goes on
/// until no applicable fix is left: a routing fix and a successor fix on one literal overlap, so the
/// second lands on the next pass. Returns each changed file (its text before the first pass and after
/// the last, with the findings fixed) and the report of the fixed text. The caller writes the files,
/// or prints their diffs; the overlay is cleared either way.
pub fn fix_until_stable(
    mut report: crate::Report,
    mut relint: impl FnMut() -> crate::Report,
    unsafe_fixes: bool,
    cwd: &std::path::Path,
) -> (Vec<FixedFile>, crate::Report) {
    let mut files: BTreeMap<String, FixedFile> = BTreeMap::new();
    for _ in 0..MAX_PASSES {
        let fixed = apply(&report.diagnostics, unsafe_fixes);
        if fixed.is_empty() {
            break;
        }
        for f in fixed {
            crate::source::overlay::set(&cwd.join(&f.file.path), f.fixed.clone());
            match files.get_mut(&f.file.path) {
                Some(seen) => {
                    seen.fixed = f.fixed;
                    seen.applied += f.applied;
                }
                None => {
                    files.insert(f.file.path.clone(), f);
                }
            }
        }
        report = relint();
    }
    for path in files.keys() {
        crate::source::overlay::remove(&cwd.join(path));
    }
    let changed = files
        .into_values()
        .filter(|f| f.fixed != f.file.text)
        .collect();
    (changed, report)
}

/// Two edits that can both be made: no shared byte, and not two insertions at one place (their order
/// would be a guess).
fn disjoint(a: (usize, usize), b: (usize, usize)) -> bool {
    if a.0 == a.1 && b.0 == b.1 {
        return a.0 != b.0;
    }
    a.1 <= b.0 || b.1 <= a.0
}

/// A unified diff of one fixed file, paths as shown (`a/PATH`, `b/PATH`), three lines of context.
pub fn unified_diff(f: &FixedFile) -> String {
    let path = f.file.path.as_str();
    similar::TextDiff::from_lines(f.file.text.as_str(), f.fixed.as_str())
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
