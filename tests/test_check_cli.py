"""`sourcegen check`, `import` and `build` through the CLI, on temporary copies of the site."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import run_mkdocs

from sourcegen.cli import main

SLUG = "hikvision-president-chats-with-ssi"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_passes_on_the_repository_sources(site: Path) -> None:
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
    raw = CORPUS / "05_sen_future_of_cctv.txt"
    code, out, _ = run("import", str(raw), "--slug", "cctv", "--dry-run", "--root", str(empty_site))
    assert code == 0
    assert "speaker: Q (interviewer)" in out and "question #" in out
    assert not (empty_site / "sources" / "interviews" / "cctv").exists()


def test_two_interviews_of_different_shapes_build_a_site(empty_site: Path) -> None:
    """End to end: import a Q/A interview and a round table, then a strict MkDocs build."""
    for raw, slug in (
        (CORPUS / "05_sen_future_of_cctv.txt", "future-of-cctv"),
        (CORPUS / "02_siw_hanwha_video_roundtable.txt", "paradigm-shift"),
    ):
        code, _, err = run("import", str(raw), "--slug", slug, "--root", str(empty_site))
        assert code == 0, err
    # The Q/A sample has no title: the importer says so and leaves it for the editor.
    md = empty_site / "sources" / "interviews" / "future-of-cctv" / "interview.md"
    text = md.read_text(encoding="utf-8")
    assert "title: null" in text
    md.write_text(
        text.replace("title: null", "title: What’s the future of CCTV?")
        # ...and names the people the importer could only call Interviewer and Interviewee.
        .replace("name: Interviewer\n", "name: John\n")
        .replace("name: Interviewee\n", "name: Vlado\n"),
        encoding="utf-8",
    )
    code, _, err = run("check", "--root", str(empty_site))
    assert code == 0, err
    proc = run_mkdocs(empty_site)
    assert proc.returncode == 0, proc.stderr
    index = (empty_site / "out" / "interviews" / "index.html").read_text(encoding="utf-8")
    assert "Insights on the Paradigm Shift" in index and "What’s the future of CCTV?" in index
    assert index.index("Insights on the Paradigm Shift") < index.index(
        "What’s the future of CCTV?"
    )  # dated first
    page = (empty_site / "out" / "interviews" / "paradigm-shift" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'data-speaker="Steve Lasky"' in page and "<strong>Ray Cooke:</strong>" in page
