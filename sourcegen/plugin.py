"""The MkDocs plugin: generates the pages on every build and watches sources/.

A thin shell, as mkdocs-gen-files is. Under MkDocs the generated pages are
handed over in memory (`File.generated`), so `mkdocs serve` does not see its
own writes in docs/ and rebuild twice. `sourcegen build` writes the same
pages as files for Zensical, which runs no plugins.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .errors import SourcegenError, template_error
from .pipeline import Project, generate, hand_edited, write_outputs
from .search import enabled as pagefind_enabled
from .search import index_site


class SourcegenConfig(base.Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (e.g. to build only hand-written pages)."""
    cache = c.Type(bool, default=True)
    """Reuse unchanged interviews' pages from .cache/sourcegen/ (see sourcegen/cache.py)."""


_BUILT: dict[Path, str] = {}
"""Each generated page's text at the previous build in this process, by output path.

Module-level because `mkdocs serve` makes new plugin objects for every rebuild."""


class _HeaderSearch(base.Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)


class _HeaderSearchPlugin(BasePlugin[_HeaderSearch]):  # type: ignore[no-untyped-call]
    """Stands in for Material's search plugin, handling no events.

    Material's header shows the search box only when a plugin named
    `material/search` is configured and enabled; with Pagefind that box is
    overrides/partials/search.html, and Material's index must not be built.
    """


class SourcegenPlugin(BasePlugin[SourcegenConfig]):  # type: ignore[no-untyped-call]
    _command = "build"
    """`serve` under `mkdocs serve` (set by on_startup; the plugin then lives across rebuilds)."""

    def _project(self, config: Any) -> Project:
        return Project(Path(config.config_file_path).resolve().parent)

    def on_files(self, files: Files, *, config: Any) -> Files:
        if not self.config.enabled:
            return files
        project = self._project(config)
        docs = Path(config.docs_dir).resolve()
        try:
            bundle = generate(project, cache=self.config.cache, jobs=None)
            pages = {p: t for p, t in bundle.outputs.items() if p.is_relative_to(docs)}
            # Snippets (the abbreviations) are read from disk: write those.
            write_outputs({p: t for p, t in bundle.outputs.items() if p not in pages})
        except SourcegenError as exc:
            raise PluginError(f"sourcegen: {exc}") from exc
        except jinja2.TemplateError as exc:
            raise PluginError(f"sourcegen: {template_error(exc)}") from exc
        for path, text in pages.items():
            if path.exists() and (why := hand_edited(path)):
                raise PluginError(
                    f"sourcegen: {path} {why}; move the change into sources/ and delete it"
                )
            src_uri = path.relative_to(docs).as_posix()
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            file = File.generated(config, src_uri, content=text)
            dest = Path(file.abs_dest_path)
            if _BUILT.get(dest) == text and dest.is_file():
                # Unchanged since the previous build: `mkdocs serve --dirty` skips it.
                file.is_modified = lambda: False  # type: ignore[method-assign]
            _BUILT[dest] = text
            files.append(file)
        bundle.save_cache()
        return files

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        project = self._project(config)
        for folder in (project.root / "sources", project.templates):
            if folder.is_dir():
                server.watch(str(folder))
        return server

    # -- search (Pagefind, sourcegen/search.py) ---------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command

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

    def on_post_build(self, *, config: Any) -> None:
        """Index the built site with Pagefind, except under `mkdocs serve`.

        Indexing takes 4-20 s per 1,000 pages here, and the HTML it reads changes
        on every reload, so serve skips it: the search box says that search
        is built by `mkdocs build` (or `sourcegen search SITE`).
        """
        if not pagefind_enabled(config.extra) or self._command == "serve":
            return
        try:
            index_site(Path(config.site_dir))
        except SourcegenError as exc:
            raise PluginError(f"sourcegen: {exc}") from exc
