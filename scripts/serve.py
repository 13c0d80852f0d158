"""Serve the repository root on 127.0.0.1 (PORT, default 8000), with .wasm as application/wasm.

Each HTML page is sent with its own Content-Security-Policy as a header too: the policy of its
<meta http-equiv="Content-Security-Policy"> (index.html's is the one place it is written; the
single file of scripts/bundle.mjs carries its own, with hashes). The header also covers what a meta
cannot: the document from its first byte on.
"""
import http.server
import os
import re
import sys

# The page's CSP meta element; the policy is its content attribute (no quotes inside: CSP sources
# use single quotes).
CSP_META = re.compile(rb'<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"\s*/?>', re.I)
# The meta must come early in <head> (it only covers what follows it): look at the first 16 kB.
HEAD_BYTES = 16 * 1024


def page_policy(path):
    """The CSP of the HTML file at `path` (its meta element), or None."""
    try:
        with open(path, "rb") as f:
            match = CSP_META.search(f.read(HEAD_BYTES))
    except OSError:
        return None
    return match.group(1).decode("utf-8") if match else None


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
        policy = self.policy()
        if policy:
            self.send_header("Content-Security-Policy", policy)
        super().end_headers()

    def policy(self):
        """The policy of the requested page when it is an HTML file (a directory: its index.html)."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        return page_policy(path) if path.endswith((".html", ".htm")) else None


port = int(os.environ.get("PORT", "8000"))
root = sys.argv[1] if len(sys.argv) > 1 else "."
handler = lambda *a, **k: Handler(*a, directory=root, **k)
with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
    print(f"gradscope: serving {os.path.abspath(root)} at http://127.0.0.1:{port}/", flush=True)
    httpd.serve_forever()
