"""Issue 14, item 1, in a real browser: an abbreviation's tooltip shows its text as
text. Material builds the tooltip with ``innerHTML`` from the ``title``
attribute, so markup in a glossary value (or a note's ``abbr:``) would run.

A one-interview site with hostile glossary values is built with
``mkdocs build --strict``, served on loopback, and each abbreviation hovered
in Chromium: the tooltip's text must be the value exactly, it must hold no
element, and no script may have run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import copy_skeleton, run_mkdocs, write_mini_site

from .conftest import serving, skip_module_without_browser

skip_module_without_browser()

pytestmark = pytest.mark.browser

HOSTILE = {
    "Cameras": "Image sensors <img src=x onerror=window.__sgxss=1> & R&D",
    "market": "&lt;img src=y onerror=window.__sgxss=2&gt; &#60;b&#62;bold&#60;/b&#62; &notit",
    "Jane": "<!-- hidden --> </p><svg onload=window.__sgxss=3> a < b",
}
"""Glossary values: raw markup, markup as entities (decoded by a second parse), comments."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_skeleton(tmp_path_factory.mktemp("tooltips") / "site", with_sources=False)
    write_mini_site(root)
    lines = [f"{k}: {v!r}".replace("\\\\", "\\") for k, v in HOSTILE.items()]
    (root / "sources" / "glossary.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run_mkdocs(root)
    assert proc.returncode == 0, proc.stderr
    with serving(root / "out") as base:
        yield f"{base}interviews/acme/"


@pytest.mark.parametrize("word", sorted(HOSTILE))
def test_tooltip_shows_the_glossary_text_as_text(page: Any, served: str, word: str) -> None:
    page.goto(served)
    abbr = page.locator("article abbr", has_text=word).first
    abbr.hover()
    page.wait_for_selector(".md-tooltip2--active", timeout=5000)
    tooltip = page.locator(".md-tooltip2--active .md-typeset").first
    assert tooltip.inner_text() == HOSTILE[word]
    assert tooltip.evaluate("e => e.querySelectorAll('*').length") == 0
    assert page.evaluate("() => window.__sgxss") is None, "the tooltip ran a script"
