"""YAML front matter with line numbers and a small schema.

Editors write front matter by hand, so every mistake is reported with the
file, the line of the offending key, what was expected and what was found.
Reading is `reading.py`'s (strict YAML, each key's line), the field checks
and `validate` are `schema.py`'s.
"""

from __future__ import annotations

from .reading import MAX_DEPTH, dump, load, split
from .schema import (
    ABBREVIATION_RULE,
    Check,
    abbr_map,
    as_text,
    flag,
    is_abbreviation,
    is_url,
    iso_date,
    link_url,
    records,
    string_list,
    string_map,
    text,
    url,
    validate,
)

__all__ = [
    "ABBREVIATION_RULE",
    "MAX_DEPTH",
    "Check",
    "abbr_map",
    "as_text",
    "dump",
    "flag",
    "is_abbreviation",
    "is_url",
    "iso_date",
    "link_url",
    "load",
    "records",
    "split",
    "string_list",
    "string_map",
    "text",
    "url",
    "validate",
]
