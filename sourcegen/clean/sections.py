"""Build the intro and the sections from each paragraph's decided role, and
name the speakers: labelled turns (`build_labelled`) or bare questions
(`build_bare`)."""

from __future__ import annotations

import re

from ..anchors import slugify
from ..anchors import unique as _unique
from ..model import Block, BlockKind, Section, Speaker
from .draft import Draft, Para
from .features import Features
from .is_interview import interview_cue
from .labels import ANSWERING, ASKING, same_speaker
from .turns import initials

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
PRONOUNS = frozenset({"I", "We", "He", "She", "They", "You", "It"})


def _block(para: Para, speaker: str | None = None, text: str | None = None) -> Block:
    kind: BlockKind = "pullquote" if para.role == "pullquote" else "p"
    # A pull quote is decoration: the turn's label goes on the first real paragraph.
    return Block(
        text if text is not None else para.text,
        para.line,
        kind,
        None if kind == "pullquote" else speaker,
    )


ANSWERER = "Interviewee"
"""The speaker of unlabelled answers when only the questions carry labels."""


def _shown(label: str) -> str:
    return ASKING.get(label.upper()) or ANSWERING.get(label.upper()) or label


def build_labelled(
    draft: Draft,
    paras: list[Para],
    feats: list[Features],
    roles: list[str],
    speaker_of: list[str | None],
    asking: set[str],
    speakers: list[str],
) -> None:
    meta = draft.meta
    for s in speakers:
        role = "interviewer" if s in asking else "interviewee"
        label = _shown(s)
        name = {
            "Q": "Interviewer",
            "Issue": "Issue",
            "A": "Interviewee",
            "Solution": "Solution",
        }.get(label, label)
        meta.speakers.append(Speaker(label=label, name=name, role=role))  # type: ignore[arg-type]
    if any(s.upper() in ("Q", "A", "QUESTION", "ANSWER") for s in speakers):
        draft.warn(
            None, "turns are labelled Q/A: put the real names in `speakers:` in interview.md"
        )
    taken: dict[str, int] = {}
    more: dict[int, list[str]] = {}
    section: Section | None = None
    for para, f, role, speaker in zip(paras, feats, roles, speaker_of, strict=True):
        if role == "pullquote":  # decoration: neither a turn nor part of a question
            (section.blocks if section else draft.intro).append(_block(para))
            continue
        shown: str | None = _shown(speaker) if speaker else None
        starts_turn = f.label is not None or (role == "answer" and speaker == ANSWERER)
        text = f.text
        if role == "question":
            section = Section(
                heading=text,
                line=para.line,
                anchor=_unique(slugify(text), taken),
                asker=shown if len(asking) > 1 else None,
            )
            draft.sections.append(section)
        elif role == "qcont" and section is not None and not section.blocks:
            more.setdefault(len(draft.sections) - 1, []).append(text)
        elif section is None or role == "intro":
            draft.intro.append(_block(para, shown if starts_turn else None, text))
            if starts_turn and speaker not in asking:
                draft.warn(para.line, f"answer by {shown} before any question: kept in the intro")
        else:
            section.blocks.append(_block(para, shown if starts_turn else None, text))
            if role == "acont" and starts_turn and speaker in asking:
                draft.warn(
                    para.line,
                    f"{shown}'s turn has no answer after it (cut off?): kept as text, not a question",
                )
    _join_headings(draft, more)


def _join_headings(draft: Draft, more: dict[int, list[str]]) -> None:
    """A question over several paragraphs: its parts, joined once (linear)."""
    for index, parts in more.items():
        section = draft.sections[index]
        section.heading = " ".join([section.heading, *parts])


def build_bare(
    draft: Draft,
    paras: list[Para],
    feats: list[Features],
    roles: list[str],
    answer_label: str | None = None,
) -> None:
    """Sections of a text whose questions carry no label (a bold line, a "?")."""
    body = [p for p, r in zip(paras, roles, strict=True) if r != "pullquote"]
    interviewee = _bare_speakers(draft, body, answer_label)
    _subheads_as_questions(draft, paras, feats, roles)
    taken: dict[str, int] = {}
    more: dict[int, list[str]] = {}
    section: Section | None = None
    answered: Section | None = None
    for para, f, role in zip(paras, feats, roles, strict=True):
        text = f.text
        if role == "question":
            section = Section(text, para.line, _unique(slugify(text), taken))
            draft.sections.append(section)
            if not f.you and not (f.number or f.topic or f.prompt):
                draft.warn(
                    para.line,
                    "made a question although it does not address the interviewee: check it",
                )
            continue
        if role == "qcont" and section is not None and not section.blocks:
            more.setdefault(len(draft.sections) - 1, []).append(text)
            continue
        if role == "subhead":
            section = Section(text, para.line, _unique(slugify(text), taken), is_question=False)
            draft.sections.append(section)
            continue
        if role != "pullquote" and f.ends_q and f.chars <= MAX_QUESTION:
            last = section is not None and section.is_question and para is paras[-1]
            _warn_unasked(draft, para, last and role == "acont")
        if section is None:
            draft.intro.append(_block(para))
        else:
            opens_turn = section.is_question and section is not answered
            speaker = interviewee.label if opens_turn and role != "pullquote" else None
            section.blocks.append(_block(para, speaker, text))
            if role != "pullquote":
                answered = section
    _join_headings(draft, more)
    if not draft.sections:
        draft.warn(
            None, "no questions or speaker labels found: the whole text is kept as the intro"
        )


def _subheads_as_questions(
    draft: Draft, paras: list[Para], feats: list[Features], roles: list[str]
) -> None:
    """Subheads standing in for questions, in an interview with none: each over an
    answer in the first person (``roles`` changed in place)."""
    questions = sum(r == "question" for r in roles)
    subheads = [i for i, r in enumerate(roles) if r == "subhead"]
    if questions or len(subheads) < 2 or not interview_cue(draft, feats):
        return
    firsts = sum(feats[i + 1].first_person for i in subheads if i + 1 < len(feats))
    if firsts * 2 <= len(subheads):
        return
    for i in subheads:
        roles[i] = "question"
        draft.explain(paras[i].line, "question", "a subhead over a first-person answer")
        if i + 1 < len(roles) and roles[i + 1] == "acont":
            roles[i + 1] = "answer"


def _warn_unasked(draft: Draft, para: Para, last_unanswered: bool) -> None:
    """A short paragraph ending in "?" that was not made a question: say why."""
    if last_unanswered:
        draft.warn(
            para.line, "the last question has no answer in the text (cut off?): kept as text"
        )
    else:
        draft.warn(
            para.line,
            "paragraph ends in “?” but reads as rhetorical: kept as text, not made a question",
        )


def _bare_speakers(draft: Draft, body: list[Para], answers: str | None = None) -> Speaker:
    """The interviewer and interviewee of a bare Q&A; ``answers``: the answers' own label."""
    meta = draft.meta
    interviewee = None
    for text in filter(None, [meta.dek, meta.title, *(p.text for p in body[:3])]):
        if m := SPOKE_WITH.search(text):
            name = m["name"].rstrip(".")
            interviewee = Speaker(label=name, name=name, role="interviewee", affiliation=m["org"])
            who = SUBJECT_RE.match(text)
            if who and who["who"] != name and who["who"] not in PRONOUNS:
                pub = meta.publication or who["who"]
                meta.speakers.append(Speaker(label=who["who"], name=pub, role="interviewer"))
            break
    if not any(s.role == "interviewer" for s in meta.speakers):
        label = initials(meta.publication) if meta.publication else "Interviewer"
        meta.speakers.append(
            Speaker(
                label=label or "Interviewer",
                name=meta.publication or "Interviewer",
                role="interviewer",
            )
        )
    if answers is not None:
        name = (
            interviewee.name if interviewee and same_speaker(answers, interviewee.name) else answers
        )
        affiliation = interviewee.affiliation if interviewee else None
        interviewee = Speaker(label=answers, name=name, role="interviewee", affiliation=affiliation)
    if interviewee is None:
        interviewee = Speaker(label="Interviewee", name="Interviewee", role="interviewee")
        draft.warn(
            None, "could not tell who is interviewed: set the name in `speakers:` in interview.md"
        )
    meta.speakers.append(interviewee)
    return interviewee
