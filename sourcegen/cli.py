"""The command line: one verb a function, each a thin shell over the pipeline.

Every SourcegenError becomes one line on stderr and exit status 1; click's own
usage errors exit 2. No traceback reaches an editor.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
import jinja2

from . import __version__
from .check import check_bundle
from .clean import clean_bytes
from .clean.describe import describe
from .clean.segment import slugify
from .errors import SourcegenError, template_error
from .fileio import read_bytes, write_atomic, write_atomic_bytes
from .parse import SLUG, parse_text
from .pipeline import PARALLEL_MIN, Project, build, generate
from .search import index_site
from .serialise import dump

F = TypeVar("F", bound=Callable[..., Any])


def friendly(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SourcegenError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except jinja2.TemplateError as exc:
            click.echo(f"error: {template_error(exc)}", err=True)
            sys.exit(1)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"error: {where}{exc.strerror or exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _project(root: Path | None) -> Project:
    return Project(root.resolve()) if root else Project.find(Path.cwd())


root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The site's folder (holding mkdocs.yml); default: found from the current folder.",
)


@click.group()
@click.version_option(__version__, prog_name="sourcegen")
def main() -> None:
    """Turn scraped interviews into annotated pages for MkDocs Material."""


@main.command("import")
@click.argument("raw", type=click.Path(path_type=Path))
@click.option("--slug", help="Folder name under sources/interviews/ (default: from the title).")
@click.option("--force", is_flag=True, help="Replace an existing interview.md.")
@click.option("--dry-run", is_flag=True, help="Print the detected structure; write nothing.")
@root_option
@friendly
def import_(raw: Path, slug: str | None, force: bool, dry_run: bool, root: Path | None) -> None:
    """Clean RAW (a scraped article) into sources/interviews/<slug>/interview.md."""
    if slug is not None and not SLUG.fullmatch(slug):
        raise SourcegenError(
            None,
            None,
            f"--slug: expected lowercase letters, digits and hyphens (a folder name such as "
            f"`{slugify(slug, words=5)}`), found `{slug}`",
        )
    data = read_bytes(raw)  # read once: raw.txt is stored as exactly these bytes
    result = clean_bytes(data, raw, slug)
    interview = result.interview
    for problem in result.report:
        click.echo(f"warning: {problem}", err=True)
    text = dump(interview)
    # The output must read back as it was written: a failure here is a bug, caught before writing.
    parse_text(text, raw, interview.slug)
    if dry_run:
        click.echo(describe(interview, width=100), nl=False)
        return
    project = _project(root)
    folder = project.interviews_dir / interview.slug
    target, raw_copy = folder / "interview.md", folder / "raw.txt"
    if (
        raw_copy.exists()
        and raw_copy.resolve() != raw.resolve()
        and read_bytes(raw_copy) != data
        and not force
    ):
        raise SourcegenError(
            raw_copy, None, "a different raw.txt is already here; use another --slug or --force"
        )
    if target.exists() and not force:
        if read_bytes(target) == text.encode("utf-8"):
            click.echo(f"{project.rel(target)} is unchanged")
            return
        beside = folder / "interview.imported.md"
        write_atomic(beside, text)
        raise SourcegenError(
            target,
            None,
            f"exists and may hold your edits: wrote the new import to {project.rel(beside)} to compare; "
            "use --force to replace interview.md",
        )
    folder.mkdir(parents=True, exist_ok=True)
    if raw_copy.resolve() != raw.resolve():
        write_atomic_bytes(raw_copy, data)  # exactly the bytes that were imported
    write_atomic(target, text)
    click.echo(
        f"wrote {project.rel(target)}: {len(interview.sections)} sections, "
        f"{len(interview.meta.removed)} removals recorded"
    )


@main.command("build")
@click.option("--force", is_flag=True, help="Overwrite generated pages even if edited by hand.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Parse and render every interview again, ignoring .cache/sourcegen/.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that parse and render interviews (default: one per CPU when "
    f"{PARALLEL_MIN} or more need it, else 1).",
)
@root_option
@friendly
def build_(force: bool, no_cache: bool, jobs: int | None, root: Path | None) -> None:
    """Write the generated pages into docs/ (for Zensical; MkDocs generates them itself)."""
    project = _project(root)
    written, unchanged = build(project, force=force, cache=not no_cache, jobs=jobs)
    click.echo(f"wrote {len(written)} files, {len(unchanged)} unchanged")


@main.command("check")
@root_option
@friendly
def check_(root: Path | None) -> None:
    """Validate sources and generated pages; exit 1 on any problem."""
    project = _project(root)
    bundle = generate(project)
    problems = check_bundle(bundle, project)
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    if problems:
        sys.exit(1)
    click.echo(f"ok: {len(bundle.interviews)} interviews, {len(bundle.notes)} notes")


@main.command("search")
@click.argument(
    "site_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site")
)
@friendly
def search_(site_dir: Path) -> None:
    """Index a built site (default: site/) for search with Pagefind.

    For Zensical, which runs no MkDocs plugins: `sourcegen build && zensical
    build && sourcegen search site`. `mkdocs build` does this itself when
    mkdocs.yml has `extra: pagefind: true`.
    """
    done = index_site(site_dir)
    took = f" in {done.seconds:.2f} s" if done.seconds is not None else ""
    click.echo(f"indexed {done.pages} pages, {done.words} words{took} into {done.bundle}")
