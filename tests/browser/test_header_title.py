"""Issue 14, one more path (not in the red team's list): Material's header shows the
page title in an ``.md-ellipsis`` box, and when a title is too long for it,
copies the box's text into a tooltip with ``innerHTML``. A scraped interview
title holding ``<img src=x onerror=...>`` ran script when the reader hovered
the header. Built here with ``mkdocs build --strict`` and hovered in Chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import copy_skeleton, run_mkdocs, write_mini_site

from .conftest import serving, skip_module_without_browser

skip_module_without_browser()

pytestmark = pytest.mark.browser

TITLE = (
    "Acme Chief Talks Cameras, and a title long enough to overflow the header "
    "<img src=x onerror=window.__sgxss=1> &lt;b&gt;too&lt;/b&gt; yes"
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_skeleton(tmp_path_factory.mktemp("header") / "site", with_sources=False)
    write_mini_site(root)
    md = root / "sources" / "interviews" / "acme" / "interview.md"
    text = md.read_text(encoding="utf-8").replace(
        "title: Acme Chief Talks Cameras", f"title: {TITLE!r}", 1
    )
    # A long page, so that the header shows the page title once the reader scrolls.
    text += "".join(f"\nMore words in paragraph {i} about cameras.\n" for i in range(60))
    md.write_text(text, encoding="utf-8")
    proc = run_mkdocs(root)
    assert proc.returncode == 0, proc.stderr
    with serving(root / "out") as base:
        yield f"{base}interviews/acme/"


def test_a_long_title_in_the_header_tooltip_stays_text(page: Any, served: str) -> None:
    page.goto(served)
    page.mouse.wheel(0, 1500)
    topic = page.locator(".md-header__topic .md-ellipsis").nth(1)
    topic.wait_for(state="visible", timeout=5000)
    # Material gives an overflowing title its tooltip once the title has been shown.
    page.wait_for_function("e => e.hasAttribute('title')", arg=topic.element_handle())
    topic.hover(force=True)
    topic.dispatch_event("mouseenter")
    page.wait_for_selector(".md-tooltip2 .md-typeset", state="attached", timeout=5000)
    tooltip = page.locator(".md-tooltip2 .md-typeset").first
    assert tooltip.inner_text().replace("\u2060", "") == TITLE
    assert tooltip.evaluate("e => e.querySelectorAll('*').length") == 0
    assert page.evaluate("() => window.__sgxss") is None, "the header tooltip ran a script"
