"""One real `mkdocs build --strict` of the fixture site (tests/fixtures/site/), asserted on the HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from sourcegen.check import raw_interview_text, words
from sourcegen.parse import parse_file
from sourcegen.search import landing, read_fragments

SLUG = "hikvision-president-chats-with-ssi"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import copy_skeleton, run_mkdocs

    site = copy_skeleton(tmp_path_factory.mktemp("build") / "site")
    proc = run_mkdocs(site)
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    return site


def _page(built: Path) -> BeautifulSoup:
    html = (built / "out" / "interviews" / SLUG / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def test_three_question_sections_with_speakers(built: Path) -> None:
    questions = _page(built).select("article h2.sg-question")
    assert len(questions) == 3
    # The publication (SSI) asks; the byline names the person who did.
    assert all(
        q.get("data-speaker") == "Steven A. Karantzoulidis" and q.get("id") for q in questions
    )
    assert questions[1].get_text().startswith("Can you talk about Genetec")
    assert all(q.select_one("a.headerlink") for q in questions)


def test_every_footnote_resolves_and_notes_have_sources(built: Path) -> None:
    page = _page(built)
    refs = page.select("a.footnote-ref")
    assert len(refs) >= 10
    for ref in refs:
        target = page.find(id=ref["href"].lstrip("#"))
        assert target is not None, ref["href"]
        assert target.select("a[href^='http']"), f"{ref['href']} has no source link"
    labels = {ref["href"] for ref in refs}
    for note in ("soe", "tvi", "deep-learning", "hikvision-ownership", "boeing", "backdoor"):
        assert f"#fn:{note}" in labels


def _flat(node: Tag) -> str:
    """Text as read: inline tags (abbr, links, bold) do not split words."""
    node = BeautifulSoup(str(node), "html.parser")
    for inline in node.select("abbr, a, strong, em, code, span, mark"):
        inline.unwrap()
    node.smooth()
    return " ".join(node.get_text(" ").split())


def test_notes_anchor_at_their_phrases(built: Path) -> None:
    page = _page(built)

    def text_before(note: str) -> str:
        sup = page.find(id=f"fnref:{note}")
        assert isinstance(sup, Tag), note
        paragraph = sup.find_parent("p")
        assert isinstance(paragraph, Tag)
        sup.replace_with("§MARK§")
        return _flat(paragraph).split("§MARK§")[0]

    assert text_before("hikvision-ownership").endswith(
        "partially owned (42 percent share) by two SOEs"
    )
    assert text_before("boeing").endswith("sell 26 percent of its products to China")
    assert text_before("backdoor").endswith("The backdoor claims are hogwash.")
    assert text_before("tvi").endswith("still technologies such as TVI")


def test_abbreviations_everywhere(built: Path) -> None:
    page = _page(built)
    abbrs = {a.get_text(): a["title"] for a in page.select("article abbr")}
    for term in ("TVI", "SOE", "SOEs", "VMS", "SMB", "R&D", "ISO/IEC", "ROI"):
        assert term in abbrs, term
    assert len(page.select("article abbr")) > len(abbrs)  # every occurrence, not the first


def test_pull_quote_once_and_body_kept(built: Path) -> None:
    page = _page(built)
    article = page.select_one("article")
    assert article is not None
    quotes = article.select(".sg-pullquote")
    assert len(quotes) == 1
    # Hidden from screen readers as a whole, no empty blockquote left, attributed.
    assert quotes[0].get("aria-hidden") == "true" and not article.select("blockquote")
    assert quotes[0].select_one(".sg-pullquote-by").get_text() == "Jeffrey He"
    body = [
        p
        for p in article.select("p")
        if p.get_text().startswith("We have not received any reports")
    ]
    assert len(body) == 1


def test_about_this_edition_lists_removals(built: Path) -> None:
    section = _page(built).find(id="about-this-edition")
    assert section is not None
    article = _page(built).select_one("article")
    assert isinstance(article, Tag)
    text = _flat(article)
    for phrase in (
        "Security Sales & Integration",
        "Steven A. Karantzoulidis",
        "RELATED: Find Out Why Genetec",
        "Subscribe Today!",
        "Get Our Newsletters",
        "Hikvision Will Open R&D Center in Montreal",
    ):
        assert phrase in text, phrase


def test_conservation_on_built_html(built: Path) -> None:
    """Every word of raw.txt's interview text is on the built page, in order."""
    folder = built / "sources" / "interviews" / SLUG
    raw_words, problems = raw_interview_text(
        folder / "raw.txt", parse_file(folder / "interview.md")
    )
    assert problems == []
    article = _page(built).select_one("article")
    assert article is not None
    for sup in article.select("sup"):
        sup.decompose()
    for inline in article.select("abbr, a, strong, em, code, span, mark"):
        inline.unwrap()
    article.smooth()
    page_words = [w.text for w in words(article.get_text(" "))]
    j = 0
    for word in raw_words:
        while j < len(page_words) and page_words[j] != word.text:
            j += 1
        assert j < len(page_words), f"raw line {word.line}: “{word.text}” missing"
        j += 1


def _fragments(built: Path) -> list[dict[str, Any]]:
    """The pages in the site's Pagefind index (mkdocs.yml has `extra: pagefind: true`)."""
    return read_fragments(built / "out" / "pagefind")


def test_search_one_entry_per_question(built: Path) -> None:
    page = next(p for p in _fragments(built) if p["url"] == f"/interviews/{SLUG}/")
    questions = [
        a["id"] for a in page["anchors"] if a["element"] == "h2" and a["text"].endswith("?")
    ]
    assert len(questions) == 3

    def lands(word: str) -> set[str]:
        return {h.partition("#")[2] for h in landing(page, word)}

    assert questions[1] in lands("Genetec")
    assert questions[2] in lands("learning")
    assert questions[2] in lands("TVI")
    assert questions[0] in lands("SOE")


@pytest.mark.parametrize(
    ("term", "location"),
    [
        ("SASAC", "/notes/#soe"),
        ("Techpoint", "/notes/#tvi"),
        ("ICSA-17-124-01", "/notes/#backdoor"),
        ("889", None),
    ],
)
def test_search_for_note_words_lands_on_the_note(
    built: Path, term: str, location: str | None
) -> None:
    hits = [h for page in _fragments(built) for h in landing(page, term)]
    assert hits, term
    # Never on a question section: note text does not pile into the last question.
    assert not any(
        h.startswith(f"/interviews/{SLUG}/#") and h.endswith(("noticed", "special", "are-you"))
        for h in hits
    )
    if location:
        assert location in hits


@pytest.mark.parametrize(
    "page", [f"interviews/{SLUG}/index.html", "notes/index.html", "interviews/index.html"]
)
def test_no_markup_leaks_into_the_text(built: Path, page: str) -> None:
    """Attribute lists, the footnote marker and Jinja never show as text."""
    soup = BeautifulSoup((built / "out" / page).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert isinstance(article, Tag)
    text = article.get_text(" ")
    for leak in ("{:", "{ #", "{ .", "///Footnotes", "{{", "{%", "[^"):
        assert leak not in text, leak


def test_notes_page_groups_and_links_back(built: Path) -> None:
    soup = BeautifulSoup(
        (built / "out" / "notes" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    groups = [h.get_text().strip("¶ ") for h in soup.select("article h2")]
    assert groups == ["Terms", "Claims checked", "What happened next", "About the sources"]
    soe = soup.find(id="soe")
    assert isinstance(soe, Tag)
    used = [
        a["href"] for a in soup.select("article a") if f"interviews/{SLUG}/#" in str(a.get("href"))
    ]
    # Each link lands on the note's number in the text (or its later-events heading).
    assert any(h.endswith("#fnref:soe") for h in used)
    assert any(h.endswith("#next-entity-list") for h in used)
    assert not any(h.endswith("#what-happened-next") for h in used)
