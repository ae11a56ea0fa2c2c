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
from collections import Counter

from ..anchors import slugify as slugify  # re-exported: clean/__init__.py names the folder
from ..anchors import unique as _unique
from ..model import Block, BlockKind, Section, Speaker
from .draft import Draft, Para
from .features import TOPIC_INLINE, Features, ends_in_question, records, topic_leads
from .labels import ANSWERING, ASKING, INLINE_LABEL, LabelHit, match_label, same_speaker
from .roles import decode

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


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'-]*", name) if w[0].isupper())


INTERVIEW_CUE = re.compile(
    r"\b(?:interview(?:s|ed)?|Q\s?&\s?A|Q and A|spoke (?:with|to)|talk(?:s|ed)? (?:with|to)|"
    r"sat down with|caught up with|chat(?:s|ted)? with|conversation with|in conversation|"
    r"as told to|in (?:his|her|their) own words|"
    r"(?:a few|some|these|our|five|ten|\d+) questions)\b",
    re.I,
)


def _split_inline(draft: Draft, body: list[Para]) -> list[Para]:
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


def _accepted_labels(draft: Draft, body: list[Para], hits: list[LabelHit | None]) -> dict[str, str]:
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


def _askers(
    draft: Draft, speakers: list[str], turns: list[tuple[str, str]], hits: dict[str, LabelHit]
) -> set[str]:
    """Who asks: role words and fixed labels, the publication's initials, else the
    label whose turns most often ask (end in "?", open with a question word)."""
    asking = {s for s in speakers if hits[s].side == "ask"}
    if asking:
        return asking
    pub = _initials(draft.meta.publication or "")
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


def _interview_evidence(draft: Draft, feats: list[Features]) -> bool:
    """Does the text show it is an interview (so bare questions may be made)?"""
    strong = sum(
        1
        for f in feats
        if (f.ends_q or f.prompt)
        and f.you
        and f.chars <= 300
        and not f.next_ends_q
        and not f.rhetorical
    )
    if any(f.number for f in feats) or any(f.topic for f in feats) or strong >= 2:
        return True
    if not _interview_cue(draft, feats):
        return False
    if strong >= 1:
        return True
    # A Q&A that never says "you" ("Why did the team choose…?"): said to be an
    # interview, with at least two short questions each followed by a longer answer.
    asked = sum(
        1 for f in feats if f.ends_q and f.chars <= 200 and f.next_longer and not f.next_ends_q
    )
    if asked >= 2:
        for f in feats:
            f.after_you = True  # no question says "you" here: that is not held against them
        return True
    return False


def _interview_cue(draft: Draft, feats: list[Features]) -> bool:
    """The title, dek or opening says it is an interview (``spoke with``, ``Q&A``…)."""
    meta = draft.meta
    heads = [meta.title or "", meta.dek or "", *(f.text[:300] for f in feats[:8])]
    return any(INTERVIEW_CUE.search(h) for h in heads)


def apply(draft: Draft) -> None:
    body = draft.body()
    if body and re.search(r"\w$", body[-1].text) and len(body[-1].text) > 80:
        draft.warn(
            body[-1].end_line,
            "the text seems cut off at the end (last paragraph ends mid-sentence)",
        )
    body = _split_inline(draft, body)
    raw_hits = [match_label(p.text) if p.role == "body" else None for p in body]
    accepted = _accepted_labels(draft, body, raw_hits)
    # A label alone on its line (``TERRY GROSS, HOST:``) starts the next paragraph's turn.
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
    labelled = sum(h is not None for h in hits) >= 2
    if not labelled:  # one label-like line is not a transcript: read the text as bare
        hits = [None] * len(hits)
    texts = [h.rest if h else p.text for p, h in zip(paras, hits, strict=True)]
    answer_label = _answers_only(accepted, hits, texts) if labelled else None
    if answer_label is not None:
        # Only the answers carry a label (``SMITH: The job.``): the questions are
        # bare, so the text is read as bare questions with a named interviewee.
        labelled = False
        draft.explain(0, "label", f"only the answers are labelled ({answer_label}:)")
        answer_turns = [h is not None for h in hits]
        hits = [None] * len(hits)
    numbered = draft.doc.numbered >= 2
    topics = topic_leads(texts) >= 2
    if labelled:
        shown_of = {label: accepted[label] for label in accepted}
        order = list(dict.fromkeys(shown_of[h.label] for h in hits if h))
        first_hit = {}
        for h in hits:
            if h and shown_of[h.label] not in first_hit:
                first_hit[shown_of[h.label]] = h
        turns = [(shown_of[h.label], t) for h, t in zip(hits, texts, strict=True) if h]
        asking = _askers(draft, order, turns, first_hit)
        # Only the questions labelled (``Q1.`` then the answer bare): the
        # paragraph after a question is the interviewee's.
        answerer = None if any(s not in asking for s in order) else _ANSWERER
        sides: list[str | None] = []
        current: str | None = None
        speaker_of: list[str | None] = []
        for i, h in enumerate(hits):
            if h:
                current = shown_of[h.label]
            elif answerer and current in asking and hits[i - 1] is not None:
                current = answerer
            speaker_of.append(current)
            sides.append(None if current is None else ("ask" if current in asking else "answer"))
        if answerer and answerer in speaker_of:
            order.append(answerer)
    else:
        sides = [None] * len(paras)
        speaker_of = [None] * len(paras)
        asking, order = set(), []
    decodable = [i for i, p in enumerate(paras) if p.role != "pullquote"]
    feats_all = records(paras, texts, hits, sides, numbered, topics)
    if answer_label is not None:
        for i, f in enumerate(feats_all):
            f.answer_turn = answer_turns[i]
            f.next_answer_turn = i + 1 < len(answer_turns) and answer_turns[i + 1]
    feats = [feats_all[i] for i in decodable]
    interview = labelled or _interview_evidence(draft, feats)
    decisions = decode(feats, labelled, interview)
    roles: list[str] = ["pullquote"] * len(paras)
    for i, d in zip(decodable, decisions, strict=True):
        roles[i] = d.role
        draft.explain(paras[i].line, d.role, d.strongest())
    if labelled:
        _build_labelled(draft, paras, feats_all, roles, speaker_of, asking, order)
    else:
        _build_bare(draft, paras, feats_all, roles, answer_label)
    for section in draft.sections:
        if not section.blocks:  # the decoder does not allow it; kept as a safety net
            draft.warn(
                section.line,
                "this question has no answer after it: kept; `sourcegen check` will report it",
            )


_ANSWERER = "Interviewee"
"""The speaker of unlabelled answers when only the questions carry labels."""


def _shown(label: str) -> str:
    return ASKING.get(label.upper()) or ANSWERING.get(label.upper()) or label


def _build_labelled(
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
        starts_turn = f.label is not None or (role == "answer" and speaker == _ANSWERER)
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


def _answers_only(
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


def _build_bare(
    draft: Draft,
    paras: list[Para],
    feats: list[Features],
    roles: list[str],
    answer_label: str | None = None,
) -> None:
    body = [p for p, r in zip(paras, roles, strict=True) if r != "pullquote"]
    interviewee = _bare_speakers(draft, body, answer_label)
    questions = sum(r == "question" for r in roles)
    subheads = [i for i, r in enumerate(roles) if r == "subhead"]
    if not questions and len(subheads) >= 2 and _interview_cue(draft, feats):
        # Subheads standing in for questions: each over an answer in the first person.
        firsts = sum(feats[i + 1].first_person for i in subheads if i + 1 < len(feats))
        if firsts * 2 > len(subheads):
            for i in subheads:
                roles[i] = "question"
                draft.explain(paras[i].line, "question", "a subhead over a first-person answer")
                if i + 1 < len(roles) and roles[i + 1] == "acont":
                    roles[i + 1] = "answer"
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
            if (
                section is not None
                and section.is_question
                and role == "acont"
                and para is paras[-1]
            ):
                draft.warn(
                    para.line,
                    "the last question has no answer in the text (cut off?): kept as text",
                )
            else:
                draft.warn(
                    para.line,
                    "paragraph ends in “?” but reads as rhetorical: kept as text, not made a question",
                )
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
        label = _initials(meta.publication) if meta.publication else "Interviewer"
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
