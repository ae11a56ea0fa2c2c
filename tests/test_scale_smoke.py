"""benchmarks/scale.py at N=10: checks structure, never speed.

The synthetic sites start from the fixture site (``--site``), not from the
repository's own sources/, so editors' interviews and notes do not change them.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import copy_skeleton

from sourcegen.search import read_fragments

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "scale.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sourcegen_scale_benchmark", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scale() -> ModuleType:
    return _load()


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site, whole, for scale.py's ``--site``."""
    return copy_skeleton(tmp_path_factory.mktemp("scale-site") / "site")


def test_ten_interviews_build_and_rebuild_writes_nothing(
    scale: ModuleType, fixture_site: Path, tmp_path: Path
) -> None:
    made = scale.make_project(tmp_path / "site-src", 10, corpus=None, site=fixture_site)
    root = made.root
    assert len(made.slugs) == len(set(made.slugs)) == 10
    assert scale.SEED_SLUG in made.slugs  # the claim/event/source notes list it

    # Each synthetic interview is distinct and went through the importer.
    texts = {
        (root / "sources" / "interviews" / s / "interview.md").read_text(encoding="utf-8")
        for s in made.slugs
    }
    assert len(texts) == 10

    _, written, _ = scale.sourcegen_build(root)
    assert written == 10 + 3  # the pages, the index, notes.md, abbreviations.md
    assert scale.generated_pages(root) == set(made.slugs)
    assert scale.index_links(root) == set(made.slugs)  # every interview reachable from the index

    _, rewritten, unchanged = scale.sourcegen_build(root)
    assert (rewritten, unchanged) == (0, 13)

    site = root / "site"
    run, pre_build_s, calls, workers = scale.mkdocs_build(root, "mkdocs.yml", site)
    assert calls == 1 and 0 < pre_build_s < run.seconds
    assert workers == 1  # 10 interviews: fewer than worker processes pay for
    for slug in made.slugs:
        assert (site / "interviews" / slug / "index.html").is_file()
    # The repository's config searches with Pagefind: its index lists every interview.
    pages = {p["url"] for p in read_fragments(site / "pagefind")}
    assert {f"/interviews/{s}/" for s in made.slugs} <= pages
    sizes = scale.search_index(site)
    assert sizes["search_index_bytes"] is None and sizes["pagefind_bytes"] > 0

    # The plugin's own run found nothing to write either.
    _, rewritten, _ = scale.sourcegen_build(root)
    assert rewritten == 0


def test_nav_all_variant_lists_every_interview(
    scale: ModuleType, fixture_site: Path, tmp_path: Path
) -> None:
    scale.copy_site(tmp_path, fixture_site)
    slugs = ["b-interview", "a-interview"]
    name = scale.nav_all_config(tmp_path, slugs)
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert "not_in_nav" not in text
    assert "      - interviews/a-interview.md\n      - interviews/b-interview.md\n" in text


def test_script_prints_one_json_line_per_n(fixture_site: Path, tmp_path: Path) -> None:
    import os
    import subprocess

    out = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            *("--n", "2", "--workdir", str(tmp_path), "--site", str(fixture_site)),
        ],
        env={k: v for k, v in os.environ.items() if k != "SOURCEGEN_CORPUS"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
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
    ):
        assert key in row, key
    assert row["interviews"] == row["interview_pages"] == 2
    assert row["generator_rebuild_written"] == 0
    assert row["index_links_all"] is True
    assert list(tmp_path.iterdir()) == []  # the temporary site was removed
