"""Build paragraphs from lines, rejoining hard-wrapped lines.

Blank lines and dropped header lines always end a paragraph. Inside a run of
lines, a line ends its paragraph when it is long and ends a sentence (one
paragraph per line, as most scrapes are), or when the next line starts a
speaker turn; short lines (a narrow column's wrap) are joined, and so is a
long line that stops mid-sentence. A hyphen at a line end is kept when the
article spells the word with a hyphen elsewhere, dropped when it spells it
without one.
"""

from __future__ import annotations

import re

from .draft import Draft, Line, Para
from .labels import starts_with_label

WRAP_MAX = 100
"""Lines up to this long are taken as a wrapped column when they run together."""
_ENDS_SENTENCE = re.compile(r"[.!?…:;\"”’)\]]$")
_WORDS = re.compile(r"\w+(?:[-'’]\w+)*")


def _ends_paragraph(line: str, nxt: str) -> bool:
    if starts_with_label(nxt):
        return True
    if not _ENDS_SENTENCE.search(line):
        return False
    return len(line) > WRAP_MAX or len(nxt) > WRAP_MAX


_HYPHENATED_END = re.compile(r"(\w+)-$")
_FIRST_WORD = re.compile(r"\w+")


def _join(parts: list[str], vocabulary: set[str]) -> str:
    """Rejoin a paragraph's lines. Each decision looks at one line end and the
    next line's start only, so a long hard-wrapped text costs linear time."""
    out: list[str] = [parts[0]]
    for part in parts[1:]:
        prev = out[-1]
        m = _HYPHENATED_END.search(prev)
        if m and part[:1].islower():
            head = m[1]
            tail = _FIRST_WORD.match(part)
            tail_word = tail[0] if tail else ""
            joined = (head + tail_word).lower()
            if joined in vocabulary and f"{head}-{tail_word}".lower() not in vocabulary:
                out[-1] = prev[:-1]  # a line-end hyphen that only split the word
            out.append(part)
        elif prev.endswith("—"):
            out.append(part)  # an em dash closes up with the next word
        else:
            out.append(" " + part)
    return "".join(out)


def apply(draft: Draft) -> None:
    vocabulary = {w.lower() for line in draft.lines for w in _WORDS.findall(line.text)}
    run: list[Line] = []

    def flush() -> None:
        if run:
            draft.paras.append(
                Para(
                    text=_join([line.text for line in run], vocabulary),
                    line=run[0].number,
                    end_line=run[-1].number,
                    raw="\n".join(line.text for line in run),
                )
            )
            run.clear()

    for line in draft.lines:
        if line.dropped or not line.text:
            flush()
            continue
        if run and _ends_paragraph(run[-1].text, line.text):
            flush()
        run.append(line)
    flush()
