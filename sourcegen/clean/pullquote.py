"""Pull quotes: a quoted paragraph that repeats words of the body.

Reader modes drop them; we keep one copy styled as a pull quote. A pull quote
is often a sentence cut from a longer paragraph, so the test is containment
after normalising quotes, case and whitespace, not equality.
"""

from __future__ import annotations

import re

from .draft import Draft

_QUOTED = re.compile(r"^[“\"](?P<inner>.+?)[”\"]$", re.DOTALL)
_NOISE = re.compile(r"[^\w]+")


def _norm(text: str) -> str:
    return _NOISE.sub(" ", text.replace("’", "'").casefold()).strip()


def apply(draft: Draft) -> None:
    body = draft.body()
    # Every paragraph normalised once, in one string: a quote is a pull quote
    # when its words occur in it a second time (the first is the quote itself).
    haystack = "\x00".join(_norm(p.text) for p in body)
    for para in body:
        m = _QUOTED.match(para.text)
        if not m or len(m["inner"]) < 20:
            continue
        needle = _norm(m["inner"])
        first = haystack.find(needle)
        if first != -1 and haystack.find(needle, first + 1) != -1:
            para.role = "pullquote"
