"""The Jinja2 environment of a build, and the filters every template uses.

One environment per build: a project's own ``templates/`` folder first in the
search path, the package's templates after it (as mkdocstrings does), so a
site can override a template without forking the package. StrictUndefined
turns a typo into an error; autoescape is off because the output is Markdown,
and every piece of untrusted text goes through the ``md`` filter instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2

from .. import escape
from ..dates import human_date
from .notetext import corrections_md, note_label, sources_line

PACKAGE_TEMPLATES = Path(__file__).parent.parent / "templates"


def _indent(text: str, width: int = 4) -> str:
    pad = " " * width
    return "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))


def _md_inline(text: str) -> str:
    return escape.pymarkdown(text)


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
