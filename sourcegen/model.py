"""Typed values passed between the stages: clean → parse → annotate → render → check."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

BlockKind = Literal["p", "pullquote"]

RESERVED_IDS = frozenset({"about-this-edition", "context-notes", "what-happened-next"})
"""Section ids the interview page template uses itself; a question may not take them."""
Role = Literal["interviewer", "interviewee"]
NoteGroup = Literal["term", "claim", "event", "source"]


@dataclass(slots=True)
class Block:
    """One paragraph of interview text, kept as literal text (never Markdown)."""

    text: str
    """The words as the reader must see them, on one line."""
    line: int
    """1-based line in interview.md (after parse) or raw.txt (after clean)."""
    kind: BlockKind = "p"
    """``pullquote`` for a decorative repeat of a body sentence."""
    speaker: str | None = None
    """Label of the speaker who starts a new turn with this block, if it does."""


@dataclass(slots=True)
class Section:
    """A question (or a subhead standing in for one) and the answer blocks under it."""

    heading: str
    """The question or subhead text, literal."""
    line: int
    """Line of the heading."""
    anchor: str
    """Stable id of the section on the page."""
    is_question: bool = True
    """False for a subhead that is a section title rather than a question."""
    asker: str | None = None
    """Label of who asks; None means the interview's interviewer."""
    blocks: list[Block] = field(default_factory=list)
    """Answer paragraphs and pull quotes, in order."""


@dataclass(slots=True)
class Speaker:
    """A person or publication that speaks in the interview."""

    label: str
    """How turns are labelled on the page (``SSI``, ``Jeffrey He``)."""
    name: str
    """Full name."""
    role: Role
    """Whether this speaker asks or answers."""
    affiliation: str | None = None
    """Company or publication, if known."""


@dataclass(slots=True)
class Removal:
    """A span of raw.txt that is not on the page, kept verbatim with the reason."""

    line: int
    """First line of the span in raw.txt."""
    reason: str
    """Why it was removed, in words an editor understands."""
    text: str
    """The removed text exactly as it stood (lines joined with newlines)."""


@dataclass(slots=True)
class Related:
    """A related article the original publication linked to."""

    title: str
    """Its title as printed."""
    label: str
    """How the publication introduced it (``RELATED``, ``READ NEXT``)."""


@dataclass(slots=True)
class Meta:
    """What the page says about the article rather than in it."""

    title: str
    dek: str | None = None
    publication: str | None = None
    source_url: str | None = None
    date: str | None = None
    """ISO date or free text as printed; None means the source gives none."""
    date_estimate: str | None = None
    """When the source is undated: the editor's estimate, explained in a source note."""
    byline: str | None = None
    author_bio: str | None = None
    speakers: list[Speaker] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    """Encoding repairs made on import (BOM, CRLF, mojibake)."""
    lines: dict[str, int] = field(default_factory=dict, compare=False)
    """Line of each front-matter key in interview.md, for `check`'s messages (not
    part of what the front matter says, so two Metas that say the same are equal)."""
    draft: bool = False
    """Shown by `mkdocs serve`, left out of deploy builds."""


@dataclass(slots=True)
class Interview:
    """A whole interview, as parsed from interview.md."""

    slug: str
    meta: Meta
    intro: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    path: Path | None = None
    """The interview.md it came from."""

    def display_title(self) -> str:
        """The title, or a placeholder that says it is missing (check reports it)."""
        return self.meta.title or f"Untitled interview ({self.slug})"

    def interviewer(self) -> Speaker | None:
        return next((s for s in self.meta.speakers if s.role == "interviewer"), None)

    def interviewees(self) -> list[Speaker]:
        return [s for s in self.meta.speakers if s.role == "interviewee"]

    def all_blocks(self) -> list[Block]:
        """Every block in reading order, question headings excluded."""
        out = list(self.intro)
        for section in self.sections:
            out.extend(section.blocks)
        return out


@dataclass(slots=True)
class Source:
    """Where a note's facts come from."""

    title: str
    url: str
    date: str
    """YYYY-MM-DD, YYYY-MM, YYYY or ``undated``."""
    primary: bool = False
    """The document itself (an order, a filing, a statute), not a report about it."""
    kind: str | None = None
    """Who publishes it (notes.SOURCE_KINDS); None when the editor has not said."""


@dataclass(slots=True)
class Correction:
    """A change to a note after it was published, printed under the note."""

    date: str
    """YYYY-MM-DD."""
    change: str
    """What was changed, in plain words (text, not Markdown)."""


@dataclass(slots=True)
class Note:
    """A context note, as written by an editor in sources/notes/<id>.md."""

    id: str
    title: str
    group: NoteGroup
    as_of: str
    body: str
    """Trusted Markdown written by an editor."""
    sources: list[Source]
    match: list[str] = field(default_factory=list)
    """Phrases; the note attaches after the first one found in reading order."""
    abbr: dict[str, str] = field(default_factory=dict)
    interviews: list[str] | None = None
    """Slugs this note is for; None means wherever a phrase matches (term notes)."""
    event_date: str | None = None
    """For event notes: when it happened, to order "What happened next"."""
    verdict: str | None = None
    """For claim notes: the finding (notes.VERDICTS), shown beside the note number."""
    review_by: str | None = None
    """YYYY-MM-DD by which the facts must be checked again (`check` warns after it)."""
    corrections: list[Correction] = field(default_factory=list)
    """Changes since publication, oldest first."""
    path: Path | None = None
    lines: dict[str, int] = field(default_factory=dict)
    """Line of each front-matter key, for error messages."""
    draft: bool = False
    """Used by `mkdocs serve`, left out of deploy builds."""


@dataclass(slots=True)
class Placement:
    """Where a note's footnote reference goes."""

    note: Note
    block: Block
    """The block holding the anchor phrase."""
    section: Section | None
    """The section the block is in; None in the intro."""
    end: int
    """Offset just after the phrase in the block's text."""
    phrase: str


@dataclass(slots=True)
class Annotated:
    """An interview with its notes placed."""

    interview: Interview
    placements: list[Placement]
    """In reading order; the footnote numbers follow this order."""
    after: list[Note]
    """Event notes shown under "What happened next"."""
    source_notes: list[Note]
    """Notes about the source itself (its date), shown in the edition box."""


@dataclass(frozen=True, slots=True)
class IndexRow:
    """An interview's line on the interviews index (index.md.j2), made by the render stage."""

    title: str
    url: str
    """The page, relative to the index (``<slug>.md``)."""
    interviewee: str
    publication: str
    date: str
    """As the reader sees it (`dates.human_date`), with the evidence for an estimate."""
    date_iso: str | None
    """The front matter's date, for the order: newest first."""
    year: str
    """The group the row is listed under; ``0000`` for undated."""
    notes: int
    """Numbered context notes on the page."""
    draft: bool


@dataclass(frozen=True, slots=True)
class NoteUse:
    """One place a note is used, as the notes page lists it under the note."""

    note: str
    """The note's id."""
    title: str
    """The interview's title."""
    link: str
    """The place, from the notes page (``interviews/<slug>.md#fnref:<id>``)."""
    where: str
    """What the place is: the section's question, ``introduction``, ``the byline``…"""
