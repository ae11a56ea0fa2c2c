"""Browser-test fixtures: the fixture site built once per session, served on
loopback, and Chromium pages that record every request they make.

The site is tests/fixtures/site/ (the seed interview and its notes) with the
repository's theme files, as conftest.copy_skeleton makes it, never the
repository's own sources/: editors' changes to interviews and notes do not
change what these tests see. A test that needs another note or interview adds
it to tests/fixtures/site/.

Chromium is found at $SOURCEGEN_CHROMIUM (if that file exists; CI points it
at the runner's Chrome), /usr/bin/chromium, or `chromium` on PATH. The test
modules skip, saying so, when there is none or when $SOURCEGEN_NO_BROWSER is
set (.ci/run sets it for its second run, in a fresh clone).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_skeleton, send_404_page

INTERVIEW = "interviews/hikvision-president-chats-with-ssi/"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE_VERSION = "4.14.1"
MKDOCS_BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]


def find_chromium() -> str | None:
    """The Chromium to test with; None (tests skip) without one or with $SOURCEGEN_NO_BROWSER."""
    if os.environ.get("SOURCEGEN_NO_BROWSER"):
        return None
    candidates = [os.environ.get("SOURCEGEN_CHROMIUM", ""), "/usr/bin/chromium"]
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return shutil.which("chromium")


def skip_module_without_browser() -> None:
    """Called at the top of every browser test module: skip it, saying why, where
    there is no Chromium or no playwright (before playwright is imported)."""
    if find_chromium() is None:
        pytest.skip(
            "browser tests need Chromium: /usr/bin/chromium or `chromium` on PATH not found "
            "(apt-get install -y chromium), or SOURCEGEN_NO_BROWSER is set",
            allow_module_level=True,
        )
    pytest.importorskip(
        "playwright.sync_api", reason="browser tests need playwright (pip install -e '.[test]')"
    )


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, and 404.html for anything missing, as GitHub Pages does."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if not (code == 404 and send_404_page(self, Path(self.directory) / "404.html")):
            super().send_error(code, message, explain)


@dataclass
class Site:
    base: str  # http://127.0.0.1:PORT/
    root: Path  # the built site

    def url(self, rel: str = "") -> str:
        return urllib.parse.urljoin(self.base, rel)

    def pages(self) -> list[str]:
        """Every HTML page, as a path relative to the base ('' for the home page)."""
        out = []
        for path in sorted(self.root.rglob("*.html")):
            rel = path.relative_to(self.root).as_posix()
            out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        return out


def build_for(root: Path, out: Path, base: str) -> None:
    """`mkdocs build --strict` of the project at ``root`` into ``out``, for the
    address ``base`` it is served at (its site_url); fails the test with
    MkDocs' output if the build fails."""
    proc = subprocess.run(
        [*MKDOCS_BUILD, "-f", str(root / "mkdocs.yml"), "-d", str(out)],
        cwd=root,
        env=dict(os.environ, SITE_URL=base, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}"


@contextlib.contextmanager
def serving(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port, as GitHub Pages would (its
    404.html for anything missing); yields the base URL, ending in ``/``.

    The port is bound before anything is served, so a site can be built into
    ``directory`` inside the block with this URL as its ``site_url``."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The fixture site, built once into a temporary folder and served on loopback."""
    root = copy_skeleton(tmp_path_factory.mktemp("browser-src") / "site")
    out = tmp_path_factory.mktemp("browser-site")
    with serving(out) as base:
        build_for(root, out, base)
        yield Site(base=base, root=out)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = find_chromium()
    if executable is None:
        pytest.skip(
            "no Chromium: install it with `apt-get install -y chromium` (or SOURCEGEN_NO_BROWSER is set)"
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Traffic:
    """What a browser context asked for, and what went wrong in its pages."""

    requests: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def check(self) -> None:
        assert not self.offsite, "requests left the origin:\n" + "\n".join(self.offsite)
        assert not self.errors, "script errors:\n" + "\n".join(self.errors)


def is_local(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in LOCAL_HOSTS


@pytest.fixture
def new_context(browser: Any) -> Iterator[Any]:
    """Factory for browser contexts that record every request and block off-site ones.

    Each test's contexts are checked at teardown: any request to a host other
    than 127.0.0.1/localhost, or any uncaught script error, fails the test.
    """
    made: list[tuple[Any, Traffic]] = []

    def make(**options: Any) -> tuple[Any, Traffic]:
        context = browser.new_context(**options)
        traffic = Traffic()

        def on_request(request: Any) -> None:
            traffic.requests.append(request.url)
            if not is_local(request.url):
                traffic.offsite.append(request.url)

        def route(route: Any) -> None:
            if is_local(route.request.url):
                route.continue_()
            else:
                route.abort()  # recorded by on_request; never let it out

        context.on("request", on_request)
        context.route("**/*", route)
        context.on("weberror", lambda err: traffic.errors.append(str(err.error)))
        made.append((context, traffic))
        return context, traffic

    yield make
    for context, _ in made:
        context.close()
    for _, traffic in made:
        traffic.check()


@pytest.fixture
def page(new_context: Any) -> Any:
    """A desktop-sized page (1280x800) in a fresh, recorded context."""
    context, _ = new_context(viewport={"width": 1280, "height": 800})
    return context.new_page()


@pytest.fixture(scope="session")
def axe_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """axe.min.js from npm (axe-core, pinned), cached per version.

    Browser tests skip only where there is no Chromium; without npm or the
    package, the accessibility tests fail rather than pass unchecked."""
    cache = Path(
        os.environ.get("SOURCEGEN_AXE_DIR")
        or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
        / "sourcegen"
        / f"axe-core-{AXE_VERSION}"
    )
    script = cache / "node_modules" / "axe-core" / "axe.min.js"
    if script.is_file():
        return script
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail(f"no npm to install axe-core@{AXE_VERSION} with (apt-get install -y npm)")
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError:
        cache = tmp_path_factory.mktemp("axe-core")
        script = cache / "node_modules" / "axe-core" / "axe.min.js"
    proc = subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(cache),
            "--no-audit",
            "--no-fund",
            f"axe-core@{AXE_VERSION}",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0 or not script.is_file():
        pytest.fail(
            f"`npm install axe-core@{AXE_VERSION}` failed: "
            + (proc.stderr.strip().splitlines() or ["no output"])[-1]
        )
    return script
