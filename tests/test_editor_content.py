"""An editor adding content does not break the deploy (issue 19).

A copy of the whole project (the files git tracks, plus new ones not yet
committed) gets one more interview, imported with `sourcegen import` from
tests/fixtures/editor/raw.txt, and one more term note. The deploy's checks
(.github/workflows/pages.yml) must then pass there: `sourcegen check`,
`mkdocs build --strict` and `python scripts/linkcheck.py site`.

This is the one test that reads the repository's own sources/: it copies them
as they are, so it fails when they fail `sourcegen check` already, and says
so before adding anything. Every other test builds fixture sites of its own.
`.ci/run` goes further: it runs the whole test suite in a clone with the same
two files added.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

EDITOR = FIXTURES / "editor"
SLUG = "added-harbourline"
NOTE = "added-thermal-imaging"  # the fixture note's id and file name
# Never copied: local state, and what the build or sourcegen makes.
IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "site", ".cache", "__pycache__", "*.egg-info", ".*_cache", ".hypothesis"
)


def copy_project(dest: Path) -> Path:
    """The project's files into ``dest``: git's list where there is one."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
    except (OSError, subprocess.CalledProcessError):
        shutil.copytree(ROOT, dest, ignore=IGNORE)
        return dest
    for rel in filter(None, listed.split("\0")):
        src = ROOT / rel
        if src.is_file():  # a tracked file deleted in the working tree is skipped
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def unused(folder: Path, name: str, suffix: str = "") -> str:
    """``name``, or ``name-2``, ``name-3``…: the first not in ``folder`` already
    (an editor, or .ci/run, may have added this very interview before)."""
    candidate, n = name, 1
    while (folder / f"{candidate}{suffix}").exists():
        n += 1
        candidate = f"{name}-{n}"
    return candidate


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A command in ``root``, as the deploy runs it (Python from this environment)."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


SOURCEGEN = ("-c", "from sourcegen.cli import main; main()")


def deploy_checks(root: Path) -> None:
    """What .github/workflows/pages.yml checks before it deploys."""
    for what, args in (
        ("sourcegen check", (*SOURCEGEN, "check")),
        ("mkdocs build --strict", ("-m", "mkdocs", "build", "--strict", "-d", "site")),
        ("python scripts/linkcheck.py site", ("scripts/linkcheck.py", "site")),
    ):
        proc = run(root, *args)
        assert proc.returncode == 0, f"`{what}` failed:\n{proc.stdout}\n{proc.stderr}"


def test_an_added_interview_and_note_pass_the_deploy_checks(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    interviews = project / "sources" / "interviews"
    notes_dir = project / "sources" / "notes"
    slug, note = unused(interviews, SLUG), unused(notes_dir, NOTE, ".md")
    before = run(project, *SOURCEGEN, "check")
    if before.returncode != 0:
        pytest.fail(
            "the repository's own sources/ fail `sourcegen check` before anything is added "
            "(fix them first):\n" + before.stderr
        )

    proc = run(project, *SOURCEGEN, "import", str(EDITOR / "raw.txt"), "--slug", slug)
    assert proc.returncode == 0, proc.stderr
    assert (interviews / slug / "raw.txt").read_bytes() == (EDITOR / "raw.txt").read_bytes()
    text = (EDITOR / f"{NOTE}.md").read_text(encoding="utf-8")
    (notes_dir / f"{note}.md").write_text(
        text.replace(f"\nid: {NOTE}\n", f"\nid: {note}\n", 1), encoding="utf-8"
    )

    deploy_checks(project)
    page = (project / "site" / "interviews" / slug / "index.html").read_text(encoding="utf-8")
    assert f'id="fnref:{note}"' in page, "the added term note is not on the added interview"
    index = (project / "site" / "interviews" / "index.html").read_text(encoding="utf-8")
    assert f'href="{slug}/"' in index
    notes = (project / "site" / "notes" / "index.html").read_text(encoding="utf-8")
    assert f'id="{note}"' in notes
