"""The built site works when served under a sub-path, as a GitHub project site is.

GitHub Pages serves a project site at https://<owner>.github.io/<repo>/ and
answers any missing address under it with the site's 404.html. The site is
built here with SITE_URL=http://127.0.0.1:<port>/repo/ and served the same way
by a small threaded server on loopback (the fixture site, tests/fixtures/site/),
then every page is crawled: every
internal href/src must answer 200, fragments must name an element of the
target page, nothing may load from another origin, and the 404 page must
style itself at any depth.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SITE_KEYS, copy_skeleton, send_404_page

from sourcegen.search import HEADINGS, read_fragments

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "/repo/"
INTERVIEW = "interviews/hikvision-president-chats-with-ssi/"

# Attributes that make the browser fetch something, per tag.
LOADS = {
    "link": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "track": "src",
}

# <link rel=...> values that fetch; canonical, prev, next, alternate are addresses.
LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files under PREFIX; GitHub Pages' 404.html for anything missing."""

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def translate_path(self, path: str) -> str:
        bare = urllib.parse.urlsplit(path).path
        if not bare.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / PREFIX.strip("/") / "404.html"
        if not (code == 404 and send_404_page(self, page)):
            super().send_error(code, message, explain)


@dataclass
class Served:
    base: str  # http://127.0.0.1:PORT/repo/
    site: Path  # the built site

    def url(self, rel: str = "") -> str:
        return urllib.parse.urljoin(self.base, rel)


def build(root: Path, site_dir: Path, site_url: str) -> None:
    """Build the fixture site at ``root`` into ``site_dir`` for ``site_url``."""
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    proc = subprocess.run(
        [*mkdocs, "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    www = tmp_path_factory.mktemp("www")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(PagesHandler, directory=str(www))
    )
    port = server.server_address[1]
    base = f"http://127.0.0.1:{port}{PREFIX}"
    try:
        build(copy_skeleton(tmp_path_factory.mktemp("src") / "site"), www / PREFIX.strip("/"), base)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield Served(base=base, site=www / PREFIX.strip("/"))
        finally:
            server.shutdown()
            thread.join(timeout=10)
    finally:
        server.server_close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a link that needs a redirect is reported, not followed


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with OPENER.open(url, timeout=10) as resp:
            return resp.status, resp.read(), resp.headers.get("Content-Type", "")
    except urllib.error.HTTPError as err:
        return err.code, err.read(), err.headers.get("Content-Type", "")


def html_pages(served: Served) -> dict[str, str]:
    """URL of every HTML page in the build -> its URL as the server gives it."""
    pages = {}
    for path in sorted(served.site.rglob("*.html")):
        rel = path.relative_to(served.site).as_posix()
        url_rel = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        pages[served.url(url_rel)] = rel
    return pages


def references(html: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) of every href and src in a page."""
    soup = BeautifulSoup(html, "html.parser")
    refs = []
    for el in soup.find_all(True):
        for attr in ("href", "src"):
            value = el.get(attr)
            if isinstance(value, str) and value.strip():
                refs.append((el.name, attr, value.strip()))
    return refs


def ids_of(html: str) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    return {str(el["id"]) for el in soup.find_all(id=True)} | {
        str(el["name"]) for el in soup.find_all("a", attrs={"name": True})
    }


def is_internal(url: str, served: Served) -> bool:
    parts = urllib.parse.urlsplit(url)
    base = urllib.parse.urlsplit(served.base)
    return parts.scheme in ("http", "https") and parts.netloc == base.netloc


def test_every_internal_link_resolves(served: Served) -> None:
    pages = html_pages(served)
    assert served.url(INTERVIEW) in pages, sorted(pages)
    page_ids: dict[str, set[str]] = {}
    statuses: dict[str, int] = {}
    problems: list[str] = []

    def status(url: str) -> int:
        if url not in statuses:
            code, body, ctype = fetch(url)
            statuses[url] = code
            if code == 200 and "html" in ctype:
                page_ids[url] = ids_of(body.decode("utf-8"))
        return statuses[url]

    checked = 0
    for page_url in pages:
        code, body, _ = fetch(page_url)
        assert code == 200, f"{page_url} answered {code}"
        html = body.decode("utf-8")
        page_ids[page_url] = ids_of(html)
        for tag, attr, value in references(html):
            if value.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            target = urllib.parse.urljoin(page_url, value)
            if not is_internal(target, served):
                continue
            where = f"{pages[page_url]}: <{tag} {attr}={value!r}>"
            if not urllib.parse.urlsplit(target).path.startswith(PREFIX):
                problems.append(f"{where} leaves the site's sub-path {PREFIX}")
                continue
            doc, _, fragment = target.partition("#")
            checked += 1
            code = status(doc)
            if code != 200:
                problems.append(f"{where} -> {doc} answered {code}")
            elif fragment and doc in page_ids:
                wanted = urllib.parse.unquote(fragment)
                if wanted not in page_ids[doc]:
                    problems.append(f"{where} -> no element with id {wanted!r}")
    assert checked > 50, f"only {checked} internal references found; is the crawl broken?"
    assert not problems, "\n".join(problems)


def test_nothing_loads_from_another_origin(served: Served) -> None:
    """Stylesheets, scripts, icons and images all come from the site itself."""
    problems = []
    for page_url, rel in html_pages(served).items():
        soup = BeautifulSoup(fetch(page_url)[1].decode("utf-8"), "html.parser")
        for tag, attr in LOADS.items():
            for el in soup.find_all(tag):
                value = el.get(attr)
                if not isinstance(value, str) or not value:
                    continue
                if tag == "link" and not LOADING_RELS & set(el.get("rel") or []):
                    continue
                target = urllib.parse.urljoin(page_url, value)
                if not (value.startswith("data:") or is_internal(target, served)):
                    problems.append(f"{rel}: <{tag} {attr}={value!r}>")
    for css in served.site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(
            r"@import\s+['\"]([^'\"]+)", text
        ):
            if re.match(r"^(https?:)?//", ref):
                problems.append(f"{css.relative_to(served.site)}: url({ref})")
    assert not problems, "loads from another origin:\n" + "\n".join(problems)


def test_404_page_is_styled_at_any_depth(served: Served) -> None:
    missing = served.url("no/such/page/at/all/")
    code, body, ctype = fetch(missing)
    assert code == 404 and "html" in ctype
    soup = BeautifulSoup(body.decode("utf-8"), "html.parser")
    sheets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    scripts = [s["src"] for s in soup.find_all("script", src=True)]
    assert any("main" in str(h) for h in sheets), sheets
    assert any(str(h).endswith("sourcegen.css") for h in sheets), sheets
    for ref in [*sheets, *scripts]:
        target = urllib.parse.urljoin(missing, str(ref))
        assert urllib.parse.urlsplit(target).path.startswith(PREFIX), target
        assert fetch(target)[0] == 200, f"404 page: {ref} -> {target} does not load"


def test_search_index_loads_and_points_at_pages(served: Served) -> None:
    """Pagefind's bundle loads under the sub-path, and every result it can give exists."""
    html = fetch(served.url(INTERVIEW))[1].decode("utf-8")
    box = BeautifulSoup(html, "html.parser").select_one("[data-sg-search]")
    assert box is not None, "no Pagefind search box"
    script = urllib.parse.urljoin(served.url(INTERVIEW), str(box["data-sg-bundle"]))
    assert script == served.url("pagefind/pagefind.js")
    assert fetch(script)[0] == 200
    assert fetch(served.url("pagefind/pagefind-entry.json"))[0] == 200
    pages = read_fragments(served.site / "pagefind")
    assert any(p["url"] == "/" + INTERVIEW for p in pages), "interview not indexed"
    for page in pages:
        # Stored from the site's root; the search box prefixes the sub-path (baseUrl).
        url = served.url(page["url"].lstrip("/"))
        code, body, _ = fetch(url)
        assert code == 200, f"search result {page['url']!r} -> {url}"
        found = ids_of(body.decode("utf-8"))
        for anchor in page["anchors"]:
            if anchor.get("id") and anchor["element"] in HEADINGS:
                assert anchor["id"] in found, f"{url}#{anchor['id']}: no such id"


def test_head_metadata_uses_the_sub_path(served: Served) -> None:
    html = fetch(served.url(INTERVIEW))[1].decode("utf-8")
    soup = BeautifulSoup(html, "html.parser")

    def meta(prop: str) -> str:
        el = soup.find("meta", attrs={"property": prop}) or soup.find("meta", attrs={"name": prop})
        assert el is not None, f"no <meta {prop}>"
        return str(el["content"])

    canonical = soup.find("link", rel="canonical")
    assert canonical is not None and canonical["href"] == served.url(INTERVIEW)
    assert meta("og:url") == served.url(INTERVIEW)
    assert meta("og:type") == "article"
    assert meta("og:site_name") == SITE_KEYS["site_name"]
    title = soup.find("h1")
    assert title is not None
    assert meta("og:title") == " ".join(title.get_text().split()).rstrip("¶ ")
    assert meta("description") == meta("og:description") and len(meta("description")) > 20
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    article = json.loads(scripts[0].string or "")
    assert article["@type"] == "Article" and article["@context"] == "https://schema.org"
    assert article["headline"] == meta("og:title")
    assert article["url"] == served.url(INTERVIEW)
    assert article["isPartOf"]["url"] == served.base
    assert {"@type": "Person", "name": "Jeffrey He"} in article["about"]

    home = BeautifulSoup(fetch(served.base)[1].decode("utf-8"), "html.parser")
    assert home.find("meta", attrs={"property": "og:type"})["content"] == "website"
    search = home.select_one(".md-search[role=dialog]")
    assert search is not None and search.get("aria-label"), "search dialog has no accessible name"


HOSTILE = 'He said "hogwash" </script><script>alert(1)</script> & <b>more</b>'


def test_head_metadata_survives_hostile_text(tmp_path: Path) -> None:
    """Scraped titles and deks may hold quotes, tags and </script>: nothing breaks out."""
    (tmp_path / "docs").mkdir()
    front = {
        "title": HOSTILE,
        "description": HOSTILE,
        "sourcegen_article": {"headline": HOSTILE, "author": HOSTILE, "about": [HOSTILE]},
    }
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs" / "page.md").write_text(
        "---\n" + json.dumps(front) + "\n---\n\n# Page\n\nText.\n", encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text(
        # Interview pages stay out of the navigation, as in the real mkdocs.yml.
        "site_name: t\nsite_url: http://127.0.0.1:8000/t/\nnav: [index.md]\n"
        "not_in_nav: /page.md\n"
        f"theme:\n  name: material\n  font: false\n  custom_dir: {json.dumps(str(ROOT / 'overrides'))}\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=tmp_path,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "site" / "page" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("b"), "markup in front matter became elements"
    assert [s.get("type") for s in soup.find_all("script") if "alert(1)" in (s.string or "")] == [
        "application/ld+json"
    ], "text escaped a script element"
    for prop in ("description", "og:description", "og:title"):
        el = soup.find("meta", attrs={"name": prop}) or soup.find("meta", attrs={"property": prop})
        assert el is not None and el["content"] == HOSTILE, prop
    title = soup.find("title")
    assert title is not None and title.get_text().startswith(HOSTILE)
    article = json.loads(soup.find("script", type="application/ld+json").string or "")
    assert article["headline"] == HOSTILE
    assert article["author"] == {"@type": "Person", "name": HOSTILE}
    assert article["about"] == [{"@type": "Person", "name": HOSTILE}]
