"""The site's commands: `build` (pages into docs/ for Zensical), `check`
(every problem in sources/) and `search` (index a built site)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..check import check_project, stale_outputs
from ..notecheck import note_warnings
from ..pipeline import PARALLEL_MIN, build
from ..search import index_site
from .options import count, project_at, root_option


@click.command("build", short_help="Write the generated pages into docs/ (for Zensical).")
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
@click.option("--drafts", is_flag=True, help="Include interviews and notes marked `draft: true`.")
@root_option
def build_(force: bool, no_cache: bool, jobs: int | None, drafts: bool, root: Path | None) -> None:
    """Write the generated pages into docs/ (for Zensical; MkDocs generates them itself).

    Interviews and notes marked `draft: true` are left out unless --drafts is given.
    """
    project = project_at(root)
    written, unchanged = build(project, force=force, cache=not no_cache, jobs=jobs, drafts=drafts)
    click.echo(f"wrote {len(written)} files, {len(unchanged)} unchanged")


@click.command("check", short_help="Report every problem in sources/; exit 1 if any.")
@click.option(
    "--stale",
    "stale_days",
    type=click.IntRange(min=0),
    default=None,
    metavar="DAYS",
    help="Also warn about notes whose facts were last checked (`as_of`) more than DAYS days ago.",
)
@root_option
def check_(stale_days: int | None, root: Path | None) -> None:
    """Validate sources and generated pages; exit 1 on any problem.

    Warnings (weak sources, a claim with no verdict, a note past its review
    date or stale) are printed as `warning:` lines and do not change the exit status."""
    project = project_at(root)
    problems, bundle = check_project(project)
    warnings = note_warnings(bundle.notes, dt.date.today(), stale_days) if bundle else []
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    if problems or bundle is None:
        click.echo(f"{count(len(problems), 'problem')} found")
        sys.exit(1)
    drafts = [i.slug for i in bundle.interviews if i.meta.draft]
    drafts += [f"note {n.id}" for n in bundle.notes if n.draft]
    if drafts:
        click.echo(f"note: drafts, left out of deploy builds: {', '.join(drafts)}")
    if stale := stale_outputs(bundle):
        click.echo(
            f"note: {count(len(stale), 'file')} written by `sourcegen build` "
            f"({project.rel(stale[0])}…) older than the sources: mkdocs ignores them; run "
            "`sourcegen build` again before a Zensical build"
        )
    said = f", {count(len(warnings), 'warning')}" if warnings else ""
    click.echo(
        f"ok: {count(len(bundle.interviews), 'interview')}, "
        f"{count(len(bundle.notes), 'note')}{said}"
    )


@click.command("search", short_help="Index a built site for search (Pagefind).")
@click.argument("site_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"))
def search_(site_dir: Path) -> None:
    """Index a built site (default: site/) for search with Pagefind.

    For Zensical, which runs no MkDocs plugins: `sourcegen build && zensical
    build && sourcegen search site`. `mkdocs build` does this itself when
    mkdocs.yml has `extra: pagefind: true`.
    """
    done = index_site(site_dir)
    took = f" in {done.seconds:.2f} s" if done.seconds is not None else ""
    click.echo(
        f"indexed {done.pages} pages, {done.words} words{took} into {done.bundle} "
        f"(Pagefind {done.version})"
    )
