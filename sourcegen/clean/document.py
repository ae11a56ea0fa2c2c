"""The document pass: evidence gathered over the whole text before any decision.

Which labels start lines and how often, which occur inside a line after a
sentence (a transcript run together into one paragraph), whether the text is
hard-wrapped, which lines repeat, how many lines are numbered. Every later
rule reads these counts instead of guessing from one paragraph. One pass over
the lines, each line looked at a bounded number of times: linear time.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from .labels import INLINE_LABEL, looks_like_turn, match_label, split_number

if TYPE_CHECKING:
    from .draft import Draft

WRAP_MAX = 100
"""Lines up to this long may be a narrow column's wrap."""
ENDS_SENTENCE = re.compile(r"[.!?…:;\"”’)\]]$")


class _LineLike(Protocol):
    text: str
    dropped: bool


def norm(text: str) -> str:
    """Text compared for repeats: case, quotes and spacing ignored."""
    return " ".join(text.replace("’", "'").casefold().split())


@dataclass(slots=True)
class DocStats:
    line_labels: Counter[str] = field(default_factory=Counter)
    """Labels at line starts, with how often each occurs."""
    inline_labels: Counter[str] = field(default_factory=Counter)
    """Labels inside lines after a sentence end."""
    known: frozenset[str] = frozenset()
    """Labels that start turns in this document (counted twice, or sure on their own)."""
    wrapped: bool = False
    """Whether the text is hard-wrapped (sentences run on over line breaks)."""
    numbered: int = 0
    """Lines that start with a question number (``1.``, ``Q7:``)."""
    repeats: Counter[str] = field(default_factory=Counter)
    """Short lines (normalised) and how often each occurs."""
    median_length: int = 0
    lines: int = 0

    def summary(self) -> str:
        labels = ", ".join(f"{k}×{v}" for k, v in self.line_labels.most_common(6)) or "none"
        inline = ", ".join(f"{k}×{v}" for k, v in self.inline_labels.most_common(4)) or "none"
        return (
            f"{self.lines} lines, median {self.median_length} chars, "
            f"{'hard-wrapped' if self.wrapped else 'one paragraph a line'}; "
            f"labels at line starts: {labels}; inline: {inline}; numbered lines: {self.numbered}"
        )


def gather(lines: Iterable[_LineLike]) -> DocStats:
    """One pass over the lines still in play."""
    stats = DocStats()
    lengths: list[int] = []
    pairs = lowercase_breaks = 0
    prev: str | None = None
    sure: set[str] = set()
    for line in lines:
        text = line.text
        if line.dropped or not text:
            prev = None
            continue
        lengths.append(len(text))
        hit = match_label(text)
        if hit is not None:
            stats.line_labels[hit.label] += 1
            if looks_like_turn(hit):
                sure.add(hit.label)
        if split_number(text) is not None:
            stats.numbered += 1
        if len(text) <= 300:
            stats.repeats[norm(text)] += 1
        if "?" in text or "." in text or "!" in text:
            for m in INLINE_LABEL.finditer(text):
                stats.inline_labels[m["label"]] += 1
        if prev is not None and hit is None:
            pairs += 1
            if not ENDS_SENTENCE.search(prev) and text[:1].islower():
                lowercase_breaks += 1
        prev = text
    lengths.sort()
    stats.lines = len(lengths)
    stats.median_length = lengths[len(lengths) // 2] if lengths else 0
    stats.wrapped = lowercase_breaks >= 2 and lowercase_breaks * 4 >= pairs
    stats.known = frozenset(
        label for label, n in stats.line_labels.items() if n >= 2 or label in sure
    )
    return stats


def apply(draft: Draft) -> None:
    """The rule: count over the lines the header rule left."""
    draft.doc = gather(draft.lines)
    draft.explain(0, "document", draft.doc.summary())
