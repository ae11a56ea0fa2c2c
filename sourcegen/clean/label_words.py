"""The words of speaker labels: fixed labels, role words, and capitalised words
before a colon that are not speakers. Data only; the shapes and the matching
are `labels.py`'s, and every rule asks that module."""

from __future__ import annotations

ASKING = {"Q": "Q", "QUESTION": "Q", "ISSUE": "Issue"}
ANSWERING = {"A": "A", "ANSWER": "A", "SOLUTION": "Solution"}
"""Fixed labels and how the page shows them."""

ASK_ROLES = frozenset(
    {"Q", "QUESTION", "ISSUE", "INTERVIEWER", "INT", "HOST", "MODERATOR", "CO-HOST", "ANCHOR"}
)
"""Label words (or role suffixes, ``NAME, HOST:``) that mark the one who asks."""
ANSWER_ROLES = frozenset(
    {"A", "ANSWER", "SOLUTION", "INTERVIEWEE", "GUEST", "RESPONDENT", "AUTHOR", "NARRATOR"}
)
"""Label words that mark the one who answers."""

NOT_SPEAKERS = frozenset(
    {
        "NOTE",
        "NOTES",
        "UPDATE",
        "UPDATED",
        "EDITOR",
        "RELATED",
        "READ NEXT",
        "READ MORE",
        "SEE ALSO",
        "PHOTO",
        "PHOTOS",
        "IMAGE",
        "SOURCE",
        "SOURCES",
        "TAGS",
        "TAG",
        "ALSO READ",
        "EDITOR’S NOTE",
        "EDITOR'S NOTE",
        "EDITORS NOTE",
        "CORRECTION",
        "DISCLAIMER",
        "SPONSORED",
        "ADVERTISEMENT",
        "WATCH",
        "LISTEN",
        "MORE",
        "CREDIT",
        "CREDITS",
        "CAPTION",
        "NEXT UP",
        "UP NEXT",
        "POSTED",
        "PUBLISHED",
        "FILED UNDER",
        "CATEGORY",
        "CATEGORIES",
        "SHARE",
        "SHARE THIS",
        "FOLLOW",
        "FOLLOW US",
        "CONTACT",
        "MEDIA CONTACT",
        "EMAIL",
        "E-MAIL",
        "PHONE",
        "TEL",
        "FAX",
        "WEB",
        "WEBSITE",
        "ADDRESS",
        "LOCATION",
        "WHEN",
        "WHERE",
        "DATE",
        "TICKETS",
        "SUBJECT",
        "TITLE",
        "SUMMARY",
        "BACKGROUND",
        "BOTTOM LINE",
        "WARNING",
        "PS",
        "P.S.",
        "VIA",
        "TRANSCRIPT",
        "VIDEO",
        "AUDIO",
        "DOWNLOAD",
        "ABOUT",
        "KEYWORDS",
        "TOPICS",
        "COMMENTS",
        "NO COMMENTS",
        "LABELS",
        "DEAR",
        "MORE INFO",
        "INFO",
    }
)
"""Capitalised words before a colon that introduce something other than a turn."""
