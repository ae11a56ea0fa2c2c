"""`sourcegen import`: a scraped article into sources/interviews/<slug>/interview.md.

What an import may replace is `importing.store_import`'s rule; this shell
checks the options, prints the importer's warnings and says what was written.
"""

from __future__ import annotations

from pathlib import Path

import click

from .. import frontmatter as fm
from ..anchors import slugify
from ..clean import clean_bytes
from ..clean.describe import describe, explain_text
from ..dates import iso_problem
from ..errors import SourcegenError
from ..fileio import read_bytes
from ..importing import store_import
from ..model import Meta
from ..parse import SLUG, parse_text, slug_problem
from ..serialise import dump
from .options import count, project_at, root_option


@click.command("import", short_help="Import a scraped article as an interview.")
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
    _check_slug(slug)
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
    project = project_at(root)
    folder = project.interviews_dir / interview.slug
    stored = store_import(folder, raw, data, text, force, project.rel)
    target = stored.target
    if stored.outcome == "unchanged":
        click.echo(f"{project.rel(target)} is unchanged")
        return
    click.echo(
        f"wrote {project.rel(target)}: {count(len(interview.sections), 'section')}, "
        f"{count(len(interview.meta.removed), 'removal')} recorded"
    )


def _check_slug(slug: str | None) -> None:
    """``--slug`` must be a folder name the parser accepts (`parse.SLUG`, `slug_problem`)."""
    if slug is None:
        return
    if not SLUG.fullmatch(slug):
        raise SourcegenError(
            None,
            None,
            f"--slug: expected lowercase letters, digits and hyphens (a folder name such as "
            f"`{slugify(slug, words=5)}`), found `{slug}`",
        )
    if bad := slug_problem(slug):
        raise SourcegenError(None, None, f"--slug: {bad}")


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
