"""The write stage: outputs into the site, atomically, and never over an editor's file.

It runs only once every output was made (see pipeline.generate), so a
failing build leaves every file as it was. A file that cannot be written is
a `SourcegenError` naming it, like any other problem, so neither the CLI nor
the plugin handles `OSError` itself.
"""

from __future__ import annotations

from pathlib import Path

from .errors import EDITED, SourcegenError, hand_edit_refusal
from .fileio import cannot, write_atomic
from .project import Project
from .render import unsealed


def hand_edited(path: Path) -> str | None:
    """Why a generated file must not be replaced, or None if it is ours and untouched."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "cannot be read as a file sourcegen wrote"
    return unsealed(text)


def orphans(project: Project, outputs: dict[Path, str]) -> list[Path]:
    """Interview pages sourcegen wrote (they carry its digest, edited or not) whose
    interview is gone: a deleted interview must not stay published."""
    folder = project.pages_dir
    found = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path not in outputs and hand_edited(path) in (None, EDITED):
            found.append(path)
    return found


def keep_edited_orphans(paths: list[Path]) -> None:
    """Refuse to delete an orphan edited by hand since sourcegen wrote it, as any
    other generated page edited by hand is kept (``--force`` deletes it)."""
    for path in paths:
        if hand_edited(path) == EDITED:
            raise SourcegenError(
                path,
                None,
                f"{EDITED}, and the interview it was made from is gone; delete this file, "
                "or run `sourcegen build --force`",
            )


def refuse_hand_edited(paths: list[Path], force: bool = False) -> None:
    """The hand-edit rule: a file at an output's path that is not as sourcegen wrote it
    stops the build, unless ``force`` and sourcegen wrote it (then it is replaced)."""
    for path in paths:
        if not path.exists() or not (why := hand_edited(path)):
            continue
        if why != EDITED or not force:
            raise hand_edit_refusal(path, why)


def write_outputs(outputs: dict[Path, str], force: bool = False) -> tuple[list[Path], list[Path]]:
    """Write what changed, atomically; refuse to replace a hand-edited page.

    ``force`` replaces a page sourcegen wrote and someone edited since; a file
    sourcegen never wrote (no digest, or unreadable) is never replaced.

    Returns (written, unchanged). Files are compared byte for byte first, so
    the hand-edit check reads only the files about to be replaced.
    """
    changed: dict[Path, str] = {}
    unchanged: list[Path] = []
    for path, text in outputs.items():
        try:
            same = path.read_bytes() == text.encode("utf-8")
        except OSError:
            same = False
        if same:
            unchanged.append(path)
        else:
            changed[path] = text
    refuse_hand_edited(list(changed), force)
    for path, text in changed.items():
        write_atomic(path, text)  # a failure is a SourcegenError naming the file
    return list(changed), unchanged


def remove(paths: list[Path]) -> None:
    """Delete orphaned pages (see `orphans`)."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise cannot(path, "delete", exc) from exc
