"""render: a note's footnote and sources, and the editor's marks, on fixture files
(tests/fixtures/render/). The interview page as a whole is the golden test's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from stage_cases import cases

from sourcegen.editorial import marks
from sourcegen.notes import parse_note
from sourcegen.render import Renderer, _marked

NOTES_URL = "../notes/"


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


@pytest.mark.parametrize(("note_file", "expected"), cases("render", "footnotes"))
def test_note_fixture(renderer: Renderer, note_file: str, expected: str) -> None:
    note_id = re.search(r"^id: (\S+)$", note_file, re.MULTILINE)
    assert note_id, "a note fixture needs its `id:`"
    note = parse_note(note_file, Path(f"{note_id[1]}.md"))
    footnote = renderer.footnote_tpl.render(note=note, notes_url=NOTES_URL)
    sources = renderer.env.get_template("sources.md.j2").render(note=note)
    assert f"{footnote}== notes page ==\n{sources}" == expected


@pytest.mark.parametrize(("text", "expected"), cases("render", "marks"))
def test_marks_fixture(text: str, expected: str) -> None:
    text = text.removesuffix("\n")
    assert _marked(text, 0, len(text), marks(text)) + "\n" == expected
