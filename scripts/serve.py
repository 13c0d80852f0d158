"""Serve the repository root on 127.0.0.1 (PORT, default 8000), with .wasm as application/wasm."""
import http.server
import os
import sys

class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".gz": "application/gzip",
    }

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

port = int(os.environ.get("PORT", "8000"))
root = sys.argv[1] if len(sys.argv) > 1 else "."
handler = lambda *a, **k: Handler(*a, directory=root, **k)
with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
    print(f"gradscope: serving {os.path.abspath(root)} at http://127.0.0.1:{port}/", flush=True)
    httpd.serve_forever()
