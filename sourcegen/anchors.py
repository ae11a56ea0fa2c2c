"""Names made from words: a section's id on its page, an interview's folder.

One home for the rule, because the importer (clean/segment.py) and the parser
(parse.py) must give a question the same id: an interview.md the importer
wrote, read back, keeps every link to its sections. The command line uses it
to suggest a folder name.
"""

from __future__ import annotations

import re

from .model import RESERVED_IDS


def slugify(text: str, words: int = 8) -> str:
    """The first ``words`` words of ``text``, lowercase ASCII letters and digits, joined by
    hyphens; apostrophes are dropped so that "Acme's" is `acmes`, not `acme-s`."""
    tokens = re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))
    return "-".join(tokens[:words]) or "section"


def unique(anchor: str, taken: dict[str, int]) -> str:
    """``anchor``, or ``anchor-2``, ``-3``… the first not in ``taken`` nor one the page uses
    itself (model.RESERVED_IDS); it is added to ``taken``.

    ``taken`` also keeps, under ``"\0" + anchor``, the next number to try, so a
    page of many equal questions costs linear time, not quadratic (the importer's
    linear-time tests count this)."""
    n = taken.get("\0" + anchor, 2)
    candidate = anchor
    while candidate in taken or candidate in RESERVED_IDS:
        candidate, n = f"{anchor}-{n}", n + 1
    taken["\0" + anchor] = n
    taken[candidate] = 0
    return candidate
