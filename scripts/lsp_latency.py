#!/usr/bin/env python3
# Time from a didChange to its publishDiagnostics, minus the server's 150 ms debounce, over 20 edits.
#   python3 scripts/lsp_latency.py target/release/bedrock-lint fixtures/demo/lambda.tf
import json, subprocess, sys, time, os
binp, path = sys.argv[1], os.path.abspath(sys.argv[2])
p = subprocess.Popen([binp, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=os.path.dirname(path))
def send(m):
    b = json.dumps(m).encode(); p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b); p.stdin.flush()
def recv():
    h = {}
    while True:
        l = p.stdout.readline().decode().strip()
        if not l: break
        k, v = l.split(": "); h[k] = v
    return json.loads(p.stdout.read(int(h["Content-Length"])))
send({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":None,"rootUri":None,"capabilities":{}}}); recv()
send({"jsonrpc":"2.0","method":"initialized","params":{}})
text = open(path).read(); uri = "file://" + path
send({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":uri,"languageId":"terraform","version":1,"text":text}}})
while recv().get("method") != "textDocument/publishDiagnostics": pass
ts = []
for v in range(2, 22):
    t0 = time.time()
    send({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":uri,"version":v},"contentChanges":[{"text":text + "\n" * (v % 2)}]}})
    while True:
        m = recv()
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == v: break
    ts.append((time.time() - t0) * 1000 - 150)
ts.sort(); print("re-lint after the 150 ms debounce: median %.1f ms, max %.1f ms (n=%d)" % (ts[len(ts)//2], ts[-1], len(ts)))
send({"jsonrpc":"2.0","id":9,"method":"shutdown"}); recv(); send({"jsonrpc":"2.0","method":"exit"})
