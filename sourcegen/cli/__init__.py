"""The command line: one verb a function, each a thin shell over the pipeline.

Commands live by what they serve: `importer` (import), `site` (build, check,
search), `editing` (note new, notes, terms, rename, remove). Every
SourcegenError becomes one line on stderr and exit status 1, in one place
(`_Group.invoke`); click's own usage errors exit 2. No traceback reaches an
editor.
"""

from __future__ import annotations

from typing import Any, NoReturn

import click

from .. import __version__
from ..errors import SourcegenError
from .editing import note_, notes_, remove_, rename_, terms_
from .importer import import_
from .site import build_, check_, search_

__all__ = ["main"]


class _Group(click.Group):
    """The top-level group: every command, nested ones included, runs inside its
    `invoke`, so this is the one place where an error becomes a message."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SourcegenError as exc:
            _fail(ctx, str(exc))


def _fail(ctx: click.Context, message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    ctx.exit(1)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="sourcegen")
def main() -> None:
    """Turn scraped interviews into annotated pages for MkDocs Material.

    Every command takes -h for its help.
    """


for _command in (import_, build_, check_, note_, notes_, terms_, rename_, remove_, search_):
    main.add_command(_command)
