"""Pipeline pieces that need no files: the interviews index order, the phrase scan."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sourcegen.annotate import PhraseIndex
from sourcegen.model import IndexRow
from sourcegen.pages import Page, newest_first


def _a(title: str, date: str | None) -> Page:
    row = IndexRow(title, f"{title.lower()}.md", "", "", "", date, (date or "0000")[:4], 0, False)
    return Page(title.lower(), "", row, [])


def test_index_is_newest_first_then_undated_by_title() -> None:
    order = newest_first(
        [
            _a("Beta", None),
            _a("Old", "2007-09"),
            _a("Zed", "2021-06-09"),
            _a("Alpha", None),
            _a("Abe", "2021-06-09"),
        ]
    )
    assert [p.row.title for p in order] == ["Abe", "Zed", "Old", "Alpha", "Beta"]


# Phrases of the kinds notes use, and characters that sit next to them in text.
_PHRASES = ["TVI", "HD-TVI", "deep learning", "ISO/IEC 27001", "R&D", "SOEs", "SOE"]
_BITS = [*_PHRASES, "x", "_", "é", "1", " ", "-", "(", "TV", "deep", "ISO/IEC"]


@given(st.lists(st.sampled_from(_BITS), max_size=10).map("".join))
def test_phrase_scan_matches_the_word_boundary_regex(text: str) -> None:
    """`PhraseIndex.scan` looks phrases up by first word; it must find what the regex finds."""
    alternation = (
        "(?:" + "|".join(re.escape(p) for p in sorted(_PHRASES, key=len, reverse=True)) + ")"
    )
    reference = re.compile(r"(?<!\w)" + alternation + r"(?!\w)")
    expected = [(m.start(), m.group()) for m in reference.finditer(text)]
    assert list(PhraseIndex.of(_PHRASES).scan(text)) == expected
