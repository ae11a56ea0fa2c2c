"""Role scores from a table of weights, and a Viterbi decode over the sequence.

Each body paragraph gets one role:

``intro``       before the first question (a host's introduction, an orphan answer)
``question``    starts a section
``qcont``       more of the same question
``answer``      the first paragraph of an answer (it carries the speaker's label)
``acont``       more of the answer (or an asker's aside inside it)
``subhead``     a heading that is not a question

`WEIGHTS` says how much each piece of evidence (a feature that fires) counts
for each role; `TRANSITIONS` says which role may follow which ("an answer
follows a question", "nothing but the intro comes before the first
question", "a question needs an answer before the text ends"). The decode
(`viterbi.py`) picks the best-scoring sequence as a whole, so one
paragraph's evidence is weighed against its neighbours' instead of the first
matching rule winning. Cost: paragraphs × roles², linear in the text.
"""

from __future__ import annotations

import re

from .features import Features

GREETING = re.compile(
    r"\b(?:welcome|joins? us|joining us|with us|with me|thanks?|thank you|hello|hi|"
    r"good (?:morning|afternoon|evening)|I[’']m|this is|listening to|our guest|my guest)\b",
    re.I,
)
"""A host's greeting or introduction: a turn that says these asks nothing yet."""

ROLES = ("intro", "question", "qcont", "answer", "acont", "subhead")
NO = float("-inf")

WEIGHTS: dict[str, dict[str, float]] = {
    # evidence: {role: weight}; roles not named score 0
    # -- bare questions (no labels in the text)
    "prior: most paragraphs are not questions": {"question": -2.0, "subhead": -2.0},
    "ends in ?": {"question": 2.5, "answer": -1.0, "acont": -1.0},
    "speaks to “you”": {"question": 1.5},
    "asks without “you”": {"question": -1.5},
    "asks without “you” before any question that does": {"question": -2.0},
    "short (≤ 200 chars)": {"question": 0.5},
    "longer than a question (> 200 chars)": {"question": -3.0},
    "long (> 400 chars)": {"question": -3.0, "acont": 0.5},
    "opens with a question word": {"question": 0.7},
    "a prompt (“Tell us…”, “Describe…”)": {"question": 2.5},
    "numbered, in a numbered list of questions": {"question": 4.0},
    "a topic lead (“On the budget”), one of several": {"question": 5.0},
    "quoted (an answer's opening quote mark)": {"question": -2.0, "answer": 1.0},
    "the next paragraph is quoted": {"question": 1.0},
    "a short line before a quoted answer, one of several": {"question": 2.5},
    "the next paragraph is longer": {"question": 0.5},
    "in the first person": {"question": -1.0},
    "opens on a conjunction (an aside)": {"question": -2.0},
    "no question cue at all": {"question": -6.0},
    "the next paragraph also ends in ?": {"question": -1.5},
    "speaks to the reader (“Have you ever wondered…”)": {"question": -4.0},
    "subhead shape (short, no end punctuation)": {"subhead": 4.0, "question": -1.0},
    "the interviewee's label (only answers are labelled)": {"question": -8.0, "answer": 1.0},
    "the interviewee's labelled turn comes next": {"question": 4.0},
    "the text gives no sign of being an interview": {"question": -30.0, "subhead": -1.0},
    # -- labelled turns
    "the asker's label": {
        "question": 3.0,
        "intro": 1.0,
        "qcont": -1.0,
        "acont": -1.0,
        "answer": NO,
        "subhead": NO,
    },
    "the asker's turn asks nothing": {"question": -5.0},
    "a short statement put to the answerer (a longer answer follows)": {"question": 3.5},
    "the asker's turn asks something": {"intro": -2.0},
    "the answerer's label": {
        "answer": 3.0,
        "acont": 1.0,
        "intro": 3.0,
        "question": NO,
        "qcont": NO,
        "subhead": NO,
    },
    "the asker goes on (no label)": {
        "qcont": 1.0,
        "intro": 1.0,
        "acont": -2.0,
        "answer": -1.0,
        "question": NO,
        "subhead": NO,
    },
    "the answerer goes on (no label)": {
        "acont": 2.0,
        "intro": 2.0,
        "question": NO,
        "qcont": NO,
        "subhead": NO,
    },
    "before any label": {
        "intro": 1.0,
        "question": NO,
        "qcont": NO,
        "answer": NO,
        "acont": NO,
        "subhead": NO,
    },
}

TRANSITIONS: dict[str, dict[str, float]] = {
    # previous role: {next role: weight}; pairs not named are impossible
    "start": {"intro": 0.0, "question": 0.0, "subhead": 0.0},
    "intro": {"intro": 0.0, "question": 0.0, "subhead": 0.0},
    "question": {"answer": 0.0, "qcont": 0.0},
    "qcont": {"answer": 0.0, "qcont": 0.0},
    "answer": {"acont": 0.0, "answer": 0.0, "question": 0.0, "subhead": 0.0},
    "acont": {"acont": 0.0, "answer": 0.0, "question": 0.0, "subhead": 0.0},
    "subhead": {"acont": 0.0},
}
BARE_TRANSITIONS = {
    "question": {"answer": 0.0},
    "answer": {"acont": 0.0, "question": 0.0, "subhead": 0.0},
    "acont": {"acont": 0.0, "question": 0.0, "subhead": 0.0},
}
"""Without labels an answer is one speaker's (no new answer turn after an answer),
and a question is one paragraph."""
END = {"intro": 0.0, "answer": 0.0, "acont": 0.0}
"""Roles the text may end on: a question or subhead needs something under it."""


def evidence(f: Features, labelled: bool, interview: bool) -> list[str]:
    """The names of the `WEIGHTS` rows that fire for one paragraph."""
    return _labelled_evidence(f) if labelled else _bare_evidence(f, interview)


def _labelled_evidence(f: Features) -> list[str]:
    """In a labelled text the label says who speaks: the rows are about turns."""
    out: list[str] = []
    if f.side is None:
        return ["before any label"]
    if f.label is not None and f.side == "ask":
        out.append("the asker's label")
        if f.ends_q or f.prompt or f.number or (f.chars <= 400 and (f.wh_any or f.wh_open)):
            out.append("the asker's turn asks something")
        else:
            out.append("the asker's turn asks nothing")
            if f.chars <= 250 and f.next_longer and not GREETING.search(f.text[:300]):
                out.append("a short statement put to the answerer (a longer answer follows)")
    elif f.label is not None:
        out.append("the answerer's label")
    elif f.side == "ask":
        out.append("the asker goes on (no label)")
    else:
        out.append("the answerer goes on (no label)")
    return out


def _bare_evidence(f: Features, interview: bool) -> list[str]:
    """In a bare text each paragraph's shape is the evidence: one test a row of `WEIGHTS`."""
    out: list[str] = []
    out.append("prior: most paragraphs are not questions")
    if not interview:
        out.append("the text gives no sign of being an interview")
    if f.ends_q:
        out.append("ends in ?")
        if not f.you:
            out.append("asks without “you”")
            if not f.after_you and not (f.number or f.topic):
                out.append("asks without “you” before any question that does")
    if f.you and (f.ends_q or f.prompt):
        out.append("speaks to “you”")
    if f.chars <= 200:
        out.append("short (≤ 200 chars)")
    elif not (f.number or f.topic):
        out.append("longer than a question (> 200 chars)")
    if f.chars > 400:
        out.append("long (> 400 chars)")
    if f.wh_open and not f.opens_on:
        out.append("opens with a question word")
    if f.prompt:
        out.append("a prompt (“Tell us…”, “Describe…”)")
    if f.number:
        out.append("numbered, in a numbered list of questions")
    if f.topic:
        out.append("a topic lead (“On the budget”), one of several")
    if f.quoted:
        out.append("quoted (an answer's opening quote mark)")
    if f.next_quoted and not f.quoted:
        out.append("the next paragraph is quoted")
    if f.before_quote:
        out.append("a short line before a quoted answer, one of several")
    if f.next_longer:
        out.append("the next paragraph is longer")
    if f.first_person:
        out.append("in the first person")
    if f.opens_on:
        out.append("opens on a conjunction (an aside)")
    if not f.cue():
        out.append("no question cue at all")
    if f.rhetorical:
        out.append("speaks to the reader (“Have you ever wondered…”)")
    if f.next_ends_q and f.ends_q:
        out.append("the next paragraph also ends in ?")
    if f.answer_turn:
        out.append("the interviewee's label (only answers are labelled)")
    if f.next_answer_turn and not f.answer_turn:
        out.append("the interviewee's labelled turn comes next")
    if f.subhead and not f.cue():
        out.append("subhead shape (short, no end punctuation)")
    return out
