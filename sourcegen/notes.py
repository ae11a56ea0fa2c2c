"""Load context notes (sources/notes/*.md) and the glossary (sources/glossary.yml)."""

from __future__ import annotations

import re
from pathlib import Path

from . import frontmatter as fm
from .errors import SourcegenError
from .fileio import read_text
from .model import Note, Source

GROUPS = ("term", "claim", "event", "source")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")

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
    "sources": (
        lambda v: (
            "at least one source (title, url, date)"
            if not v
            else fm.records(
                {
                    "title": (fm.text(), True),
                    "url": (fm.url(), True),
                    "date": (fm.iso_date("undated"), True),
                }
            )(v)
        ),
        True,
    ),
}


def parse_note(source: str, path: Path) -> Note:
    yaml_text, body, body_line = fm.split(source, path)
    data, lines = fm.load(yaml_text, path)
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
        sources=[
            Source(s["title"], fm.link_url(s["url"]), fm.as_text(s["date"]))
            for s in data["sources"]
        ],
        match=list(data.get("match") or []),
        abbr=dict(data.get("abbr") or {}),
        interviews=list(data["interviews"]) if data.get("interviews") else None,
        event_date=fm.as_text(data["event_date"]) if data.get("event_date") else None,
        path=path,
        lines=lines,
    )


def load_notes(folder: Path) -> list[Note]:
    """Every note, sorted by id; duplicate ids are an error naming both files."""
    notes: dict[str, Note] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        note = parse_note(read_text(path), path)
        if note.id in notes:
            raise SourcegenError(
                path, 1, f"duplicate note id `{note.id}`, also in {notes[note.id].path}"
            )
        notes[note.id] = note
    return list(notes.values())


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
