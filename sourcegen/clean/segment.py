"""Split the body into an intro and question sections, and name the speakers.

Two shapes: labelled turns (``Q:``/``A:``, ``ISSUE:``/``SOLUTION:``, names,
initials, the publication) and bare questions (a short paragraph that ends in
a question mark and speaks to "you"). A paragraph that ends in "?" without
addressing anyone is reported, not turned into a question: the importer never
invents a question an editor would have to notice and remove.
"""

from __future__ import annotations

import re
from collections import Counter

from ..anchors import slugify as slugify  # re-exported: clean/__init__.py names the folder
from ..anchors import unique as _unique
from ..model import Block, BlockKind, Section, Speaker
from .draft import Draft, Para
from .labels import ANSWERING, ASKING, split_label

SECOND_PERSON = re.compile(
    r"\b(you|your|yours|yourself|you[’']re|you[’']ve|you[’']d|you[’']ll)\b", re.I
)
SPOKE_WITH = re.compile(
    r"\b(?:spoke|speaks|talked|talks|chatted|chats|sat down|caught up|met)\s+with\s+"
    r"(?:(?P<org>[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,3})[’']s\s+)?"
    r"(?:[a-z]+\s+){0,4}?"
    r"(?P<name>[A-Z][\w.-]+(?:\s[A-Z][\w.-]+){1,3})"
)
SUBJECT_RE = re.compile(
    r"^(?P<who>[A-Z][\w&.]*(?:\s[A-Z][\w&.]*){0,3})\s+(?:spoke|talked|chatted|sat down|caught up)\b"
)
MAX_QUESTION = 400


def _block(para: Para, speaker: str | None = None, text: str | None = None) -> Block:
    kind: BlockKind = "pullquote" if para.role == "pullquote" else "p"
    # A pull quote is decoration: the turn's label goes on the first real paragraph.
    return Block(
        text if text is not None else para.text,
        para.line,
        kind,
        None if kind == "pullquote" else speaker,
    )


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'-]*", name) if w[0].isupper())


def _accepted_labels(draft: Draft, body: list[Para]) -> dict[str, str]:
    """Map each label that really marks turns to the label shown (abbreviations resolved)."""
    hits = [(p, split_label(p.text)) for p in body]
    counts = Counter(h[0] for _, h in hits if h)
    defined = {h[1]: h[0] for _, h in hits if h and h[1]}
    text = " ".join(p.text for p in draft.paras)
    accepted: dict[str, str] = {}
    definers = set(defined.values())
    for label, count in counts.items():
        upper = label.upper()
        if upper in ASKING or upper in ANSWERING or label in ("Q", "A"):
            accepted[label] = label
        elif label in defined:
            accepted[label] = defined[label]
        elif (
            label in definers
            or count >= 2
            or (" " in label and text.count(label) > count)
            or (label.isupper() and 2 <= len(label) <= 6)
        ):
            accepted[label] = label
    for para, hit in hits:
        if hit and hit[0] not in accepted:
            draft.warn(
                para.line,
                f"“{hit[0]}:” looks like a speaker label but occurs once and names no one "
                "mentioned elsewhere: kept as text",
            )
    return accepted


def _labelled(draft: Draft, body: list[Para], accepted: dict[str, str]) -> None:
    meta = draft.meta
    turns: list[tuple[str, Para, str]] = []  # (speaker, para, text without label)
    current: str | None = None
    for para in body:
        hit = split_label(para.text) if para.role == "body" else None
        if hit and hit[0] in accepted:
            current = accepted[hit[0]]
            turns.append((current, para, hit[2]))
        elif current is None:
            draft.intro.append(_block(para))
        else:
            turns.append((current, para, para.text))
    # Who asks: fixed asking labels, the publication's initials, else the label
    # whose turns most often end in a question mark.
    speakers = list(dict.fromkeys(s for s, _, _ in turns))
    asking = {s for s in speakers if s.upper() in ASKING}
    if not asking:
        pub = _initials(meta.publication or "")
        asking = {s for s in speakers if s == pub and len(pub) >= 2}
    if not asking and speakers:

        def ratio(s: str) -> float:
            starts = [t for sp, p, t in turns if sp == s and split_label(p.text)]
            return sum(t.rstrip('”" ').endswith("?") for t in starts) / max(len(starts), 1)

        best = max(speakers, key=lambda s: (ratio(s), -speakers.index(s)))
        asking = {best}
    for s in speakers:
        role = "interviewer" if s in asking else "interviewee"
        shown = ASKING.get(s.upper()) or ANSWERING.get(s.upper()) or s
        name = {
            "Q": "Interviewer",
            "Issue": "Issue",
            "A": "Interviewee",
            "Solution": "Solution",
        }.get(shown, shown)
        meta.speakers.append(Speaker(label=shown, name=name, role=role))  # type: ignore[arg-type]
    if any(s.upper() in ("Q", "A", "QUESTION", "ANSWER") for s in speakers):
        draft.warn(
            None, "turns are labelled Q/A: put the real names in `speakers:` in interview.md"
        )
    shown_of = {s: (ASKING.get(s.upper()) or ANSWERING.get(s.upper()) or s) for s in speakers}
    taken: set[str] = set()
    section: Section | None = None
    previous: str | None = None
    for speaker, para, text in turns:
        if para.role == "pullquote":  # decoration: neither a turn nor part of a question
            (section.blocks if section else draft.intro).append(_block(para))
            continue
        shown = shown_of[speaker]
        starts_turn = speaker != previous or split_label(para.text) is not None
        if speaker in asking and starts_turn:
            section = Section(
                heading=text,
                line=para.line,
                anchor=_unique(slugify(text), taken),
                asker=shown if len(asking) > 1 else None,
            )
            draft.sections.append(section)
        elif speaker in asking and section is not None and not section.blocks:
            section.heading = f"{section.heading} {text}"
        elif section is None:
            draft.intro.append(_block(para, shown if starts_turn else None, text))
            draft.warn(para.line, f"answer by {shown} before any question: kept in the intro")
        else:
            section.blocks.append(_block(para, shown if starts_turn else None, text))
        previous = speaker


FIRST_PERSON = re.compile(r"\b(I|I[’']m|I[’']ve|we|we[’']re|we[’']ve|our|ours|us|my|me)\b", re.I)
OPENS_ON = re.compile(r"^(So|But|And|Or|Yet|Well|Now)\b")


def _ends_in_question(para: Para) -> bool:
    return (
        para.role == "body"
        and para.text.rstrip('”"’ ').endswith("?")
        and len(para.text) <= MAX_QUESTION
    )


def _question_kind(para: Para, prev: Para | None, nxt: Para | None, seen: bool) -> str | None:
    """``strong``, ``weak`` or None: how sure we are this is the interviewer's question.

    Strong: it speaks to the interviewee ("you"). Weak, accepted only once a
    strong question has shown the article is a bare Q&A: short, in nobody's
    first person, not opening on a conjunction as a rhetorical aside does, and
    between two paragraphs that are not questions themselves.
    """
    if not _ends_in_question(para):
        return None
    if SECOND_PERSON.search(para.text):
        return "strong"
    if (
        seen
        and len(para.text) <= 200
        and not FIRST_PERSON.search(para.text)
        and not OPENS_ON.match(para.text)
        and prev is not None
        and not _ends_in_question(prev)
        and nxt is not None
        and not _ends_in_question(nxt)
    ):
        return "weak"
    return None


def _is_subhead(para: Para, nxt: Para | None) -> bool:
    return (
        para.role == "body"
        and len(para.text) <= 80
        and len(para.text.split()) <= 12
        and not re.search(r"[.?!:;,”\"]$", para.text)
        and nxt is not None
        and len(nxt.text) > len(para.text)
    )


def _bare(draft: Draft, body: list[Para]) -> None:
    meta = draft.meta
    interviewee = None
    for text in filter(None, [meta.dek, meta.title, *(p.text for p in body[:3])]):
        if m := SPOKE_WITH.search(text):
            interviewee = Speaker(
                label=m["name"], name=m["name"], role="interviewee", affiliation=m["org"]
            )
            who = SUBJECT_RE.match(text)
            if who and who["who"] != m["name"]:
                pub = meta.publication or who["who"]
                meta.speakers.append(Speaker(label=who["who"], name=pub, role="interviewer"))
            break
    if not any(s.role == "interviewer" for s in meta.speakers):
        label = _initials(meta.publication) if meta.publication else "Interviewer"
        meta.speakers.append(
            Speaker(
                label=label or "Interviewer",
                name=meta.publication or "Interviewer",
                role="interviewer",
            )
        )
    if interviewee is None:
        interviewee = Speaker(label="Interviewee", name="Interviewee", role="interviewee")
        draft.warn(
            None, "could not tell who is interviewed: set the name in `speakers:` in interview.md"
        )
    meta.speakers.append(interviewee)
    taken: set[str] = set()
    section: Section | None = None
    seen = False
    for i, para in enumerate(body):
        prev = body[i - 1] if i else None
        nxt = body[i + 1] if i + 1 < len(body) else None
        if kind := _question_kind(para, prev, nxt, seen):
            seen = True
            section = Section(para.text, para.line, _unique(slugify(para.text), taken))
            draft.sections.append(section)
            if kind == "weak":
                draft.warn(
                    para.line,
                    "made a question although it does not address the interviewee: check it",
                )
        elif _is_subhead(para, nxt) and (section is None or section.blocks):
            section = Section(
                para.text, para.line, _unique(slugify(para.text), taken), is_question=False
            )
            draft.sections.append(section)
        else:
            if _ends_in_question(para):
                draft.warn(
                    para.line,
                    "paragraph ends in “?” but reads as rhetorical: kept as text, not made a question",
                )
            if section is None:
                draft.intro.append(_block(para))
            else:
                opens_turn = section.is_question and not any(b.kind == "p" for b in section.blocks)
                speaker = interviewee.label if opens_turn else None
                section.blocks.append(_block(para, speaker))
    if not draft.sections:
        draft.warn(
            None, "no questions or speaker labels found: the whole text is kept as the intro"
        )


def apply(draft: Draft) -> None:
    body = draft.body()
    if body and re.search(r"\w$", body[-1].text) and len(body[-1].text) > 80:
        draft.warn(
            body[-1].end_line,
            "the text seems cut off at the end (last paragraph ends mid-sentence)",
        )
    accepted = _accepted_labels(draft, body)
    if accepted:
        _labelled(draft, body, accepted)
    else:
        _bare(draft, body)
    for section in draft.sections:
        if not section.blocks:
            draft.warn(
                section.line,
                "this question has no answer after it: kept; `sourcegen check` will report it",
            )
