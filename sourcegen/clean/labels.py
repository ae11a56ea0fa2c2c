"""Speaker labels at the start of a paragraph (``Q:``, ``Ray Cooke:``, ``SSI:``)."""

from __future__ import annotations

import re

ASKING = {"Q": "Q", "QUESTION": "Q", "ISSUE": "Issue"}
ANSWERING = {"A": "A", "ANSWER": "A", "SOLUTION": "Solution"}
"""Fixed labels and how the page shows them."""

NOT_SPEAKERS = {
    "NOTE",
    "UPDATE",
    "EDITOR",
    "RELATED",
    "READ NEXT",
    "READ MORE",
    "SEE ALSO",
    "PHOTO",
    "IMAGE",
    "SOURCE",
    "TAGS",
    "ALSO READ",
    "EDITOR’S NOTE",
    "EDITOR'S NOTE",
    "CORRECTION",
    "DISCLAIMER",
    "SPONSORED",
    "ADVERTISEMENT",
    "WATCH",
    "LISTEN",
    "MORE",
    "CREDIT",
}

_WORD = r"[A-Z][\w.'’-]*"
LABEL_RE = re.compile(
    r"^(?:"
    r"(?P<qa>Q|A)\s*[.:]\s*"
    r"|(?P<fixed>QUESTION|ANSWER|ISSUE|SOLUTION)\s*:\s*"
    rf"|(?P<name>{_WORD}(?:\s{_WORD}){{0,3}})(?:\s\((?P<abbr>[A-Z][A-Za-z]{{0,5}})\))?\s*:\s+"
    r")(?P<rest>\S.*)$",
    re.DOTALL,
)


def split_label(text: str) -> tuple[str, str | None, str] | None:
    """(label, defined abbreviation, rest of the paragraph) or None if no label."""
    m = LABEL_RE.match(text)
    if not m:
        return None
    label = m["qa"] or m["fixed"] or m["name"]
    if label.upper() in NOT_SPEAKERS:
        return None
    return label, m["abbr"], m["rest"]


def starts_with_label(text: str) -> bool:
    """Cheap test used while rejoining lines: does a new turn start here?"""
    hit = split_label(text)
    if hit is None:
        return False
    label = hit[0]
    return (
        label in ("Q", "A")
        or label.upper() in ASKING
        or label.upper() in ANSWERING
        or (label.isupper() and 2 <= len(label) <= 6)
        or hit[1] is not None
        or " " in label
    )
