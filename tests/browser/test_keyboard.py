"""The interview by keyboard and screen reader (issue 16), at 1366x900.

A note opens on Enter with the focus inside it, Tab reaches its links,
Escape closes it and gives the focus back to the number; the dialog, the
note numbers and the questions have proper names; a notes page link lands on
the note's number; abbreviation tooltips stay off names and source titles;
axe finds nothing serious with a note open. Structure only, no note wording.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from .conftest import INTERVIEW, Site, skip_module_without_browser
from .test_reader import axe_violations  # which skips this module too, without a browser

skip_module_without_browser()

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
DIALOG = "dialog.sg-note"
ACTIVE_IN_DIALOG = f"!!document.activeElement.closest('{DIALOG}')"


@pytest.fixture
def desk(new_context: Any) -> Any:
    context, _ = new_context(viewport=DESKTOP)
    return context.new_page()


def open_by_keyboard(page: Any, nth: int) -> Any:
    ref = page.locator("article a.footnote-ref").nth(nth)
    ref.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{DIALOG}[open]")
    return ref


def test_enter_opens_tab_reaches_links_escape_returns(desk: Any, site: Site) -> None:
    desk.goto(site.url(INTERVIEW), wait_until="networkidle")
    ref = desk.locator("article a.footnote-ref").nth(1)
    ref.scroll_into_view_if_needed()
    before = desk.evaluate("scrollY")
    href = ref.get_attribute("href")
    open_by_keyboard(desk, 1)
    assert desk.evaluate(ACTIVE_IN_DIALOG), "focus did not move into the note"
    assert desk.evaluate("scrollY") == before

    links = desk.eval_on_selector_all(f"{DIALOG} a[href]", "as => as.map(a => a.href)")
    assert any(h.startswith("http") for h in links), "the note's sources are missing"
    reached = []
    for _ in range(len(links) + 2):
        desk.keyboard.press("Tab")
        assert desk.evaluate(ACTIVE_IN_DIALOG), "Tab left the open note"
        reached.append(desk.evaluate("document.activeElement.href || ''"))
    assert set(links) <= set(reached), "Tab does not reach every link of the note"

    desk.keyboard.press("Escape")
    desk.wait_for_selector(f"{DIALOG}:not([open])", state="attached")
    assert desk.evaluate("document.activeElement.getAttribute('href')") == href
    assert desk.evaluate("scrollY") == before


def open_named(desk: Any, site: Site) -> None:
    """Open the interview and wait for the names sourcegen.js sets when the
    browser is idle (not at load): note numbers' labels, permalinks hidden."""
    desk.goto(site.url(INTERVIEW), wait_until="networkidle")
    desk.wait_for_function(
        "() => [...document.querySelectorAll('article a.footnote-ref')]"
        ".every(a => a.hasAttribute('aria-label'))"
        " && [...document.querySelectorAll('article .headerlink')]"
        ".every(a => a.getAttribute('aria-hidden') === 'true')"
    )


def test_dialog_and_note_numbers_are_named(desk: Any, site: Site) -> None:
    open_named(desk, site)
    refs = desk.eval_on_selector_all(
        "article a.footnote-ref",
        """as => as.map(a => ({label: a.getAttribute('aria-label') || '', n: a.textContent.trim(),
              title: document.getElementById(decodeURIComponent(a.hash.slice(1)))
                       .querySelector('strong').textContent.trim()}))""",
    )
    assert refs
    for r in refs:
        assert r["label"] == f"Note {r['n']}: {r['title']}", r

    open_by_keyboard(desk, 0)
    name = desk.locator(DIALOG).get_attribute("aria-labelledby")
    assert name and desk.locator(f"[id='{name}']").inner_text().startswith(f"Note {refs[0]['n']}:")
    assert desk.get_by_role("dialog", name=f"Note {refs[0]['n']}:").count() == 1


def test_questions_are_named_by_their_words(desk: Any, site: Site) -> None:
    open_named(desk, site)
    questions = desk.eval_on_selector_all(
        "h2.sg-question", "hs => hs.map(h => h.firstChild.textContent.trim())"
    )
    assert questions
    for q in questions:
        # The speaker shown above it and the "¶" permalink are not part of the name.
        assert desk.get_by_role("heading", name=q, exact=True).count() == 1, q


def test_notes_page_link_lands_on_the_note_number(desk: Any, site: Site) -> None:
    soup = BeautifulSoup((site.root / "notes" / "index.html").read_text("utf-8"), "html.parser")
    used = [a["href"] for a in soup.select("article a[href*='#fnref']")]
    assert used, "no notes page link goes to a note number"
    for href in {used[0], used[-1]}:  # a number in the text, and one far up or down
        desk.goto(site.url("notes/"), wait_until="networkidle")
        # Match the end: Material's instant navigation, if on, makes hrefs absolute.
        desk.locator(f"article a[href$='{href.split('/', 1)[1]}']").first.click()
        target = href.split("#", 1)[1]
        desk.wait_for_function("id => location.hash === '#' + id", arg=target, timeout=20000)
        desk.wait_for_load_state("networkidle")
        desk.wait_for_function(
            """id => { const el = document.getElementById(id), head = document.querySelector('.md-header');
                       if (!el || !head) return false;
                       const r = el.getBoundingClientRect(), h = head.getBoundingClientRect();
                       return r.top >= h.bottom && r.bottom <= innerHeight; }""",
            arg=target,
            timeout=20000,
        )
        assert desk.evaluate("id => document.getElementById(id).matches(':target')", target), (
            f"{target}: the number is not marked as the place landed on"
        )


def test_abbreviations_only_on_the_interviews_own_words(site: Site) -> None:
    soup = BeautifulSoup((site.root / INTERVIEW / "index.html").read_text("utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article is not None
    body = [a for a in article.select("abbr") if a.find_parent(class_="footnote") is None]
    assert body, "no abbreviation tooltip in the interview text"
    # Not in titles, headings, the byline's names, source titles or the pull quote.
    for where in (
        "h1",
        "h2",
        "h3",
        ".sg-byline",
        ".sg-sources",
        "a[href^='http']",
        ".sg-pullquote",
        "nav.sg-contents",
    ):
        inside = [str(a) for el in article.select(where) for a in el.select("abbr")]
        assert not inside, f"abbreviation inside {where}: {inside[:3]}"


def test_axe_with_a_note_open(new_context: Any, site: Site, axe_script: Path) -> None:
    problems = []
    for scheme in ("light", "dark"):
        for viewport in (DESKTOP, {"width": 390, "height": 844}):
            context, _ = new_context(viewport=viewport, color_scheme=scheme)
            page = context.new_page()
            page.goto(site.url(INTERVIEW), wait_until="networkidle")
            open_by_keyboard(page, 1)
            problems += [
                f"{scheme} {viewport['width']}px: {v}" for v in axe_violations(page, axe_script)
            ]
    assert not problems, "\n".join(problems)
