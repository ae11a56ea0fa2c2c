"""Fuzz the importer: any text either imports and reads back as written, or is a SourcegenError.

``sourcegen.clean.clean_text`` gets random Unicode mixed with the lines real
scrapes are made of (speaker labels, RELATED links, "About the Author",
pull quotes, bylines, date lines). Whatever it returns must survive the trip
the CLI makes: ``serialise.dump`` writes interview.md and ``parse.parse_text``
reads it back to the same blocks and metadata; the page then renders. Any
exception but a SourcegenError is a bug.

The examples are derandomised so the suite gives the same answer every run;
set SOURCEGEN_FUZZ_EXAMPLES (e.g. 20000) to search further with a random seed.
Inputs worth keeping live in tests/fuzz_corpus/ and are run every time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcegen.annotate import Matcher, annotate
from sourcegen.clean import clean_text
from sourcegen.errors import SourcegenError
from sourcegen.fileio import decode_text
from sourcegen.model import Block, Interview
from sourcegen.parse import parse_text
from sourcegen.render import Renderer
from sourcegen.serialise import dump

CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"
EXAMPLES = int(os.environ.get("SOURCEGEN_FUZZ_EXAMPLES", "0"))
RENDERER = Renderer()

# Corpus files that still fail, each with the bug it shows (see the report on issue 5).
# Emptied by a159061, which fixed the four found here: a question without an answer,
# anchors starting with a digit, Unicode spaces, a pull quote opening an answer.
KNOWN_BUGS: dict[str, str] = {}


def blocks(items: list[Block]) -> list[tuple[str, str, str | None]]:
    return [(b.kind, b.text, b.speaker) for b in items]


def shape(interview: Interview) -> dict[str, Any]:
    """What interview.md must preserve: every block and heading, and the metadata."""
    meta = interview.meta
    return {
        "intro": blocks(interview.intro),
        "sections": [
            (s.heading, s.anchor, s.is_question, s.asker, blocks(s.blocks))
            for s in interview.sections
        ],
        "meta": (
            meta.title or None,
            meta.dek,
            meta.publication,
            meta.source_url,
            meta.date,
            meta.byline,
            meta.author_bio,
            [(s.label, s.name, s.role, s.affiliation) for s in meta.speakers],
            [(r.title, r.label) for r in meta.related],
            [(r.line, r.reason, r.text) for r in meta.removed],
            list(meta.repairs),
        ),
    }


def decoded(text: str) -> str:
    """What fileio.decode_text guarantees clean_text: LF line ends and no NUL."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


REJECTIONS = {
    "no text": "expected an article, found no text (empty or whitespace only)",
    "no interview text": "expected at least one paragraph of interview text, found none",
}
"""Every reason the importer may give for refusing an article, by name."""


def rejection(exc: SourcegenError, text: str, prose: bool) -> str:
    """Which allowed reason ``exc`` is, after checking that ``text`` earns it.

    "no text" only for text with no letter or digit; "no interview text" never
    for an article known to hold an interview (``prose``). Any other refusal
    fails the test: an importer that rejected everything must not pass.
    """
    reason = next((name for name, message in REJECTIONS.items() if exc.message == message), None)
    assert reason is not None, f"refused for a reason not allowed: {exc}"
    if reason == "no text":
        assert not any(ch.isalnum() for ch in text), f"text with words refused as empty: {exc}"
    if reason == "no interview text":
        assert not prose, f"an article holding an interview was refused: {exc}"
    return reason


def round_trip(text: str, prose: bool = False) -> Interview | None:
    """Import ``text`` as the CLI does; None when it is rejected for an allowed reason
    (see `rejection`). ``prose``: the text is known to hold a question and its answer."""
    try:
        interview = clean_text(text, Path("raw.txt"), "fuzz").interview
    except SourcegenError as exc:
        rejection(exc, text, prose)
        return None
    source = dump(interview)
    back = parse_text(source, Path("interview.md"), "fuzz")
    assert shape(back) == shape(interview), source
    RENDERER.interview(annotate(back, Matcher.build([])), "sources/fuzz", "../notes.md")
    return back


# --- strategies --------------------------------------------------------------

NAMES = st.sampled_from(["Jane Doe", "Ray Cooke", "Jeffrey He", "Mary-Ann O’Neil", "Li Wei"])
PUBS = st.sampled_from(["The Daily Lens", "Security Sales & Integration", "SSI", "SIW"])
WORD = st.one_of(
    st.from_regex(r"[a-z]{1,9}", fullmatch=True),
    st.sampled_from(["you", "your", "Acme", "R&D", "AI", "U.S.", "end-", "user", "cameras"]),
    st.sampled_from(["*", "_", "`", "<b>", "[x](y)", "#", "|", "{#id}", "[^1]", "&amp;", "\\"]),
    st.text(max_size=6),
)
WORDS = st.lists(WORD, min_size=1, max_size=12).map(" ".join)
TITLEISH = st.lists(st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True), min_size=2, max_size=7).map(
    " ".join
)


def _fmt(template: str) -> st.SearchStrategy[str]:
    return st.builds(
        lambda words, name, pub, title: template.format(w=words, n=name, p=pub, t=title),
        WORDS,
        NAMES,
        PUBS,
        TITLEISH,
    )


ARTICLE_LINES = st.one_of(
    *(
        _fmt(t)
        for t in [
            "Q: {w}?",
            "A: {w}.",
            "QUESTION: {w}?",
            "ANSWER: {w}",
            "ISSUE: {w}",
            "SOLUTION: {w}.",
            "{n}: {w}.",
            "{p}: {w}, do you {w}?",
            "{n} ({p}): {w}",
            "RELATED: {t}",
            "READ NEXT: {t}",
            "About the Author",
            "About the Authors:",
            "{n} is the editor of {p}. {w}.",
            "Subscribe Today!",
            "Get Our Newsletters",
            "Sign up for the {p} newsletter: {w}",
            "By {n}",
            "By {n} · May 4, 2017",
            "May 4, 2017",
            "2019-10-07",
            "13 min read",
            "# source: https://example.org/{w}",
            "“{w}”",
            '"{w} {w} {w} {w}"',
            "What do you think about {w}?",
            "How does {p} see {w}?",
            "{t}",
            "{p} spoke with Acme’s {n} about {w}.",
            "Article Continues Below",
            "Photo: {w}",
            "Tags: {w}",
            "Editor’s Note: This article originally ran in {p}.",
            "{w}-",
            "{w}",
            "",
            "   ",
        ]
    ),
    st.text(max_size=80),
)
ARTICLES = st.lists(ARTICLE_LINES, min_size=1, max_size=30).flatmap(
    lambda lines: st.sampled_from(["\n", "\n\n"]).map(lambda sep: sep.join(lines))
)
INTERVIEW_OPENING = (
    "Acme Chief Talks Cameras\n\nQ: What do you think about cameras?\n\n"
    "A: Cameras are great and the market grows every year.\n\n"
)
"""A title, a question and its answer: an article that starts so holds an interview."""


@settings(
    max_examples=EXAMPLES or 200,
    deadline=None,
    derandomize=not EXAMPLES,
    database=None,
)
@given(text=ARTICLES)
def test_any_article_imports_and_reads_back(text: str) -> None:
    round_trip(decoded(text))


@settings(
    max_examples=EXAMPLES or 100,
    deadline=None,
    derandomize=not EXAMPLES,
    database=None,
)
@given(text=ARTICLES)
def test_an_article_with_an_interview_is_never_refused(text: str) -> None:
    """Whatever follows a question and its answer, the article imports."""
    assert round_trip(decoded(INTERVIEW_OPENING + text), prose=True) is not None


@settings(max_examples=EXAMPLES or 50, deadline=None, derandomize=not EXAMPLES, database=None)
@given(text=st.text(max_size=400))
def test_any_unicode_imports_and_reads_back(text: str) -> None:
    round_trip(decoded(text))


def _corpus() -> list[Any]:
    params = []
    for path in sorted(CORPUS.glob("*.txt")):
        marks = []
        if path.name in KNOWN_BUGS:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[path.name]))
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


@pytest.mark.parametrize("path", _corpus())
def test_corpus_file_imports_and_reads_back(path: Path) -> None:
    """The corpus goes through decoding too, as `sourcegen import` reads a file."""
    text, _ = decode_text(path.read_bytes(), path)
    if path.name in REFUSED:
        with pytest.raises(SourcegenError) as refused:
            clean_text(text, Path("raw.txt"), "fuzz")
        assert rejection(refused.value, text, prose=False) == REFUSED[path.name]
    else:
        assert round_trip(text, prose=True) is not None


REFUSED = {"about-the-author-only.txt": "no interview text"}
"""Corpus files the importer must refuse, with the reason (see `REJECTIONS`); every
other corpus file is an interview and must import."""


def test_corpus_is_there() -> None:
    assert len(list(CORPUS.glob("*.txt"))) >= 10
    assert set(KNOWN_BUGS) | set(REFUSED) <= {p.name for p in CORPUS.glob("*.txt")}
