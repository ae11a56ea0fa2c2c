"""Validate generated pages against their sources.

The rendered Markdown is parsed with markdown-it-py and its footnote plugin
(the same syntax as Python-Markdown's footnotes) to find references without
definitions and definitions never referenced. Conservation compares the
words of raw.txt, less the recorded removals, with interview.md's own text
(never the page, whose fixed text could stand in for a lost word): they must
be the same, word for word, except for the editor's marks (editorial.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Literal

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from .annotate import Matcher, annotate
from .clean.decode import normalise
from .clean.labels import strip_speaker_label
from .dates import iso_problem
from .editorial import Kind, is_placeholder, pieces
from .errors import Problem, SourcegenError, hand_edit_refusal
from .fileio import decode_text, read_bytes, read_text
from .model import Interview, Note
from .notes import duplicate, load_glossary, parse_note
from .parse import parse_file
from .pipeline import Checked as Bundle
from .pipeline import (
    Project,
    hand_edited,
    interview_paths,
    orphans,
    unknown_interviews,
    unused_notes,
)
from .pipeline import generate_checked as generate

_MD = MarkdownIt("commonmark").use(footnote_plugin).enable("table")
_SPACE_OR_DASH = re.compile(r"[\s—–]+")


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    line: int
    kind: Kind | Literal["meta", "label"] = "word"
    """Whose word it is (see `marked_words`); raw.txt's are all ``word``."""


def words(text: str, line: int = 1) -> Iterator[Word]:
    """Words with punctuation (hyphens, apostrophes) dropped, so "end-user" == "enduser".

    A dash (— or –) separates words as a space does: the importer joins a line
    ending "business—" to the next one's "what" with none."""
    for number, row in enumerate(text.split("\n"), start=line):
        for token in _SPACE_OR_DASH.split(row):
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


def _apply_removals(rows: list[str], interview: Interview, src: Path) -> list[Problem]:
    """Blank each recorded removal out of ``rows`` (raw.txt's lines), in place.

    A removal is whole lines (its text, line by line, equals raw.txt from its
    line on) or a span within one line (its text occurs in that line): the
    label in front of a question, a word cut from an answer.
    """
    original = list(rows)
    problems: list[Problem] = []
    for removal in interview.meta.removed:
        want = [r.strip() for r in removal.text.split("\n")]
        start = removal.line - 1
        found = original[start : start + len(want)]
        if found == want:
            for i in range(start, start + len(want)):
                rows[i] = ""
            continue
        if len(want) == 1 and found and want[0] and want[0] in rows[start]:
            rows[start] = rows[start].replace(want[0], " ", 1)
            continue
        shown = (found[0] if found else "end of file")[:60]
        problems.append(
            Problem(
                src,
                None,
                f"removal recorded at raw.txt line {removal.line} does not match raw.txt: "
                f"expected “{want[0][:60]}” (the whole line or a span within it), found “{shown}”",
            )
        )
    return problems


def raw_interview_text(raw: Path, interview: Interview) -> tuple[list[Word], list[Problem]]:
    """raw.txt's words, less each recorded removal (which must match raw.txt)."""
    text, _ = decode_text(read_bytes(raw), raw)
    lines, _ = normalise(text)
    rows = [line.text for line in lines]
    src = interview.path or raw
    problems = _apply_removals(rows, interview, src)
    # Speaker labels and question numbers are the page's markup, not the
    # interview's words: the page shows its own (a heading's speaker, a bold
    # label), so a raw `Q:`, `Steve Lasky:` or `1.` that the importer's label
    # rule takes off a line may be missing from interview.md, or kept in its
    # text where the editor kept it: such words are "label" words.
    speakers = {sp.label for sp in interview.meta.speakers} | {
        sp.name for sp in interview.meta.speakers
    }
    labels: dict[int, list[Word]] = {}  # raw line → its label's words
    for i, row in enumerate(rows):
        rest = strip_speaker_label(row, speakers)  # the importer's label rule
        if rest != row and row.endswith(rest):
            labels[i + 1] = [Word(w.text, i + 1, "label") for w in words(row[: -len(rest) or None])]
        rows[i] = rest
    joined = "\n".join(rows)
    # A hyphen or an em dash at a line end joins the next word, as the importer does.
    joined = re.sub(r"(\w)([-—])\n(?=\w)", r"\1\2", joined)
    return _with_labels(list(words(joined)), labels), problems


def _with_labels(text: list[Word], labels: dict[int, list[Word]]) -> list[Word]:
    """``text`` with each line's label words put before that line's first word."""
    out: list[Word] = []
    pending = sorted(labels)
    k = 0
    for w in text:
        while k < len(pending) and pending[k] <= w.line:
            out += labels[pending[k]]
            k += 1
        out.append(w)
    for line in pending[k:]:
        out += labels[line]
    return out


def marked_words(text: str, line: int) -> Iterator[Word]:
    """The words of one paragraph or heading of interview.md, each marked as the
    interviewee's (``word``), the editor's (``insert``, in brackets) or a cut.

    A word glued to an insertion (``[Hikvision]’s``) is part of it."""
    glued = False
    for piece, kind in pieces(text):
        if kind == "cut":
            yield Word("", line, "cut")  # matches no word of raw.txt
            glued = False
            continue
        tokens = list(words(piece, line))
        if kind == "word" and tokens:
            if glued and not piece[:1].isspace():
                yield Word(tokens[0].text, line, "insert")
                tokens = tokens[1:]
            yield from (Word(w.text, line, "word") for w in tokens)
        else:
            yield from (Word(w.text, line, "insert") for w in tokens)
        glued = kind == "insert"


def interview_words(interview: Interview) -> list[Word]:
    """interview.md's own words in reading order: title and dek, then the text.

    Speaker labels are markup and the page's fixed text is not the interview's,
    so neither can stand in for a word of raw.txt. Title and dek may be the
    editor's own (``meta``): a headline is not the interviewee's words; the
    raw.txt words they replace must still be recorded as removed.
    """
    meta = interview.meta
    out: list[Word] = []
    for key, value in (("title", meta.title), ("dek", meta.dek)):
        if value:
            out += [Word(w.text, w.line, "meta") for w in words(value, meta.lines.get(key, 1))]
    for block in interview.intro:
        out += marked_words(block.text, block.line)
    for section in interview.sections:
        out += marked_words(section.heading, section.line)
        for block in section.blocks:
            out += marked_words(block.text, block.line)
    return out


def _instead(theirs: list[Word]) -> str:
    """Where an extra word replaced raw.txt's: what stood there."""
    return f" (raw.txt line {theirs[0].line} has “{theirs[0].text}” there)" if theirs else ""


MAX_DIFFERENCES = 5
"""Differences reported per interview: after a few, a misaligned file only repeats itself."""


def conservation(raw: Path, interview: Interview) -> list[Problem]:
    """interview.md's text is raw.txt's, less recorded removals, word for word.

    The two word sequences are aligned (difflib); every difference must be an
    editor's mark: a cut where ``[…]`` stands, bracketed words added or put in
    place of others. Anything else is reported at its line: a word missing, or
    a word that the interviewee never said.
    """
    raw_words, problems = raw_interview_text(raw, interview)
    mine = interview_words(interview)
    src = interview.path or raw
    matcher = SequenceMatcher(
        None, [w.text for w in raw_words], [w.text for w in mine], autojunk=False
    )
    found: list[Problem] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        ours = mine[j1:j2]
        near = mine[max(j1 - 1, 0) : j2 + 1]
        extra = [w for w in ours if w.kind == "word"]
        marked = any(w.kind in ("cut", "insert") for w in ours) or any(
            w.kind == "cut" for w in near
        )
        if extra:
            w = extra[0]
            found.append(
                Problem(
                    src,
                    w.line,
                    f"word “{w.text}” is not in raw.txt{_instead(raw_words[i1:i2])}: the "
                    "interviewee's words must stay as published; put your own words in "
                    "[square brackets]",
                )
            )
        elif (lost := [w for w in raw_words[i1:i2] if w.kind != "label"]) and not marked:
            w = lost[0]
            at = mine[j1 - 1].line if j1 > 0 else (mine[0].line if mine else None)
            found.append(
                Problem(
                    src,
                    at,
                    f"word “{w.text}” from {raw} line {w.line} is missing from interview.md "
                    "(or out of order): mark a cut with […] where it stood, or record it under "
                    "`removed:` with its line",
                )
            )
    if len(found) > MAX_DIFFERENCES:
        more = len(found) - MAX_DIFFERENCES
        found = found[:MAX_DIFFERENCES]
        found.append(Problem(src, None, f"… and {more} more differences from raw.txt"))
    return problems + found


def stale_outputs(bundle: Bundle) -> list[Path]:
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
            problems.append(_problem(hand_edit_refusal(path, why), path))
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
                problems += conservation(raw, iv)
            except SourcegenError as exc:
                problems.append(Problem(exc.path or raw, exc.line, exc.message))
    problems += [
        Problem(path, None, "generated from an interview that is gone: run `sourcegen build`")
        for path in orphans(project, bundle.outputs)
    ]
    return problems


def _problem(exc: SourcegenError, default: Path) -> Problem:
    return Problem(exc.path or default, exc.line, exc.message)


def editorial_problems(interview: Interview) -> list[Problem]:
    """What the page would vouch for wrongly: a placeholder speaker, a date that is no date."""
    path = interview.path or Path(interview.slug)
    lines = interview.meta.lines
    problems = [
        Problem(
            path,
            lines.get("speakers"),
            f"speaker `{sp.label}` is the importer's placeholder: write the person's name in "
            f"`label:` and `name:` (and in the text's `**{sp.label}:**` labels), "
            "as the article names them",
        )
        for sp in interview.meta.speakers
        if is_placeholder(sp.label, sp.name)
    ]
    date = interview.meta.date
    if date is not None and (why := iso_problem(date)):
        problems.append(Problem(path, lines.get("date"), f"`date`: expected {why}, found “{date}”"))
    return problems


def note_date_problems(note: Note) -> list[Problem]:
    """A note's dates must be ISO (a source may be ``undated``)."""
    path = note.path or Path(note.id)
    problems = []
    for key, value in (("as_of", note.as_of), ("event_date", note.event_date)):
        if value is not None and (why := iso_problem(value)):
            problems.append(
                Problem(path, note.lines.get(key), f"`{key}`: expected {why}, found “{value}”")
            )
    for i, source in enumerate(note.sources, 1):
        if source.date != "undated" and (why := iso_problem(source.date)):
            problems.append(
                Problem(
                    path,
                    note.lines.get("sources"),
                    f"`sources`: item {i} (“{source.title[:40]}”): expected {why} or `undated`, "
                    f"found “{source.date}”",
                )
            )
    return problems


def _annotate_all(interviews: list[Interview], notes: list[Note]) -> tuple[set[str], list[Problem]]:
    """Annotate every interview, collecting each note that matches nothing where it
    must (annotate stops at the first: it is tried again without that note)."""
    used: set[str] = set()
    problems: list[Problem] = []
    everyone = Matcher.build(notes)
    for interview in interviews:
        active, matcher = notes, everyone
        while True:
            try:
                a = annotate(interview, matcher)
            except SourcegenError as exc:
                problems.append(_problem(exc, interview.path or Path(interview.slug)))
                fewer = [n for n in active if n.path != exc.path]
                if len(fewer) == len(active):
                    break
                active, matcher = fewer, Matcher.build(fewer)
                continue
            used |= {p.note.id for p in a.placements}
            used |= {n.id for n in (*a.after, *a.source_notes)}
            break
    return used, problems


def source_problems(project: Project) -> tuple[list[Problem], list[Problem]]:
    """Every problem in sources/, each file read on its own, so that one run
    reports them all (a build stops at the first): (those that stop a build,
    those that do not but must not be published)."""
    blocking: list[Problem] = []
    editorial: list[Problem] = []
    notes: dict[str, Note] = {}
    folder = project.notes_dir
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            note = parse_note(read_text(path), path)
        except SourcegenError as exc:
            blocking.append(_problem(exc, path))
            continue
        if note.id in notes:
            blocking.append(_problem(duplicate(note, notes[note.id]), path))
            continue
        notes[note.id] = note
        editorial += note_date_problems(note)
    try:
        load_glossary(project.glossary)
    except SourcegenError as exc:
        blocking.append(_problem(exc, project.glossary))
    try:
        paths = interview_paths(project)
    except SourcegenError as exc:
        return [*blocking, _problem(exc, project.interviews_dir)], editorial
    interviews: list[Interview] = []
    for path in paths:
        try:
            interviews.append(parse_file(path))
        except SourcegenError as exc:
            blocking.append(_problem(exc, path))
    for interview in interviews:
        editorial += editorial_problems(interview)
    good = list(notes.values())
    slugs = {p.parent.name for p in paths}
    blocking += [_problem(e, project.notes_dir) for e in unknown_interviews(good, slugs)]
    used, unmatched = _annotate_all(interviews, good)
    blocking += unmatched
    if interviews and len(interviews) == len(paths):
        reported = {p.path for p in unmatched}
        blocking += [
            _problem(e, project.notes_dir)
            for e in unused_notes(good, used)
            if e.path not in reported
        ]
    return blocking, editorial


def check_project(project: Project) -> tuple[list[Problem], Bundle | None]:
    """Everything `sourcegen check` reports, in one run.

    Sources are checked file by file first; only when they would build is the
    site generated (in memory) and its pages checked.
    """
    blocking, editorial = source_problems(project)
    if blocking:
        return blocking + editorial, None
    bundle = generate(project, drafts=True)
    return editorial + check_bundle(bundle, project), bundle
