"""A failed or killed run never leaves a half-written file, and no edit is overwritten.

Generated files (docs/interviews/*.md, docs/notes.md, includes/abbreviations.md)
are computed in memory and each written through a temporary file and a
rename: after a failure every one is either as it was or complete. Editor
files are never replaced behind the editor's back: a re-import writes beside
interview.md, and a generated page edited by hand stops the build.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINI_INTERVIEW as INTERVIEW
from conftest import MINI_NOTE, run_mkdocs, write_mini_site
from conftest import MINI_SLUG as SLUG

from sourcegen import fileio
from sourcegen.cli import main
from sourcegen.errors import SourcegenError
from sourcegen.pipeline import Project, build, generate

NOTE = MINI_NOTE.replace(
    "match: [market]\n", "match: [market]\nabbr: {SOE: State-owned enterprise}\n"
)
ARTICLE = """\
Acme Chief Talks Cameras

The Daily Lens spoke with Acme’s Jane Doe about cameras and the market.

What do you think about cameras?

Cameras are great and we sell many of them every year, in every region.
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def temp_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.tmp"))


def generated(root: Path) -> dict[str, bytes]:
    """Every file sourcegen writes, and any temporary file it left."""
    found = [*(root / "docs" / "interviews").glob("*.md"), root / "docs" / "notes.md"]
    found += [root / "includes" / "abbreviations.md", *temp_files(root)]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(found) if p.is_file()}


@pytest.fixture
def built(empty_site: Path) -> Path:
    """A small site, built once."""
    write_mini_site(empty_site, NOTE)
    code, out, err = run("build", "--root", str(empty_site))
    assert code == 0, err
    assert out.startswith("wrote 4 files")
    return empty_site


def change_everything(root: Path) -> None:
    """An edit that changes every generated file: title, note text, abbreviation."""
    md = root / "sources" / "interviews" / SLUG / "interview.md"
    md.write_text(INTERVIEW.replace("The Daily Lens\n", "The Weekly Lens\n"), encoding="utf-8")
    note = root / "sources" / "notes" / "market.md"
    note.write_text(
        NOTE.replace("where cameras", "where all cameras").replace("State-owned", "State"),
        encoding="utf-8",
    )


def put(rel: str, text: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")

    return apply


BREAKAGES = {
    "note with bad YAML": put("sources/notes/broken.md", "---\nid: [broken\n---\nText.\n"),
    "note matching nothing": put(
        "sources/notes/nothing.md",
        NOTE.replace("id: market", "id: nothing").replace("[market]", "[purple elephants]"),
    ),
    "interview.md with an unknown speaker": put(
        f"sources/interviews/{SLUG}/interview.md", INTERVIEW.replace("**Jane Doe:**", "**Bob:**")
    ),
    "second interview without front matter": put("sources/interviews/b/interview.md", "# Hi\n"),
    "glossary not a mapping": put("sources/glossary.yml", "- a\n"),
    "site template with an undefined name": put("templates/notes.md.j2", "{{ nope }}\n"),
    "site template with a syntax error": put("templates/index.md.j2", "{% if %}\n"),
}


@pytest.mark.parametrize("breakage", BREAKAGES.values(), ids=BREAKAGES.keys())
def test_failing_build_leaves_every_generated_file_as_it_was(
    built: Path, breakage: Callable[[Path], None]
) -> None:
    before = generated(built)
    change_everything(built)  # the build would change every file if it got that far
    breakage(built)
    code, out, err = run("build", "--root", str(built))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: "), err
    assert generated(built) == before
    assert temp_files(built) == []


def test_broken_site_template_under_mkdocs_is_one_clear_line(built: Path) -> None:
    put("templates/notes.md.j2", "{{ nope }}\n")(built)
    proc = run_mkdocs(built)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "templates/notes.md.j2:1" in proc.stderr


def _fail_on_call(n: int, real: Callable[..., object]) -> Callable[..., object]:
    calls = 0

    def fake(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == n:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    return fake


@pytest.mark.parametrize("step", ["replace", "fsync"])
def test_write_failing_midway_leaves_each_file_old_or_new(
    built: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    old = generated(built)
    change_everything(built)
    new = {Project(built).rel(p): t.encode() for p, t in generate(Project(built)).outputs.items()}
    assert set(new) == set(old) and all(new[k] != old[k] for k in old)
    # The second file fails: after its data is written (fsync) or at the rename.
    monkeypatch.setattr(fileio.os, step, _fail_on_call(2, getattr(os, step)))
    with pytest.raises(SourcegenError, match=r"docs/.*: cannot write: No space left"):
        build(Project(built))
    after = generated(built)
    assert set(after) == set(old), "a temporary file was left behind"
    states = [
        "new" if after[k] == new[k] else "old" if after[k] == old[k] else "PARTIAL" for k in old
    ]
    assert states.count("new") == 1 and "PARTIAL" not in states, states
    # Through the CLI the same failure is one line, and a later build completes.
    monkeypatch.setattr(fileio.os, step, _fail_on_call(1, getattr(os, step)))
    code, _, err = run("build", "--root", str(built))
    # It names the file that could not be written (write.py), like any other error.
    assert code == 1 and re.fullmatch(
        r"error: \S+\.md: cannot write: No space left on device\n", err
    )
    monkeypatch.undo()
    code, _, err = run("build", "--root", str(built))
    assert code == 0, err
    assert generated(built) == new


KILLABLE = """
import os, sys, time
from sourcegen import fileio
from sourcegen.cli import main
from sourcegen.errors import SourcegenError
real, calls = os.fsync, 0
def fsync(fd):
    global calls
    calls += 1
    if calls == 2:  # the second file's data is written, not yet renamed into place
        print("ready", flush=True)
        time.sleep(60)
    real(fd)
fileio.os.fsync = fsync
main(["build", "--root", sys.argv[1]])
"""


def test_build_killed_midway_leaves_each_file_old_or_new(built: Path) -> None:
    old = generated(built)
    change_everything(built)
    new = {Project(built).rel(p): t.encode() for p, t in generate(Project(built)).outputs.items()}
    child = subprocess.Popen(
        [sys.executable, "-c", KILLABLE, str(built)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n", child.stderr.read() if child.stderr else ""
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    after = generated(built)
    real = {k: v for k, v in after.items() if not k.split("/")[-1].startswith(".")}
    states = [
        "new" if real[k] == new[k] else "old" if real[k] == old[k] else "PARTIAL" for k in old
    ]
    assert states.count("new") == 1 and "PARTIAL" not in states, states
    # A kill leaves the unfinished temporary file: hidden (MkDocs skips dotfiles), and
    # the next build finishes the job around it.
    leftovers = [p.name for p in temp_files(built)]
    assert len(leftovers) == 1 and leftovers[0].startswith("."), leftovers
    code, _, err = run("build", "--root", str(built))
    assert code == 0, err
    assert {k: v for k, v in generated(built).items() if k in new} == new
    proc = run_mkdocs(built)
    assert proc.returncode == 0, proc.stderr
    assert not list((built / "out").rglob("*.tmp"))


# --- editor files are never overwritten ----------------------------------------


@pytest.fixture
def imported(empty_site: Path, tmp_path: Path) -> tuple[Path, Path]:
    raw = tmp_path / "article.txt"
    raw.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run("import", str(raw), "--slug", SLUG, "--root", str(empty_site))
    assert code == 0, err
    return empty_site, raw


def test_reimport_never_overwrites_interview_md(imported: tuple[Path, Path]) -> None:
    root, raw = imported
    folder = root / "sources" / "interviews" / SLUG
    md = folder / "interview.md"
    fresh = md.read_text(encoding="utf-8")
    # Importing the same article again, untouched: nothing to do.
    code, out, err = run("import", str(raw), "--slug", SLUG, "--root", str(root))
    assert code == 0 and "unchanged" in out, err
    assert not (folder / "interview.imported.md").exists()
    # The editor edits; a re-import writes beside the file and says so.
    edited = fresh.replace("we sell many", "we sell very many")
    md.write_text(edited, encoding="utf-8")
    code, _, err = run("import", str(raw), "--slug", SLUG, "--root", str(root))
    assert code == 1
    assert "interview.md" in err and "interview.imported.md" in err and "--force" in err
    assert md.read_text(encoding="utf-8") == edited
    assert (folder / "interview.imported.md").read_text(encoding="utf-8") == fresh
    assert temp_files(root) == []
    # Only --force replaces it.
    code, _, err = run("import", str(raw), "--slug", SLUG, "--force", "--root", str(root))
    assert code == 0, err
    assert md.read_text(encoding="utf-8") == fresh


def test_reimport_of_a_different_article_keeps_raw_txt(
    imported: tuple[Path, Path], tmp_path: Path
) -> None:
    root, _ = imported
    folder = root / "sources" / "interviews" / SLUG
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    other = tmp_path / "other.txt"
    other.write_text(ARTICLE.replace("cameras", "locks"), encoding="utf-8")
    code, _, err = run("import", str(other), "--slug", SLUG, "--root", str(root))
    assert code == 1 and "raw.txt" in err and "--slug" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_reimport_onto_a_non_utf8_interview_md_is_one_line(imported: tuple[Path, Path]) -> None:
    root, raw = imported
    md = root / "sources" / "interviews" / SLUG / "interview.md"
    md.write_bytes(md.read_bytes().replace("’".encode(), b"\x92"))
    before = md.read_bytes()
    code, _, err = run("import", str(raw), "--slug", SLUG, "--root", str(root))
    assert code == 1 and err.startswith("error: ") and "interview.md" in err, err
    assert md.read_bytes() == before


HAND_EDITS = [
    pytest.param(
        lambda text: text.replace("Cameras are great", "Cameras are grand"), id="body edited"
    ),
    pytest.param(lambda text: text.replace("title: ", "title: X ", 1), id="front matter edited"),
]
"""Edits to a page sourcegen wrote. A page it never wrote is never replaced, not even
with --force (test_redteam.py, item 4)."""


@pytest.mark.parametrize("edit", HAND_EDITS)
def test_hand_edited_generated_page_is_reported_not_replaced(
    built: Path, edit: Callable[[str], str]
) -> None:
    page = built / "docs" / "interviews" / f"{SLUG}.md"
    page.write_text(edit(page.read_text(encoding="utf-8")), encoding="utf-8")
    change_everything(built)
    before = generated(built)
    code, _, err = run("build", "--root", str(built))
    assert code == 1 and err.count("\n") == 1
    assert f"docs/interviews/{SLUG}.md" in err and "--force" in err
    assert generated(built) == before  # the other pages wait too
    refused = err
    code, _, err = run("check", "--root", str(built))
    assert code == 1 and f"docs/interviews/{SLUG}.md: " in err and "will not overwrite it" in err
    assert refused in err  # one refusal, worded once (errors.hand_edit_refusal)
    code, _, err = run("build", "--force", "--root", str(built))
    assert code == 0, err
    code, _, err = run("check", "--root", str(built))
    assert code == 0, err


def test_hand_edited_page_stops_mkdocs_too(built: Path) -> None:
    page = built / "docs" / "interviews" / f"{SLUG}.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAdded by hand.\n", encoding="utf-8")
    before = page.read_bytes()
    proc = run_mkdocs(built)
    assert proc.returncode == 1
    assert f"docs/interviews/{SLUG}.md" in proc.stderr and "Traceback" not in proc.stderr
    assert page.read_bytes() == before


def test_hand_edited_abbreviations_are_reported_not_replaced(built: Path) -> None:
    snippet = built / "includes" / "abbreviations.md"
    snippet.write_text(snippet.read_text(encoding="utf-8") + "*[CCTV]: Closed-circuit TV\n")
    change_everything(built)
    before = snippet.read_bytes()
    code, _, err = run("build", "--root", str(built))
    assert code == 1 and "abbreviations.md" in err
    assert snippet.read_bytes() == before
