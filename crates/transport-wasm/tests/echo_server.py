#!/usr/bin/env python3
"""A dependency-free HTTP echo server for the browser tests of transport-wasm.

Binds 127.0.0.1 on a free port (or --port), prints `PORT <n>` on the first line of stdout, then
serves until killed. Every answer but those under /no-cors carries CORS headers that echo the
page's origin (so `credentials: include` works) and `X-Elastic-Product: Elasticsearch`.

Routes (any method):
  OPTIONS <any>              CORS preflight: allows the asked method and headers (204)
  /no-cors/...               200 without any CORS header: the browser must block the answer
  /status/<code>             answers <code> with an Elasticsearch error body (none for 204/304)
  /delay/<ms>                answers the echo after <ms> milliseconds (for timeouts)
  /hold/<tag>                holds the request until the browser closes the connection (an
                             aborted fetch), then records <tag> as closed; answers the echo
                             after 30 s if it never does
  /arrived/<tag>             answers {"arrived": true} once /hold/<tag> is held (false after 10 s)
  /closed/<tag>              answers {"closed": true} once /hold/<tag> was closed (false after 5 s)
  /cookie/set/<name>         sets the cookie <name>=1 (Path=/, SameSite=Lax) and echoes
  /_security/_authenticate   the answer of Elasticsearch 8.14 for the user of a Basic
                             `Authorization` header (401 without one)
  anything else              the echo

The echo is JSON: {"method", "path" (the raw request target's path, as received), "query" (the
raw query, without `?`), "headers": [[lowercased name, value], ...] in the order received, with
each value the received bytes read as Latin-1 (one character per byte), "body_base64"}.
Echo answers also carry `X-Echo-Method`, `X-Echo-Latin1: caf\\xe9` (one byte 0xE9) and two
`X-Echo-Multi` lines (`a`, `b`), all exposed to the page.
"""

import argparse
import base64
import json
import select
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

EXPOSED = "X-Elastic-Product, X-Echo-Method, X-Echo-Latin1, X-Echo-Multi, Content-Type, Warning"
ALLOWED_HEADERS = "Authorization, Content-Type, Accept, X-Opaque-Id, es-security-runas-user"
ALLOWED_METHODS = "GET, HEAD, PUT, POST, DELETE, PATCH, OPTIONS"


_TAGS_LOCK = threading.Lock()
_TAGS = {}


def _tag(name):
    """The events of a /hold tag: arrived, closed."""
    with _TAGS_LOCK:
        return _TAGS.setdefault(name, (threading.Event(), threading.Event()))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "echo"

    def log_message(self, format, *args):  # noqa: A002 - quiet: the test output stays readable
        pass

    # --- helpers -------------------------------------------------------------------------
    def _cors(self):
        origin = self.headers.get("Origin")
        if origin is None:
            return
        self.send_header("Access-Control-Allow-Origin", origin)
        self.send_header("Access-Control-Allow-Credentials", "true")
        self.send_header("Access-Control-Expose-Headers", EXPOSED)
        self.send_header("Vary", "Origin")

    def _read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _split_target(self):
        path, _, query = self.path.partition("?")
        return path, query

    def _answer(self, status, body=b"", content_type="application/json", extra=(), cors=True):
        self.send_response(status)
        if cors:
            self._cors()
        self.send_header("X-Elastic-Product", "Elasticsearch")
        for name, value in extra:
            self.send_header(name, value)
        if body or status not in (204, 304):
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _echo(self, body, extra=()):
        path, query = self._split_target()
        echo = {
            "method": self.command,
            "path": path,
            "query": query,
            "headers": [[name.lower(), value] for name, value in self.headers.items()],
            "body_base64": base64.b64encode(body).decode("ascii"),
        }
        payload = json.dumps(echo).encode("utf-8")
        headers = [
            ("X-Echo-Method", self.command),
            ("X-Echo-Latin1", "caf\xe9"),  # send_header encodes Latin-1: one byte 0xE9
            ("X-Echo-Multi", "a"),
            ("X-Echo-Multi", "b"),
        ]
        self._answer(200, payload, extra=headers + list(extra))

    # --- routes --------------------------------------------------------------------------
    def _handle(self):
        body = self._read_body()
        path, _ = self._split_target()
        parts = path.strip("/").split("/")
        try:
            if parts[0] == "no-cors":
                self._answer(200, b'{"cors":false}', cors=False)
            elif parts[0] == "status" and len(parts) == 2:
                self._status(int(parts[1]))
            elif parts[0] == "delay" and len(parts) == 2:
                time.sleep(int(parts[1]) / 1000)
                self._echo(body)
            elif parts[0] == "hold" and len(parts) == 2:
                self._hold(parts[1], body)
            elif parts[0] in ("arrived", "closed") and len(parts) == 2:
                arrived, closed = _tag(parts[1])
                event, wait = (arrived, 10) if parts[0] == "arrived" else (closed, 5)
                self._answer(200, json.dumps({parts[0]: event.wait(wait)}).encode("utf-8"))
            elif parts[0] == "cookie" and len(parts) == 3 and parts[1] == "set":
                self._echo(body, extra=[("Set-Cookie", f"{parts[2]}=1; Path=/; SameSite=Lax")])
            elif path == "/_security/_authenticate":
                self._authenticate()
            else:
                self._echo(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser gave up (a timeout test): nothing to answer

    def _hold(self, tag, body):
        arrived, closed = _tag(tag)
        arrived.set()
        readable, _, _ = select.select([self.connection], [], [], 30)
        if readable and self.connection.recv(1, socket.MSG_PEEK) == b"":
            closed.set()
            self.close_connection = True
            return
        self._echo(body)

    def _status(self, code):
        if code in (204, 304):
            self._answer(code)
            return
        error = {
            "error": {
                "root_cause": [{"type": "status_exception", "reason": f"status {code} as asked"}],
                "type": "status_exception",
                "reason": f"status {code} as asked",
            },
            "status": code,
        }
        self._answer(code, json.dumps(error).encode("utf-8"))

    def _authenticate(self):
        auth = self.headers.get("Authorization") or ""
        if not auth.startswith("Basic "):
            error = {
                "error": {
                    "root_cause": [
                        {
                            "type": "security_exception",
                            "reason": "missing authentication credentials for REST request [/_security/_authenticate]",
                            "header": {"WWW-Authenticate": ['Basic realm="security" charset="UTF-8"']},
                        }
                    ],
                    "type": "security_exception",
                    "reason": "missing authentication credentials for REST request [/_security/_authenticate]",
                    "header": {"WWW-Authenticate": ['Basic realm="security" charset="UTF-8"']},
                },
                "status": 401,
            }
            self._answer(401, json.dumps(error).encode("utf-8"))
            return
        username = base64.b64decode(auth[len("Basic "):]).decode("utf-8").partition(":")[0]
        # What Elasticsearch 8.14 answers for a built-in user (`elastic`) or a native one.
        realm = {"name": "reserved", "type": "reserved"} if username == "elastic" else {
            "name": "default_native", "type": "native"}
        me = {
            "username": username,
            "roles": ["superuser"] if username == "elastic" else ["viewer"],
            "full_name": None,
            "email": None,
            "metadata": {"_reserved": True} if username == "elastic" else {},
            "enabled": True,
            "authentication_realm": realm,
            "lookup_realm": realm,
            "authentication_type": "realm",
        }
        self._answer(200, json.dumps(me).encode("utf-8"))

    def do_OPTIONS(self):  # noqa: N802 - http.server's naming
        path, _ = self._split_target()
        if path.startswith("/no-cors"):
            self._answer(204, cors=False)
            return
        self.send_response(204)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", ALLOWED_METHODS)
        asked = self.headers.get("Access-Control-Request-Headers")
        self.send_header("Access-Control-Allow-Headers", asked or ALLOWED_HEADERS)
        self.send_header("Access-Control-Max-Age", "0")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = do_HEAD = _handle  # noqa: N815


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="port to bind (default: a free one)")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
