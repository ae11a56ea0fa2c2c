"""Web furniture inside and after the article: related links, author boxes,
subscription pitches, "Article Continues Below". Each paragraph removed is
recorded with its reason; related-article titles and the author bio are kept
as metadata because the reader may want them.
"""

from __future__ import annotations

import re

from ..model import Related
from .document import norm
from .draft import Draft, Para
from .furniture import furniture
from .labels import match_label

RELATED_RE = re.compile(
    r"^(?P<label>RELATED|READ NEXT|READ MORE|ALSO READ|SEE ALSO|RELATED ARTICLE|RELATED CONTENT)"
    r"\s*:\s*(?P<title>.+)$"
)
ABOUT_AUTHOR_RE = re.compile(r"^About the Authors?:?$", re.IGNORECASE)
CONTINUES_RE = re.compile(r"^[\W_]*Article Continues Below[\W_]*$", re.IGNORECASE)
PITCH_RE = re.compile(
    r"\b(subscri(?:be|ption)|newsletters?|sign up|get the latest)\b", re.IGNORECASE
)
WRITE_TO_RE = re.compile(r"^Write to .{2,60} about this (?:column|article)\b", re.IGNORECASE)
EDITORS_NOTE_RE = re.compile(
    r"^Editor[’']s Note\s*:.*\b(originally|first)\s+(ran|appeared|published)\b", re.IGNORECASE
)
CREDIT_RE = re.compile(
    r"^(?:(?:Photo|Image|Photograph)s?(?: credit)?|Courtesy(?: of)?|Credit)\s*[:|-]?\s*\S.{0,80}$",
    re.IGNORECASE,
)
TAGS_RE = re.compile(r"^Tags?\s*:\s*.+$", re.IGNORECASE)
BIO_NAME_RE = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,4})\s+(?:is|was|has been|serves as)\b"
)
PUBLICATION_RE = re.compile(
    r"\b(?:[Ee]ditor|[Dd]irector|[Ww]riter|[Rr]eporter|[Cc]ontributor|[Cc]orrespondent)"
    r"\s+(?:for|of|at)\s+(?P<pub>(?:the\s+)?[A-Z#][\w’'-]*(?:(?:\s+(?:&|and|of|the))*\s+[A-Z][\w’'-]*)*)"
)
"""A bio's "editor at <Publication>": capitalised words, joined by &, and, of, the,
ending on a capitalised word (so "at Security Products and writes" gives
"Security Products")."""


METADATA_HEAD_RE = re.compile(
    r"^(?:Dublin Core|(?:[A-Z][a-z]+ )*Item Type Metadata|Metadata|Item Metadata|Citation|Files)$"
)
"""The heading of a digital archive's metadata block (an oral-history record page)."""
METADATA_KEY_RE = re.compile(
    r"^(?:Title|Subject|Description|Creator|Source|Publisher|Date|Contributor|Rights|Relation|"
    r"Format|Language|Type|Identifier|Coverage|Text|Interviewer|Interviewee|Location|"
    r"Transcription|Original Format|Duration|Collection|Tags|Date Added|Date Modified|"
    r"Citation|Files|Item Type|Extent|Spatial Coverage|Temporal Coverage|Abstract)$"
)


def _metadata_block(draft: Draft, paras: list[Para]) -> None:
    """Remove an archive's metadata block: its heading, then ``Key`` / value pairs."""
    i, n = 0, len(paras)
    while i < n:
        para = paras[i]
        if para.role != "body" or not METADATA_HEAD_RE.match(para.text):
            i += 1
            continue
        draft.remove_para(para, "archive record's metadata heading")
        i += 1
        while i < n:
            key = paras[i]
            if key.role != "body":
                i += 1
                continue
            if METADATA_HEAD_RE.match(key.text):
                draft.remove_para(key, "archive record's metadata heading")
                i += 1
                continue
            if not METADATA_KEY_RE.match(key.text):
                break
            draft.remove_para(key, "archive record's metadata field name")
            i += 1
            if (
                i < n
                and len(paras[i].text) <= 300
                and not match_label(paras[i].text)
                and not METADATA_HEAD_RE.match(paras[i].text)
            ):
                draft.remove_para(paras[i], "archive record's metadata field value")
                i += 1


def _repeats(draft: Draft, paras: list[Para]) -> None:
    """A paragraph printed twice in a row: in the head, the copy goes; between
    turns it is a photo caption the scraper printed twice, and both go."""
    body = [p for p in paras if p.role == "body"]
    known = draft.doc.known
    head = True
    prev: Para | None = None
    for para in body:
        hit = match_label(para.text)
        if (hit and hit.label in known) or (para.text.endswith("?") and len(para.text) <= 300):
            head = False
        if (
            prev is not None
            and prev.role == "body"
            and len(para.text) <= 300
            and norm(para.text) == norm(prev.text)
        ):
            if head:
                draft.remove_para(para, "the paragraph above, printed again")
            else:
                draft.remove_para(prev, "photo caption (printed twice between turns)")
                draft.remove_para(para, "photo caption (printed twice between turns)")
        prev = para


def _is_pitch(para: Para) -> bool:
    return bool(PITCH_RE.search(para.text)) and (
        len(para.text) <= 160 or para.text.lower().count("subscri") >= 2
    )


def _is_short_heading(para: Para) -> bool:
    return len(para.text) <= 60 and not re.search(r"[.?!:;]$", para.text)


def apply(draft: Draft) -> None:
    meta = draft.meta
    paras = draft.paras
    _metadata_block(draft, paras)
    _repeats(draft, paras)
    trailing = False
    after_author = False
    # The next paragraph still in play after each one (the loop below changes
    # only the paragraph it is on, so this holds throughout): linear, not a scan per paragraph.
    following: list[Para | None] = [None] * len(paras)
    upcoming: Para | None = None
    for j in range(len(paras) - 1, -1, -1):
        following[j] = upcoming
        if paras[j].role == "body":
            upcoming = paras[j]
    for i, para in enumerate(paras):
        if para.role != "body":
            continue
        text = para.text
        if m := RELATED_RE.match(text):
            meta.related.append(Related(title=m["title"].strip(), label=m["label"]))
            draft.remove_para(
                para, f"{m['label']} link to another article (title kept as related reading)"
            )
        elif ABOUT_AUTHOR_RE.match(text):
            draft.remove_para(para, "“About the Author” box heading")
            trailing = after_author = True
        elif after_author and meta.author_bio is None and len(text) > 40:
            meta.author_bio = text
            if meta.byline is None and (m := BIO_NAME_RE.match(text)):
                meta.byline = m["name"]
            if meta.publication is None and (m := PUBLICATION_RE.search(text)):
                meta.publication = m["pub"].strip()
            draft.remove_para(para, "author bio (shown in “About this edition”)")
        elif CONTINUES_RE.match(text):
            draft.remove_para(para, "“Article Continues Below” advertising divider")
        elif WRITE_TO_RE.match(text):
            draft.remove_para(para, "contact line for the column")
        elif EDITORS_NOTE_RE.match(text):
            draft.remove_para(para, "editor's note about where the article first ran")
        elif TAGS_RE.match(text):
            draft.remove_para(para, "tag list")
        elif CREDIT_RE.match(text) and len(text) <= 100:
            draft.remove_para(para, "image credit")
        elif _is_pitch(para) or (trailing and PITCH_RE.search(text)):
            draft.remove_para(para, "subscription or newsletter pitch")
            trailing = True
        elif trailing and _is_short_heading(para):
            nxt = following[i]
            if nxt is None or _is_pitch(nxt) or PITCH_RE.search(nxt.text):
                draft.remove_para(para, "heading of a subscription pitch")
        if para.role == "body" and (found := furniture(text)) is not None:
            draft.remove_para(para, found[1])
