"""Golden files for the seed: the importer's interview.md and the generated page.

Both start from the test suite's own copy of the seed (tests/fixtures/site/),
never from ``sources/``, which is the editors'.

A change to either is a change a person must look at: regenerate with
``SOURCEGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import SEED_RAW

from sourcegen.clean import clean_file
from sourcegen.pipeline import Project, generate
from sourcegen.serialise import dump

GOLDEN = Path(__file__).parent / "golden"
SLUG = "hikvision-president-chats-with-ssi"


def _compare(path: Path, actual: str) -> None:
    if os.environ.get("SOURCEGEN_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} changed; see module docstring"


def test_seed_interview_md() -> None:
    _compare(GOLDEN / "seed.interview.md", dump(clean_file(SEED_RAW, SLUG).interview))


def test_seed_page(site: Path) -> None:
    # The page as generated from the golden interview.md, so editor changes to
    # sources/ do not break this test but changes to rendering do.
    (site / "sources" / "interviews" / SLUG / "interview.md").write_text(
        (GOLDEN / "seed.interview.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    bundle = generate(Project(site))
    page = bundle.outputs[site / "docs" / "interviews" / f"{SLUG}.md"]
    _compare(GOLDEN / "seed.page.md", page)
