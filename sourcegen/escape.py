"""Escaping untrusted text so Markdown shows it literally.

Two dialects, two functions: interview.md is CommonMark (read back by
markdown-it-py), generated pages are Python-Markdown with MkDocs' extensions
(attr_list, abbr, footnotes, admonition, snippets). Each escapes every
character that could start syntax in its dialect, so scraped text can never
become an element, an attribute, a link, an include or a footnote.
"""

from __future__ import annotations

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


_PY_BACKSLASH = set("\\`*_{}[]()#+-.!|")
_PY_ENTITY = {
    "<": "&lt;",
    ">": "&gt;",
    "&": "&amp;",
    ":": "&#58;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    '"': "&quot;",
}


_PY_MAP = {
    **{c: "\\" + c for c in _PY_BACKSLASH},
    **{c: e for c, e in _PY_ENTITY.items() if c != "&"},
    "\n": " ",
}
_PY_SPECIAL = re.compile("[" + re.escape("".join(_PY_MAP)) + "]")
_PY_AMP_ENTITY = re.compile(r"&(?=#?\w+;)")
_PY_SLASHES = re.compile(r"/{2,}")


def pymarkdown(text: str) -> str:
    """Escape text for a generated page so Python-Markdown renders it literally.

    Markdown punctuation gets a backslash (Python-Markdown's own escape);
    characters its extensions use without one (``<`` of HTML and snippets,
    ``:`` of ``*[abbr]:`` definitions, ``^`` of footnotes, a run of ``/``
    as in the footnotes' place marker) become HTML entities. Letters, digits,
    a bare ``&`` and a lone ``/`` pass through, so abbreviation tooltips
    still find "R&D" and "ISO/IEC".
    """
    out = _PY_AMP_ENTITY.sub("&amp;", text) if "&" in text else text
    out = _PY_SPECIAL.sub(lambda m: _PY_MAP[m.group()], out)
    if "//" in out:
        # the footnotes' PLACE_MARKER (``///Footnotes Go Here///``) is found by
        # substring in the raw block text and replaces the whole paragraph
        out = _PY_SLASHES.sub(lambda m: "&#47;" * len(m.group()), out)
    return out
