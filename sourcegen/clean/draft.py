"""The mutable working state the clean rules pass along.

Rules see lines first (to drop header lines), then paragraphs. Every dropped
line or paragraph becomes a `Removal` with its raw line number and reason, so
nothing leaves the article silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..model import Block, Meta, Removal, Section
from .document import DocStats


@dataclass(slots=True)
class Line:
    """One line of the decoded article."""

    number: int
    """1-based line in raw.txt."""
    text: str
    """Whitespace-normalised text."""
    dropped: bool = False
    """Set by a header rule; a dropped line also ends a paragraph."""


@dataclass(slots=True)
class Para:
    """A paragraph after hard-wrapped lines are rejoined."""

    text: str
    line: int
    """First raw line."""
    end_line: int
    """Last raw line."""
    raw: str
    """The raw lines as they stood, joined with newlines (what a removal records)."""
    role: str = "body"
    """``title``, ``dek``, ``removed``, ``pullquote`` or ``body``; set by the rules."""


@dataclass(slots=True)
class Draft:
    """Everything the importer knows so far about one article."""

    path: Path
    lines: list[Line]
    meta: Meta
    paras: list[Para] = field(default_factory=list)
    report: list[Problem] = field(default_factory=list)
    intro: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    doc: DocStats = field(default_factory=DocStats)
    """What the document pass found over the whole text (labels, wrapping, repeats)."""
    trace: list[tuple[int, str, str]] = field(default_factory=list)
    """(raw line, role, strongest evidence) per decision, for ``--explain``."""

    def explain(self, line: int, role: str, why: str) -> None:
        self.trace.append((line, role, why))

    def remove_line(self, line: Line, reason: str) -> None:
        line.dropped = True
        self.meta.removed.append(Removal(line.number, reason, line.text))
        self.explain(line.number, "furniture", reason)

    def remove_para(self, para: Para, reason: str) -> None:
        para.role = "removed"
        self.meta.removed.append(Removal(para.line, reason, para.raw))
        self.explain(para.line, "furniture", reason)

    def warn(self, line: int | None, message: str) -> None:
        self.report.append(Problem(self.path, line, message))

    def body(self) -> list[Para]:
        """Paragraphs still in play, in order."""
        return [p for p in self.paras if p.role not in ("removed", "title", "dek")]
