"""What a red team found (issue 14): one test, or one parametrised group, per item.

Each failed on the main branch before its fix. Sites are built in temporary
folders from the mini site in conftest.py, never from the repository's own
sources/.
"""

from __future__ import annotations

import html
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from sourcegen.render import abbreviations

# -- 1. abbreviation tooltips --------------------------------------------------

TOOLTIPS = [
    "Image sensors <img src=x onerror=alert(document.domain)>",
    "&lt;img src=x onerror=alert(1)&gt; and &#60;script&#62;",
    "<!-- c --> </p> <?php ?> &notit a < b R&D & Co",
    '"quoted" \'single\' > and &amp;',
]


@pytest.mark.parametrize("value", TOOLTIPS)
def test_1_tooltip_title_parses_back_to_its_text(value: str) -> None:
    """Material sets the tooltip's innerHTML to the title attribute's value: that
    value, parsed as HTML, must hold no element and read as the glossary text.
    (tests/browser/test_tooltip_text.py hovers the word in Chromium.)"""
    snippet = abbreviations([], {"Cameras": value}, "sources/glossary.yml")
    page = markdown.markdown("Cameras are great.\n\n" + snippet, extensions=["abbr"])
    abbr = BeautifulSoup(page, "html.parser").find("abbr")
    assert abbr is not None
    title = abbr["title"]  # the attribute's decoded value, as the DOM gives it
    inner = BeautifulSoup(f"<div>{title}</div>", "html.parser").div
    assert inner is not None
    assert inner.find(True) is None, f"markup in the tooltip: {title!r}"
    assert html.unescape(title) == value
