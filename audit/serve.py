"""A small static server for audits: the built site under its base path, gzip like a real host.

    python audit/serve.py [--site site] [--port 8400]

Python's http.server sends everything uncompressed, which would make Lighthouse blame the site
for what is really the server. This one behaves like GitHub Pages does for a project site:
files under the base path (e.g. /trade-handbook/), directory URLs served from index.html,
404.html with status 404 for anything missing, gzip Content-Encoding for text types when the
client accepts it, and a short Cache-Control. It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import http.server
import mimetypes
import sys
import threading
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from helpers import site_base_path  # noqa: E402

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "image/svg+xml", "application/manifest+json")
TYPES = {".js": "application/javascript", ".mjs": "application/javascript", ".json": "application/json",
         ".svg": "image/svg+xml", ".xml": "application/xml", ".webmanifest": "application/manifest+json",
         ".woff2": "font/woff2", ".ics": "text/calendar"}


def content_type(path: Path) -> str:
    kind = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml"):
        kind += "; charset=utf-8"
    return kind


@lru_cache(maxsize=512)
def _gzipped(path: Path, mtime: float) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class Handler(http.server.BaseHTTPRequestHandler):
    site: Path
    base_path = "/"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _file(self) -> Path | None:
        path = unquote(urlsplit(self.path).path)
        if path + "/" == self.base_path:
            return self.site  # "/trade-handbook" -> redirected to "/trade-handbook/" in do_GET
        if not path.startswith(self.base_path):
            return None
        relative = path[len(self.base_path):]
        target = (self.site / relative).resolve()
        if self.site not in target.parents and target != self.site:
            return None
        if target.is_dir():
            if not path.endswith("/"):
                return target  # redirected in do_GET
            target = target / "index.html"
        return target if target.is_file() else None

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        target = self._file()
        status = 200
        if target is not None and target.is_dir():
            self.send_response(301)
            self.send_header("Location", urlsplit(self.path).path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if target is None:
            status, target = 404, self.site / "404.html"
            if not target.is_file():
                self.send_error(404)
                return
        kind = content_type(target)
        stat = target.stat()
        body = target.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        if kind.startswith(COMPRESSIBLE):
            self.send_header("Vary", "Accept-Encoding")
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                body = _gzipped(target, stat.st_mtime)
                self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


def start(site: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `site` in a background thread; returns the server and the site's URL."""
    handler = type("SiteHandler", (Handler,), {"site": site.resolve(), "base_path": site_base_path()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{site_base_path()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--port", type=int, default=8400)
    options = parser.parse_args()
    server, url = start(options.site, options.port)
    print(f"Serving {options.site} at {url} (Ctrl+C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
