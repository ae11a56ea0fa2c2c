"""Checks of a generated page's Markdown, as markdown-it-py parses it.

Footnotes are parsed with its footnote plugin (the same syntax as
Python-Markdown's footnotes). A reference whose label has no definition is
not parsed as a reference at all: it stays text, and Python-Markdown shows it
as typed, so it is looked for in the text (never in code, never where a
backslash escaped the bracket).
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from ..errors import Problem

_MD = MarkdownIt("commonmark").use(footnote_plugin).enable("table").disable("text_join")
"""``text_join`` is off so that an escaped ``\\[`` stays its own token, not text."""
_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:")
_REFERENCE_TEXT = re.compile(r"\[\^([^\]\s]+)\]")
_HEADING_ID = re.compile(r"^#{1,6} .*\{:?\s*#([^\s}]+)[^}\n]*\}\s*$")


def footnote_problems(markdown: str, path: Path) -> list[Problem]:
    """References without definitions and definitions never referenced, with lines."""
    tokens = _MD.parse(markdown, {})
    refs: set[str] = set()
    undefined: list[Problem] = []
    for tok in tokens:
        for line, child in _children_by_line(tok):
            if child.type == "footnote_ref":
                refs.add(child.meta["label"])
            elif child.type == "text":
                undefined += [
                    Problem(path, line, f"footnote reference [^{m[1]}] has no definition")
                    for m in _REFERENCE_TEXT.finditer(child.content)
                ]
    defs: dict[str, int] = {}
    for number, row in enumerate(markdown.split("\n"), start=1):
        if m := _DEFINITION.match(row):
            defs.setdefault(m[1], number)
    unused = [
        Problem(path, line, f"footnote definition [^{label}] is never referenced")
        for label, line in defs.items()
        if label not in refs
    ]
    return undefined + unused


def _children_by_line(tok: Token) -> list[tuple[int | None, Token]]:
    """An inline token's children, each with its 1-based line (line breaks counted)."""
    if tok.map is None:
        return [(None, child) for child in tok.children or []]
    line = tok.map[0] + 1
    out: list[tuple[int | None, Token]] = []
    for child in tok.children or []:
        out.append((line, child))
        if child.type in ("softbreak", "hardbreak"):
            line += 1
    return out


def duplicate_ids(markdown: str, path: Path) -> list[Problem]:
    """Heading ids given twice on one page (a section called `about-this-edition`, say).

    attr_list sets ids as written, with no de-duplication, so a second one
    makes every link to it (the byline's "About this edition") land on the first.
    """
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for number, row in enumerate(markdown.split("\n"), start=1):
        if (m := _HEADING_ID.match(row)) is None:
            continue
        if m[1] in first:
            problems.append(
                Problem(
                    path,
                    number,
                    f"expected each heading id once on the page, found `#{m[1]}` again "
                    f"(first on line {first[m[1]]}): change the section's {{#id}} in its source",
                )
            )
        else:
            first[m[1]] = number
    return problems
