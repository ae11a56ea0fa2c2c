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
    for para in body:
        m = _QUOTED.match(para.text)
        if not m or len(m["inner"]) < 20:
            continue
        needle = _norm(m["inner"])
        if any(other is not para and needle in _norm(other.text) for other in body):
            para.role = "pullquote"
