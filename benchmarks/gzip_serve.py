"""A built site served on loopback as GitHub Pages serves it (gzip level 6 for
text, `Cache-Control: max-age=600`), counting the bytes of every response
body where they leave: search_bench.py's server, so the bytes a query cost
include the requests Pagefind's web worker makes, which a page cannot see."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

COMPRESS = (".html", ".json", ".js", ".css", ".svg", ".xml", ".txt")
"""What GitHub Pages gzips. Pagefind's own files (.pf_*, .pagefind) are gzipped already."""


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped (level 6, cached) where a web host would.

    Every response's body size is appended to `sent` as (path, bytes): the
    bytes a query cost are counted where they leave, which also covers the
    requests Pagefind makes from its web worker.
    """

    cache: dict[Path, bytes]
    no_worker: bool
    sent: list[tuple[str, int]]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends
        super().end_headers()

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-length":
            self.sent.append((self.path, int(value)))
        super().send_header(keyword, value)

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.is_file() and path.suffix in COMPRESS):
            return super().send_head()
        body = self.cache.get(path)
        if body is None:
            data = path.read_bytes()
            if self.no_worker and path.name == "pagefind.js":
                data = without_worker(data)
            body = self.cache[path] = gzip.compress(data, 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


WORKER_CHECK = b"var hasWorkerSupport=typeof window"


def without_worker(script: bytes) -> bytes:
    """pagefind.js with its web worker switched off (`--no-worker`): Chromium slows
    only the page's main thread (`setCPUThrottlingRate`), not workers, so only
    then is Pagefind's own work (WebAssembly start, chunk decoding, search)
    slowed like the rest, as it would be on a slow phone."""
    if script.count(WORKER_CHECK) != 1:
        raise RuntimeError(f"pagefind.js: expected one {WORKER_CHECK!r}, to switch the worker off")
    return script.replace(WORKER_CHECK, b"var hasWorkerSupport=false&&typeof window")


@contextmanager
def serve(site: Path, no_worker: bool = False) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    sent: list[tuple[str, int]] = []
    handler = type("Handler", (GzipHandler,), {"cache": {}, "sent": sent, "no_worker": no_worker})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sent
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
