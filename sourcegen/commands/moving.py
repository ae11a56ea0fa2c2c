"""`rename` and `remove`: an interview moved without breaking its address.

Everything is checked and prepared first; only then are files written, so a
refusal changes nothing. A note's `interviews:` list is edited in place, the
rest of the note as the editor wrote it.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import SourcegenError
from ..fileio import cannot, read_text, write_atomic
from ..model import Note
from ..notes import load_notes, parse_note
from ..parse import SLUG
from ..pipeline import Project
from ..redirects import load_redirects, save_redirects
from .notes import flow


def _interviews_lines(text: str) -> tuple[int, int] | None:
    """The lines (start, end) of a note's `interviews:` value in its front matter."""
    rows = text.split("\n")
    for i, row in enumerate(rows):
        if row.startswith("---") and i:
            return None
        if re.match(r"^interviews\s*:", row):
            end = i + 1
            while end < len(rows) and (
                rows[end].startswith((" ", "\t", "-")) and not rows[end].startswith("---")
            ):
                end += 1
            return i, end
    return None


def _retarget(note: Note, old: str, new: str | None) -> str | None:
    """The note's text with ``old`` replaced by ``new`` (or dropped) in `interviews:`,
    or None when the note does not list ``old``. The rest is left as the editor wrote it."""
    if not note.interviews or old not in note.interviews or note.path is None:
        return None
    text = read_text(note.path)
    span = _interviews_lines(text)
    if span is None:
        return None
    rows = text.split("\n")
    value = list(dict.fromkeys(new if s == old else s for s in note.interviews if new or s != old))
    comment = ""
    if "#" in rows[span[0]]:
        comment = "  " + rows[span[0]][rows[span[0]].index("#", len("interviews:")) :]
    rows[span[0] : span[1]] = [f"interviews: {flow(value)}{comment}" if value else "interviews: []"]
    return "\n".join(rows)


def move_interview(project: Project, old: str, new: str | None) -> list[Path]:
    """Rename (``new``) or remove (None) an interview; fix notes; record the redirect.

    Everything is checked and prepared first; only then are files written, so
    a refusal changes nothing. Returns the notes that were changed.
    """
    src = project.interviews_dir / old
    if not (src / "interview.md").is_file():
        raise SourcegenError(src, None, f"expected an interview `{old}`, found no such folder")
    if new is not None:
        if not SLUG.fullmatch(new):
            raise SourcegenError(
                None, None, f"NEW: expected lowercase letters, digits and hyphens, found `{new}`"
            )
        if (project.interviews_dir / new).exists():
            raise SourcegenError(
                project.interviews_dir / new, None, "exists already; choose another name"
            )
    notes = load_notes(project.notes_dir)
    changes: dict[Path, str] = {}
    for note in notes:
        text = _retarget(note, old, new)
        if text is None:
            continue
        assert note.path is not None
        if (
            new is None
            and note.group != "term"
            and not [s for s in note.interviews or [] if s != old]
        ):
            raise SourcegenError(
                note.path,
                note.lines.get("interviews"),
                f"note `{note.id}` is only for `{old}`: delete the note first (or give it another interview)",
            )
        parse_note(text, note.path)  # it must still read back
        changes[note.path] = text
    redirects = load_redirects(project.root)
    redirects = {k: (new if v == old else v) for k, v in redirects.items()}
    redirects[old] = new
    redirects.pop(new or "", None)  # an address in use again is a page, not a redirect
    kept = removed_dir(project) / old
    if new is None and kept.exists():
        raise SourcegenError(kept, None, "an earlier removal is kept here; move it away first")
    for path, text in changes.items():
        write_atomic(path, text)
    save_redirects(project.root, redirects)
    target = project.interviews_dir / new if new is not None else kept
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        src.rename(target)  # a removal is kept, never deleted: the editor's files are not lost
    except OSError as exc:
        raise cannot(src, "move", exc) from exc
    return list(changes)


def removed_dir(project: Project) -> Path:
    """Where `sourcegen remove` keeps an interview's folder (not built, not lost)."""
    return project.root / "sources" / "removed"
