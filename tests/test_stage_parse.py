"""parse: interview.md → Interview, on fixture files (tests/fixtures/parse/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from stage_cases import cases, describe, error_line

from sourcegen.errors import SourcegenError
from sourcegen.parse import parse_text


@pytest.mark.parametrize(("source", "expected"), cases("parse"))
def test_parse_fixture(source: str, expected: str) -> None:
    try:
        found = describe(parse_text(source, Path("interview.md"), "acme"))
    except SourcegenError as exc:
        found = f"error: {error_line(exc)}"
    assert found == expected
