"""The command line: one verb a function, each a thin shell over the pipeline.

Every SourcegenError becomes one line on stderr and exit status 1; click's own
usage errors exit 2. No traceback reaches an editor.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
import jinja2

from . import __version__, commands
from . import frontmatter as fm
from .anchors import slugify
from .check import check_project, stale_outputs
from .clean import clean_bytes
from .clean.describe import describe, explain_text
from .dates import iso_problem
from .errors import SourcegenError, template_error
from .fileio import read_bytes
from .importing import store_import
from .model import Meta
from .notecheck import note_warnings
from .parse import SLUG, parse_text, slug_problem
from .pipeline import PARALLEL_MIN, Project, build
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


def _count(n: int, noun: str) -> str:
    """``1 section``, ``2 sections``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _project(root: Path | None) -> Project:
    return Project(root.resolve()) if root else Project.find(Path.cwd())


root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The site's folder (holding mkdocs.yml); default: found from the current folder.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="sourcegen")
def main() -> None:
    """Turn scraped interviews into annotated pages for MkDocs Material.

    Every command takes -h for its help.
    """


@main.command("import", short_help="Import a scraped article as an interview.")
@click.argument("raw", type=click.Path(path_type=Path))
@click.option("--slug", help="Folder name under sources/interviews/ (default: from the title).")
@click.option(
    "--source-url", help="Address of the original article (else a `# source: URL` first line)."
)
@click.option("--publication", help="Who published it, when the article does not say.")
@click.option("--date", "date", help="Publication date, YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--force", is_flag=True, help="Replace an existing interview.md.")
@click.option("--dry-run", is_flag=True, help="Print the detected structure; write nothing.")
@click.option("--explain", is_flag=True, help="With --dry-run: each paragraph's role and why.")
@root_option
@friendly
def import_(
    raw: Path,
    slug: str | None,
    source_url: str | None,
    publication: str | None,
    date: str | None,
    force: bool,
    dry_run: bool,
    explain: bool,
    root: Path | None,
) -> None:
    """Clean RAW (a scraped article) into sources/interviews/<slug>/interview.md.

    A first line `# source: URL`, as scrapers write, is read as the article's
    address, not as its text; --source-url, --publication and --date fill in
    what the article does not say (and win over what the importer found).
    """
    if slug is not None and not SLUG.fullmatch(slug):
        raise SourcegenError(
            None,
            None,
            f"--slug: expected lowercase letters, digits and hyphens (a folder name such as "
            f"`{slugify(slug, words=5)}`), found `{slug}`",
        )
    if slug is not None and (bad := slug_problem(slug)):
        raise SourcegenError(None, None, f"--slug: {bad}")
    data = read_bytes(raw)  # read once: raw.txt is stored as exactly these bytes
    result = clean_bytes(data, raw, slug)
    interview = result.interview
    if bad := slug_problem(interview.slug):  # made from the title
        raise SourcegenError(raw, None, f"{bad}; name the folder with --slug")
    _given(interview.meta, source_url, publication, date)
    for problem in result.report:
        click.echo(f"warning: {problem}", err=True)
    text = dump(interview)
    # The output must read back as it was written: a failure here is a bug, caught before writing.
    parse_text(text, raw, interview.slug)
    if dry_run:
        click.echo(describe(interview, width=100), nl=False)
        if explain:
            click.echo(explain_text(result.trace, width=100), nl=False)
        return
    project = _project(root)
    folder = project.interviews_dir / interview.slug
    stored = store_import(folder, raw, data, text, force, project.rel)
    target = stored.target
    if stored.outcome == "unchanged":
        click.echo(f"{project.rel(target)} is unchanged")
        return
    click.echo(
        f"wrote {project.rel(target)}: {_count(len(interview.sections), 'section')}, "
        f"{_count(len(interview.meta.removed), 'removal')} recorded"
    )


def _given(meta: Meta, source_url: str | None, publication: str | None, date: str | None) -> None:
    """Put import's --source-url, --publication and --date into the front matter, checked."""
    if source_url is not None:
        if problem := fm.url()(source_url):
            raise SourcegenError(
                None, None, f"--source-url: expected {problem}, found `{source_url}`"
            )
        meta.source_url = source_url
    if publication is not None:
        meta.publication = " ".join(publication.split()) or None
    if date is not None:
        if problem := iso_problem(date):
            raise SourcegenError(None, None, f"--date: expected {problem}, found `{date}`")
        meta.date, meta.date_estimate = date, None


@main.command("build", short_help="Write the generated pages into docs/ (for Zensical).")
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
@friendly
def build_(force: bool, no_cache: bool, jobs: int | None, drafts: bool, root: Path | None) -> None:
    """Write the generated pages into docs/ (for Zensical; MkDocs generates them itself).

    Interviews and notes marked `draft: true` are left out unless --drafts is given.
    """
    project = _project(root)
    written, unchanged = build(project, force=force, cache=not no_cache, jobs=jobs, drafts=drafts)
    click.echo(f"wrote {len(written)} files, {len(unchanged)} unchanged")


@main.command("check", short_help="Report every problem in sources/; exit 1 if any.")
@click.option(
    "--stale",
    "stale_days",
    type=click.IntRange(min=0),
    default=None,
    metavar="DAYS",
    help="Also warn about notes whose facts were last checked (`as_of`) more than DAYS days ago.",
)
@root_option
@friendly
def check_(stale_days: int | None, root: Path | None) -> None:
    """Validate sources and generated pages; exit 1 on any problem.

    Warnings (weak sources, a claim with no verdict, a note past its review
    date or stale) are printed as `warning:` lines and do not change the exit status."""
    project = _project(root)
    problems, bundle = check_project(project)
    warnings = note_warnings(bundle.notes, dt.date.today(), stale_days) if bundle else []
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    if problems or bundle is None:
        click.echo(f"{_count(len(problems), 'problem')} found")
        sys.exit(1)
    drafts = [i.slug for i in bundle.interviews if i.meta.draft]
    drafts += [f"note {n.id}" for n in bundle.notes if n.draft]
    if drafts:
        click.echo(f"note: drafts, left out of deploy builds: {', '.join(drafts)}")
    if stale := stale_outputs(bundle):
        click.echo(
            f"note: {_count(len(stale), 'file')} written by `sourcegen build` "
            f"({project.rel(stale[0])}…) older than the sources: mkdocs ignores them; run "
            "`sourcegen build` again before a Zensical build"
        )
    said = f", {_count(len(warnings), 'warning')}" if warnings else ""
    click.echo(
        f"ok: {_count(len(bundle.interviews), 'interview')}, "
        f"{_count(len(bundle.notes), 'note')}{said}"
    )


@main.group("note", short_help="Make a new context note (see `note new -h`).")
def note_() -> None:
    """Context notes: sources/notes/<id>.md."""


@note_.command("new", short_help="Write sources/notes/ID.md from a template.")
@click.argument("note_id", metavar="ID")
@click.option(
    "--group",
    type=click.Choice(["term", "claim", "event", "source"]),
    default="term",
    show_default=True,
    help="What kind of note.",
)
@click.option("--title", help="The note's title (default: from ID).")
@click.option("--match", multiple=True, help="A phrase it attaches to (repeat for more).")
@click.option("--interview", "interviews", multiple=True, help="An interview it is for (repeat).")
@root_option
@friendly
def note_new(
    note_id: str,
    group: str,
    title: str | None,
    match: tuple[str, ...],
    interviews: tuple[str, ...],
    root: Path | None,
) -> None:
    """Write sources/notes/ID.md from a template, `as_of` set to today.

    Refuses to overwrite an existing note. Fill in the title, the phrases, the
    sources and the text, then run `sourcegen check`.
    """
    project = _project(root)
    path = commands.new_note(project, note_id, group, title, match, interviews)
    click.echo(f"wrote {project.rel(path)}: fill in its sources and text, then `sourcegen check`")


@main.command("notes", short_help="List the notes: where used, stale, unused.")
@click.option(
    "--stale-after",
    type=click.IntRange(min=1),
    default=365,
    show_default=True,
    help="Days after `as_of` that a note counts as stale.",
)
@root_option
@friendly
def notes_(stale_after: int, root: Path | None) -> None:
    """List every note: its group, where it is used, and whether it is stale or unused."""
    project = _project(root)
    for use in commands.note_uses(project, stale_after):
        flags = [f for f, on in (("STALE", use.stale), ("UNUSED", not use.interviews)) if on]
        where = f"used in {', '.join(use.interviews)}" if use.interviews else "used nowhere"
        state = f" [{', '.join(flags)}]" if flags else ""
        click.echo(f"{use.note.id} ({use.note.group}, as of {use.note.as_of}){state}: {where}")


@main.command("terms", short_help="List terms in an interview that no note explains.")
@click.argument("slug")
@root_option
@friendly
def terms_(slug: str, root: Path | None) -> None:
    """List capitalised terms and acronyms in interview SLUG that no note, tooltip
    (sources/glossary.yml, a note's `abbr:`) or speaker explains, with the line
    each first appears on: candidates for `sourcegen note new`."""
    project = _project(root)
    found = commands.unexplained_terms(project, slug)
    rel = project.rel(project.interviews_dir / slug / "interview.md")
    for term in found:
        times = f" ({term.count} times)" if term.count > 1 else ""
        click.echo(f"{rel}:{term.line}: {term.text}{times}")
    if not found:
        click.echo(f"{rel}: every capitalised term has a note or a tooltip")


@main.command("rename", short_help="Rename an interview; its old address redirects.")
@click.argument("old")
@click.argument("new")
@root_option
@friendly
def rename_(old: str, new: str, root: Path | None) -> None:
    """Rename interview OLD to NEW: its folder, the notes' `interviews:` lists,
    and a redirect from the old address (recorded in sources/redirects.yml)."""
    project = _project(root)
    changed = commands.move_interview(project, old, new)
    click.echo(
        f"renamed {old} to {new}; {_count(len(changed), 'note')} updated; "
        f"interviews/{old}/ now redirects to interviews/{new}/"
    )


@main.command("remove", short_help="Take an interview off the site; its address redirects.")
@click.argument("slug")
@root_option
@friendly
def remove_(slug: str, root: Path | None) -> None:
    """Take interview SLUG off the site: its folder moves to sources/removed/ (kept,
    not built), it leaves the notes' `interviews:` lists, and its address leads to
    the interviews list (recorded in sources/redirects.yml)."""
    project = _project(root)
    changed = commands.move_interview(project, slug, None)
    click.echo(
        f"removed {slug} (kept in {project.rel(commands.removed_dir(project) / slug)}); "
        f"{_count(len(changed), 'note')} updated; interviews/{slug}/ now leads to the interviews list"
    )


@main.command("search", short_help="Index a built site for search (Pagefind).")
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
