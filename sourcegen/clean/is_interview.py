"""Does the text show that it is an interview (so that bare questions may be made)?

The importer never invents a question: in a text with no sign of being an
interview the role decoder gives questions no chance.
"""

from __future__ import annotations

import re

from .draft import Draft
from .features import Features

INTERVIEW_CUE = re.compile(
    r"\b(?:interview(?:s|ed)?|Q\s?&\s?A|Q and A|spoke (?:with|to)|talk(?:s|ed)? (?:with|to)|"
    r"sat down with|caught up with|chat(?:s|ted)? with|conversation with|in conversation|"
    r"as told to|in (?:his|her|their) own words|"
    r"(?:a few|some|these|our|five|ten|\d+) questions)\b",
    re.I,
)


def interview_evidence(draft: Draft, feats: list[Features]) -> bool:
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
    if not interview_cue(draft, feats):
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


def interview_cue(draft: Draft, feats: list[Features]) -> bool:
    """The title, dek or opening says it is an interview (``spoke with``, ``Q&A``…)."""
    meta = draft.meta
    heads = [meta.title or "", meta.dek or "", *(f.text[:300] for f in feats[:8])]
    return any(INTERVIEW_CUE.search(h) for h in heads)
