"""The MkDocs plugin: runs the pipeline before each build and watches sources/.

A thin shell, as mkdocs-gen-files is: the pages it writes are ordinary files
in docs/, so Zensical (which runs no plugins) builds the same site after
`sourcegen build`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .errors import SourcegenError
from .pipeline import Project, build


class SourcegenConfig(base.Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (e.g. to build only hand-written pages)."""


class SourcegenPlugin(BasePlugin[SourcegenConfig]):  # type: ignore[no-untyped-call]
    def _project(self, config: Any) -> Project:
        return Project(Path(config.config_file_path).resolve().parent)

    def on_pre_build(self, *, config: Any) -> None:
        if not self.config.enabled:
            return
        try:
            build(self._project(config))
        except SourcegenError as exc:
            raise PluginError(f"sourcegen: {exc}") from exc

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        project = self._project(config)
        for folder in (project.root / "sources", project.templates):
            if folder.is_dir():
                server.watch(str(folder))
        return server
