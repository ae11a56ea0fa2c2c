"""Where an import is stored, and when it may replace what is there.

`sourcegen import` cleans an article (clean/) and writes it as an interview's
folder; this is the second half, kept out of the command line so that the
policy can be called, and tested, without click:

- raw.txt is stored as exactly the bytes imported. A different raw.txt already
  in the folder is another article (or another scrape of it): refused.
- interview.md may hold an editor's work. When the new import differs from it,
  the new one is written beside it as ``interview.imported.md`` to compare, and
  the import stops; nothing an editor wrote is lost.
- ``force`` replaces both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .errors import SourcegenError
from .fileio import read_bytes, write_atomic, write_atomic_bytes

BESIDE = "interview.imported.md"
"""The name a new import is written under when interview.md is already there."""


@dataclass(frozen=True, slots=True)
class Stored:
    """What `store_import` did."""

    target: Path
    """The interview.md of the imported interview."""
    outcome: Literal["written", "unchanged"]
    """``unchanged`` when interview.md already held exactly this import."""


def store_import(
    folder: Path,
    raw: Path,
    data: bytes,
    text: str,
    force: bool = False,
    rel: Callable[[Path], str] = Path.as_posix,
) -> Stored:
    """Write ``text`` as ``folder``/interview.md and ``data`` (``raw``'s bytes) as raw.txt.

    Raises SourcegenError, writing nothing but interview.imported.md, when
    either would replace something different and ``force`` is not given.
    ``rel`` names a file in messages (Project.rel: relative to the site).
    """
    target, raw_copy = folder / "interview.md", folder / "raw.txt"
    if not force and _other_raw(raw_copy, raw, data):
        raise SourcegenError(
            raw_copy, None, "a different raw.txt is already here; use another --slug or --force"
        )
    if target.exists() and not force:
        if read_bytes(target) == text.encode("utf-8"):
            return Stored(target, "unchanged")
        write_atomic(folder / BESIDE, text)
        raise SourcegenError(
            target,
            None,
            f"exists and may hold your edits: wrote the new import to {rel(folder / BESIDE)} to compare; "
            "use --force to replace interview.md",
        )
    folder.mkdir(parents=True, exist_ok=True)
    if raw_copy.resolve() != raw.resolve():
        write_atomic_bytes(raw_copy, data)  # exactly the bytes that were imported
    write_atomic(target, text)
    return Stored(target, "written")


def _other_raw(raw_copy: Path, raw: Path, data: bytes) -> bool:
    """Whether the folder's raw.txt is another article's (not the file being imported)."""
    return (
        raw_copy.exists() and raw_copy.resolve() != raw.resolve() and read_bytes(raw_copy) != data
    )
