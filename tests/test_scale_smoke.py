"""The build benchmarks (benchmarks/build_bench.py, scale.py) at a tiny N: structure, never speed.

The synthetic sites start from the fixture site (``--site``), not from the
repository's own sources/, so editors' interviews and notes do not change them.
What the generator did inside `mkdocs build` comes from the plugin's stats
record, so these tests also pin that record's counts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import copy_skeleton

from sourcegen.search import read_fragments

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """build_bench.py, imported as its scripts import each other (benchmarks/ on the path)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import build_bench

        return build_bench
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site, whole, for the benchmarks' ``--site``."""
    return copy_skeleton(tmp_path_factory.mktemp("scale-site") / "site")


def test_ten_interviews_build_and_rebuild_writes_nothing(
    bench: ModuleType, fixture_site: Path, tmp_path: Path
) -> None:
    sites = bench.sites
    made = sites.make_project(tmp_path / "site-src", 10, corpus=None, site=fixture_site)
    root = made.root
    assert len(made.slugs) == len(set(made.slugs)) == 10
    assert sites.SEED_SLUG in made.slugs  # the claim/event/source notes list it

    # Each synthetic interview is distinct and went through the importer.
    texts = {
        (root / "sources" / "interviews" / s / "interview.md").read_text(encoding="utf-8")
        for s in made.slugs
    }
    assert len(texts) == 10

    _, written, _ = bench.sourcegen_build(root)
    assert written == 10 + 3  # the pages, the index, notes.md, abbreviations.md
    assert bench.generated_pages(root) == set(made.slugs)
    assert bench.index_links(root) == set(made.slugs)  # every interview reachable from the index

    _, rewritten, unchanged = bench.sourcegen_build(root)
    assert (rewritten, unchanged) == (0, 13)

    site = root / "site"
    shutil.rmtree(root / ".cache")
    # Two workers forced (`--jobs`, the build's SOURCEGEN_JOBS): the plugin's stats say
    # every page was made (no cache), by both.
    run, stats = bench.mkdocs_build(root, "mkdocs.yml", site, jobs=2)
    assert (stats["interviews"], stats["cache_hits"], stats["cache_misses"]) == (10, 0, 10)
    assert stats["workers"] == 2
    assert set(stats["seconds"]) == {"load", "interviews", "site", "write", "hand_over"}
    assert 0 < bench.generator_seconds(stats) < run.seconds
    for slug in made.slugs:
        assert (site / "interviews" / slug / "index.html").is_file()
    # The repository's config searches with Pagefind: its index lists every interview.
    pages = {p["url"] for p in read_fragments(site / "pagefind")}
    assert {f"/interviews/{s}/" for s in made.slugs} <= pages
    sizes = bench.search_index(site)
    assert sizes["search_index_bytes"] is None and sizes["pagefind_bytes"] > 0

    # The plugin's own run found nothing to write either.
    _, rewritten, _ = bench.sourcegen_build(root)
    assert rewritten == 0


def test_nav_all_variant_lists_every_interview(
    bench: ModuleType, fixture_site: Path, tmp_path: Path
) -> None:
    bench.sites.copy_site(tmp_path, fixture_site)
    slugs = ["b-interview", "a-interview"]
    name = bench.nav_all_config(tmp_path, slugs)
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert "not_in_nav" not in text
    assert "      - interviews/a-interview.md\n      - interviews/b-interview.md\n" in text


def _script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCHMARKS / name), *args],
        env={k: v for k, v in os.environ.items() if k != "SOURCEGEN_CORPUS"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_scale_prints_one_json_line_per_n(fixture_site: Path, tmp_path: Path) -> None:
    out = _script("scale.py", "--n", "2", "--workdir", str(tmp_path), "--site", str(fixture_site))
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1
    row = json.loads(lines[0])
    for key in (
        "interviews",
        "generator_s",
        "generator_rebuild_s",
        "generator_peak_mb",
        "mkdocs_s",
        "mkdocs_peak_mb",
        "mkdocs_warm_s",
        "generator_pct_of_mkdocs",
        "generator_pct_of_mkdocs_warm",
        "pages_per_s",
        "search_index_bytes",
        "search_index_gzip_bytes",
        "pagefind_bytes",
        "per_interview_ms",
        "mkdocs_generator_workers",
        "mkdocs_generator_stages",
    ):
        assert key in row, key
    assert row["interviews"] == row["interview_pages"] == 2
    assert row["generator_rebuild_written"] == 0
    assert row["index_links_all"] is True
    # The warm build took every page from the cache the cold one left.
    assert (row["mkdocs_cache_misses"], row["mkdocs_warm_cache_hits"]) == (2, 2)
    assert row["mkdocs_generator_workers"] == 1  # 2 interviews: fewer than workers pay for
    assert list(tmp_path.iterdir()) == []  # the temporary site was removed


def test_serve_bench_takes_the_same_site_options() -> None:
    """serve_bench.py starts servers, too slow for this suite: only that it loads and
    takes the options the other scripts take."""
    out = _script("serve_bench.py", "--help")
    for option in ("--n", "--corpus", "--site", "--workdir", "--keep", "--seed"):
        assert option in out.stdout, option
