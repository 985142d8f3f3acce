//! Code actions: suppress a finding with a reason (an inline `bedrock-lint-ignore` comment on the line
//! above it, in the file's comment syntax).

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
