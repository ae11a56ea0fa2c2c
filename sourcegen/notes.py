"""Load context notes (sources/notes/*.md) and the glossary (sources/glossary.yml)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from . import frontmatter as fm
from .errors import SourcegenError
from .fileio import read_text
from .model import Correction, Note, Source

GROUPS = ("term", "claim", "event", "source")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")

VERDICTS = ("accurate", "partly accurate", "misleading", "unsupported", "disputed", "false")
"""A claim note's finding, in the words a reader sees beside the note number.
Few on purpose: each must mean the same thing on every page of every site."""

SOURCE_KINDS = ("government", "company", "press", "analysis", "reference", "mirror")
"""What sort of publisher a source is, shown to the reader beside it.
`analysis` covers blogs, law-firm alerts, research sites and forums; `mirror`
a copy of someone else's page. A claim resting only on these is warned about."""

WEAK_KINDS = frozenset({"analysis", "mirror"})
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _day(value: Any) -> str | None:
    """A full calendar date: staleness and review dates are counted in days."""
    text = fm.as_text(value) if isinstance(value, dt.date) else value
    if isinstance(text, str) and _DAY.match(text):
        try:
            dt.date.fromisoformat(text)
            return None
        except ValueError:
            pass
    return "a date as YYYY-MM-DD"


def _one_of(words: tuple[str, ...]) -> fm.Check:
    return lambda v: None if v in words else "one of: " + ", ".join(words)


SCHEMA: dict[str, tuple[fm.Check, bool]] = {
    "id": (
        lambda v: (
            None
            if isinstance(v, str) and _ID.fullmatch(v)
            else "an id of lowercase letters, digits and hyphens"
        ),
        True,
    ),
    "title": (fm.text(), True),
    "group": (lambda v: None if v in GROUPS else "one of " + ", ".join(GROUPS), True),
    "as_of": (fm.iso_date(), True),
    "event_date": (fm.iso_date(), False),
    "match": (fm.string_list, False),
    "abbr": (fm.abbr_map, False),
    "interviews": (fm.string_list, False),
    "draft": (fm.flag, False),
    "sources": (
        lambda v: (
            "at least one source (title, url, date)"
            if not v
            else _undated(v)
            or fm.records(
                {
                    "title": (fm.text(), True),
                    "url": (fm.url(), True),
                    "date": (fm.iso_date("undated"), True),
                    "primary": (fm.flag, False),
                    "kind": (_one_of(SOURCE_KINDS), False),
                }
            )(v)
        ),
        True,
    ),
    "verdict": (_one_of(VERDICTS), False),
    "review_by": (_day, False),
    "corrections": (
        fm.records({"date": (_day, True), "change": (fm.text(), True)}),
        False,
    ),
}


def _undated_item(value: Any) -> int:
    """The number (from 1) of the first source with no `date:` at all, or 0."""
    for i, item in enumerate(value if isinstance(value, list) else [], 1):
        if isinstance(item, dict) and "date" not in item:
            return i
    return 0


def _undated(value: Any) -> str | None:
    """A source with no `date:` at all: say which, and what to write."""
    if i := _undated_item(value):
        title = str(value[i - 1].get("title", ""))[:50]
        return (
            f"a `date:` on every source (item {i}, “{title}”, has none): its date as "
            "YYYY-MM-DD, YYYY-MM or YYYY, or `date: undated`"
        )
    return None


def _item_line(yaml_text: str, key_line: int, item: int) -> int:
    """The line of a block list's ``item``-th ``- `` under the key on ``key_line``
    (front matter starts on line 2); the key's own line for a flow list."""
    rows = yaml_text.split("\n")
    seen = 0
    for number in range(key_line, len(rows) + 2):
        row = rows[number - 2] if number - 2 < len(rows) else ""
        if number > key_line and row and not row[0].isspace() and not row.startswith("-"):
            break
        if number > key_line and re.match(r"^\s*-\s", row):
            seen += 1
            if seen == item:
                return number
    return key_line


def parse_note(source: str, path: Path) -> Note:
    yaml_text, body, body_line = fm.split(source, path)
    data, lines = fm.load(yaml_text, path)
    if "sources" in lines and (missing := _undated_item(data.get("sources"))):
        # Named at the item's own line, where the `date:` must go.
        lines = {**lines, "sources": _item_line(yaml_text, lines["sources"], missing)}
    fm.validate(data, lines, SCHEMA, path)
    if data["id"] != path.stem:
        raise SourcegenError(
            path,
            lines["id"],
            f"`id`: expected `{path.stem}` (the file's name), found `{data['id']}`",
        )
    group = data["group"]
    if group in ("term", "claim") and not data.get("match"):
        raise SourcegenError(
            path, 1, f"a {group} note needs `match:` phrases saying where it attaches"
        )
    if group in ("claim", "event", "source") and not data.get("interviews"):
        raise SourcegenError(
            path, 1, f"a {group} note needs `interviews:` listing the interviews it is for"
        )
    if group in ("event", "source") and data.get("match"):
        raise SourcegenError(
            path,
            lines["match"],
            f"a {group} note is not attached to a phrase: expected no `match:`",
        )
    if data.get("verdict") is not None and group != "claim":
        raise SourcegenError(
            path,
            lines["verdict"],
            f"a {group} note checks no claim: expected no `verdict:` (only claim notes have one)",
        )
    if not body.strip():
        raise SourcegenError(
            path, body_line, "expected the note's text after the front matter, found none"
        )
    return Note(
        id=data["id"],
        title=data["title"],
        group=group,
        as_of=fm.as_text(data["as_of"]),
        body=body.strip(),
        sources=[_source(s) for s in data["sources"]],
        match=list(data.get("match") or []),
        abbr=dict(data.get("abbr") or {}),
        interviews=list(data["interviews"]) if data.get("interviews") else None,
        event_date=fm.as_text(data["event_date"]) if data.get("event_date") else None,
        verdict=data.get("verdict"),
        review_by=fm.as_text(data["review_by"]) if data.get("review_by") else None,
        corrections=[
            Correction(fm.as_text(c["date"]), c["change"]) for c in data.get("corrections") or []
        ],
        path=path,
        lines=lines,
        draft=bool(data.get("draft")),
    )


def _source(data: dict[str, Any]) -> Source:
    return Source(
        data["title"],
        fm.link_url(data["url"]),
        fm.as_text(data["date"]),
        primary=bool(data.get("primary", False)),
        kind=data.get("kind"),
    )


def load_notes(folder: Path) -> list[Note]:
    """Every note, sorted by id; duplicate ids are an error naming both files."""
    notes: dict[str, Note] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        note = parse_note(read_text(path), path)
        if note.id in notes:
            raise duplicate(note, notes[note.id])
        notes[note.id] = note
    return list(notes.values())


def duplicate(note: Note, first: Note) -> SourcegenError:
    """Two notes with one id (`check` collects these; a build stops at the first)."""
    return SourcegenError(note.path, 1, f"duplicate note id `{note.id}`, also in {first.path}")


def load_glossary(path: Path) -> dict[str, str]:
    """Abbreviation → expansion, for abbreviations that have no note.

    Read with the front matter's loader (`frontmatter.load`), so the same key
    twice, an alias, a control character or deep nesting is a one-line error."""
    if not path.exists():
        return {}
    data, lines = fm.load(read_text(path), path, first_line=1, what="the glossary")
    for abbr, text in data.items():
        if not (fm.is_abbreviation(abbr) and isinstance(text, str) and text.strip()):
            shown = type(text).__name__ if isinstance(text, (dict, list)) else repr(text)
            raise SourcegenError(
                path,
                lines.get(str(abbr), 1),
                f"expected `ABBR: expansion`, the abbreviation in {fm.ABBREVIATION_RULE} and "
                f"the expansion text, found `{abbr!r}: {shown}` "
                "(quote a value YAML reads as a number or true/false)",
            )
    return dict(data)


def unknown_interviews(notes: list[Note], slugs: set[str]) -> list[SourcegenError]:
    """A note's `interviews:` entry that names no folder in sources/interviews/."""
    return [
        SourcegenError(
            note.path,
            note.lines.get("interviews", 1),
            f"`interviews`: expected the name of a folder in sources/interviews/, "
            f"found `{slug}`, which has none",
        )
        for note in notes
        for slug in note.interviews or []
        if slug not in slugs
    ]


def unused_notes(notes: list[Note], used: set[str]) -> list[SourcegenError]:
    """Notes no interview uses, saying which phrases were looked for where."""
    errors = []
    for note in notes:
        if note.id in used:
            continue
        wanted = (
            ", ".join(f"`{s}`" for s in note.interviews) if note.interviews else "every interview"
        )
        looked = "; ".join(f"“{p}”" for p in note.match) or "(no phrases)"
        errors.append(
            SourcegenError(
                note.path,
                note.lines.get("match", 1),
                f"note `{note.id}` is used nowhere: looked for {looked} in {wanted} "
                "(interview text, not headings or pull quotes) and found none; change "
                "`match:` to words the interview uses, or delete the note",
            )
        )
    return errors
