"""Month names, for reading date lines and for printing dates, in English as
the pages are written (not the machine's locale, which `calendar` would use)."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def human_date(value: str | None) -> str:
    """``2017-05-04`` → ``4 May 2017``; partial dates and words pass through."""
    if not value:
        return "undated"
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", value)
    if not m:
        return value
    year, month, day = m.groups()
    if month and 1 <= int(month) <= 12:
        name = MONTHS[int(month) - 1]
        return f"{int(day)} {name} {year}" if day else f"{name} {year}"
    return year


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def iso_problem(value: str) -> str | None:
    """None when ``value`` is YYYY, YYYY-MM or YYYY-MM-DD naming a real year, month
    and day; else what was expected. The one rule for every date sourcegen reads,
    prints or puts into JSON-LD (`check` reports it; `is_iso_date` asks it)."""
    m = _ISO.fullmatch(value)
    if m is None:
        return "a date written YYYY-MM-DD, YYYY-MM or YYYY"
    year, month, day = (int(g) if g else None for g in m.groups())
    if year is not None and year < 1:
        return "a year from 0001"
    if month is not None and not 1 <= month <= 12:
        return "a month from 01 to 12"
    if day is not None and month is not None and year is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            return f"a day that exists in {MONTHS[month - 1]} {year}"
    return None


def is_iso_date(value: str) -> bool:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, and a date that exists (no 30 February)."""
    return iso_problem(value) is None
