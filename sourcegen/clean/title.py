"""Title and dek: the short paragraphs at the top, before any turn starts."""

from __future__ import annotations

import re

from .draft import Draft
from .labels import split_label

_SENTENCE_END = re.compile(r"[.!:;]$")


def apply(draft: Draft) -> None:
    body = draft.body()
    if not body:
        return
    first = body[0]
    if (
        len(first.text) <= 200
        and not split_label(first.text)
        and not _SENTENCE_END.search(first.text)
    ):
        first.role = "title"
        draft.meta.title = first.text
    else:
        draft.warn(
            first.line, "no title found at the top of the article; set `title:` in interview.md"
        )
        return
    if len(body) > 2:
        second = body[1]
        if (
            len(second.text) <= 300
            and not split_label(second.text)
            and not second.text.rstrip('”"’ ').endswith("?")
            and not (second.text[:1] in '“"' and second.text[-1:] in '”"')
        ):
            second.role = "dek"
            draft.meta.dek = second.text
