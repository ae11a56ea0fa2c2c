"""Checks of sources/ file by file, so that one run reports every problem
(a build stops at the first): notes, the glossary, interviews, and whether
each note matches where it must.

A date that is no date is not looked for here: the front matter schemas
(`parse.SCHEMA`, `notes.SCHEMA`, through `frontmatter.iso_date`) refuse it
while the file is read, so it is reported as that file's problem.
"""

from __future__ import annotations

from pathlib import Path

from ..annotate import Matcher, annotate
from ..editorial import is_placeholder
from ..errors import Problem, SourcegenError
from ..fileio import read_text
from ..model import Interview, Note
from ..notes import duplicate, load_glossary, parse_note, unknown_interviews, unused_notes
from ..parse import parse_file
from ..pipeline import Project, interview_paths


def as_problem(exc: SourcegenError, default: Path) -> Problem:
    """A stopping error as one finding among others, in ``default`` if it names no file."""
    return Problem(exc.path or default, exc.line, exc.message)


def editorial_problems(interview: Interview) -> list[Problem]:
    """What the page would vouch for wrongly: a speaker the importer could not name."""
    path = interview.path or Path(interview.slug)
    return [
        Problem(
            path,
            interview.meta.lines.get("speakers"),
            f"speaker `{sp.label}` is the importer's placeholder: write the person's name in "
            f"`label:` and `name:` (and in the text's `**{sp.label}:**` labels), "
            "as the article names them",
        )
        for sp in interview.meta.speakers
        if is_placeholder(sp.label, sp.name)
    ]


def _read_notes(folder: Path) -> tuple[dict[str, Note], list[Problem]]:
    """Every note in ``folder`` that reads, by id, and a problem for each that does not."""
    notes: dict[str, Note] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            note = parse_note(read_text(path), path)
        except SourcegenError as exc:
            problems.append(as_problem(exc, path))
            continue
        if note.id in notes:
            problems.append(as_problem(duplicate(note, notes[note.id]), path))
            continue
        notes[note.id] = note
    return notes, problems


def _read_interviews(paths: list[Path]) -> tuple[list[Interview], list[Problem]]:
    """Every interview.md of ``paths`` that reads, and a problem for each that does not."""
    interviews: list[Interview] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            interviews.append(parse_file(path))
        except SourcegenError as exc:
            problems.append(as_problem(exc, path))
    return interviews, problems


def _annotate_all(interviews: list[Interview], notes: list[Note]) -> tuple[set[str], list[Problem]]:
    """Annotate every interview, collecting each note that matches nothing where it
    must (annotate stops at the first: it is tried again without that note)."""
    used: set[str] = set()
    problems: list[Problem] = []
    everyone = Matcher.build(notes)
    for interview in interviews:
        active, matcher = notes, everyone
        while True:
            try:
                a = annotate(interview, matcher)
            except SourcegenError as exc:
                problems.append(as_problem(exc, interview.path or Path(interview.slug)))
                fewer = [n for n in active if n.path != exc.path]
                if len(fewer) == len(active):
                    break
                active, matcher = fewer, Matcher.build(fewer)
                continue
            used |= {p.note.id for p in a.placements}
            used |= {n.id for n in (*a.after, *a.source_notes)}
            break
    return used, problems


def source_problems(project: Project) -> tuple[list[Problem], list[Problem]]:
    """Every problem in sources/, each file read on its own: (those that stop a
    build, those that do not but must not be published)."""
    notes, blocking = _read_notes(project.notes_dir)
    try:
        load_glossary(project.glossary)
    except SourcegenError as exc:
        blocking.append(as_problem(exc, project.glossary))
    try:
        paths = interview_paths(project)
    except SourcegenError as exc:
        return [*blocking, as_problem(exc, project.interviews_dir)], []
    interviews, unread = _read_interviews(paths)
    blocking += unread
    editorial = [p for interview in interviews for p in editorial_problems(interview)]
    good = list(notes.values())
    slugs = {p.parent.name for p in paths}
    blocking += [as_problem(e, project.notes_dir) for e in unknown_interviews(good, slugs)]
    used, unmatched = _annotate_all(interviews, good)
    blocking += unmatched
    if interviews and len(interviews) == len(paths):
        reported = {p.path for p in unmatched}
        blocking += [
            as_problem(e, project.notes_dir)
            for e in unused_notes(good, used)
            if e.path not in reported
        ]
    return blocking, editorial
