"""Abbreviation tooltips only on the interview's own words (issue 16).

Python-Markdown's `abbr` extension applies includes/abbreviations.md to the
whole page; the renderer writes abbreviations outside the interview text as
character references so the extension does not see them there.
"""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from sourcegen.render import Renderer

DEFS = "\n\n*[IP]: Internet Protocol\n*[R&D]: Research and development\n*[SOE]: State-owned enterprise\n"


def html(md: str) -> BeautifulSoup:
    out = markdown.markdown(md + DEFS, extensions=["abbr", "attr_list", "md_in_html"])
    return BeautifulSoup(out, "html.parser")


def test_names_and_titles_get_no_tooltip_but_read_the_same() -> None:
    plain = Renderer(abbreviations=["IP", "R&D", "SOE", "SOEs"]).env.filters["md"]
    for text in ("RFC response (Watchful IP)", "Hikvision R&D centres", "SOEs and an SOE"):
        soup = html(plain(text))
        assert soup.select("abbr") == [], text
        assert soup.get_text().strip() == text


def test_prose_and_unknown_words_are_untouched() -> None:
    env = Renderer(abbreviations=["IP"]).env
    assert env.filters["md"]("IPv6 and VIP lounges") == "IPv6 and VIP lounges"
    assert [a.get_text() for a in html(env.filters["prose"]("over IP")).select("abbr")] == ["IP"]
    assert Renderer().env.filters["md"]("Watchful IP") == "Watchful IP"  # no abbreviations
