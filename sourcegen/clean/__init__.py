"""The importer: raw scraped text → an `Interview` and a report.

Like markdown-it-py's core, cleaning is an ordered list of named rules, one a
module, each taking the shared `Draft`. Order matters: header lines go before
lines are rejoined, boilerplate before the title is looked for, pull quotes
before turns are segmented.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, SourcegenError
from ..fileio import decode_text, read_bytes
from ..model import Interview, Meta
from . import boilerplate, document, headers, pullquote, segment, title, unwrap
from .decode import normalise
from .draft import Draft

RULES: list[tuple[str, Callable[[Draft], None]]] = [
    ("headers", headers.apply),
    ("document", document.apply),
    ("unwrap", unwrap.apply),
    ("boilerplate", boilerplate.apply),
    ("title", title.apply),
    ("pullquote", pullquote.apply),
    ("segment", segment.apply),
]


@dataclass(slots=True)
class Imported:
    """What `clean` found: the interview and what it was unsure about."""

    interview: Interview
    report: list[Problem]
    trace: list[tuple[int, str, str]] = field(default_factory=list)
    """Each decision's raw line, role and strongest evidence (``import --explain``)."""


def clean_text(text: str, path: Path, slug: str | None = None) -> Imported:
    """Clean already-decoded text (the fuzz and property tests enter here)."""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise SourcegenError(path, line, "expected text, found a NUL byte (binary file?)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines, repairs = normalise(text)
    if not any(line.text for line in lines):
        raise SourcegenError(
            path, None, "expected an article, found no text (empty or whitespace only)"
        )
    draft = Draft(path=path, lines=lines, meta=Meta(title="", repairs=repairs))
    for _name, rule in RULES:
        rule(draft)
    if not draft.intro and not draft.sections:
        raise SourcegenError(
            path, None, "expected at least one paragraph of interview text, found none"
        )
    meta = draft.meta
    meta.removed.sort(key=lambda r: r.line)
    slug = slug or segment.slugify(meta.title or path.parent.name, words=5)
    interview = Interview(
        slug=slug, meta=meta, intro=draft.intro, sections=draft.sections, path=path
    )
    return Imported(interview, draft.report, sorted(draft.trace, key=lambda t: t[0]))


def clean_file(path: Path, slug: str | None = None) -> Imported:
    """Read, decode and clean one raw article."""
    return clean_bytes(read_bytes(path), path, slug)


def clean_bytes(data: bytes, path: Path, slug: str | None = None) -> Imported:
    """Decode and clean an article already read from ``path``."""
    text, repairs = decode_text(data, path)
    result = clean_text(text, path, slug)
    result.interview.meta.repairs[:0] = repairs
    return result
