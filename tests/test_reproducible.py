"""The same sources give the same bytes, and the built site's links all resolve.

Two fresh copies of the fixture site (tests/fixtures/site/), in different
folders and with different hash seeds, are built side by side: the generated
Markdown must be byte-identical, and so must the MkDocs sites when
SOURCE_DATE_EPOCH pins the build date. What MkDocs stamps with the date (the sitemap's ``<lastmod>`` and
the gzip header of sitemap.xml.gz) is the only difference a different date
may make. ``scripts/linkcheck.py`` then checks every internal link, asset and
#fragment of the build.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINKCHECK = ROOT / "scripts" / "linkcheck.py"
DAY_1 = "1767225600"  # 2026-01-01T00:00:00Z
DAY_2 = "1767398400"  # 2026-01-03T00:00:00Z


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def sourcegen(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    code = "from sourcegen.cli import main; main()"
    return run([sys.executable, "-c", code, *args, "--root", str(root)], root, **env)


def mkdocs(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "out"], root, **env)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def generated(root: Path) -> dict[str, bytes]:
    files = [*(root / "docs" / "interviews").glob("*.md"), root / "docs" / "notes.md"]
    files.append(root / "includes" / "abbreviations.md")
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three copies of the site: built on day 1 (two hash seeds) and on day 2."""
    from conftest import copy_skeleton

    roots = [copy_skeleton(tmp_path_factory.mktemp(f"copy{n}") / f"site-{n}") for n in range(3)]
    for n, root in enumerate(roots):
        proc = sourcegen(root, "build", PYTHONHASHSEED=str(n + 1))
        assert proc.returncode == 0, proc.stderr
    for n, (root, day) in enumerate(zip(roots, (DAY_1, DAY_1, DAY_2), strict=True)):
        proc = mkdocs(root, SOURCE_DATE_EPOCH=day, PYTHONHASHSEED=str(n + 10))
        assert proc.returncode == 0, proc.stderr
    return roots


def test_generated_markdown_is_byte_identical(copies: list[Path]) -> None:
    first, second, _ = copies
    a, b = generated(first), generated(second)
    assert len(a) >= 4
    assert a == b
    for text in a.values():  # nothing depends on where the site is
        assert str(first).encode() not in text and first.name.encode() not in text


def test_second_build_writes_nothing(copies: list[Path]) -> None:
    root = copies[0]
    stamps = {p: p.stat().st_mtime_ns for p in (root / "docs").rglob("*.md")}
    proc = sourcegen(root, "build")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("wrote 0 files,"), proc.stdout
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


def test_sites_built_on_the_same_date_are_byte_identical(copies: list[Path]) -> None:
    first, second, _ = copies
    a, b = tree(first / "out"), tree(second / "out")
    assert len(a) > 20
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []


def test_only_the_sitemap_records_the_build_date(copies: list[Path]) -> None:
    first, _, other_day = copies
    a, c = tree(first / "out"), tree(other_day / "out")
    assert a.keys() == c.keys()
    differing = sorted(name for name in a if a[name] != c[name])
    assert differing == ["sitemap.xml", "sitemap.xml.gz"]
    # In the sitemap, only the <lastmod> lines differ ...
    lines_a = a["sitemap.xml"].decode().splitlines()
    lines_c = c["sitemap.xml"].decode().splitlines()
    changed = [(x, y) for x, y in zip(lines_a, lines_c, strict=True) if x != y]
    assert changed and all(
        x.strip() == "<lastmod>2026-01-01</lastmod>"
        and y.strip() == "<lastmod>2026-01-03</lastmod>"
        for x, y in changed
    )
    # ... and the .gz holds that same sitemap, with the date in its gzip header.
    assert gzip.decompress(a["sitemap.xml.gz"]) == a["sitemap.xml"]
    assert int.from_bytes(a["sitemap.xml.gz"][4:8], "little") == int(DAY_1)


def test_linkcheck_passes_on_a_real_build(copies: list[Path]) -> None:
    proc = run([sys.executable, str(LINKCHECK), "out", "--external"], copies[0])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 problems" in proc.stderr
    # External addresses (the notes' sources) are listed, never fetched.
    assert "external (not fetched): https://" in proc.stdout


BROKEN_PAGE = """<!doctype html>
<html><head><link rel="stylesheet" href="../assets/style.css"></head><body>
<h1 id="top">Page</h1><p id="top">duplicate id</p>
<a href="#top">fine</a>
<a href="#">fine: the top of the page</a>
<a href="../">fine: the home page</a>
<a href="../index.html#intro">fine: fragment on another page</a>
<a href="/page/?q=1#top">fine: root-relative with a query</a>
<a href="https://example.org/#anything">external, not fetched</a>
<a href="mailto:editor@example.org">external</a>
<a href="#nowhere">missing fragment</a>
<a href="../missing/">missing page</a>
<a href="../index.html#gone">missing fragment on another page</a>
<img src="pic%20two.png" srcset="pic%20two.png 1x, pic-3.png 2x">
<a href="../../../etc/passwd">above the root</a>
<a href="javascript:alert(1)">script address</a>
</body></html>
"""


def test_linkcheck_reports_each_broken_link(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "style.css").write_text("")
    (site / "index.html").write_text('<p id="intro"><a href="page/">page</a></p>')
    (site / "page" / "index.html").write_text(BROKEN_PAGE)
    (site / "page" / "pic two.png").write_bytes(b"")
    proc = run([sys.executable, str(LINKCHECK), str(site), "--external"], tmp_path)
    assert proc.returncode == 1
    problems = [line for line in proc.stdout.splitlines() if not line.startswith("external")]
    assert problems == [
        "page/index.html:3: id “top” again (first on line 3)",
        "page/index.html:11: #nowhere: no id “nowhere” in page/index.html",
        "page/index.html:12: ../missing/: no such page: missing/index.html",
        "page/index.html:13: ../index.html#gone: no id “gone” in index.html",
        "page/index.html:14: pic-3.png: no such file: page/pic-3.png",
        "page/index.html:15: ../../../etc/passwd: points above the site's root folder",
        "page/index.html:16: javascript:alert(1): javascript: address",
    ]
    assert "external (not fetched): https://example.org/#anything" in proc.stdout
    assert "external (not fetched): mailto:editor@example.org" in proc.stdout
    # Under a project site's base path, root-relative links must stay inside it.
    proc = run([sys.executable, str(LINKCHECK), str(site), "--base", "/repo/"], tmp_path)
    assert "/page/?q=1#top: root-relative address outside the site's base /repo/" in proc.stdout


def test_linkcheck_refuses_a_missing_folder(tmp_path: Path) -> None:
    proc = run([sys.executable, str(LINKCHECK), str(tmp_path / "nope")], tmp_path)
    assert proc.returncode == 2 and "expected a built site folder" in proc.stderr
