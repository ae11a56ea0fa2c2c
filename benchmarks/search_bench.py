"""Search on a throttled phone: Pagefind against Material's search (issue 17).

For each N this script makes the same throwaway site as benchmarks/scale.py
(`sites.make_project`, as scale.py: the seed interview and N - 1 synthetic ones), builds
it twice with `mkdocs build`:

* with Pagefind, as the repository configures it (`extra: pagefind: true`),
  then times `sourcegen search` over the built site on its own;
* with Material's search (the same config with `pagefind: false`), up to
  `--material-max` interviews: beyond that its index is too big to be worth a
  phone's download, and to wait for here.

Each site is served on loopback, gzipped as GitHub Pages serves it. For each
query, a fresh headless Chromium context (empty cache, 390 px wide) has its
CPU slowed 4× (CDP `Emulation.setCPUThrottlingRate`) and a slow 4G link
(CDP `Network.emulateNetworkConditions`: 1.6 Mbit/s down, 750 kbit/s up,
150 ms latency). It opens the home page, waits for its load event, opens
search with the header's search button and enters the query (at once, as
pasted; `--keys` types it key by key, which costs Pagefind the index chunks
of the prefixes its debounce lets through), and measures the time from
opening search to the first result shown, and the bytes (as sent, compressed) and requests the
search needed: Material's search index, worker and lunr files, or
Pagefind's files and the box's script.

`tap_to_result_s` is the same span on the page's own clock: from the tap's
pointerdown to the first result's insertion, without the time Playwright
takes to dispatch the tap and to notice the result. `--timeline` adds, per
query, each search request (sent, last byte, bytes; the worker's included)
and the box's `performance.mark`s (module loaded, search asked, Pagefind's
result count and timings, first result shown), in seconds from the tap.

A 10,000-interview site takes minutes to build: `--site DIR` builds it once
into DIR and keeps it, and measures it again, without building, when DIR
holds one (with the box's current script and CSS copied in; `--reindex`
runs `sourcegen search` over it again).

One JSON line per N and engine goes to stdout; progress goes to stderr.

    python benchmarks/search_bench.py --n 10                    # smoke run
    python benchmarks/search_bench.py --n 100 --n 1000          # as in CI
    python benchmarks/search_bench.py --n 10000 --material-max 1000
    python benchmarks/search_bench.py --n 10000 --site /tmp/s10k --timeline  # again: no build
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
QUERIES = ("cybersecurity", "thermal imaging", "Techpoint")
"""A word on almost every page, two words on some, and a word only a note has."""
CHROMIUM = os.environ.get("SOURCEGEN_CHROMIUM") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 750e3 / 8,
}
CPU_SLOWDOWN = 4
COMPRESS = (".html", ".json", ".js", ".css", ".svg", ".xml", ".txt")
"""What GitHub Pages gzips. Pagefind's own files (.pf_*, .pagefind) are gzipped already."""


def load_sites() -> ModuleType:
    """benchmarks/sites.py as a module: the site maker scale.py and build_bench.py use."""
    spec = importlib.util.spec_from_file_location("sites", HERE / "sites.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("benchmarks/sites.py: cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def _log(msg: str) -> None:
    print(f"[search] {msg}", file=sys.stderr, flush=True)


# -- building ----------------------------------------------------------------


def material_config(root: Path) -> str:
    """Write mkdocs-material.yml: the site's config with Pagefind off. Returns its name."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^(\s*)pagefind: true\b", r"\1pagefind: false", text)
    if count != 1:
        raise RuntimeError("mkdocs.yml: expected one `pagefind: true` under `extra:`")
    (root / "mkdocs-material.yml").write_text(text, encoding="utf-8")
    return "mkdocs-material.yml"


def mkdocs_build(root: Path, config: str, site: Path) -> float:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / config), "-d", str(site)],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=7200,
    )
    if proc.returncode != 0:
        raise RuntimeError(
            f"mkdocs build -f {config} exited {proc.returncode}:\n{proc.stderr[-3000:]}"
        )
    return time.perf_counter() - started


def pagefind_index(site: Path) -> float:
    """`sourcegen search SITE` (again, over the site mkdocs build indexed): its wall time."""
    started = time.perf_counter()
    proc = subprocess.run(
        [load_sites().tool("sourcegen"), "search", str(site)],
        capture_output=True,
        text=True,
        timeout=7200,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"sourcegen search exited {proc.returncode}: {proc.stderr.strip()}")
    return time.perf_counter() - started


def tree_bytes(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


# -- serving -----------------------------------------------------------------


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


# -- measuring in the browser ----------------------------------------------------


def is_search_request(engine: str, path: str) -> bool:
    if engine == "pagefind":
        return path.startswith("/pagefind/") or path.endswith("/sourcegen-search.js")
    return any(
        p in path for p in ("/search/search_index", "/javascripts/workers/", "/javascripts/lunr/")
    )


MARKS = """(() => {
  const t = (window.__sgBench = {});
  addEventListener("pointerdown", () => { t.tap = t.tap || Date.now(); }, true);
  new MutationObserver(() => {
    if (!t.first && document.querySelector(".md-search-result__item")) t.first = Date.now();
  }).observe(document, { childList: true, subtree: true });
})();"""
"""The page's own clock (epoch ms): the tap's pointerdown and the first result's insertion."""


def in_page(page: Any) -> float | None:
    """Tap to first result on the page's own clock: from its pointerdown to the
    result's insertion, without the time Playwright takes to dispatch the tap
    and to notice the result (which `first_results_s` includes)."""
    t = page.evaluate("() => window.__sgBench")
    if not t.get("tap") or not t.get("first"):
        return None
    return round((float(t["first"]) - float(t["tap"])) / 1000, 2)


def timeline(
    page: Any, base: str, finished: list[Any], sent: list[tuple[str, int]]
) -> dict[str, Any]:
    """Where a query's time went, in seconds from the tap (`--timeline`).

    Each request search made, from being sent to its last byte (the worker's
    included, which Playwright reports with the page's), with the bytes the
    server sent for it; and the box's `performance.mark`s (`sg-search:*`),
    which place the CPU work between the requests.
    """
    clock = page.evaluate(
        """() => ({
          tap: window.__sgBench.tap, first: window.__sgBench.first,
          marks: performance.getEntriesByType("mark")
            .filter((m) => m.name.startsWith("sg-search:"))
            .map((m) => [m.name.slice(10), performance.timeOrigin + m.startTime, m.detail]),
        })"""
    )
    tap = clock["tap"]
    sizes: dict[str, list[int]] = {}
    for path, n in sent:
        sizes.setdefault(path, []).append(n)

    def at(ms: float) -> float:
        return round((float(ms) - float(tap)) / 1000, 3)

    requests = []
    # A file's bytes go to the first request for it; a second (Pagefind's, after
    # the box's prefetch) is answered from the HTTP cache or waits for the first.
    for r in sorted(finished, key=lambda r: float(r.timing["startTime"])):
        path = "/" + r.url[len(base) :] if r.url.startswith(base) else r.url
        if not path.startswith("/pagefind/") and "sourcegen-search" not in path:
            continue
        start = r.timing["startTime"]
        if start < tap:
            continue
        took = sizes.get(path) or sizes.get(path.split("?")[0]) or []
        requests.append(
            [at(start), at(start + r.timing["responseEnd"]), path, took.pop(0) if took else None]
        )
    requests.sort(key=lambda row: row[0])
    return {
        "first_result_s": at(clock["first"]) if clock["first"] else None,
        "requests": requests,
        "marks": [
            [at(ms), name, *([detail] if detail else [])]
            for name, ms, detail in clock["marks"]
            if ms >= tap
        ],
    }


def measure_query(
    browser: Any,
    base: str,
    sent: list[tuple[str, int]],
    engine: str,
    query: str,
    timeout_s: float,
    keys: bool = False,
    trace: bool = False,
) -> dict[str, Any]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        context.add_init_script(MARKS)
        page = context.new_page()
        offsite: list[str] = []
        page.on(
            "request",
            lambda r: None if r.url.startswith((base, "data:", "blob:")) else offsite.append(r.url),
        )
        finished: list[Any] = []  # Playwright reports the worker's requests here too
        page.on("requestfinished", lambda r: finished.append(r))
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        sent.clear()
        page.goto(base, wait_until="load", timeout=timeout_s * 1000)
        box = ".sg-search" if engine == "pagefind" else "[data-md-component=search]"
        ms = timeout_s * 1000
        opened = time.perf_counter()
        page.locator("label.md-header__button[for=__search]").click()  # the phone's search button
        field = page.locator(f"{box} input.md-search__input")
        if engine == "material":
            # Material drops what is typed while its index loads: wait, as a reader would.
            page.wait_for_function(
                "() => !/Initializing/i.test(document.querySelector"
                "('.md-search-result__meta').textContent)",
                timeout=ms,
                polling=100,
            )
        if keys:
            field.press_sequentially(query)  # key by key, as fast as the throttled page takes them
        else:
            field.fill(query)  # the whole query at once, as pasted
            field.press("End")  # a key, for Material, which searches on keyup
        typed = time.perf_counter()
        page.wait_for_selector(f"{box} .md-search-result__item", state="attached", timeout=ms)
        first = time.perf_counter()
        results = page.locator(f"{box} .md-search-result__item").count()
        page.wait_for_timeout(500)  # what the query still fetches after its first results
        search = [(p, n) for p, n in list(sent) if is_search_request(engine, p)]
        extra = {"timeline": timeline(page, base, finished, sent)} if trace else {}
        return {
            "query": query,
            "first_results_s": round(first - opened, 2),
            "after_typing_s": round(first - typed, 2),
            "tap_to_result_s": in_page(page),
            "search_bytes": sum(n for _, n in search),
            "search_requests": len(search),
            "page_bytes": sum(n for _, n in sent) - sum(n for _, n in search),
            "results_shown": results,
            "offsite_requests": len(offsite),
            **extra,
        }
    finally:
        context.close()


def browse(
    site: Path,
    engine: str,
    queries: tuple[str, ...],
    timeout_s: float,
    keys: bool = False,
    trace: bool = False,
    no_worker: bool = False,
) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    out: list[dict[str, Any]] = []
    with serve(site, no_worker) as (base, sent), sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM if os.path.isfile(CHROMIUM) else None,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            for query in queries:
                try:
                    out.append(
                        measure_query(browser, base, sent, engine, query, timeout_s, keys, trace)
                    )
                except Exception as exc:  # a timeout is a result: it did not work in time
                    first_line = str(exc).splitlines()[0] if str(exc) else ""
                    out.append({"query": query, "error": f"{type(exc).__name__}: {first_line}"})
                _log(f"  {engine} {query!r}: {out[-1]}")
        finally:
            browser.close()
    return out


# -- one N -------------------------------------------------------------------


def pagefind_row(site: Path, interviews: int) -> dict[str, Any]:
    """What a Pagefind site's row says about its index, read from disk."""
    size, files = tree_bytes(site / "pagefind")
    index_only = sum(
        p.stat().st_size
        for sub in ("index", "fragment")
        for p in (site / "pagefind" / sub).glob("*")
        if p.is_file()
    )
    return {
        "interviews": interviews,
        "engine": "pagefind",
        "html_pages": sum(1 for _ in site.rglob("index.html")),
        "index_bytes": size,
        "index_files": files,
        "index_chunks_and_fragments_bytes": index_only,
    }


def reuse_site(site: Path, *, reindex: bool) -> dict[str, Any]:
    """A Pagefind site built by an earlier `--site` run, with the box's current files.

    The site's HTML stays as built; the box's script and CSS are copied from
    docs/assets/ (so a change to them is measured without a rebuild), and
    with `reindex` `sourcegen search` runs over it again (timed).
    """
    for name in ("sourcegen-search.js", "sourcegen-search.css"):
        shutil.copyfile(HERE.parent / "docs" / "assets" / name, site / "assets" / name)
    index_s = pagefind_index(site) if reindex else None
    interviews = sum(1 for _ in (site / "interviews").glob("*/index.html"))
    row = pagefind_row(site, interviews)
    return {**row, "reused_site": True, "index_s": round(index_s, 2) if index_s else None}


def measure(
    n: int,
    *,
    material: bool,
    queries: tuple[str, ...],
    corpus: Path | None,
    workdir: Path | None,
    keep: bool,
    timeout_s: float,
    keys: bool = False,
    trace: bool = False,
    site_dir: Path | None = None,
    reindex: bool = False,
    no_worker: bool = False,
) -> Iterator[dict[str, Any]]:
    typing = "keys" if keys else "paste"
    if site_dir is not None and (site_dir / "index.html").is_file():
        _log(f"N={n}: reusing {site_dir}")
        row = reuse_site(site_dir, reindex=reindex)
        _log(f"N={row['interviews']}: {row['html_pages']} pages; Pagefind in the browser")
        yield {
            **row,
            "typing": typing,
            "worker": not no_worker,
            "queries": browse(site_dir, "pagefind", queries, timeout_s, keys, trace, no_worker),
        }
        return
    scale = load_sites()
    root = Path(tempfile.mkdtemp(prefix=f"sourcegen-search-{n}-", dir=workdir))
    try:
        _log(f"N={n}: synthesising into {root}")
        made = scale.make_project(root, n, corpus=corpus)
        _log(f"N={n}: mkdocs build with Pagefind")
        site = site_dir or root / "site-pagefind"
        build_s = mkdocs_build(root, "mkdocs.yml", site)
        index_s = pagefind_index(site)
        row = pagefind_row(site, len(made.slugs))
        _log(f"N={n}: {row['html_pages']} pages; Pagefind in the browser")
        yield {
            **row,
            "mkdocs_build_s": round(build_s, 2),
            "index_s": round(index_s, 2),
            "typing": typing,
            "worker": not no_worker,
            "queries": browse(site, "pagefind", queries, timeout_s, keys, trace, no_worker),
        }
        if not material:
            return
        _log(f"N={n}: mkdocs build with Material's search")
        msite = root / "site-material"
        mbuild_s = mkdocs_build(root, material_config(root), msite)
        data = (msite / "search" / "search_index.json").read_bytes()
        yield {
            "interviews": len(made.slugs),
            "engine": "material",
            "html_pages": row["html_pages"],
            "mkdocs_build_s": round(mbuild_s, 2),
            "index_bytes": len(data),
            "index_gzip_bytes": len(gzip.compress(data, 6)),
            "typing": typing,
            "queries": browse(msite, "material", queries, timeout_s, keys, trace),
        }
    finally:
        if keep:
            _log(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--n",
        type=int,
        action="append",
        help="interviews, the seed included (repeatable; default 100, 1000)",
    )
    parser.add_argument(
        "--material-max",
        type=int,
        default=1000,
        help="measure Material's search only up to this many interviews (default 1000)",
    )
    parser.add_argument("--query", action="append", help=f"repeatable; default {list(QUERIES)}")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="extra *.txt texts for the synthetic interviews (default: scale.py's)",
    )
    parser.add_argument("--workdir", type=Path, default=None, help="where temporary sites go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary sites")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for results")
    parser.add_argument(
        "--keys",
        action="store_true",
        help="type each query key by key (default: enter it at once, as pasted)",
    )
    parser.add_argument(
        "--site",
        type=Path,
        default=None,
        help="with one --n: build the Pagefind site into DIR and keep it, or, if DIR "
        "holds one already, measure it again without building (Material is not measured)",
    )
    parser.add_argument(
        "--reindex",
        action="store_true",
        help="with --site, on a site built before: run `sourcegen search` over it again",
    )
    parser.add_argument(
        "--timeline",
        action="store_true",
        help="add each query's requests and the box's marks, in seconds from the tap",
    )
    parser.add_argument(
        "--no-worker",
        action="store_true",
        help="serve pagefind.js with its web worker off, so that the CPU slowdown, "
        "which Chromium applies to the page's main thread only, covers Pagefind's work too",
    )
    args = parser.parse_args(argv)
    if args.site is not None and len(args.n or []) != 1:
        print(f"error: --site expects exactly one --n, found {len(args.n or [])}", file=sys.stderr)
        return 2
    if not os.path.isfile(CHROMIUM) and not shutil.which("chromium"):
        print(
            f"error: expected Chromium at {CHROMIUM} (or SOURCEGEN_CHROMIUM), found none",
            file=sys.stderr,
        )
        return 1
    corpus = args.corpus if args.corpus is not None else load_sites().DEFAULT_CORPUS
    for n in args.n or [100, 1000]:
        for line in measure(
            n,
            material=n <= args.material_max and args.site is None,
            queries=tuple(args.query or QUERIES),
            corpus=corpus,
            workdir=args.workdir,
            keep=args.keep,
            timeout_s=args.timeout,
            keys=args.keys,
            trace=args.timeline,
            no_worker=args.no_worker,
            site_dir=args.site,
            reindex=args.reindex,
        ):
            print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
