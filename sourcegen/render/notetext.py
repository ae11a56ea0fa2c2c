"""How a note introduces itself on the page: its kind and verdict, its sources
with their dates, its corrections. Markdown, every outside text escaped."""

from __future__ import annotations

from collections.abc import Callable

from .. import escape
from ..dates import human_date
from ..model import Note, Source

KIND_LABELS = {
    "term": "background",
    "claim": "claim checked",
    "event": "later event",
    "source": "about the source",
}
"""What kind of check each note group is, as the reader is told."""


def note_label(note: Note) -> str:
    """The kind of check and, for a claim, its verdict: `claim checked · verdict: **false**`."""
    label = KIND_LABELS[note.group]
    if note.verdict:
        label += f" · verdict: **{escape.pymarkdown(note.verdict)}**"
    return label


def verdict_mark(note: Note) -> str:
    """Put right after a claim's footnote number in the interview text, so the finding
    is read with the number (emphasised and bracketed: it is not the speaker's words)."""
    if not note.verdict:
        return ""
    return f" *(verdict: {escape.pymarkdown(note.verdict)})*{{: .sg-verdict }}"


def _source_meta(source: Source) -> str:
    parts = [source.kind] if source.kind else []
    if source.primary:
        parts.append("primary source")
    parts.append(human_date(source.date))
    return ", ".join(parts)


def sources_line(note: Note, text: Callable[[str], str] = escape.pymarkdown) -> str:
    """Sources with their kind and date, then the day this note's facts were checked.

    ``text`` escapes a source's title: the `md` filter, so that no abbreviation
    tooltip fires inside a title."""
    links = "; ".join(f"[{text(s.title)}]({s.url}) ({_source_meta(s)})" for s in note.sources)
    checked = f"Facts checked {human_date(note.as_of)}"
    if note.review_by:
        checked += f"; to be checked again by {human_date(note.review_by)}"
    return f"Sources: {links}. {checked}."


def corrections_md(note: Note) -> str:
    """One paragraph a correction, dated, as newsrooms print them under the story."""
    # No attribute list: in a footnote the last paragraph also gets the back link,
    # after which `{: .class }` would show as text.
    return "\n\n".join(
        f"**Correction, {human_date(c.date)}:** {escape.pymarkdown(c.change)}"
        for c in note.corrections
    )
