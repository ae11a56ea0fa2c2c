"""Worker processes for the interview stage: how many, and the fork that runs them.

Parsing, annotating and rendering the interviews is most of a cold build,
and each interview is independent of the others. From `PARALLEL_MIN` pages
to make, a build shares them among forked processes, one per CPU; the
result is the same as in one process, in the same order (tests/test_parallel.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .annotate import Matcher
from .errors import SourcegenError
from .pages import Page, compile_page_templates, make_page
from .project import Project
from .render import Renderer

PARALLEL_MIN = 100
"""Fewest interviews to parse that are worth worker processes. Measured on a
2-core machine (`generate`, cold, median of 5): 50 interviews took as long
with two workers as in one process, 100 took 0.14 s against 0.18 s."""

JOBS_ENV = "SOURCEGEN_JOBS"
"""Forces the number of processes of a build that does not say (the MkDocs
plugin, `sourcegen build` without ``--jobs``): what benchmarks set."""

log = logging.getLogger("mkdocs.plugins.sourcegen")

Item = tuple[Path, bytes]
"""An interview.md to make a page of: its path and its bytes, read once by the parent."""


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


def _forced() -> int | None:
    """`JOBS_ENV`, if set: a whole number of processes, at least 1."""
    value = os.environ.get(JOBS_ENV, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise SourcegenError(
            None,
            None,
            f"{JOBS_ENV}: expected a whole number of processes, at least 1, found `{value}`",
        )
    return int(value)


def workers(misses: int, jobs: int | None) -> int:
    """Processes to make ``misses`` pages with: ``jobs`` if given, else `JOBS_ENV`, else
    `_workers`'s choice; never more than the pages, and 1 where fork is not available."""
    chosen = jobs if jobs is not None else _forced()
    count = _workers(misses) if chosen is None else chosen
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(count, misses))


_SHARED: tuple[Matcher, Renderer, Project] | None = None
"""What forked workers make pages with: set just before the fork, inherited, never pickled."""


def _pages_of(items: list[Item]) -> list[Page]:
    """A worker's share: parse, annotate and render each interview, in order."""
    assert _SHARED is not None, "only called in a worker forked by pages_in_workers"
    matcher, renderer, project = _SHARED
    return [make_page(path, data, matcher, renderer, project) for path, data in items]


def pages_in_workers(
    items: list[Item], count: int, matcher: Matcher, renderer: Renderer, project: Project
) -> list[Page] | None:
    """`_pages_of` over ``items`` in ``count`` forked processes, results in order.

    The items go in a few chunks per worker, so that a slow chunk does not
    leave the others idle. A chunk that fails raises here; as the chunks are
    taken in order, the error reported is the first in path order, as it
    would be in one process. If a worker dies instead (killed, out of
    memory), returns None: the caller makes the pages in this process.
    """
    global _SHARED
    compile_page_templates(renderer)  # once, before the fork: the workers inherit them
    size = -(-len(items) // (count * 4))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    _SHARED = (matcher, renderer, project)
    pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"))
    try:
        return [page for chunk in pool.map(_pages_of, chunks) for page in chunk]
    except BrokenProcessPool as exc:
        log.warning("sourcegen: a worker process stopped (%s); parsing in one process", exc)
        return None
    finally:
        pool.shutdown(cancel_futures=True)
        _SHARED = None
