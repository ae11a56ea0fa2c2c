"""The page `mkdocs serve` shows while sources/ does not build.

Hugo's server shows a build error in the browser; so does ours. Under
`mkdocs serve` a failing build would keep the old pages (the error only in
the terminal), so the plugin hands MkDocs this page instead of every page it
generates: it names each file and line, says what was expected, and how to
fix it. The next good save replaces it. Every message is escaped: it quotes
the editor's files, which may hold anything.
"""

from __future__ import annotations

from pathlib import Path

from . import escape
from .errors import Problem, SourcegenError
from .pipeline import Project


def problems_for(exc: SourcegenError, project: Project) -> list[Problem]:
    """Every problem `sourcegen check` would report that stops the build, or
    the one error that stopped it when check finds none of those."""
    from .check import source_problems  # check imports the pipeline, as this module does

    try:
        blocking, _ = source_problems(project)
    except SourcegenError:
        blocking = []
    if blocking:
        return blocking
    return [Problem(exc.path or project.root, exc.line, exc.message)]


def _where(problem: Problem, project: Project) -> str:
    where = project.rel(problem.path)
    return f"{where}, line {problem.line}" if problem.line else where


def error_page(problems: list[Problem], project: Project) -> str:
    """Markdown for the error page (plain Python-Markdown: a heading, a list)."""
    count = "a problem" if len(problems) == 1 else f"{len(problems)} problems"
    items = "\n".join(
        f"- **{escape.pymarkdown(_where(p, project))}**: {escape.pymarkdown(p.message)}"
        for p in problems
    )
    return (
        "---\ntitle: Build error\nsearch:\n  exclude: true\n---\n\n"
        "# The site did not build { #sourcegen-build-error }\n\n"
        f"sourcegen found {count} in the files under `sources/`:\n\n{items}\n\n"
        "Fix the file at the line named and save it: this page is replaced by the next "
        "good build. `sourcegen check` lists the same problems in the terminal.\n"
    )


def pages_to_replace(project: Project, docs: Path) -> list[str]:
    """The generated pages' addresses (relative to docs/) an error page stands in for."""
    folder = project.interviews_dir
    slugs = sorted(p.parent.name for p in folder.glob("*/interview.md")) if folder.is_dir() else []
    return [*(f"interviews/{s}.md" for s in slugs), "interviews/index.md", "notes.md"]
