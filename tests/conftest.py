"""Shared fixtures: the repository root and a throwaway copy of the site skeleton."""

from __future__ import annotations

import http.server
import shutil
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
