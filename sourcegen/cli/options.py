"""What every command of the CLI shares: the `--root` option, the project it
names, and counted nouns in messages."""

from __future__ import annotations

from pathlib import Path

import click

from ..pipeline import Project


def count(n: int, noun: str) -> str:
    """``1 section``, ``2 sections``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def project_at(root: Path | None) -> Project:
    """The site at ``--root``, else the one the current folder is in."""
    return Project(root.resolve()) if root else Project.find(Path.cwd())


root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The site's folder (holding mkdocs.yml); default: found from the current folder.",
)
