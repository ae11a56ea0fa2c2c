"""The editor's marks in interview text, with the conventions journalists use.

An editor may change the interviewee's words in two visible ways only:

- ``[the company]``: words in square brackets are the editor's (an insertion,
  or a replacement for the words it stands in for, such as a pronoun);
- ``[…]`` (or ``[...]``): words were cut here.

Words cut without a mark are recorded under ``removed:`` with their raw.txt
line: a whole line, or a span within it (a label such as ``PUB:`` in front of
a question). `sourcegen check` reports every other difference (check.py), and
the page shows both marks as editorial (render.py), so "word for word" in
"About this edition" stays true.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

MARK = re.compile(r"\[[^\[\]\n]*\]")
"""A square-bracketed span: an editor's mark (nested brackets are not marks)."""
CUT = re.compile(r"\[\s*(?:…|\.\s*\.\s*\.)\s*\]")
"""``[…]`` or ``[...]``: words were cut here."""

Kind = Literal["word", "insert", "cut"]


@dataclass(frozen=True, slots=True)
class Span:
    """A mark in a text: ``start``/``end`` offsets of the brackets themselves."""

    start: int
    end: int
    kind: Literal["insert", "cut"]


def marks(text: str) -> list[Span]:
    """Every editor's mark in ``text``, in order."""
    return [
        Span(m.start(), m.end(), "cut" if CUT.fullmatch(m.group()) else "insert")
        for m in MARK.finditer(text)
    ]


def pieces(text: str) -> Iterator[tuple[str, Kind]]:
    """``text`` cut at its marks: (piece, what it is), in order, nothing dropped."""
    at = 0
    for span in marks(text):
        if span.start > at:
            yield text[at : span.start], "word"
        yield text[span.start : span.end], span.kind
        at = span.end
    if at < len(text):
        yield text[at:], "word"


TITLES = {"insert": "editor’s insertion", "cut": "words cut by the editor"}
"""What a mark's tooltip on the page says it is."""

PLACEHOLDERS = frozenset({"interviewer", "interviewee"})
"""Speaker names the importer writes when the article names no one (clean/labels.py)."""


def is_placeholder(label: str, name: str) -> bool:
    """True when a speaker is still the importer's stand-in rather than a person."""
    return label.strip().casefold() in PLACEHOLDERS or name.strip().casefold() in PLACEHOLDERS
