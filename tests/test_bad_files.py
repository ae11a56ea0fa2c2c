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
from conftest import MINI_SLUG as SLUG
from conftest import write_mini_site
from stage_cases import cases, split

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


def change(instructions: str) -> Callable[[Path], None]:
    """The change an editor fixture describes (tests/fixtures/editor/): ``edit PATH
    [as ENCODING]``, the text to change, ``=>``, what it becomes; or ``write PATH``
    and the whole file."""
    head, _, body = instructions.partition("\n")
    verb, rel, *rest = head.split()
    encoding = rest[1] if rest[:1] == ["as"] else "utf-8"
    assert verb in ("edit", "write"), head
    old, new = split(body, "=>") if verb == "edit" else ("", body)

    def apply(root: Path) -> None:
        path = root / rel
        if verb == "write":
            path.write_text(new, encoding="utf-8")
            return
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_bytes(text.replace(old, new, 1).encode(encoding))

    return apply


def expectation(expected: str) -> tuple[str, int, tuple[str, ...]]:
    """(file named, line named, words the message must hold) from an editor fixture."""
    where, *words = expected.splitlines()
    rel, line = where.rsplit(":", 1)
    return rel, int(line), tuple(words)


EDITOR_CASES = [
    pytest.param(change(given), *expectation(expected), id=case.id)
    for case in cases("editor")
    for given, expected in [case.values]
]


@pytest.mark.parametrize(
    ("change", "rel", "line", "words"),
    EDITOR_CASES,
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
