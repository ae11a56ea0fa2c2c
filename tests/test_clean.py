"""The importer, on fixture files a person can read (raw in, structure out)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_RAW
from markdown_it.utils import read_fixture_file

from sourcegen.clean import clean_file, clean_text
from sourcegen.clean.boilerplate import PUBLICATION_RE
from sourcegen.clean.describe import describe
from sourcegen.clean.furniture import FURNITURE, furniture
from sourcegen.clean.labels import LABEL_SHAPES, match_label, split_label, strip_speaker_label
from sourcegen.errors import SourcegenError
from sourcegen.parse import parse_text
from sourcegen.serialise import dump

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
CASES = [
    pytest.param(raw, expected, id=f"{path.stem}:{line}:{title}")
    for path in sorted(FIXTURES.glob("*.txt"))
    for line, title, raw, expected in read_fixture_file(path)
]
SEED = SEED_RAW  # the test suite's copy of the seed, not sources/


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_clean_fixture(raw: str, expected: str) -> None:
    result = clean_text(raw, Path("raw.txt"))
    assert describe(result.interview, result.report) == expected


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_interview_md_round_trips(raw: str, expected: str) -> None:
    interview = clean_text(raw, Path("raw.txt")).interview
    interview.meta.title = interview.meta.title or "Untitled"
    back = parse_text(dump(interview), Path("interview.md"), interview.slug)
    assert [(b.text, b.kind, b.speaker) for b in back.all_blocks()] == [
        (b.text, b.kind, b.speaker) for b in interview.all_blocks()
    ]
    assert [(s.heading, s.anchor, s.is_question) for s in back.sections] == [
        (s.heading, s.anchor, s.is_question) for s in interview.sections
    ]
    assert back.meta == interview.meta


def test_seed_structure() -> None:
    interview = clean_file(SEED).interview
    meta = interview.meta
    assert meta.title == "Hikvision President Chats With SSI About Cybersecurity, Privacy Concerns"
    assert meta.dek and meta.dek.startswith("SSI spoke with Hikvision’s Jeffrey He about")
    assert meta.byline == "Steven A. Karantzoulidis"
    assert meta.author_bio and "Web Editor for Security Sales & Integration" in meta.author_bio
    assert meta.publication == "Security Sales & Integration"
    assert [(s.label, s.role, s.affiliation) for s in meta.speakers] == [
        ("SSI", "interviewer", None),
        ("Jeffrey He", "interviewee", "Hikvision"),
    ]
    assert [s.heading for s in interview.sections] == [
        "What cybersecurity-related threats and challenges are you facing regarding networked physical security?",
        "Can you talk about Genetec requiring a special license for Hikvision cameras?",
        "What emerging video surveillance opportunities have you noticed?",
    ]
    assert [len(s.blocks) for s in interview.sections] == [12, 9, 6]
    quotes = [b for b in interview.all_blocks() if b.kind == "pullquote"]
    assert [q.text[:20] for q in quotes] == ["“We have not receive"]
    body = [b.text for b in interview.all_blocks() if b.kind == "p"]
    assert any(t.startswith("We have not received any reports") for t in body)
    assert any("in business to provide a backdoor to a government." in t for t in body)
    assert any("state-owned enterprises. In China" in t for t in body)  # NBSP + double space
    reasons = {r.text.split("\n")[0]: r.reason for r in meta.removed}
    for removed in (
        "RELATED: Find Out Why Genetec Dropped Compatibility With Chinese Government-Owned Camera Manufacturers",
        "READ NEXT: Hikvision Will Open R&D Center in Montreal, Research Institute in Silicon Valley",
        "About the Author",
        "Security Is Our Business, Too",
        "Subscribe Today!",
        "Get Our Newsletters",
    ):
        assert removed in reasons
    assert any(t.startswith("Steven A. Karantzoulidis is the Web Editor") for t in reasons)
    assert any(t.startswith("For professionals who recommend") for t in reasons)
    assert [r.label for r in meta.related] == ["RELATED", "READ NEXT"]
    assert not any("RELATED" in t or "Subscribe" in t for t in body)


def test_corpus_round_table(corpus: Path) -> None:
    """Needs the external corpus: --corpus DIR or SOURCEGEN_CORPUS."""
    result = clean_file(corpus / "02_siw_hanwha_video_roundtable.txt")
    iv = result.interview
    assert iv.meta.date == "2021-06-09"
    assert [(s.label, s.role) for s in iv.meta.speakers] == [
        ("Steve Lasky", "interviewer"),
        ("Ray Cooke", "interviewee"),
    ]
    assert len(iv.intro) == 2
    assert [s.heading[:40] for s in iv.sections] == ["How has the pandemic forever altered the"]
    assert iv.sections[0].blocks[0].speaker == "Ray Cooke"
    assert {r.reason for r in iv.meta.removed} >= {
        "reading-time label",
        "date line (kept as the page date)",
    }


def test_corpus_q_and_a(corpus: Path) -> None:
    """Needs the external corpus: --corpus DIR or SOURCEGEN_CORPUS."""
    result = clean_file(corpus / "05_sen_future_of_cctv.txt")
    iv = result.interview
    assert [(s.label, s.role) for s in iv.meta.speakers] == [
        ("Q", "interviewer"),
        ("A", "interviewee"),
    ]
    assert len(iv.sections) == 2
    assert [len(s.blocks) for s in iv.sections] == [1, 2]  # unlabelled follow-on paragraph
    assert iv.sections[1].blocks[1].speaker is None
    assert any("title" in p.message for p in result.report)


def test_corpus_issue_solution_hardwrap(corpus: Path) -> None:
    """Needs the external corpus: --corpus DIR or SOURCEGEN_CORPUS."""
    result = clean_file(corpus / "07_secprod_issue_solution_hardwrap.txt")
    iv = result.interview
    assert iv.meta.byline == "Brad J. Wilson"
    assert iv.meta.date == "2007-09"
    assert [s.heading for s in iv.sections] == [
        "How can integrators ensure end users understand all aspects of a project?"
    ]
    answer = iv.sections[0].blocks
    assert answer[0].speaker == "Solution"
    assert answer[0].text.startswith(
        "It’s important that end-user representatives provide specific"
    )
    assert (
        "business—what they do and if there are any plans for expansion—and the facility"
        in answer[0].text
    )
    assert len(answer) == 2


def test_question_never_takes_an_id_the_page_uses_itself() -> None:
    raw = "Title Here\n\nQ: What happened next?\n\nA: Nobody knows.\n"
    interview = clean_text(raw, Path("raw.txt")).interview
    assert [s.anchor for s in interview.sections] == ["what-happened-next-2"]


def test_typed_reserved_section_id_is_an_error() -> None:
    interview = clean_text(
        "Title Here\n\nQ: Why do you care?\n\nA: Because.\n", Path("raw.txt")
    ).interview
    text = dump(interview).replace("{#why-do-you-care}", "{#context-notes}")
    with pytest.raises(
        SourcegenError, match=r"interview.md:\d+: expected a section id of your own"
    ):
        parse_text(text, Path("interview.md"), "x")


@pytest.mark.parametrize(
    ("bio", "publication"),
    [
        (
            "Steven A. Karantzoulidis is the Web Editor for Security Sales & Integration.",
            "Security Sales & Integration",
        ),
        (
            "Noor Okafor is an editor at Security Products and writes about supply chains.",
            "Security Products",
        ),
        (
            "He is a contributor of Security Dealer and Integrator magazine.",
            "Security Dealer and Integrator",
        ),
        ("She is a writer for the Daily Lens and lives in Ohio.", "the Daily Lens"),
    ],
)
def test_publication_from_a_bio_ends_on_a_name(bio: str, publication: str) -> None:
    """A bio's "editor at X": X stops before a lowercase word, never on "and"."""
    m = PUBLICATION_RE.search(bio)
    assert m is not None and m["pub"] == publication


@pytest.mark.parametrize(
    ("shape", "example"), [(name, example) for name, _, example in LABEL_SHAPES], ids=str
)
def test_every_label_shape_matches_its_example(shape: str, example: str) -> None:
    hit = match_label(example)
    assert hit is not None and hit.shape == shape


@pytest.mark.parametrize(
    ("text", "label", "side"),
    [
        ("Q: What now?", "Q", "ask"),
        ("Q7: Why now?", "Q", "ask"),
        ("Question: Why?", "QUESTION", "ask"),
        ("INTERVIEWER: Why?", "INTERVIEWER", "ask"),
        ("TERRY GROSS, HOST: Welcome.", "TERRY GROSS", "ask"),
        ("Author: It is a book of talks.", "Author", "answer"),
        ("JD: Fine.", "JD", None),
        ("Steve Lasky: How has it changed?", "Steve Lasky", None),
        ("Lasky: And price?", "Lasky", None),
    ],
)
def test_label_reading(text: str, label: str, side: str | None) -> None:
    hit = match_label(text)
    assert hit is not None and (hit.label, hit.side) == (label, side)


@pytest.mark.parametrize(
    "text",
    [
        "Note: the figures are estimates.",
        "Unfuzzy math: the country needs to do better",
        "Here is how I would fix it:",
        "Next Up:",
        "Photo: the harbour at dawn",
        "the mayor said: no.",
    ],
)
def test_not_a_speaker_label(text: str) -> None:
    assert split_label(text) is None


@pytest.mark.parametrize(
    ("name", "example"), [(name, example) for name, _, _, example in FURNITURE], ids=str
)
def test_every_furniture_row_matches_its_example(name: str, example: str) -> None:
    assert furniture(example) == (name, next(r for n, _, r, _ in FURNITURE if n == name))


@pytest.mark.parametrize(
    "text",
    [
        "Photography was his first love, and he never left it behind.",
        "Home is where the team plays best.",
        "We share the field with two other clubs.",
        "I listen to the players before I pick the side.",
    ],
)
def test_article_text_is_not_furniture(text: str) -> None:
    assert furniture(text) is None


@pytest.mark.parametrize(
    ("row", "left"),
    [
        ("Q: Why?", "Why?"),
        ("3. What next?", "What next?"),
        ("OLIVER: Yes.", "Yes."),
        ("Interviewer: Why? Author: Because. Interviewer: Fine.", "Why? Because. Fine."),
    ],
)
def test_check_strips_the_labels_the_importer_reads(row: str, left: str) -> None:
    assert strip_speaker_label(row, {"JOHN OLIVER", "Interviewer", "Author"}) == left


def test_explain_names_each_paragraphs_role(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sourcegen.cli import main

    raw = tmp_path / "raw.txt"
    raw.write_text(
        "Listen Live\n\nA Talk With a Baker\n\nQ: Why bread?\n\nA: Because it is honest.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["import", str(raw), "--dry-run", "--explain"])
    assert result.exit_code == 0, result.output
    assert "explain:" in result.output
    assert "line 1: furniture: audio or video player controls" in result.output
    assert "line 3: title:" in result.output
    assert "line 5: question:" in result.output and "line 7: answer:" in result.output


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_every_raw_word_is_kept_or_recorded(raw: str, expected: str, tmp_path: Path) -> None:
    """`sourcegen check`'s conservation test passes on each fixture's import."""
    from sourcegen.check import conservation

    path = tmp_path / "raw.txt"
    path.write_text(raw, encoding="utf-8")
    imported = clean_text(raw, path).interview
    # As check sees it: the interview.md the importer writes, read back.
    interview = parse_text(dump(imported), tmp_path / "interview.md", imported.slug)
    assert conservation(path, interview) == []
