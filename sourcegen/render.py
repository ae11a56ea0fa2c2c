"""Render annotated interviews to Python-Markdown pages with Jinja2.

One environment per build: a project's own ``templates/`` folder first in the
search path, the package's templates after it (as mkdocstrings does), so a
site can override a template without forking the package. StrictUndefined
turns a typo into an error; autoescape is off because the output is Markdown,
and every piece of untrusted text goes through the ``md`` filter instead.
"""

from __future__ import annotations

import hashlib
import html
import re
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2

from . import escape, frontmatter
from .dates import human_date, is_iso_date
from .model import Annotated, Block, Note, Placement

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
GENERATED_KEY = "sourcegen_generated"
DIGEST_KEY = "sourcegen_digest"


def _indent(text: str, width: int = 4) -> str:
    pad = " " * width
    return "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))


def _md_inline(text: str) -> str:
    return escape.pymarkdown(text)


def make_environment(project_templates: Path | None = None) -> jinja2.Environment:
    """Templates are compiled from source on every run: Jinja's bytecode cache
    unpickles and executes its files, so a cache folder restored from CI,
    shared or tampered with could run code (issue 14)."""
    paths = [str(p) for p in (project_templates, PACKAGE_TEMPLATES) if p and p.is_dir()]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = _md_inline
    env.filters["indent4"] = _indent
    env.filters["attr"] = lambda s: re.sub(r"[^\w .&’'-]", "", s)
    env.filters["human_date"] = human_date
    return env


class Renderer:
    """Templates compiled once, used for every page of a build."""

    def __init__(self, project_templates: Path | None = None) -> None:
        self.env = make_environment(project_templates)
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

        def block_md(block: Block) -> str:
            """One paragraph of the page; a Python function, not an include, since
            it runs for every paragraph of every interview."""
            if block.kind == "pullquote":
                return (
                    f'> {escape.pymarkdown(block.text)}\n> {{ .sg-pullquote aria-hidden="true" }}'
                )
            text, out, start = block.text, [], 0
            if block.speaker:
                out.append(f"**{escape.pymarkdown(block.speaker)}:** ")
            for end, note_id in refs.get(id(block), []):
                out.append(escape.pymarkdown(text[start:end]) + f"[^{note_id}]")
                start = end
            out.append(escape.pymarkdown(text[start:]))
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
        self, notes: list[Note], usage: dict[str, list[tuple[str, str, str]]], source_rel: str
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

    def index_page(self, rows: list[dict[str, Any]], source_rel: str) -> str:
        body = self.index_tpl.render(rows=rows)
        return with_header(
            body,
            source_rel,
            {"title": "Interviews", "description": "All annotated interviews in this archive."},
        )


def _refs_by_block(placements: list[Placement]) -> dict[int, list[tuple[int, str]]]:
    refs: dict[int, list[tuple[int, str]]] = {}
    for p in placements:
        refs.setdefault(id(p.block), []).append((p.end, p.note.id))
    for marks in refs.values():
        marks.sort()
    return refs


def _description(annotated: Annotated) -> str:
    meta = annotated.interview.meta
    text = meta.dek or next(
        (b.text for b in annotated.interview.all_blocks()), annotated.interview.display_title()
    )
    return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


DIGEST_LINE = re.compile(rf"^{DIGEST_KEY}: (?P<digest>[0-9a-f]{{16}})\n", re.MULTILINE)
"""The line that seals a generated file: the digest of the file without this line."""


def seal(text: str, before: str) -> str:
    """Insert the digest line in front of ``before`` (its first occurrence)."""
    at = text.index(before)
    return f"{text[:at]}{DIGEST_KEY}: {digest(text)}\n{text[at:]}"


def unsealed(text: str) -> str | None:
    """Why a generated file is not as sourcegen wrote it, or None if it is."""
    m = DIGEST_LINE.search(text)
    if m is None:
        return "was not written by sourcegen (it has no sourcegen digest)"
    if digest(text[: m.start()] + text[m.end() :]) != m["digest"]:
        return EDITED
    return None


EDITED = "was edited by hand after sourcegen wrote it"
"""`unsealed`'s answer for the one case `sourcegen build --force` may overwrite."""


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


def with_header(body: str, source_rel: str, meta: dict[str, Any]) -> str:
    """Front matter that says where to edit and lets a later build spot hand edits."""
    head = dict(meta)
    head[GENERATED_KEY] = f"by sourcegen from {source_rel}; edit that, not this file"
    # The digest covers front matter and body, so an edit to either is noticed.
    return seal("---\n" + frontmatter.dump(head) + "---\n\n" + body, before="---\n\n")


def _tooltip(text: str) -> str:
    """An abbreviation's expansion as its definition's text: shown as written.

    Python-Markdown's abbr extension puts the text into a ``title`` attribute,
    and Material's tooltip parses that attribute's value as HTML again (see
    `escape.html_text`). So the text is made safe for that second parse, then
    escaped once more for the attribute: Python-Markdown leaves entities in a
    title as they are, so every ``&``, ``<`` and ``>`` is written as an entity.
    """
    return html.escape(escape.html_text(" ".join(text.split())), quote=False)


def abbreviations(notes: list[Note], glossary: dict[str, str], source_rel: str) -> str:
    """The snippet Material auto-appends to every page for abbreviation tooltips."""
    entries: dict[str, str] = dict(glossary)
    for note in notes:
        entries.update(note.abbr)
    lines = [f"*[{abbr}]: {_tooltip(text)}" for abbr, text in sorted(entries.items())]
    # An HTML comment: appended to every page, it shows in none of them.
    head = f"<!-- generated by sourcegen from {source_rel}; edit those, not this file\n-->\n"
    return seal(head + "\n".join(lines) + "\n", before="-->\n")
