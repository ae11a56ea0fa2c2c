"""`sourcegen check`, `import` and `build` through the CLI, on temporary copies of the site."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, run_mkdocs

from sourcegen.cli import main

SLUG = "hikvision-president-chats-with-ssi"
RAW = FIXTURES / "raw"  # articles of the corpus's shapes, written for these tests


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_passes_on_the_fixture_site(site: Path) -> None:
    code, out, err = run("check", "--root", str(site))
    assert code == 0, err
    assert "ok:" in out


def test_check_fails_when_a_word_is_lost(site: Path) -> None:
    md = site / "sources" / "interviews" / SLUG / "interview.md"
    md.write_text(md.read_text(encoding="utf-8").replace("ostentatious ", ""), encoding="utf-8")
    code, _, err = run("check", "--root", str(site))
    assert code == 1
    assert "“ostentatious”" in err and "raw.txt line 40" in err


def test_check_fails_on_a_forged_removal(site: Path) -> None:
    md = site / "sources" / "interviews" / SLUG / "interview.md"
    md.write_text(
        md.read_text(encoding="utf-8").replace("- line: 42\n", "- line: 44\n"), encoding="utf-8"
    )
    code, _, err = run("check", "--root", str(site))
    assert code == 1
    assert "removal recorded at raw.txt line 44 does not match raw.txt" in err


def test_claim_note_whose_phrase_is_gone_names_note_and_phrase(site: Path) -> None:
    note = site / "sources" / "notes" / "boeing.md"
    note.write_text(
        note.read_text(encoding="utf-8").replace(
            "sell 26 percent of its products to China", "sell 27 percent of its products to China"
        ),
        encoding="utf-8",
    )
    code, _, err = run("check", "--root", str(site))
    assert code == 1
    assert (
        "boeing.md" in err
        and "`boeing`" in err
        and "“sell 27 percent of its products to China”" in err
    )


def test_note_without_sources_fails(site: Path) -> None:
    note = site / "sources" / "notes" / "tvi.md"
    text = note.read_text(encoding="utf-8")
    head, body = text.split("\nsources:\n", 1)
    rest = body.split("\n---\n", 1)[1]
    note.write_text(head + "\nsources: []\n---\n" + rest, encoding="utf-8")
    code, _, err = run("check", "--root", str(site))
    assert code == 1
    assert "tvi.md" in err and "at least one source" in err


def test_import_refuses_to_overwrite_and_writes_beside(site: Path) -> None:
    md = site / "sources" / "interviews" / SLUG / "interview.md"
    md.write_text(md.read_text(encoding="utf-8").replace("NVRS", "NVRs"), encoding="utf-8")
    before = md.read_bytes()
    code, _, err = run("import", str(md.parent / "raw.txt"), "--slug", SLUG, "--root", str(site))
    assert code == 1
    assert "interview.imported.md" in err
    assert md.read_bytes() == before
    assert (md.parent / "interview.imported.md").exists()


def test_import_dry_run_writes_nothing(empty_site: Path) -> None:
    raw = RAW / "qa-no-title.txt"
    code, out, _ = run("import", str(raw), "--slug", "cctv", "--dry-run", "--root", str(empty_site))
    assert code == 0
    assert "speaker: Q (interviewer)" in out and "question #" in out
    assert not (empty_site / "sources" / "interviews" / "cctv").exists()


def _import_both_and_build(site: Path, qa: Path, round_table: Path) -> str:
    """Import a Q/A interview with no title and a dated round table, fix the
    missing title as an editor would, check, build strictly: the index HTML."""
    for raw, slug in ((qa, "q-and-a"), (round_table, "round-table")):
        code, _, err = run("import", str(raw), "--slug", slug, "--root", str(site))
        assert code == 0, err
    # The Q/A sample has no title: the importer says so and leaves it for the editor.
    md = site / "sources" / "interviews" / "q-and-a" / "interview.md"
    text = md.read_text(encoding="utf-8")
    assert "title: null" in text
    md.write_text(
        text.replace("title: null", "title: A Q/A with no title")
        # ...and names the people the importer could only call Interviewer and Interviewee.
        .replace("name: Interviewer\n", "name: Sam Asker\n")
        .replace("name: Interviewee\n", "name: Pat Answerer\n"),
        encoding="utf-8",
    )
    code, _, err = run("check", "--root", str(site))
    assert code == 0, err
    proc = run_mkdocs(site)
    assert proc.returncode == 0, proc.stderr
    return (site / "out" / "interviews" / "index.html").read_text(encoding="utf-8")


def test_two_interviews_of_different_shapes_build_a_site(empty_site: Path) -> None:
    """End to end: import a Q/A interview and a round table, then a strict MkDocs build."""
    index = _import_both_and_build(empty_site, RAW / "qa-no-title.txt", RAW / "round-table.txt")
    title = "Lessons From a Year of Remote Monitoring"
    assert title in index and "A Q/A with no title" in index
    assert index.index(title) < index.index("A Q/A with no title")  # dated first
    page = (empty_site / "out" / "interviews" / "round-table" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'data-speaker="Dana Whitlock"' in page and "<strong>Omar Haddad:</strong>" in page


def test_two_corpus_interviews_of_different_shapes_build_a_site(
    empty_site: Path, corpus: Path
) -> None:
    """The same with two real articles of the external corpus (--corpus / SOURCEGEN_CORPUS)."""
    qa, round_table = (
        corpus / "05_sen_future_of_cctv.txt",
        corpus / "02_siw_hanwha_video_roundtable.txt",
    )
    if not (qa.is_file() and round_table.is_file()):
        pytest.skip(
            f"{corpus} lacks 05_sen_future_of_cctv.txt or 02_siw_hanwha_video_roundtable.txt"
        )
    index = _import_both_and_build(empty_site, qa, round_table)
    title = "Insights on the Paradigm Shift"
    assert title in index and index.index(title) < index.index("A Q/A with no title")
    page = (empty_site / "out" / "interviews" / "round-table" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'data-speaker="Steve Lasky"' in page and "<strong>Ray Cooke:</strong>" in page
