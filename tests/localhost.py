"""The built site on a local port, and the browser that looks at it.

One home for what the tests (and so `make screenshots`) and ``make bench`` share:
a static host that answers the way GitHub Pages does, and Debian's Chromium
(``chromium`` on the PATH, or ``$CHROMIUM``) started by Playwright with the flags
that keep it off the network (no browser is downloaded).
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
#: Headless, as root, and quiet: without the last four, Chromium tries to reach
#: Google's hosts at every start, which a closed network refuses.
CHROMIUM_ARGS = ("--no-sandbox", "--headless", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run")


def launch_chromium(playwright: Any) -> Any:
    """The system's Chromium, headless, from a Playwright instance."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))


class StaticHost(SimpleHTTPRequestHandler):
    """Serves a built site the way a static host (GitHub Pages) does: below
    ``base``, ``/dir/`` gives ``dir/index.html``, ``/page`` gives ``page.html``,
    and a missing file the site's ``404.html`` with status 404. Subclasses may
    change what is sent (``body``)."""

    base = "/"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def body(self, path: str, file: Path, status: int, data: bytes) -> bytes:
        """The bytes sent for ``file`` (headers may still be sent here)."""
        return data

    def send_head(self) -> Any:
        root = Path(self.directory)
        path = unquote(urlsplit(self.path).path)
        rel = path[len(self.base):] if path.startswith(self.base) else None
        candidates = [] if rel is None or ".." in rel.split("/") else [root / rel]
        if candidates and (candidates[0].is_dir() or rel == ""):
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.end_headers()
                return None
            candidates = [candidates[0] / "index.html"]
        elif candidates:
            candidates.append(candidates[0].with_name(candidates[0].name + ".html"))
        found = next((c for c in candidates if c.is_file()), None)
        status = 200
        if found is None:
            found, status = root / "404.html", 404
        data = found.read_bytes() if found.is_file() else b"Not found"
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(found)))
        data = self.body(path, found, status, data)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that closes while a file is on its way is no error of the site.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def serve(root: Path, base: str = "/", handler: type[StaticHost] = StaticHost) -> Iterator[str]:
    """Serve ``root`` at ``base`` on a free port of 127.0.0.1; yield the site's
    URL (ending in ``base``)."""
    host = type("Host", (handler,), {"base": base})
    server = _Server(("127.0.0.1", 0), partial(host, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}"
    finally:
        server.shutdown()
        server.server_close()
