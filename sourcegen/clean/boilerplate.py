"""Web furniture inside and after the article: related links, author boxes,
subscription pitches, "Article Continues Below". Each paragraph removed is
recorded with its reason; related-article titles and the author bio are kept
as metadata because the reader may want them.
"""

from __future__ import annotations

import re

from ..model import Related
from .draft import Draft, Para

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


def _is_pitch(para: Para) -> bool:
    return bool(PITCH_RE.search(para.text)) and (
        len(para.text) <= 160 or para.text.lower().count("subscri") >= 2
    )


def _is_short_heading(para: Para) -> bool:
    return len(para.text) <= 60 and not re.search(r"[.?!:;]$", para.text)


def apply(draft: Draft) -> None:
    meta = draft.meta
    paras = draft.paras
    trailing = False
    after_author = False
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
            nxt = next((p for p in paras[i + 1 :] if p.role == "body"), None)
            if nxt is None or _is_pitch(nxt) or PITCH_RE.search(nxt.text):
                draft.remove_para(para, "heading of a subscription pitch")
