"""Untrusted text renders literally: it never becomes markup, script or a link.

Two ways text gets in: the scraped article (``sourcegen import`` of raw.txt)
and paragraphs an editor types into interview.md. Both are built into a real
site here (``sourcegen build`` then ``mkdocs build --strict``) and checked on
the HTML: every hostile string shows as text, word for word, and nothing in
the page (element, attribute, script, link, id, admonition, table, footnote,
abbreviation) comes from it. A property test then feeds generated paragraphs
through interview.md and Python-Markdown with the site's own extensions.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner
from conftest import MINI_NOTE, copy_skeleton, run_mkdocs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcegen.annotate import Matcher, annotate
from sourcegen.cli import main
from sourcegen.model import Block, Interview, Meta, Section, Speaker
from sourcegen.parse import parse_text
from sourcegen.render import Renderer
from sourcegen.search import read_fragments
from sourcegen.serialise import dump

ROOT = Path(__file__).resolve().parent.parent

# Each is one paragraph of a scraped article. Some start a line on purpose:
# that is where Markdown block syntax (headings, rules, tables, admonitions,
# snippets, abbreviation and footnote definitions) would take effect.
RAW_PAYLOADS = [
    '<script>alert("s1")</script> in the answer.',
    "<img src=x onerror=alert('i1')> in the answer.",
    '<iframe src="https://evil.example/frame"></iframe> in the answer.',
    "<a href=\"javascript:alert('a1')\">click here</a> in the answer.",
    '[click me](javascript:alert("l1")) and [home](https://evil.example/) and ![pic](https://evil.example/p.png)',
    "<https://evil.example/auto> and <javascript:alert(2)> and https://evil.example/bare",
    "<!-- a hidden comment --> after a comment.",
    "*stars* and _underscores_ and **double** and `backticks` and ~~tildes~~ and ==marks==",
    "A footnote reference [^1] and [^evil] in a sentence.",
    "[^1]: a footnote definition",
    "# Not a heading",
    "## Not a heading either {#evil-heading}",
    "| a | b | | --- | --- | | c | d |",
    "---",
    "***",
    '!!! danger "Injected admonition"',
    '??? note "Collapsed admonition"',
    'Some text { #evil-id .evil-class onclick="alert(3)" }',
    "{: #evil-id2 .evil-class2 }",
    '--8<-- "includes/abbreviations.md"',
    '--8<-- "/etc/passwd"',
    '--8<-- "mkdocs.yml"',
    "*[HTML]: Hijacked abbreviation",
    '{{ config.site_name }} and {% include "base.html" %} and {# a comment #}',
    "> not a quote",
    "1. not a list",
    "- not a list either",
    "+ nor this",
    "    indented, not code",
    '<div markdown="1">*md in html*</div>',
    "&lt;b&gt; entity &amp; &#58; &#x3C;script&#x3E; and R&D",
    "\\*backslash\\* and \\\\ double and \\",
    "Then ///Footnotes Go Here/// appeared in the text, we said.",
    "[TOC]",
    "Zero\u200bwidth\u200cnon\u200djoiner and \u2060word\u2060joiner and soft\u00adhyphen",
    "Bidi \u202eevil\u202c and \u2066isolate\u2069 and \u200fmark\u200e here",
    "Emoji 👩🏽‍💻 and 🏳️‍🌈 and 🇺🇸 here",
    "Combining e\u0301 a\u0308 n\u0303 and t\u0336\u0337e\u0334x\u0335t",
    "CJK 中文 and Arabic العربية and Hebrew עברית",
]
TITLE = 'Acme <script>alert("title")</script> & Co Talk </title><b>Cameras</b>'
DEK = "The Daily Lens spoke with Acme’s Jane Doe about \"><img src=x onerror=alert('dek')> the market."

# Paragraphs an editor types into interview.md (CommonMark). The transcript
# is shown as typed, so markup must come out as the characters typed.
TYPED_PAYLOADS = [
    "<script>alert('t1')</script> and <img src=x onerror=alert('t2')> typed.",
    '<iframe src="https://evil.example/"></iframe> and <!-- typed comment --> typed.',
    "[run](javascript:alert('t3')) and <javascript:alert('t4')> typed.",
    "*stars* _underscores_ **double** `code` and [^1] and [^note] typed.",
    'Attribute lists { #typed-evil .typed-class onclick="alert(5)" } and {: #typed-evil2 } typed.',
    '!!! danger --8<-- "mkdocs.yml" {{ config }} {% raw %} | a | b | typed.',
    "Unicode \u200b\u202eevil\u202c 👩🏽‍💻 e\u0301 typed.",
    # Blocks in CommonMark, typed as a paragraph: they stay the characters typed.
    "<!-- a whole-paragraph comment -->",
    '<div markdown="1">*md in html*</div>',
    "---",
    "- a list item, typed",
    "1. a numbered item, typed",
    "    indented like code, typed",
    "```\nfenced, typed\n```",
    "[r]: https://evil.example/",
    "| a | b |\n|---|---|\n| c | d |",
    "Setext, typed\n===",
]
TYPED_HEADING = "What about <script>alert('h')</script> and *stars* for you?"

EVIL_IDS = {"evil-heading", "evil-id", "evil-id2", "typed-evil", "typed-evil2", "typed-evil3"}
EVIL_CLASSES = {"evil-class", "evil-class2", "typed-class", "admonition"}
# What the templates themselves put inside <article>: anything else came from text.
ARTICLE_TAGS = {
    *("h1", "h2", "h3", "p", "a", "strong", "abbr", "div", "sup", "ol", "ul", "li", "hr"),
    *("table", "thead", "tbody", "tr", "th", "td", "blockquote", "span", "br"),
    *("nav", "details", "summary"),  # the page's contents list
}


def norm(text: str) -> str:
    return " ".join(text.split())


def raw_article() -> str:
    paragraphs = [
        TITLE,
        DEK,
        "What do you make of <iframe src=x></iframe> and the market today?",
        "We see the market growing in every region we serve, year after year.",
        *RAW_PAYLOADS,
        "How do you see the next five years for you?",
        "Calm and steady, with more of the same work ahead of us.",
    ]
    return "\n\n".join(paragraphs) + "\n"


# Front matter an editor fills in, often pasted from the scraped page.
TYPED_META = {
    "dek": "Dek <img src=x onerror=alert('d')> *stars* {: #typed-evil3 }",
    "publication": "Pub <script>alert('p')</script> [x](javascript:alert(1))",
    "date_estimate": "<b>Spring</b> 2019",  # `date:` itself is ISO only (issue 14)
    "byline": 'By <iframe src="https://evil.example/"></iframe>',
    "author_bio": 'Bio ///Footnotes Go Here/// --8<-- "mkdocs.yml" [^market]',
    "interviewer": "The <b>Daily</b> Lens",
    "affiliation": 'Acme" onmouseover="alert(1)',
    "related": "Related <script>alert('r')</script> | pipe",
    "reason": "reason <img src=x onerror=alert(1)> | pipe",
}
REMOVED_LINE = "Removed | pipe <script>alert('x')</script> line"


def typed_interview() -> str:
    body = "\n\n".join(TYPED_PAYLOADS)
    m = {k: json.dumps(v) for k, v in TYPED_META.items()}  # JSON strings are YAML strings
    return f"""---
title: Typed by an editor
dek: {m["dek"]}
publication: {m["publication"]}
date: null
date_estimate: {m["date_estimate"]}
byline: {m["byline"]}
author_bio: {m["author_bio"]}
speakers:
- {{label: Lens, name: {m["interviewer"]}, role: interviewer}}
- {{label: Jane Doe, name: Jane Doe, role: interviewee, affiliation: {m["affiliation"]}}}
related:
- {{title: {m["related"]}, label: RELATED}}
removed:
- {{line: 1, reason: {m["reason"]}, text: {json.dumps(REMOVED_LINE)}}}
---

## {TYPED_HEADING} {{#typed-question}}

**Jane Doe:** The market is what it is.

{body}
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:

    tmp = tmp_path_factory.mktemp("untrusted")
    root = copy_skeleton(tmp / "site", with_sources=False)
    raw = tmp / "raw.txt"
    raw.write_text(raw_article(), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["import", str(raw), "--slug", "hostile", "--root", str(root)]
    )
    assert result.exit_code == 0, result.stderr
    typed = root / "sources" / "interviews" / "typed"
    typed.mkdir()
    (typed / "interview.md").write_text(typed_interview(), encoding="utf-8")
    raw_words = [REMOVED_LINE, TYPED_HEADING, "The market is what it is.", *TYPED_PAYLOADS]
    (typed / "raw.txt").write_text("\n\n".join(raw_words) + "\n", encoding="utf-8")
    (root / "sources" / "notes" / "market.md").write_text(MINI_NOTE, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(root)])
    assert result.exit_code == 0, result.stderr
    proc = run_mkdocs(root)
    assert proc.returncode == 0, proc.stderr
    return root


def page(root: Path, slug: str) -> BeautifulSoup:
    html = (root / "out" / "interviews" / slug / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def article(root: Path, slug: str) -> Tag:
    found = page(root, slug).select_one("article")
    assert isinstance(found, Tag)
    return found


def block_texts(node: Tag) -> list[str]:
    """The text of every block element, inline markup (abbr, strong) flattened."""
    blocks = node.select("h1, h2, h3, p, li, td, th")
    return [norm(b.get_text("")).removesuffix("¶").strip() for b in blocks]


ACTIVE = {"iframe", "object", "embed", "img", "frame", "base", "meta", "link", "video", "audio"}
"""Elements that load or run something; Material's own chrome uses none in a page body."""


def injected(node: Tag, forbidden: set[str] = ACTIVE) -> list[str]:
    """Everything in ``node`` that only hostile text could have put there."""
    found: list[str] = []
    for el in node.find_all(True):
        attrs = {k.lower(): v for k, v in el.attrs.items()}
        if el.name in forbidden:
            found.append(f"<{el.name}> element")
        if el.name == "script" and attrs.get("type") == "application/ld+json":
            try:  # data, not code: safe while the text cannot end the element early
                json.loads(el.get_text())
            except ValueError:
                found.append("JSON-LD broken open by the text")
        elif el.name == "script" and "alert" in el.get_text():
            found.append("script with hostile code")
        for name in attrs:
            if name.startswith("on"):
                found.append(f"{name}= on <{el.name}>")
        for name in ("href", "src", "action", "formaction"):
            value = str(attrs.get(name, "")).replace(" ", "").lower()
            if value.startswith("javascript:") or "evil.example" in value:
                found.append(f"{name}={attrs[name]!r} on <{el.name}>")
        if attrs.get("id") in EVIL_IDS:
            found.append(f"id={attrs['id']!r}")
        classes = set(attrs.get("class") or [])
        if classes & EVIL_CLASSES:
            found.append(f"class={sorted(classes & EVIL_CLASSES)} on <{el.name}>")
        if el.name == "abbr" and "Hijacked" in str(attrs.get("title", "")):
            found.append("abbreviation defined by the text")
    return found


def test_check_passes_with_hostile_text(hostile_site: Path) -> None:
    """Conservation and footnotes hold: every hostile word is on its page, in order."""
    result = CliRunner().invoke(main, ["check", "--root", str(hostile_site)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("ok: 2 interviews, 1 note\n")


@pytest.mark.parametrize("payload", RAW_PAYLOADS, ids=range(len(RAW_PAYLOADS)))
def test_imported_text_shows_literally(hostile_site: Path, payload: str) -> None:
    texts = block_texts(article(hostile_site, "hostile"))
    assert any(norm(payload) in t for t in texts), f"{payload!r} not shown as written"


def test_imported_title_dek_and_question_show_literally(hostile_site: Path) -> None:
    texts = block_texts(article(hostile_site, "hostile"))
    assert texts[0] == norm(TITLE)
    assert norm(DEK) in texts
    assert "What do you make of <iframe src=x></iframe> and the market today?" in texts


@pytest.mark.parametrize("payload", TYPED_PAYLOADS, ids=range(len(TYPED_PAYLOADS)))
def test_typed_text_shows_literally(hostile_site: Path, payload: str) -> None:
    texts = block_texts(article(hostile_site, "typed"))
    assert norm(payload) in texts, f"{payload!r} not shown as typed"


@pytest.mark.parametrize("field", [*TYPED_META, "removed"])
def test_typed_front_matter_shows_literally(hostile_site: Path, field: str) -> None:
    value = REMOVED_LINE if field == "removed" else TYPED_META[field]
    texts = block_texts(article(hostile_site, "typed"))
    assert any(norm(value) in t for t in texts), f"{field}: {value!r} not shown as typed"


def test_typed_heading_shows_literally(hostile_site: Path) -> None:
    heading = article(hostile_site, "typed").find(id="typed-question")
    assert isinstance(heading, Tag)
    assert norm(heading.get_text("")).removesuffix("¶") == TYPED_HEADING


@pytest.mark.parametrize("slug", ["hostile", "typed"])
def test_no_markup_from_text_in_the_article(hostile_site: Path, slug: str) -> None:
    body = article(hostile_site, slug)
    assert injected(body) == []
    assert {el.name for el in body.find_all(True)} <= ARTICLE_TAGS
    # The one table the template makes: removals, under "About this edition".
    for table in body.select("table"):
        assert [norm(th.get_text()) for th in table.select("th")] == ["Line", "Removed", "Why"]
        heading = table.find_previous("h2")
        assert isinstance(heading, Tag) and heading.get("id") == "about-this-edition"
    # One footnote list, after the "Context notes" heading, holding our one note.
    footnotes = body.select("div.footnote")
    assert len(footnotes) == 1
    assert [li.get("id") for li in footnotes[0].select("li")] == ["fn:market"]
    heading = footnotes[0].find_previous("h2")
    assert isinstance(heading, Tag) and heading.get("id") == "context-notes"


def test_no_markup_from_text_anywhere_but_the_head(hostile_site: Path) -> None:
    """The navigation, table of contents and search index also carry page text."""
    for slug in ("hostile", "typed"):
        soup = page(hostile_site, slug)
        head = soup.find("head")
        assert isinstance(head, Tag)
        head.decompose()  # <meta>, <link> and <title> are Material's; checked below
        header = soup.select_one("header.md-header")
        assert isinstance(header, Tag)
        header.decompose()
        assert injected(soup) == [], slug
    # Pagefind stores the page's text, and skips <script> elements: the typed
    # payloads are there whole only if they reached the page as text. (Its
    # excerpts escape < and >, and the search box rebuilds them as text and
    # <mark> only: tests/browser/test_search.py.)
    index = json.dumps(read_fragments(hostile_site / "out" / "pagefind"), ensure_ascii=False)
    assert "<script>alert('t1')</script>" in index
    assert "<img src=x onerror=alert('t2')>" in index
    assert '<iframe src=\\"https://evil.example/\\"></iframe>' in index


def test_title_and_dek_do_not_inject_into_head_or_header(hostile_site: Path) -> None:
    """Material prints page.meta.title and .description unescaped (MkDocs' Jinja has no
    autoescape); overrides/main.html escapes them, and JSON-LD goes through tojson."""
    soup = page(hostile_site, "hostile")
    assert injected(soup, ACTIVE - {"meta", "link"}) == []
    title = soup.find("title")
    assert isinstance(title, Tag)
    # An invisible word joiner follows each `<` that could open a tag (escape.inert):
    # Material re-parses the header title as HTML when it shows it as a tooltip.
    assert title.get_text().replace("\u2060", "").startswith(norm(TITLE))


def test_scraped_source_address_cannot_inject(tmp_path: Path) -> None:

    root = copy_skeleton(tmp_path / "site", with_sources=False)
    raw = tmp_path / "raw.txt"
    raw.write_text(
        "# source: https://evil.example/x\"><img/src=x/onerror=alert('u')>\n"
        + raw_article().split("\n\n", 1)[1],
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["import", str(raw), "--slug", "url", "--root", str(root)])
    assert result.exit_code == 0, result.stderr
    assert CliRunner().invoke(main, ["build", "--root", str(root)]).exit_code == 0
    proc = run_mkdocs(root)
    assert proc.returncode == 0, proc.stderr
    assert injected(article(root, "url")) == []


@pytest.mark.parametrize(
    "typed",
    [
        "A link [home](https://example.org/) typed.",
        'An image ![logo](https://example.org/l.png "Logo") typed.',
        "A reference [home][r] typed.\n\n[r]: https://example.org/",
    ],
    ids=["link", "image-title", "reference-definition"],
)
def test_typed_links_keep_every_character(typed: str) -> None:
    source = typed_interview().split("\n## ")[0] + "\n## Question for you? {#q}\n\n" + typed
    interview = parse_text(source, Path("interview.md"), "typed")
    text = " ".join(b.text for b in interview.all_blocks())
    assert text == norm(typed.replace("\n\n", " "))


# --- property: any paragraph text comes out as the same text -----------------


@functools.cache
def renderer() -> Renderer:
    return Renderer()


@functools.cache
def converter(base: str) -> markdown.Markdown:
    """Python-Markdown configured exactly as mkdocs.yml configures it."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    ext_configs = {k: dict(v) for k, v in config["mdx_configs"].items()}
    # mkdocs.yml reads snippets from includes/ only; here from the fixture's includes/.
    ext_configs.setdefault("pymdownx.snippets", {})["base_path"] = [str(Path(base) / "includes")]
    return markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=ext_configs
    )


@pytest.fixture(scope="module")
def snippets_base(tmp_path_factory: pytest.TempPathFactory) -> str:
    base = tmp_path_factory.mktemp("snippets")
    (base / "includes").mkdir()
    (base / "includes" / "abbreviations.md").write_text(
        "*[SSI]: Security Sales & Integration\n*[R&D]: Research and development\n",
        encoding="utf-8",
    )
    return str(base)


TOKENS = [
    *("<", ">", "&", ";", "#", "*", "_", "`", "~", "=", "^", "|", ":", "!", "[", "]", "(", ")"),
    *("{", "}", "\\", "/", '"', "'", "-", "+", ".", "1.", "///", "---", "***", "!!!", "???"),
    *("<script>", "</script>", "<img src=x onerror=alert(1)>", "<!--", "-->", "<div>", "</p>"),
    *("&amp;", "&#58;", "&lt;", "&#x3C;", "[^1]", "[^1]:", "*[SSI]:", "[x](", "](http://e.x)"),
    *("![", "{:", "{ #id .cls }", "--8<--", '"mkdocs.yml"', "{{", "}}", "{%", "%}", "[TOC]"),
    *("///Footnotes Go Here///", "javascript:", "http://e.x/", "<http://e.x>", "SSI", "R&D"),
    *("\u200b", "\u202e", "\u2066", "\u00ad", "👩🏽‍💻", "e\u0301", "\ufeff", "\t"),
    *("\x02wzxhzdk:0\x03", "\x02klzzwxh:0\x03"),
]
WORDS = st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True)
ODD = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=6)
PARAGRAPH = st.lists(
    st.one_of(st.sampled_from(TOKENS), WORDS, ODD), min_size=1, max_size=14
).flatmap(lambda parts: st.sampled_from(["", " "]).map(lambda sep: sep.join(parts)))


def render_paragraph(text: str, base: str) -> tuple[str, BeautifulSoup]:
    """interview.md → Interview → page Markdown → HTML; returns the block as read back."""
    meta = Meta(
        title="Property",
        speakers=[
            Speaker("Lens", "The Daily Lens", "interviewer"),
            Speaker("Jane Doe", "Jane Doe", "interviewee"),
        ],
    )
    section = Section("Is it literal for you?", 1, "q")
    section.blocks = [Block("Before.", 2, "p", "Jane Doe"), Block(text, 3), Block("After.", 4)]
    source = dump(Interview(slug="p", meta=meta, sections=[section]))
    back = parse_text(source, Path("interview.md"), "p")
    page_md = renderer().interview(annotate(back, Matcher.build([])), "sources/p", "../notes.md")
    body = page_md.split("\n---\n", 1)[1]
    md = converter(base)
    md.reset()
    return back.sections[0].blocks[1].text, BeautifulSoup(md.convert(body), "html.parser")


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(paragraph=PARAGRAPH)
def test_any_paragraph_renders_literally(snippets_base: str, paragraph: str) -> None:
    # Python-Markdown deletes its own placeholder characters (STX, ETX) from
    # any input; they are invisible control characters, so the reader loses nothing.
    text = norm(paragraph.replace("\x02", "").replace("\x03", ""))
    if not text:
        return
    read_back, soup = render_paragraph(norm(paragraph), snippets_base)
    assert norm(read_back.replace("\x02", "").replace("\x03", "")) == text
    paragraphs = soup.find_all("p")
    texts = [norm(p.get_text("")) for p in paragraphs]
    start = texts.index("Jane Doe: Before.")
    assert texts[start + 2] == "After.", texts[start:]
    assert texts[start + 1] == text
    ours = paragraphs[start + 1]
    # Square brackets are the editor's marks (sourcegen/editorial.py): a span of ours.
    assert {el.name for el in ours.find_all(True)} <= {"abbr", "span"}
    for span in ours.find_all("span"):
        assert span.get("class") in (["sg-insert"], ["sg-cut"]), span
        assert span.get_text("").startswith("[") and span.get_text("").endswith("]"), span
    assert injected(soup) == []
    assert not soup.select(
        "div.footnote, div.admonition, table, h3, h4, hr, ul:not(nav.sg-contents ul), ol, pre"
    )
    assert len(soup.select("nav.sg-contents ul")) == 1
