"""Title and dek: scored among the short paragraphs at the top, before any turn starts.

Evidence for a title: printed twice (a scraper's duplicated headline), first
in the text, no end punctuation, headline capitals, a two-part headline
(``How to fix X? First, do Y.``). Against: a sentence, a speaker label, a
question that the next paragraph answers in a text of such questions. The
best candidate wins; short lines above it are page furniture (player
controls, taglines, section names) and are removed; later copies of it are
removed too. The dek is the paragraph right after the title when it reads as
one.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .document import norm
from .draft import Draft, Para
from .features import (
    QUOTE_OPEN,
    TOPIC_INLINE,
    TOPIC_LEAD,
    ends_in_question,
    is_subhead,
    question_candidates,
)
from .labels import match_label

_SENTENCE_END = re.compile(r"[.!:;]$")
ZONE = 8
"""Title candidates: at most this many paragraphs from the top."""
MIN_TITLE = 2.0
"""The score a candidate needs: a plain sentence at the top (``This interview was
recorded…``) is not enough on its own."""


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", text) if len(w) >= 4]
    return bool(words) and sum(w[0].isupper() for w in words) * 10 >= len(words) * 7


def _score(para: Para, i: int, repeated: bool, header_below: bool) -> tuple[float, str]:
    text = para.text
    score, why = 0.0, []
    words = len(text.split())
    if 5 <= words <= 20:
        score += 1.0
        why.append("a headline's length")
    elif words <= 3:
        score -= 1.0
    if header_below:
        score += 2.0
        why.append("a byline or date right under it")
    if i == 0:
        score += 2.0
        why.append("first in the text")
    score -= 0.5 * i
    if repeated:
        score += 3.0
        why.append("printed twice")
    if not _SENTENCE_END.search(text) and not ends_in_question(text):
        score += 1.0
        why.append("no end punctuation")
    elif text.endswith("."):
        score -= 1.5
        if re.search(r"\w[?:]\s", text):
            score += 1.0
            why.append("a two-part headline")
    if _title_case(text):
        score += 1.0
        why.append("headline capitals")
    if len(text) > 120:
        score -= 1.0
    if len(text) < 12:
        score -= 2.0
    return score, ", ".join(why) or "weak"


def _next_text_line(draft: Draft, line: int) -> bool:
    """Whether the first non-blank raw line after ``line`` (within two) is a header
    line (byline, date, reading time) that the header rule dropped."""
    for row in draft.lines[line : line + 2]:
        if row.text:
            return row.dropped
    return False


def apply(draft: Draft) -> None:
    """The title rule: the best-scoring short paragraph at the top, then its dek."""
    body = draft.body()
    if not body:
        return
    texts = [p.text for p in body[: ZONE + 2]]
    candidates = question_candidates(texts, draft.doc.numbered >= 2)
    if sum(candidates) < 2:  # one question-and-answer pair is not yet a Q&A's shape
        candidates = [False] * len(candidates)
    topic_count = sum(
        1 for p in body if TOPIC_LEAD.match(p.text[:300]) or TOPIC_INLINE.match(p.text[:300])
    )
    topics = topic_count >= 2
    subheads = sum(1 for a, b in pairwise(body) if a.role == "body" and is_subhead(a.text, b.text))
    zone = _zone(draft, body, candidates, topics)
    best: tuple[float, int, str] | None = None
    for i, para in enumerate(zone):
        repeated = draft.doc.repeats[norm(para.text)] >= 2
        below = _next_text_line(draft, para.end_line)
        score, why = _score(para, body.index(para), repeated, below)
        if best is None or score > best[0]:
            best = (score, i, why)
    if best is None or best[0] < MIN_TITLE:
        draft.warn(
            body[0].line, "no title found at the top of the article; set `title:` in interview.md"
        )
        return
    _, index, why = best
    first = _take_title(draft, body, zone, index, why)
    start = body.index(first) + 1
    after = [p for p in body[start : start + 2 * ZONE] if p.role == "body"]
    if len(body) > 2 and after and _reads_as_dek(body, after[0], candidates, topics, subheads):
        second = after[0]
        second.role = "dek"
        draft.meta.dek = second.text
        draft.explain(second.line, "dek", "the paragraph under the title")


def _zone(draft: Draft, body: list[Para], candidates: list[bool], topics: bool) -> list[Para]:
    """The title's candidates: short paragraphs at the top, up to the first turn
    (a label the text uses, a question answered below it, a topic lead)."""
    zone: list[Para] = []
    for i, para in enumerate(body[:ZONE]):
        hit = match_label(para.text)
        if (
            (
                hit is not None
                and (
                    draft.doc.line_labels[hit.label] >= 2
                    or hit.side
                    or hit.shape not in ("name", "name-alone-mixed")
                )
            )
            or candidates[i]
            or (topics and (TOPIC_LEAD.match(para.text) or TOPIC_INLINE.match(para.text[:300])))
        ):
            break
        if len(para.text) > 200:
            if zone:
                break
            continue
        zone.append(para)
    return zone


def _take_title(draft: Draft, body: list[Para], zone: list[Para], index: int, why: str) -> Para:
    """Make ``zone[index]`` the title; remove the furniture above it and its later copies."""
    first = zone[index]
    first.role = "title"
    draft.meta.title = first.text
    draft.explain(first.line, "title", why)
    for para in zone[:index]:
        if len(para.text) <= 120:
            draft.remove_para(para, "above the headline: page furniture")
    key = norm(first.text)
    for para in body[body.index(first) + 1 : body.index(first) + 1 + 2 * ZONE]:
        if para.role == "body" and norm(para.text) == key:
            draft.remove_para(para, "the headline, printed again")
    return first


def _reads_as_dek(
    body: list[Para], second: Para, candidates: list[bool], topics: bool, subheads: int
) -> bool:
    """The paragraph under the title is its dek unless it reads as the text's start
    (a label, a question, a quote, a topic lead, a subhead)."""
    j = body.index(second)
    return (
        len(second.text) <= 300
        and not match_label(second.text)
        and not ends_in_question(second.text)
        and not (second.text[:1] in QUOTE_OPEN and second.text[-1:] in '”"')
        and not (j < len(candidates) and candidates[j])
        and not (topics and (TOPIC_LEAD.match(second.text) or TOPIC_INLINE.match(second.text)))
        and not (subheads >= 2 and j + 1 < len(body) and is_subhead(second.text, body[j + 1].text))
    )
