"""check: what `sourcegen check` finds, on fixture files (tests/fixtures/check/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from stage_cases import cases, problem_lines, split

from sourcegen.check import conservation, duplicate_ids, editorial_problems, footnote_problems
from sourcegen.parse import parse_text


@pytest.mark.parametrize(("page", "expected"), cases("check", "footnotes"))
def test_page_fixture(page: str, expected: str) -> None:
    path = Path("page.md")
    assert problem_lines(footnote_problems(page, path) + duplicate_ids(page, path)) == expected


@pytest.mark.parametrize(("given", "expected"), cases("check", "conservation"))
def test_conservation_fixture(
    given: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, source = split(given, "== interview.md ==")
    monkeypatch.chdir(tmp_path)  # messages name raw.txt as given: relative
    Path("raw.txt").write_text(raw, encoding="utf-8")
    interview = parse_text(source, Path("interview.md"), "acme")
    assert problem_lines(conservation(Path("raw.txt"), interview)) == expected


@pytest.mark.parametrize(("source", "expected"), cases("check", "editorial"))
def test_editorial_fixture(source: str, expected: str) -> None:
    interview = parse_text(source, Path("interview.md"), "acme")
    assert problem_lines(editorial_problems(interview)) == expected
