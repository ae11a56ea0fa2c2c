"""Write an `Interview` as interview.md, the editor's file.

The format (README.md, "interview.md"): YAML front matter for what the page
says about the article; the intro as plain paragraphs; ``## question {#id}``
for each question, ``### subhead {#id}`` for a subhead that stands in for
one; ``**Label:**`` where a speaker's turn starts; ``> `` for a pull quote.
Text is escaped so markdown-it reads back exactly the words written.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from . import escape, frontmatter
from .model import Block, Interview

HEADER = (
    "# Yours to edit. `sourcegen check` compares the text with raw.txt word for word:\n"
    "# put your own words in [square brackets], mark a cut with […], and record any\n"
    '# other span you take out under `removed:` (README.md, "interview.md").\n'
)

COMMENTS = {
    "title": "the headline as published",
    "dek": "the line under the headline, or null",
    "publication": "who published the article",
    "source_url": "address of the original, if known",
    "date": "YYYY-MM-DD / YYYY-MM / YYYY, or null when the source gives none",
    "date_estimate": "when `date` is null: your estimate (e.g. 2019), explained in a source note",
    "byline": "the article's author",
    "author_bio": 'the author box, shown in "About this edition"',
    "speakers": "label as shown on the page; one interviewer at least; name every placeholder",
    "related": "related-article titles the publication printed",
    "removed": "every span of raw.txt not on the page, verbatim, with its line and why",
    "repairs": "encoding repairs made on import",
}
"""What each front-matter key means, written beside it in every imported file."""

_KEY = re.compile(r"^(?P<key>[a-z_]+):")


def _commented(header: str) -> str:
    """``header`` (YAML) with each top-level key's comment beside it.

    A comment goes only on a line that holds the whole value (the next line is
    another key, a list item or an indented block), so it can never land
    inside a quoted string; the result must load as the same data.
    """
    rows = header.split("\n")
    width = max((len(r) for r in rows if _KEY.match(r) and len(r) <= 40), default=20) + 2
    out = []
    for i, row in enumerate(rows):
        m = _KEY.match(row)
        after = rows[i + 1] if i + 1 < len(rows) else ""
        whole = row.endswith(":") or not after.startswith(" ")
        if m and m["key"] in COMMENTS and whole:
            row = f"{row.ljust(width - 2)}  # {COMMENTS[m['key']]}"
        out.append(row)
    commented = HEADER + "\n".join(out)
    if yaml.safe_load(commented) != yaml.safe_load(header):
        return HEADER + header  # never change what the front matter says
    return commented


def _front_matter(interview: Interview) -> dict[str, Any]:
    meta = interview.meta
    data: dict[str, Any] = {
        "title": meta.title or None,
        "dek": meta.dek,
        "publication": meta.publication,
        "source_url": meta.source_url,
        "date": meta.date,
        "date_estimate": meta.date_estimate,
        "byline": meta.byline,
        "author_bio": meta.author_bio,
        "speakers": [
            {
                k: v
                for k, v in (
                    ("label", s.label),
                    ("name", s.name),
                    ("role", s.role),
                    ("affiliation", s.affiliation),
                )
                if v
            }
            for s in meta.speakers
        ],
        "related": [{"title": r.title, "label": r.label} for r in meta.related],
        "removed": [{"line": r.line, "reason": r.reason, "text": r.text} for r in meta.removed],
        "repairs": list(meta.repairs),
    }
    return data


def _block(block: Block) -> str:
    text = escape.commonmark(block.text)
    if block.kind == "pullquote":
        return f"> {text}"
    if block.speaker:
        return f"**{escape.commonmark(block.speaker)}:** {text}"
    return text


def dump(interview: Interview) -> str:
    """The whole interview.md text."""
    header = _commented(frontmatter.dump(_front_matter(interview)))
    parts = [f"---\n{header}---"]
    parts.extend(_block(b) for b in interview.intro)
    for section in interview.sections:
        marks = "##" if section.is_question else "###"
        asker = f"**{escape.commonmark(section.asker)}:** " if section.asker else ""
        parts.append(f"{marks} {asker}{escape.commonmark(section.heading)} {{#{section.anchor}}}")
        parts.extend(_block(b) for b in section.blocks)
    return "\n\n".join(parts) + "\n"
