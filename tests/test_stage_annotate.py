"""annotate: where each note attaches, on fixture files (tests/fixtures/annotate/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from stage_cases import cases, error_line, split

from sourcegen.annotate import Matcher, annotate
from sourcegen.errors import SourcegenError
from sourcegen.model import Annotated, Note, Source
from sourcegen.parse import parse_text

FRONT = """\
---
title: T
speakers:
- {label: Lens, name: The Daily Lens, role: interviewer}
- {label: Jane Doe, name: Jane Doe, role: interviewee}
---

"""
NOTE_LINE = re.compile(
    r"^(?P<id>[\w-]+) (?P<group>term|claim|event|source)"
    r"(?: for (?P<for>[\w, -]+?))?(?: on (?P<date>[\d-]+))?:(?P<match>.*)$"
)


def note(line: str) -> Note:
    """A note from one fixture line: ``id group [for slug, slug] [on date]: phrase; phrase``."""
    m = NOTE_LINE.match(line)
    assert m, f"not a note line: {line!r}"
    return Note(
        id=m["id"],
        title=m["id"],
        group=m["group"],  # type: ignore[arg-type]  # the pattern allows only the four
        as_of="2026-01-01",
        body="Body.",
        sources=[Source("A source", "https://example.org/", "2026")],
        match=[p.strip() for p in m["match"].split(";") if p.strip()],
        interviews=[s.strip() for s in m["for"].split(",")] if m["for"] else None,
        event_date=m["date"],
        path=Path(f"{m['id']}.md"),
        lines={"match": 6},
    )


def placed(a: Annotated) -> str:
    """Every block with its references in, then the notes shown after or in the edition box."""
    refs: dict[int, list[tuple[int, str]]] = {}
    for p in a.placements:
        refs.setdefault(id(p.block), []).append((p.end, p.note.id))
    out = []
    blocks = [("intro", b) for b in a.interview.intro]
    blocks += [(f"#{s.anchor}", b) for s in a.interview.sections for b in s.blocks]
    for where, block in blocks:
        text, at = "", 0
        for end, note_id in sorted(refs.get(id(block), [])):
            text, at = text + block.text[at:end] + f"[^{note_id}]", end
        kind = " pullquote" if block.kind == "pullquote" else ""
        who = f" {block.speaker}" if block.speaker else ""
        out.append(f"{where}{kind}{who}: {text + block.text[at:]}")
    if a.after:
        out.append("after: " + ", ".join(n.id for n in a.after))
    if a.source_notes:
        out.append("source notes: " + ", ".join(n.id for n in a.source_notes))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(("given", "expected"), cases("annotate"))
def test_annotate_fixture(given: str, expected: str) -> None:
    notes_text, body = split(given, "---")
    notes = [note(line) for line in notes_text.splitlines() if line.strip()]
    interview = parse_text(FRONT + body, Path("interview.md"), "acme")
    try:
        found = placed(annotate(interview, Matcher.build(notes)))
    except SourcegenError as exc:
        found = f"error: {error_line(exc)}"
    assert found == expected
