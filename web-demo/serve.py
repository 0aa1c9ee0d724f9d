#!/usr/bin/env python3
"""Serves the web demo's static files (index.html, style.css, pkg/) on 127.0.0.1.

    python3 web-demo/serve.py [--port PORT] [--dir DIR]

Port 0 (the default) picks a free port. Prints `URL http://127.0.0.1:<port>/` once it
listens, then serves until stopped. `.wasm` goes out as `application/wasm` (what
`WebAssembly.instantiateStreaming` needs) whatever the system's MIME table says, and nothing
is cached, so a rebuild shows on reload.

Compressed: `.wasm`, `.js`, `.css` and `.html` go out brotli- or gzip-compressed when the
browser accepts it (`Accept-Encoding`; brotli preferred), with `Content-Encoding` and
`Vary: Accept-Encoding`. A precompressed `<file>.br` / `<file>.gz` next to the file is sent
when it is newer than the file; otherwise the file is compressed once (gzip level 9, brotli
when the `brotli` Python module is installed) and kept in memory until the file changes.
"""

import argparse
import functools
import gzip
import http.server
import os
import sys
import threading

try:  # Not in the standard library: brotli is offered only when installed.
    import brotli  # type: ignore
except ImportError:  # pragma: no cover - depends on the machine
    brotli = None

COMPRESSIBLE = {".wasm", ".js", ".mjs", ".css", ".html", ".json", ".svg"}


def accepted(header):
    """The content codings an `Accept-Encoding` value allows (q > 0), lowercased."""
    codings = set()
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        name = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if name and q > 0:
            codings.add(name)
    return codings


class Compressed:
    """Compressed copies of files, made once per file version (path, size, mtime)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.cache = {}

    def get(self, path, coding):
        """The body for `path` in `coding` ("br" or "gzip"), or None when not available."""
        st = os.stat(path)
        suffix = {"br": ".br", "gzip": ".gz"}[coding]
        pre = path + suffix
        if os.path.isfile(pre) and os.stat(pre).st_mtime >= st.st_mtime:
            with open(pre, "rb") as f:
                return f.read()
        if coding == "br" and brotli is None:
            return None
        key = (path, coding, st.st_size, st.st_mtime_ns)
        with self.lock:
            body = self.cache.get(key)
        if body is None:
            with open(path, "rb") as f:
                data = f.read()
            if coding == "br":
                body = brotli.compress(data, quality=11)
            else:
                body = gzip.compress(data, compresslevel=9, mtime=0)
            with self.lock:
                # Old versions of this file go: the cache holds what is served now.
                for k in [k for k in self.cache if k[0] == path and k[1] == coding]:
                    del self.cache[k]
                self.cache[key] = body
        return body


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".html": "text/html; charset=utf-8",
        ".png": "image/png",
    }

    compressed = Compressed()

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            index = os.path.join(path, "index.html")
            if os.path.isfile(index) and self.path.split("?", 1)[0].endswith("/"):
                path = index
        ext = os.path.splitext(path)[1].lower()
        if ext not in COMPRESSIBLE or not os.path.isfile(path):
            return super().send_head()
        codings = accepted(self.headers.get("Accept-Encoding", ""))
        for coding in ("br", "gzip"):
            if coding not in codings:
                continue
            body = self.compressed.get(path, coding)
            if body is None:
                continue
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", coding)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return _Body(body)
        # Not compressed: the file as it is, still marked as varying by Accept-Encoding.
        self._vary = True
        return super().send_head()

    def send_response(self, code, message=None):
        super().send_response(code, message)
        if getattr(self, "_vary", False):
            self.send_header("Vary", "Accept-Encoding")
            self._vary = False

    def log_message(self, fmt, *args):
        sys.stderr.write("[serve] %s\n" % (fmt % args))


class _Body:
    """A file-like body for `SimpleHTTPRequestHandler.copyfile`."""

    def __init__(self, data):
        self.data = data
        self.done = False

    def read(self, size=-1):
        if self.done:
            return b""
        self.done = True
        return self.data

    def close(self):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--dir", default=os.path.dirname(os.path.abspath(__file__)))
    args = parser.parse_args()
    handler = functools.partial(Handler, directory=args.dir)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    print("URL http://127.0.0.1:%d/" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
