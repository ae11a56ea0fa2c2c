#!/usr/bin/env python3
"""Check the internal links of a built site: every page, asset and #fragment they name exists.

    python scripts/linkcheck.py site/ [--base /repo/] [--external]

Walks every HTML page under the site folder and checks each ``href``, ``src``,
``srcset`` and ``poster``: a relative or root-relative address must name a
file in the site (a folder means its ``index.html``), and a ``#fragment`` must
be an ``id`` (or ``<a name>``) in the page it points to. The locations in
MkDocs' search index, and the pages and headings in Pagefind's, are checked
the same way, since a search result is a link too. An id given twice in a page is a problem as well: a #fragment
can only ever reach the first. External addresses are only counted, and listed with
``--external``: nothing is fetched, so the check works offline and gives the
same answer every time. ``javascript:`` addresses are always a problem.

Prints one line per problem (``page:line: address: what is wrong``) and exits
1 if there is any, 0 otherwise. Standard library only, so CI can run it
before installing anything.
"""

from __future__ import annotations

import argparse
import json
import posixpath
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

URL_ATTRS = {"href", "src", "poster"}
"""Attributes holding one address; ``srcset`` holds several and is split apart."""


@dataclass(slots=True)
class Link:
    """One address found in a page."""

    line: int
    """Line in the page's HTML source."""
    tag: str
    attr: str
    value: str


@dataclass(slots=True)
class Page:
    """What the check needs from one HTML file."""

    ids: dict[str, int] = field(default_factory=dict)
    """Each id (or ``<a name>``) and the line it is first on."""
    links: list[Link] = field(default_factory=list)
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)
    """(id, line, line of the first) for an id given again: a link can reach only one."""


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                if value in self.page.ids:
                    if name == "id":
                        self.page.duplicates.append((value, line, self.page.ids[value]))
                else:
                    self.page.ids[value] = line
            elif name in URL_ATTRS:
                self.page.links.append(Link(line, tag, name, value.strip()))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.page.links.append(Link(line, tag, name, candidate.split()[0]))

    handle_startendtag = handle_starttag


def scan(path: Path) -> Page:
    scanner = _Scanner()
    scanner.feed(path.read_text(encoding="utf-8", errors="replace"))
    scanner.close()
    return scanner.page


@dataclass(slots=True)
class Site:
    """A built site folder and the pages read from it so far."""

    root: Path
    base: str = "/"
    """The path the site is served under (``/repo/`` on a GitHub project site)."""
    pages: dict[str, Page] = field(default_factory=dict)

    def page(self, rel: str) -> Page:
        """The page at ``rel`` (a path relative to the root), read once."""
        if rel not in self.pages:
            self.pages[rel] = scan(self.root / rel)
        return self.pages[rel]

    def resolve(self, rel_dir: str, path: str) -> tuple[str | None, str | None]:
        """(file relative to the root, None) or (None, why it does not resolve)."""
        path = unquote(path)
        if path.startswith("/"):
            if not (path + "/").startswith(self.base):
                return None, f"root-relative address outside the site's base {self.base}"
            joined = path[len(self.base) :]
        else:
            joined = posixpath.join(rel_dir, path)
        trailing = joined.endswith("/") or joined == ""
        normal = posixpath.normpath(joined) if joined else "."
        if normal == ".." or normal.startswith("../"):
            return None, "points above the site's root folder"
        target = self.root / normal
        if target.is_dir() or trailing:
            index = "index.html" if normal == "." else f"{normal}/index.html"
            if (self.root / index).is_file():
                return index, None
            return None, f"no such page: {index}"
        if target.is_file():
            return ("" if normal == "." else normal), None
        return None, f"no such file: {normal}"


@dataclass(slots=True)
class Report:
    problems: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)
    links: int = 0


def _is_external(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme or parts.netloc)


def check_link(site: Site, rel: str, link: Link, report: Report, where: str) -> None:
    """Check one address found in the page at ``rel``."""
    report.links += 1
    value = link.value
    if value.lower().replace(" ", "").startswith("javascript:"):
        report.problems.append(f"{where}: {value}: javascript: address")
        return
    if _is_external(value):
        report.external.add(value)
        return
    parts = urlsplit(value)
    if parts.path:
        target, why = site.resolve(posixpath.dirname(rel), parts.path)
        if target is None:
            report.problems.append(f"{where}: {value}: {why}")
            return
    else:
        target = rel
    fragment = unquote(parts.fragment)
    if not fragment or not target.endswith(".html"):
        return
    if fragment not in site.page(target).ids:
        report.problems.append(f"{where}: {value}: no id “{fragment}” in {target}")


def html_files(root: Path) -> Iterator[str]:
    for path in sorted(root.rglob("*.html")):
        yield path.relative_to(root).as_posix()


def check_search_index(site: Site, report: Report) -> None:
    """A search result links to its location: each must resolve like a link."""
    index = site.root / "search" / "search_index.json"
    if not index.is_file():
        return
    try:
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    except (ValueError, KeyError, TypeError) as exc:
        report.problems.append(f"search/search_index.json: cannot be read: {exc}")
        return
    for number, doc in enumerate(docs, 1):
        location = str(doc.get("location", ""))
        link = Link(number, "search", "location", location)
        # Locations are relative to the site root, like a link from index.html.
        check_link(site, "index.html", link, report, f"search/search_index.json: entry {number}")


PAGEFIND_SIGNATURE = b"pagefind_dcd"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def check_pagefind(site: Site, report: Report) -> None:
    """Pagefind's results link to each indexed page and to its headings with ids.

    Each page's record (pagefind/fragment/*.pf_fragment: gzipped JSON after a
    signature) holds its url, from the site's root, and its anchors; a
    sub-result is `url#id` for each heading among them.
    """
    import gzip

    folder = site.root / "pagefind" / "fragment"
    for path in sorted(folder.glob("*.pf_fragment")) if folder.is_dir() else []:
        where = path.relative_to(site.root).as_posix()
        try:
            data = gzip.decompress(path.read_bytes()).removeprefix(PAGEFIND_SIGNATURE)
            page = json.loads(data)
            url = str(page["url"]).lstrip("/")
            ids = [
                str(a["id"])
                for a in page.get("anchors", [])
                if a.get("id") and a.get("element") in HEADINGS
            ]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            report.problems.append(f"{where}: cannot be read: {exc}")
            continue
        for value in [url, *(f"{url}#{i}" for i in ids)]:
            # Result urls are relative to the site root, like a link from index.html.
            check_link(site, "index.html", Link(0, "pagefind", "url", value), report, where)


def check_site(root: Path, base: str = "/") -> Report:
    if not base.startswith("/"):
        base = "/" + base
    if not base.endswith("/"):
        base += "/"
    site = Site(root, base)
    report = Report()
    for rel in html_files(root):
        page = site.page(rel)
        for value, line, first in page.duplicates:
            report.problems.append(f"{rel}:{line}: id “{value}” again (first on line {first})")
        for link in page.links:
            check_link(site, rel, link, report, f"{rel}:{link.line}")
    check_search_index(site, report)
    check_pagefind(site, report)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site folder (mkdocs build -d …)")
    parser.add_argument(
        "--base", default="/", help="the path the site is served under (default: /)"
    )
    parser.add_argument(
        "--external", action="store_true", help="list external addresses (never fetched)"
    )
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"linkcheck: {args.site}: expected a built site folder", file=sys.stderr)
        return 2
    report = check_site(args.site, args.base)
    for problem in report.problems:
        print(problem)
    if args.external:
        for url in sorted(report.external):
            print(f"external (not fetched): {url}")
    pages = sum(1 for _ in html_files(args.site))
    print(
        f"linkcheck: {pages} pages, {report.links} links, {len(report.external)} external "
        f"addresses not fetched, {len(report.problems)} problems",
        file=sys.stderr,
    )
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
