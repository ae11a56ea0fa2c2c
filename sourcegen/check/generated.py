"""Checks of what a build would write: each page's Markdown (`pages`), each
interview against its raw.txt (`conservation`), files edited by hand, and
pages left from an interview that is gone.

A note with no sources is not looked for here: `notes.SCHEMA` requires at
least one, so such a note stops at `source_problems` and never gets this far.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem, SourcegenError, hand_edit_refusal
from ..model import Interview
from ..pipeline import Checked, Project, hand_edited, orphans
from .conservation import conservation
from .pages import duplicate_ids, footnote_problems
from .sources import as_problem


def stale_outputs(bundle: Checked) -> list[Path]:
    """Generated files on disk (from `sourcegen build`) older than their sources.

    Not a problem: MkDocs makes its own pages in memory, and `sourcegen build`
    replaces these (they carry their digest, so it knows they are its own).
    Reporting them as errors made every edit after a `sourcegen build` fail
    `check` until docs/interviews/ was deleted by hand."""
    stale = []
    for path, text in bundle.outputs.items():
        try:
            if path.read_text(encoding="utf-8") != text and not hand_edited(path):
                stale.append(path)
        except (OSError, UnicodeDecodeError):
            continue
    return stale


def check_bundle(bundle: Checked, project: Project) -> list[Problem]:
    """All checks over a generated bundle (see pipeline.generate_checked)."""
    problems: list[Problem] = []
    by_slug = {a.interview.slug: a.interview for a in bundle.annotated}
    for path, text in bundle.outputs.items():
        if path.suffix == ".md" and path.name != "abbreviations.md":
            problems += footnote_problems(text, path)
            problems += duplicate_ids(text, path)
        if path.exists() and (why := hand_edited(path)):
            problems.append(as_problem(hand_edit_refusal(path, why), path))
        if path.parent.name == "interviews" and path.stem in by_slug:
            problems += interview_problems(by_slug[path.stem], path)
    problems += [
        Problem(path, None, "generated from an interview that is gone: run `sourcegen build`")
        for path in orphans(project, bundle.outputs)
    ]
    return problems


def interview_problems(iv: Interview, page: Path) -> list[Problem]:
    """An interview's own problems: no title, a question with no answer, its
    text not raw.txt's (or no raw.txt to compare with)."""
    src = iv.path or page
    problems: list[Problem] = []
    if not iv.meta.title:
        problems.append(Problem(src, 2, "no title: set `title:` in the front matter"))
    problems += [
        Problem(src, section.line, "question has an empty answer")
        for section in iv.sections
        if not section.blocks
    ]
    raw = (iv.path.parent / "raw.txt") if iv.path else None
    if raw is None or not raw.exists():
        problems.append(Problem(src, None, "expected raw.txt beside interview.md, found none"))
        return problems
    try:
        problems += conservation(raw, iv)
    except SourcegenError as exc:
        problems.append(as_problem(exc, raw))
    return problems
