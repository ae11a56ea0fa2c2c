"""Pipeline pieces that need no files: ordering of the interviews index."""

from __future__ import annotations

from sourcegen.model import Annotated, Interview, Meta
from sourcegen.pipeline import _newest_first


def _a(title: str, date: str | None) -> Annotated:
    return Annotated(Interview(slug=title.lower(), meta=Meta(title=title, date=date)), [], [], [])


def test_index_is_newest_first_then_undated_by_title() -> None:
    order = _newest_first(
        [
            _a("Beta", None),
            _a("Old", "2007-09"),
            _a("Zed", "2021-06-09"),
            _a("Alpha", None),
            _a("Abe", "2021-06-09"),
        ]
    )
    assert [a.interview.meta.title for a in order] == ["Abe", "Zed", "Old", "Alpha", "Beta"]
