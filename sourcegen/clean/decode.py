"""Text-level repairs: mojibake, no-break and doubled spaces.

ftfy repairs UTF-8 read as Windows-1252 (``â€™`` → ``’``) without touching
curly quotes; we only call its encoding fixer, never its quote "uncurling".
"""

from __future__ import annotations

import re

import ftfy

from .draft import Line

_SPACES = re.compile(r"[^\S\n]+")
"""Any run of whitespace within a line (tabs, no-break, em, thin, ideographic spaces)."""


def normalise(text: str) -> tuple[list[Line], list[str]]:
    """Split decoded text into numbered lines, repairing what can be repaired."""
    repairs: list[str] = []
    fixed = ftfy.fix_encoding(text)
    if fixed != text:
        repairs.append("repaired mojibake (UTF-8 read as Windows-1252)")
    if "\u00a0" in fixed:
        repairs.append("replaced no-break spaces with spaces")
    lines = [
        Line(number, _SPACES.sub(" ", raw).strip())
        for number, raw in enumerate(fixed.split("\n"), start=1)
    ]
    return lines, repairs
