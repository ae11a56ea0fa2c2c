"""`sourcegen check` reports every problem in one run, on a fixture site of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINI_INTERVIEW, copy_skeleton, write_mini_site

from sourcegen.cli import main

NOTE = """\
---
id: {id}
title: {id}
group: term
as_of: 2026-11-26
match: [{phrase}]
sources:
  - {{title: A source, url: "https://example.org/", date: 2026}}
---
A note.
"""


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return write_mini_site(copy_skeleton(tmp_path / "site", with_sources=False))


def check(site: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(site)])
    return result.exit_code, result.stdout, result.stderr


def errors(err: str) -> list[str]:
    return [row for row in err.splitlines() if row.startswith("error: ")]


def interview(site: Path) -> Path:
    return site / "sources" / "interviews" / "acme" / "interview.md"


def test_two_broken_notes_are_two_errors_in_one_run(mini: Path) -> None:
    notes = mini / "sources" / "notes"
    (notes / "one.md").write_text(
        NOTE.format(id="one", phrase="cameras").replace("group: term", "group: term\ncolour: red"),
        encoding="utf-8",
    )
    (notes / "two.md").write_text(
        NOTE.format(id="two", phrase="cameras").replace("as_of: 2026-11-26\n", ""),
        encoding="utf-8",
    )
    code, _, err = check(mini)
    assert code == 1
    found = errors(err)
    assert len(found) == 2, err
    assert "one.md:5: unknown key `colour`" in found[0]
    assert "two.md:1: `as_of`: expected this key" in found[1]


def test_two_notes_matching_nothing_are_both_named_with_their_phrases(mini: Path) -> None:
    notes = mini / "sources" / "notes"
    for note_id, phrase in (("one", "drones"), ("two", "satellites")):
        (notes / f"{note_id}.md").write_text(
            NOTE.format(id=note_id, phrase=phrase), encoding="utf-8"
        )
    code, _, err = check(mini)
    assert code == 1
    found = errors(err)
    assert len(found) == 2, err
    assert (
        "one.md:6: note `one` is used nowhere: looked for “drones” in every interview" in found[0]
    )
    assert "“satellites”" in found[1]


def test_a_broken_interview_and_a_broken_note_in_one_run(mini: Path) -> None:
    path = interview(mini)
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "titel:"), encoding="utf-8")
    (mini / "sources" / "notes" / "market.md").write_text("no front matter\n", encoding="utf-8")
    code, _, err = check(mini)
    assert code == 1
    found = errors(err)
    assert len(found) == 2, err
    assert any("market.md:1:" in row for row in found)
    assert any("interview.md:2: unknown key `titel`" in row for row in found)


@pytest.mark.parametrize("label", ["Interviewer", "Interviewee"])
def test_placeholder_speakers_are_errors(mini: Path, label: str) -> None:
    role = "interviewer" if label == "Interviewer" else "interviewee"
    old = (
        "label: Lens, name: The Daily Lens"
        if role == "interviewer"
        else "label: Jane Doe, name: Jane Doe"
    )
    text = MINI_INTERVIEW.replace(old, f"label: {label}, name: {label}")
    if role == "interviewee":
        text = text.replace("**Jane Doe:**", f"**{label}:**")
    interview(mini).write_text(text, encoding="utf-8")
    code, _, err = check(mini)
    assert code == 1
    found = errors(err)
    assert len(found) == 1, err
    assert f"interview.md:4: speaker `{label}` is the importer's placeholder" in found[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Nov 2006", "a date written YYYY-MM-DD, YYYY-MM or YYYY"),
        ("'2006-13'", "a month from 01 to 12"),
        ("'2019-02-30'", "a day that exists in February 2019"),
    ],
)
def test_a_date_that_is_not_iso_is_one_line(mini: Path, value: str, expected: str) -> None:
    text = MINI_INTERVIEW.replace("publication:", f"date: {value}\npublication:")
    interview(mini).write_text(text, encoding="utf-8")
    code, _, err = check(mini)
    assert code == 1
    found = errors(err)
    assert len(found) == 1, err
    assert (
        f"interview.md:3: `date`: expected {expected} (or null), found '{value.strip(chr(39))}'"
        in found[0]
    )
    assert "Traceback" not in err


def test_a_bad_date_stays_out_of_json_ld(mini: Path) -> None:
    from sourcegen.errors import SourcegenError
    from sourcegen.pipeline import Project, generate

    text = MINI_INTERVIEW.replace("publication:", "date: Nov 2006\npublication:")
    interview(mini).write_text(text, encoding="utf-8")
    with pytest.raises(SourcegenError, match="`date`: expected a date written YYYY-MM-DD"):
        generate(Project(mini))  # refused before any page, so no JSON-LD gets it
    interview(mini).write_text(text.replace("Nov 2006", "2006-11"), encoding="utf-8")
    page = generate(Project(mini)).outputs[mini / "docs" / "interviews" / "acme.md"]
    assert "datePublished: 2006-11" in page


def test_check_after_sourcegen_build_is_not_a_trap(mini: Path) -> None:
    """Issue 19, item 6: an edit after `sourcegen build` must not fail check for ever."""
    result = CliRunner().invoke(main, ["build", "--root", str(mini)])
    assert result.exit_code == 0, result.stderr
    path = interview(mini)
    path.write_text(
        path.read_text(encoding="utf-8").replace("Acme Chief Talks Cameras", "Acme Chief Talks"),
        encoding="utf-8",
    )
    raw = path.parent / "raw.txt"
    raw.write_text(
        raw.read_text(encoding="utf-8").replace("Acme Chief Talks Cameras", "Acme Chief Talks"),
        encoding="utf-8",
    )
    code, out, err = check(mini)
    assert code == 0, err
    assert "older than the sources" in out and "ok:" in out
    # A generated file edited by hand is still an error.
    page = mini / "docs" / "interviews" / "acme.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nHand edit.\n", encoding="utf-8")
    code, _, err = check(mini)
    assert code == 1 and "acme.md: was edited by hand after sourcegen wrote it;" in err


def test_ok_line_counts_in_the_singular(mini: Path) -> None:
    code, out, err = check(mini)
    assert code == 0, err
    assert "ok: 1 interview, 1 note" in out


def test_mkdocs_build_still_fails_on_a_broken_note(mini: Path) -> None:
    """Only `mkdocs serve` turns an error into a page; a build (and a deploy) fails."""
    from conftest import run_mkdocs

    note = mini / "sources" / "notes" / "market.md"
    note.write_text(
        note.read_text(encoding="utf-8").replace("match: [market]", "match: 3"), encoding="utf-8"
    )
    proc = run_mkdocs(mini)
    assert proc.returncode != 0
    assert "market.md:6: `match`: expected a list of non-empty strings" in proc.stderr + proc.stdout
    assert not (mini / "out" / "interviews" / "acme" / "index.html").exists()


def test_the_error_page_names_every_problem_as_text(mini: Path) -> None:
    from sourcegen.errorpage import error_page, problems_for
    from sourcegen.errors import Problem, SourcegenError
    from sourcegen.pipeline import Project

    notes = mini / "sources" / "notes"
    (notes / "one.md").write_text(
        NOTE.format(id="one", phrase="cameras").replace("group: term", "group: <script>"),
        encoding="utf-8",
    )
    (notes / "two.md").write_text(
        NOTE.format(id="two", phrase="cameras").replace("as_of: 2026-11-26\n", ""),
        encoding="utf-8",
    )
    project = Project(mini)
    problems = problems_for(SourcegenError(notes / "one.md", 4, "first"), project)
    assert [(p.path.name, p.line) for p in problems] == [("one.md", 4), ("two.md", 1)]
    page = error_page(problems, project)
    assert "- **sources/notes/one.md, line 4**: `group`: expected one of term" in page.replace(
        "\\", ""
    )
    assert "- **sources/notes/two.md, line 1**: " in page
    assert "found '&lt;script&gt;'" in page and "<script>" not in page
    # When check finds nothing that stops a build, the error that stopped it is shown.
    (notes / "one.md").unlink()
    (notes / "two.md").unlink()
    alone = problems_for(SourcegenError(notes / "x.md", 2, "a <b>template</b> error"), project)
    assert alone == [Problem(notes / "x.md", 2, "a <b>template</b> error")]
    assert "a &lt;b&gt;template&lt;/b&gt; error" in error_page(alone, project)


def test_a_source_without_a_date_says_which_and_what_to_write(mini: Path) -> None:
    note = mini / "sources" / "notes" / "market.md"
    note.write_text(
        note.read_text(encoding="utf-8").replace(", date: 2026}", "}"), encoding="utf-8"
    )
    code, _, err = check(mini)
    assert code == 1
    assert (
        "market.md:8: `sources`: expected a `date:` on every source (item 1, “A source”, has none)"
        in err
    )
    assert "or `date: undated`" in err


def test_under_serve_a_hand_edited_page_is_shown_as_the_error(mini: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from sourcegen import plugin

    result = CliRunner().invoke(main, ["build", "--root", str(mini)])
    assert result.exit_code == 0, result.stderr
    page = mini / "docs" / "interviews" / "acme.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nHand edit.\n", encoding="utf-8")
    before = page.read_bytes()
    config = load_config(str(mini / "mkdocs.yml"), site_dir=str(mini / "out"))
    try:
        config.plugins.on_startup(command="serve", dirty=False)
        files = config.plugins.on_files(Files([]), config=config)
    finally:
        plugin._SERVING = False
    shown = files.get_file_from_path("interviews/acme.md")
    assert shown is not None
    text = shown.content_string
    assert "# The site did not build" in text
    assert "docs/interviews/acme.md**: was edited by hand after sourcegen wrote it" in text
    assert page.read_bytes() == before
