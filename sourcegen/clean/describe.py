"""A plain-text account of what the importer found, for `--dry-run` and fixture tests."""

from __future__ import annotations

from ..errors import Problem
from ..model import Interview


def describe(interview: Interview, report: list[Problem] | None = None, width: int = 0) -> str:
    """One line per item; ``width`` > 0 shortens long texts for a terminal."""

    def cut(text: str) -> str:
        return text if not width or len(text) <= width else text[: width - 1] + "…"

    meta = interview.meta
    out = [f"title: {meta.title or '(none)'}"]
    for key in ("dek", "publication", "byline", "date", "source_url"):
        value = getattr(meta, key)
        if value:
            out.append(f"{key}: {cut(value)}")
    for s in meta.speakers:
        extra = f" = {s.name}" if s.name != s.label else ""
        extra += f", {s.affiliation}" if s.affiliation else ""
        out.append(f"speaker: {s.label} ({s.role}){extra}")
    for b in interview.intro:
        who = f"{b.speaker}: " if b.speaker else ""
        out.append(f"intro {b.kind}: {who}{cut(b.text)}")
    for section in interview.sections:
        kind = "question" if section.is_question else "subhead"
        asker = f"{section.asker}: " if section.asker else ""
        out.append(f"{kind} #{section.anchor}: {asker}{cut(section.heading)}")
        for b in section.blocks:
            who = f"{b.speaker}: " if b.speaker else ""
            out.append(f"  {b.kind}: {who}{cut(b.text)}")
    for rel in meta.related:
        out.append(f"related ({rel.label}): {rel.title}")
    for r in meta.removed:
        first = r.text.split("\n")[0]
        out.append(f"removed line {r.line} ({r.reason}): {cut(first)}")
    for problem in report or []:
        where = f"line {problem.line}: " if problem.line else ""
        out.append(f"warning: {where}{problem.message}")
    return "\n".join(out) + "\n"


def explain_text(trace: list[tuple[int, str, str]], width: int = 0) -> str:
    """The importer's decision trace, one line per decision: raw line, role, evidence."""
    out = ["explain:"]
    for line, role, why in trace:
        where = f"line {line}" if line else "whole text"
        text = f"  {where}: {role}: {why}"
        out.append(text if not width or len(text) <= width + 40 else text[: width + 39] + "…")
    return "\n".join(out) + "\n"
