"""Read interview.md into an `Interview`, with the line of every item.

markdown-it-py finds the blocks: ``##``/``###`` headings, ``>`` pull quotes,
paragraphs, front matter. Every other block rule is switched off, so a list
marker, an indented line, raw HTML or a link definition an editor types is a
paragraph like any other. Paragraph text is literal: only CommonMark's
backslash escapes are undone (the importer writes them), so whatever an
editor types (``*``, ``<b>``, a link) shows on the page exactly as typed. The
interview is a transcript; only notes carry Markdown.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from . import frontmatter as fm
from .anchors import slugify, unique
from .errors import SourcegenError
from .fileio import read_text
from .model import RESERVED_IDS, Block, Interview, Meta, Related, Removal, Section, Speaker

_MD = MarkdownIt("commonmark").use(front_matter_plugin)
_MD.core.ruler.disable(["inline"])  # paragraph text is taken as written
_MD.block.ruler.disable(
    ["code", "fence", "hr", "list", "reference", "html_block", "lheading", "table"],
    ignoreInvalid=True,
)
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
"""A CommonMark backslash escape: a backslash before ASCII punctuation."""
_TURN = re.compile(r"^\*\*(?P<label>(?:\\.|[^*\\\n]){1,80}?):\*\*[ \t]+(?P<rest>\S.*)$", re.DOTALL)
_ANCHOR = re.compile(r"\s+\{#(?P<id>[A-Za-z0-9][\w-]*)\}\s*$")

_SPEAKER_FIELDS: dict[str, tuple[fm.Check, bool]] = {
    "label": (fm.text(), True),
    "name": (fm.text(), True),
    "role": (
        lambda v: None if v in ("interviewer", "interviewee") else "`interviewer` or `interviewee`",
        True,
    ),
    "affiliation": (fm.text(nullable=True), False),
}
SCHEMA: dict[str, tuple[fm.Check, bool]] = {
    "title": (fm.text(nullable=True), True),
    "dek": (fm.text(nullable=True), False),
    "publication": (fm.text(nullable=True), False),
    "source_url": (fm.url(nullable=True), False),
    "date": (fm.iso_date(nullable=True), False),
    "date_estimate": (fm.text(nullable=True), False),
    "byline": (fm.text(nullable=True), False),
    "author_bio": (fm.text(nullable=True), False),
    "speakers": (fm.records(_SPEAKER_FIELDS), True),
    "related": (fm.records({"title": (fm.text(), True), "label": (fm.text(), True)}), False),
    "removed": (
        fm.records(
            {
                "line": (lambda v: None if isinstance(v, int) and v > 0 else "a line number", True),
                "reason": (fm.text(), True),
                "text": (fm.text(), True),
            }
        ),
        False,
    ),
    "repairs": (fm.string_list, False),
    "draft": (fm.flag, False),
}


def _inline(content: str) -> tuple[str | None, str]:
    """(speaker label, literal text) of a paragraph's or heading's source.

    ``**Label:**`` at the start names the speaker; the rest is the text with
    backslash escapes undone and whitespace (line breaks too) made single spaces.
    """
    label = None
    if m := _TURN.match(content):
        label, content = _UNESCAPE.sub(r"\1", m["label"]).strip(), m["rest"]
    return label, " ".join(_UNESCAPE.sub(r"\1", content).split())


def _meta(data: dict[str, Any]) -> Meta:
    return Meta(
        title=data["title"] or "",
        dek=data.get("dek"),
        publication=data.get("publication"),
        source_url=data.get("source_url"),
        date=fm.as_text(data["date"]) if data.get("date") is not None else None,
        date_estimate=data.get("date_estimate"),
        byline=data.get("byline"),
        author_bio=data.get("author_bio"),
        speakers=[
            Speaker(s["label"], s["name"], s["role"], s.get("affiliation"))
            for s in data["speakers"]
        ],
        related=[Related(r["title"], r["label"]) for r in data.get("related") or []],
        removed=[Removal(r["line"], r["reason"], r["text"]) for r in data.get("removed") or []],
        repairs=list(data.get("repairs") or []),
        draft=bool(data.get("draft")),
    )


def parse_text(source: str, path: Path, slug: str) -> Interview:
    """An interview.md's text as an `Interview`: front matter, then block by block."""
    tokens = _MD.parse(source)
    if not tokens or tokens[0].type != "front_matter":
        raise SourcegenError(path, 1, "expected YAML front matter between `---` lines at the top")
    meta = _read_meta(tokens[0].content, path)
    labels = {s.label for s in meta.speakers}
    interview = Interview(slug=slug, meta=meta, path=path)
    source_lines = source.split("\n")
    taken: dict[str, int] = {}  # ids on the page (see anchors.unique)
    section: Section | None = None
    in_quote = False
    i = 1
    while i < len(tokens):
        tok = tokens[i]
        line = (tok.map[0] + 1) if tok.map else 0
        if tok.type == "heading_open" and tok.tag in ("h2", "h3"):
            label, text = _inline(tokens[i + 1].content)
            text, anchor = _anchor(text, source_lines[line - 1], line, path, taken)
            if not text:
                raise SourcegenError(path, line, "expected question text after `##`, found none")
            if label is not None and label not in labels:
                raise SourcegenError(
                    path, line, f"expected a speaker from `speakers`, found label `{label}`"
                )
            section = Section(text, line, anchor, is_question=tok.tag == "h2", asker=label)
            interview.sections.append(section)
            i += 3
            continue
        if tok.type == "blockquote_open":
            in_quote = True
        elif tok.type == "blockquote_close":
            in_quote = False
        elif tok.type == "paragraph_open":
            label, text = _inline(tokens[i + 1].content)
            if label is not None and label not in labels:
                known = ", ".join(sorted(labels))
                raise SourcegenError(
                    path,
                    line,
                    f"expected a speaker label from `speakers` ({known}), found `{label}`",
                )
            block = Block(text, line, "pullquote" if in_quote else "p", label)
            (section.blocks if section else interview.intro).append(block)
            i += 3
            continue
        elif tok.type not in ("paragraph_close",):
            raise _unexpected(tok.type, tok.tag, path, line)
        i += 1
    return interview


def _read_meta(yaml_text: str, path: Path) -> Meta:
    """The front matter, read strictly and checked against `SCHEMA`; one interviewer at least."""
    data, lines = fm.load(yaml_text, path)
    fm.validate(data, lines, SCHEMA, path)
    meta = _meta(data)
    meta.lines = lines
    if not any(s.role == "interviewer" for s in meta.speakers):
        raise SourcegenError(
            path,
            lines.get("speakers"),
            "`speakers`: expected one with role `interviewer`, found none",
        )
    return meta


def _anchor(
    text: str, raw_line: str, line: int, path: Path, taken: dict[str, int]
) -> tuple[str, str]:
    """(heading text, section id): the editor's ``{#id}`` if given (its own, used once),
    else one made from the text (`anchors.unique`)."""
    anchor_match = _ANCHOR.search(raw_line)
    if not anchor_match:
        return text, unique(slugify(text), taken)
    anchor = anchor_match["id"]
    if anchor in RESERVED_IDS:
        raise SourcegenError(
            path,
            line,
            f"expected a section id of your own, found `{{#{anchor}}}`, which the page "
            "uses for its own section",
        )
    if anchor in taken:
        raise SourcegenError(
            path, line, f"expected a unique section id, found `{{#{anchor}}}` twice"
        )
    taken[anchor] = 0
    return _ANCHOR.sub("", text), anchor


_BLOCK_NAMES = {
    "bullet_list_open": "a list",
    "ordered_list_open": "a numbered list",
    "code_block": "an indented code block",
    "fence": "a code block",
    "html_block": "raw HTML",
    "hr": "a `---` rule",
}
"""What an editor typed, named as they would name it (the rules are off, see `_MD`)."""


def _unexpected(kind: str, tag: str, path: Path, line: int) -> SourcegenError:
    """A block interview.md may not hold, named."""
    what = f"a level-{tag[1:]} heading" if kind == "heading_open" else _BLOCK_NAMES.get(kind, kind)
    return SourcegenError(
        path,
        line,
        f"expected a paragraph, `## question`, `### subhead` or `> pull quote`, found {what}",
    )


SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
"""A folder name that can be a page's address as it stands (matched whole: `fullmatch`)."""

MAX_SLUG = 100
"""Longest folder name: it becomes the file ``<slug>.md``, its temporary twin
``.<slug>.md.XXXXXXXX.tmp`` and the folder ``site/interviews/<slug>/``, and a file
name may be at most 255 bytes (a 240-character slug failed half-way through a build)."""

RESERVED_SLUGS = frozenset({"index", "notes", "about", "assets", "search", "sitemap", "404"})
"""Names the site uses itself. ``index`` is the interviews listing's own page
(docs/interviews/index.md): an interview of that name vanished behind it. The
others name the site's top-level pages and folders (notes, about, assets,
search, sitemap.xml, 404.html); an interview address must not read as one of them."""


def slug_problem(slug: str) -> str | None:
    """What is wrong with ``slug`` as an interview's folder name, or None."""
    if not SLUG.fullmatch(slug):
        return (
            "expected the interview's folder to be named with lowercase letters, digits and "
            f"hyphens (it becomes the page's address), found `{slug}`"
        )
    if len(slug) > MAX_SLUG:
        return f"expected a folder name of at most {MAX_SLUG} characters, found {len(slug)}"
    if slug in RESERVED_SLUGS:
        names = ", ".join(sorted(RESERVED_SLUGS))
        return f"expected a folder name the site does not use itself ({names}), found `{slug}`"
    return None


def check_slug(slug: str, path: Path) -> None:
    if problem := slug_problem(slug):
        raise SourcegenError(path, None, problem)


def parse_file(path: Path) -> Interview:
    """Parse sources/interviews/<slug>/interview.md; the slug is the folder's name."""
    check_slug(path.parent.name, path)
    return parse_text(read_text(path), path, path.parent.name)
