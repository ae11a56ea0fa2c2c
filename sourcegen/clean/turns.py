"""Which labels really mark turns, and who asks.

The labels the document uses are accepted first, counted over the whole
text: the document pass's line-start counts, inline labels, labels defined
at first use, near-variants such as a typo or a surname. The label rule
itself (what a label looks like) is `labels.py`'s.
"""

from __future__ import annotations

import re
from collections import Counter

from .draft import Draft, Para
from .features import TOPIC_INLINE, ends_in_question
from .labels import ANSWERING, ASKING, INLINE_LABEL, LabelHit, match_label, same_speaker


def initials(name: str) -> str:
    """``Security Sales & Integration`` → ``SSI``: a publication's label."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'-]*", name) if w[0].isupper())


def split_inline(draft: Draft, body: list[Para]) -> list[Para]:
    """Split paragraphs where a turn label runs on inside them (``… about? Author: It is``),
    and topic leads run into their answers (``On the budget – We …``)."""
    doc = draft.doc
    counts = doc.line_labels + doc.inline_labels
    inline = {
        label
        for label, n in doc.inline_labels.items()
        if counts[label] >= 2
        and (
            label.upper() in ASKING
            or label.upper() in ANSWERING
            or ((hit := match_label(label + ": x")) is not None and hit.side is not None)
            or counts[label] >= 3
            or doc.line_labels[label] >= 1
        )
    }
    topics = sum(1 for p in body if TOPIC_INLINE.match(p.text[:300])) >= 2
    if not inline and not topics:
        return body
    out: list[Para] = []
    for para in body:
        if para.role != "body":
            out.append(para)
            continue
        if topics and (m := TOPIC_INLINE.match(para.text[:300])):
            out.append(Para(m["head"].strip(), para.line, para.line, para.raw, para.role))
            para = Para(para.text[m.end() :], para.line, para.end_line, para.raw, para.role)
        start = 0
        for m in INLINE_LABEL.finditer(para.text) if inline else ():
            if m["label"] in inline:
                piece = para.text[start : m.start()].strip()
                if piece:
                    out.append(Para(piece, para.line, para.end_line, para.raw, para.role))
                start = m.start("label")
        piece = para.text[start:].strip()
        if start:
            draft.explain(para.line, "split", "speaker labels run on inside one paragraph")
        out.append(Para(piece, para.line, para.end_line, para.raw, para.role) if start else para)
    return out


ALIAS_TARGETS = 12
"""How many of the most used labels a rare label is compared with for a variant spelling."""
_CAPITALISED = re.compile(r"[A-Z][\w.'’-]*")


def _name_mentions(paras: list[Para]) -> Counter[str]:
    """How often each run of two to four capitalised words occurs (one pass)."""
    out: Counter[str] = Counter()
    for para in paras:
        run: list[str] = []
        end = -1
        for m in _CAPITALISED.finditer(para.text):
            if m.start() != end + 1 or para.text[end : end + 1] != " ":
                run = []
            run.append(m[0])
            end = m.end()
            for k in range(2, min(len(run), 4) + 1):
                out[" ".join(run[-k:])] += 1
    return out


def accepted_labels(draft: Draft, body: list[Para], hits: list[LabelHit | None]) -> dict[str, str]:
    """Map each label that really marks turns to the label shown (abbreviations resolved)."""
    doc = draft.doc
    counts = Counter(h.label for h in hits if h)
    first: dict[str, LabelHit] = {}
    for h in hits:
        if h and h.label not in first:
            first[h.label] = h
    defined = {h.abbr: h.label for h in hits if h and h.abbr}
    mentions = _name_mentions(draft.paras)
    accepted: dict[str, str] = {}
    definers = set(defined.values())
    for label, count in counts.items():
        upper = label.upper()
        hit = first[label]
        seen = max(count, doc.line_labels[label] + doc.inline_labels[label])
        if (
            upper in ASKING
            or upper in ANSWERING
            or label in ("Q", "A")
            or hit.side is not None
            or hit.shape == "name-role"
        ):
            accepted[label] = label
        elif label in defined:
            accepted[label] = defined[label]
        elif hit.shape == "name-alone-mixed":
            if seen >= 2:
                accepted[label] = label
        elif (
            label in definers
            or seen >= 2
            or (" " in label and mentions[label] > count)
            or (label.isupper() and 2 <= len(label) <= 24 and hit.shape != "name-alone")
        ):
            accepted[label] = label
    # A near-variant of another label (a typo's missing letters, a surname after
    # the full name) is that speaker: the longer spelling is the one shown. Only
    # the most used labels are compared with, so this stays linear.
    frequent = [label for label, _ in counts.most_common(ALIAS_TARGETS) if label in accepted]
    for label, count in counts.items():
        for other in frequent:
            if (
                other != label
                and (len(other), counts[other]) > (len(label), count)
                and same_speaker(label, other)
                and (count == 1 or other.casefold().endswith(" " + label.casefold()))
            ):
                accepted[label] = accepted[other]
                draft.explain(0, "label", f"“{label}:” taken as “{accepted[other]}:” (a variant)")
                break
    for para, maybe in zip(body, hits, strict=True):
        if maybe and maybe.label not in accepted and maybe.rest:
            draft.warn(
                para.line,
                f"“{maybe.label}:” looks like a speaker label but occurs once and names no one "
                "mentioned elsewhere: kept as text",
            )
    return accepted


def askers(
    draft: Draft, speakers: list[str], turns: list[tuple[str, str]], hits: dict[str, LabelHit]
) -> set[str]:
    """Who asks: role words and fixed labels, the publication's initials, else the
    label whose turns most often ask (end in "?", open with a question word)."""
    asking = {s for s in speakers if hits[s].side == "ask"}
    if asking:
        return asking
    pub = initials(draft.meta.publication or "")
    asking = {s for s in speakers if s == pub and len(pub) >= 2}
    if asking or not speakers:
        return asking
    answering = {s for s in speakers if hits[s].side == "answer"}
    candidates = [s for s in speakers if s not in answering] or speakers
    asks: Counter[str] = Counter()
    said: Counter[str] = Counter()
    for s, t in turns:
        said[s] += 1
        asks[s] += ends_in_question(t) or (len(t) <= 400 and bool(_ASKS.search(t)))
    position = {s: i for i, s in enumerate(speakers)}
    return {max(candidates, key=lambda s: (asks[s] / max(said[s], 1), -position[s]))}


_ASKS = re.compile(r"\b(?:what|how|why)\b", re.I)


def answers_only(
    accepted: dict[str, str], hits: list[LabelHit | None], texts: list[str]
) -> str | None:
    """The one speaker label of a text whose questions are bare, else None."""
    shown = {accepted[h.label] for h in hits if h}
    if len(shown) != 1:
        return None
    turns = [(h, t) for h, t in zip(hits, texts, strict=True) if h]
    if any(h.side == "ask" or h.label.upper() in ASKING for h, _ in turns):
        return None
    asks = sum(ends_in_question(t) for _, t in turns)
    bare_asks = sum(
        ends_in_question(t) and len(t) <= 300 for h, t in zip(hits, texts, strict=True) if not h
    )
    return next(iter(shown)) if asks * 2 < len(turns) and bare_asks >= 1 else None
