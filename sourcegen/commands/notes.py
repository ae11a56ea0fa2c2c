"""`note new` and `notes`: a new note from a template, and every note with
the interviews that use it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..annotate import Matcher, annotate
from ..errors import SourcegenError
from ..fileio import write_atomic
from ..model import Interview, Note
from ..notes import GROUPS, load_notes, parse_note
from ..parse import SLUG, parse_file
from ..pipeline import Project, interview_paths

NOTE_BODY = """\
Write the note here, in Markdown: a few short paragraphs, facts only, each
backed by a source above.
"""


def _commented(rows: list[tuple[str, str]]) -> str:
    """Front-matter lines with their comments lined up, as in README's examples."""
    width = max(len(row) for row, why in rows if why) + 2
    return "".join(f"{row.ljust(width)}# {why}\n" if why else f"{row}\n" for row, why in rows)


def new_note(
    project: Project,
    note_id: str,
    group: str = "term",
    title: str | None = None,
    match: tuple[str, ...] = (),
    interviews: tuple[str, ...] = (),
    today: dt.date | None = None,
) -> Path:
    """Write sources/notes/<id>.md from the template; never over an existing file."""
    if not SLUG.fullmatch(note_id):
        raise SourcegenError(
            None, None, f"ID: expected lowercase letters, digits and hyphens, found `{note_id}`"
        )
    if group not in GROUPS:
        raise SourcegenError(
            None, None, f"--group: expected one of {', '.join(GROUPS)}, found `{group}`"
        )
    path = project.notes_dir / f"{note_id}.md"
    if path.exists():
        raise SourcegenError(path, None, "exists already; edit it, or choose another ID")
    phrases = list(match) or ([] if group in ("event", "source") else [note_id.replace("-", " ")])
    rows = [
        (f"id: {note_id}", "the file's name"),
        (
            f"title: {flow(title or note_id.replace('-', ' ').capitalize())}",
            "what the note is about, as a reader would name it",
        ),
        (f"group: {group}", "term | claim | event | source"),
        (f"as_of: {(today or dt.date.today()).isoformat()}", "the day you checked the facts"),
    ]
    if phrases:
        rows.append(
            (f"match: {flow(phrases)}", "phrases in the text; the note attaches after the first")
        )
    if interviews:
        rows.append((f"interviews: {flow(list(interviews))}", "the interviews it is for"))
    elif group == "term":
        rows.append(
            ("# interviews: [slug]", "only where it applies (required for claim, event, source)")
        )
    else:
        rows.append(("interviews: []", "required: the interviews it is for"))
    rows += [
        ("sources:", "at least one: where the facts come from"),
        ('  - {title: "Title of the source", url: "https://example.org/", date: undated}', ""),
    ]
    text = f"---\n{_commented(rows)}---\n{NOTE_BODY}"
    if interviews or group == "term":
        parse_note(text, path)  # the template must read back
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)
    return path


def flow(value: Any) -> str:
    """A YAML flow value on one line, quoted as needed."""
    return (
        yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
        .strip()
        .removesuffix("\n...")
        .strip()
    )


@dataclass(slots=True)
class NoteUse:
    """One note, and where the interviews use it."""

    note: Note
    interviews: list[str] = field(default_factory=list)
    stale: bool = False


def all_interviews(project: Project) -> list[Interview]:
    """Every interview of the project, parsed (the first that does not parse stops)."""
    return [parse_file(path) for path in interview_paths(project)]


def note_uses(project: Project, stale_after: int, today: dt.date | None = None) -> list[NoteUse]:
    """Every note with the interviews it is placed in, and whether its facts are old."""
    notes = load_notes(project.notes_dir)
    matcher = Matcher.build(notes)
    uses = {n.id: NoteUse(n) for n in notes}
    for interview in all_interviews(project):
        a = annotate(interview, matcher)
        for nid in dict.fromkeys(
            [p.note.id for p in a.placements] + [n.id for n in (*a.after, *a.source_notes)]
        ):
            uses[nid].interviews.append(interview.slug)
    limit = (today or dt.date.today()) - dt.timedelta(days=stale_after)
    for use in uses.values():
        checked = _as_date(use.note.as_of)
        use.stale = checked is not None and checked < limit
    return list(uses.values())


def _as_date(value: str) -> dt.date | None:
    """The last day ``value`` (YYYY, YYYY-MM, YYYY-MM-DD) can mean, or None."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 12), int(m[3] or 0)
    try:
        if day:
            return dt.date(year, month, day)
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    except ValueError:
        return None
