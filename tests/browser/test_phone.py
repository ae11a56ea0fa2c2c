"""The interview on a phone (issue 16): 390x844 with touch.

The page's own contents list one tap from the top, a note opening in place
on a tap (no jump), the plain jump when scripts are off, and an interviews
index that fits the screen. Structure only: the site's notes change often.
"""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup

from .conftest import INTERVIEW, Site, skip_module_without_browser

skip_module_without_browser()

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DIALOG = "dialog.sg-note"


def phone_page(new_context: Any, **options: Any) -> Any:
    context, _ = new_context(**PHONE, **options)
    return context.new_page()


def settle(page: Any) -> None:
    """Wait until the page has stopped scrolling."""
    previous = None
    for _ in range(25):
        current = page.evaluate("scrollY")
        if current == previous:
            return
        previous = current
        page.wait_for_timeout(300)


def in_view(page: Any, element_id: str) -> None:
    page.wait_for_function(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.bottom > 0 && r.top < innerHeight; }""",
        arg=element_id,
        timeout=10000,
    )


def section_ids(site: Site) -> list[str]:
    """Ids of the interview's h2 sections, as built (questions, then the parts after)."""
    soup = BeautifulSoup((site.root / INTERVIEW / "index.html").read_text("utf-8"), "html.parser")
    return [str(h["id"]) for h in soup.select("article h2[id]")]


def test_contents_list_is_one_tap_away(new_context: Any, site: Site) -> None:
    page = phone_page(new_context)
    page.goto(site.url(INTERVIEW), wait_until="networkidle")
    summary = page.locator("nav.sg-contents summary")
    box = summary.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, "contents not on the first screen"
    assert box["height"] >= 24, "contents toggle too small to tap"
    assert page.locator("nav.sg-contents").get_attribute("aria-label")

    summary.tap()
    links = page.locator("nav.sg-contents a")
    links.first.wait_for(state="visible")
    targets = [h.split("#", 1)[1] for h in links.evaluate_all("as => as.map(a => a.href)")]
    ids = section_ids(site)
    # Every section of the page, in page order, nothing else.
    assert targets == ids, (targets, ids)
    assert {"about-this-edition", "context-notes"} <= set(targets)

    link = page.locator("nav.sg-contents a[href$='#context-notes']")
    link.tap()
    in_view(page, "context-notes")
    assert page.evaluate("scrollY") > 844


def test_tap_opens_the_note_in_place(new_context: Any, site: Site) -> None:
    page = phone_page(new_context)
    page.goto(site.url(INTERVIEW), wait_until="networkidle")
    refs = page.locator("article a.footnote-ref")
    assert refs.count() >= 2
    ref = refs.nth(1)
    ref.scroll_into_view_if_needed()
    settle(page)
    before = page.evaluate("scrollY")
    note_id = ref.get_attribute("href").split("#", 1)[1]

    ref.tap()
    page.wait_for_selector(f"{DIALOG}[open]")
    settle(page)
    assert page.evaluate("scrollY") == before, "tapping a note number scrolled the page"
    # The note's own text and its source links are in the sheet.
    note = page.evaluate(
        """id => { const li = document.getElementById(id);
                   return {text: li.querySelectorAll(':scope > p')[1]?.textContent.trim() ?? '',
                           links: [...li.querySelectorAll('a:not(.footnote-backref)')].map(a => a.href)}; }""",
        note_id,
    )
    sheet = page.evaluate(
        f"""() => {{ const d = document.querySelector('{DIALOG}'), r = d.getBoundingClientRect();
                    return {{text: d.innerText,
                             links: [...d.querySelectorAll('.sg-note__body a')].map(a => a.href),
                             top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                             ids: d.querySelectorAll('[id]:not(#sg-note-label)').length}}; }}"""
    )
    assert note["text"][:60] in sheet["text"]
    assert sheet["links"] == note["links"] and sheet["links"]
    assert sheet["top"] >= 0 and sheet["bottom"] <= 844 and sheet["left"] >= 0
    assert sheet["right"] <= 390
    assert sheet["ids"] == 0, "the copy repeats ids of the page"
    font = page.eval_on_selector(
        f"{DIALOG} .sg-note__body p", "p => parseFloat(getComputedStyle(p).fontSize)"
    )
    assert font >= 16, f"note text {font}px"

    page.locator(f"{DIALOG} .sg-note__close").tap()
    page.wait_for_selector(f"{DIALOG}:not([open])", state="attached")
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith("#" + note_id)
    assert page.evaluate("scrollY") == before


def test_tap_outside_the_note_closes_it(new_context: Any, site: Site) -> None:
    page = phone_page(new_context)
    page.goto(site.url(INTERVIEW), wait_until="networkidle")
    ref = page.locator("article a.footnote-ref").nth(2)
    ref.scroll_into_view_if_needed()
    settle(page)
    ref.tap()
    page.wait_for_selector(f"{DIALOG}[open]")
    box = page.locator(DIALOG).bounding_box()
    # Tap the uncovered half of the screen.
    y = box["y"] - 20 if box["y"] > 100 else box["y"] + box["height"] + 20
    page.touchscreen.tap(195, y)
    page.wait_for_selector(f"{DIALOG}:not([open])", state="attached")


def test_without_scripts_a_note_number_jumps_to_the_note(new_context: Any, site: Site) -> None:
    page = phone_page(new_context, java_script_enabled=False)
    page.goto(site.url(INTERVIEW))
    ref = page.locator("article a.footnote-ref").nth(1)
    target = ref.get_attribute("href").split("#", 1)[1]
    ref.scroll_into_view_if_needed()
    ref.tap()
    in_view(page, target)
    assert page.locator(DIALOG).count() == 0


def test_interviews_index_fits_a_phone(new_context: Any, site: Site) -> None:
    # Not is_mobile: a mobile viewport zooms out to fit wide content, hiding overflow.
    context, _ = new_context(viewport=PHONE["viewport"])
    page = context.new_page()
    page.goto(site.url("interviews/"), wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("article table").count() == 0
    broken = page.evaluate(
        """() => {
             const out = [];
             for (const a of document.querySelectorAll('article .sg-index li > a')) {
               const text = a.firstChild;
               for (const m of text.textContent.matchAll(/\\S+/g)) {
                 const r = document.createRange();
                 r.setStart(text, m.index); r.setEnd(text, m.index + m[0].length);
                 if (r.getClientRects().length > 1) out.push(m[0]);
               }
             }
             return out;
           }"""
    )
    assert page.locator("article .sg-index li > a").count() >= 1
    assert not broken, f"words broken across lines: {broken}"


def test_index_counts_only_the_numbered_notes(site: Site) -> None:
    index = BeautifulSoup(
        (site.root / "interviews" / "index.html").read_text("utf-8"), "html.parser"
    )
    problems = []
    for item in index.select("article .sg-index li"):
        link = item.find("a")
        page = BeautifulSoup(
            (site.root / "interviews" / link["href"] / "index.html").read_text("utf-8"),
            "html.parser",
        )
        numbered = len(page.select(".footnote > ol > li"))
        said = item.get_text(" ").rsplit("·", 1)[1].split()[0]
        if said != (str(numbered) if numbered else "no"):
            problems.append(f"{link['href']}: index says {said}, page has {numbered}")
    assert index.select("article .sg-index li") and not problems, problems
