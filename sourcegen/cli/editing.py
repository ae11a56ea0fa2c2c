"""The editor's commands (what they do is `commands.py`'s): `note new`,
`notes`, `terms`, and `rename` / `remove` for an interview."""

from __future__ import annotations

from pathlib import Path

import click

from .. import commands
from .options import count, project_at, root_option


@click.group("note", short_help="Make a new context note (see `note new -h`).")
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
    project = project_at(root)
    path = commands.new_note(project, note_id, group, title, match, interviews)
    click.echo(f"wrote {project.rel(path)}: fill in its sources and text, then `sourcegen check`")


@click.command("notes", short_help="List the notes: where used, stale, unused.")
@click.option(
    "--stale-after",
    type=click.IntRange(min=1),
    default=365,
    show_default=True,
    help="Days after `as_of` that a note counts as stale.",
)
@root_option
def notes_(stale_after: int, root: Path | None) -> None:
    """List every note: its group, where it is used, and whether it is stale or unused."""
    project = project_at(root)
    for use in commands.note_uses(project, stale_after):
        flags = [f for f, on in (("STALE", use.stale), ("UNUSED", not use.interviews)) if on]
        where = f"used in {', '.join(use.interviews)}" if use.interviews else "used nowhere"
        state = f" [{', '.join(flags)}]" if flags else ""
        click.echo(f"{use.note.id} ({use.note.group}, as of {use.note.as_of}){state}: {where}")


@click.command("terms", short_help="List terms in an interview that no note explains.")
@click.argument("slug")
@root_option
def terms_(slug: str, root: Path | None) -> None:
    """List capitalised terms and acronyms in interview SLUG that no note, tooltip
    (sources/glossary.yml, a note's `abbr:`) or speaker explains, with the line
    each first appears on: candidates for `sourcegen note new`."""
    project = project_at(root)
    found = commands.unexplained_terms(project, slug)
    rel = project.rel(project.interviews_dir / slug / "interview.md")
    for term in found:
        times = f" ({term.count} times)" if term.count > 1 else ""
        click.echo(f"{rel}:{term.line}: {term.text}{times}")
    if not found:
        click.echo(f"{rel}: every capitalised term has a note or a tooltip")


@click.command("rename", short_help="Rename an interview; its old address redirects.")
@click.argument("old")
@click.argument("new")
@root_option
def rename_(old: str, new: str, root: Path | None) -> None:
    """Rename interview OLD to NEW: its folder, the notes' `interviews:` lists,
    and a redirect from the old address (recorded in sources/redirects.yml)."""
    project = project_at(root)
    changed = commands.move_interview(project, old, new)
    click.echo(
        f"renamed {old} to {new}; {count(len(changed), 'note')} updated; "
        f"interviews/{old}/ now redirects to interviews/{new}/"
    )


@click.command("remove", short_help="Take an interview off the site; its address redirects.")
@click.argument("slug")
@root_option
def remove_(slug: str, root: Path | None) -> None:
    """Take interview SLUG off the site: its folder moves to sources/removed/ (kept,
    not built), it leaves the notes' `interviews:` lists, and its address leads to
    the interviews list (recorded in sources/redirects.yml)."""
    project = project_at(root)
    changed = commands.move_interview(project, slug, None)
    click.echo(
        f"removed {slug} (kept in {project.rel(commands.removed_dir(project) / slug)}); "
        f"{count(len(changed), 'note')} updated; interviews/{slug}/ now leads to the interviews list"
    )
