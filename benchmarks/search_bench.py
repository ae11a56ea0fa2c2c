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
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sites
from phone import CHROMIUM, browse, log

HERE = Path(__file__).resolve().parent
QUERIES = ("cybersecurity", "thermal imaging", "Techpoint")
"""A word on almost every page, two words on some, and a word only a note has."""


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
        [sites.tool("sourcegen"), "search", str(site)],
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
        "pagefind_version": json.loads((site / "pagefind" / "pagefind-entry.json").read_bytes())[
            "version"
        ],
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


def material_row(root: Path, pagefind: dict[str, Any]) -> dict[str, Any]:
    """Build the same site with Material's search (into root/site-material): its row."""
    log(f"N={pagefind['interviews']}: mkdocs build with Material's search")
    msite = root / "site-material"
    build_s = mkdocs_build(root, material_config(root), msite)
    data = (msite / "search" / "search_index.json").read_bytes()
    return {
        "interviews": pagefind["interviews"],
        "engine": "material",
        "html_pages": pagefind["html_pages"],
        "mkdocs_build_s": round(build_s, 2),
        "index_bytes": len(data),
        "index_gzip_bytes": len(gzip.compress(data, 6)),
    }


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
        log(f"N={n}: reusing {site_dir}")
        row = reuse_site(site_dir, reindex=reindex)
        log(f"N={row['interviews']}: {row['html_pages']} pages; Pagefind in the browser")
        yield {
            **row,
            "typing": typing,
            "worker": not no_worker,
            "queries": browse(site_dir, "pagefind", queries, timeout_s, keys, trace, no_worker),
        }
        return
    root = Path(tempfile.mkdtemp(prefix=f"sourcegen-search-{n}-", dir=workdir))
    try:
        log(f"N={n}: synthesising into {root}")
        made = sites.make_project(root, n, corpus=corpus)
        log(f"N={n}: mkdocs build with Pagefind")
        site = site_dir or root / "site-pagefind"
        build_s = mkdocs_build(root, "mkdocs.yml", site)
        index_s = pagefind_index(site)
        row = pagefind_row(site, len(made.slugs))
        log(f"N={n}: {row['html_pages']} pages; Pagefind in the browser")
        yield {
            **row,
            "mkdocs_build_s": round(build_s, 2),
            "index_s": round(index_s, 2),
            "typing": typing,
            "worker": not no_worker,
            "queries": browse(site, "pagefind", queries, timeout_s, keys, trace, no_worker),
        }
        if material:
            mrow = material_row(root, row)
            msite = root / "site-material"
            yield {
                **mrow,
                "typing": typing,
                "queries": browse(msite, "material", queries, timeout_s, keys, trace),
            }
    finally:
        if keep:
            log(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def parser() -> argparse.ArgumentParser:
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.site is not None and len(args.n or []) != 1:
        print(f"error: --site expects exactly one --n, found {len(args.n or [])}", file=sys.stderr)
        return 2
    if not os.path.isfile(CHROMIUM) and not shutil.which("chromium"):
        print(
            f"error: expected Chromium at {CHROMIUM} (or SOURCEGEN_CHROMIUM), found none",
            file=sys.stderr,
        )
        return 1
    corpus = args.corpus if args.corpus is not None else sites.DEFAULT_CORPUS
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
