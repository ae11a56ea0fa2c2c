"""Bad input files give one clear line, never a traceback, and write nothing.

Two kinds: the editor's files (interview.md, notes, glossary), whose errors
must name the file, the line and what was expected; and the raw article given
to ``sourcegen import``, which either imports (repairing what can be repaired
and saying so under ``repairs:``) or fails with one line on stderr, a
non-zero exit and no file written.
"""

from __future__ import annotations

import codecs
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import MINI_INTERVIEW as INTERVIEW
from conftest import MINI_NOTE as NOTE
from conftest import MINI_SLUG as SLUG
from conftest import write_mini_site

from sourcegen.cli import main

ARTICLE = """\
Acme Chief Talks Cameras

The Daily Lens spoke with Acme’s Jane Doe about cameras and the market.

What do you think about cameras?

Cameras are great and we sell many of them every year, in every region.

How do you see the market for you?

The market is growing fast in every region we serve, and so are we.
"""


def run(*args: str) -> tuple[int, str, str, BaseException | None]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr, result.exception


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def assert_one_line_error(code: int, err: str, exc: BaseException | None) -> str:
    """Exit 1, one ``error:`` line on stderr, no exception escaping the CLI."""
    assert code == 1, err
    assert exc is None or isinstance(exc, SystemExit), repr(exc)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def mini(empty_site: Path) -> Path:
    """A site with one small interview and one note, both known line by line."""
    return write_mini_site(empty_site)


def test_the_mini_site_is_fine(mini: Path) -> None:
    code, out, err, _ = run("check", "--root", str(mini))
    assert code == 0, err
    assert out.startswith("ok: 1 interview, 1 note\n")


# --- editor files -------------------------------------------------------------

IV = f"sources/interviews/{SLUG}/interview.md"
NT = "sources/notes/market.md"


def edit(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def copy_note(root: Path) -> None:
    (root / "sources" / "notes" / "market-2.md").write_text(NOTE, encoding="utf-8")


# (what is broken, the change, file named, line named, words the message must hold)
EDITOR_CASES: list[tuple[str, Callable[[Path], None], str, int, tuple[str, ...]]] = [
    (
        "interview: bad YAML",
        edit(IV, "title: Acme Chief Talks Cameras", "title: Acme: Chief: Talks"),
        IV,
        2,
        ("not valid YAML", "mapping values"),
    ),
    (
        "interview: tab in YAML",
        edit(IV, "- {label: Lens", "\t- {label: Lens"),
        IV,
        5,
        ("not valid YAML",),
    ),
    (
        "interview: title is a list",
        edit(IV, "title: Acme Chief Talks Cameras", "title: [Acme, Chief]"),
        IV,
        2,
        ("`title`", "expected", "string", "found list"),
    ),
    (
        "interview: speakers is a number",
        edit(
            IV,
            "speakers:\n- {label: Lens, name: The Daily Lens, role: interviewer}\n- {label: Jane Doe, name: Jane Doe, role: interviewee}\n",
            "speakers: 3\n",
        ),
        IV,
        4,
        ("`speakers`", "expected a list of mappings", "found 3"),
    ),
    (
        "interview: speaker role misspelt",
        edit(IV, "role: interviewer}", "role: interviewr}"),
        IV,
        4,
        ("`speakers`", "expected", "`interviewer` or `interviewee`"),
    ),
    (
        "interview: unknown key",
        edit(IV, "publication:", "colour: red\npublication:"),
        IV,
        3,
        ("unknown key `colour`", "expected one of"),
    ),
    (
        "interview: unknown speaker key",
        edit(IV, "role: interviewer}", "role: interviewer, mood: happy}"),
        IV,
        4,
        ("unknown key `mood`", "expected"),
    ),
    (
        "interview: no front matter",
        edit(IV, "---\ntitle", "title"),
        IV,
        1,
        ("expected YAML front matter",),
    ),
    (
        "interview: unknown speaker label",
        edit(IV, "**Jane Doe:**", "**Bob:**"),
        IV,
        11,
        ("expected a speaker label", "found `Bob`"),
    ),
    (
        "interview: a level-1 heading",
        edit(IV, "**Jane Doe:** Cameras", "# A Heading\n\n**Jane Doe:** Cameras"),
        IV,
        11,
        ("expected a paragraph, `## question`", "found a level-1 heading"),
    ),
    (
        "interview: a section id twice",
        edit(IV, "every year.\n", "every year.\n\n## Again for you? {#cameras}\n\nMore.\n"),
        IV,
        13,
        ("expected a unique section id", "`{#cameras}` twice"),
    ),
    (
        "interview: not UTF-8",
        lambda root: (root / IV).write_bytes(INTERVIEW.replace("Acme", "Caf\xe9").encode("cp1252")),
        IV,
        2,
        ("expected UTF-8", "0xe9"),
    ),
    (
        "note: bad YAML",
        edit(NT, "group: term", "group: term: claim"),
        NT,
        4,
        ("not valid YAML",),
    ),
    (
        "note: as_of is a list",
        edit(NT, "as_of: 2026-11-26", "as_of: [2026]"),
        NT,
        5,
        ("`as_of`", "expected a date", "found list"),
    ),
    (
        "note: match is a string",
        edit(NT, "match: [market]", "match: market"),
        NT,
        6,
        ("`match`", "expected a list", "found 'market'"),
    ),
    (
        "note: unknown key",
        edit(NT, "group: term", "group: term\ncolour: red"),
        NT,
        5,
        ("unknown key `colour`", "expected one of"),
    ),
    (
        "note: duplicate id (a copied file)",
        copy_note,
        "sources/notes/market-2.md",
        2,
        ("`id`", "expected `market-2`", "found `market`"),
    ),
    (
        "note: id not lowercase",
        edit(NT, "id: market", "id: Market"),
        NT,
        2,
        ("`id`", "expected an id", "found 'Market'"),
    ),
    (
        "note: matches nothing",
        edit(NT, "match: [market]", "match: [purple elephants]"),
        NT,
        6,
        ("`market`", "used nowhere", "looked for “purple elephants” in every interview"),
    ),
    (
        "note: empty sources",
        edit(
            NT,
            'sources:\n  - {title: A source, url: "https://example.org/", date: 2026}',
            "sources: []",
        ),
        NT,
        7,
        ("`sources`", "expected at least one source"),
    ),
    (
        "note: source address not http(s)",
        edit(NT, "https://example.org/", "javascript:alert(1)"),
        NT,
        7,
        ("`sources`", "expected", "http(s) URL"),
    ),
    (
        "note: front matter not closed",
        edit(NT, "---\nThe market", "The market"),
        NT,
        1,
        ("front matter is not closed", "expected a line `---`"),
    ),
    (
        "note: no body",
        edit(NT, "The market is where cameras are sold.\n", ""),
        NT,
        10,
        ("expected the note's text",),
    ),
    (
        "glossary: bad YAML",
        lambda root: (root / "sources" / "glossary.yml").write_text("SSI: [x\n", encoding="utf-8"),
        "sources/glossary.yml",
        2,
        ("not valid YAML", "expected"),
    ),
    (
        "glossary: a list",
        lambda root: (root / "sources" / "glossary.yml").write_text("- SSI\n", encoding="utf-8"),
        "sources/glossary.yml",
        1,
        ("expected a mapping", "found list"),
    ),
]


@pytest.mark.parametrize(
    ("change", "rel", "line", "words"),
    [c[1:] for c in EDITOR_CASES],
    ids=[c[0] for c in EDITOR_CASES],
)
@pytest.mark.parametrize("verb", ["build", "check"])
def test_editor_file_error_names_file_line_and_expectation(
    mini: Path,
    verb: str,
    change: Callable[[Path], None],
    rel: str,
    line: int,
    words: tuple[str, ...],
) -> None:
    change(mini)
    before = snapshot(mini)
    code, _, err, exc = run(verb, "--root", str(mini))
    message = assert_one_line_error(code, err, exc)
    assert f"{rel}:{line}: " in message, message
    for word in words:
        assert word in message, (word, message)
    assert snapshot(mini) == before


def test_claim_note_matching_nothing_says_what_was_expected(mini: Path) -> None:
    edit(NT, "group: term", f"group: claim\ninterviews: [{SLUG}]")(mini)
    edit(NT, "match: [market]", "match: [purple elephants]")(mini)
    code, _, err, exc = run("check", "--root", str(mini))
    message = assert_one_line_error(code, err, exc)
    assert f"{NT}:" in message and "purple elephants" in message
    assert "expected" in message and f"{NT}:7: " in message


def test_note_without_sources_key_says_what_was_expected(mini: Path) -> None:
    edit(NT, 'sources:\n  - {title: A source, url: "https://example.org/", date: 2026}\n', "")(mini)
    code, _, err, exc = run("check", "--root", str(mini))
    message = assert_one_line_error(code, err, exc)
    assert f"{NT}:1: " in message and "`sources`" in message
    assert "expected" in message


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        (
            IV,
            "title: Acme Chief Talks Cameras\n",
            "title: Lost edit\ntitle: Acme Chief Talks Cameras\n",
        ),
        (NT, "as_of: 2026-11-26\n", "as_of: 2026-11-26\nas_of: 1999-01-01\n"),
    ],
    ids=["interview", "note"],
)
def test_duplicate_front_matter_key_is_an_error(mini: Path, rel: str, old: str, new: str) -> None:
    edit(rel, old, new)(mini)
    code, _, err, exc = run("check", "--root", str(mini))
    message = assert_one_line_error(code, err, exc)
    assert rel in message and "expected" in message


def test_note_for_an_interview_that_does_not_exist(mini: Path) -> None:
    edit(NT, "group: term", f"group: claim\ninterviews: [{SLUG}, acme-typo]")(mini)
    code, _, err, exc = run("check", "--root", str(mini))
    message = assert_one_line_error(code, err, exc)
    assert NT in message and "acme-typo" in message


@pytest.mark.parametrize("anchor", ["about-this-edition", "context-notes"])
def test_check_reports_a_section_id_the_page_uses_already(mini: Path, anchor: str) -> None:
    """`{#about-this-edition}` on a question would take the byline's link."""
    edit(IV, "{#cameras}", f"{{#{anchor}}}")(mini)
    for verb in ("build", "check"):
        code, _, err, _ = run(verb, "--root", str(mini))
        assert code == 1
        assert f"{IV}:" in err
        assert f"expected a section id of your own, found `{{#{anchor}}}`" in err


@pytest.mark.parametrize("folder", ["x#y", "a(b)", "My Interview", "caf\u00e9"])
@pytest.mark.parametrize("verb", ["build", "check"])
def test_interview_folder_that_is_not_a_slug_is_an_error(
    mini: Path, verb: str, folder: str
) -> None:
    """The folder's name is the page's address: `x#y` made an index link to nowhere."""
    (mini / "sources" / "interviews" / SLUG).rename(mini / "sources" / "interviews" / folder)
    before = snapshot(mini)
    code, _, err, exc = run(verb, "--root", str(mini))
    message = assert_one_line_error(code, err, exc)
    assert f"sources/interviews/{folder}/interview.md: " in message
    assert "expected" in message and f"found `{folder}`" in message
    assert snapshot(mini) == before


# --- raw articles given to `sourcegen import` ---------------------------------


def mojibake(text: str) -> str:
    return text.encode("utf-8").decode("cp1252")


RAW_OK: list[tuple[str, bytes, str | None]] = [
    ("plain", ARTICLE.encode(), None),
    ("UTF-8 BOM", codecs.BOM_UTF8 + ARTICLE.encode(), "removed UTF-8 byte order mark"),
    ("UTF-16 LE BOM", ARTICLE.encode("utf-16"), "decoded from UTF-16"),
    ("UTF-16 BE BOM", codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "decoded from UTF-16"),
    ("CRLF", ARTICLE.replace("\n", "\r\n").encode(), "normalised CRLF/CR line ends"),
    ("CR only", ARTICLE.replace("\n", "\r").encode(), "normalised CRLF/CR line ends"),
    ("mojibake", mojibake(ARTICLE).encode(), "repaired mojibake (UTF-8 read as Windows-1252)"),
    (
        "BOM, CRLF and no-break spaces",
        codecs.BOM_UTF8
        + ARTICLE.replace("\n", "\r\n").replace("great and", "great\u00a0and").encode(),
        "replaced no-break spaces with spaces",
    ),
]


@pytest.mark.parametrize(("data", "repair"), [c[1:] for c in RAW_OK], ids=[c[0] for c in RAW_OK])
def test_raw_file_imports_and_reports_repairs(
    empty_site: Path, tmp_path: Path, data: bytes, repair: str | None
) -> None:
    raw = tmp_path / "raw.txt"
    raw.write_bytes(data)
    code, _, err, exc = run("import", str(raw), "--slug", SLUG, "--root", str(empty_site))
    assert code == 0 and exc is None, err
    folder = empty_site / "sources" / "interviews" / SLUG
    text = (folder / "interview.md").read_text(encoding="utf-8")
    assert (folder / "raw.txt").read_bytes() == data  # kept as scraped
    assert "\r" not in text and "\ufeff" not in text and "â€" not in text
    head = yaml.safe_load(text.split("\n---\n")[0].removeprefix("---\n"))
    assert head["title"] == "Acme Chief Talks Cameras"
    if repair:
        assert repair in head["repairs"]
    else:
        assert head["repairs"] == []
    assert "we sell many of them every year" in text
    assert "Acme’s Jane Doe" in (head.get("dek") or "")
    # What was imported builds and passes the check (conservation reads raw.txt the same way).
    code, _, err, _ = run("build", "--root", str(empty_site))
    assert code == 0, err
    code, _, err, _ = run("check", "--root", str(empty_site))
    assert code == 0, err


def _big(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk


# (what is wrong, how to make it, words the message holds, line it names if any)
RAW_BAD: list[tuple[str, Callable[[Path], None], str, int | None]] = [
    ("empty", lambda p: p.write_bytes(b""), "found no text", None),
    (
        "whitespace only",
        lambda p: p.write_bytes(" \n\t\n \r\n\u3000\u00a0\n".encode()),
        "found no text",
        None,
    ),
    ("binary", lambda p: p.write_bytes(bytes(range(256)) * 8), "expected UTF-8 text", 2),
    (
        "PNG",
        lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "expected UTF-8 text",
        1,
    ),
    ("NUL bytes", lambda p: p.write_bytes(b"Title\n\nText\x00more\n"), "found a NUL byte", 3),
    (
        "invalid UTF-8",
        lambda p: p.write_bytes(ARTICLE.encode()[:30] + b"\xff\xfe\xfa" + ARTICLE.encode()[30:]),
        "expected UTF-8 text, found byte 0xff",
        3,
    ),
    (
        "Windows-1252",
        lambda p: p.write_bytes(ARTICLE.encode("cp1252")),
        "expected UTF-8 text, found byte 0x92",
        3,
    ),
    ("UTF-16 without BOM", lambda p: p.write_bytes(ARTICLE.encode("utf-16-le")), "NUL byte", 1),
    (
        "no paragraphs",
        lambda p: p.write_bytes(b"RELATED: Something else\n\nSubscribe Today!\n\nMay 4, 2017\n"),
        "expected at least one paragraph",
        None,
    ),
    (
        "a title only",
        lambda p: p.write_bytes(b"Just A Title\n"),
        "expected at least one paragraph",
        None,
    ),
    ("50 MB", _big, "expected at most", None),
    ("does not exist", lambda p: None, "no such file", None),
    ("a directory", lambda p: p.mkdir(), "expected a file, found a directory", None),
    ("a named pipe", os.mkfifo, "expected a regular file", None),
]


@pytest.mark.parametrize(
    ("make", "words", "line"), [c[1:] for c in RAW_BAD], ids=[c[0] for c in RAW_BAD]
)
def test_bad_raw_file_fails_with_one_line_and_writes_nothing(
    empty_site: Path,
    tmp_path: Path,
    make: Callable[[Path], None],
    words: str,
    line: int | None,
) -> None:
    raw = tmp_path / "raw.txt"
    make(raw)
    before = snapshot(empty_site)
    code, out, err, exc = run("import", str(raw), "--slug", SLUG, "--root", str(empty_site))
    message = assert_one_line_error(code, err, exc)
    assert words in message, message
    assert message.startswith(f"error: {raw}:{line}: " if line else f"error: {raw}: "), message
    assert out == ""
    assert snapshot(empty_site) == before
    assert not (empty_site / "sources" / "interviews" / SLUG).exists()


@pytest.mark.parametrize("slug", ["../escape", "a/b", "/abs", "Not A Slug", ".hidden", ""])
def test_bad_slug_is_refused_before_writing(empty_site: Path, tmp_path: Path, slug: str) -> None:
    raw = tmp_path / "raw.txt"
    raw.write_text(ARTICLE, encoding="utf-8")
    before = snapshot(empty_site)
    code, _, err, exc = run("import", str(raw), "--slug", slug, "--root", str(empty_site))
    message = assert_one_line_error(code, err, exc)
    assert "--slug" in message and "expected" in message
    assert snapshot(empty_site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw.txt", "site"]


def test_real_command_prints_no_traceback(empty_site: Path, tmp_path: Path) -> None:
    """The console script itself, as an editor runs it, on a binary file."""
    raw = tmp_path / "raw.bin"
    raw.write_bytes(bytes(range(256)))
    proc = subprocess.run(
        [sys.executable, "-c", "from sourcegen.cli import main; main()", "import", str(raw)],
        cwd=empty_site,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert re.fullmatch(
        r"error: \S+raw\.bin:2: expected UTF-8 text, found byte 0x80 [^\n]*\n", proc.stderr
    )


class _Counting:
    """Wraps a compiled pattern and adds up how many characters it was asked to search."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.scanned = 0

    def search(self, text: str) -> re.Match[str] | None:
        self.scanned += len(text)
        return self.pattern.search(text)


def test_long_hard_wrapped_file_imports_in_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rejoining lines looks at each line end once (it used to rescan the growing
    paragraph: about 50 s for this input). Work is counted, not timed."""
    from sourcegen.clean import clean_text, unwrap

    counting = _Counting(unwrap._HYPHENATED_END)
    monkeypatch.setattr(unwrap, "_HYPHENATED_END", counting)
    lines = "\n".join("short wrapped line of text number here" for _ in range(6000))
    text = "Acme Chief Talks Cameras\n\n" + lines + ".\n"
    result = clean_text(text, Path("raw.txt"))
    assert len(result.interview.intro) == 1  # one paragraph, rejoined
    assert counting.scanned <= 2 * len(text)


def test_many_quoted_paragraphs_import_in_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pull-quote detection normalises each paragraph once (it used to normalise
    every paragraph again for each quote: about 20 s for this input)."""
    from sourcegen.clean import clean_text, pullquote

    calls = 0
    norm = pullquote._norm

    def counted(text: str) -> str:
        nonlocal calls
        calls += 1
        return norm(text)

    monkeypatch.setattr(pullquote, "_norm", counted)
    quotes = "\n\n".join(
        f"“Quoted paragraph number {i} with enough words in it.”" for i in range(3000)
    )
    clean_text("Acme Chief Talks Cameras\n\n" + quotes + "\n", Path("raw.txt"))
    assert calls <= 2 * 3000 + 2
