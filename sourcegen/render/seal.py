"""The seal on a generated file: front matter that says where to edit, and a
digest that lets a later build spot a hand edit (`unsealed`)."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from .. import frontmatter
from ..errors import EDITED

GENERATED_KEY = "sourcegen_generated"
DIGEST_KEY = "sourcegen_digest"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


DIGEST_LINE = re.compile(rf"^{DIGEST_KEY}: (?P<digest>[0-9a-f]{{16}})\n", re.MULTILINE)
"""The line that seals a generated file: the digest of the file without this line."""


def seal(text: str, before: str) -> str:
    """Insert the digest line in front of ``before`` (its first occurrence)."""
    at = text.index(before)
    return f"{text[:at]}{DIGEST_KEY}: {digest(text)}\n{text[at:]}"


def unsealed(text: str) -> str | None:
    """Why a generated file is not as sourcegen wrote it, or None if it is."""
    m = DIGEST_LINE.search(text)
    if m is None:
        return "was not written by sourcegen (it has no sourcegen digest)"
    if digest(text[: m.start()] + text[m.end() :]) != m["digest"]:
        return EDITED
    return None


def with_header(body: str, source_rel: str, meta: dict[str, Any]) -> str:
    """Front matter that says where to edit and lets a later build spot hand edits."""
    head = dict(meta)
    head[GENERATED_KEY] = f"by sourcegen from {source_rel}; edit that, not this file"
    # The digest covers front matter and body, so an edit to either is noticed.
    return seal("---\n" + frontmatter.dump(head) + "---\n\n" + body, before="---\n\n")
