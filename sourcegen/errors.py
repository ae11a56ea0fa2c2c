"""One error type for everything an editor can get wrong.

Every message names the file, the line (when there is one), what was expected
and what was found, so the CLI and the MkDocs plugin can print it as one line
instead of a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def one_line(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\n``): a file or folder
    name may hold a line break, and an error is one line whatever it quotes."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


class SourcegenError(Exception):
    """A problem in an input file or in the project layout."""

    def __init__(self, path: Path | str | None, line: int | None, message: str) -> None:
        self.path = Path(path) if path is not None else None
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type[SourcegenError], tuple[Path | None, int | None, str]]:
        """Pickled whole: a build's worker processes raise it in the parent (pool.py)."""
        return (type(self), (self.path, self.line, self.message))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return one_line(f"{where}{self.message}")


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding of `sourcegen check`: not fatal alone, but any one fails the check."""

    path: Path
    """The file the problem is in."""
    line: int | None
    """1-based line in that file, when the problem has one."""
    message: str
    """What was expected and what was found."""

    def __str__(self) -> str:
        return one_line(
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else f"{self.path}: {self.message}"
        )


EDITED = "was edited by hand after sourcegen wrote it"
"""`render.unsealed`'s answer for the one case `sourcegen build --force` may overwrite."""


def hand_edit_refusal(path: Path, why: str) -> SourcegenError:
    """The one answer to a generated file that is not as sourcegen wrote it.

    `sourcegen build`, the MkDocs plugin and `sourcegen check` all refuse such
    a file in these words, so an editor who meets it anywhere reads the same
    way out. ``why`` is what is wrong with it (write.hand_edited). Only a
    page sourcegen wrote and someone edited since (``EDITED``) may be replaced
    with ``--force``; a file it never wrote (a hand-written page) is never
    replaced, and the message does not suggest it.
    """
    if why != EDITED:
        return SourcegenError(
            path,
            None,
            f"{why}; sourcegen will not overwrite it. Rename or move it: sourcegen "
            "generates a page at this path",
        )
    return SourcegenError(
        path,
        None,
        f"{why}; sourcegen will not overwrite it. Move the change into sources/ "
        "(the file says which) and delete this file, or run `sourcegen build --force`",
    )


def template_error(exc: jinja2.TemplateError) -> SourcegenError:
    """A broken template (a site's own ``templates/`` override) as a one-line error.

    A syntax error knows its file and line. An error while rendering (an
    undefined name, a failing filter) does not, but Jinja rewrites the
    traceback so that a frame stands for the template line that failed.
    """
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return SourcegenError(
            exc.filename or exc.name,
            exc.lineno,
            f"expected a valid Jinja template, found a syntax error: {exc.message}",
        )
    path: str | None = None
    line: int | None = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            path, line = name, tb.tb_lineno
        tb = tb.tb_next
    return SourcegenError(
        path, line, f"expected a template that renders, found an error: {exc.message or exc}"
    )
