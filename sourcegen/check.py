"""Validate generated pages against their sources.

The rendered Markdown is parsed with markdown-it-py and its footnote plugin
(the same syntax as Python-Markdown's footnotes) to find references without
definitions and definitions never referenced. Conservation compares the
words of raw.txt, less the recorded removals, with the visible words of the
page: they must all appear, in order.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from .clean.decode import normalise
from .clean.labels import strip_speaker_label
from .errors import Problem, SourcegenError
from .fileio import decode_text, read_bytes
from .model import Interview
from .pipeline import Bundle, Project, hand_edited

_MD = MarkdownIt("commonmark").use(footnote_plugin).enable("table")
_TAG = re.compile(r"<[^>]+>")
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_ATTRS = re.compile(r"\{[:]?\s*[#.][^}\n]*\}")


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    line: int


def words(text: str, line: int = 1) -> Iterator[Word]:
    """Words with punctuation (hyphens, apostrophes) dropped, so "end-user" == "enduser"."""
    for number, row in enumerate(text.split("\n"), start=line):
        for token in row.split():
            word = re.sub(r"[\W_]+", "", token)
            if word:
                yield Word(word, number)


def footnote_problems(markdown: str, path: Path) -> list[Problem]:
    """References without definitions and definitions never referenced, with lines."""
    env: dict[str, object] = {}
    tokens = _MD.parse(markdown, env)
    refs: dict[str, int] = {}
    for tok in tokens:
        for child in tok.children or []:
            if child.type == "footnote_ref":
                refs.setdefault(child.meta["label"], (tok.map[0] + 1) if tok.map else 0)
    defs: dict[str, int] = {}
    for number, row in enumerate(markdown.split("\n"), start=1):
        if m := re.match(r"^\[\^([^\]\s]+)\]:", row):
            defs.setdefault(m[1], number)
    problems = [
        Problem(path, line, f"footnote reference [^{label}] has no definition")
        for label, line in refs.items()
        if label not in defs
    ]
    problems += [
        Problem(path, line, f"footnote definition [^{label}] is never referenced")
        for label, line in defs.items()
        if label not in refs
    ]
    return problems


_HEADING_ID = re.compile(r"^#{1,6} .*\{:?\s*#([^\s}]+)[^}\n]*\}\s*$")


def duplicate_ids(markdown: str, path: Path) -> list[Problem]:
    """Heading ids given twice on one page (a section called `about-this-edition`, say).

    attr_list sets ids as written, with no de-duplication, so a second one
    makes every link to it (the byline's "About this edition") land on the first.
    """
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for number, row in enumerate(markdown.split("\n"), start=1):
        if (m := _HEADING_ID.match(row)) is None:
            continue
        if m[1] in first:
            problems.append(
                Problem(
                    path,
                    number,
                    f"expected each heading id once on the page, found `#{m[1]}` again "
                    f"(first on line {first[m[1]]}): change the section's {{#id}} in its source",
                )
            )
        else:
            first[m[1]] = number
    return problems


def visible_text(markdown: str) -> str:
    """The page's words as a reader sees them (markup, attribute lists, refs dropped)."""
    body = _FRONT.sub("", markdown)
    body = re.sub(r"\[\^[\w-]+\]", " ", body)
    body = _ATTRS.sub(" ", body)
    rendered = _MD.render(body)
    return html.unescape(_TAG.sub(" ", rendered))


def raw_interview_text(raw: Path, interview: Interview) -> tuple[list[Word], list[Problem]]:
    """raw.txt's words, less each recorded removal (which must match raw.txt)."""
    text, _ = decode_text(read_bytes(raw), raw)
    lines, _ = normalise(text)
    rows = [line.text for line in lines]
    problems: list[Problem] = []
    src = interview.path or raw
    for removal in interview.meta.removed:
        want = [r.strip() for r in removal.text.split("\n")]
        start = removal.line - 1
        found = rows[start : start + len(want)]
        if found != want:
            shown = (found[0] if found else "end of file")[:60]
            problems.append(
                Problem(
                    src,
                    None,
                    f"removal recorded at raw.txt line {removal.line} does not match raw.txt: "
                    f"expected “{want[0][:60]}”, found “{shown}”",
                )
            )
            continue
        for i in range(start, start + len(want)):
            rows[i] = ""
    # Speaker labels are the page's markup, not the interview's words: the page
    # shows its own (a heading's speaker, a bold label), so a raw `Q:` or
    # `Steve Lasky:` at a line start is not looked for.
    speakers = {sp.label for sp in interview.meta.speakers} | {
        sp.name for sp in interview.meta.speakers
    }
    for i, row in enumerate(rows):
        rows[i] = strip_speaker_label(row, speakers)
    joined = "\n".join(rows)
    # A hyphen or an em dash at a line end joins the next word, as the importer does.
    joined = re.sub(r"(\w)([-—])\n(?=\w)", r"\1\2", joined)
    return list(words(joined)), problems


def conservation(raw: Path, interview: Interview, page_text: str, page: Path) -> list[Problem]:
    """Every raw word, except recorded removals, appears in the page in order."""
    raw_words, problems = raw_interview_text(raw, interview)
    page_words = [w.text for w in words(page_text)]
    j = 0
    for word in raw_words:
        while j < len(page_words) and page_words[j] != word.text:
            j += 1
        if j == len(page_words):
            problems.append(
                Problem(
                    page,
                    None,
                    f"word “{word.text}” from {raw} line {word.line} is missing from the page "
                    "(or out of order); if it was removed on purpose, record it under `removed:` in interview.md",
                )
            )
            break
        j += 1
    return problems


def check_bundle(bundle: Bundle, project: Project) -> list[Problem]:
    """All checks over a generated bundle (see pipeline.generate)."""
    problems: list[Problem] = []
    for note in bundle.notes:
        if not note.sources:
            problems.append(
                Problem(note.path or Path(note.id), 1, f"note `{note.id}` has no sources")
            )
    by_slug = {a.interview.slug: a for a in bundle.annotated}
    for path, text in bundle.outputs.items():
        if path.suffix == ".md" and path.name != "abbreviations.md":
            problems += footnote_problems(text, path)
            problems += duplicate_ids(text, path)
        if path.exists() and (why := hand_edited(path)):
            problems.append(Problem(path, None, f"generated file {why}"))
        elif path.exists() and path.read_text(encoding="utf-8") != text:
            problems.append(
                Problem(path, None, "generated file is out of date: run `sourcegen build`")
            )
        slug = path.stem
        if path.parent.name == "interviews" and slug in by_slug:
            a = by_slug[slug]
            iv = a.interview
            if not iv.meta.title:
                problems.append(
                    Problem(iv.path or path, 2, "no title: set `title:` in the front matter")
                )
            for section in iv.sections:
                if not section.blocks:
                    problems.append(
                        Problem(iv.path or path, section.line, "question has an empty answer")
                    )
            raw = (iv.path.parent / "raw.txt") if iv.path else None
            if raw is None or not raw.exists():
                problems.append(
                    Problem(
                        iv.path or path, None, "expected raw.txt beside interview.md, found none"
                    )
                )
                continue
            try:
                problems += conservation(raw, iv, visible_text(text), path)
            except SourcegenError as exc:
                problems.append(Problem(exc.path or raw, exc.line, exc.message))
    return problems
