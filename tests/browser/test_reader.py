"""Reader experience in a real browser (issue 7): search, note numbers,
abbreviation tooltips, accessibility (axe), narrow screens, print, and no
request leaving the origin.

Run: `python -m pytest tests/browser -m browser`. Needs Chromium (skipped,
saying so, without it); the axe test also needs npm to fetch axe-core@4.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from .conftest import INTERVIEW, Site, skip_module_without_browser

skip_module_without_browser()

pytestmark = pytest.mark.browser

SEARCHES = ["TVI", "state-owned"]
NARROW = {"width": 360, "height": 740}
ACTIVE_TOOLTIP = ".md-tooltip2--active"


# -- helpers -------------------------------------------------------------------


def question_with(site: Site, term: str) -> str:
    """Id of the first question section of the interview whose text has `term`."""
    html = (site.root / INTERVIEW / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    for h2 in soup.select("h2.sg-question"):
        text = [h2.get_text(" ")]
        for sib in h2.find_next_siblings():
            if sib.name == "h2":
                break
            text.append(sib.get_text(" "))
        if term.lower() in " ".join(text).lower():
            return str(h2["id"])
    raise AssertionError(f"no question section of {INTERVIEW} mentions {term!r}")


def run_search(page: Any, term: str) -> list[str]:
    """Type `term` into the header's search (Pagefind's); the result links' hrefs, in order."""
    page.locator(".sg-search input.md-search__input").click()
    page.locator(".sg-search input.md-search__input").press_sequentially(term, delay=20)
    page.wait_for_selector(".sg-search .md-search-result__item", state="attached")
    return page.eval_on_selector_all(
        ".sg-search a.md-search-result__link", "els => els.map(e => e.getAttribute('href'))"
    )


def wait_tooltip(page: Any, text: str) -> None:
    page.wait_for_function(
        """([sel, text]) => [...document.querySelectorAll(sel)].some(e =>
             getComputedStyle(e).visibility === 'visible' && e.innerText.includes(text))""",
        arg=[ACTIVE_TOOLTIP, text],
        timeout=5000,
    )


def wait_no_tooltip(page: Any) -> None:
    page.wait_for_function(
        """sel => [...document.querySelectorAll(sel)].every(e =>
             getComputedStyle(e).visibility !== 'visible' || Number(getComputedStyle(e).opacity) === 0)""",
        arg=ACTIVE_TOOLTIP,
        timeout=5000,
    )


def settle(page: Any) -> None:
    """Wait until scrolling has stopped and navigation.tracking has updated the URL.

    A link tapped in that moment can be lost (Material 9.8, touch): the hash
    changes, then tracking puts back the section in view and nothing scrolls.
    """
    previous = None
    for _ in range(25):
        current = page.evaluate("[scrollY, location.hash]")
        if current == previous:
            return
        previous = current
        page.wait_for_timeout(400)


# -- search --------------------------------------------------------------------


@pytest.mark.parametrize("term", SEARCHES)
def test_search_opens_the_question_with_the_term_highlighted(
    page: Any, site: Site, term: str
) -> None:
    qid = question_with(site, term)
    page.goto(site.url())
    hrefs = run_search(page, term)
    assert hrefs, f"no results for {term!r}"
    wanted = [h for h in hrefs if INTERVIEW in h and h.endswith("#" + qid)]
    assert wanted, f"no result for {term!r} opens #{qid}; results: {hrefs}"

    link = page.locator(f"a.md-search-result__link[href$='#{qid}']").first
    if not link.is_visible():  # in Material's "n more on this page" fold
        link.evaluate("a => a.closest('details').querySelector('summary').click()")
    link.click()
    page.wait_for_function("id => location.hash === '#' + id", arg=qid)
    assert INTERVIEW in page.url and "highlight=" in page.url

    section_marks = """id => {
        const h = document.getElementById(id), out = [];
        for (let el = h; el && (el === h || el.tagName !== 'H2'); el = el.nextElementSibling)
          out.push(...[...el.querySelectorAll('mark')].map(m => m.textContent));
        return out;
      }"""
    page.wait_for_function(f"id => ({section_marks})(id).length > 0", arg=qid, timeout=10000)
    marks = page.evaluate(section_marks, qid)
    words = [w.lower() for w in re.split(r"\W+", term) if w]
    assert any(m.lower() in words for m in marks), f"#{qid}: no <mark> for {term!r}: {marks}"
    top = page.eval_on_selector(f"[id='{qid}']", "h => h.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"], f"#{qid} not scrolled into view (top {top})"


@pytest.mark.parametrize("term", SEARCHES)
def test_first_search_result_is_the_question(page: Any, site: Site, term: str) -> None:
    """The interview's first section result is the question that uses the term.

    (The note that explains the term may rank above the interview: Pagefind
    ranks the notes page, where the term is a heading, first for "TVI".)"""
    page.goto(site.url())
    deep = [
        urllib.parse.urlsplit(urllib.parse.urljoin(site.base, h))
        for h in run_search(page, term)
        if "#" in h
    ]
    in_interview = [u for u in deep if u.path == "/" + INTERVIEW]
    assert in_interview, f"no section results in the interview for {term!r}: {deep[:3]}"
    assert in_interview[0].fragment == question_with(site, term), in_interview[:3]


# -- footnote previews and abbreviation tooltips --------------------------------


def test_every_abbreviation_is_reachable_by_keyboard(page: Any, site: Site) -> None:
    page.goto(site.url(INTERVIEW))
    page.wait_for_selector("article abbr[tabindex='0']", state="attached")
    titles = page.eval_on_selector_all("article abbr[title]", "els => els.map(e => e.title)")
    focusable = page.eval_on_selector_all(
        "article abbr[tabindex='0']", "els => els.map(e => e.title)"
    )
    assert titles and set(focusable) == set(titles), "an abbreviation has no focusable occurrence"
    assert len(focusable) == len(set(focusable)), "one tab stop per abbreviation, not per use"

    abbr = page.locator("article abbr[tabindex='0']").nth(1)
    title = abbr.get_attribute("title")  # read first: Material moves it into the tooltip
    abbr.focus()
    wait_tooltip(page, title)


def test_tooltips_and_notes_work_by_touch(new_context: Any, site: Site) -> None:
    context, _ = new_context(viewport=NARROW, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site.url(INTERVIEW))

    abbr = page.locator("article abbr[title]").first
    title = abbr.get_attribute("title")
    abbr.scroll_into_view_if_needed()
    abbr.tap()
    wait_tooltip(page, title)

    ref = page.locator("article a.footnote-ref").nth(1)
    ref.scroll_into_view_if_needed()
    settle(page)
    # The number is a tiny superscript: a tap beside it must still hit it.
    box = ref.bounding_box()
    x, y = box["x"] + box["width"] / 2 + 8, box["y"] + box["height"] / 2 + 6
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('a')?.className", [x, y]
    )
    assert hit == "footnote-ref", f"a tap 8 px beside the note number misses it (hits {hit})"
    page.touchscreen.tap(x, y)  # on touch a note opens in place (tests/browser/test_phone.py)
    page.wait_for_selector("dialog.sg-note[open]")


# -- accessibility ---------------------------------------------------------------


def axe_violations(page: Any, axe_script: Path) -> list[str]:
    # Let transitions and fade-ins finish: axe measures colours as they are drawn.
    page.wait_for_function(
        "() => document.getAnimations().every(a => a.playState !== 'running')", timeout=10000
    )
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script))
    found = page.evaluate(
        """async () => {
             const r = await axe.run(document, {resultTypes: ['violations']});
             return r.violations
               .filter(v => v.impact === 'serious' || v.impact === 'critical')
               .map(v => `${v.id} (${v.impact}): ` + v.nodes.slice(0, 5).map(n =>
                  n.target.join(' ') + (n.any[0] ? ' :: ' + n.any[0].message : '')).join(' | '));
           }"""
    )
    return list(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious(
    new_context: Any, site: Site, axe_script: Path, scheme: str
) -> None:
    context, _ = new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    expected = {"light": "default", "dark": "slate"}[scheme]
    problems = []
    for rel in site.pages():
        page.goto(site.url(rel), wait_until="networkidle")
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected, rel
        problems += [f"{rel or '/'}: {v}" for v in axe_violations(page, axe_script)]
    # The search dialog with results open, then a result's page with its highlights.
    page.goto(site.url(INTERVIEW), wait_until="networkidle")
    run_search(page, "TVI")
    problems += [f"search open: {v}" for v in axe_violations(page, axe_script)]
    page.goto(site.url(INTERVIEW + "?highlight=tvi"), wait_until="networkidle")
    page.wait_for_selector("article mark", state="attached")
    problems += [f"highlighted: {v}" for v in axe_violations(page, axe_script)]
    # The interview on a phone-sized screen.
    narrow, _ = new_context(viewport=NARROW, color_scheme=scheme)
    phone = narrow.new_page()
    phone.goto(site.url(INTERVIEW), wait_until="networkidle")
    problems += [f"360 px: {v}" for v in axe_violations(phone, axe_script)]
    assert not problems, f"{scheme}:\n" + "\n".join(problems)


def test_palette_toggle_switches_and_is_remembered(page: Any, site: Site) -> None:
    page.goto(site.url())
    scheme = "document.body.dataset.mdColorScheme"
    assert page.evaluate(scheme) == "default"
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function(f"{scheme} === 'slate'")
    page.goto(site.url(INTERVIEW))
    assert page.evaluate(scheme) == "slate"


# -- narrow screens and print ----------------------------------------------------


def test_no_horizontal_overflow_at_360px(new_context: Any, site: Site, tmp_path: Path) -> None:
    # Not is_mobile: a mobile viewport zooms out to fit wide content, hiding overflow.
    context, _ = new_context(viewport=NARROW)
    page = context.new_page()
    problems = []
    for rel in site.pages():
        page.goto(site.url(rel), wait_until="networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        inner = page.evaluate("innerWidth")
        if rel == INTERVIEW:
            page.screenshot(path=str(tmp_path / "interview-360.png"))
        if width > inner or inner != NARROW["width"]:
            problems.append(f"{rel or '/'}: scrollWidth {width} > innerWidth {inner}")
        # Content wider than the screen must sit in a box that scrolls sideways.
        problems += [
            f"{rel or '/'}: {x}"
            for x in page.evaluate(
                """() => {
                     const out = [];
                     for (const el of document.querySelectorAll('.md-content *')) {
                       const r = el.getBoundingClientRect();
                       if (r.width === 0 || r.right <= innerWidth + 1) continue;
                       let p = el.parentElement, scrolls = false;
                       for (; p && !p.classList.contains('md-content'); p = p.parentElement)
                         if (/(auto|scroll)/.test(getComputedStyle(p).overflowX)) { scrolls = true; break; }
                       if (!scrolls) out.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(r.right)}px`);
                     }
                     return out.slice(0, 10);
                   }"""
            )
        ]
    assert (tmp_path / "interview-360.png").stat().st_size > 0
    assert not problems, "\n".join(problems)


def test_print_shows_the_page_with_notes_as_endnotes(page: Any, site: Site, tmp_path: Path) -> None:
    page.goto(site.url(INTERVIEW), wait_until="networkidle")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-search', '.md-sidebar--primary', '.md-sidebar--secondary',
                  '.md-footer', '.md-top', '.md-typeset .headerlink', '.md-typeset .footnote-backref']
             .filter(sel => [...document.querySelectorAll(sel)].some(e => e.offsetParent !== null
                      && getComputedStyle(e).display !== 'none'))"""
    )
    assert not hidden, f"shown on paper: {hidden}"
    order = page.evaluate(
        """() => {
             const qs = [...document.querySelectorAll('h2.sg-question')];
             const notes = document.querySelector('.footnote');
             const head = document.getElementById('context-notes');
             return {
               after: qs.every(q => q.compareDocumentPosition(notes) & Node.DOCUMENT_POSITION_FOLLOWING),
               breaks: head ? getComputedStyle(head).breakBefore : null,
               count: notes ? notes.querySelectorAll(':scope > ol > li').length : 0,
               refs: document.querySelectorAll('a.footnote-ref').length,
             };
           }"""
    )
    assert order["after"], "notes are not after the interview"
    assert order["breaks"] == "page", "context notes do not start a new page"
    assert order["count"] > 0 and order["refs"] >= order["count"]
    pdf = page.pdf(path=str(tmp_path / "interview.pdf"), format="A4")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 2


# -- the origin --------------------------------------------------------------------


def test_no_request_leaves_the_origin(new_context: Any, site: Site) -> None:
    context, traffic = new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    for rel in site.pages():
        page.goto(site.url(rel), wait_until="networkidle")
        page.mouse.wheel(0, 20000)
    page.goto(site.url(INTERVIEW), wait_until="networkidle")
    run_search(page, "Genetec")
    page.locator("a.md-search-result__link").first.click()
    page.wait_for_load_state("networkidle")
    assert any(u.endswith("/pagefind/pagefind.js") for u in traffic.requests)
    assert any(u.endswith(".pf_fragment") for u in traffic.requests)
    assert any(u.endswith(".css") for u in traffic.requests)
    traffic.check()
