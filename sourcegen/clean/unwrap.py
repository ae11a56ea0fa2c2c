"""Build paragraphs from lines, rejoining hard-wrapped lines.

Blank lines and dropped header lines always end a paragraph, and so does a
line before one that starts a speaker turn (a label the document pass counted,
so a one-word label such as ``Lasky:`` splits a hard-wrapped text too), a
numbered question, or a line of page furniture. Otherwise the document pass
decides: in a text that is not hard-wrapped each line is a paragraph unless it
stops mid-sentence before a lowercase word; in a hard-wrapped text a line ends
its paragraph when it ends a sentence and it or the next line is long, and
short lines (a narrow column's wrap) are joined. A hyphen at a line end is
kept when the article spells the word with a hyphen elsewhere, dropped when it
spells it without one.
"""

from __future__ import annotations

import re

from .document import ENDS_SENTENCE, WRAP_MAX, DocStats
from .draft import Draft, Line, Para
from .furniture import furniture
from .labels import split_number, starts_with_label

_ENDS_SENTENCE = ENDS_SENTENCE
_WORDS = re.compile(r"\w+(?:[-'’]\w+)*")


def _ends_paragraph(line: str, nxt: str, doc: DocStats) -> bool:
    if starts_with_label(nxt, doc.known):
        return True
    if doc.numbered >= 2 and split_number(nxt) is not None:
        return True
    if furniture(line) is not None or furniture(nxt) is not None:
        return True
    if not doc.wrapped:
        return bool(_ENDS_SENTENCE.search(line)) or not nxt[:1].islower()
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
        if run and _ends_paragraph(run[-1].text, line.text, draft.doc):
            flush()
        run.append(line)
    flush()
