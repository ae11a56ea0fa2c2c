"""Warnings that keep context notes honest: weak sources, missing verdicts, stale facts.

These are warnings, not errors: a note resting on a blog may still be right,
and a note checked a year ago may still be true, but an editor should know.
`sourcegen check` prints them as ``warning:`` lines on stderr and still exits 0
when nothing else is wrong.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .errors import Problem
from .model import Note
from .notes import WEAK_KINDS


def _where(note: Note, key: str) -> tuple[Path, int]:
    return note.path or Path(note.id), note.lines.get(key, 1)


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def source_warnings(note: Note) -> list[Problem]:
    """A claim note needs a verdict, and at least one source that is neither a mirror
    nor a blog or analysis site (sources with no `kind:` are not judged)."""
    if note.group != "claim":
        return []
    out: list[Problem] = []
    if note.verdict is None:
        path, line = _where(note, "group")
        out.append(Problem(path, line, f"claim note `{note.id}` has no `verdict:`"))
    kinds = [s.kind for s in note.sources]
    if kinds and all(k in WEAK_KINDS for k in kinds):
        path, line = _where(note, "sources")
        found = ", ".join(sorted({k for k in kinds if k}))
        out.append(
            Problem(
                path,
                line,
                f"claim note `{note.id}` rests only on {found} sources: expected at least one "
                "government, company, press or reference source",
            )
        )
    return out


def date_warnings(note: Note, today: dt.date, stale_days: int | None) -> list[Problem]:
    """Past its `review_by` date, always; not checked within ``stale_days``, when asked."""
    out: list[Problem] = []
    review = _date(note.review_by)
    if review is not None and review < today:
        path, line = _where(note, "review_by")
        out.append(
            Problem(path, line, f"note `{note.id}` was due for review on {review.isoformat()}")
        )
    for correction in note.corrections:
        fixed = _date(correction.date)
        checked = _date(note.as_of)
        if fixed and checked and fixed > checked:
            path, line = _where(note, "corrections")
            out.append(
                Problem(
                    path,
                    line,
                    f"note `{note.id}` was corrected on {correction.date}, after its "
                    f"`as_of` {note.as_of}: set `as_of` to the day its facts were checked",
                )
            )
    if stale_days is None:
        return out
    checked = _date(note.as_of)
    path, line = _where(note, "as_of")
    if checked is None:
        out.append(
            Problem(
                path,
                line,
                f"note `{note.id}`: `as_of` is `{note.as_of}`, not a date as YYYY-MM-DD, "
                "so when it was checked is unknown",
            )
        )
    elif (today - checked).days > stale_days:
        out.append(
            Problem(
                path,
                line,
                f"note `{note.id}` was last checked {checked.isoformat()}, "
                f"{(today - checked).days} days ago (more than {stale_days})",
            )
        )
    return out


def note_warnings(
    notes: list[Note], today: dt.date, stale_days: int | None = None
) -> list[Problem]:
    """Every warning for every note, in note order."""
    out: list[Problem] = []
    for note in notes:
        out += source_warnings(note)
        out += date_warnings(note, today, stale_days)
    return out
