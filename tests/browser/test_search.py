"""Pagefind search in a real browser (issue 17), on a small site built here.

The fixture site has one interview and two notes with known words, so the
tests do not depend on the repository's notes: a word only a note has must
land on that note, a word next to punctuation (`"Zephyrine HD"`,
`(QWXMS).`) must be found, a question's words must land on that question,
and on the page landed on the searched words are marked. No request may
leave loopback (checked by the `new_context` fixture at teardown).

Run: `python -m pytest tests/browser/test_search.py`. Needs Chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import build_for, serving, skip_module_without_browser

skip_module_without_browser()

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SLUG = "orbital-optics"
QUESTION_ID = "lanterns"

INTERVIEW = """\
---
title: Orbital Optics Founder on Lantern Sensors
publication: The Quarterly Lens
speakers:
- {label: Lens, name: The Quarterly Lens, role: interviewer}
- {label: Mara Quill, name: Mara Quill, role: interviewee}
---

## How did you start building cameras? {#start}

**Mara Quill:** We began in a garage with two engineers and a borrowed soldering iron. Our firmware ignores <img src=x onerror="window.sgPwned=1"> tags.

## Why do your lantern sensors glow at dusk? {#lanterns}

**Mara Quill:** The lantern sensors calibrate themselves as daylight fades, so operators see a steady picture.
"""
RAW = """\
Orbital Optics Founder on Lantern Sensors

How did you start building cameras?

We began in a garage with two engineers and a borrowed soldering iron. Our firmware ignores <img src=x onerror="window.sgPwned=1"> tags.

Why do your lantern sensors glow at dusk?

The lantern sensors calibrate themselves as daylight fades, so operators see a steady picture.
"""
NOTES = {
    "zephyr": """\
---
id: zephyr
title: The Zephyr cable standard
group: term
as_of: 2026-11-26
match: [engineers]
sources:
  - {title: A source, url: "https://example.org/zephyr", date: 2026}
---
Cameras sold under the "Zephyrine HD" brand reuse old coaxial cable; the name is a trademark of a marmalade cooperative.
""",
    "qwxms": """\
---
id: qwxms
title: The audit scheme
group: term
as_of: 2026-11-26
match: [operators]
sources:
  - {title: Another source, url: "https://example.org/audit", date: 2026}
---
The standard describes a quality workflow management system (QWXMS). Auditors visit once a year.
""",
}
HOME = "# Fixture site\n\nA small site for the search tests.\n"
ABOUT = "# About\n\nHow this fixture works.\n"


def make_site(root: Path) -> Path:
    """The repository's config, theme overrides and assets, with our own pages and notes."""
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    (root / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    (root / "docs" / "about.md").write_text(ABOUT, encoding="utf-8")
    (root / "includes").mkdir()
    folder = root / "sources" / "interviews" / SLUG
    folder.mkdir(parents=True)
    (folder / "interview.md").write_text(INTERVIEW, encoding="utf-8")
    (folder / "raw.txt").write_text(RAW, encoding="utf-8")
    (root / "sources" / "notes").mkdir()
    for name, text in NOTES.items():
        (root / "sources" / "notes" / f"{name}.md").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site built by `mkdocs build` (which runs Pagefind), served on loopback."""
    root = make_site(tmp_path_factory.mktemp("search") / "project")
    out = root / "site"
    with serving(out) as base:
        build_for(root, out, base)
        assert (out / "pagefind" / "pagefind.js").is_file(), "mkdocs build did not run Pagefind"
        assert not (out / "search" / "search_index.json").exists(), "Material's index was built"
        yield base


def wait_for_results(page: Any, term: str) -> None:
    """Until the box has listed its first batch for `term` (results are listed one by
    one as their fragments arrive; the list is aria-busy until the batch is in)."""
    page.wait_for_function(
        """term => /\\d+ matching|No matching/.test(
             document.querySelector('.sg-search .md-search-result__meta').textContent)
           && document.querySelector('input.md-search__input').value === term
           && document.querySelector('.sg-search .md-search-result__list')
                .getAttribute('aria-busy') === 'false'""",
        arg=term,
        timeout=15000,
    )


def search(page: Any, term: str) -> list[str]:
    """Open search with the keyboard, type `term`; the result links' hrefs, in order."""
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
    page.keyboard.type(term, delay=20)
    wait_for_results(page, term)
    return page.eval_on_selector_all(
        ".sg-search a.md-search-result__link", "els => els.map(e => e.getAttribute('href'))"
    )


def section_marks(page: Any, anchor: str) -> list[str]:
    """Text of the <mark>s in the section that starts at the element with id `anchor`."""
    return page.evaluate(
        """id => {
          const h = document.getElementById(id), out = [];
          const stop = h.tagName;
          for (let el = h; el && (el === h || el.tagName !== stop); el = el.nextElementSibling)
            out.push(...[...el.querySelectorAll('mark')].map(m => m.textContent));
          return out;
        }""",
        anchor,
    )


def land(page: Any, base: str, href: str, anchor: str) -> list[str]:
    """Follow the result link `href`; the marks in the section it lands on."""
    page.locator(f".sg-search a.md-search-result__link[href='{href}']").first.click()
    page.wait_for_function("id => location.hash === '#' + id", arg=anchor)
    page.wait_for_function(
        "id => document.getElementById(id) && document.querySelector('mark.sg-search-mark')",
        arg=anchor,
        timeout=10000,
    )
    top = page.eval_on_selector(f"[id='{anchor}']", "h => h.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"], f"#{anchor} not scrolled into view ({top})"
    return section_marks(page, anchor)


def target(base: str, href: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(urllib.parse.urljoin(base, href))
    return parts.path, parts.fragment


@pytest.mark.parametrize(
    ("term", "anchor", "marked"),
    [
        ("marmalade", "zephyr", "marmalade"),  # only the note has it
        ("Zephyrine", "zephyr", "Zephyrine"),  # inside "Zephyrine HD"
        ("QWXMS", "qwxms", "QWXMS"),  # inside (QWXMS).
    ],
)
def test_a_note_word_lands_on_the_note_marked(
    new_context: Any, search_site: str, term: str, anchor: str, marked: str
) -> None:
    context, traffic = new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(search_site)
    hrefs = search(page, term)
    deep = [h for h in hrefs if "#" in h]
    assert deep, f"no section results for {term!r}: {hrefs}"
    assert target(search_site, deep[0]) == ("/notes/", anchor), deep
    # The note's copy in the interview's "Context notes" is not indexed.
    assert not any(f"/interviews/{SLUG}/" in h for h in hrefs), hrefs
    excerpt_marks = page.eval_on_selector_all(
        ".sg-search .md-search-result__article mark", "els => els.map(e => e.textContent)"
    )
    assert marked in excerpt_marks, f"excerpt marks {excerpt_marks}"  # no quote or bracket in it
    marks = land(page, search_site, deep[0], anchor)
    assert marked in marks, f"#{anchor}: marks {marks}"
    assert "highlight=" in page.url
    assert any(u.split("?")[0].endswith("/pagefind/pagefind.js") for u in traffic.requests)


def test_a_question_lands_on_the_question_marked(new_context: Any, search_site: str) -> None:
    context, _ = new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(search_site)
    hrefs = search(page, "lantern dusk")
    deep = [h for h in hrefs if "#" in h]
    assert deep and target(search_site, deep[0]) == (f"/interviews/{SLUG}/", QUESTION_ID), hrefs
    marks = [m.lower() for m in land(page, search_site, deep[0], QUESTION_ID)]
    assert "lantern" in marks and "dusk" in marks, marks


def test_keyboard_only_search(new_context: Any, search_site: str) -> None:
    """/ opens, arrows reach a result, Enter follows it, Escape closes."""
    context, _ = new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(search_site)
    assert search(page, "soldering")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused and "#start" in focused, focused
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#start'")
    page.wait_for_selector("mark.sg-search-mark")
    assert not page.evaluate("() => document.getElementById('__search').checked")
    # Material closes search 125 ms after a navigation; a reader's next key comes later.
    page.wait_for_timeout(400)
    page.keyboard.press("s")
    assert page.evaluate("() => document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.getElementById('__search').checked")


def fresh_at_anchor(context: Any, search_site: str) -> Any:
    """The interview loaded afresh at its first question (a shared link), in a
    viewport taller than the page, so that nothing scrolls and the theme
    (Material's bundle, which waits for the reader) has not started."""
    page = context.new_page()
    page.goto(f"{search_site}interviews/{SLUG}/#start", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert not page.evaluate("typeof window.document$ !== 'undefined'"), "the theme started"
    return page


def still_open(page: Any, toggle: str) -> bool:
    page.wait_for_function("typeof window.document$ !== 'undefined'", timeout=10000)
    page.wait_for_timeout(1000)  # Material closes drawer and search 125 ms after it starts here
    return bool(page.evaluate(f"document.getElementById('{toggle}').checked"))


def test_search_opened_by_the_first_key_on_a_page_at_an_anchor_stays_open(
    new_context: Any, search_site: str
) -> None:
    """That key also starts the theme, which closes search on a page with a
    #target: not the search the reader has just opened."""
    context, _ = new_context(viewport={"width": 1280, "height": 2400})
    page = fresh_at_anchor(context, search_site)
    page.keyboard.press("s")
    assert still_open(page, "__search")
    page.keyboard.press("Escape")  # and the reader still closes it
    assert not page.evaluate("document.getElementById('__search').checked")


def test_the_menu_opened_by_the_first_tap_on_a_page_at_an_anchor_stays_open(
    new_context: Any, search_site: str
) -> None:
    context, _ = new_context(
        viewport={"width": 390, "height": 6000}, has_touch=True, is_mobile=True
    )
    page = fresh_at_anchor(context, search_site)
    page.locator("label.md-header__button[for=__drawer]").tap()
    assert still_open(page, "__drawer")


def test_page_text_that_looks_like_markup_stays_text_in_results(
    new_context: Any, search_site: str
) -> None:
    context, _ = new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(search_site)
    assert search(page, "firmware")
    results = page.locator(".sg-search .md-search-result__list")
    assert results.locator("img").count() == 0
    assert "<img src=x" in results.inner_text()
    assert page.evaluate("() => window.sgPwned") is None


def test_nothing_is_fetched_until_search_opens(new_context: Any, search_site: str) -> None:
    context, traffic = new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(search_site)
    page.wait_for_load_state("networkidle")
    assert not [u for u in traffic.requests if "/pagefind/" in u]
    assert not [u for u in traffic.requests if "search_index" in u]


def test_dark_mode_results_use_the_dark_palette(new_context: Any, search_site: str) -> None:
    context, _ = new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    page = context.new_page()
    page.goto(search_site)
    assert search(page, "marmalade")
    scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate"
    color = page.eval_on_selector(
        ".sg-search .md-search-result__article h1", "e => getComputedStyle(e).color"
    )
    channels = [int(c) for c in color[color.index("(") + 1 : color.index(")")].split(",")[:3]]
    assert sum(channels) / 3 > 128, f"result title colour {color} is not light on dark"


def test_under_serve_search_says_where_it_is_built(new_context: Any, tmp_path: Path) -> None:
    """A site without its Pagefind bundle (as under `mkdocs serve`) says so in the box."""
    root = make_site(tmp_path / "project")
    out = root / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
        cwd=root,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    shutil.rmtree(out / "pagefind")
    with serving(out) as base:
        context, _ = new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.goto(base)
        page.keyboard.press("/")
        page.wait_for_function(
            "() => /mkdocs build/.test(document.querySelector('.sg-search .md-search-result__meta').textContent)"
        )


def test_zensical_route_search_works(new_context: Any, tmp_path: Path) -> None:
    """`sourcegen build && zensical build && sourcegen search site`, then search by mouse."""
    root = make_site(tmp_path / "project")
    tools = Path(sys.executable).parent
    for argv, cwd in (
        ([str(tools / "sourcegen"), "build", "--root", str(root)], root),
        ([str(tools / "zensical"), "build"], root),
        ([str(tools / "sourcegen"), "search", str(root / "site")], root),
    ):
        proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, f"{argv}: {proc.stdout}{proc.stderr}"
    with serving(root / "site") as base:
        context, _ = new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.goto(base)
        page.locator("label.md-header__button[for=__search]").click()
        page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
        page.keyboard.type("marmalade", delay=20)
        page.wait_for_selector(".sg-search .md-search-result__item", state="visible")
        hrefs = page.eval_on_selector_all(
            ".sg-search a.md-search-result__link", "els => els.map(e => e.getAttribute('href'))"
        )
        deep = [h for h in hrefs if "#" in h]
        assert deep and target(base, deep[0]) == ("/notes/", "zephyr"), hrefs
        assert "marmalade" in land(page, base, deep[0], "zephyr")
