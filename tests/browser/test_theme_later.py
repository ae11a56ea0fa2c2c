"""Material's bundle.js waits for the reader (issue 16: nothing fetched at load
that the reader has not asked for).

overrides/main.html writes the bundle as an inert text/plain script and
assets/sourcegen.js loads it on the first touch, scroll, pointer move, key or
focus. These tests hold that: no bundle request at load, the page's own
features (palette from the system setting, the palette toggle, search, notes)
working before it, and the theme starting once the reader interacts.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import INTERVIEW, Site, skip_module_without_browser

skip_module_without_browser()

pytestmark = pytest.mark.browser

BUNDLE = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
SCHEME = "document.body.dataset.mdColorScheme"


def bundle_requests(traffic: Any) -> list[str]:
    return [url for url in traffic.requests if BUNDLE.search(url.split("?")[0])]


def theme_started(page: Any) -> bool:
    """Material's bundle defines document$ when it runs."""
    return bool(page.evaluate("typeof window.document$ !== 'undefined'"))


def without_bundle(context: Any) -> None:
    """Answer the bundle with an error, as a reader offline after the page loaded would get."""
    context.route(BUNDLE, lambda route: route.abort())


def test_the_bundle_waits_for_the_first_interaction(new_context: Any, site: Site) -> None:
    context, traffic = new_context(**PHONE)
    page = context.new_page()
    page.goto(site.url(INTERVIEW), wait_until="networkidle")
    page.wait_for_timeout(500)
    assert bundle_requests(traffic) == [], "the bundle was fetched at load"
    assert not theme_started(page)
    assert page.locator("script[data-sg-theme][type='text/plain']").count() == 1

    page.mouse.wheel(0, 400)  # the reader scrolls
    page.wait_for_function("typeof window.document$ !== 'undefined'", timeout=10000)
    assert len(bundle_requests(traffic)) == 1
    # Started as on an eager load: Material's palette component ran (it adds theme-color).
    page.wait_for_selector("meta[name='theme-color']", state="attached", timeout=5000)
    traffic.check()


def test_a_tap_starts_the_theme(new_context: Any, site: Site) -> None:
    context, traffic = new_context(**PHONE)
    page = context.new_page()
    page.goto(site.url(INTERVIEW), wait_until="networkidle")
    page.touchscreen.tap(10, 400)
    page.wait_for_function("typeof window.document$ !== 'undefined'", timeout=10000)
    assert len(bundle_requests(traffic)) == 1


@pytest.mark.parametrize(("system", "scheme"), [("light", "default"), ("dark", "slate")])
def test_the_system_palette_is_set_before_the_bundle(
    new_context: Any, site: Site, system: str, scheme: str
) -> None:
    context, _ = new_context(color_scheme=system, **PHONE)
    without_bundle(context)
    page = context.new_page()
    page.goto(site.url(INTERVIEW), wait_until="networkidle")
    assert page.evaluate(SCHEME) == scheme
    toggles = page.locator("form[data-md-component=palette] label:not([hidden])")
    assert toggles.count() == 1, "exactly one palette toggle is shown"


def test_the_palette_toggle_works_and_is_remembered_without_the_bundle(
    new_context: Any, site: Site
) -> None:
    context, _ = new_context(viewport={"width": 1280, "height": 800})
    without_bundle(context)
    page = context.new_page()
    page.goto(site.url(), wait_until="networkidle")
    assert page.evaluate(SCHEME) == "default"
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function(f"{SCHEME} === 'slate'", timeout=5000)
    assert not theme_started(page)
    page.goto(site.url(INTERVIEW), wait_until="networkidle")
    assert page.evaluate(SCHEME) == "slate"


def test_search_and_notes_work_without_the_bundle(new_context: Any, site: Site) -> None:
    context, _ = new_context(**PHONE)
    without_bundle(context)
    page = context.new_page()
    page.goto(site.url(INTERVIEW), wait_until="networkidle")
    # A note opens in place.
    page.locator("article a.footnote-ref").first.tap()
    page.wait_for_selector("dialog.sg-note[open]", timeout=5000)
    page.keyboard.press("Escape")
    page.wait_for_selector("dialog.sg-note[open]", state="detached", timeout=5000)
    # Search opens from the header's button and lists results.
    page.locator("label.md-header__button[for='__search']").tap()
    box = page.locator(".sg-search input.md-search__input")
    box.wait_for(state="visible", timeout=5000)
    box.fill("TVI")
    page.wait_for_selector(".sg-search .md-search-result__item", state="attached", timeout=15000)
    assert not theme_started(page)
