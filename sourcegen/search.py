"""Site search by Pagefind: an index the browser fetches in small pieces.

Material's own search sends every reader the whole index (2.3 MB gzipped at
1,000 interviews) before the first result. Pagefind splits its index into
chunks by word and fetches only the chunks a query's words fall in, plus the
few page fragments it shows, so the bytes per query stay about the same
whatever the archive's size (figures: README, "Performance").

Pagefind reads the *built* HTML, so one function serves every build route:
the MkDocs plugin calls `index_site` after `mkdocs build`, and `sourcegen
search SITE` runs it after `zensical build` (which runs no MkDocs plugins).

The switch is `extra: pagefind: true` in mkdocs.yml because `extra` is the one
setting both MkDocs and Zensical hand to the templates: the search box in
overrides/partials/search.html and the indexing here must agree.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import search_chunks
from .errors import SourcegenError
from .fileio import cannot

BUNDLE = "pagefind"
"""The folder, inside the built site, that holds Pagefind's index and scripts."""

STAGING = ".pagefind-staging"
"""Where Pagefind writes before its bundle replaces BUNDLE whole. Pagefind adds to
its output folder without emptying it, so indexing a site again in place would
leave the last run's page list and chunks beside the new ones (found at 10,000
interviews: two page lists); and a run that fails leaves the last bundle as it was."""

ROOT_SELECTOR = "article.md-content__inner"
"""Only the page's article is indexed: not the header, navigation or footer."""

EXCLUDE = (
    ".headerlink",  # the ¶ after every heading
    # An interview's "Context notes" are copies of the notes page's notes:
    # indexed there, a note's words land on the note, not on the interview's last question.
    "div.footnote",
    "a.footnote-ref",  # the note numbers in the text
)

UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's own search UIs and highlighter, which sourcegen's box does not load
(docs/assets/sourcegen-search.js does both jobs): about 0.45 MB a deploy need not carry."""

GLOB = "**/index.html"
"""Every page but 404.html (with directory URLs, each page is a folder's index.html)."""


def enabled(extra: Mapping[str, Any] | None) -> bool:
    """Whether mkdocs.yml asks for Pagefind (`extra: pagefind: true`)."""
    return bool(extra and extra.get("pagefind") is True)


BINARY_VARIABLE = "SOURCEGEN_PAGEFIND"
"""An explicit Pagefind binary, before any other (benchmarks compare versions with it)."""

NPM_BINARY = Path("node_modules") / ".bin" / "pagefind"
"""Where `npm ci` puts the wrapper of the Pagefind that package-lock.json pins: a
Node script that finds the binary in the platform's package and runs it."""

NPM_PLATFORM_BINARIES = ("pagefind_extended", "pagefind", "pagefind_extended.exe", "pagefind.exe")
"""The binary's names in `node_modules/@pagefind/<platform>/bin/`, in the wrapper's order
of preference. npm installs only the platform package that matches the machine."""


def npm_pagefind(folder: Path) -> Path | None:
    """The Pagefind that `npm ci` installed in `folder`: the platform package's
    binary itself (starting it through the Node wrapper costs 0.4 s a run here),
    else the wrapper; None without either."""
    for bin_dir in sorted((folder / "node_modules" / "@pagefind").glob("*/bin")):
        for name in NPM_PLATFORM_BINARIES:
            if (bin_dir / name).is_file():
                return bin_dir / name
    wrapper = folder / NPM_BINARY
    return wrapper if wrapper.is_file() else None


def find_pagefind(project: Path | None = None) -> Path:
    """The Pagefind binary to index with, the first of:

    1. `$SOURCEGEN_PAGEFIND`;
    2. what `npm ci` installed in the project folder (mkdocs.yml's), else in
       the current one (`npm_pagefind`): Pagefind 1.6.0, pinned by
       package-lock.json. It is preferred because 1.5.2's search scans every
       place of a word for every page the word is on: a word on 9,142 of
       10,004 pages took 1.40-1.66 s in 1.5.2's worker, 0.25-0.26 s in 1.6.0's
       (README, "Search on a phone"). npm serves 1.6.0; PyPI has 1.5.2 only;
    3. the `pagefind-bin` wheel that pip installs with sourcegen (1.5.2);
    4. `pagefind` on PATH.
    """
    explicit = os.environ.get(BINARY_VARIABLE)
    if explicit:
        if not Path(explicit).is_file():
            raise SourcegenError(
                None,
                None,
                f"expected {BINARY_VARIABLE} to name the Pagefind binary, found no file at {explicit}",
            )
        return Path(explicit)
    for folder in (project, Path.cwd()):
        npm = npm_pagefind(folder) if folder is not None else None
        if npm is not None:
            return npm
    try:
        import pagefind_bin

        found: Path | None = pagefind_bin.get_executable()
    except (ImportError, FileNotFoundError):
        found = None
    if found is None:
        on_path = shutil.which("pagefind")
        found = Path(on_path) if on_path else None
    if found is None:
        raise SourcegenError(
            None,
            None,
            "expected the Pagefind binary (`npm ci` for 1.6.0, or "
            "pip install 'pagefind[bin]==1.5.2'), found none in node_modules, "
            "the pagefind-bin package or PATH",
        )
    return found


@dataclass(frozen=True, slots=True)
class Indexed:
    pages: int
    words: int
    seconds: float | None
    bundle: Path
    version: str
    """The Pagefind that wrote the bundle, from its entry file."""


def _run_pagefind(site_dir: Path, project: Path | None) -> str:
    """Pagefind's output over the site (its bundle in STAGING), or a SourcegenError
    with its last line."""
    binary = find_pagefind(project)
    argv = [
        str(binary),
        "--site",
        str(site_dir),
        "--output-subdir",
        STAGING,
        "--root-selector",
        ROOT_SELECTOR,
        "--glob",
        GLOB,
        "--exclude-selectors",
        ", ".join(EXCLUDE),
    ]
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=3600)
    except OSError as exc:
        raise SourcegenError(binary, None, f"expected to run Pagefind, found: {exc}") from exc
    out = proc.stdout + proc.stderr
    if proc.returncode != 0:
        last = [line for line in out.splitlines() if line.strip()][-1:] or ["no output"]
        raise SourcegenError(
            site_dir, None, f"Pagefind exited {proc.returncode}: {last[0].strip()}"
        )
    return out


def index_site(site_dir: Path, project: Path | None = None) -> Indexed:
    """Run Pagefind over a built site; its bundle goes to SITE/pagefind/.

    `project`: a folder whose node_modules may hold the pinned Pagefind
    (mkdocs.yml's; the current folder's is looked at next).

    Raises SourcegenError (one line) if the folder is not a built site, the
    binary is missing, or Pagefind fails or indexes nothing.
    """
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise SourcegenError(
            site_dir,
            None,
            "expected a built site (a folder with index.html, e.g. `site` after "
            "`mkdocs build` or `zensical build`), found none",
        )
    staging, bundle = site_dir / STAGING, site_dir / BUNDLE
    _remove(staging)
    try:
        out = _run_pagefind(site_dir, project)
        pages = _count(r"Indexed (\d+) pages?", out)
        if not pages:
            raise SourcegenError(
                site_dir,
                None,
                f"expected Pagefind to index pages with `{ROOT_SELECTOR}`, found none "
                "(is this a Material or Zensical site?)",
            )
        prune(staging)
        unrecut = _recut(staging, bundle)
        _install(staging, bundle)
    finally:
        _remove(staging)
    if unrecut:  # the bundle is Pagefind's own, complete: search works, unimproved
        raise unrecut
    seconds = re.search(r"Finished in ([\d.]+) seconds", out)
    return Indexed(
        pages,
        _count(r"Indexed (\d+) words?", out),
        float(seconds[1]) if seconds else None,
        site_dir / BUNDLE,
        str(json.loads((site_dir / BUNDLE / "pagefind-entry.json").read_bytes()).get("version")),
    )


def _recut(staging: Path, bundle: Path) -> SourcegenError | None:
    """Re-cut the staged bundle's chunks; the error (naming the bundle's final
    place) if its index cannot be read, which leaves it as Pagefind wrote it."""
    try:
        search_chunks.recut(staging)
    except (ValueError, LookupError, TypeError, OSError) as exc:  # CBORDecodeError is a ValueError
        return SourcegenError(
            bundle,
            None,
            f"expected the index of Pagefind {' or '.join(search_chunks.VERSIONS)} "
            f"to re-cut its chunks, found: {exc}",
        )
    return None


def _install(staging: Path, bundle: Path) -> None:
    """Put the staged bundle in the last one's place (two renames: the site is
    without a bundle only between them)."""
    old = bundle.with_name(bundle.name + ".old")
    _remove(old)
    try:
        if bundle.exists():
            bundle.rename(old)
        staging.rename(bundle)
    except OSError as exc:
        raise cannot(bundle, "replace the search bundle", exc) from exc
    _remove(old)


def _remove(folder: Path) -> None:
    try:
        shutil.rmtree(folder)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise cannot(folder, "remove", exc) from exc


def prune(bundle: Path) -> list[str]:
    """Delete what the box never fetches from a fresh bundle; the names deleted.

    That is Pagefind's UI files (`UNUSED`) and the WebAssembly of languages
    the index has none of: Pagefind writes `wasm.unknown.pagefind` and one per
    stemmer language, and loads the one its entry file names for the page's
    language (or `unknown` for a language without a stemmer).
    """
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    wanted = {
        f"wasm.{lang.get('wasm') or 'unknown'}.pagefind" for lang in entry["languages"].values()
    }
    gone = [p for p in bundle.iterdir() if p.is_file() and p.name in UNUSED]
    gone += [p for p in bundle.glob("wasm.*.pagefind") if p.name not in wanted]
    for path in gone:
        path.unlink()
    return sorted(p.name for p in gone)


def _count(pattern: str, text: str) -> int:
    m = re.search(pattern, text)
    return int(m[1]) if m else 0


FRAGMENT_SIGNATURE = b"pagefind_dcd"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
"""Pagefind makes a sub-result of each heading with an id (its `anchors` also list other ids)."""


def read_fragments(bundle: Path) -> list[dict[str, Any]]:
    """Every page Pagefind indexed, as it stored it: url, content, meta, anchors.

    For checks and tests: what a search can return (a page's url, and a
    sub-result for each of its headings with an id, at `url#id`). Each
    fragment is gzipped JSON after a signature.
    """
    import gzip
    import json

    pages = []
    for path in sorted((Path(bundle) / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if data.startswith(FRAGMENT_SIGNATURE):
            data = data[len(FRAGMENT_SIGNATURE) :]
        pages.append(json.loads(data))
    return pages


def landing(page: Mapping[str, Any], word: str) -> list[str]:
    """The sub-result urls (`url#id`) where `word` is found in a page's indexed text.

    A word belongs to the last heading with an id at or before it, as Pagefind
    groups its sub-results; before any such heading, to the page itself.
    """
    words = str(page["content"]).split()
    anchors = sorted(
        (a for a in page.get("anchors", []) if a.get("id") and a.get("element") in HEADINGS),
        key=lambda a: int(a["location"]),
    )
    found = []
    for at, text in enumerate(words):
        if word.lower() not in text.lower():
            continue
        owner = [a for a in anchors if int(a["location"]) <= at]
        found.append(f"{page['url']}#{owner[-1]['id']}" if owner else str(page["url"]))
    return found
