"""Pull quotes: a quoted paragraph that repeats words of the body.

Reader modes drop them; we keep one copy styled as a pull quote. A pull quote
is often a sentence cut from a longer paragraph, so the test is containment
after normalising quotes, case and whitespace, not equality.

Containment is tested through an index of word runs (``K`` words long) built
once over the body: a quote is contained in a paragraph when every run of its
words, taken every ``K`` words and at its end, occurs in that same paragraph.
Building the index and every test cost time in proportion to the words, so
the rule is linear however many quotes there are.
"""

from __future__ import annotations

import re

from .draft import Draft

_QUOTED = re.compile(r"^[“\"](?P<inner>.+?)[”\"]$", re.DOTALL)
_NOISE = re.compile(r"[^\w]+")
K = 6
"""Length of the word runs indexed."""
MAX_HOLDERS = 8
"""Paragraphs remembered per word run: a run that common proves nothing."""


def _norm(text: str) -> str:
    return _NOISE.sub(" ", text.replace("’", "'").casefold()).strip()


def _runs(words: list[str], k: int) -> list[tuple[str, ...]]:
    """The runs a quote is tested by: every k-th one, and the last."""
    if len(words) <= k:
        return [tuple(words)]
    starts = list(range(0, len(words) - k + 1, k))
    if starts[-1] != len(words) - k:
        starts.append(len(words) - k)
    return [tuple(words[s : s + k]) for s in starts]


def apply(draft: Draft) -> None:
    body = draft.body()
    quotes: dict[int, list[str]] = {}
    for i, para in enumerate(body):
        m = _QUOTED.match(para.text)
        if m and len(m["inner"]) >= 20:
            quotes[i] = _norm(m["inner"]).split()
    if not quotes:
        return
    sizes = {min(len(w), K) for w in quotes.values()}
    index: dict[tuple[str, ...], list[int]] = {}
    for i, para in enumerate(body):
        words = _norm(para.text).split()
        for k in sizes:
            for s in range(0, max(len(words) - k + 1, 0)):
                holders = index.setdefault(tuple(words[s : s + k]), [])
                if len(holders) < MAX_HOLDERS and (not holders or holders[-1] != i):
                    holders.append(i)
    for i, words in quotes.items():
        if not words:
            continue
        k = min(len(words), K)
        common: set[int] | None = None
        for run in _runs(words, k):
            found = set(index.get(run, ())) - {i}
            common = found if common is None else common & found
            if not common:
                break
        if common:
            body[i].role = "pullquote"
