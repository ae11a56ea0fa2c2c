"""Search in every build route (issue 17): mkdocs build, mkdocs serve, Zensical,
and a site without Pagefind configured. The browser side is
tests/browser/test_search.py."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import MINI_SLUG, copy_skeleton, run_mkdocs, write_mini_site

from sourcegen import search
from sourcegen.cli import main
from sourcegen.plugin import SourcegenPlugin

ROOT = Path(__file__).resolve().parent.parent
LINKCHECK = ROOT / "scripts" / "linkcheck.py"
PAGE = """<!doctype html><html lang="en"><body><header>Header words</header>
<article class="md-content__inner md-typeset"><h1 id="top">Lone page</h1>
<p>Quokka sightings.</p></article></body></html>"""


def mini(tmp_path: Path, config: str | None = None) -> Path:
    root = write_mini_site(copy_skeleton(tmp_path / "site", with_sources=False))
    if config is not None:
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def config_with(old: str, new: str) -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text, f"mkdocs.yml: expected {old!r}"
    return text.replace(old, new)


def test_mkdocs_build_indexes_and_drops_materials_index(tmp_path: Path) -> None:
    root = mini(tmp_path)
    proc = run_mkdocs(root)
    assert proc.returncode == 0, proc.stderr
    out = root / "out"
    assert not (out / "search").exists()  # Material's plugin is registered, but switched off
    pages = {p["url"] for p in search.read_fragments(out / "pagefind")}
    assert f"/interviews/{MINI_SLUG}/" in pages and "/notes/" in pages
    assert "/404.html" not in pages and not any("404" in p for p in pages)
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("label.md-header__button[for=__search]") is not None
    box = soup.select_one("[data-sg-search]")
    assert box is not None and box.get("aria-label")
    assert soup.select_one("[data-md-component=search]") is None  # Material's script leaves it
    assert soup.find("form", attrs={"name": "search"}) is None  # ... and loads no index


def test_without_the_search_plugin_the_box_is_still_there(tmp_path: Path) -> None:
    root = mini(tmp_path, config_with("  - search\n  - sourcegen\n", "  - sourcegen\n"))
    proc = run_mkdocs(root)
    assert proc.returncode == 0, proc.stderr
    soup = BeautifulSoup((root / "out" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("label.md-header__button[for=__search]") is not None
    assert soup.select_one("[data-sg-search]") is not None
    assert (root / "out" / "pagefind" / "pagefind.js").is_file()


def test_pagefind_off_brings_materials_search_back(tmp_path: Path) -> None:
    root = mini(tmp_path, config_with("  pagefind: true\n", "  pagefind: false\n"))
    proc = run_mkdocs(root)
    assert proc.returncode == 0, proc.stderr
    out = root / "out"
    assert (out / "search" / "search_index.json").is_file()
    assert not (out / "pagefind").exists()
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("[data-md-component=search] input.md-search__input") is not None
    assert soup.select_one("[data-sg-search]") is None
    assert not [s for s in soup.find_all("script", src=True) if "sourcegen-search" in s["src"]]


class FakeConfig:
    def __init__(self, site_dir: Path) -> None:
        self.extra = {"pagefind": True}
        self.site_dir = str(site_dir)
        self.config_file_path = str(site_dir / "mkdocs.yml")


@pytest.mark.parametrize(("command", "indexed"), [("serve", False), ("build", True)])
def test_serve_skips_indexing(tmp_path: Path, command: str, indexed: bool) -> None:
    """Under `mkdocs serve` every reload would pay for indexing: the plugin skips it."""
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    plugin = SourcegenPlugin()
    plugin.on_startup(command=command, dirty=False)
    plugin.on_post_build(config=FakeConfig(tmp_path))
    assert (tmp_path / "pagefind" / "pagefind.js").is_file() is indexed


def test_index_site_only_indexes_the_article(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    done = search.index_site(tmp_path)
    assert done.pages == 1
    [page] = search.read_fragments(done.bundle)
    assert "Quokka" in page["content"] and "Header words" not in page["content"]
    assert search.landing(page, "quokka") == ["/#top"]


def test_cli_search_needs_a_built_site(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["search", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "expected a built site" in lines[0], result.stderr


def test_cli_search_says_when_pagefind_is_missing(tmp_path: Path, monkeypatch: Any) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    import pagefind_bin

    def missing() -> Path:
        raise FileNotFoundError("no binary")

    monkeypatch.setattr(pagefind_bin, "get_executable", missing)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv(search.BINARY_VARIABLE, raising=False)
    monkeypatch.chdir(tmp_path)  # no node_modules here
    result = CliRunner().invoke(main, ["search", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "expected the Pagefind binary" in lines[0], result.stderr
    assert "npm ci" in lines[0] and "pagefind[bin]==1.5.2" in lines[0]


def fake_binary(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    return path


def test_the_binary_is_the_variable_s_then_npm_s_then_the_wheel_s(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """SOURCEGEN_PAGEFIND first; else the project's node_modules (npm's pinned
    Pagefind); else the pagefind-bin wheel."""
    import pagefind_bin

    wheel = fake_binary(tmp_path / "wheel" / "pagefind")
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: wheel)
    monkeypatch.delenv(search.BINARY_VARIABLE, raising=False)
    project, here = tmp_path / "project", tmp_path / "here"
    project.mkdir()
    here.mkdir()
    monkeypatch.chdir(here)
    assert search.find_pagefind(project) == wheel
    npm_here = fake_binary(here / search.NPM_BINARY)
    assert search.find_pagefind(project) == npm_here  # the current folder's, next
    npm = fake_binary(project / search.NPM_BINARY)
    assert search.find_pagefind(project) == npm  # the project's, first
    chosen = fake_binary(tmp_path / "chosen" / "pagefind")
    monkeypatch.setenv(search.BINARY_VARIABLE, str(chosen))
    assert search.find_pagefind(project) == chosen


def test_npm_s_pagefind_is_the_platform_binary_before_the_node_wrapper(tmp_path: Path) -> None:
    assert search.npm_pagefind(tmp_path) is None
    wrapper = fake_binary(tmp_path / search.NPM_BINARY)
    assert search.npm_pagefind(tmp_path) == wrapper
    plain = fake_binary(tmp_path / "node_modules" / "@pagefind" / "linux-x64" / "bin" / "pagefind")
    assert search.npm_pagefind(tmp_path) == plain
    extended = fake_binary(plain.with_name("pagefind_extended"))
    assert search.npm_pagefind(tmp_path) == extended  # the wrapper's own preference


def test_a_variable_naming_no_file_is_a_one_line_error(tmp_path: Path, monkeypatch: Any) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    monkeypatch.setenv(search.BINARY_VARIABLE, str(tmp_path / "nowhere"))
    result = CliRunner().invoke(main, ["search", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert (
        f"expected SOURCEGEN_PAGEFIND to name the Pagefind binary, found no file at {tmp_path / 'nowhere'}"
        in lines[0]
    )


def test_zensical_route_builds_a_searchable_site(tmp_path: Path) -> None:
    """`sourcegen build && zensical build && sourcegen search site`."""
    root = mini(tmp_path)
    result = CliRunner().invoke(main, ["build", "--root", str(root)])
    assert result.exit_code == 0, result.stderr
    zensical = Path(sys.executable).parent / "zensical"
    proc = subprocess.run(
        [str(zensical), "build"], cwd=root, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = root / "site"
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("[data-sg-search]") is not None, "Zensical did not use our search box"
    result = CliRunner().invoke(main, ["search", str(site)])
    assert result.exit_code == 0, result.stderr
    assert re.match(r"indexed \d+ pages, .* \(Pagefind 1\.[56]\.\d\)$", result.stdout), (
        result.stdout
    )
    pages = {p["url"] for p in search.read_fragments(site / "pagefind")}
    assert f"/interviews/{MINI_SLUG}/" in pages


def test_linkcheck_follows_pagefind_results(tmp_path: Path) -> None:
    root = mini(tmp_path)
    assert run_mkdocs(root).returncode == 0
    out = root / "out"
    ok = subprocess.run([sys.executable, str(LINKCHECK), str(out)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    # A result whose page is gone is a broken link, as a missing page would be.
    (out / "interviews" / MINI_SLUG / "index.html").unlink()
    bad = subprocess.run([sys.executable, str(LINKCHECK), str(out)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert re.search(r"pagefind/fragment/\S+\.pf_fragment", bad.stdout + bad.stderr), bad.stdout


def test_index_site_keeps_only_what_the_box_fetches(tmp_path: Path) -> None:
    """Pagefind's UI files and the WebAssembly of absent languages are deleted;
    the script, worker, entry, page list, this language's wasm, chunks and
    fragments stay."""
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    bundle = search.index_site(tmp_path).bundle
    names = {p.name for p in bundle.iterdir() if p.is_file()}
    assert not names & set(search.UNUSED), names & set(search.UNUSED)
    assert not any("-ui" in name or "highlight" in name for name in names), names
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind"} <= names
    assert "wasm.unknown.pagefind" not in names  # the page is lang="en", which has a stemmer
    assert [p.name for p in bundle.glob("pagefind.*.pf_meta")]
    assert list((bundle / "index").glob("*.pf_index"))
    assert list((bundle / "fragment").glob("*.pf_fragment"))


def test_a_language_without_a_stemmer_keeps_the_unknown_wasm(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE.replace('lang="en"', 'lang="tlh"'), encoding="utf-8")
    bundle = search.index_site(tmp_path).bundle
    wasm = sorted(p.name for p in bundle.glob("wasm.*.pagefind"))
    assert wasm == ["wasm.unknown.pagefind"], wasm


def test_indexing_again_replaces_the_bundle_whole(tmp_path: Path) -> None:
    """Pagefind adds to its output folder: indexing in place again must not
    leave the last run's page list or chunks beside the new ones."""
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    bundle = search.index_site(tmp_path).bundle
    left_over = bundle / "index" / "en_0000000.pf_index"
    left_over.write_bytes(b"from an earlier run")
    (tmp_path / "second").mkdir()
    (tmp_path / "second" / "index.html").write_text(PAGE.replace("Quokka", "Wombat"), "utf-8")
    assert search.index_site(tmp_path).pages == 2
    assert not left_over.exists()
    assert len(list(bundle.glob("*.pf_meta"))) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "pagefind", "second"]


def test_a_failed_run_leaves_the_last_bundle_as_it_was(tmp_path: Path, monkeypatch: Any) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    bundle = search.index_site(tmp_path).bundle
    before = sorted(p.relative_to(bundle) for p in bundle.rglob("*"))
    failing = tmp_path.parent / "failing-pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: it broke' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setenv(search.BINARY_VARIABLE, str(failing))
    result = CliRunner().invoke(main, ["search", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Pagefind exited 3: Error: it broke" in lines[0], result.stderr
    assert sorted(p.relative_to(bundle) for p in bundle.rglob("*")) == before
    assert not (tmp_path / search.STAGING).exists()
