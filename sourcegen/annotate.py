"""Place context notes in interviews.

All notes' phrases are compiled once per build into one regular expression,
and each interview's text is scanned once in reading order; a note attaches
after the first phrase of its own found. Pull quotes are skipped: they repeat
the body, and the note belongs where the words are said. Question headings
are skipped too (see below).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import SourcegenError
from .model import Annotated, Block, Interview, Note, Placement, Section


@dataclass(slots=True)
class Matcher:
    """The notes of one build, indexed for scanning."""

    notes: list[Note]
    pattern: re.Pattern[str] | None
    by_phrase: dict[str, list[Note]]

    @classmethod
    def build(cls, notes: list[Note]) -> Matcher:
        by_phrase: dict[str, list[Note]] = {}
        for note in notes:
            for phrase in note.match:
                by_phrase.setdefault(_norm(phrase), []).append(note)
        phrases = sorted(by_phrase, key=len, reverse=True)
        # No `(?<!\w)` in front: it stops the regex engine skipping ahead to a
        # phrase's first letters, and makes the scan about 1.6x slower. `_phrases`
        # checks the character before instead.
        pattern = (
            re.compile("(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")
            if phrases
            else None
        )
        return cls(notes, pattern, by_phrase)


def _phrases(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    r"""``pattern``'s matches in ``text`` that start a word: as `finditer` with `(?<!\w)`
    in front of the pattern (after a match that is part of a longer word, the
    search goes on from the next character, as the regex engine would)."""
    pos = 0
    while m := pattern.search(text, pos):
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # re's \w
            pos = start + 1
            continue
        yield m
        pos = max(m.end(), start + 1)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _applies(note: Note, slug: str) -> bool:
    return note.interviews is None or slug in note.interviews


def annotate(interview: Interview, matcher: Matcher) -> Annotated:
    slug = interview.slug
    placed: dict[str, Placement] = {}
    # Headings are not targets: a footnote number in a question would show in
    # the table of contents and in search results' titles.
    targets: list[tuple[Block, Section | None]] = [(b, None) for b in interview.intro]
    targets += [(b, s) for s in interview.sections for b in s.blocks]
    if matcher.pattern is not None:
        for block, section in targets:
            if block.kind == "pullquote":
                continue
            for m in _phrases(matcher.pattern, block.text):
                for note in matcher.by_phrase[m.group(0)]:
                    if note.id not in placed and _applies(note, slug):
                        placed[note.id] = Placement(note, block, section, m.end(), m.group(0))
    for note in matcher.notes:
        if note.interviews and slug in note.interviews and note.match and note.id not in placed:
            phrases = "; ".join(f"“{p}”" for p in note.match)
            raise SourcegenError(
                note.path,
                note.lines.get("match", 1),
                f"`match`: expected one of the note's phrases in interview `{slug}` "
                f"(note `{note.id}`), found none of them: {phrases}",
            )
    after = sorted(
        (n for n in matcher.notes if n.group == "event" and _applies(n, slug) and n.interviews),
        key=lambda n: (n.event_date or "9999", n.id),
    )
    source_notes = [
        n for n in matcher.notes if n.group == "source" and n.interviews and slug in n.interviews
    ]
    return Annotated(interview, list(placed.values()), after, source_notes)
