"""What the editor's commands do (cli.py is only their shell): a new note from
a template, the notes and where they are used, the terms no note explains,
and renaming or removing an interview without breaking its address.

Editors' files are edited in place only where a command must (a note's
`interviews:` list), each change read back before it is written, and written
atomically; nothing is overwritten that the editor wrote.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .annotate import Matcher, annotate
from .errors import SourcegenError
from .fileio import read_text, write_atomic
from .model import Interview, Note
from .notes import GROUPS, load_glossary, load_notes, parse_note
from .parse import SLUG, parse_file
from .pipeline import Project, interview_paths
from .redirects import load_redirects, save_redirects

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
            f"title: {_flow(title or note_id.replace('-', ' ').capitalize())}",
            "what the note is about, as a reader would name it",
        ),
        (f"group: {group}", "term | claim | event | source"),
        (f"as_of: {(today or dt.date.today()).isoformat()}", "the day you checked the facts"),
    ]
    if phrases:
        rows.append(
            (f"match: {_flow(phrases)}", "phrases in the text; the note attaches after the first")
        )
    if interviews:
        rows.append((f"interviews: {_flow(list(interviews))}", "the interviews it is for"))
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


def _flow(value: Any) -> str:
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


def _interviews(project: Project) -> list[Interview]:
    return [parse_file(path) for path in interview_paths(project)]


def note_uses(project: Project, stale_after: int, today: dt.date | None = None) -> list[NoteUse]:
    """Every note with the interviews it is placed in, and whether its facts are old."""
    notes = load_notes(project.notes_dir)
    matcher = Matcher.build(notes)
    uses = {n.id: NoteUse(n) for n in notes}
    for interview in _interviews(project):
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


def _interviews_lines(text: str) -> tuple[int, int] | None:
    """The lines (start, end) of a note's `interviews:` value in its front matter."""
    rows = text.split("\n")
    for i, row in enumerate(rows):
        if row.startswith("---") and i:
            return None
        if re.match(r"^interviews\s*:", row):
            end = i + 1
            while end < len(rows) and (
                rows[end].startswith((" ", "\t", "-")) and not rows[end].startswith("---")
            ):
                end += 1
            return i, end
    return None


def _retarget(note: Note, old: str, new: str | None) -> str | None:
    """The note's text with ``old`` replaced by ``new`` (or dropped) in `interviews:`,
    or None when the note does not list ``old``. The rest is left as the editor wrote it."""
    if not note.interviews or old not in note.interviews or note.path is None:
        return None
    text = read_text(note.path)
    span = _interviews_lines(text)
    if span is None:
        return None
    rows = text.split("\n")
    value = list(dict.fromkeys(new if s == old else s for s in note.interviews if new or s != old))
    comment = ""
    if "#" in rows[span[0]]:
        comment = "  " + rows[span[0]][rows[span[0]].index("#", len("interviews:")) :]
    rows[span[0] : span[1]] = [
        f"interviews: {_flow(value)}{comment}" if value else "interviews: []"
    ]
    return "\n".join(rows)


def move_interview(project: Project, old: str, new: str | None) -> list[Path]:
    """Rename (``new``) or remove (None) an interview; fix notes; record the redirect.

    Everything is checked and prepared first; only then are files written, so
    a refusal changes nothing. Returns the notes that were changed.
    """
    src = project.interviews_dir / old
    if not (src / "interview.md").is_file():
        raise SourcegenError(src, None, f"expected an interview `{old}`, found no such folder")
    if new is not None:
        if not SLUG.fullmatch(new):
            raise SourcegenError(
                None, None, f"NEW: expected lowercase letters, digits and hyphens, found `{new}`"
            )
        if (project.interviews_dir / new).exists():
            raise SourcegenError(
                project.interviews_dir / new, None, "exists already; choose another name"
            )
    notes = load_notes(project.notes_dir)
    changes: dict[Path, str] = {}
    for note in notes:
        text = _retarget(note, old, new)
        if text is None:
            continue
        assert note.path is not None
        if (
            new is None
            and note.group != "term"
            and not [s for s in note.interviews or [] if s != old]
        ):
            raise SourcegenError(
                note.path,
                note.lines.get("interviews"),
                f"note `{note.id}` is only for `{old}`: delete the note first (or give it another interview)",
            )
        parse_note(text, note.path)  # it must still read back
        changes[note.path] = text
    redirects = load_redirects(project.root)
    redirects = {k: (new if v == old else v) for k, v in redirects.items()}
    redirects[old] = new
    redirects.pop(new or "", None)  # an address in use again is a page, not a redirect
    kept = removed_dir(project) / old
    if new is None and kept.exists():
        raise SourcegenError(kept, None, "an earlier removal is kept here; move it away first")
    for path, text in changes.items():
        write_atomic(path, text)
    save_redirects(project.root, redirects)
    if new is not None:
        src.rename(project.interviews_dir / new)
    else:
        kept.parent.mkdir(parents=True, exist_ok=True)
        src.rename(kept)  # kept, never deleted: the editor's files are not lost
    return list(changes)


def removed_dir(project: Project) -> Path:
    """Where `sourcegen remove` keeps an interview's folder (not built, not lost)."""
    return project.root / "sources" / "removed"
