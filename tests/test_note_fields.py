"""The fields that keep notes honest: verdict, source kind and primary, as_of,
review_by, corrections; how the pages show them; and the warnings of `check`.

Every test builds a mini site in a temporary folder from conftest's one-paragraph
interview and the fixture notes in tests/fixtures/notes/, never the repository's notes.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import MINI_INTERVIEW, MINI_RAW, MINI_SLUG, copy_skeleton, run_mkdocs

from sourcegen.cli import main
from sourcegen.errors import SourcegenError
from sourcegen.notecheck import note_warnings
from sourcegen.notes import SOURCE_KINDS, VERDICTS, load_notes, parse_note
from sourcegen.pipeline import Project, generate

FIXTURES = Path(__file__).parent / "fixtures" / "notes"


def make_site(tmp_path: Path, *notes: str) -> Path:
    """The mini interview with the named fixture notes (file stems), nothing else."""
    root = copy_skeleton(tmp_path / "site", with_sources=False)
    folder = root / "sources" / "interviews" / MINI_SLUG
    folder.mkdir(parents=True)
    (folder / "interview.md").write_text(MINI_INTERVIEW, encoding="utf-8")
    (folder / "raw.txt").write_text(MINI_RAW, encoding="utf-8")
    for name in notes:
        shutil.copy(FIXTURES / f"{name}.md", root / "sources" / "notes" / f"{name}.md")
    return root


def edit(root: Path, note: str, old: str, new: str) -> None:
    path = root / "sources" / "notes" / f"{note}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def pages(root: Path) -> tuple[str, str]:
    outputs = generate(Project(root)).outputs
    return outputs[root / "docs" / "interviews" / f"{MINI_SLUG}.md"], outputs[
        root / "docs" / "notes.md"
    ]


# --- loading and validation ---------------------------------------------------


def test_fields_are_read() -> None:
    note = parse_note((FIXTURES / "growth.md").read_text(encoding="utf-8"), FIXTURES / "growth.md")
    assert note.verdict == "partly accurate"
    assert note.review_by == "2999-01-01"
    assert [(s.kind, s.primary) for s in note.sources] == [
        ("government", True),
        ("press", False),
        (None, False),
    ]
    assert [(c.date, c.change[:14]) for c in note.corrections] == [
        ("2026-10-01", "An earlier ver"),
        ("2026-11-02", "The trade pape"),
    ]


@pytest.mark.parametrize(
    ("note", "old", "new", "line", "expected"),
    [
        (
            "growth",
            "verdict: partly accurate",
            "verdict: mostly true",
            5,
            "`verdict`: expected one of",
        ),
        ("growth", "kind: press", "kind: newspaper", 10, "`kind` should be one of"),
        ("growth", "primary: true", "primary: yes please", 10, "`primary` should be true or false"),
        (
            "growth",
            "review_by: 2999-01-01",
            "review_by: 2999-01",
            7,
            "`review_by`: expected a date as YYYY-MM-DD",
        ),
        (
            "growth",
            "review_by: 2999-01-01",
            'review_by: "2999-02-30"',
            7,
            "expected a date as YYYY-MM-DD",
        ),
        (
            "growth",
            "    change: The trade paper's report was added.\n",
            "",
            23,
            "item 2 lacks `change`",
        ),
        (
            "cameras-term",
            "group: term",
            "group: term\nverdict: accurate",
            5,
            "expected no `verdict:`",
        ),
    ],
    ids=[
        "verdict",
        "kind",
        "primary",
        "review_by partial",
        "review_by impossible",
        "correction",
        "verdict on a term",
    ],
)
def test_bad_field_names_file_line_and_expectation(
    tmp_path: Path, note: str, old: str, new: str, line: int, expected: str
) -> None:
    root = make_site(tmp_path, note)
    edit(root, note, old, new)
    path = root / "sources" / "notes" / f"{note}.md"
    with pytest.raises(SourcegenError) as caught:
        load_notes(path.parent)
    assert caught.value.path == path
    assert caught.value.line == line
    assert expected in caught.value.message
    code, out, err = check(root)
    assert code == 1 and out == "1 problem found\n"
    assert f"{path}:{line}:" in err and expected in err


def test_vocabularies_are_small_and_plain() -> None:
    assert "partly accurate" in VERDICTS and "unsupported" in VERDICTS and len(VERDICTS) <= 8
    assert {"government", "company", "press", "analysis", "mirror"} <= set(SOURCE_KINDS)


# --- what the reader sees -----------------------------------------------------


def test_verdict_follows_the_claims_note_number_in_the_text(tmp_path: Path) -> None:
    page, _ = pages(make_site(tmp_path, "growth", "great"))
    body = next(line for line in page.splitlines() if line.startswith("**Jane Doe:**"))
    assert body == (
        "**Jane Doe:** Cameras are great[^great] *(verdict: unsupported)*{: .sg-verdict } "
        "and the market grows every year[^growth] *(verdict: partly accurate)*{: .sg-verdict }\\."
    )


def test_footnote_gives_kind_of_check_verdict_sources_and_checked_date(tmp_path: Path) -> None:
    page, _ = pages(make_site(tmp_path, "growth", "great"))
    definition = page.split("[^growth]:", 1)[1]
    assert definition.startswith(
        " **Does the market grow every year?** · claim checked · verdict: **partly accurate**"
    )
    assert (
        "(https://stats.example.gov/cameras) (government, primary source, 9 October 2019)"
        in definition
    )
    assert "(https://news.example.com/cameras) (press, January 2020)" in definition
    assert "(https://notes.example.org/) (undated)" in definition
    assert "Facts checked 2 November 2026; to be checked again by 1 January 2999." in definition
    # Each note shows its own date, not one date for all.
    assert "Facts checked 15 January 2020." in page.split("[^great]:", 1)[1].split("\n[^", 1)[0]


def test_corrections_are_printed_under_the_note_in_order(tmp_path: Path) -> None:
    page, notes_page = pages(make_site(tmp_path, "growth", "great"))
    for text in (page.split("[^growth]:", 1)[1], notes_page.split("{ #growth }", 1)[1]):
        first = text.index("**Correction, 1 October 2026:** An earlier version gave the wrong year")
        second = text.index("**Correction, 2 November 2026:** The trade paper")
        assert text.index("Facts checked 2 November 2026") < first < second
    assert "Correction" not in page.split("[^great]:", 1)[1].split("\n[^", 1)[0]


def test_notes_page_shows_kind_and_verdict_under_each_title(tmp_path: Path) -> None:
    _, notes_page = pages(make_site(tmp_path, "growth", "cameras-term"))
    assert re.search(
        r"### Does the market grow every year\? \{ #growth \}\n\n"
        r"claim checked · verdict: \*\*partly accurate\*\*\n\{: \.sg-note-kind \}",
        notes_page,
    )
    assert re.search(r"### Cameras \{ #cameras-term \}\n\nbackground\n", notes_page)


def test_rendered_html_is_plain_and_labelled(tmp_path: Path) -> None:
    root = make_site(tmp_path, "growth", "great")
    result = run_mkdocs(root)
    assert result.returncode == 0, result.stderr
    html = (root / "out" / "interviews" / MINI_SLUG / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    verdicts = soup.select("em.sg-verdict")
    assert [v.get_text() for v in verdicts] == [
        "(verdict: unsupported)",
        "(verdict: partly accurate)",
    ]
    for mark in verdicts:
        sup = mark.find_previous_sibling("sup")
        assert sup is not None and sup.select_one("a.footnote-ref") is not None
    # No attribute list shows as text (a footnote's last paragraph gets the back link).
    assert "{:" not in soup.get_text()
    notes_html = (root / "out" / "notes" / "index.html").read_text(encoding="utf-8")
    kinds = BeautifulSoup(notes_html, "html.parser").select("p.sg-note-kind")
    assert [k.get_text() for k in kinds] == [  # notes in id order: great, growth
        "claim checked · verdict: unsupported",
        "claim checked · verdict: partly accurate",
    ]


# --- warnings of `sourcegen check` ----------------------------------------------


def test_claim_resting_only_on_mirrors_or_analysis_warns_but_passes(tmp_path: Path) -> None:
    root = make_site(tmp_path, "great", "growth")
    code, out, err = check(root)
    assert code == 0, err
    great = root / "sources" / "notes" / "great.md"
    assert err.splitlines() == [
        f"warning: {great}:9: claim note `great` rests only on analysis, mirror sources: "
        "expected at least one government, company, press or reference source"
    ]
    assert out == "ok: 1 interview, 2 notes, 1 warning\n"


def test_one_sound_source_is_enough(tmp_path: Path) -> None:
    root = make_site(tmp_path, "great")
    edit(root, "great", "kind: mirror", "kind: press")
    code, out, err = check(root)
    assert (code, err) == (0, "")
    assert out == "ok: 1 interview, 1 note\n"


def test_claim_without_verdict_and_past_review_date_warn(tmp_path: Path) -> None:
    root = make_site(tmp_path, "unrated")
    code, out, err = check(root)
    path = root / "sources" / "notes" / "unrated.md"
    assert code == 0
    assert err.splitlines() == [
        f"warning: {path}:4: claim note `unrated` has no `verdict:`",
        f"warning: {path}:6: note `unrated` was due for review on 2000-01-01",
    ]
    assert "2 warnings" in out


def test_warnings_do_not_hide_errors(tmp_path: Path) -> None:
    root = make_site(tmp_path, "unrated")
    md = root / "sources" / "interviews" / MINI_SLUG / "interview.md"
    md.write_text(md.read_text(encoding="utf-8").replace("great and ", ""), encoding="utf-8")
    code, out, err = check(root)
    assert code == 1 and out == "1 problem found\n"
    assert "warning:" in err and "error:" in err and "“great”" in err


def test_stale_lists_notes_checked_longer_ago_than_days(tmp_path: Path) -> None:
    root = make_site(tmp_path, "growth", "great")
    age = (dt.date.today() - dt.date(2026, 11, 2)).days  # growth's as_of
    great = root / "sources" / "notes" / "great.md"
    code, _, err = check(root, "--stale", str(age))
    assert code == 0
    stale = [line for line in err.splitlines() if "last checked" in line]
    assert stale == [
        f"warning: {great}:6: note `great` was last checked 2020-01-15, "
        f"{(dt.date.today() - dt.date(2020, 1, 15)).days} days ago (more than {age})"
    ]
    _, _, err = check(root, "--stale", str(age - 1))
    assert sum("last checked" in line for line in err.splitlines()) == 2
    _, _, err = check(root)  # without --stale, age is not judged
    assert "last checked" not in err


def test_stale_says_when_as_of_is_not_a_day(tmp_path: Path) -> None:
    root = make_site(tmp_path, "cameras-term")
    code, _, err = check(root, "--stale", "30")
    assert code == 0
    assert "`as_of` is `2026-11`, not a date as YYYY-MM-DD" in err


def test_stale_rejects_a_negative_number(tmp_path: Path) -> None:
    code, _, err = check(make_site(tmp_path, "great"), "--stale", "-1")
    assert code == 2 and "--stale" in err


def test_correction_later_than_as_of_warns(tmp_path: Path) -> None:
    root = make_site(tmp_path, "growth")
    edit(root, "growth", "as_of: 2026-11-02", "as_of: 2026-10-15")
    code, _, err = check(root)
    assert code == 0
    assert "note `growth` was corrected on 2026-11-02, after its `as_of` 2026-10-15" in err


def test_warnings_are_computed_for_a_given_day() -> None:
    notes = load_notes(FIXTURES)
    messages = [(w.path.stem, w.message) for w in note_warnings(notes, dt.date(2026, 12, 1), 365)]
    assert (
        "great",
        "note `great` was last checked 2020-01-15, 2512 days ago (more than 365)",
    ) in messages
    assert ("unrated", "note `unrated` was due for review on 2000-01-01") in messages
    assert not any(stem == "growth" for stem, _ in messages)
    before_review = note_warnings(notes, dt.date(1999, 12, 31))
    assert not any("due for review" in w.message for w in before_review)


def test_event_notes_show_their_own_date_review_and_corrections_under_what_happened_next(
    tmp_path: Path,
) -> None:
    page, _ = pages(make_site(tmp_path, "recall", "great"))
    after = page.split("## What happened next", 1)[1].split("\n## ", 1)[0]
    assert "### Acme recalls a camera { #next-recall data-search-exclude }" in after
    assert (
        "[The recall notice](https://recalls.example.gov/acme) (government, primary source, 1 May 2025). "
        "Facts checked 20 November 2026; to be checked again by 1 February 2027." in after
    )
    assert "**Correction, 20 November 2026:** The recall's date was wrong by a month." in after
    # An event note is not a claim: no verdict mark, and none is asked for.
    assert "verdict" not in after
    code, _, err = check(make_site(tmp_path / "again", "recall"))
    assert (code, err) == (0, "")


def test_a_correction_is_text_not_markup(tmp_path: Path) -> None:
    root = make_site(tmp_path, "recall")
    edit(
        root,
        "recall",
        "change: The recall's",
        "change: \"<b>Bold</b> *claim* [link](x) The recall's",
    )
    edit(root, "recall", "by a month.}", 'by a month."}')
    page, _ = pages(root)
    line = next(x for x in page.splitlines() if x.startswith("**Correction, 20 November 2026:**"))
    assert "<b>" not in line and "*claim*" not in line and "[link](x)" not in line
    result = run_mkdocs(root)
    assert result.returncode == 0, result.stderr
    html = (root / "out" / "interviews" / MINI_SLUG / "index.html").read_text(encoding="utf-8")
    text = BeautifulSoup(html, "html.parser").get_text()
    assert "<b>Bold</b> *claim* [link](x) The recall's date was wrong by a month." in text
