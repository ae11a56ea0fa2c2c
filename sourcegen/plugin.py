"""The MkDocs plugin: generates the pages on every build and watches sources/.

A thin shell, as mkdocs-gen-files is. Under MkDocs the generated pages are
handed over in memory (`File.generated`), so `mkdocs serve` does not see its
own writes in docs/ and rebuild twice. `sourcegen build` writes the same
pages as files for Zensical, which runs no plugins.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .errorpage import error_page, pages_to_replace, problems_for
from .errors import SourcegenError
from .pipeline import Bundle, Project, generate, orphans, write_outputs
from .search import enabled as pagefind_enabled
from .search import index_site
from .stats import BuildStats
from .write import refuse_hand_edited

P = ParamSpec("P")
R = TypeVar("R")


class SourcegenConfig(base.Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (e.g. to build only hand-written pages)."""
    cache = c.Type(bool, default=True)
    """Reuse unchanged interviews' pages from .cache/sourcegen/ (see sourcegen/cache.py)."""


log = logging.getLogger("mkdocs.plugins.sourcegen")

_SERVING = False
"""True under `mkdocs serve` (set by `on_startup`): a build error becomes a page."""

_BUILT: dict[Path, str] = {}
"""Each generated page's text as last written to the site, by output path: set in
`on_post_build`, once MkDocs has written every page, never before (a build that
fails part-way has written some pages and not others).

Module-level because `mkdocs serve` makes new plugin objects for every rebuild."""


class _HeaderSearch(base.Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)


class _HeaderSearchPlugin(BasePlugin[_HeaderSearch]):  # type: ignore[no-untyped-call]
    """Stands in for Material's search plugin, handling no events.

    Material's header shows the search box only when a plugin named
    `material/search` is configured and enabled; with Pagefind that box is
    overrides/partials/search.html, and Material's index must not be built.
    """


def _reported(hook: Callable[P, R]) -> Callable[P, R]:
    """The one place a `SourcegenError` becomes MkDocs' error: one line, no traceback."""

    @wraps(hook)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return hook(*args, **kwargs)
        except SourcegenError as exc:
            raise PluginError(f"sourcegen: {exc}") from exc

    return wrapper


class SourcegenPlugin(BasePlugin[SourcegenConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self._pending: dict[Path, str] = {}
        """This build's generated pages, for `_BUILT` once the build has succeeded."""
        self.stats: BuildStats | None = None
        """What the last generation did (see stats.py): benchmarks read it here."""

    def _project(self, config: Any) -> Project:
        return Project(Path(config.config_file_path).resolve().parent)

    @_reported
    def on_files(self, files: Files, *, config: Any) -> Files:
        if not self.config.enabled:
            return files
        project = self._project(config)
        docs = Path(config.docs_dir).resolve()
        try:
            pages, bundle = self._generate(project, docs)
        except SourcegenError as exc:
            if not _SERVING:
                raise
            return self._error_pages(files, config, project, docs, exc)
        with bundle.stats.stage("hand_over"):
            for path in (p for p in orphans(project, bundle.outputs) if p.is_relative_to(docs)):
                # A page `sourcegen build` wrote for an interview that is gone: not published.
                stale = files.get_file_from_path(path.relative_to(docs).as_posix())
                if stale is not None:
                    files.remove(stale)
            for path, text in pages.items():
                self._hand_over(files, config, path.relative_to(docs).as_posix(), text)
            bundle.save_cache()
        return files

    def _generate(self, project: Project, docs: Path) -> tuple[dict[Path, str], Bundle]:
        """The pipeline, then the snippets written (they are read from disk) and the
        pages under docs/ returned, once no hand-edited file stands at their paths."""
        bundle = generate(project, cache=self.config.cache, jobs=None, drafts=_SERVING)
        self.stats = bundle.stats
        pages = {p: t for p, t in bundle.outputs.items() if p.is_relative_to(docs)}
        with bundle.stats.stage("write"):
            written, unchanged = write_outputs(
                {p: t for p, t in bundle.outputs.items() if p not in pages}
            )
        bundle.stats.written, bundle.stats.unchanged = len(written), len(unchanged)
        refuse_hand_edited(list(pages))
        return pages, bundle

    def _hand_over(self, files: Files, config: Any, src_uri: str, text: str) -> None:
        """Give MkDocs one generated page in memory, in place of any file at its path."""
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            files.remove(existing)
        file = File.generated(config, src_uri, content=text)
        dest = Path(file.abs_dest_path)
        # Forgotten until this build succeeds: if it fails, the next one rebuilds it.
        if _BUILT.pop(dest, None) == text and dest.is_file():
            # Unchanged since the previous build: `mkdocs serve --dirty` skips it.
            file.is_modified = lambda: False  # type: ignore[method-assign]
        self._pending[dest] = text
        files.append(file)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is `mkdocs serve`, where errors go to the browser
        and search is not indexed. (With this event, MkDocs keeps one plugin
        object across serve's rebuilds.)"""
        global _SERVING
        _SERVING = command == "serve"

    def _error_pages(
        self, files: Files, config: Any, project: Project, docs: Path, exc: SourcegenError
    ) -> Files:
        """Under `mkdocs serve`: every generated page becomes the error page (errorpage.py)."""
        problems = problems_for(exc, project)
        for problem in problems:
            log.error("sourcegen: %s", problem)
        text = error_page(problems, project)
        for src_uri in pages_to_replace(project, docs):
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            file = File.generated(config, src_uri, content=text)
            self._pending[Path(file.abs_dest_path)] = text
            files.append(file)
        return files

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        project = self._project(config)
        for folder in (project.root / "sources", project.templates):
            if folder.is_dir():
                server.watch(str(folder))
        return server

    # -- search (Pagefind, sourcegen/search.py) ---------------------------------

    def on_config(self, config: Any) -> Any:
        """With `extra: pagefind: true`, take Material's search out of the build.

        Its plugin stays registered under `material/search` (the header needs
        it to show the search box) but none of its events run, so it neither
        indexes pages nor writes search/search_index.json.
        """
        if not pagefind_enabled(config.extra):
            return config
        plugins = config.plugins
        material = plugins.get("material/search")
        if material is None:
            placeholder = _HeaderSearchPlugin()
            placeholder.load_config({})
            plugins["material/search"] = placeholder
            return config
        for event, handlers in plugins.events.items():
            if event in ("startup", "config"):
                continue  # those have run or are running: the list must not change under them
            handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not material]
        return config

    @_reported
    def on_post_build(self, *, config: Any) -> None:
        """Every page is written: remember what each generated one holds (see
        `_BUILT`); then index the built site with Pagefind, except under serve.

        Indexing takes 4-20 s per 1,000 pages here, and the HTML it reads changes
        on every reload, so serve skips it: the search box says that search
        is built by `mkdocs build` (or `sourcegen search SITE`).
        """
        _BUILT.update(self._pending)
        self._pending.clear()
        if not pagefind_enabled(config.extra) or _SERVING:
            return
        index_site(Path(config.site_dir), Path(config.config_file_path).resolve().parent)
