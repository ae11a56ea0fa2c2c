"""The render stage as a build uses it: one interview's `Page`, then the site's pages.

Everything that runs a template goes through a function here marked
`@rendering`, the one place a Jinja error becomes a `SourcegenError`, so no
Jinja type leaves the core. It runs where the template ran (in a worker
process too): the error's traceback, which names the template line, does not
survive the trip between processes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import jinja2

from .annotate import Matcher, annotate
from .dates import human_date
from .errors import template_error
from .fileio import decode_text
from .model import Annotated, IndexRow, Interview, Note, NoteUse
from .parse import parse_text
from .project import Project
from .redirects import redirect_outputs
from .render import Renderer, abbreviations

P = ParamSpec("P")
R = TypeVar("R")

NOTES_URL = "../notes.md"
"""The notes page, from an interview page."""


def rendering(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func``, turning a broken template (a site's own override) into a one-line error."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except jinja2.TemplateError as exc:
            raise template_error(exc) from None

    return wrapper


@rendering
def open_renderer(project: Project, abbrs: Iterable[str]) -> Renderer:
    """The build's templates, compiled (a syntax error in one is reported here)."""
    return Renderer(project.templates, abbrs)


@rendering
def compile_page_templates(renderer: Renderer) -> None:
    """Compile the interview page's templates now, not on first use (before a fork)."""
    renderer.interview_tpl, renderer.footnote_tpl  # noqa: B018  compiled on access


@dataclass(slots=True)
class Page:
    """What one interview gives a build: its page, its index row, where it uses notes.

    Kept in the build cache as an entry (`entry`, `from_entry`): plain JSON."""

    slug: str
    text: str
    row: IndexRow
    uses: list[NoteUse]
    """In page order: the numbered notes, the byline's, then "What happened next"."""

    def entry(self, key: str) -> dict[str, Any]:
        """The cache entry (cache.py signs it): the row as an object, each use as a list."""
        row = {f.name: getattr(self.row, f.name) for f in fields(IndexRow)}
        uses = [[u.note, u.title, u.link, u.where] for u in self.uses]
        return {"key": key, "text": self.text, "row": row, "usage": uses}

    @classmethod
    def from_entry(cls, slug: str, entry: dict[str, Any]) -> Page | None:
        """The page an entry holds, or None if it is not in the shape `entry` writes."""
        row, uses = entry.get("row"), entry.get("usage")
        if not (isinstance(row, dict) and row.keys() == {f.name for f in fields(IndexRow)}):
            return None
        if not (isinstance(entry.get("text"), str) and isinstance(uses, list)):
            return None
        if not all(isinstance(u, list) and len(u) == 4 for u in uses):
            return None
        if not all(isinstance(x, str) for u in uses for x in u):
            return None
        return cls(slug, entry["text"], IndexRow(**row), [NoteUse(*u) for u in uses])


_PARSED: dict[Path, tuple[bytes, Interview]] = {}
"""interview.md files parsed in this process, by path, with the bytes they were parsed from.

`mkdocs serve` rebuilds everything on each edit; with this, an edit to one
interview re-parses that one. Interviews are never mutated after parsing."""


def read_interview(path: Path, data: bytes) -> Interview:
    """The parse stage for one interview.md's bytes (parsed again only if they changed)."""
    cached = _PARSED.get(path)
    if cached is not None and cached[0] == data:
        return cached[1]
    interview = parse_text(decode_text(data, path)[0], path, path.parent.name)
    _PARSED[path] = (data, interview)
    return interview


def note_uses(a: Annotated) -> list[NoteUse]:
    """Where the page uses each note, linked from the notes page."""
    iv = a.interview
    title, page = iv.display_title(), f"interviews/{iv.slug}.md"
    # The note's number in the text (Python-Markdown's footnote reference id),
    # not the top of a long section.
    uses = []
    for p in a.placements:
        where = p.section.heading if p.section else "introduction"
        uses.append(NoteUse(p.note.id, title, f"{page}#fnref:{p.note.id}", where))
    uses += [NoteUse(n.id, title, f"{page}#fnref:{n.id}", "the byline") for n in a.source_notes]
    uses += [NoteUse(n.id, title, f"{page}#next-{n.id}", "what happened next") for n in a.after]
    return uses


def index_row(a: Annotated) -> IndexRow:
    """The interview's line on the interviews index."""
    iv, date = a.interview, a.interview.meta.date
    estimate = f" (evidence: {iv.meta.date_estimate})" if not date and iv.meta.date_estimate else ""
    return IndexRow(
        title=iv.display_title(),
        url=f"{iv.slug}.md",
        interviewee=", ".join(s.name for s in iv.interviewees()) or "unknown",
        publication=iv.meta.publication or "unknown",
        date=human_date(date) + estimate,
        date_iso=date,
        year=(date or "")[:4] if re.match(r"^\d{4}", date or "") else "0000",
        notes=len(a.placements) + len(a.source_notes),  # the numbered ones
        draft=iv.meta.draft,
    )


@rendering
def interview_page(a: Annotated, renderer: Renderer, project: Project) -> Page:
    """The render stage for one annotated interview: its page and what the shared pages need."""
    iv = a.interview
    src = project.rel(iv.path) if iv.path else iv.slug
    text = renderer.interview(a, src, NOTES_URL)
    return Page(iv.slug, text, index_row(a), note_uses(a))


def make_page(
    path: Path, data: bytes, matcher: Matcher, renderer: Renderer, project: Project
) -> Page:
    """Parse, annotate and render one interview.md: a cache miss, here or in a worker."""
    return interview_page(annotate(read_interview(path, data), matcher), renderer, project)


def newest_first(pages: list[Page]) -> list[Page]:
    """Dated interviews newest first, then undated ones; titles break ties."""

    def dated(p: Page) -> bool:
        return bool(re.match(r"^\d{4}", p.row.date_iso or ""))

    by_title = sorted(pages, key=lambda p: p.row.title.casefold())
    with_date = sorted(
        (p for p in by_title if dated(p)), key=lambda p: p.row.date_iso or "", reverse=True
    )
    return with_date + [p for p in by_title if not dated(p)]


@rendering
def site_outputs(
    project: Project,
    notes: list[Note],
    glossary: dict[str, str],
    pages: list[Page],
    renderer: Renderer,
    slugs: set[str],
) -> dict[Path, str]:
    """Every file of the site, by path: the interview pages (newest first), the notes
    page with where each note is used, the index, the abbreviations, the redirects."""
    out = project.pages_dir
    ordered = newest_first(pages)
    outputs = {out / f"{page.slug}.md": page.text for page in ordered}
    usage: dict[str, list[NoteUse]] = {n.id: [] for n in notes}
    for use in (u for page in ordered for u in page.uses):
        usage[use.note].append(use)
    notes_src = project.rel(project.notes_dir)
    outputs[project.docs / "notes.md"] = renderer.notes_page(notes, usage, notes_src)
    rows = [page.row for page in ordered]
    outputs[out / "index.md"] = renderer.index_page(rows, project.rel(project.interviews_dir))
    outputs[project.abbreviations] = abbreviations(
        notes, glossary, "sources/notes/ and sources/glossary.yml"
    )
    outputs.update(redirect_outputs(project.root, slugs, out))
    return outputs
