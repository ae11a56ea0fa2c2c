"""Where a sourcegen site keeps its files, and what its layout must satisfy.

The first stage of a build reads nothing but this: the folders (README,
"Layout"), the interview folders' names, and the includes/ folder that
pages take snippets from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import SourcegenError
from .parse import check_slug


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
    def pages_dir(self) -> Path:
        """Where the interview pages and their index go."""
        return self.docs / "interviews"

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


def interview_paths(project: Project) -> list[Path]:
    """Every sources/interviews/<slug>/interview.md, by slug; a bad folder name is an error."""
    folder = project.interviews_dir
    paths = sorted(folder.glob("*/interview.md")) if folder.is_dir() else []
    for path in paths:
        check_slug(path.parent.name, path)
    return paths


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
