"""Speaker labels and question numbers: the one authority for "is this a label?".

Every place that needs to know whether a line starts a speaker's turn (the
importer's rejoining of lines, its segmentation, `sourcegen check`'s
conservation test, the scale benchmark) asks this module. The shapes are data:
`LABEL_SHAPES` has one row per shape with an example, and the fixture tests
run every example through `match_label`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The label words, re-exported as the authority's own: rules ask this module.
from .label_words import ANSWER_ROLES as ANSWER_ROLES
from .label_words import ANSWERING as ANSWERING
from .label_words import ASK_ROLES as ASK_ROLES
from .label_words import ASKING as ASKING
from .label_words import NOT_SPEAKERS as NOT_SPEAKERS

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_WORD = rf"[{_UPPER}][\w.'’-]*"
_NAME = rf"{_WORD}(?:\s(?:{_WORD}|\d{{1,3}})){{0,3}}"
"""One to four capitalised words; a number may follow (``Speaker 1``, ``Respondent 3``)."""

LABEL_SHAPES: list[tuple[str, str, str]] = [
    # (shape, pattern, an example the fixture tests run)
    ("qa", r"(?P<qa>Q|A)\s*[.:]\s*", "Q: What do you sell?"),
    (
        "qa-numbered",
        r"(?P<qn>Q|A|Question|QUESTION|Answer|ANSWER)\s?(?P<qnum>\d{1,3})\s*[.:)]\s*",
        "Q7: Why now?",
    ),
    (
        "fixed",
        r"(?P<fixed>QUESTION|ANSWER|ISSUE|SOLUTION|Question|Answer|Issue|Solution)\s*[.:]\s*",
        "Question: Why now?",
    ),
    (
        "name-role",
        rf"(?P<rname>{_NAME}),\s+(?P<role>[A-Z][A-Za-z-]+(?:\s[A-Z][A-Za-z-]+)?)\s*:\s*",
        "TERRY GROSS, HOST: This is the show.",
    ),
    (
        "name-abbr",
        rf"(?P<aname>{_NAME})\s\((?P<abbr>[A-Z][A-Za-z]{{0,5}})\)\s*:\s*",
        "Dan Hill (DH): Thanks.",
    ),
    ("name", rf"(?P<name>{_NAME})\s*:\s+", "Ray Cooke: It made video essential."),
    ("name-alone", rf"(?P<lname>{_NAME})\s*:\s*$", "JOHN SMITH:"),
    # ("name-alone-mixed": the same pattern in ordinary capitals, ``Jane Smith:``)
]
"""Label shapes, tried in order; a row's pattern is anchored at the paragraph start."""

TIMESTAMP = r"(?:[\[(]?\d{1,2}:\d\d(?::\d\d)?[\])]?\s+)?"
"""A recording's time code before a label (``[00:01:05] INTERVIEWER:``), taken with it."""
LABEL_RE = re.compile(
    "^" + TIMESTAMP + "(?:" + "|".join(f"(?:{p})" for _, p, _ in LABEL_SHAPES) + r")(?P<rest>.*)$",
    re.DOTALL,
)

INLINE_LABEL = re.compile(
    r"(?<=[.?!…\"”)\]])(?<![0-9][)\]])\s+(?P<label>[A-ZÀ-ÖØ-Þ][\w.'’-]{0,30}(?:\s(?:[A-ZÀ-ÖØ-Þ][\w.'’-]{0,30}|\d{1,3})){0,2})\s?:\s+(?=\S)"
)
"""A label inside a line, after the end of a sentence: ``… about? Author: It is …``."""

NUMBER_RE = re.compile(r"^(?:Q\s?)?(?P<num>\d{1,2})\s?[.):]\s+(?=\S)")
"""A question number: ``1.``, ``2)``, ``Q3.``, ``Q7:``."""


@dataclass(slots=True, frozen=True)
class LabelHit:
    label: str
    """The speaker key: ``Q``, ``Ray Cooke``, ``TERRY GROSS``."""
    abbr: str | None
    """An abbreviation defined at first use (``Dan Hill (DH):``)."""
    rest: str
    """The paragraph after the label (may be empty for a label alone on its line)."""
    shape: str
    """The `LABEL_SHAPES` row that matched."""
    side: str | None
    """``ask`` or ``answer`` when the label's words say so, else None."""
    number: str | None = None
    """A question number carried by the label (``Q7:``)."""


def _side(*words: str | None) -> str | None:
    for word in words:
        if not word:
            continue
        up = word.upper()
        if up in ASK_ROLES:
            return "ask"
        if up in ANSWER_ROLES:
            return "answer"
    return None


def match_label(text: str) -> LabelHit | None:
    """The speaker label at the start of ``text``, or None.

    Linear in the length of ``text``: the pattern is anchored, names are at
    most four words, and the rest is taken whole.
    """
    if not (text[:1].isupper() or text[:1] in "[(0123456789"):
        return None
    head = text[:160]  # a label is never longer than this; keeps matching cheap
    m = LABEL_RE.match(head)
    if not m:
        return None
    rest = (m["rest"] + text[160:]) if len(text) > 160 else m["rest"]
    rest = rest.strip()
    if m["qa"]:
        return LabelHit(m["qa"], None, rest, "qa", _side(m["qa"]))
    if m["qn"]:
        letter = m["qn"][0].upper()
        return LabelHit(letter, None, rest, "qa-numbered", _side(letter), m["qnum"])
    if m["fixed"]:
        return LabelHit(m["fixed"].upper(), None, rest, "fixed", _side(m["fixed"]))
    if m["rname"]:
        name, role = m["rname"], m["role"]
        if name.upper() in NOT_SPEAKERS or not (name.isupper() or role.isupper()):
            return None
        return LabelHit(name, None, rest, "name-role", _side(role, name))
    if m["aname"]:
        if m["aname"].upper() in NOT_SPEAKERS:
            return None
        return LabelHit(m["aname"], m["abbr"], rest, "name-abbr", _side(m["aname"]))
    name = m["name"] or m["lname"]
    if name.upper() in NOT_SPEAKERS:
        return None
    if m["lname"] and not (name.isupper() or name.upper() in ASK_ROLES | ANSWER_ROLES):
        # a label alone on its line in ordinary capitals: a turn only if the
        # document uses it more than once (the segmenter counts)
        return LabelHit(name, None, rest, "name-alone-mixed", _side(name))
    return LabelHit(name, None, rest, "name" if m["name"] else "name-alone", _side(name))


def split_label(text: str) -> tuple[str, str | None, str] | None:
    """(label, defined abbreviation, rest of the paragraph) or None if no label."""
    hit = match_label(text)
    if hit is None or not hit.rest:
        return None
    return hit.label, hit.abbr, hit.rest


def looks_like_turn(hit: LabelHit) -> bool:
    """A label sure enough to be a turn on its own, before labels are counted."""
    label = hit.label
    if hit.shape == "name-alone-mixed":
        return False
    return (
        hit.shape in ("qa", "qa-numbered", "fixed", "name-role", "name-abbr")
        or hit.side is not None
        or (label.isupper() and 2 <= len(label) <= 24)
        or " " in label
    )


def starts_with_label(text: str, known: frozenset[str] | set[str] = frozenset()) -> bool:
    """Does a new turn start here? ``known``: labels the document uses more than once."""
    hit = match_label(text)
    if hit is None:
        return False
    return hit.label in known or looks_like_turn(hit)


def split_number(text: str) -> tuple[str, str] | None:
    """(number, rest) for a numbered paragraph (``1. What…``), else None."""
    m = NUMBER_RE.match(text.lstrip())
    if not m:
        return None
    return m["num"], text.lstrip()[m.end() :]


def same_speaker(label: str, other: str) -> bool:
    """``OLIVER`` and ``JOHN OLIVER``, ``Interview`` and ``Interviewer``: one speaker."""
    a, b = label.casefold(), other.casefold()
    if a == b:
        return True
    if " " in b and b.rsplit(" ", 1)[1] == a:
        return True  # surname after the full name
    if len(a) >= 5 and b.startswith(a) and len(b) - len(a) <= 2:
        return True  # a typo's missing letters at the end
    return len(a) >= 6 and abs(len(a) - len(b)) <= 1 and _one_edit(a, b)  # one letter wrong


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one inserted, dropped or changed letter."""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] if len(a) < len(b) else a[i + 1 :] == b[i + 1 :]


def strip_speaker_label(row: str, speakers: set[str]) -> str:
    """``row`` less a speaker label or question number at its start (for `sourcegen check`).

    The page shows labels as its own markup (a bold label, a heading), so their
    words are not looked for on it. ``speakers``: the interview's labels and names.
    """
    hit = match_label(row)
    if hit is not None and (
        hit.label in speakers
        or hit.abbr
        or hit.shape in ("qa", "qa-numbered", "fixed", "name-role")
        or hit.side is not None
        or (hit.label.isupper() and len(hit.label) <= 6)
        or any(same_speaker(hit.label, s) for s in speakers)
    ):
        row = hit.rest
    if (num := split_number(row)) is not None:
        row = num[1]
    if ":" in row and speakers:  # labels run on inside the line (a transcript in one paragraph)
        row = INLINE_LABEL.sub(
            lambda m: " " if any(same_speaker(m["label"], s) for s in speakers) else m[0], row
        )
    return row


def strip_label(text: str) -> str:
    """``text`` without a leading speaker label (any shape)."""
    hit = match_label(text)
    return hit.rest if hit is not None else text
