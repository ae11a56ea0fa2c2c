"""The one reader of the stage fixture files: tests/fixtures/<stage>/*.md.

Each file holds cases in markdown-it-py's fixture format, so a person can read
a stage's rules as examples: a title line, ``.``, the input, ``.``, the expected
output (or the problems found), ``.``. The stage tests parametrise over
`cases`; `describe` and `problem_lines` write a stage's result as such text.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from markdown_it.utils import read_fixture_file

from sourcegen.errors import Problem, SourcegenError
from sourcegen.model import Interview

FIXTURES = Path(__file__).parent / "fixtures"


def cases(stage: str, name: str = "*") -> list[Any]:
    """Every case of tests/fixtures/``stage``/``name``.md as ``pytest.param(input, expected)``.

    The id names the file, line and title, so a failure says which case to read."""
    found = [
        pytest.param(text, expected, id=f"{path.stem}:{line + 1}:{title}")
        for path in sorted((FIXTURES / stage).glob(f"{name}.md"))
        for line, title, text, expected in read_fixture_file(path)
    ]
    assert found, f"no fixture cases in tests/fixtures/{stage}/{name}.md"
    return found


def split(text: str, marker: str) -> list[str]:
    """``text`` cut at each line that is exactly ``marker`` (one case's several inputs)."""
    parts: list[str] = []
    current: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.rstrip("\n") == marker:
            parts.append("".join(current))
            current = []
        else:
            current.append(line)
    return [*parts, "".join(current)]


def describe(interview: Interview) -> str:
    """An interview's structure, one line an item, as a parse fixture expects it."""
    out = [f"title: {interview.meta.title or '(none)'}"]
    out += [f"speaker: {s.label} ({s.role})" for s in interview.meta.speakers]
    out += [f"intro {_block(b.kind, b.speaker, b.text)}" for b in interview.intro]
    for section in interview.sections:
        kind = "question" if section.is_question else "subhead"
        asker = f" (asked by {section.asker})" if section.asker else ""
        out.append(f"{kind} #{section.anchor}{asker}: {section.heading}")
        out += [f"  {_block(b.kind, b.speaker, b.text)}" for b in section.blocks]
    out += [f"removed line {r.line} ({r.reason}): {r.text}" for r in interview.meta.removed]
    return "\n".join(out) + "\n"


def _block(kind: str, speaker: str | None, text: str) -> str:
    return f"{kind} {speaker}: {text}" if speaker else f"{kind}: {text}"


def error_line(exc: SourcegenError) -> str:
    """A stopping error as a fixture expects it: where (file name and line) and what."""
    return problem_lines([Problem(exc.path or Path("?"), exc.line, exc.message)])


def problem_lines(problems: Iterable[Problem]) -> str:
    """Problems one a line, each file named by its name alone (tests run in tmp folders)."""
    lines = [str(Problem(Path(p.path.name), p.line, p.message)) for p in problems]
    return "".join(f"{line}\n" for line in lines) or "no problems\n"
