"""The stages in order, for the CLI and the MkDocs plugin alike.

`generate` computes every output in memory first; only when all of it
succeeded does `build` write, each file atomically and only if it changed.
A failing run therefore leaves every file as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .annotate import Matcher, annotate, unused_notes
from .dates import human_date
from .errors import SourcegenError
from .fileio import decode_text, read_bytes, write_atomic
from .model import Annotated, Interview, Note
from .notes import load_glossary, load_notes
from .parse import check_slug, parse_text
from .render import Renderer, abbreviations, unsealed


@dataclass(frozen=True, slots=True)
class Project:
    """Where a sourcegen site keeps its files (see README, "Layout")."""

    root: Path

    @property
    def interviews_dir(self) -> Path:
        return self.root / "sources" / "interviews"

    @property
    def notes_dir(self) -> Path:
        return self.root / "sources" / "notes"

    @property
    def glossary(self) -> Path:
        return self.root / "sources" / "glossary.yml"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def abbreviations(self) -> Path:
        return self.root / "includes" / "abbreviations.md"

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    @classmethod
    def find(cls, start: Path) -> Project:
        """The nearest folder at or above ``start`` holding mkdocs.yml."""
        start = start.resolve()
        for folder in (start, *start.parents):
            if (folder / "mkdocs.yml").is_file():
                return cls(folder)
        raise SourcegenError(
            start, None, "expected a sourcegen site: no mkdocs.yml here or in any parent folder"
        )


@dataclass(slots=True)
class Bundle:
    """Everything loaded from sources/, and what was made of it."""

    interviews: list[Interview]
    notes: list[Note]
    glossary: dict[str, str]
    annotated: list[Annotated] = field(default_factory=list)
    outputs: dict[Path, str] = field(default_factory=dict)


_PARSED: dict[Path, tuple[bytes, Interview]] = {}
"""interview.md files parsed in this process, by path, with the bytes they were parsed from.

`mkdocs serve` rebuilds everything on each edit; with this, an edit to one
interview re-parses that one. Interviews are never mutated after parsing."""


def _parse_cached(path: Path) -> Interview:
    data = read_bytes(path)
    cached = _PARSED.get(path)
    if cached is not None and cached[0] == data:
        return cached[1]
    check_slug(path.parent.name, path)
    interview = parse_text(decode_text(data, path)[0], path, path.parent.name)
    _PARSED[path] = (data, interview)
    return interview


def load(project: Project) -> Bundle:
    folder = project.interviews_dir
    paths = sorted(folder.glob("*/interview.md")) if folder.is_dir() else []
    interviews = [_parse_cached(p) for p in paths]
    return Bundle(interviews, load_notes(project.notes_dir), load_glossary(project.glossary))


def _newest_first(annotated: list[Annotated]) -> list[Annotated]:
    """Dated interviews newest first, then undated ones; titles break ties."""

    def dated(a: Annotated) -> bool:
        return bool(re.match(r"^\d{4}", a.interview.meta.date or ""))

    by_title = sorted(annotated, key=lambda a: a.interview.display_title().casefold())
    with_date = sorted(
        (a for a in by_title if dated(a)), key=lambda a: a.interview.meta.date or "", reverse=True
    )
    return with_date + [a for a in by_title if not dated(a)]


def generate(project: Project) -> Bundle:
    """Load, annotate and render everything; raise before anything is written."""
    bundle = load(project)
    matcher = Matcher.build(bundle.notes)
    renderer = Renderer(project.templates)
    slugs = {iv.slug for iv in bundle.interviews}
    for note in bundle.notes:
        for slug in note.interviews or []:
            if slug not in slugs:
                raise SourcegenError(
                    note.path,
                    note.lines.get("interviews", 1),
                    f"`interviews`: expected the name of a folder in sources/interviews/, "
                    f"found `{slug}`, which has none",
                )
    bundle.annotated = [annotate(iv, matcher) for iv in bundle.interviews]
    if bundle.interviews:
        for note in unused_notes(bundle.notes, bundle.annotated):
            wanted = ", ".join(note.interviews) if note.interviews else "any interview"
            raise SourcegenError(
                note.path, 1, f"note `{note.id}` is used nowhere: expected it in {wanted}"
            )
    out = project.docs / "interviews"
    usage: dict[str, list[tuple[str, str, str]]] = {n.id: [] for n in bundle.notes}
    rows = []
    for a in _newest_first(bundle.annotated):
        iv = a.interview
        src = project.rel(iv.path) if iv.path else iv.slug
        bundle.outputs[out / f"{iv.slug}.md"] = renderer.interview(a, src, "../notes.md")
        for p in a.placements:
            where = p.section.heading if p.section else "introduction"
            anchor = p.section.anchor if p.section else ""
            usage[p.note.id].append(
                (iv.display_title(), f"interviews/{iv.slug}.md#{anchor}", where)
            )
        for n in (*a.after, *a.source_notes):
            anchor = "what-happened-next" if n.group == "event" else "about-this-edition"
            usage[n.id].append(
                (iv.display_title(), f"interviews/{iv.slug}.md#{anchor}", "below the interview")
            )
        speakers = ", ".join(s.name for s in iv.interviewees()) or "unknown"
        rows.append(
            {
                "title": iv.display_title(),
                "url": f"{iv.slug}.md",
                "interviewee": speakers,
                "publication": iv.meta.publication or "unknown",
                "date": human_date(iv.meta.date)
                + (
                    f" (evidence: {iv.meta.date_estimate})"
                    if not iv.meta.date and iv.meta.date_estimate
                    else ""
                ),
                "year": (iv.meta.date or "")[:4]
                if re.match(r"^\d{4}", iv.meta.date or "")
                else "0000",
                "notes": len(a.placements) + len(a.after) + len(a.source_notes),
            }
        )
    notes_src = project.rel(project.notes_dir)
    bundle.outputs[project.docs / "notes.md"] = renderer.notes_page(bundle.notes, usage, notes_src)
    bundle.outputs[out / "index.md"] = renderer.index_page(
        rows, project.rel(project.interviews_dir)
    )
    bundle.outputs[project.abbreviations] = abbreviations(
        bundle.notes, bundle.glossary, "sources/notes/ and sources/glossary.yml"
    )
    return bundle


def hand_edited(path: Path) -> str | None:
    """Why a generated file must not be replaced, or None if it is ours and untouched."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "cannot be read as a file sourcegen wrote"
    return unsealed(text)


def write_outputs(outputs: dict[Path, str], force: bool = False) -> tuple[list[Path], list[Path]]:
    """Write what changed, atomically; refuse to replace a hand-edited page.

    Returns (written, unchanged). Files are compared byte for byte first, so
    the hand-edit check reads only the files about to be replaced.
    """
    changed: dict[Path, str] = {}
    unchanged: list[Path] = []
    for path, text in outputs.items():
        try:
            same = path.read_bytes() == text.encode("utf-8")
        except OSError:
            same = False
        if same:
            unchanged.append(path)
        else:
            changed[path] = text
    if not force:
        for path in changed:
            if path.exists() and (why := hand_edited(path)):
                raise SourcegenError(
                    path,
                    None,
                    f"{why}; sourcegen will not overwrite it. Move the change into sources/ "
                    "(the file says which), delete this file, or run `sourcegen build --force`",
                )
    for path, text in changed.items():
        write_atomic(path, text)
    return list(changed), unchanged


def build(project: Project, force: bool = False) -> tuple[list[Path], list[Path]]:
    """Generate everything, then write the pages into docs/; return (written, unchanged)."""
    return write_outputs(generate(project).outputs, force)
