"""Print sizes (issue 16): the byline and the section intros are not set
larger than the body text on paper; the page's contents list and an open
note are not printed."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import INTERVIEW, Site, skip_module_without_browser

skip_module_without_browser()

pytestmark = pytest.mark.browser


def test_print_sizes_follow_the_body_text(page: Any, site: Site) -> None:
    page.goto(site.url(INTERVIEW), wait_until="networkidle")
    page.locator("article a.footnote-ref").first.click()
    page.wait_for_selector("dialog.sg-note[open]")
    page.emulate_media(media="print")
    sizes = page.evaluate(
        """() => {
             const px = el => el ? parseFloat(getComputedStyle(el).fontSize) : null;
             const body = [...document.querySelectorAll('article > p')]
               .find(p => !p.className && p.textContent.length > 80);
             return {body: px(body),
                     byline: px(document.querySelector('.sg-byline')),
                     leads: [...document.querySelectorAll('.sg-notes-lead, .sg-after-lead')].map(px),
                     shown: ['nav.sg-contents', 'dialog.sg-note'].filter(sel => {
                       const el = document.querySelector(sel);
                       return el && getComputedStyle(el).display !== 'none'; })};
           }"""
    )
    assert sizes["body"] and sizes["byline"] and sizes["leads"], sizes
    assert sizes["byline"] <= sizes["body"], sizes
    assert all(size <= sizes["body"] for size in sizes["leads"]), sizes
    assert sizes["shown"] == [], f"printed: {sizes['shown']}"
