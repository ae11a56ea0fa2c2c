"""Write an `Interview` as interview.md, the editor's file.

The format (README.md, "interview.md"): YAML front matter for what the page
says about the article; the intro as plain paragraphs; ``## question {#id}``
for each question, ``### subhead {#id}`` for a subhead that stands in for
one; ``**Label:**`` where a speaker's turn starts; ``> `` for a pull quote.
Text is escaped so markdown-it reads back exactly the words written.
"""

from __future__ import annotations

from typing import Any

from . import escape, frontmatter
from .model import Block, Interview


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
    header = frontmatter.dump(_front_matter(interview))
    parts = [f"---\n{header}---"]
    parts.extend(_block(b) for b in interview.intro)
    for section in interview.sections:
        marks = "##" if section.is_question else "###"
        asker = f"**{escape.commonmark(section.asker)}:** " if section.asker else ""
        parts.append(f"{marks} {asker}{escape.commonmark(section.heading)} {{#{section.anchor}}}")
        parts.extend(_block(b) for b in section.blocks)
    return "\n\n".join(parts) + "\n"
