//! `bedrock-lint server` driven over stdio as an editor drives it: initialize, didOpen with unsaved
//! text, publishDiagnostics, hover, codeAction, didChange, shutdown, exit. Also: a malformed document
//! and malformed requests get an answer, never a crash.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

fn frame(v: &Value) -> Vec<u8> {
    let body = v.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

impl Client {
    fn start(cwd: &Path) -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("bedrock-lint"))
            .arg("server")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let Some(n) = length else { return };
                let mut body = vec![0; n];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if let Ok(v) = serde_json::from_slice::<Value>(&body) {
                    if tx.send(v).is_err() {
                        return;
                    }
                }
            }
        });
        Client {
            child,
            stdin,
            messages: rx,
            next_id: 1,
        }
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        let msg = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(&frame(&msg));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(&frame(&msg));
        self.wait_for(|m| m["id"] == json!(id))
    }

    fn wait_for(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self
                .messages
                .recv_timeout(left)
                .expect("the server answered in time");
            if want(&m) {
                return m;
            }
        }
    }

    fn diagnostics_for(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

const ON_DISK: &str = r#"resource "aws_lambda_function" "chat" {
  function_name = "chat"
  role          = "arn:aws:iam::123456789012:role/chat"
  environment {
    variables = {
      MODEL_ID = "amazon.nova-lite-v1:0"
    }
  }
}
"#;

/// The unsaved buffer: the same Lambda now calls Claude Sonnet 4.5 through the `us.` profile.
const UNSAVED: &str = r#"resource "aws_lambda_function" "chat" {
  function_name = "chat"
  role          = "arn:aws:iam::123456789012:role/chat"
  environment {
    variables = {
      MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
    }
  }
}
"#;

#[test]
fn an_editor_session() {
    let dir = common::project(
        "lsp-session",
        &[
            ("main.tf", ON_DISK),
            // Context read from disk: the provider's Region and the declared usage.
            ("providers.tf", "provider \"aws\" {\n  region = \"us-east-1\"\n}\n"),
            (
                ".bedrock-lint.toml",
                "[usage.\"aws_lambda_function.chat\"]\ninput_tokens_per_month = 1_000_000_000\noutput_tokens_per_month = 200_000_000\n",
            ),
        ],
    );
    let dir = dir.canonicalize().expect("canonical dir");
    let main = dir.join("main.tf");
    let uri = file_uri(&main);
    let mut c = Client::start(&dir);

    let init = c.request(
        "initialize",
        json!({"processId": null, "rootUri": file_uri(&dir), "capabilities": {}}),
    );
    assert_eq!(
        init["result"]["capabilities"]["hoverProvider"], true,
        "{init}"
    );
    assert_eq!(init["result"]["serverInfo"]["name"], "bedrock-lint");
    c.notify("initialized", json!({}));

    // didOpen with the unsaved text: BL001 on the profile ID, at its exact range.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "terraform", "version": 1, "text": UNSAVED}}),
    );
    let diags = c.diagnostics_for(&uri, 1);
    let bl001: Vec<&Value> = diags.iter().filter(|d| d["code"] == "BL001").collect();
    assert_eq!(bl001.len(), 1, "{diags:#?}");
    let line = 5; // 0-based: `      MODEL_ID = "us.anthropic..."`
    let col = UNSAVED
        .lines()
        .nth(line)
        .and_then(|l| l.find("us."))
        .expect("col") as u64;
    assert_eq!(
        bl001[0]["range"]["start"],
        json!({"line": line, "character": col})
    );
    assert_eq!(
        bl001[0]["range"]["end"],
        json!({"line": line, "character": col + "us.anthropic.claude-sonnet-4-5-20250929-v1:0".len() as u64})
    );
    assert_eq!(bl001[0]["severity"], 2, "a warning");
    assert_eq!(bl001[0]["source"], "bedrock-lint");

    // Hover on the profile ID: its name, its prices in this routing and the cheaper one, the cost.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": col + 10}}),
    );
    let md = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(md.contains("Claude Sonnet 4.5"), "{md}");
    // Global list price $3.00 / $15.00; the `us.` profile is 1.10× that: $3.30 / $16.50.
    assert!(md.contains("$3.30 / $16.50"), "{md}");
    assert!(md.contains("$3.00 / $15.00"), "{md}");
    assert!(md.contains("us-east-1"), "{md}");
    // 1,000M × $3.30/1M + 200M × $16.50/1M = $3,300 + $3,300 = $6,600.00.
    assert!(md.contains("$6,600.00/month"), "{md}");
    assert_eq!(hover["result"]["range"]["start"]["character"], json!(col));

    // Hover where there is no model: no result, not an error.
    let none = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 3}}),
    );
    assert!(none["result"].is_null(), "{none}");
    assert!(none.get("error").is_none(), "{none}");

    // Code action: suppress with a reason, inserted above the finding, indented like it.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": bl001[0]["range"],
               "context": {"diagnostics": [bl001[0]]}}),
    );
    let list = actions["result"].as_array().cloned().unwrap_or_default();
    let suppress = list
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.contains("Suppress BL001"))
        })
        .unwrap_or_else(|| panic!("{actions:#}"));
    // The finding's own fix: the same model through the cheaper global profile, on the ID's range.
    let reroute = list
        .iter()
        .find(|a| {
            a["title"].as_str().is_some_and(|t| {
                t.starts_with("Call `global.anthropic.claude-sonnet-4-5-20250929-v1:0` instead")
            })
        })
        .unwrap_or_else(|| panic!("{actions:#}"));
    assert_eq!(reroute["isPreferred"], false, "unsafe: not preferred");
    let fix_edit = &reroute["edit"]["changes"][&uri][0];
    assert_eq!(fix_edit["range"], bl001[0]["range"]);
    assert_eq!(
        fix_edit["newText"],
        "global.anthropic.claude-sonnet-4-5-20250929-v1:0"
    );
    let edit = &suppress["edit"]["changes"][&uri][0];
    assert_eq!(
        edit["range"]["start"],
        json!({"line": line, "character": 0})
    );
    assert_eq!(
        edit["newText"],
        "      # bedrock-lint-ignore: BL001 # reason: \n"
    );

    // didChange back to an in-Region model: the finding goes away.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": ON_DISK}]}),
    );
    let after = c.diagnostics_for(&uri, 2);
    assert!(after.iter().all(|d| d["code"] != "BL001"), "{after:#?}");

    // A document that does not parse: a BL000 diagnostic, and the server goes on answering.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": "resource \"x\" {\n  = = =\n"}]}),
    );
    let broken = c.diagnostics_for(&uri, 3);
    assert!(broken.iter().any(|d| d["code"] == "BL000"), "{broken:#?}");

    // Malformed requests: an error answer, never a crash.
    let bad = c.request("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let unknown = c.request("textDocument/definition", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let past_end = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 999, "character": 999}}),
    );
    assert!(past_end.get("error").is_none(), "{past_end}");

    let shutdown = c.request("shutdown", Value::Null);
    assert!(shutdown.get("error").is_none(), "{shutdown}");
    c.notify("exit", Value::Null);
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = c.child.try_wait().expect("wait") {
            break s;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
}

#[test]
fn garbage_on_the_wire_ends_the_session_without_a_panic() {
    let dir = common::project("lsp-garbage", &[("main.tf", ON_DISK)]);
    let mut c = Client::start(&dir);
    c.send_raw(b"Content-Length: 5\r\n\r\n{oops");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = c.child.try_wait().expect("wait") {
            break s;
        }
        assert!(Instant::now() < deadline, "the server hung on garbage");
        std::thread::sleep(Duration::from_millis(20));
    };
    // The protocol error is reported and the process ends with the input-error code, not a crash.
    assert_eq!(status.code(), Some(2), "{status}");
}
