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
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2

from . import escape, frontmatter
from .dates import human_date, is_iso_date
from .editorial import TITLES, Span, marks
from .errors import EDITED
from .model import Annotated, Block, IndexRow, Note, NoteUse, Placement, Source

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
GENERATED_KEY = "sourcegen_generated"
DIGEST_KEY = "sourcegen_digest"


def _indent(text: str, width: int = 4) -> str:
    pad = " " * width
    return "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))


def _md_inline(text: str) -> str:
    return escape.pymarkdown(text)


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
def _abbr_pattern(abbreviations: Iterable[str]) -> re.Pattern[str] | None:
    """The abbreviations as Python-Markdown's `abbr` extension finds them (longest
    first), as written and as escaped (``R&amp;D``), since the pattern runs on
    escaped text."""
    keys = sorted({*abbreviations, *map(escape.pymarkdown, abbreviations)}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, keys)) + r")\b") if keys else None


def _entities(m: re.Match[str]) -> str:
    """Letters and digits as character references; escapes such as ``&amp;`` kept."""
    return "".join(f"&#{ord(c)};" if c.isalnum() else c for c in m.group())


def plain_filter(abbr: re.Pattern[str] | None) -> Callable[[str], str]:
    """The `md` filter: escaped text in which no abbreviation tooltip fires.

    Tooltips belong on the interview's own words (block text), not inside a
    name ("Watchful IP"), a source title or a heading. The `abbr` extension
    applies its definitions page-wide and skips only what it cannot see, so an
    abbreviation here is written as character references: the same text for
    the reader, search and screen readers, but no match for the extension.
    """
    if abbr is None:
        return _md_inline
    pattern = abbr

    def plain(text: str) -> str:
        out = escape.pymarkdown(text)
        return pattern.sub(_entities, out)

    return plain


def make_environment(
    project_templates: Path | None = None, abbreviations: Iterable[str] = ()
) -> jinja2.Environment:
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
    md = env.filters["md"] = plain_filter(_abbr_pattern(abbreviations))
    env.filters["prose"] = _md_inline  # the publication's own words: tooltips allowed
    env.filters["indent4"] = _indent
    env.filters["attr"] = lambda s: re.sub(r"[^\w .&’'-]", "", s)
    env.filters["human_date"] = human_date
    env.filters["note_label"] = note_label
    env.filters["sources_line"] = lambda note: sources_line(note, md)
    env.filters["corrections_md"] = corrections_md
    return env


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
