"""`terms`: capitalised terms and acronyms in an interview that no note, tooltip
or speaker explains."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import SourcegenError
from ..model import Interview, Note
from ..notes import load_glossary, load_notes
from ..parse import parse_file
from ..pipeline import Project

_ACRONYM = r"[A-Z][A-Z0-9&]*[A-Z0-9](?:s|es)?"
_CAPITAL = r"[A-Z][a-z][\w’'-]*"
_TERM = re.compile(
    rf"(?<![\w’'-])(?:{_ACRONYM}|{_CAPITAL}(?:\s+(?:(?:of|for)\s+(?:the\s+)?|&\s+)?{_CAPITAL})*)(?![\w’'-])"
)
"""An acronym (`TVI`, `NVRs`, `R&D`) or a run of capitalised words, perhaps joined by
"of (the)", "for (the)" or "&" (`Security Response Center`, `Bank of England`)."""
_SENTENCE_START = re.compile(r"(?:^|[.!?:;…—–“\"(]\s*)$")


_POSSESSIVE = re.compile(r"[’']s$")


def _is_acronym(word: str) -> bool:
    return re.fullmatch(_ACRONYM, word) is not None


@dataclass(slots=True)
class Term:
    text: str
    line: int
    count: int = 1


def _explained(term: str, notes: list[Note], glossary: dict[str, str], names: set[str]) -> bool:
    folded = term.casefold()
    phrases = [p.casefold() for n in notes for p in n.match]
    abbrs = {a.casefold() for n in notes for a in n.abbr} | {a.casefold() for a in glossary}
    bare = re.sub(r"(?<=[A-Z0-9])(?:e?s)$", "", term).casefold()
    return (
        folded in abbrs
        or bare in abbrs
        or any(folded in p or p in folded for p in phrases)
        or any(w in names for w in folded.split())
    )


def unexplained_terms(project: Project, slug: str) -> list[Term]:
    """Capitalised terms and acronyms in one interview that no note, tooltip or
    speaker explains, with the line each first appears on and how often."""
    path = project.interviews_dir / slug / "interview.md"
    if not path.is_file():
        raise SourcegenError(path, None, f"expected an interview `{slug}`, found no such file")
    interview = parse_file(path)
    notes = load_notes(project.notes_dir)
    glossary = load_glossary(project.glossary)
    names = {
        w.casefold()
        for s in interview.meta.speakers
        for part in (s.label, s.name, s.affiliation or "")
        for w in part.split()
    }
    found: dict[str, Term] = {}
    for text, line in _texts(interview):
        for m in _TERM.finditer(text):
            term = _POSSESSIVE.sub("", m.group())
            if _SENTENCE_START.search(text[: m.start()]) and not _is_acronym(term.split()[0]):
                term = term.partition(" ")[2]  # a capital that only starts a sentence
            if not term or _explained(term, notes, glossary, names):
                continue
            if term in found:
                found[term].count += 1
            else:
                found[term] = Term(term, line)
    return list(found.values())


def _texts(interview: Interview) -> Iterator[tuple[str, int]]:
    for block in interview.intro:
        yield block.text, block.line
    for section in interview.sections:
        yield section.heading, section.line
        for block in section.blocks:
            if block.kind == "p":
                yield block.text, block.line
