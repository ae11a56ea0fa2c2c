"""Header lines scrapers leave around an article: source URL, date lines,
"13 min read", bylines. Each is removed and recorded, and what it says
(URL, date, author) goes to the page's metadata.
"""

from __future__ import annotations

import re

from ..dates import MONTHS, is_iso_date
from ..frontmatter import is_url
from .draft import Draft

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"

SOURCE_RE = re.compile(r"^#\s*source:\s*(?P<url>https?://[^\s<>\"]+)$", re.IGNORECASE)
"""The scraper's ``# source: URL`` line; anything but a plain http(s) address stays text."""
MIN_READ_RE = re.compile(
    r"^(?:\d{1,3}\s*(?:min|mins|minute|minutes)\.?\s+read|Reading time\s*:?\s*\d{1,3}\s*(?:min|mins|minutes?)\.?)$",
    re.IGNORECASE,
)
DATE_PREFIX_RE = re.compile(
    r"^(?:Published|Posted|Updated|Date|Last updated)\s*(?:on)?\s*:?\s*", re.IGNORECASE
)
DATE_RES = (
    re.compile(rf"^(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)$"),
    re.compile(rf"^(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\s+(?P<year>(?:19|20)\d\d)$"),
    re.compile(r"^(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)$"),
    re.compile(rf"^(?P<month>{_MONTH})\s+(?P<year>(?:19|20)\d\d)$"),
)
STAMP_RE = re.compile(
    r"^(?:date|scraped|retrieved|accessed|fetched|captured|crawled|saved)(?: on| at)?\s*:?\s*"
    r"(?P<date>(?:19|20)\d\d-\d\d-\d\d)(?:[T ]\d\d:\d\d(?::\d\d)?(?:\.\d+)?Z?)?"
    r"(?:\s+(?P<rest>.{0,200}))?$",
    re.IGNORECASE,
)
"""A scraper's date stamp (``date 2019-06-03``), alone or before the line's text."""
BYLINE_RE = re.compile(
    r"^By\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})"
    r"(?:\s*(?:[·|•,–—-]|and)\s*(?P<rest>.+))?$"
)


def parse_date(text: str) -> str | None:
    """An ISO date (or year-month) for a date line, None if it is not one."""
    text = DATE_PREFIX_RE.sub("", text.strip())
    for pattern in DATE_RES:
        m = pattern.match(text)
        if not m:
            continue
        parts = m.groupdict()
        if parts.get("mnum"):
            month = int(parts["mnum"])
        else:
            key = parts["month"][:3].lower()
            month = next(i for i, name in enumerate(MONTHS, 1) if name[:3].lower() == key)
        if not 1 <= month <= 12:
            return None
        if parts.get("day"):
            iso = f"{parts['year']}-{month:02d}-{int(parts['day']):02d}"
            return iso if is_iso_date(iso) else None  # no 30 February
        return f"{parts['year']}-{month:02d}"
    return None


def apply(draft: Draft) -> None:
    meta = draft.meta
    seen_text = False
    for line in draft.lines:
        text = line.text
        if not text:
            continue
        if not seen_text and (m := SOURCE_RE.match(text)) and is_url(m["url"]):
            meta.source_url = m["url"]
            draft.remove_line(line, "source address added by the scraper")
            continue
        seen_text = True
        if m := STAMP_RE.match(text):
            meta.date = meta.date or parse_date(m["date"])
            reason = "scraper's date stamp (kept as the page date)"
            if m["rest"]:
                reason = "scraper's date stamp and the words run on after it (date kept as the page date)"
            draft.remove_line(line, reason)
        elif MIN_READ_RE.match(text):
            draft.remove_line(line, "reading-time label")
        elif (date := parse_date(text)) is not None:
            meta.date = meta.date or date
            draft.remove_line(line, "date line (kept as the page date)")
        elif len(text) <= 100 and (m := BYLINE_RE.match(text)):
            meta.byline = meta.byline or m["name"]
            if m["rest"] and (date := parse_date(m["rest"])) is not None:
                meta.date = meta.date or date
            draft.remove_line(line, "byline (kept as the page's author and date)")
