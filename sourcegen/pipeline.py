"""The stages in order, for the CLI and the MkDocs plugin alike.

`generate` computes every output in memory first; only when all of it
succeeded does `build` write, each file atomically and only if it changed.
A failing run therefore leaves every file as it was.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from .annotate import Matcher, annotate
from .cache import PageCache, fingerprint
from .cache import key as cache_key
from .dates import human_date
from .errors import EDITED, SourcegenError, hand_edit_refusal, template_error
from .fileio import decode_text, read_bytes, write_atomic
from .model import Annotated, Interview, Note
from .notes import load_glossary, load_notes
from .parse import check_slug, parse_text
from .redirects import redirect_outputs
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
    def cache(self) -> Path:
        """The build cache (see cache.py); safe to delete at any time."""
        return self.root / ".cache" / "sourcegen" / "pages.json"

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
class Page:
    """What one interview gives a build: its page, its index row, where it uses notes.

    Plain data (strings, lists, dicts) so that it can be kept in the build cache."""

    slug: str
    text: str
    row: dict[str, Any]
    usage: list[tuple[str, str, str, str]]
    """(note id, interview title, link to the place, what the place is), in page order."""

    def entry(self, key: str) -> dict[str, Any]:
        return {"key": key, "text": self.text, "row": self.row, "usage": self.usage}

    @classmethod
    def from_entry(cls, slug: str, entry: dict[str, Any]) -> Page:
        return cls(slug, entry["text"], entry["row"], [tuple(u) for u in entry["usage"]])


@dataclass(slots=True)
class Bundle:
    """Everything loaded from sources/, and what was made of it.

    ``interviews`` and ``annotated`` hold the interviews parsed in this
    process: all of them, unless a build cache supplied some pages unchanged
    or worker processes made them (see `generate`)."""

    notes: list[Note]
    glossary: dict[str, str]
    interviews: list[Interview] = field(default_factory=list)
    annotated: list[Annotated] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    outputs: dict[Path, str] = field(default_factory=dict)
    cache: PageCache | None = None
    """The build cache with this run's pages in it: `save_cache` once the outputs are written."""
    renderer: Renderer | None = None

    def save_cache(self) -> None:
        """Write the build cache (see cache.py)."""
        if self.cache:
            self.cache.save()


_PARSED: dict[Path, tuple[bytes, Interview]] = {}
"""interview.md files parsed in this process, by path, with the bytes they were parsed from.

`mkdocs serve` rebuilds everything on each edit; with this, an edit to one
interview re-parses that one. Interviews are never mutated after parsing."""


def _parse_cached(path: Path, data: bytes) -> Interview:
    cached = _PARSED.get(path)
    if cached is not None and cached[0] == data:
        return cached[1]
    interview = parse_text(decode_text(data, path)[0], path, path.parent.name)
    _PARSED[path] = (data, interview)
    return interview


def interview_paths(project: Project) -> list[Path]:
    """Every sources/interviews/<slug>/interview.md, by slug; a bad folder name is an error."""
    folder = project.interviews_dir
    paths = sorted(folder.glob("*/interview.md")) if folder.is_dir() else []
    for path in paths:
        check_slug(path.parent.name, path)
    return paths


def _newest_first(pages: list[Page]) -> list[Page]:
    """Dated interviews newest first, then undated ones; titles break ties."""

    def dated(p: Page) -> bool:
        return bool(re.match(r"^\d{4}", p.row["date_iso"] or ""))

    by_title = sorted(pages, key=lambda p: p.row["title"].casefold())
    with_date = sorted(
        (p for p in by_title if dated(p)), key=lambda p: p.row["date_iso"], reverse=True
    )
    return with_date + [p for p in by_title if not dated(p)]


ROW_KEYS = frozenset(
    ("title", "url", "interviewee", "publication", "date", "date_iso", "year", "notes", "draft")
)
"""The fields of an interview's row on the interviews index (see `_page`)."""


def _page(a: Annotated, renderer: Renderer, project: Project) -> Page:
    """Render one annotated interview and note what the shared pages need from it."""
    iv = a.interview
    src = project.rel(iv.path) if iv.path else iv.slug
    title = iv.display_title()
    usage: list[tuple[str, str, str, str]] = []
    for p in a.placements:
        where = p.section.heading if p.section else "introduction"
        # The note's number in the text (Python-Markdown's footnote reference id),
        # not the top of a long section.
        usage.append((p.note.id, title, f"interviews/{iv.slug}.md#fnref:{p.note.id}", where))
    for n in a.source_notes:
        usage.append((n.id, title, f"interviews/{iv.slug}.md#fnref:{n.id}", "the byline"))
    for n in a.after:
        usage.append((n.id, title, f"interviews/{iv.slug}.md#next-{n.id}", "what happened next"))
    date = iv.meta.date
    row = {
        "title": title,
        "url": f"{iv.slug}.md",
        "interviewee": ", ".join(s.name for s in iv.interviewees()) or "unknown",
        "publication": iv.meta.publication or "unknown",
        "date": human_date(date)
        + (f" (evidence: {iv.meta.date_estimate})" if not date and iv.meta.date_estimate else ""),
        "date_iso": date,
        "year": (date or "")[:4] if re.match(r"^\d{4}", date or "") else "0000",
        "notes": len(a.placements) + len(a.source_notes),  # the numbered ones
        "draft": iv.meta.draft,
    }
    assert row.keys() == ROW_KEYS
    return Page(iv.slug, renderer.interview(a, src, "../notes.md"), row, usage)


PARALLEL_MIN = 100
"""Fewest interviews to parse that are worth worker processes. Measured on a
2-core machine (`generate`, cold, median of 5): 50 interviews took as long
with two workers as in one process, 100 took 0.14 s against 0.18 s."""


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _workers(misses: int) -> int:
    """How many processes should make ``misses`` pages: 1 unless there are many.

    Workers are forked, so that they start at once with the notes and the
    compiled templates already in memory. Forking is safe only on Linux (macOS
    frameworks are not fork-safe) and only while this process runs no other
    thread (`mkdocs serve` runs a file watcher and a web server); otherwise
    the pages are made here, one after another.
    """
    if misses < PARALLEL_MIN or not sys.platform.startswith("linux"):
        return 1
    if threading.active_count() > 1:
        return 1
    return min(_cpus(), 8)


log = logging.getLogger("mkdocs.plugins.sourcegen")

_SHARED: tuple[Matcher, Renderer, Project] | None = None
"""What forked workers make pages with: set just before the fork, inherited, never pickled."""


def _pages_of(items: list[tuple[Path, bytes]]) -> list[Page]:
    """A worker's share: parse, annotate and render each interview, in order."""
    assert _SHARED is not None, "only called in a worker forked by _pages_in_workers"
    matcher, renderer, project = _SHARED
    try:
        return [
            _page(annotate(_parse_cached(path, data), matcher), renderer, project)
            for path, data in items
        ]
    except jinja2.TemplateError as exc:
        # Its traceback, which names the template line, stays in this process.
        raise template_error(exc) from None


def _pages_in_workers(
    items: list[tuple[Path, bytes]],
    workers: int,
    matcher: Matcher,
    renderer: Renderer,
    project: Project,
) -> list[Page] | None:
    """`_pages_of` over ``items`` in ``workers`` forked processes, results in order.

    The items go in a few chunks per worker, so that a slow chunk does not
    leave the others idle. A chunk that fails raises here; as the chunks are
    taken in order, the error reported is the first in path order, as it
    would be in one process. If a worker dies instead (killed, out of
    memory), returns None: the caller makes the pages in this process.
    """
    global _SHARED
    renderer.interview_tpl, renderer.footnote_tpl  # noqa: B018  compiled once, before the fork
    size = -(-len(items) // (workers * 4))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    _SHARED = (matcher, renderer, project)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        return [page for chunk in pool.map(_pages_of, chunks) for page in chunk]
    except BrokenProcessPool as exc:
        log.warning("sourcegen: a worker process stopped (%s); parsing in one process", exc)
        return None
    finally:
        pool.shutdown(cancel_futures=True)
        _SHARED = None


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


def check_includes(project: Project) -> None:
    """Every file under includes/ (the only folder pages may include snippets from,
    see mkdocs.yml) must lie inside the site: pymdownx.snippets checks the path as
    written, not where a symlink leads, so one could publish any file on the machine."""
    folder = project.abbreviations.parent
    root = project.root.resolve()
    for path in (folder, *(folder.rglob("*") if folder.is_dir() else ())):
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            raise SourcegenError(
                path,
                None,
                f"expected a file inside the site, found a symlink to {path.resolve()}: "
                "pages include snippets from here, so it would be published",
            )


def generate(
    project: Project, cache: bool = False, jobs: int | None = 1, drafts: bool = False
) -> Bundle:
    """Load, annotate and render everything; raise before anything is written.

    With ``cache``, interviews unchanged since a build that used the cache
    are not parsed or rendered again (see cache.py). The caller saves the
    cache (``bundle.save_cache()``) after writing the outputs.

    ``drafts`` keeps interviews and notes marked `draft: true` (`mkdocs
    serve`, `check`); a deploy build leaves them out.

    ``jobs`` is how many processes parse and render the interviews; None
    chooses (see `_workers`). With more than one, ``bundle.interviews`` and
    ``bundle.annotated`` stay empty: the workers return only the pages.
    """
    paths = interview_paths(project)
    check_includes(project)
    notes = [n for n in load_notes(project.notes_dir) if drafts or not n.draft]
    bundle = Bundle(notes, load_glossary(project.glossary))
    slugs = {p.parent.name for p in paths}
    for error in unknown_interviews(bundle.notes, slugs):
        raise error
    matcher = Matcher.build(bundle.notes)
    abbrs = sorted({*bundle.glossary, *(k for n in bundle.notes for k in n.abbr)})
    renderer = bundle.renderer = Renderer(project.templates, abbrs)
    # Pages depend on the abbreviations too (render.plain_filter), glossary included.
    store = bundle.cache = (
        PageCache.open(
            project.cache, fingerprint(bundle.notes, project.templates) + " " + " ".join(abbrs)
        )
        if cache
        else None
    )
    note_ids = {n.id for n in bundle.notes}
    pages: dict[Path, Page] = {}
    misses: list[tuple[Path, bytes]] = []
    keys: list[str] = []  # the misses' cache keys
    for path in paths:
        data = read_bytes(path)
        slug = path.parent.name
        digest = cache_key(data) if store else ""
        entry = store.get(slug, digest, ROW_KEYS) if store else None
        if entry is not None and all(u[0] in note_ids for u in entry["usage"]):
            pages[path] = Page.from_entry(slug, entry)
        else:
            misses.append((path, data))
            keys.append(digest)
    workers = min(_workers(len(misses)) if jobs is None else jobs, len(misses))
    made = None
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        made = _pages_in_workers(misses, workers, matcher, renderer, project)
    if made is None:
        made = []
        for path, data in misses:
            a = annotate(_parse_cached(path, data), matcher)
            bundle.interviews.append(a.interview)
            bundle.annotated.append(a)
            made.append(_page(a, renderer, project))
    for (path, _), digest, page in zip(misses, keys, made, strict=True):
        pages[path] = page
        if store:
            store.put(page.slug, page.entry(digest))
    bundle.pages = [pages[path] for path in paths]
    used = {u[0] for page in bundle.pages for u in page.usage}
    if bundle.pages:
        for error in unused_notes(bundle.notes, used):
            raise error
    bundle.pages = [p for p in bundle.pages if drafts or not p.row["draft"]]
    out = project.docs / "interviews"
    usage: dict[str, list[tuple[str, str, str]]] = {n.id: [] for n in bundle.notes}
    rows = []
    for page in _newest_first(bundle.pages):
        bundle.outputs[out / f"{page.slug}.md"] = page.text
        for note_id, title, link, where in page.usage:
            usage[note_id].append((title, link, where))
        rows.append(page.row)
    notes_src = project.rel(project.notes_dir)
    bundle.outputs[project.docs / "notes.md"] = renderer.notes_page(bundle.notes, usage, notes_src)
    bundle.outputs[out / "index.md"] = renderer.index_page(
        rows, project.rel(project.interviews_dir)
    )
    bundle.outputs[project.abbreviations] = abbreviations(
        bundle.notes, bundle.glossary, "sources/notes/ and sources/glossary.yml"
    )
    bundle.outputs.update(redirect_outputs(project.root, slugs, out))
    if store:
        store.retain(slugs)
    return bundle


def hand_edited(path: Path) -> str | None:
    """Why a generated file must not be replaced, or None if it is ours and untouched."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "cannot be read as a file sourcegen wrote"
    return unsealed(text)


def orphans(project: Project, outputs: dict[Path, str]) -> list[Path]:
    """Interview pages sourcegen wrote (they carry its digest, edited or not) whose
    interview is gone: a deleted interview must not stay published."""
    folder = project.docs / "interviews"
    found = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path not in outputs and hand_edited(path) in (None, EDITED):
            found.append(path)
    return found


def keep_edited_orphans(paths: list[Path]) -> None:
    """Refuse to delete an orphan edited by hand since sourcegen wrote it, as any
    other generated page edited by hand is kept (``--force`` deletes it)."""
    for path in paths:
        if hand_edited(path) == EDITED:
            raise SourcegenError(
                path,
                None,
                f"{EDITED}, and the interview it was made from is gone; delete this file, "
                "or run `sourcegen build --force`",
            )


def write_outputs(outputs: dict[Path, str], force: bool = False) -> tuple[list[Path], list[Path]]:
    """Write what changed, atomically; refuse to replace a hand-edited page.

    ``force`` replaces a page sourcegen wrote and someone edited since; a file
    sourcegen never wrote (no digest, or unreadable) is never replaced.

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
    for path in changed:
        if not path.exists() or not (why := hand_edited(path)):
            continue
        if why != EDITED or not force:
            raise hand_edit_refusal(path, why)
    for path, text in changed.items():
        write_atomic(path, text)
    return list(changed), unchanged


def build(
    project: Project,
    force: bool = False,
    cache: bool = True,
    jobs: int | None = None,
    drafts: bool = False,
) -> tuple[list[Path], list[Path]]:
    """Generate everything, then write the pages into docs/; return (written, unchanged)."""
    bundle = generate(project, cache=cache, jobs=jobs, drafts=drafts)
    gone = orphans(project, bundle.outputs)
    if not force:
        keep_edited_orphans(gone)  # before anything is written
    result = write_outputs(bundle.outputs, force)
    for path in gone:
        path.unlink(missing_ok=True)
    bundle.save_cache()
    return result
