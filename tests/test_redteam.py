"""What a red team found (issue 14): one test, or one parametrised group, per item.

Each failed on the main branch before its fix. Sites are built in temporary
folders from the mini site in conftest.py, never from the repository's own
sources/.
"""

from __future__ import annotations

import html
import json
import os
import pickle
import re
import shutil
import stat
import subprocess
import sys
import urllib.parse
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import markdown
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import MINI_NOTE, MINI_RAW, MINI_SLUG, run_mkdocs, write_mini_site
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from sourcegen.annotate import PhraseIndex, _trie
from sourcegen.cli import main
from sourcegen.errors import SourcegenError
from sourcegen.model import Annotated, Interview, Meta, Speaker
from sourcegen.pipeline import Project, generate
from sourcegen.render import PACKAGE_TEMPLATES, _article, abbreviations

# -- 1. abbreviation tooltips --------------------------------------------------

TOOLTIPS = [
    "Image sensors <img src=x onerror=alert(document.domain)>",
    "&lt;img src=x onerror=alert(1)&gt; and &#60;script&#62;",
    "<!-- c --> </p> <?php ?> &notit a < b R&D & Co",
    "\"quoted\" 'single' > and &amp;",
]


@pytest.mark.parametrize("value", TOOLTIPS)
def test_1_tooltip_title_parses_back_to_its_text(value: str) -> None:
    """Material sets the tooltip's innerHTML to the title attribute's value: that
    value, parsed as HTML, must hold no element and read as the glossary text.
    (tests/browser/test_tooltip_text.py hovers the word in Chromium.)"""
    snippet = abbreviations([], {"Cameras": value}, "sources/glossary.yml")
    page = markdown.markdown("Cameras are great.\n\n" + snippet, extensions=["abbr"])
    abbr = BeautifulSoup(page, "html.parser").find("abbr")
    assert abbr is not None
    title = abbr["title"]  # the attribute's decoded value, as the DOM gives it
    inner = BeautifulSoup(f"<div>{title}</div>", "html.parser").div
    assert inner is not None
    assert inner.find(True) is None, f"markup in the tooltip: {title!r}"
    assert html.unescape(title) == value


# -- 2. the build cache --------------------------------------------------------


@pytest.fixture
def mini(empty_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini site, with this test's own cache-signing key (XDG_CACHE_HOME)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return write_mini_site(empty_site)


def cached_build(root: Path) -> tuple[dict[Path, str], set[str]]:
    bundle = generate(Project(root), cache=True)
    bundle.save_cache()
    return bundle.outputs, set(bundle.stats.made)


def test_2_tampered_page_text_in_the_cache_is_not_built(mini: Path) -> None:
    cached_build(mini)
    cache = mini / ".cache" / "sourcegen" / "pages.json"
    data = json.loads(cache.read_bytes())
    entry = data["entries"][MINI_SLUG]
    entry["text"] = entry["text"].replace("Cameras are great", "<script>alert(1)</script>")
    cache.write_text(json.dumps(data), encoding="utf-8")
    outputs, parsed = cached_build(mini)
    assert parsed == {MINI_SLUG}, "the tampered entry was used"
    assert outputs == generate(Project(mini)).outputs
    assert "<script>" not in cache.read_text(encoding="utf-8")


def test_2_a_cache_made_under_another_key_is_a_cold_build(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `.cache/` restored from CI or copied from a colleague carries no trust."""
    cached_build(mini)
    assert cached_build(mini)[1] == set()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    assert cached_build(mini)[1] == {MINI_SLUG}


def test_2_no_key_to_sign_with_means_no_cache_not_a_failure(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A home whose cache folder cannot be written (CI, a read-only home): cold builds."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    outputs, parsed = cached_build(mini)
    assert parsed == {MINI_SLUG}
    assert outputs == generate(Project(mini)).outputs
    assert not (mini / ".cache" / "sourcegen" / "pages.json").exists()
    assert cached_build(mini)[1] == {MINI_SLUG}


class _Payload:
    """Unpickling this writes a marker file: proof that the cache ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (exec, (f"open({str(self.marker)!r}, 'w').write('ran')",))


@pytest.mark.parametrize("kind", ["code", "garbage"])
def test_2_jinja_bytecode_in_the_cache_is_never_loaded(
    mini: Path, tmp_path: Path, kind: str
) -> None:
    """Jinja's bytecode cache unpickles its files: a crafted one ran Python during
    `mkdocs build`, a corrupt one gave an UnpicklingError traceback."""
    marker = tmp_path / "ran"
    folder = mini / ".cache" / "sourcegen" / "jinja"
    folder.mkdir(parents=True)
    naming = jinja2.FileSystemBytecodeCache(str(folder))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES)))
    body = pickle.dumps(_Payload(marker)) if kind == "code" else b"\x80\x05garbage"
    for name in env.list_templates():
        _, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        cache_file = folder / f"__jinja2_{naming.get_cache_key(name, filename)}.cache"
        cache_file.write_bytes(jinja2.bccache.bc_magic + body)
    outputs, _ = cached_build(mini)
    assert not marker.exists(), "a file in the cache ran code"
    assert outputs == generate(Project(mini)).outputs


# -- 3. note source URLs -------------------------------------------------------

BAD_URLS = [
    "https://example.org/)[click](javascript:alert(document.domain))",
    "javascript:alert(1)",
    "https://example.org/ [x](javascript:alert(1))",
    "https://example.org/\\)",
    "https:///no-host",
    "https://example.org/<script>",
    "https://example.org/`code`",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_3_a_note_source_url_cannot_become_another_link(empty_site: Path, url: str) -> None:
    """Either the URL is refused with a one-line error naming the note, or every link
    on the built pages is http(s) and no `javascript:` address appears anywhere."""
    write_mini_site(
        empty_site, note=MINI_NOTE.replace('url: "https://example.org/"', f"url: {json.dumps(url)}")
    )
    result = CliRunner().invoke(main, ["build", "--root", str(empty_site)])
    if result.exit_code:
        assert re.fullmatch(
            r"error: \S+market\.md:\d+: `sources`: expected [^\n]*url[^\n]*\n", result.output
        )
        return
    proc = run_mkdocs(empty_site)
    assert proc.returncode == 0, proc.stderr
    for page in ("notes/index.html", "interviews/acme/index.html"):
        soup = BeautifulSoup((empty_site / "out" / page).read_text(encoding="utf-8"), "html.parser")
        hrefs = [a["href"] for a in soup.find_all("a", href=True)]
        schemes = {urllib.parse.urlsplit(h.strip()).scheme.lower() for h in hrefs}
        assert schemes <= {"", "http", "https"}, hrefs
        assert url not in str(soup), "the address was split into other markup"


def test_3_a_url_with_parentheses_stays_one_link(empty_site: Path) -> None:
    url = "https://en.wikipedia.org/wiki/Camera_(disambiguation)"
    write_mini_site(empty_site, note=MINI_NOTE.replace('"https://example.org/"', json.dumps(url)))
    bundle = generate(Project(empty_site))
    notes = bundle.outputs[empty_site / "docs" / "notes.md"]
    assert "[A source](https://en.wikipedia.org/wiki/Camera_%28disambiguation%29)" in notes


# -- 4. --force and hand-written pages -----------------------------------------


@pytest.mark.parametrize(
    "page", ["docs/notes.md", "docs/interviews/index.md", "docs/interviews/acme.md"]
)
@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_4_a_page_sourcegen_never_wrote_is_never_overwritten(
    empty_site: Path, page: str, force: list[str]
) -> None:
    write_mini_site(empty_site)
    target = empty_site / page
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("# My own page\n\nWritten by hand.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(empty_site), *force])
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "# My own page\n\nWritten by hand.\n"
    assert re.fullmatch(
        rf"error: \S+{re.escape(page)}: was not written by sourcegen[^\n]*\n", result.output
    )
    assert "--force" not in result.output


def test_4_force_still_replaces_a_generated_page_edited_by_hand(empty_site: Path) -> None:
    write_mini_site(empty_site)
    assert CliRunner().invoke(main, ["build", "--root", str(empty_site)]).exit_code == 0
    notes = empty_site / "docs" / "notes.md"
    made = notes.read_text(encoding="utf-8")
    notes.write_text(made.replace("Context notes", "Edited notes", 1), encoding="utf-8")
    refused = CliRunner().invoke(main, ["build", "--root", str(empty_site)])
    assert refused.exit_code == 1 and "--force" in refused.output
    assert CliRunner().invoke(main, ["build", "--root", str(empty_site), "--force"]).exit_code == 0
    assert notes.read_text(encoding="utf-8") == made


# -- 5. YAML bombs and deep nesting --------------------------------------------


def one_line_error(root: Path, command: str = "check") -> str:
    """Run a command that must fail with one line on stderr, no traceback; return the line."""
    result = CliRunner().invoke(main, [command, "--root", str(root)])
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    return result.stderr


def alias_bomb(levels: int) -> str:
    """``levels`` anchors, each a list of nine aliases to the one before: 9**levels strings."""
    rows = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    rows += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(rows) + "\n"


def note_with(extra: str) -> str:
    return MINI_NOTE.replace("match: [market]\n", "match: [market]\n" + extra)


@pytest.mark.parametrize(
    ("extra", "line", "found"),
    [
        (alias_bomb(6), 7, "an anchor or alias"),
        ("abbr: &x {SOE: State-owned enterprise}\n", 7, "an anchor or alias"),
        ("event_date: !!timestamp 2019-02-30\n", 7, "an explicit tag"),
        ("interviews: " + "[" * 1000 + "]" * 1000 + "\n", 7, "lists or mappings nested more than"),
    ],
    ids=["alias bomb", "anchor", "explicit tag", "1000 deep"],
)
def test_5_front_matter_refuses_aliases_tags_and_depth(
    empty_site: Path, extra: str, line: int, found: str
) -> None:
    write_mini_site(empty_site, note=note_with(extra))
    err = one_line_error(empty_site)
    assert re.fullmatch(
        rf"error: \S+market\.md:{line}: front matter is not valid YAML: found {found}[^\n]*\n", err
    ), err


@pytest.mark.parametrize(
    "glossary",
    [alias_bomb(6), "A: " + "{b: " * 1000 + "c" + "}" * 1000 + "\n"],
    ids=["alias bomb", "1000 deep"],
)
def test_5_the_glossary_refuses_aliases_and_depth(empty_site: Path, glossary: str) -> None:
    write_mini_site(empty_site)
    (empty_site / "sources" / "glossary.yml").write_text(glossary, encoding="utf-8")
    err = one_line_error(empty_site)
    assert re.fullmatch(
        r"error: \S+glossary\.yml:\d+: the glossary is not valid YAML: found [^\n]*\n", err
    ), err


def test_5_fifty_thousand_levels_is_an_error_not_a_crash(empty_site: Path) -> None:
    """A subprocess: on the old code this crashed the interpreter (libyaml's composer)."""
    write_mini_site(empty_site, note=note_with("interviews: " + "[" * 50_000 + "]" * 50_000 + "\n"))
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from sourcegen.cli import main; main()",
            "check",
            "--root",
            str(empty_site),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1, (proc.returncode, proc.stderr[-300:])
    assert re.fullmatch(r"error: \S+market\.md:7: [^\n]*nested more than[^\n]*\n", proc.stderr)


# -- 6. one-line errors, not tracebacks ----------------------------------------


WRITTEN = "a date written YYYY-MM-DD, YYYY-MM or YYYY"


def with_front_matter(root: Path, old: str, new: str) -> None:
    path = root / "sources" / "interviews" / MINI_SLUG / "interview.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("where", "value", "shown", "expected"),
    [
        ("interview", "2019-02-30", "'2019-02-30'", "a day that exists in February 2019"),
        ("interview", "2019-13", "'2019-13'", "a month from 01 to 12"),
        ("interview", "yes", "True", WRITTEN),
        ("interview", "May 2019", "'May 2019'", WRITTEN),
        ("note", "2026-13-01", "'2026-13-01'", "a month from 01 to 12"),
        ("note", "no", "False", WRITTEN),
        ("note", "2026-02-29", "'2026-02-29'", "a day that exists in February 2026"),
    ],
)
def test_6_impossible_or_non_iso_dates_are_one_line_errors(
    empty_site: Path, where: str, value: str, shown: str, expected: str
) -> None:
    if where == "interview":
        write_mini_site(empty_site)
        with_front_matter(empty_site, "publication:", f"date: {value}\npublication:")
        pattern = rf"error: \S+interview\.md:3: `date`: expected {re.escape(expected)} \(or null\), found {re.escape(shown)}\n"
    else:
        write_mini_site(empty_site, note=MINI_NOTE.replace("as_of: 2026-11-26", f"as_of: {value}"))
        pattern = rf"error: \S+market\.md:5: `as_of`: expected {re.escape(expected)}, found {re.escape(shown)}\n"
    for command in ("check", "build"):
        assert re.fullmatch(pattern, one_line_error(empty_site, command))


@pytest.mark.parametrize(
    ("glossary", "line", "message"),
    [
        (
            "SOE: State-owned\x07 enterprise\n",
            1,
            "the glossary is not valid YAML: found character #x0007",
        ),
        (
            "SOE: State-owned enterprise\nTVI: Video\nSOE: Something else\n",
            3,
            "expected each key once, found `SOE` a second time",
        ),
        (
            "SOE: State-owned enterprise\nNVR: yes\n",
            2,
            "expected `ABBR: expansion`, the abbreviation in letters",
        ),
        ("- SOE\n", 1, "the glossary: expected a mapping of keys, found list"),
    ],
    ids=["control character", "duplicate key", "boolean value", "a list"],
)
def test_6_glossary_mistakes_are_one_line_errors(
    empty_site: Path, glossary: str, line: int, message: str
) -> None:
    write_mini_site(empty_site)
    (empty_site / "sources" / "glossary.yml").write_text(glossary, encoding="utf-8")
    err = one_line_error(empty_site)
    assert err.startswith(f"error: {empty_site / 'sources' / 'glossary.yml'}:{line}: {message}"), (
        err
    )


def test_6_a_glossary_value_that_looks_like_a_date_is_text(empty_site: Path) -> None:
    write_mini_site(empty_site)
    (empty_site / "sources" / "glossary.yml").write_text("Cameras: 2019-01-01\n", encoding="utf-8")
    bundle = generate(Project(empty_site))
    assert (
        "*[Cameras]: 2019-01-01\n" in bundle.outputs[empty_site / "includes" / "abbreviations.md"]
    )


@pytest.mark.parametrize(
    ("date", "published"),
    [("2019-02", "2019-02"), ("2019-02-30", None), ("May 2019", None), ("True", None)],
)
def test_6_json_ld_date_published_is_only_a_valid_date(date: str, published: str | None) -> None:
    """Whatever a Meta holds (parse refuses such dates; the importer makes Meta too)."""
    meta = Meta(title="T", date=date, speakers=[Speaker("Lens", "The Lens", "interviewer")])
    article = _article(Annotated(Interview(slug="t", meta=meta), [], [], []))
    assert article.get("datePublished") == published


# -- 8. reserved slugs ---------------------------------------------------------


def move_mini_interview(root: Path, slug: str) -> None:
    folder = root / "sources" / "interviews"
    (folder / MINI_SLUG).rename(folder / slug)


@pytest.mark.parametrize("slug", ["index", "notes", "assets"])
def test_8_a_slug_the_site_uses_itself_is_a_clear_error(empty_site: Path, slug: str) -> None:
    write_mini_site(empty_site)
    move_mini_interview(empty_site, slug)
    for command in ("check", "build"):
        err = one_line_error(empty_site, command)
        assert re.fullmatch(
            rf"error: \S+/{slug}/interview\.md: expected a folder name the site does not use "
            rf"itself \([a-z0-9, ]+\), found `{slug}`\n",
            err,
        ), err
    assert not (empty_site / "docs" / "interviews").exists()


def test_8_import_refuses_a_reserved_slug(empty_site: Path, tmp_path: Path) -> None:
    raw = tmp_path / "raw.txt"
    raw.write_text(MINI_RAW, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["import", str(raw), "--slug", "index", "--root", str(empty_site)]
    )
    assert (
        result.exit_code == 1
        and "--slug: expected a folder name the site does not use" in result.stderr
    )
    assert not (empty_site / "sources" / "interviews" / "index").exists()


# -- 11. smaller ones ----------------------------------------------------------


def test_11_a_240_character_slug_is_refused_before_anything_is_written(empty_site: Path) -> None:
    write_mini_site(empty_site)
    move_mini_interview(empty_site, "a" * 240)
    err = one_line_error(empty_site, "build")
    assert "expected a folder name of at most 100 characters, found 240" in err
    assert not (empty_site / "docs" / "interviews").exists()
    assert not (empty_site / "docs" / "notes.md").exists()


def test_11_check_slug_matches_the_whole_name(empty_site: Path) -> None:
    """`$` matches before a final newline: a folder `acme\\n` passed."""
    write_mini_site(empty_site)
    move_mini_interview(empty_site, "acme\n")
    err = one_line_error(empty_site)
    assert "expected the interview's folder to be named with lowercase letters" in err


# -- 9. a deleted interview ----------------------------------------------------


def two_interviews(root: Path) -> Path:
    """The mini site plus `acme-two`, a copy of its interview; returns the copy's folder."""
    write_mini_site(root)
    folder = root / "sources" / "interviews"
    (folder / "acme-two").mkdir()
    for name in ("interview.md", "raw.txt"):
        (folder / "acme-two" / name).write_bytes((folder / MINI_SLUG / name).read_bytes())
    return folder / "acme-two"


def test_9_a_deleted_interview_is_unpublished_by_sourcegen_build(empty_site: Path) -> None:
    second = two_interviews(empty_site)
    assert CliRunner().invoke(main, ["build", "--root", str(empty_site)]).exit_code == 0
    page = empty_site / "docs" / "interviews" / "acme-two.md"
    assert page.is_file()
    shutil.rmtree(second)
    checked = CliRunner().invoke(main, ["check", "--root", str(empty_site)])
    assert checked.exit_code == 1  # check reports it (with the now stale index) before the build
    gone = f"error: {page}: generated from an interview that is gone: run `sourcegen build`\n"
    assert gone in checked.stderr
    assert CliRunner().invoke(main, ["build", "--root", str(empty_site)]).exit_code == 0
    assert not page.exists()
    assert CliRunner().invoke(main, ["check", "--root", str(empty_site)]).exit_code == 0


def test_9_mkdocs_does_not_publish_a_leftover_generated_page(empty_site: Path) -> None:
    second = two_interviews(empty_site)
    assert CliRunner().invoke(main, ["build", "--root", str(empty_site)]).exit_code == 0
    shutil.rmtree(second)
    proc = run_mkdocs(empty_site)
    assert proc.returncode == 0, proc.stderr
    assert (empty_site / "out" / "interviews" / "acme" / "index.html").is_file()
    assert not (empty_site / "out" / "interviews" / "acme-two").exists()


def test_9_a_leftover_page_edited_by_hand_is_kept_and_reported(empty_site: Path) -> None:
    second = two_interviews(empty_site)
    assert CliRunner().invoke(main, ["build", "--root", str(empty_site)]).exit_code == 0
    page = empty_site / "docs" / "interviews" / "acme-two.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMy note.\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (empty_site / "docs").rglob("*.md")}
    shutil.rmtree(second)
    err = one_line_error(empty_site, "build")
    assert "interview it was made from is gone" in err and "--force" in err
    assert {p: p.read_bytes() for p in (empty_site / "docs").rglob("*.md")} == before


# -- 10. `mkdocs serve --dirty` after a failed rebuild -------------------------


def test_10_a_page_is_not_skipped_after_a_rebuild_that_failed(empty_site: Path) -> None:
    """The plugin remembered a page as built when it handed it over, before MkDocs
    wrote it: after a failed rebuild, the next --dirty build skipped the new text."""
    write_mini_site(empty_site)
    config = load_config(str(empty_site / "mkdocs.yml"), site_dir=str(empty_site / "out"))
    config.extra["pagefind"] = False  # no site is built here for Pagefind to index
    plugin = config.plugins["sourcegen"]
    page = "interviews/acme.md"

    def hand_over() -> Any:
        file = config.plugins.on_files(Files([]), config=config).get_file_from_path(page)
        assert file is not None
        return file

    def build_succeeded() -> None:
        """What MkDocs calls once every page is written (a hook the plugin lacked)."""
        getattr(plugin, "on_post_build", lambda **_: None)(config=config)

    first = hand_over()
    dest = Path(first.abs_dest_path)
    dest.parent.mkdir(parents=True)
    dest.write_text("the first text, built", encoding="utf-8")
    build_succeeded()
    assert not hand_over().is_modified()  # unchanged and built: skipped
    build_succeeded()

    with_front_matter(
        empty_site, "title: Acme Chief Talks Cameras", "title: Acme Chief Talks Lenses"
    )
    assert hand_over().is_modified()
    # ... and this rebuild fails before MkDocs writes the page: no on_post_build.
    assert hand_over().is_modified(), "the page that was never written was skipped"


SECRET = "TOP SECRET: the contents of a file outside the site"


@pytest.mark.parametrize("link", ["includes/leak.txt", "docs/leak.txt"])
@pytest.mark.parametrize("written", ["includes/leak.txt", "leak.txt", "docs/leak.txt"])
def test_11_a_snippet_through_a_symlink_cannot_publish_an_outside_file(
    empty_site: Path, tmp_path: Path, link: str, written: str
) -> None:
    """A note's text includes a snippet through a symlink in the site that leads out of it.
    Either the build fails, or the file's text is on no page."""
    outside = tmp_path / "outside.txt"
    outside.write_text(SECRET + "\n", encoding="utf-8")
    write_mini_site(empty_site, note=MINI_NOTE + f'\n--8<-- "{written}"\n')
    (empty_site / link).symlink_to(outside)
    proc = run_mkdocs(empty_site)
    if proc.returncode == 0:
        for page in (empty_site / "out").rglob("*.html"):
            assert SECRET not in page.read_text(encoding="utf-8"), page
    else:
        assert "symlink" in proc.stderr or "could not be found" in proc.stderr, proc.stderr


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_11_written_files_respect_the_umask(
    empty_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask: int
) -> None:
    """Generated pages, interview.md, raw.txt and the cache were all 0600 (mkstemp)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    (empty_site / "sources" / "notes" / "market.md").write_text(MINI_NOTE, encoding="utf-8")
    raw = tmp_path / "raw.txt"
    raw.write_text("Acme Chief Talks Cameras\n\n" + MINI_RAW.split("\n", 2)[2], encoding="utf-8")
    old = os.umask(umask)
    try:
        runner = CliRunner()
        imported = runner.invoke(
            main, ["import", str(raw), "--slug", "acme", "--root", str(empty_site)]
        )
        assert imported.exit_code == 0, imported.output
        built = runner.invoke(main, ["build", "--root", str(empty_site)])
        assert built.exit_code == 0, built.output
    finally:
        os.umask(old)
    written = [
        empty_site / "sources" / "interviews" / "acme" / "interview.md",
        empty_site / "sources" / "interviews" / "acme" / "raw.txt",
        empty_site / "docs" / "notes.md",
        empty_site / "docs" / "interviews" / "acme.md",
        empty_site / "includes" / "abbreviations.md",
        empty_site / ".cache" / "sourcegen" / "pages.json",
    ]
    modes = {
        p.relative_to(empty_site).as_posix(): oct(stat.S_IMODE(p.stat().st_mode)) for p in written
    }
    assert set(modes.values()) == {oct(0o666 & ~umask)}, modes


def test_11_a_replaced_file_keeps_its_mode(empty_site: Path) -> None:
    write_mini_site(empty_site)
    assert CliRunner().invoke(main, ["build", "--root", str(empty_site)]).exit_code == 0
    notes = empty_site / "docs" / "notes.md"
    notes.chmod(0o640)
    (empty_site / "sources" / "notes" / "market.md").write_text(
        MINI_NOTE.replace("where cameras are sold", "where cameras are bought"), encoding="utf-8"
    )
    assert CliRunner().invoke(main, ["build", "--root", str(empty_site)]).exit_code == 0
    assert "bought" in notes.read_text(encoding="utf-8")
    assert stat.S_IMODE(notes.stat().st_mode) == 0o640


_SCAN_PHRASES = [
    "TVI",
    "HD-TVI",
    "SOE",
    "SOEs",
    ".NET",
    "#1",
    "“quoted”",
    "(c)",
    "end-",
    "é",
    "x_y",
]
_SCAN_BITS = [
    *_SCAN_PHRASES,
    "x",
    "_",
    "é",
    "1",
    " ",
    "-",
    "(",
    "#",
    ".",
    "“",
    "NET",
    "HD",
    "quoted”",
]


@given(st.lists(st.sampled_from(_SCAN_BITS), max_size=12).map("".join))
def test_11_the_phrase_scan_finds_what_the_word_boundary_regex_finds(text: str) -> None:
    """Phrases starting with punctuation too: the one regex is the oracle."""
    alternation = "|".join(re.escape(p) for p in sorted(_SCAN_PHRASES, key=len, reverse=True))
    reference = re.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)")
    expected = [(m.start(), m.group()) for m in reference.finditer(text)]
    assert list(PhraseIndex.of(_SCAN_PHRASES).scan(text)) == expected


def test_11_the_phrase_regex_is_a_trie() -> None:
    """The regex engine follows the text a character at a time: at each place it tries
    at most one branch per next character, however many notes there are (one
    alternation of 5,000 phrases tried them all: 17.5 s per interview).
    benchmarks/phrase_scan.py times both."""
    assert _trie(["TVI", "HD-TVI", "HD-SDI", "HD"]) == r"(?:HD(?:\-(?:SDI|TVI))?|TVI)"
    phrases = [f"term{i} of art" for i in range(5000)]
    pattern = _trie(phrases)
    assert pattern.startswith("term(?:")
    index = PhraseIndex.of(phrases)
    text = " ".join(f"word{i % 997}" for i in range(2000)) + " term4999 of art."
    assert list(index.scan(text)) == [(len(text) - len("term4999 of art."), "term4999 of art")]


# -- 12. the fuzz test can fail on a rejecting importer -------------------------


@pytest.mark.parametrize(
    ("message", "text"),
    [
        ("expected at least one paragraph of interview text, found none", "interview"),
        ("expected an article, found no text (empty or whitespace only)", "words"),
        ("some other reason", "words"),
    ],
    ids=["no interview text", "no text", "unknown reason"],
)
def test_12_round_trip_fails_on_an_importer_that_rejects_everything(
    monkeypatch: pytest.MonkeyPatch, message: str, text: str
) -> None:
    import test_fuzz

    def reject(*_: Any, **__: Any) -> Any:
        raise SourcegenError(Path("raw.txt"), None, message)

    monkeypatch.setattr(test_fuzz, "clean_text", reject)
    article = test_fuzz.INTERVIEW_OPENING if text == "interview" else "Some words here."
    with pytest.raises(AssertionError):
        test_fuzz.round_trip(article, prose=text == "interview")


# -- one more path: abbreviation keys ------------------------------------------


@pytest.mark.parametrize(
    ("where", "key"),
    [
        ("glossary", "X\n\n<script>window.sgx=1</script>\n\n*[Y"),
        ("glossary", "Z]: zed\n\n# Injected heading {#evil}\n\n*[W"),
        ("note", "SOE]: x\n\n<img src=x onerror=alert(1)>\n\n*[Q"),
        ("note", "<b>"),
    ],
)
def test_extra_an_abbreviation_key_cannot_put_markup_on_every_page(
    empty_site: Path, where: str, key: str
) -> None:
    """The key is written into the `*[KEY]: text` line appended to every page: a line
    break in it put a script and a heading on every page of the site."""
    if where == "glossary":
        write_mini_site(empty_site)
        glossary = empty_site / "sources" / "glossary.yml"
        glossary.write_text(f"{json.dumps(key)}: tooltip\n", encoding="utf-8")
        expected = r"error: \S+glossary\.yml:1: expected `ABBR: expansion`, the abbreviation in letters[^\n]*\n"
    else:
        write_mini_site(empty_site, note=note_with(f"abbr: {{{json.dumps(key)}: tooltip}}\n"))
        expected = r"error: \S+market\.md:7: `abbr`: expected a mapping of abbreviations[^\n]*\n"
    for command in ("check", "build"):
        assert re.fullmatch(expected, one_line_error(empty_site, command))
    assert not (empty_site / "includes" / "abbreviations.md").exists()
