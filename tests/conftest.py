"""Shared fixtures: the repository root, fixture sites and the optional corpus.

Nothing here reads the repository's own ``sources/`` or hand-written pages:
the tests build fixture sites (tests/fixtures/site/) with the repository's
tool files (mkdocs.yml's theme and extensions, overrides/, docs/assets/), so
they pass whatever interviews and notes an editor has put in ``sources/``.
"""

from __future__ import annotations

import http.server
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_SITE = FIXTURES / "site"
"""A snapshot of the seed site (interview, raw text, notes, glossary, home and
about pages); the tests pin its wording, so editors' changes to ``sources/``
never reach them."""
SEED_SLUG = "hikvision-president-chats-with-ssi"
SEED_RAW = FIXTURE_SITE / "sources" / "interviews" / SEED_SLUG / "raw.txt"
SITE_KEYS = yaml.safe_load((FIXTURE_SITE / "mkdocs.site.yml").read_text(encoding="utf-8"))
"""The fixture site's own mkdocs.yml keys: site_name, copyright, nav, ..."""
CORPUS_ENV = "SOURCEGEN_CORPUS"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--corpus",
        metavar="DIR",
        default=None,
        help=f"folder of scraped articles (*.txt) for the corpus tests; default ${CORPUS_ENV}",
    )


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def corpus(pytestconfig: pytest.Config) -> Path:
    """The external corpus of scraped articles; skips the test when none is given.

    Give it with ``python -m pytest --corpus DIR`` or ``SOURCEGEN_CORPUS=DIR``.
    """
    value = pytestconfig.getoption("corpus") or os.environ.get(CORPUS_ENV)
    if not value:
        pytest.skip(
            f"needs the article corpus: pass --corpus DIR or set {CORPUS_ENV}=DIR "
            "(a folder of scraped *.txt articles)"
        )
    folder = Path(value).expanduser().resolve()
    if not folder.is_dir():
        pytest.skip(f"corpus folder {folder} does not exist (from --corpus or {CORPUS_ENV})")
    return folder


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*):", re.M)


def _top_level_blocks(text: str) -> dict[str, str]:
    """Top-level keys of a YAML file -> their text, key line to the next key line."""
    starts = [(m.start(), m.group(1)) for m in _TOP_KEY.finditer(text)]
    ends = [s for s, _ in starts[1:]] + [len(text)]
    return {key: text[start:end] for (start, key), end in zip(starts, ends, strict=True)}


_TRAILING = re.compile(r"(?:\n(?:[ \t]*(?:#.*)?))*\Z")  # blank and comment lines at the end


def site_config(tool_config: str, site_keys: str) -> str:
    """``tool_config`` (a mkdocs.yml) with each top-level key of ``site_keys`` replaced.

    Keys are replaced as text, so tags such as ``!ENV`` and the comments of
    the other keys are kept; keys the tool configuration lacks are appended.
    """
    ours = {k: _TRAILING.sub("", b) for k, b in _top_level_blocks(site_keys).items()}
    out = tool_config
    for key, block in _top_level_blocks(tool_config).items():
        if key in ours:
            body = _TRAILING.sub("", block)
            out = out.replace(block, ours.pop(key) + block[len(body) :], 1)
    return out.rstrip("\n") + "\n" + "".join(f"\n{b}\n" for b in ours.values())


def copy_skeleton(dest: Path, with_sources: bool = True) -> Path:
    """A fixture site: the repository's tool files with the fixture site's content.

    From the repository: mkdocs.yml (with the site's own keys replaced by
    tests/fixtures/site/mkdocs.site.yml), overrides/ and docs/assets/. From
    tests/fixtures/site/: docs/index.md, docs/about.md and, with
    ``with_sources``, sources/ (the seed interview and its notes).
    """
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "mkdocs.yml").write_text(
        site_config(
            (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
            (FIXTURE_SITE / "mkdocs.site.yml").read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    (dest / "includes").mkdir()
    (dest / "docs").mkdir()
    for name in ("index.md", "about.md"):
        shutil.copy(FIXTURE_SITE / "docs" / name, dest / "docs" / name)
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets")
    if with_sources:
        shutil.copytree(FIXTURE_SITE / "sources", dest / "sources")
    else:
        (dest / "sources" / "interviews").mkdir(parents=True)
        (dest / "sources" / "notes").mkdir()
    return dest


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The fixture site (seed interview and its notes), in a temporary folder."""
    return copy_skeleton(tmp_path / "site")


@pytest.fixture
def empty_site(tmp_path: Path) -> Path:
    """The site skeleton with no interviews and no notes."""
    return copy_skeleton(tmp_path / "site", with_sources=False)


def send_404_page(handler: http.server.BaseHTTPRequestHandler, page: Path) -> bool:
    """Answer with the site's 404.html, as GitHub Pages does; False when it has none."""
    if not page.is_file():
        return False
    body = page.read_bytes()
    handler.send_response(404)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)
    return True


def run_mkdocs(root: Path, dest: str = "out", *args: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the site at ``root`` into ``root/dest``, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", dest, *args],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


# A one-interview, one-note site whose files the robustness tests know line by line.
MINI_SLUG = "acme"
MINI_INTERVIEW = """\
---
title: Acme Chief Talks Cameras
publication: The Daily Lens
speakers:
- {label: Lens, name: The Daily Lens, role: interviewer}
- {label: Jane Doe, name: Jane Doe, role: interviewee}
---

## What do you think about cameras? {#cameras}

**Jane Doe:** Cameras are great and the market grows every year.
"""
MINI_RAW = """\
Acme Chief Talks Cameras

What do you think about cameras?

Cameras are great and the market grows every year.
"""
MINI_NOTE = """\
---
id: market
title: The market
group: term
as_of: 2026-11-26
match: [market]
sources:
  - {title: A source, url: "https://example.org/", date: 2026}
---
The market is where cameras are sold.
"""


def write_mini_site(root: Path, note: str = MINI_NOTE) -> Path:
    """Put the mini site's interview, raw text and note into the skeleton at ``root``."""
    folder = root / "sources" / "interviews" / MINI_SLUG
    folder.mkdir(parents=True)
    (folder / "interview.md").write_text(MINI_INTERVIEW, encoding="utf-8")
    (folder / "raw.txt").write_text(MINI_RAW, encoding="utf-8")
    (root / "sources" / "notes" / "market.md").write_text(note, encoding="utf-8")
    return root
