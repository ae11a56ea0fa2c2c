"""Conservation: interview.md's text is raw.txt's, less the recorded removals.

It compares the words of raw.txt with interview.md's own text (never the
page, whose fixed text could stand in for a lost word): they must be the
same, word for word, except for the editor's marks (editorial.py). The raw
side is read with the importer's own rules: its decoding (`clean.decode`) and
its speaker-label rule (`clean.labels`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Literal

from ..clean.decode import normalise
from ..clean.labels import strip_speaker_label
from ..editorial import Kind, pieces
from ..errors import Problem
from ..fileio import decode_text, read_bytes
from ..model import Interview

_SPACE_OR_DASH = re.compile(r"[\s—–]+")


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    line: int
    kind: Kind | Literal["meta", "label"] = "word"
    """Whose word it is (see `marked_words`); raw.txt's are all ``word``."""


def words(text: str, line: int = 1) -> Iterator[Word]:
    """Words with punctuation (hyphens, apostrophes) dropped, so "end-user" == "enduser".

    A dash (— or –) separates words as a space does: the importer joins a line
    ending "business—" to the next one's "what" with none."""
    for number, row in enumerate(text.split("\n"), start=line):
        for token in _SPACE_OR_DASH.split(row):
            word = re.sub(r"[\W_]+", "", token)
            if word:
                yield Word(word, number)


def _apply_removals(rows: list[str], interview: Interview, src: Path) -> list[Problem]:
    """Blank each recorded removal out of ``rows`` (raw.txt's lines), in place.

    A removal is whole lines (its text, line by line, equals raw.txt from its
    line on) or a span within one line (its text occurs in that line): the
    label in front of a question, a word cut from an answer.
    """
    original = list(rows)
    problems: list[Problem] = []
    for removal in interview.meta.removed:
        want = [r.strip() for r in removal.text.split("\n")]
        start = removal.line - 1
        found = original[start : start + len(want)]
        if found == want:
            for i in range(start, start + len(want)):
                rows[i] = ""
            continue
        if len(want) == 1 and found and want[0] and want[0] in rows[start]:
            rows[start] = rows[start].replace(want[0], " ", 1)
            continue
        shown = (found[0] if found else "end of file")[:60]
        problems.append(
            Problem(
                src,
                None,
                f"removal recorded at raw.txt line {removal.line} does not match raw.txt: "
                f"expected “{want[0][:60]}” (the whole line or a span within it), found “{shown}”",
            )
        )
    return problems


def raw_interview_text(raw: Path, interview: Interview) -> tuple[list[Word], list[Problem]]:
    """raw.txt's words, less each recorded removal (which must match raw.txt)."""
    text, _ = decode_text(read_bytes(raw), raw)
    lines, _ = normalise(text)
    rows = [line.text for line in lines]
    src = interview.path or raw
    problems = _apply_removals(rows, interview, src)
    # Speaker labels and question numbers are the page's markup, not the
    # interview's words: the page shows its own (a heading's speaker, a bold
    # label), so a raw `Q:`, `Steve Lasky:` or `1.` that the importer's label
    # rule takes off a line may be missing from interview.md, or kept in its
    # text where the editor kept it: such words are "label" words.
    speakers = {sp.label for sp in interview.meta.speakers} | {
        sp.name for sp in interview.meta.speakers
    }
    labels: dict[int, list[Word]] = {}  # raw line → its label's words
    for i, row in enumerate(rows):
        rest = strip_speaker_label(row, speakers)  # the importer's label rule
        if rest != row and row.endswith(rest):
            labels[i + 1] = [Word(w.text, i + 1, "label") for w in words(row[: -len(rest) or None])]
        rows[i] = rest
    joined = "\n".join(rows)
    # A hyphen or an em dash at a line end joins the next word, as the importer does.
    joined = re.sub(r"(\w)([-—])\n(?=\w)", r"\1\2", joined)
    return _with_labels(list(words(joined)), labels), problems


def _with_labels(text: list[Word], labels: dict[int, list[Word]]) -> list[Word]:
    """``text`` with each line's label words put before that line's first word."""
    out: list[Word] = []
    pending = sorted(labels)
    k = 0
    for w in text:
        while k < len(pending) and pending[k] <= w.line:
            out += labels[pending[k]]
            k += 1
        out.append(w)
    for line in pending[k:]:
        out += labels[line]
    return out


def marked_words(text: str, line: int) -> Iterator[Word]:
    """The words of one paragraph or heading of interview.md, each marked as the
    interviewee's (``word``), the editor's (``insert``, in brackets) or a cut.

    A word glued to an insertion (``[Hikvision]’s``) is part of it."""
    glued = False
    for piece, kind in pieces(text):
        if kind == "cut":
            yield Word("", line, "cut")  # matches no word of raw.txt
            glued = False
            continue
        tokens = list(words(piece, line))
        if kind == "word" and tokens:
            if glued and not piece[:1].isspace():
                yield Word(tokens[0].text, line, "insert")
                tokens = tokens[1:]
            yield from (Word(w.text, line, "word") for w in tokens)
        else:
            yield from (Word(w.text, line, "insert") for w in tokens)
        glued = kind == "insert"


def interview_words(interview: Interview) -> list[Word]:
    """interview.md's own words in reading order: title and dek, then the text.

    Speaker labels are markup and the page's fixed text is not the interview's,
    so neither can stand in for a word of raw.txt. Title and dek may be the
    editor's own (``meta``): a headline is not the interviewee's words; the
    raw.txt words they replace must still be recorded as removed.
    """
    meta = interview.meta
    out: list[Word] = []
    for key, value in (("title", meta.title), ("dek", meta.dek)):
        if value:
            out += [Word(w.text, w.line, "meta") for w in words(value, meta.lines.get(key, 1))]
    for block in interview.intro:
        out += marked_words(block.text, block.line)
    for section in interview.sections:
        out += marked_words(section.heading, section.line)
        for block in section.blocks:
            out += marked_words(block.text, block.line)
    return out


def _instead(theirs: list[Word]) -> str:
    """Where an extra word replaced raw.txt's: what stood there."""
    return f" (raw.txt line {theirs[0].line} has “{theirs[0].text}” there)" if theirs else ""


MAX_DIFFERENCES = 5
"""Differences reported per interview: after a few, a misaligned file only repeats itself."""


def conservation(raw: Path, interview: Interview) -> list[Problem]:
    """interview.md's text is raw.txt's, less recorded removals, word for word.

    The two word sequences are aligned (difflib); every difference must be an
    editor's mark: a cut where ``[…]`` stands, bracketed words added or put in
    place of others. Anything else is reported at its line: a word missing, or
    a word that the interviewee never said.
    """
    raw_words, problems = raw_interview_text(raw, interview)
    mine = interview_words(interview)
    src = interview.path or raw
    matcher = SequenceMatcher(
        None, [w.text for w in raw_words], [w.text for w in mine], autojunk=False
    )
    found: list[Problem] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        ours = mine[j1:j2]
        near = mine[max(j1 - 1, 0) : j2 + 1]
        extra = [w for w in ours if w.kind == "word"]
        marked = any(w.kind in ("cut", "insert") for w in ours) or any(
            w.kind == "cut" for w in near
        )
        if extra:
            w = extra[0]
            found.append(
                Problem(
                    src,
                    w.line,
                    f"word “{w.text}” is not in raw.txt{_instead(raw_words[i1:i2])}: the "
                    "interviewee's words must stay as published; put your own words in "
                    "[square brackets]",
                )
            )
        elif (lost := [w for w in raw_words[i1:i2] if w.kind != "label"]) and not marked:
            w = lost[0]
            at = mine[j1 - 1].line if j1 > 0 else (mine[0].line if mine else None)
            found.append(
                Problem(
                    src,
                    at,
                    f"word “{w.text}” from {raw} line {w.line} is missing from interview.md "
                    "(or out of order): mark a cut with […] where it stood, or record it under "
                    "`removed:` with its line",
                )
            )
    if len(found) > MAX_DIFFERENCES:
        more = len(found) - MAX_DIFFERENCES
        found = found[:MAX_DIFFERENCES]
        found.append(Problem(src, None, f"… and {more} more differences from raw.txt"))
    return problems + found
