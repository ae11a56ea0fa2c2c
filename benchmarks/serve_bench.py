"""How long `mkdocs serve` takes to show an edit, on a throwaway site of N interviews.

It starts `mkdocs serve` (livereload on, as an editor runs it), appends a
sentence to a term note and polls /notes/ until it shows, then does the same
with one interview; the server's log counts the rebuilds each edit caused.
Then all of it again with `mkdocs serve --dirty`. The server is stopped by
its process id; every wait has a time limit. One JSON line per N.

    python benchmarks/serve_bench.py --n 20       # small
    python benchmarks/serve_bench.py              # N = 100
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_bench import arguments, done_with, with_site
from sites import CHILD_ENV, Made, log, tool


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


@dataclass(slots=True)
class Server:
    """A running `mkdocs serve` and its log."""

    proc: subprocess.Popen[bytes]
    log: Path
    base: str
    timeout: float

    def alive(self) -> None:
        if self.proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with {self.proc.returncode}")

    def wait_for(self, url: str) -> float:
        """Seconds until ``url`` answers 200; raises on timeout."""
        started = time.perf_counter()
        while time.perf_counter() - started < self.timeout:
            self.alive()
            if _get(url)[0] == 200:
                return time.perf_counter() - started
            time.sleep(0.1)
        raise TimeoutError(f"{url} did not answer within {self.timeout:.0f} s")

    def rebuilds(self) -> tuple[int, int]:
        """(rebuilds started, rebuilds finished) so far, from the server's log."""
        text = self.log.read_text(errors="replace")
        done = text.count("Reloading browsers") + text.count("error happened during the rebuild")
        return text.count("Building documentation"), done

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=20)


def edit(server: Server, path: Path, marker: str, url: str) -> tuple[float, float, int]:
    """Append ``marker`` to ``path``: (seconds until ``url`` shows it, seconds until the
    last rebuild it caused finished, rebuilds it caused).

    A page request blocks while a rebuild runs, so polling the page and then
    the log times each rebuild's end closely.
    """
    before = seen = server.rebuilds()
    text = path.read_text(encoding="utf-8").rstrip("\n") + f"\n\nEdited {marker}.\n"
    t0 = quiet = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    shown: float | None = None
    last_done = 0.0
    while time.perf_counter() - t0 < server.timeout:
        server.alive()
        if shown is None:
            status, body = _get(url)
            if status == 200 and marker in body:
                shown = time.perf_counter() - t0
        now = server.rebuilds()
        if now != seen:
            if now[1] != seen[1]:
                last_done = time.perf_counter() - t0
            seen, quiet = now, time.perf_counter()
        started_n, done_n = now[0] - before[0], now[1] - before[1]
        if shown is not None and started_n == done_n and time.perf_counter() - quiet > 3:
            return shown, last_done, started_n
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {marker!r} within {server.timeout:.0f} s")


def start(made: Made, timeout: float, dirty: bool, log_file: Any) -> Server:
    port = _free_port()
    argv = [tool("mkdocs"), "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])]
    proc = subprocess.Popen(
        argv, cwd=made.root, stdout=log_file, stderr=subprocess.STDOUT, env=CHILD_ENV
    )
    return Server(proc, made.root / "serve.log", f"http://127.0.0.1:{port}/", timeout)


def measure_serve(made: Made, timeout: float = 300, dirty: bool = False) -> dict[str, Any]:
    """Start `mkdocs serve`, edit a note and an interview, time each reload.

    With ``dirty``, `mkdocs serve --dirty`: only pages whose text changed are rebuilt."""
    root = made.root
    with open(root / "serve.log", "wb") as log_file:
        started = time.perf_counter()
        server = start(made, timeout, dirty, log_file)
        try:
            server.wait_for(server.base)
            startup = time.perf_counter() - started
            time.sleep(1.0)  # let the file watcher settle
            # 1. A term note: used by the seed and by about half the synthetic interviews.
            marker = f"scalemarker{int(time.time())}n"
            note = edit(
                server, root / "sources" / "notes" / "tvi.md", marker, server.base + "notes/"
            )
            # 2. One interview's text.
            slug = made.slugs[len(made.slugs) // 2]
            md = root / "sources" / "interviews" / slug / "interview.md"
            page = edit(server, md, marker.replace("n", "i"), f"{server.base}interviews/{slug}/")
        finally:
            server.stop()
    fields = {"interviews": len(made.slugs), "startup_s": round(startup, 2)}
    for name, (shown, settled, builds) in (("note", note), ("interview", page)):
        fields |= {
            f"{name}_reload_s": round(shown, 2),
            f"{name}_settled_s": round(settled, 2),
            f"{name}_rebuilds": builds,
        }
    prefix = "serve_dirty_" if dirty else "serve_"
    return {prefix + key: value for key, value in fields.items()}


def main(argv: list[str] | None = None) -> int:
    parser = arguments(__doc__.split("\n\n")[0])
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    for n in args.n or [100]:
        made, root = with_site(n, args)
        try:
            log(f"N={n}: mkdocs serve reload latency, then with --dirty")
            line = measure_serve(made) | measure_serve(made, dirty=True)
            print(json.dumps(line), flush=True)
        finally:
            done_with(root, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
