"""Escaping untrusted text so Markdown shows it literally.

Two dialects, two functions: interview.md is CommonMark (read back by
markdown-it-py), generated pages are Python-Markdown with MkDocs' extensions
(attr_list, abbr, footnotes, admonition, snippets). Each escapes every
character that could start syntax in its dialect, so scraped text can never
become an element, an attribute, a link, an include or a footnote.
"""

from __future__ import annotations

import html
import re

_CM_ALWAYS = re.compile(r"([\\`*_\[\]{}])")
_CM_LT = re.compile(r"<(?=[A-Za-z/!?])")
_CM_ENTITY = re.compile(r"&(?=#?\w+;)")
_CM_LINE_START = re.compile(r"^(\s*)([#>+=\-|:~]|\d+[.)])")


def commonmark(text: str) -> str:
    """Escape text for a paragraph of interview.md (one line, literal on read-back)."""
    out = _CM_ALWAYS.sub(r"\\\1", text)
    out = _CM_LT.sub(r"\\<", out)
    out = _CM_ENTITY.sub(r"\\&", out)
    out = out.replace("![", "!\\[")
    m = _CM_LINE_START.match(out)
    if m:
        lead = m.group(2)
        fixed = lead[:-1] + "\\" + lead[-1] if lead[0].isdigit() else "\\" + lead
        out = out[: m.start(2)] + fixed + out[m.end(2) :]
    return out.strip()


_PY_ALWAYS = {
    **{c: "\\" + c for c in "\\`*_{}[]#|"},
    "<": "&lt;",
    ">": "&gt;",
    "\n": " ",
}
"""Characters that start syntax anywhere in a line: emphasis, code, links and
footnotes (``[``), attribute lists (``{``), tables, raw HTML and snippets (``<``)."""
_PY_ALWAYS_RE = re.compile("[" + re.escape("".join(_PY_ALWAYS)) + "]")
_PY_LEADING_RE = re.compile(r"^(\s*)(?:(\d+)([.)])|([-+!.=:~]))")
"""Syntax only at a line's start: lists, rules, setext and admonition markers."""
_PY_LEADING = {
    "-": "\\-",
    "+": "\\+",
    "!": "\\!",
    ".": "\\.",
    "=": "&#61;",
    ":": "&#58;",
    "~": "&#126;",
}
_PY_AMP_ENTITY = re.compile(r"&(?=#?\w+;)")
_PY_SLASHES = re.compile(r"/{2,}")


def _leading(m: re.Match[str]) -> str:
    if m.group(2):
        return f"{m.group(1)}{m.group(2)}\\{m.group(3)}"
    return m.group(1) + _PY_LEADING[m.group(4)]


def pymarkdown(text: str) -> str:
    """Escape text for a generated page so Python-Markdown renders it literally.

    Only what can start syntax is escaped, since every escape costs
    Python-Markdown an inline-pattern match on a big archive: characters that
    are syntax anywhere always (a backslash, or an entity for ``<``/``>``),
    list/rule/admonition markers only at the start of the text, ``&`` only
    where it would begin an entity, and runs of ``/`` (the footnotes' place
    marker ``///Footnotes Go Here///`` is found by substring and replaces
    the whole paragraph). Letters, digits, hyphens, colons, a bare ``&`` and
    a lone ``/`` pass through, so abbreviation tooltips still find "R&D" and
    "ISO/IEC". The text never holds a line break: newlines become spaces.
    """
    out = _PY_AMP_ENTITY.sub("&amp;", text) if "&" in text else text
    out = _PY_ALWAYS_RE.sub(lambda m: _PY_ALWAYS[m.group()], out)
    out = _PY_LEADING_RE.sub(_leading, out, count=1)
    if "//" in out:
        out = _PY_SLASHES.sub(lambda m: "&#47;" * len(m.group()), out)
    return out


_HTML_SPECIAL = re.compile(r"<(?=[A-Za-z/!?])|&")


def _html_special(m: re.Match[str]) -> str:
    """A ``<`` here opens a tag or a comment; an ``&`` is escaped only where it opens a
    character reference an HTML parser would decode (``&lt;``, ``&#60;``, or a
    legacy one with no semicolon such as ``&not``)."""
    if m.group() == "<":
        return "&lt;"
    window = m.string[m.start() : m.start() + 40]  # longer than any entity name
    return "&" if html.unescape(window).startswith(window[:2]) else "&amp;"


def html_text(text: str) -> str:
    """Text that an HTML parser (``innerHTML``) turns back into exactly ``text``.

    Material's ``content.tooltips`` builds an abbreviation's tooltip with
    ``innerHTML = title``, so the title attribute's value is parsed as HTML a
    second time. Only what that parse would read as markup is escaped: a ``<``
    that opens a tag or a comment, and an ``&`` that opens a character
    reference. Everything else ("R&D", "a < b") stays as it is, so the
    browser's own tooltip (without JavaScript) reads naturally too.
    """
    return _HTML_SPECIAL.sub(_html_special, text)


_WORD_JOINER = "\u2060"


def _inert(m: re.Match[str]) -> str:
    if m.group() == "<":
        return "<" + _WORD_JOINER
    window = m.string[m.start() : m.start() + 40]
    return "&" if html.unescape(window).startswith(window[:2]) else "&" + _WORD_JOINER


def inert(text: str) -> str:
    """``text`` looking the same, but inert when a browser reads it back as HTML.

    Material's header shows the page title in an ``.md-ellipsis`` box; when the
    title is too long for it, Material copies the box's text (``innerText``,
    entities already decoded) into a tooltip with ``innerHTML``, so a scraped
    title holding ``<img src=x onerror=...>`` ran script on hover. Text cannot
    be escaped for a parse that happens after decoding, so an invisible WORD
    JOINER (U+2060) goes after each ``<`` that would open a tag and each ``&``
    that would open a character reference (see `html_text`): neither can then
    start markup, and the reader sees the same characters.
    """
    return _HTML_SPECIAL.sub(_inert, text)
