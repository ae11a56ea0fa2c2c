"""One error type for everything an editor can get wrong.

Every message names the file, the line (when there is one), what was expected
and what was found, so the CLI and the MkDocs plugin can print it as one line
instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class SourcegenError(Exception):
    """A problem in an input file or in the project layout."""

    def __init__(self, path: Path | str | None, line: int | None, message: str) -> None:
        self.path = Path(path) if path is not None else None
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


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
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else f"{self.path}: {self.message}"
        )
