"""The importer: raw scraped text → an `Interview` and a report.

Like markdown-it-py's core, cleaning is an ordered list of named rules, one a
module, each taking the shared `Draft`. Order matters: header lines go before
the document is counted, the counts before lines are rejoined, boilerplate
before the title is looked for, pull quotes before turns are segmented.

Importer design
---------------
Decisions are made from evidence gathered over the whole text, not by the
first rule that fires::

    lines ─▶ document pass ─▶ paragraphs ─▶ furniture, title ─▶ features ─▶ roles
             (document.py)     (unwrap.py)   (boilerplate.py,    (features.py) (roles.py)
                                              furniture.py,
                                              title.py)

* ``document``: one pass over the lines: labels at line starts and inside
  lines with their counts, whether the text is hard-wrapped (sentences run on
  over line breaks before lowercase words), repeated lines, numbered lines.
  Rejoining lines uses these counts, so a one-word label (``Lasky:``) splits a
  hard-wrapped text and a one-paragraph-a-line scrape is never run together.
* ``labels``: the one authority for "is this a speaker label?": a table of
  label shapes (``Q:``, ``Q7.``, ``Question:``, ``NAME:``, ``Name Surname:``,
  ``NAME, HOST:``, ``Name (AB):``, a label alone on its line, a time code
  before it), role words that say who asks, and near-variants (a typo, a
  surname). `sourcegen check` and the scale benchmark call it too.
* ``furniture``: page furniture as a table, one row per pattern with its
  reason and an example (player controls, comment footers, share buttons,
  cookie banners, advertising, photo credits, feed-reader controls…).
  ``boilerplate`` adds what needs context: author boxes, subscription pitches,
  an archive's metadata block, a paragraph or caption printed twice.
* ``title``: scores the short paragraphs at the top (printed twice, first,
  headline capitals, no end punctuation) and removes the furniture above the
  winner; a question that the text answers in a Q&A's shape is not a title.
* ``features`` / ``roles``: a feature record per paragraph, role scores from
  the readable `roles.WEIGHTS` table and a Viterbi decode over intro,
  question, question continued, answer, answer continued and subhead, with
  `roles.TRANSITIONS` saying what may follow what ("an answer follows a
  question", "a question needs an answer before the text ends", "an answer
  before the first question stays in the intro", "a host's introduction that
  asks nothing is not a question"). A text with no sign of being an interview
  gives bare questions no chance: the controls (press releases, opinion
  pieces, news) get none.
* ``sourcegen import --dry-run --explain`` prints each decision: the raw line,
  the role chosen and its strongest evidence.

Every removal is recorded verbatim with its raw line and reason. Each rule
looks at each line or paragraph a bounded number of times, with anchored
patterns on bounded heads of paragraphs, so importing is linear in the text;
`tests/test_import_linear.py` pins it by counting work.
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
