"""Pagefind search's "More results" button (issue 17), in a real browser.

The box lists five pages per batch (each costs a fragment fetch before it
shows). Here a word is in seven interviews, so the first batch must end with
"More results", which must list the other two (no page twice, none lost),
move the focus to the first of them, and then be gone. The index is re-cut
into small chunks first (sourcegen/search_chunks.py), so this search goes
through chunks and a page list that sourcegen wrote.

Run: `python -m pytest tests/browser/test_search_more.py`. Needs Chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sourcegen import search_chunks

from .conftest import build_for, serving, skip_module_without_browser
from .test_search import INTERVIEW, RAW, SLUG, make_site, wait_for_results

skip_module_without_browser()

pytestmark = pytest.mark.browser

WORD = "heliotrope"
"""In every extra interview's first answer, and nowhere else on the site."""
EXTRA = 6
"""Interviews added to the fixture site's one: seven pages have WORD."""


def add_interviews(root: Path) -> list[str]:
    """EXTRA more interviews, copies of the fixture's with WORD in their first answer."""
    slugs = []
    for i in range(1, EXTRA + 1):
        slug = f"{SLUG}-{i}"
        folder = root / "sources" / "interviews" / slug
        folder.mkdir(parents=True)
        sentence = "two engineers and a borrowed soldering iron."
        assert sentence in INTERVIEW and sentence in RAW
        words = f"two engineers, {i} {WORD} lamps and a borrowed soldering iron."
        title = f"Orbital Optics Founder on Lantern Sensors, part {i}"
        interview = INTERVIEW.replace(sentence, words).replace(
            "title: Orbital Optics Founder on Lantern Sensors", f"title: {title}"
        )
        raw = RAW.replace(sentence, words).replace(
            "Orbital Optics Founder on Lantern Sensors", title
        )
        (folder / "interview.md").write_text(interview, encoding="utf-8")
        (folder / "raw.txt").write_text(raw, encoding="utf-8")
        slugs.append(slug)
    # ... and the fixture's own interview too: seven pages in all.
    first = root / "sources" / "interviews" / SLUG
    for name in ("interview.md", "raw.txt"):
        text = (first / name).read_text(encoding="utf-8")
        (first / name).write_text(
            text.replace("two engineers and", f"two engineers, {WORD} lamps and"),
            encoding="utf-8",
        )
    return [SLUG, *slugs]


@pytest.fixture(scope="module")
def more_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    root = make_site(tmp_path_factory.mktemp("search-more") / "project")
    slugs = add_interviews(root)
    out = root / "site"
    with serving(out) as base:
        build_for(root, out, base)
        # Cut again into smaller chunks (the build's are cut by initial only:
        # a site this small has no overfull chunk), so that this search goes
        # through several chunks and a page list that sourcegen wrote.
        [done] = search_chunks.recut(out / "pagefind", target=500)
        assert done.chunks_after > done.chunks_before, done
        yield base, slugs


def listed(page: Any) -> list[str]:
    """The interview of each result item (its page link, the item's first), in order."""
    return page.eval_on_selector_all(
        ".sg-search .md-search-result__item",
        "els => els.map(e => new URL(e.querySelector('a').href).pathname"
        ".split('/').filter(Boolean).pop())",
    )


def test_more_results_lists_the_rest_once_and_moves_the_focus(
    new_context: Any, more_site: tuple[str, list[str]]
) -> None:
    base, slugs = more_site
    context, _ = new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base)
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
    page.keyboard.type(WORD, delay=20)
    wait_for_results(page, WORD)
    meta = page.inner_text(".sg-search .md-search-result__meta")
    assert "7" in meta, meta
    first = listed(page)
    assert len(first) == 5, first
    more = page.locator(".sg-search button.sg-search-more__button")
    assert more.count() == 1 and more.inner_text() == "More results"

    more.click()
    page.wait_for_function(
        "() => document.querySelectorAll('.sg-search .md-search-result__item').length === 7"
        " && !document.querySelector('.sg-search .sg-search-more')"
        " && document.querySelector('.sg-search .md-search-result__list')"
        ".getAttribute('aria-busy') === 'false'",
        timeout=15000,
    )
    every = listed(page)
    assert every[:5] == first  # the first batch stays, in its order
    assert sorted(every) == sorted(slugs), every  # each page once, none lost
    focused = page.evaluate("() => document.activeElement.getAttribute('href') || ''")
    sixth = page.eval_on_selector_all(
        ".sg-search .md-search-result__item",
        "els => els[5].querySelector('a').getAttribute('href')",
    )
    assert focused == sixth, (focused, sixth)
    assert WORD in focused  # ?highlight= carries the query
