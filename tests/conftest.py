"""Shared fixtures: the repository root and a throwaway copy of the site skeleton."""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def repo_root() -> Path:
    return ROOT


def copy_skeleton(dest: Path, with_sources: bool = True) -> Path:
    """A site folder like the repository's: mkdocs.yml, hand-written docs, overrides."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    (dest / "includes").mkdir()
    (dest / "docs").mkdir()
    for name in ("index.md", "about.md"):
        shutil.copy(ROOT / "docs" / name, dest / "docs" / name)
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets")
    if with_sources:
        shutil.copytree(ROOT / "sources", dest / "sources")
    else:
        (dest / "sources" / "interviews").mkdir(parents=True)
        (dest / "sources" / "notes").mkdir()
    return dest


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the repository's site with its sources, in a temporary folder."""
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
