"""Under `mkdocs serve`, a build error shows in the browser, and the next good save replaces it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI_NOTE, copy_skeleton, write_mini_site

pytestmark = pytest.mark.browser

BROKEN = MINI_NOTE.replace("match: [market]", 'match: "<b>market</b>"')
"""A note whose `match:` (line 6) is not a list, and is markup that must show as text."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(what: str, test: Callable[[], bool], timeout: float = 90.0) -> None:
    """Poll ``test`` until it holds; fail saying ``what`` did not happen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if test():
            return
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """`mkdocs serve` on a one-interview fixture site, on a free loopback port."""
    site = write_mini_site(copy_skeleton(tmp_path / "site", with_sources=False))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base},
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def up() -> bool:
        assert proc.poll() is None, (tmp_path / "serve.log").read_text()
        try:
            with urllib.request.urlopen(base, timeout=5):
                return True
        except (urllib.error.URLError, OSError):
            return False

    try:
        wait_for("mkdocs serve to answer", up)
        yield site, base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def shown(page: Any, url: str) -> str:
    page.goto(url, timeout=30_000)
    return str(page.inner_text("article"))


def test_a_broken_note_shows_in_the_browser_until_fixed(
    new_context: Any, served: tuple[Path, str]
) -> None:
    """new_context first: where there is no Chromium it skips before a server starts."""
    site, base = served
    context, _ = new_context()
    page = context.new_page()
    url = base + "interviews/acme/"
    assert "Cameras are great" in shown(page, url)

    note = site / "sources" / "notes" / "market.md"
    note.write_text(BROKEN, encoding="utf-8")
    wait_for("the error page", lambda: "The site did not build" in shown(page, url))
    text = shown(page, url)
    assert "sources/notes/market.md, line 6" in text
    assert "expected a list of non-empty strings, found '<b>market</b>'" in text
    assert "Fix the file at the line named and save it" in text
    assert page.locator("article b").count() == 0  # the file's markup stays text

    note.write_text(MINI_NOTE, encoding="utf-8")
    wait_for("the fixed page", lambda: "Cameras are great" in shown(page, url))
    assert "The site did not build" not in shown(page, url)
