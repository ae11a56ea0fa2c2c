"""Golden files for the seed: the importer's interview.md and the generated page.

A change to either is a change a person must look at: regenerate with
``SOURCEGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

from sourcegen.clean import clean_file
from sourcegen.pipeline import Project, generate
from sourcegen.serialise import dump

GOLDEN = Path(__file__).parent / "golden"
SLUG = "hikvision-president-chats-with-ssi"


def _compare(path: Path, actual: str) -> None:
    if os.environ.get("SOURCEGEN_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} changed; see module docstring"


def test_seed_interview_md(repo_root: Path) -> None:
    raw = repo_root / "sources" / "interviews" / SLUG / "raw.txt"
    _compare(GOLDEN / "seed.interview.md", dump(clean_file(raw, SLUG).interview))


def test_seed_raw_is_the_shared_seed_byte_for_byte(repo_root: Path) -> None:
    shared = repo_root.parent / "shared" / "seed" / "000_71ebd009be2b0d37.txt"
    ours = repo_root / "sources" / "interviews" / SLUG / "raw.txt"
    assert ours.read_bytes() == shared.read_bytes()


def test_seed_page(site: Path) -> None:
    # The page as generated from the golden interview.md, so editor changes to
    # sources/ do not break this test but changes to rendering do.
    (site / "sources" / "interviews" / SLUG / "interview.md").write_text(
        (GOLDEN / "seed.interview.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    bundle = generate(Project(site))
    page = bundle.outputs[site / "docs" / "interviews" / f"{SLUG}.md"]
    _compare(GOLDEN / "seed.page.md", page)
