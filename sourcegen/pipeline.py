"""The stages in order, for the CLI and the MkDocs plugin alike.

`generate` is the pipeline, one call a stage, each with typed inputs and
outputs::

    load_sources  (project.py, notes.py)   -> Sources
    open_renderer (pages.py)               -> Renderer
    open_cache    (cache.py)               -> PageCache
    make_pages    (pages.py, pool.py)      -> list[Page]     parse, annotate, render
    assemble_site (pages.site_outputs)     -> Bundle         every output, by path

It computes every output in memory first; only when all of it succeeded does
`build` write (write.py), each file atomically and only if it changed. A
failing run therefore leaves every file as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

from .annotate import Matcher, annotate
from .cache import PageCache, fingerprint
from .cache import key as cache_key
from .fileio import read_bytes
from .model import Annotated, Interview, Note
from .notes import load_glossary, load_notes, unknown_interviews, unused_notes
from .pages import Page, interview_page, make_page, open_renderer, read_interview, site_outputs
from .pool import PARALLEL_MIN, Item, pages_in_workers, workers
from .project import Project, check_includes, interview_paths
from .render import Renderer
from .stats import BuildStats
from .write import hand_edited, keep_edited_orphans, orphans, remove, write_outputs

__all__ = [
    "PARALLEL_MIN",
    "Built",
    "Bundle",
    "Checked",
    "Page",
    "Project",
    "Sources",
    "build",
    "generate",
    "generate_checked",
    "hand_edited",
    "interview_paths",
    "orphans",
    "unknown_interviews",
    "unused_notes",
    "write_outputs",
]


@dataclass(frozen=True, slots=True)
class Sources:
    """What a build reads from sources/ besides the interviews' text."""

    paths: list[Path]
    """Every interview.md, by folder name."""
    notes: list[Note]
    glossary: dict[str, str]

    @property
    def slugs(self) -> set[str]:
        return {p.parent.name for p in self.paths}

    @property
    def abbreviations(self) -> list[str]:
        """Every abbreviation a page may show a tooltip for: the glossary's and the notes'."""
        return sorted({*self.glossary, *(k for n in self.notes for k in n.abbr)})


@dataclass(slots=True)
class Bundle:
    """What `generate` made: the notes, each interview's page, and every output."""

    notes: list[Note]
    glossary: dict[str, str]
    pages: list[Page]
    """The interview pages in the site, in path order (drafts only if kept)."""
    outputs: dict[Path, str]
    """Every file of the site, by path, as it must be written."""
    cache: PageCache
    """The build cache with this run's pages in it: `save_cache` once the outputs are written."""
    stats: BuildStats

    def save_cache(self) -> None:
        """Write the build cache (see cache.py)."""
        self.cache.save()


@dataclass(slots=True)
class Checked(Bundle):
    """A `Bundle` for `sourcegen check`, which also reads every interview as annotated:
    all made in this process, from source, none from the cache (`generate_checked`)."""

    annotated: list[Annotated] = field(default_factory=list)

    @property
    def interviews(self) -> list[Interview]:
        return [a.interview for a in self.annotated]


@dataclass(slots=True)
class Built:
    """What `build` did. Unpacks as ``(written, unchanged)``."""

    written: list[Path]
    unchanged: list[Path]
    stats: BuildStats

    def __iter__(self) -> Iterator[list[Path]]:
        return iter((self.written, self.unchanged))


def load_sources(project: Project, drafts: bool) -> Sources:
    """The load stage: the interview paths, the notes and the glossary, checked against
    each other (a note for an interview that does not exist is an error)."""
    paths = interview_paths(project)
    check_includes(project)
    notes = [n for n in load_notes(project.notes_dir) if drafts or not n.draft]
    sources = Sources(paths, notes, load_glossary(project.glossary))
    for error in unknown_interviews(notes, sources.slugs):
        raise error
    return sources


def open_cache(project: Project, sources: Sources, enabled: bool) -> PageCache:
    """The build cache for these sources, or one that holds nothing."""
    if not enabled:
        return PageCache.disabled(project.cache)
    # Pages depend on the abbreviations too (render.plain_filter), glossary included.
    inputs = fingerprint(sources.notes, project.templates) + " " + " ".join(sources.abbreviations)
    return PageCache.open(project.cache, inputs)


def _from_cache(store: PageCache, items: list[Item], notes: list[Note]) -> dict[Path, Page]:
    """The pages the cache holds for these bytes, by path (only those using known notes)."""
    if not store.entries:
        return {}  # a cold build: no digest to compute
    note_ids = {n.id for n in notes}
    found = {}
    for path, data in items:
        entry = store.get(path.parent.name, cache_key(data))
        page = Page.from_entry(path.parent.name, entry) if entry is not None else None
        if page is not None and all(u.note in note_ids for u in page.uses):
            found[path] = page
    return found


def make_pages(
    project: Project,
    sources: Sources,
    renderer: Renderer,
    store: PageCache,
    jobs: int | None,
    stats: BuildStats,
) -> list[Page]:
    """The interview stage: each interview's page, in path order, from the cache or
    parsed, annotated and rendered (in worker processes when there are many)."""
    items = [(path, read_bytes(path)) for path in sources.paths]
    pages = _from_cache(store, items, sources.notes)
    misses = [item for item in items if item[0] not in pages]
    matcher = Matcher.build(sources.notes)
    count = workers(len(misses), jobs)
    made = pages_in_workers(misses, count, matcher, renderer, project) if count > 1 else None
    if made is None:
        count = 1
        made = [make_page(path, data, matcher, renderer, project) for path, data in misses]
    for (path, data), page in zip(misses, made, strict=True):
        pages[path] = page
        if store.active:
            store.put(page.slug, page.entry(cache_key(data)))
    stats.cache_hits, stats.workers = len(items) - len(misses), count
    stats.made = [page.slug for page in made]
    return [pages[path] for path in sources.paths]


def assemble_site(
    project: Project,
    sources: Sources,
    pages: list[Page],
    renderer: Renderer,
    store: PageCache,
    stats: BuildStats,
    drafts: bool,
) -> Bundle:
    """The site stage: every note used somewhere, drafts left out, the shared pages."""
    used = {u.note for page in pages for u in page.uses}
    if pages:
        for error in unused_notes(sources.notes, used):
            raise error
    pages = [p for p in pages if drafts or not p.row.draft]
    with stats.stage("site"):
        outputs = site_outputs(
            project, sources.notes, sources.glossary, pages, renderer, sources.slugs
        )
    store.retain(sources.slugs)
    stats.interviews, stats.notes, stats.pages = len(sources.paths), len(sources.notes), len(pages)
    return Bundle(sources.notes, sources.glossary, pages, outputs, store, stats)


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
    chooses (see `pool.workers`).
    """
    stats = BuildStats()
    with stats.stage("load"):
        sources = load_sources(project, drafts)
        renderer = open_renderer(project, sources.abbreviations)
        store = open_cache(project, sources, cache)
    with stats.stage("interviews"):
        pages = make_pages(project, sources, renderer, store, jobs, stats)
    return assemble_site(project, sources, pages, renderer, store, stats, drafts)


def generate_checked(project: Project, drafts: bool = True) -> Checked:
    """`generate` for `sourcegen check`: every interview parsed and annotated here, from
    source (no cache, no workers), and kept with the outputs for the check to read."""
    stats = BuildStats()
    with stats.stage("load"):
        sources = load_sources(project, drafts)
        renderer = open_renderer(project, sources.abbreviations)
    with stats.stage("interviews"):
        matcher = Matcher.build(sources.notes)
        annotated = [annotate(read_interview(p, read_bytes(p)), matcher) for p in sources.paths]
        pages = [interview_page(a, renderer, project) for a in annotated]
        stats.made = [p.slug for p in pages]
    store = PageCache.disabled(project.cache)
    bundle = assemble_site(project, sources, pages, renderer, store, stats, drafts)
    kept = {p.slug for p in bundle.pages}
    made = {f.name: getattr(bundle, f.name) for f in fields(Bundle)}
    return Checked(**made, annotated=[a for a in annotated if a.interview.slug in kept])


def build(
    project: Project,
    force: bool = False,
    cache: bool = True,
    jobs: int | None = None,
    drafts: bool = False,
) -> Built:
    """Generate everything, then write the pages into docs/ and delete orphaned ones."""
    bundle = generate(project, cache=cache, jobs=jobs, drafts=drafts)
    with bundle.stats.stage("write"):
        gone = orphans(project, bundle.outputs)
        if not force:
            keep_edited_orphans(gone)  # before anything is written
        written, unchanged = write_outputs(bundle.outputs, force)
        remove(gone)
        bundle.save_cache()
    bundle.stats.written, bundle.stats.unchanged = len(written), len(unchanged)
    return Built(written, unchanged, bundle.stats)
