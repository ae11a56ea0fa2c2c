"""A small schema for front matter: a check a field, and `validate`, which
reports the first key that fails with its line, what was expected and what
was found."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..dates import iso_problem
from ..errors import SourcegenError

Check = Callable[[Any], str | None]
"""Returns None when the value is fine, else a description of what was expected."""


def validate(
    data: Mapping[str, Any],
    lines: Mapping[str, int],
    schema: Mapping[str, tuple[Check, bool]],
    path: Path,
    default_line: int = 1,
) -> None:
    """Check keys against ``schema`` (key → (check, required))."""
    for key in data:
        if key not in schema:
            known = ", ".join(sorted(schema))
            raise SourcegenError(
                path, lines.get(key, default_line), f"unknown key `{key}`; expected one of: {known}"
            )
    for key, (check, required) in schema.items():
        if key not in data:
            if required:
                raise SourcegenError(
                    path,
                    default_line,
                    f"`{key}`: expected this key in the front matter, found none",
                )
            continue
        problem = check(data[key])
        if problem:
            found = data[key]
            shown = repr(found) if not isinstance(found, (dict, list)) else type(found).__name__
            raise SourcegenError(
                path, lines.get(key, default_line), f"`{key}`: expected {problem}, found {shown}"
            )


def text(nullable: bool = False) -> Check:
    def check(value: Any) -> str | None:
        if value is None and nullable:
            return None
        if isinstance(value, str) and value.strip():
            return None
        return "a non-empty string" + (" or null" if nullable else "")

    return check


def iso_date(*words: str, nullable: bool = False) -> Check:
    """A date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` that exists (the rule is
    `dates.iso_problem`'s), or one of ``words`` (``undated``), or null if ``nullable``.
    A bare year reads as a YAML integer; ``yes``/``no`` read as booleans and are
    refused (they rendered as "dated True")."""
    others = [*(f"`{w}`" for w in words), *(["null"] if nullable else [])]
    also = f" (or {' or '.join(others)})" if others else ""

    def check(value: Any) -> str | None:
        if value is None and nullable:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return "a date written YYYY-MM-DD, YYYY-MM or YYYY" + also
        if value in words:
            return None
        why = iso_problem(value)
        return None if why is None else why + also

    return check


_URL_CHARS = re.compile(r"[!#-;=?-\[\]_a-z~%]+", re.IGNORECASE)
"""Printable ASCII less space, ``"``, ``<``, ``>``, backslash, `````, ``^``, ``{``, ``|``, ``}``."""


def is_url(value: Any) -> bool:
    """An absolute http(s) address with a host, in printable ASCII with no spaces,
    quotes, angle brackets or backslashes. It is written into Markdown links and
    autolinks, where these would end it early or start markup; the parentheses
    and brackets it may hold are percent-encoded there (`link_url`)."""
    if not (isinstance(value, str) and _URL_CHARS.fullmatch(value)):
        return False
    try:
        parts = urllib.parse.urlsplit(value)
    except ValueError:  # an unbalanced IPv6 bracket
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def link_url(value: str) -> str:
    """``value`` as it is kept for the pages: the characters Markdown reads as the end
    of a link or the start of another (``(``, ``)``, ``[``, ``]``) percent-encoded,
    so the URL stays one link to one address in any template, a site's own too."""
    return re.sub(r"[()\[\]]", lambda m: f"%{ord(m.group()):02X}", value)


def url(nullable: bool = False) -> Check:
    """An http(s) address (see `is_url`)."""

    def check(value: Any) -> str | None:
        if value is None and nullable:
            return None
        if is_url(value):
            return None
        return (
            "an http(s) URL with a host and without spaces, quotes, angle brackets or backslashes"
            + (" or null" if nullable else "")
        )

    return check


def flag(value: Any) -> str | None:
    """`true` or `false` (YAML's yes/no/on/off too, which PyYAML reads as booleans)."""
    return None if isinstance(value, bool) else "true or false"


def string_list(value: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return None
    return "a list of non-empty strings"


def string_map(value: Any) -> str | None:
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
        for k, v in value.items()
    ):
        return None
    return "a mapping of text to text"


_ABBREVIATION = re.compile(r"[\w&./'’+-]+(?: [\w&./'’+-]+)*")
ABBREVIATION_RULE = "letters, digits, & . / ' + - and single spaces, on one line"


def is_abbreviation(value: Any) -> bool:
    """A word an abbreviation tooltip may be defined for. It is written into the
    ``*[ABBR]: text`` line appended to every page: a line break, ``]`` or ``<`` in
    it would put raw Markdown and HTML (a script) on every page of the site."""
    return isinstance(value, str) and len(value) <= 40 and bool(_ABBREVIATION.fullmatch(value))


def abbr_map(value: Any) -> str | None:
    """A note's ``abbr:``: abbreviation → tooltip text."""
    if string_map(value) is None and all(is_abbreviation(k) for k in value):
        return None
    return f"a mapping of abbreviations ({ABBREVIATION_RULE}, at most 40) to text"


def records(fields: Mapping[str, tuple[Check, bool]]) -> Check:
    """A list of mappings, each with the given fields."""

    def check(value: Any) -> str | None:
        expected = "a list of mappings with keys " + ", ".join(fields)
        if not isinstance(value, list):
            return expected
        for i, item in enumerate(value, 1):
            if not isinstance(item, dict):
                return f"{expected} (item {i} is not a mapping)"
            for key in item:
                if key not in fields:
                    return f"{expected} (item {i} has unknown key `{key}`)"
            for key, (sub, required) in fields.items():
                if key not in item:
                    if required:
                        return f"{expected} (item {i} lacks `{key}`)"
                    continue
                problem = sub(item[key])
                if problem:
                    return f"{expected} (item {i}: `{key}` should be {problem})"
        return None

    return check


def as_text(value: Any) -> str:
    """A checked date (`iso_date`) as text: a bare year is read as an integer."""
    return str(value)
