//! Code actions: the fix a finding carries ([`crate::fix`]), and "suppress with a reason" (an inline
//! `bedrock-lint-ignore` comment on the line above it, in the file's comment syntax).

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic as LspDiagnostic, Position, Range,
    TextEdit, Uri, WorkspaceEdit,
};

use super::position::line_bounds;

/// The comment leader of a file, or `None` where the format has no comments (JSON).
fn comment_leader(path: &str) -> Option<&'static str> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "json" => None,
        _ if name.starts_with(".env") => Some("#"),
        "tf" | "tfvars" | "hcl" | "yaml" | "yml" | "toml" | "env" | "properties" | "template" => {
            Some("#")
        }
        _ => None,
    }
}

#[allow(clippy::mutable_key_type)] // as for `fixes`
/// "Suppress CODE with a reason" for each bedrock-lint diagnostic given.
pub fn suppressions(
    uri: &Uri,
    path: &str,
    text: &str,
    diagnostics: &[LspDiagnostic],
) -> Vec<CodeActionOrCommand> {
    let Some(leader) = comment_leader(path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for d in diagnostics {
        if d.source.as_deref() != Some("bedrock-lint") {
            continue;
        }
        let Some(lsp_types::NumberOrString::String(code)) = &d.code else {
            continue;
        };
        if code == "BL000" {
            continue;
        }
        let at = super::position::offset_of(text, d.range.start);
        let (start, end) = line_bounds(text, at);
        let indent: String = text[start..end]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let insert = Position {
            line: d.range.start.line,
            character: 0,
        };
        let edit = TextEdit {
            range: Range {
                start: insert,
                end: insert,
            },
            new_text: format!("{indent}{leader} bedrock-lint-ignore: {code} # reason: \n"),
        };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Suppress {code} here with a reason"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![d.clone()]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..WorkspaceEdit::default()
            }),
            ..CodeAction::default()
        }));
    }
    out
}

// `WorkspaceEdit::changes` is keyed by `Uri` (lsp-types' choice); its interior mutability is a
// parsing cache that never changes its hash or equality.
#[allow(clippy::mutable_key_type)]
/// The fix of each finding of `report` in the document (shown as `path`) that overlaps `range`, as a
/// quick fix; a safe fix is the preferred action. Edits in other files (a variable's default in
/// `variables.tf`) go to those files' URIs.
pub fn fixes(
    report: &crate::Report,
    path: &str,
    text: &str,
    range: &Range,
    uri_of: impl Fn(&str) -> Option<Uri>,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    for d in &report.diagnostics {
        let Some(fix) = &d.fix else { continue };
        if d.span.path() != path {
            continue;
        }
        let at = super::position::range_of(text, d.span.start, d.span.end);
        if !super::overlaps(&at, range) {
            continue;
        }
        let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
        for e in &fix.edits {
            let Some(uri) = uri_of(e.span.path()) else {
                continue;
            };
            changes.entry(uri).or_default().push(TextEdit {
                range: super::position::range_of(&e.span.file.text, e.span.start, e.span.end),
                new_text: e.replacement.clone(),
            });
        }
        let safe = fix.applicability == crate::fix::Applicability::Safe;
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: if safe {
                fix.title.clone()
            } else {
                format!(
                    "{} (unsafe: changes what is called or committed to)",
                    fix.title
                )
            },
            kind: Some(CodeActionKind::QUICKFIX),
            is_preferred: Some(safe),
            edit: Some(WorkspaceEdit {
                changes: Some(changes),
                ..WorkspaceEdit::default()
            }),
            ..CodeAction::default()
        }));
    }
    out
}
