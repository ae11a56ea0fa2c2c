"""Render annotated interviews to Python-Markdown pages with Jinja2.

The pages are made here (`Renderer`: an interview, the notes page, the
index); the environment and its filters are `environment.py`'s, a note's
label and sources line `notetext.py`'s, the seal on every generated file
`seal.py`'s, the abbreviations snippet `tooltips.py`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2

from .. import escape
from ..dates import is_iso_date
from ..editorial import TITLES, Span, marks
from ..model import Annotated, Block, IndexRow, Note, NoteUse, Placement
from .environment import PACKAGE_TEMPLATES, make_environment, plain_filter
from .notetext import KIND_LABELS, corrections_md, note_label, sources_line, verdict_mark
from .seal import DIGEST_KEY, DIGEST_LINE, GENERATED_KEY, digest, seal, unsealed, with_header
from .tooltips import abbreviations

__all__ = [
    "DIGEST_KEY",
    "DIGEST_LINE",
    "GENERATED_KEY",
    "KIND_LABELS",
    "PACKAGE_TEMPLATES",
    "Renderer",
    "abbreviations",
    "corrections_md",
    "digest",
    "make_environment",
    "note_label",
    "plain_filter",
    "seal",
    "sources_line",
    "unsealed",
    "verdict_mark",
    "with_header",
]


class Renderer:
    """Templates compiled once, used for every page of a build."""

    def __init__(
        self, project_templates: Path | None = None, abbreviations: Iterable[str] = ()
    ) -> None:
        self.env = make_environment(project_templates, abbreviations)
        self.notes_tpl = self.env.get_template("notes.md.j2")
        self.index_tpl = self.env.get_template("index.md.j2")
        self._footnotes: dict[tuple[str, str], str] = {}
        """Footnote definitions by (note id, notes page URL); notes do not change in a build."""

    @cached_property
    def interview_tpl(self) -> jinja2.Template:
        """Compiled on first use: with a warm build cache, no interview is rendered."""
        return self.env.get_template("interview.md.j2")

    @cached_property
    def footnote_tpl(self) -> jinja2.Template:
        return self.env.get_template("footnote.md.j2")

    def interview(self, annotated: Annotated, source_rel: str, notes_url: str) -> str:
        refs = _refs_by_block(annotated.placements)
        plain = self.env.filters["md"]
        names = {s.label: s.name for s in annotated.interview.meta.speakers}
        people = annotated.interview.interviewees()
        turn = [people[0].label if people else ""]  # who is speaking, as blocks are rendered

        def block_md(block: Block) -> str:
            """One paragraph of the page; a Python function, not an include, since
            it runs for every paragraph of every interview."""
            if block.kind == "pullquote":
                return _pullquote(plain(block.text), plain(names.get(turn[0], turn[0])))
            text, out, start = block.text, [], 0
            if block.speaker:
                turn[0] = block.speaker
                out.append(f"**{escape.pymarkdown(block.speaker)}:** ")
            spans = marks(text)
            for end, note in refs.get(id(block), []):
                out.append(_marked(text, start, end, spans) + f"[^{note.id}]")
                out.append(verdict_mark(note))
                start = end
            out.append(_marked(text, start, len(text), spans))
            return "".join(out)

        def footnote(note: Note) -> str:
            """A note's footnote definition: the same on every page, so made once."""
            if (note.id, notes_url) not in self._footnotes:
                text = self.footnote_tpl.render(note=note, notes_url=notes_url)
                # As `{% include %}` with trim_blocks: the tag's own line break is dropped.
                self._footnotes[note.id, notes_url] = text.removesuffix("\n")
            return self._footnotes[note.id, notes_url]

        interview = annotated.interview
        description = _description(annotated)
        body = self.interview_tpl.render(
            a=annotated,
            iv=interview,
            title=interview.display_title(),
            meta=interview.meta,
            interviewer=interview.interviewer(),
            interviewees=interview.interviewees(),
            block_md=block_md,
            footnote=footnote,
            notes_url=notes_url,
            marked=any(marks(b.text) for b in interview.all_blocks()),
        )
        return with_header(
            body,
            source_rel,
            {
                # The page title Material shows in the header (see `escape.inert`).
                "title": escape.inert(interview.display_title()),
                "description": description,
                "sourcegen_article": _article(annotated),
            },
        )

    def notes_page(
        self, notes: list[Note], usage: dict[str, list[NoteUse]], source_rel: str
    ) -> str:
        groups = [
            ("term", "Terms"),
            ("claim", "Claims checked"),
            ("event", "What happened next"),
            ("source", "About the sources"),
        ]
        body = self.notes_tpl.render(groups=groups, notes=notes, usage=usage)
        return with_header(
            body,
            source_rel,
            {
                "title": "Context notes",
                "description": "Every context note, its sources, and where it is used.",
                # Note titles name the terms the interviews use ("TVI"), and
                # search boosts titles 1000x: keep the interviews' questions first.
                "search": {"boost": 0.001},
            },
        )

    def index_page(self, rows: list[IndexRow], source_rel: str) -> str:
        body = self.index_tpl.render(rows=rows)
        return with_header(
            body,
            source_rel,
            {"title": "Interviews", "description": "All annotated interviews in this archive."},
        )


def _marked(text: str, start: int, end: int, spans: list[Span]) -> str:
    """``text[start:end]`` escaped, each editor's mark in it shown as the editor's.

    A mark is a plain HTML span (Python-Markdown and Zensical pass it through)
    whose class styles it and whose title says what it is; its text, brackets
    included, is escaped like any other. A footnote reference inside a mark
    splits it in two spans.
    """
    out: list[str] = []
    at = start
    for span in spans:
        lo, hi = max(span.start, start), min(span.end, end)
        if lo >= hi:
            continue
        out.append(escape.pymarkdown(text[at:lo]))
        out.append(
            f'<span class="sg-{span.kind}" title="{TITLES[span.kind]}">'
            f"{escape.pymarkdown(text[lo:hi])}</span>"
        )
        at = hi
    out.append(escape.pymarkdown(text[at:end]))
    return "".join(out)


def _pullquote(text: str, by: str) -> str:
    """A pull quote: the interviewee's words repeated as decoration, attributed.

    Hidden from screen readers as a whole (the words are read in the body);
    a <div>, not a blockquote, so no empty quotation is left for them."""
    by_line = f"\n\n{by}\n{{: .sg-pullquote-by }}" if by else ""
    return f'<div class="sg-pullquote" aria-hidden="true" markdown="1">\n{text}{by_line}\n</div>'


def _refs_by_block(placements: list[Placement]) -> dict[int, list[tuple[int, Note]]]:
    refs: dict[int, list[tuple[int, Note]]] = {}
    for p in placements:
        refs.setdefault(id(p.block), []).append((p.end, p.note))
    for found in refs.values():
        found.sort(key=lambda mark: (mark[0], mark[1].id))
    return refs


def _description(annotated: Annotated) -> str:
    meta = annotated.interview.meta
    text = meta.dek or next(
        (b.text for b in annotated.interview.all_blocks()), annotated.interview.display_title()
    )
    return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"


def _article(annotated: Annotated) -> dict[str, Any]:
    """Facts for the schema.org `Article` JSON-LD that overrides/main.html writes."""
    meta = annotated.interview.meta
    article: dict[str, Any] = {
        "headline": annotated.interview.display_title(),
        "author": meta.byline,
        "publisher": meta.publication,
        "isBasedOn": meta.source_url,
        # Only a date that exists, written as ISO (parse refuses others; this is what
        # search engines read, so it is checked again wherever the Meta came from).
        "datePublished": meta.date if meta.date and is_iso_date(meta.date) else None,
        "about": [s.name for s in annotated.interview.interviewees()],
    }
    return {k: v for k, v in article.items() if v}
