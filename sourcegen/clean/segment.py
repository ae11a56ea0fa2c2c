"""Split the body into an intro and question sections, and name the speakers.

The labels the document really uses are accepted first (counted over the
whole text: the document pass's line-start counts, inline labels, labels
defined at first use, near-variants such as a typo or a surname). Then every
paragraph gets a feature record (`features`) and the role decoder (`roles`)
picks intro / question / answer / subhead for the whole sequence at once.
Two shapes share that decoder: labelled turns (``Q:``/``A:``, names, initials,
the publication, ``NAME, HOST:``) and bare questions. The importer never
invents a question: in a text with no sign of being an interview the decoder
gives questions no chance, and a paragraph that ends in "?" but is not chosen
as a question is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..anchors import slugify as slugify  # re-exported: clean/__init__.py names the folder
from .draft import Draft, Para
from .features import Features, records, topic_leads
from .is_interview import interview_evidence
from .labels import LabelHit, match_label
from .sections import ANSWERER, build_bare, build_labelled
from .turns import accepted_labels, answers_only, askers, split_inline
from .viterbi import decode


def apply(draft: Draft) -> None:
    """The segment rule: turns found, a role decided for every paragraph, sections built."""
    body = draft.body()
    _warn_cut_off(draft, body)
    body = split_inline(draft, body)
    raw_hits = [match_label(p.text) if p.role == "body" else None for p in body]
    accepted = accepted_labels(draft, body, raw_hits)
    paras, hits = _carry_alone_labels(draft, body, raw_hits, accepted)
    labelled = sum(h is not None for h in hits) >= 2
    if not labelled:  # one label-like line is not a transcript: read the text as bare
        hits = [None] * len(hits)
    texts = [h.rest if h else p.text for p, h in zip(paras, hits, strict=True)]
    answer_label = answers_only(accepted, hits, texts) if labelled else None
    answer_turns: list[bool] = []
    if answer_label is not None:
        # Only the answers carry a label (``SMITH: The job.``): the questions are
        # bare, so the text is read as bare questions with a named interviewee.
        labelled = False
        draft.explain(0, "label", f"only the answers are labelled ({answer_label}:)")
        answer_turns = [h is not None for h in hits]
        hits = [None] * len(hits)
    who = _speaking(draft, accepted, hits, texts) if labelled else _Speaking.nobody(len(paras))
    numbered = draft.doc.numbered >= 2
    feats = records(paras, texts, hits, who.sides, numbered, topic_leads(texts) >= 2)
    if answer_label is not None:
        _mark_answer_turns(feats, answer_turns)
    roles = _decide_roles(draft, paras, feats, labelled)
    if labelled:
        build_labelled(draft, paras, feats, roles, who.speaker_of, who.asking, who.order)
    else:
        build_bare(draft, paras, feats, roles, answer_label)
    for section in draft.sections:
        if not section.blocks:  # the decoder does not allow it; kept as a safety net
            draft.warn(
                section.line,
                "this question has no answer after it: kept; `sourcegen check` will report it",
            )


def _warn_cut_off(draft: Draft, body: list[Para]) -> None:
    """A long last paragraph that ends mid-sentence: the scrape may have lost the end."""
    if body and re.search(r"\w$", body[-1].text) and len(body[-1].text) > 80:
        draft.warn(
            body[-1].end_line,
            "the text seems cut off at the end (last paragraph ends mid-sentence)",
        )


def _carry_alone_labels(
    draft: Draft, body: list[Para], raw_hits: list[LabelHit | None], accepted: dict[str, str]
) -> tuple[list[Para], list[LabelHit | None]]:
    """Paragraphs with their accepted labels: a label alone on its line
    (``TERRY GROSS, HOST:``) starts the next paragraph's turn."""
    paras: list[Para] = []
    hits: list[LabelHit | None] = []
    pending: LabelHit | None = None
    for para, hit in zip(body, raw_hits, strict=True):
        if hit is not None and hit.label not in accepted:
            hit = None
        if hit is not None and not hit.rest:
            if pending is not None:
                paras.append(Para(f"{pending.label}:", para.line, para.line, "", "body"))
                hits.append(None)
            pending = hit
            draft.explain(
                para.line, "label", f"“{hit.label}” alone on its line: starts the next turn"
            )
            continue
        if pending is not None:
            if hit is None and para.role == "body":
                hit = LabelHit(pending.label, pending.abbr, para.text, pending.shape, pending.side)
            pending = None
        paras.append(para)
        hits.append(hit)
    return paras, hits


@dataclass(slots=True)
class _Speaking:
    """Who speaks each paragraph of a labelled text, and on which side."""

    speaker_of: list[str | None]
    """Each paragraph's speaker (as shown), None before the first turn."""
    sides: list[str | None]
    """``ask``, ``answer`` or None, paragraph by paragraph."""
    asking: set[str] = field(default_factory=set)
    order: list[str] = field(default_factory=list)
    """The speakers in order of first turn."""

    @classmethod
    def nobody(cls, n: int) -> _Speaking:
        return cls([None] * n, [None] * n)


def _speaking(
    draft: Draft, accepted: dict[str, str], hits: list[LabelHit | None], texts: list[str]
) -> _Speaking:
    """Each paragraph's speaker in a labelled text: a turn runs until the next label."""
    order = list(dict.fromkeys(accepted[h.label] for h in hits if h))
    first_hit: dict[str, LabelHit] = {}
    for h in hits:
        if h and accepted[h.label] not in first_hit:
            first_hit[accepted[h.label]] = h
    turns = [(accepted[h.label], t) for h, t in zip(hits, texts, strict=True) if h]
    asking = askers(draft, order, turns, first_hit)
    # Only the questions labelled (``Q1.`` then the answer bare): the
    # paragraph after a question is the interviewee's.
    answerer = None if any(s not in asking for s in order) else ANSWERER
    who = _Speaking([], [], asking, order)
    current: str | None = None
    for i, h in enumerate(hits):
        if h:
            current = accepted[h.label]
        elif answerer and current in asking and hits[i - 1] is not None:
            current = answerer
        who.speaker_of.append(current)
        who.sides.append(None if current is None else ("ask" if current in asking else "answer"))
    if answerer and answerer in who.speaker_of:
        order.append(answerer)
    return who


def _mark_answer_turns(feats: list[Features], answer_turns: list[bool]) -> None:
    """Where only the answers are labelled, which paragraphs open (and precede) one."""
    for i, f in enumerate(feats):
        f.answer_turn = answer_turns[i]
        f.next_answer_turn = i + 1 < len(answer_turns) and answer_turns[i + 1]


def _decide_roles(
    draft: Draft, paras: list[Para], feats: list[Features], labelled: bool
) -> list[str]:
    """Every paragraph's role, decoded over the whole text at once (pull quotes aside)."""
    decodable = [i for i, p in enumerate(paras) if p.role != "pullquote"]
    shown = [feats[i] for i in decodable]
    interview = labelled or interview_evidence(draft, shown)
    decisions = decode(shown, labelled, interview)
    roles: list[str] = ["pullquote"] * len(paras)
    for i, d in zip(decodable, decisions, strict=True):
        roles[i] = d.role
        draft.explain(paras[i].line, d.role, d.strongest())
    return roles
