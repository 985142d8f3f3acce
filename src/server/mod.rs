//! `bedrock-lint server`: the Language Server Protocol over stdio (on `lsp-server`/`lsp-types`, as
//! rust-analyzer and ruff's server are).
//!
//! Open documents are laid over the disk ([`crate::source::overlay`]) and linted through the same
//! [`crate::lint`] the CLI runs, with the rest of the module (variables, tfvars, modules, config) read
//! from disk for context. Each lint reloads `.bedrock-lint.toml` and its price book, so a changed config
//! applies at the next keystroke; saving a config file, or a watched-file change, re-lints every open
//! document. Changes are debounced. The server answers a bad request with an error and a request for a
//! place it knows nothing about with no result; it never stops on a malformed document or message.

mod actions;
mod hover;
mod position;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeActionParams, CodeActionProviderCapability, Diagnostic as LspDiagnostic,
    DiagnosticSeverity, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, Hover, HoverContents, HoverParams,
    HoverProviderCapability, InitializeParams, MarkupContent, MarkupKind, NumberOrString,
    PublishDiagnosticsParams, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};

use crate::config::{Config, Overrides};
use crate::diagnostic::Severity;
use crate::source::overlay;
use crate::Report;

/// How long after the last change a document is linted again: typing does not lint every keystroke.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// One open document.
struct Document {
    path: PathBuf,
    text: String,
    version: Option<i32>,
    /// The last lint of it, and the configuration it ran with (hover reads both).
    last: Option<(Report, Config)>,
    /// What was published for it.
    published: Vec<LspDiagnostic>,
}

struct Server<'c> {
    connection: &'c Connection,
    cwd: PathBuf,
    documents: BTreeMap<String, (Uri, Document)>,
    /// Documents to lint once the debounce has passed.
    pending: BTreeSet<String>,
    due: Option<Instant>,
}

/// Runs the server on stdin/stdout until the client says `exit`.
pub fn run_stdio() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    let result = serve(&connection);
    drop(connection);
    io_threads.join().map_err(|e| e.to_string())?;
    result
}

/// Runs the server on a connection (stdio, or an in-memory pair in tests).
pub fn serve(connection: &Connection) -> Result<(), String> {
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo {
            name: "bedrock-lint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("initialize: {e}"))?;
    // The parameters are not needed beyond checking they are an initialize request's.
    let _: Option<InitializeParams> = serde_json::from_value(params).ok();
    connection
        .initialize_finish(id, result)
        .map_err(|e| format!("initialize: {e}"))?;
    let mut server = Server {
        connection,
        cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        documents: BTreeMap::new(),
        pending: BTreeSet::new(),
        due: None,
    };
    server.main_loop()
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<(), String> {
        loop {
            let message = match self.due {
                Some(due) => {
                    let wait = due.saturating_duration_since(Instant::now());
                    match self.connection.receiver.recv_timeout(wait) {
                        Ok(m) => Some(m),
                        Err(crossbeam_timeout) if crossbeam_timeout.is_timeout() => None,
                        Err(_) => return Ok(()),
                    }
                }
                None => match self.connection.receiver.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return Ok(()),
                },
            };
            match message {
                None => self.lint_pending(),
                Some(Message::Request(req)) => {
                    if self
                        .connection
                        .handle_shutdown(&req)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    self.request(req);
                }
                Some(Message::Notification(n)) => {
                    if n.method == "exit" {
                        return Ok(());
                    }
                    self.notification(n);
                }
                Some(Message::Response(_)) => {}
            }
        }
    }

    fn send(&self, message: impl Into<Message>) {
        // A closed channel means the client is gone; the loop ends on the next receive.
        let _ = self.connection.sender.send(message.into());
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let answer = match req.method.as_str() {
            HoverRequest::METHOD => req
                .extract::<HoverParams>(HoverRequest::METHOD)
                .map_err(|e| e.to_string())
                .map(|(_, p)| serde_json::to_value(self.hover(&p)).unwrap_or_default()),
            CodeActionRequest::METHOD => req
                .extract::<CodeActionParams>(CodeActionRequest::METHOD)
                .map_err(|e| e.to_string())
                .map(|(_, p)| serde_json::to_value(self.code_actions(&p)).unwrap_or_default()),
            other => {
                self.send(Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("bedrock-lint does not handle `{other}`"),
                ));
                return;
            }
        };
        self.send(match answer {
            Ok(v) => Response::new_ok(id, v),
            Err(why) => invalid_params(id, why),
        });
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = n.extract::<DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD) {
                    let doc = p.text_document;
                    self.open(doc.uri, doc.text, Some(doc.version));
                    // A new document is linted at once.
                    self.due = Some(Instant::now());
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
                {
                    // Full sync: the last change holds the whole text.
                    if let Some(change) = p.content_changes.into_iter().last() {
                        self.open(
                            p.text_document.uri,
                            change.text,
                            Some(p.text_document.version),
                        );
                        self.due = Some(Instant::now() + DEBOUNCE);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = n.extract::<DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                {
                    let key = p.text_document.uri.as_str().to_string();
                    if let Some((uri, doc)) = self.documents.remove(&key) {
                        overlay::remove(&doc.path);
                        self.pending.remove(&key);
                        self.publish(&uri, Vec::new(), None);
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = n.extract::<DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD) {
                    let saved = p.text_document.uri.as_str().to_string();
                    if is_tool_file(&saved) {
                        self.relint_all();
                    } else {
                        self.pending.insert(saved);
                        self.due = Some(Instant::now());
                    }
                }
            }
            DidChangeWatchedFiles::METHOD => self.relint_all(),
            _ => {}
        }
    }

    fn relint_all(&mut self) {
        self.pending.extend(self.documents.keys().cloned());
        self.due = Some(Instant::now());
    }

    fn open(&mut self, uri: Uri, text: String, version: Option<i32>) {
        let key = uri.as_str().to_string();
        let Some(path) = path_of(&uri) else {
            // Not a file on this machine (an untitled buffer, another scheme): nothing to lint.
            return;
        };
        overlay::set(&path, text.clone());
        let last = self
            .documents
            .remove(&key)
            .and_then(|(_, d)| d.last.map(|l| (l, d.published)));
        let (last, published) = match last {
            Some((l, p)) => (Some(l), p),
            None => (None, Vec::new()),
        };
        self.documents.insert(
            key.clone(),
            (
                uri,
                Document {
                    path,
                    text,
                    version,
                    last,
                    published,
                },
            ),
        );
        self.pending.insert(key);
    }

    fn lint_pending(&mut self) {
        self.due = None;
        for key in std::mem::take(&mut self.pending) {
            let Some((uri, doc)) = self.documents.get(&key) else {
                continue;
            };
            let (uri, version) = (uri.clone(), doc.version);
            let (diagnostics, last) = self.lint(&doc.path, &doc.text);
            if let Some((_, doc)) = self.documents.get_mut(&key) {
                doc.last = last;
                doc.published = diagnostics.clone();
            }
            self.publish(&uri, diagnostics, version);
        }
    }

    /// Lints one document as `bedrock-lint FILE` would, with its buffer over the disk.
    fn lint(&self, path: &Path, text: &str) -> (Vec<LspDiagnostic>, Option<(Report, Config)>) {
        let dir = path.parent().unwrap_or(Path::new("."));
        let config = match Config::load(dir, &Overrides::default()) {
            Ok(c) => c,
            Err(e) => {
                let d = LspDiagnostic {
                    range: lsp_types::Range::default(),
                    severity: Some(DiagnosticSeverity::ERROR),
                    code: Some(NumberOrString::String("BL000".into())),
                    source: Some("bedrock-lint".into()),
                    message: format!("invalid bedrock-lint configuration: {e}"),
                    ..LspDiagnostic::default()
                };
                return (vec![d], None);
            }
        };
        let report = crate::lint(&module_paths(path), &config);
        let shown = crate::discover::display_path(path, &self.cwd);
        let diagnostics = report
            .diagnostics
            .iter()
            .filter(|d| d.span.path() == shown)
            .map(|d| to_lsp(d, text))
            .collect();
        (diagnostics, Some((report, config)))
    }

    fn publish(&self, uri: &Uri, diagnostics: Vec<LspDiagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        };
        self.send(Notification::new(
            PublishDiagnostics::METHOD.to_string(),
            params,
        ));
    }

    fn document(&self, uri: &Uri) -> Option<&Document> {
        self.documents.get(uri.as_str()).map(|(_, d)| d)
    }

    fn hover(&self, p: &HoverParams) -> Option<Hover> {
        let pos = &p.text_document_position_params;
        let doc = self.document(&pos.text_document.uri)?;
        let at = position::offset_of(&doc.text, pos.position);
        let shown = crate::discover::display_path(&doc.path, &self.cwd);
        let fallback;
        let (report, config) = match &doc.last {
            Some((r, c)) => (Some(r), c),
            None => {
                fallback = Config::load(doc.path.parent()?, &Overrides::default()).ok()?;
                (None, &fallback)
            }
        };
        let (range, markdown) = hover::hover_markdown(&doc.text, at, &shown, report, config)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: markdown,
            }),
            range: Some(position::range_of(&doc.text, range.start, range.end)),
        })
    }

    fn code_actions(&self, p: &CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        let Some(doc) = self.document(&p.text_document.uri) else {
            return Vec::new();
        };
        // The client's diagnostics in range, else ours that overlap it.
        let given: Vec<LspDiagnostic> = p
            .context
            .diagnostics
            .iter()
            .filter(|d| d.source.as_deref() == Some("bedrock-lint"))
            .cloned()
            .collect();
        let diagnostics = if given.is_empty() {
            doc.published
                .iter()
                .filter(|d| overlaps(&d.range, &p.range))
                .cloned()
                .collect()
        } else {
            given
        };
        let shown = crate::discover::display_path(&doc.path, &self.cwd);
        let mut out = match &doc.last {
            Some((report, _)) => actions::fixes(report, &shown, &doc.text, &p.range, |path| {
                self.uri_of(path)
            }),
            None => Vec::new(),
        };
        out.extend(actions::suppressions(
            &p.text_document.uri,
            &shown,
            &doc.text,
            &diagnostics,
        ));
        out
    }

    /// The URI of a file as the reports show it (relative to the working directory, or absolute).
    fn uri_of(&self, shown: &str) -> Option<Uri> {
        let path = self.cwd.join(shown);
        let encoded = crate::report::encode_path(&path.to_string_lossy());
        std::str::FromStr::from_str(&format!("file://{encoded}")).ok()
    }
}

/// What to lint for a document: a Terraform file's whole module (every `.tf` and auto-loaded
/// `.tfvars` of its directory, named so that findings anywhere in the module are reported and
/// subdirectories are not walked); any other file by itself.
fn module_paths(path: &Path) -> Vec<PathBuf> {
    use crate::discover::{is_auto_loaded_tfvars, kind_of, FileKind};
    let terraform = |p: &Path| match kind_of(p) {
        Some(FileKind::TerraformConfig) => true,
        Some(FileKind::TerraformVars) => is_auto_loaded_tfvars(p),
        _ => false,
    };
    if !terraform(path) {
        return vec![path.to_path_buf()];
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| terraform(p) && p.is_file())
        .collect();
    if !paths.iter().any(|p| p == path) {
        // A buffer not yet saved.
        paths.push(path.to_path_buf());
    }
    paths.sort();
    paths
}

fn overlaps(a: &lsp_types::Range, b: &lsp_types::Range) -> bool {
    let key = |p: &lsp_types::Position| (p.line, p.character);
    key(&a.start) <= key(&b.end) && key(&b.start) <= key(&a.end)
}

fn invalid_params(id: RequestId, why: String) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, why)
}

/// A bedrock-lint config: saving one re-lints every open document (a price book is read again at every
/// lint anyway).
fn is_tool_file(uri: &str) -> bool {
    uri.ends_with("/.bedrock-lint.toml")
}

fn to_lsp(d: &crate::diagnostic::Diagnostic, text: &str) -> LspDiagnostic {
    let severity = match d.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    LspDiagnostic {
        range: position::range_of(text, d.span.start, d.span.end),
        severity: Some(severity),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("bedrock-lint".into()),
        message,
        ..LspDiagnostic::default()
    }
}

/// The local path of a `file://` URI (percent-decoded), or `None` for any other URI.
fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` (empty authority) or `file://localhost/path`.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            // A `%` not followed by two hex digits is a malformed URI: nothing to lint.
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    Some(PathBuf::from(decoded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn file_uris_decode() {
        let uri = Uri::from_str("file:///tmp/my%20stack/main.tf").expect("uri");
        assert_eq!(path_of(&uri), Some(PathBuf::from("/tmp/my stack/main.tf")));
        let other = Uri::from_str("untitled:Untitled-1").expect("uri");
        assert_eq!(path_of(&other), None);
        let bad = Uri::from_str("file:///tmp/x%2").ok();
        if let Some(bad) = bad {
            assert_eq!(path_of(&bad), None);
        }
    }
}
