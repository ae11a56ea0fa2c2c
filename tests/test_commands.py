"""The commands an editor expects, each with -h, on fixture sites of their own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINI_INTERVIEW, MINI_RAW, copy_skeleton, run_mkdocs, write_mini_site

from sourcegen.cli import main
from sourcegen.notes import parse_note

COMMANDS = [
    "import",
    "build",
    "check",
    "note",
    "note new",
    "notes",
    "terms",
    "rename",
    "remove",
    "search",
]

CLAIM = """\
---
id: growth
title: Market growth
group: claim
as_of: 2020-01-01
match: [grows every year]
interviews:
  - acme   # the mini interview
sources:
  - {title: A source, url: "https://example.org/", date: 2019}
---
Growth figures.
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    site = write_mini_site(copy_skeleton(tmp_path / "site", with_sources=False))
    (site / "sources" / "notes" / "growth.md").write_text(CLAIM, encoding="utf-8")
    return site


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_has_help(command: str, flag: str) -> None:
    code, out, err = run(*command.split(), flag)
    assert code == 0, err
    assert out.startswith("Usage: ") and command.split()[-1] in out


def test_the_command_list_is_not_cut_mid_phrase() -> None:
    code, out, _ = run("-h")
    assert code == 0
    listed = out.split("Commands:\n", 1)[1].splitlines()
    assert len(listed) == len({c.split()[0] for c in COMMANDS})
    for row in listed:
        assert row.rstrip().endswith((".", ")")), row
        assert "..." not in row


def test_note_new_writes_a_note_that_reads_back_and_refuses_to_overwrite(mini: Path) -> None:
    code, out, err = run("note", "new", "lens-makers", "--match", "cameras", "--root", str(mini))
    assert code == 0, err
    path = mini / "sources" / "notes" / "lens-makers.md"
    assert "wrote sources/notes/lens-makers.md" in out
    note = parse_note(path.read_text(encoding="utf-8"), path)
    assert note.as_of == dt.date.today().isoformat()
    assert note.match == ["cameras"] and note.group == "term"
    path.write_text(path.read_text(encoding="utf-8") + "My edit.\n", encoding="utf-8")
    before = path.read_bytes()
    code, _, err = run("note", "new", "lens-makers", "--root", str(mini))
    assert code == 1 and "exists already" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize("bad", ["Lens", "a b", "x/y"])
def test_note_new_refuses_an_id_that_is_no_file_name(mini: Path, bad: str) -> None:
    code, _, err = run("note", "new", bad, "--root", str(mini))
    assert code == 1 and f"found `{bad}`" in err
    assert sorted(p.name for p in (mini / "sources" / "notes").iterdir()) == [
        "growth.md",
        "market.md",
    ]


def test_notes_lists_use_stale_and_unused(mini: Path) -> None:
    (mini / "sources" / "notes" / "drones.md").write_text(
        CLAIM.replace("id: growth", "id: drones")
        .replace("group: claim", "group: term")
        .replace("match: [grows every year]", "match: [drones]")
        .replace("interviews:\n  - acme   # the mini interview\n", ""),
        encoding="utf-8",
    )
    code, out, err = run("notes", "--root", str(mini))
    assert code == 0, err
    rows = dict(row.split(" ", 1) for row in out.splitlines())
    assert rows["growth"] == "(claim, as of 2020-01-01) [STALE]: used in acme"
    assert rows["market"] == "(term, as of 2026-11-26): used in acme"
    assert rows["drones"] == "(term, as of 2020-01-01) [STALE, UNUSED]: used nowhere"


def test_terms_lists_what_no_note_explains(mini: Path) -> None:
    md = mini / "sources" / "interviews" / "acme" / "interview.md"
    raw = md.parent / "raw.txt"
    extra = (
        " We sell CCTV to Acme, the Federal Trade Commission, the Bank of England and NVR makers."
    )
    md.write_text(MINI_INTERVIEW.replace("every year.", "every year." + extra), encoding="utf-8")
    raw.write_text(MINI_RAW.replace("every year.", "every year." + extra), encoding="utf-8")
    (mini / "sources" / "glossary.yml").write_text(
        "NVR: Network video recorder\n", encoding="utf-8"
    )
    code, out, err = run("terms", "acme", "--root", str(mini))
    assert code == 0, err
    terms = [row.split(": ", 1)[1] for row in out.splitlines()]
    # "Cameras" only starts a sentence; NVR has a tooltip; Jane Doe is a speaker.
    assert terms == ["CCTV", "Acme", "Federal Trade Commission", "Bank of England"]
    assert out.startswith("sources/interviews/acme/interview.md:11: CCTV\n")


def test_terms_of_an_unknown_interview_is_one_line(mini: Path) -> None:
    code, _, err = run("terms", "nope", "--root", str(mini))
    assert code == 1 and "expected an interview `nope`" in err
    assert len(err.strip().splitlines()) == 1


def test_rename_moves_fixes_notes_and_keeps_the_old_address(mini: Path) -> None:
    code, out, err = run("rename", "acme", "acme-cameras", "--root", str(mini))
    assert code == 0, err
    assert "1 note updated" in out
    assert not (mini / "sources" / "interviews" / "acme").exists()
    assert (mini / "sources" / "interviews" / "acme-cameras" / "raw.txt").is_file()
    claim = (mini / "sources" / "notes" / "growth.md").read_text(encoding="utf-8")
    assert "interviews: [acme-cameras]" in claim and "match: [grows every year]" in claim
    assert "acme: acme-cameras" in (mini / "sources" / "redirects.yml").read_text(encoding="utf-8")
    code, _, err = run("check", "--root", str(mini))
    assert code == 0, err
    proc = run_mkdocs(mini)
    assert proc.returncode == 0, proc.stderr
    old = (mini / "out" / "interviews" / "acme" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../acme-cameras/">' in old
    assert (mini / "out" / "interviews" / "acme-cameras" / "index.html").is_file()


def test_rename_refuses_a_taken_name_and_changes_nothing(mini: Path) -> None:
    write_mini_site_copy = mini / "sources" / "interviews" / "other"
    write_mini_site_copy.mkdir()
    code, _, err = run("rename", "acme", "other", "--root", str(mini))
    assert code == 1 and "exists already" in err
    assert (mini / "sources" / "interviews" / "acme" / "interview.md").is_file()
    assert "- acme" in (mini / "sources" / "notes" / "growth.md").read_text(encoding="utf-8")
    assert not (mini / "sources" / "redirects.yml").exists()


def test_a_move_the_file_system_refuses_is_one_line_naming_the_folder(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Path, target: Path) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "rename", refuse)
    code, _, err = run("rename", "acme", "acme-cameras", "--root", str(mini))
    assert code == 1, err
    assert err.startswith("error: ") and "Traceback" not in err
    assert "interviews/acme: cannot move: Permission denied" in err
    assert (mini / "sources" / "interviews" / "acme" / "interview.md").is_file()


def test_remove_keeps_the_files_and_redirects_to_the_list(mini: Path) -> None:
    code, _, err = run("remove", "acme", "--root", str(mini))
    assert code == 1 and "note `growth` is only for `acme`" in err
    assert (mini / "sources" / "interviews" / "acme" / "interview.md").is_file()
    (mini / "sources" / "notes" / "growth.md").unlink()
    (mini / "sources" / "notes" / "market.md").unlink()
    code, out, err = run("remove", "acme", "--root", str(mini))
    assert code == 0, err
    assert out.startswith("removed acme (kept in sources/removed/acme); 0 notes updated")
    assert (mini / "sources" / "removed" / "acme" / "interview.md").is_file()
    assert "acme: null" in (mini / "sources" / "redirects.yml").read_text(encoding="utf-8")
    proc = run_mkdocs(mini)
    assert proc.returncode == 0, proc.stderr
    page = (mini / "out" / "interviews" / "acme" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../"' in page


def test_a_redirect_for_a_slug_in_use_again_is_an_error(mini: Path) -> None:
    (mini / "sources" / "redirects.yml").write_text("acme: null\n", encoding="utf-8")
    code, _, err = run("check", "--root", str(mini))
    assert code == 1 and "redirects.yml: `acme` is an interview again" in err


def test_import_takes_source_url_publication_and_date(mini: Path, tmp_path: Path) -> None:
    raw = tmp_path / "article.txt"
    # Labelled turns: one bare question alone is not evidence enough of an interview.
    labelled = MINI_RAW.replace("What do you", "Q: What do you").replace(
        "Cameras are", "A: Cameras are"
    )
    raw.write_text(
        "# source: https://example.org/from-the-scraper\n\n" + labelled, encoding="utf-8"
    )
    code, out, err = run("import", str(raw), "--slug", "scraped", "--root", str(mini))
    assert code == 0, err
    assert "1 section, 1 removal recorded" in out
    text = (mini / "sources" / "interviews" / "scraped" / "interview.md").read_text(
        encoding="utf-8"
    )
    assert "source_url: https://example.org/from-the-scraper" in text
    # The imported file explains itself: a comment beside each key.
    assert "# YYYY-MM-DD / YYYY-MM / YYYY, or null when the source gives none" in text
    assert "removed:" in text and "# every span of raw.txt not on the page" in text
    assert "# source:" not in text.split("removed:")[0]
    code, _, err = run(
        "import",
        str(raw),
        "--slug",
        "given",
        "--source-url",
        "https://example.org/given",
        "--publication",
        "The Daily Lens",
        "--date",
        "2019-02",
        "--root",
        str(mini),
    )
    assert code == 0, err
    text = (mini / "sources" / "interviews" / "given" / "interview.md").read_text(encoding="utf-8")
    assert "source_url: https://example.org/given" in text
    assert "publication: The Daily Lens" in text and "date: 2019-02" in text


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--date", "Nov 2006", "--date: expected a date written YYYY-MM-DD"),
        ("--date", "2006-02-30", "--date: expected a day that exists in February 2006"),
        ("--source-url", "javascript:alert(1)", "--source-url: expected an http(s) URL"),
    ],
)
def test_import_refuses_a_bad_option_and_writes_nothing(
    mini: Path, tmp_path: Path, option: str, value: str, expected: str
) -> None:
    raw = tmp_path / "article.txt"
    raw.write_text(MINI_RAW, encoding="utf-8")
    code, _, err = run("import", str(raw), "--slug", "x", option, value, "--root", str(mini))
    assert code == 1 and expected in err
    assert not (mini / "sources" / "interviews" / "x").exists()


def _second_interview(site: Path, draft: bool) -> None:
    folder = site / "sources" / "interviews" / "beta"
    folder.mkdir()
    head = "---\ndraft: true\n" if draft else "---\n"
    (folder / "interview.md").write_text(
        MINI_INTERVIEW.replace("---\n", head, 1).replace("Acme Chief", "Beta Chief"),
        encoding="utf-8",
    )
    (folder / "raw.txt").write_text(MINI_RAW.replace("Acme Chief", "Beta Chief"), encoding="utf-8")


def test_drafts_are_checked_and_served_but_not_deployed(mini: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from sourcegen import plugin
    from sourcegen.pipeline import Project, generate

    _second_interview(mini, draft=True)
    note = mini / "sources" / "notes" / "growth.md"
    note.write_text(CLAIM.replace("id: growth\n", "id: growth\ndraft: true\n"), encoding="utf-8")
    code, out, err = run("check", "--root", str(mini))
    assert code == 0, err
    assert "note: drafts, left out of deploy builds: beta, note growth" in out

    deployed = generate(Project(mini)).outputs
    assert mini / "docs" / "interviews" / "beta.md" not in deployed
    assert "[^growth]" not in deployed[mini / "docs" / "interviews" / "acme.md"]
    assert "beta" not in deployed[mini / "docs" / "interviews" / "index.md"]
    served = generate(Project(mini), drafts=True).outputs
    assert mini / "docs" / "interviews" / "beta.md" in served
    assert "[^growth]" in served[mini / "docs" / "interviews" / "acme.md"]

    proc = run_mkdocs(mini)
    assert proc.returncode == 0, proc.stderr
    assert not (mini / "out" / "interviews" / "beta").exists()
    assert (mini / "out" / "interviews" / "acme" / "index.html").is_file()

    config = load_config(str(mini / "mkdocs.yml"), site_dir=str(mini / "out2"))
    try:
        config.plugins.on_startup(command="serve", dirty=False)
        files = config.plugins.on_files(Files([]), config=config)
        assert files.get_file_from_path("interviews/beta.md") is not None
    finally:
        plugin._SERVING = False


def test_draft_must_be_true_or_false(mini: Path) -> None:
    _second_interview(mini, draft=False)
    md = mini / "sources" / "interviews" / "beta" / "interview.md"
    md.write_text(
        md.read_text(encoding="utf-8").replace("---\n", "---\ndraft: maybe\n", 1), encoding="utf-8"
    )
    code, _, err = run("check", "--root", str(mini))
    assert (
        code == 1 and "beta/interview.md:2: `draft`: expected true or false, found 'maybe'" in err
    )


@pytest.mark.parametrize(
    "dek", ["two\nlines # not a comment", "ends with a colon:", "'quoted'  # x"]
)
def test_front_matter_comments_never_change_a_value(dek: str) -> None:
    from sourcegen.model import Interview, Meta, Speaker
    from sourcegen.parse import parse_text
    from sourcegen.serialise import dump

    meta = Meta(title="T", dek=dek, speakers=[Speaker("Lens", "The Daily Lens", "interviewer")])
    back = parse_text(dump(Interview("t", meta)), Path("interview.md"), "t")
    assert back.meta.dek == dek
