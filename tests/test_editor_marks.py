"""Editorial marks: an editor's cuts and insertions pass `check` only when visible.

Each test writes its own one-interview site (tests never read the repository's
sources/): raw.txt as scraped, interview.md as an editor left it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_skeleton, run_mkdocs

from sourcegen.cli import main
from sourcegen.pipeline import Project, generate

RAW = """\
Acme Chief Talks Cameras

Magazine Desk: What do you think about cameras?

Cameras are great and the market grows every year. It is not a bubble.

What comes next?

We will build more of them. It is not.
"""

HEAD = """\
---
title: Acme Chief Talks Cameras
publication: The Daily Lens
speakers:
- {label: Lens, name: The Daily Lens, role: interviewer}
- {label: Jane Doe, name: Jane Doe, role: interviewee}
removed:
- {line: 3, reason: the magazine's label in front of the question, text: "Magazine Desk:"}
---
"""

BODY = """
## What do you think about cameras? {#cameras}

**Jane Doe:** Cameras are great and the market grows every year. It is not a bubble.

## What comes next? {#next}

**Jane Doe:** We will build more of them. It is not.
"""


def make_site(root: Path, body: str = BODY, head: str = HEAD) -> Path:
    site = copy_skeleton(root / "site", with_sources=False)
    folder = site / "sources" / "interviews" / "acme"
    folder.mkdir(parents=True)
    (folder / "raw.txt").write_text(RAW, encoding="utf-8")
    (folder / "interview.md").write_text(head + body, encoding="utf-8")
    return site


def check(site: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(site)])
    return result.exit_code, result.stderr


def edited(old: str, new: str) -> str:
    assert old in BODY
    return BODY.replace(old, new)


def test_the_fixture_passes(tmp_path: Path) -> None:
    code, err = check(make_site(tmp_path))
    assert code == 0, err


def test_an_invented_sentence_fails_naming_file_line_and_word(tmp_path: Path) -> None:
    body = edited("It is not a bubble.", "It is not a bubble. Prices will double soon.")
    code, err = check(make_site(tmp_path, body))
    assert code == 1
    lines = [row for row in err.splitlines() if "“Prices”" in row]
    assert len(lines) == 1, err
    assert "interview.md:13:" in lines[0] and "not in raw.txt" in lines[0]


def test_a_changed_word_fails(tmp_path: Path) -> None:
    code, err = check(make_site(tmp_path, edited("It is not a bubble", "It is now a bubble")))
    assert code == 1
    assert "“now”" in err and "raw.txt line 5 has “not”" in err


def test_deleting_the_last_word_fails(tmp_path: Path) -> None:
    """Issue 14, item 7: the page's own closing text must not supply the lost word."""
    code, err = check(make_site(tmp_path, edited("It is not.\n", "It is.\n")))
    assert code == 1
    assert "word “not” from" in err and "raw.txt line 9" in err


def test_a_bracketed_insertion_passes_and_replaces_a_pronoun(tmp_path: Path) -> None:
    body = edited("It is not a bubble", "[The camera market] is not a bubble").replace(
        "We will build", "We [at Acme] will build"
    )
    code, err = check(make_site(tmp_path, body))
    assert code == 0, err


def test_a_marked_cut_passes_and_an_unmarked_one_fails(tmp_path: Path) -> None:
    code, err = check(make_site(tmp_path, edited("and the market grows every year. ", "[…] ")))
    assert code == 0, err
    code, err = check(make_site(tmp_path / "b", edited("and the market grows every year. ", "")))
    assert code == 1
    assert "word “and” from" in err and "mark a cut with […]" in err


def test_a_recorded_span_cut_passes(tmp_path: Path) -> None:
    head = HEAD.replace(
        "removed:\n",
        "removed:\n- {line: 5, reason: a sentence cut for length, text: It is not a bubble.}\n",
    )
    code, err = check(make_site(tmp_path, edited(" It is not a bubble.", ""), head))
    assert code == 0, err


def test_a_heading_label_left_unrecorded_fails(tmp_path: Path) -> None:
    """The label is cut from the heading; without its removal, check names it."""
    code, err = check(make_site(tmp_path, head=HEAD.replace("- {line: 3,", "- {line: 99,")))
    assert code == 1
    assert "raw.txt line 99 does not match" in err


def test_a_span_removal_not_in_its_line_is_refused(tmp_path: Path) -> None:
    code, err = check(
        make_site(tmp_path, head=HEAD.replace('"Magazine Desk:"', '"Desk Magazine:"'))
    )
    assert code == 1
    assert "expected “Desk Magazine:” (the whole line or a span within it)" in err


@pytest.mark.parametrize("mark", ["[the company]", "[…]"])
def test_marks_are_shown_as_editorial_and_escaped(tmp_path: Path, mark: str) -> None:
    body = edited("It is not a bubble.", f"It {mark} <b>is</b> not a bubble.")
    site = make_site(tmp_path, body)
    page = generate(Project(site)).outputs[site / "docs" / "interviews" / "acme.md"]
    kind = "insert" if mark.startswith("[t") else "cut"
    title = "editor’s insertion" if kind == "insert" else "words cut by the editor"
    escaped = mark.replace("[", "\\[").replace("]", "\\]")
    assert f'<span class="sg-{kind}" title="{title}">{escaped}</span> &lt;b&gt;is' in page
    assert "Words in square brackets are this site's editors'" in page


def test_marks_build_strict_and_reach_the_reader_as_text(tmp_path: Path) -> None:
    body = edited("It is not a bubble.", "It [<img src=x onerror=alert(1)>] is not a bubble.")
    site = make_site(tmp_path, body)
    proc = run_mkdocs(site)
    assert proc.returncode == 0, proc.stderr
    html = (site / "out" / "interviews" / "acme" / "index.html").read_text(encoding="utf-8")
    assert (
        '<span class="sg-insert" title="editor’s insertion">[&lt;img src=x onerror=alert(1)&gt;]</span>'
        in html
    )
    assert "<img src=x" not in html


def test_about_this_edition_lists_no_removals_when_there_are_none(tmp_path: Path) -> None:
    raw = RAW.replace("Magazine Desk: ", "")
    site = make_site(tmp_path, head=HEAD.replace(HEAD[HEAD.index("removed:") : -4], ""))
    (site / "sources" / "interviews" / "acme" / "raw.txt").write_text(raw, encoding="utf-8")
    page = generate(Project(site)).outputs[site / "docs" / "interviews" / "acme.md"]
    assert "surroundings were removed." in page
    assert "listed below" not in page
