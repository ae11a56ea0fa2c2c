"""`sourcegen check`: every problem in sources/ and in the pages they make, in one run.

Sources are checked file by file first (`sources`); only when they would
build is the site generated (in memory) and what it would write checked
(`generated`): each page's Markdown (`pages`: footnotes, heading ids) and
each interview's text against its raw.txt (`conservation`).
"""

from __future__ import annotations

from ..errors import Problem
from ..pipeline import Checked, Project, generate_checked
from .conservation import Word, conservation, interview_words, raw_interview_text, words
from .generated import check_bundle, stale_outputs
from .pages import duplicate_ids, footnote_problems
from .sources import editorial_problems, source_problems

__all__ = [
    "Word",
    "check_bundle",
    "check_project",
    "conservation",
    "duplicate_ids",
    "editorial_problems",
    "footnote_problems",
    "interview_words",
    "raw_interview_text",
    "source_problems",
    "stale_outputs",
    "words",
]


def check_project(project: Project) -> tuple[list[Problem], Checked | None]:
    """Everything `sourcegen check` reports: (the problems, the bundle when sources built)."""
    blocking, editorial = source_problems(project)
    if blocking:
        return blocking + editorial, None
    bundle = generate_checked(project, drafts=True)
    return editorial + check_bundle(bundle, project), bundle
