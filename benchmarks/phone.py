"""One search on a throttled phone in headless Chromium: search_bench.py's
measurement. A fresh context a query (empty cache, 390 px, touch), its CPU
slowed 4x and a slow 4G link set through the DevTools protocol; the times
from the tap to the first result, by the script's clock and the page's own,
and the bytes the search cost, counted by the server (gzip_serve.py)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from gzip_serve import serve

CHROMIUM = os.environ.get("SOURCEGEN_CHROMIUM") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 750e3 / 8,
}
CPU_SLOWDOWN = 4


def log(msg: str) -> None:
    print(f"[search] {msg}", file=sys.stderr, flush=True)


def is_search_request(engine: str, path: str) -> bool:
    if engine == "pagefind":
        return path.startswith("/pagefind/") or path.endswith("/sourcegen-search.js")
    return any(
        p in path for p in ("/search/search_index", "/javascripts/workers/", "/javascripts/lunr/")
    )


MARKS = """(() => {
  const t = (window.__sgBench = {});
  addEventListener("pointerdown", () => { t.tap = t.tap || Date.now(); }, true);
  new MutationObserver(() => {
    if (t.first || !document.querySelector(".md-search-result__item")) return;
    t.first = Date.now();
    // The frame that shows it: its animation frame, then the task after it.
    requestAnimationFrame(() => setTimeout(() => { t.painted = Date.now(); }, 0));
  }).observe(document, { childList: true, subtree: true });
})();"""
"""The page's own clock (epoch ms): the tap's pointerdown, the first result's
insertion and the frame after it, drawn."""


def in_page(page: Any, opened_epoch: float) -> dict[str, float | None]:
    """Tap to first result on the page's own clock: from its pointerdown to the
    result's insertion (`tap_to_result_s`) and to the frame that draws it
    (`tap_to_paint_s`), without the time Playwright takes to dispatch the tap
    (`tap_dispatch_s`: from the script's click to the pointerdown, on the same
    machine's clock) and to notice the result, which `first_results_s` includes."""
    t = page.evaluate("() => window.__sgBench")

    def span(start: float | None, end: float | None) -> float | None:
        return round((float(end) - float(start)) / 1000, 2) if start and end else None

    return {
        "tap_to_result_s": span(t.get("tap"), t.get("first")),
        "tap_to_paint_s": span(t.get("tap"), t.get("painted")),
        "tap_dispatch_s": span(opened_epoch * 1000, t.get("tap")),
    }


def timeline(
    page: Any, base: str, finished: list[Any], sent: list[tuple[str, int]]
) -> dict[str, Any]:
    """Where a query's time went, in seconds from the tap (`--timeline`).

    Each request search made, from being sent to its last byte (the worker's
    included, which Playwright reports with the page's), with the bytes the
    server sent for it; and the box's `performance.mark`s (`sg-search:*`),
    which place the CPU work between the requests.
    """
    clock = page.evaluate(
        """() => ({
          tap: window.__sgBench.tap, first: window.__sgBench.first,
          marks: performance.getEntriesByType("mark")
            .filter((m) => m.name.startsWith("sg-search:"))
            .map((m) => [m.name.slice(10), performance.timeOrigin + m.startTime, m.detail]),
        })"""
    )
    tap = clock["tap"]
    sizes: dict[str, list[int]] = {}
    for path, n in sent:
        sizes.setdefault(path, []).append(n)

    def at(ms: float) -> float:
        return round((float(ms) - float(tap)) / 1000, 3)

    requests = []
    # A file's bytes go to the first request for it; a second (Pagefind's, after
    # the box's prefetch) is answered from the HTTP cache or waits for the first.
    for r in sorted(finished, key=lambda r: float(r.timing["startTime"])):
        path = "/" + r.url[len(base) :] if r.url.startswith(base) else r.url
        if not path.startswith("/pagefind/") and "sourcegen-search" not in path:
            continue
        start = r.timing["startTime"]
        if start < tap:
            continue
        took = sizes.get(path) or sizes.get(path.split("?")[0]) or []
        requests.append(
            [at(start), at(start + r.timing["responseEnd"]), path, took.pop(0) if took else None]
        )
    requests.sort(key=lambda row: row[0])
    return {
        "first_result_s": at(clock["first"]) if clock["first"] else None,
        "requests": requests,
        "marks": [
            [at(ms), name, *([detail] if detail else [])]
            for name, ms, detail in clock["marks"]
            if ms >= tap
        ],
    }


def throttle(context: Any, page: Any) -> None:
    """The slow phone: CPU 4x slower (the page's main thread: not its workers) and slow 4G."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})


def enter(page: Any, box: str, engine: str, query: str, keys: bool, ms: float) -> None:
    """Enter the query in the opened search box, as pasted or (``keys``) key by key."""
    field = page.locator(f"{box} input.md-search__input")
    if engine == "material":
        # Material drops what is typed while its index loads: wait, as a reader would.
        page.wait_for_function(
            "() => !/Initializing/i.test(document.querySelector"
            "('.md-search-result__meta').textContent)",
            timeout=ms,
            polling=100,
        )
    if keys:
        field.press_sequentially(query)  # key by key, as fast as the throttled page takes them
    else:
        field.fill(query)  # the whole query at once, as pasted
        field.press("End")  # a key, for Material, which searches on keyup


def measure_query(
    browser: Any,
    base: str,
    sent: list[tuple[str, int]],
    engine: str,
    query: str,
    timeout_s: float,
    keys: bool = False,
    trace: bool = False,
) -> dict[str, Any]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        context.add_init_script(MARKS)
        page = context.new_page()
        offsite: list[str] = []
        page.on(
            "request",
            lambda r: None if r.url.startswith((base, "data:", "blob:")) else offsite.append(r.url),
        )
        finished: list[Any] = []  # Playwright reports the worker's requests here too
        page.on("requestfinished", lambda r: finished.append(r))
        throttle(context, page)
        sent.clear()
        page.goto(base, wait_until="load", timeout=timeout_s * 1000)
        box = ".sg-search" if engine == "pagefind" else "[data-md-component=search]"
        ms = timeout_s * 1000
        opened, opened_epoch = time.perf_counter(), time.time()
        page.locator("label.md-header__button[for=__search]").click()  # the phone's search button
        enter(page, box, engine, query, keys, ms)
        typed = time.perf_counter()
        page.wait_for_selector(f"{box} .md-search-result__item", state="attached", timeout=ms)
        first = time.perf_counter()
        results = page.locator(f"{box} .md-search-result__item").count()
        page.wait_for_timeout(500)  # what the query still fetches after its first results
        search = [(p, n) for p, n in list(sent) if is_search_request(engine, p)]
        extra = {"timeline": timeline(page, base, finished, sent)} if trace else {}
        return {
            "query": query,
            "first_results_s": round(first - opened, 2),
            "after_typing_s": round(first - typed, 2),
            **in_page(page, opened_epoch),
            "search_bytes": sum(n for _, n in search),
            "search_requests": len(search),
            "page_bytes": sum(n for _, n in sent) - sum(n for _, n in search),
            "results_shown": results,
            "offsite_requests": len(offsite),
            **extra,
        }
    finally:
        context.close()


def browse(
    site: Path,
    engine: str,
    queries: tuple[str, ...],
    timeout_s: float,
    keys: bool = False,
    trace: bool = False,
    no_worker: bool = False,
) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    out: list[dict[str, Any]] = []
    with serve(site, no_worker) as (base, sent), sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM if os.path.isfile(CHROMIUM) else None,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            for query in queries:
                try:
                    out.append(
                        measure_query(browser, base, sent, engine, query, timeout_s, keys, trace)
                    )
                except Exception as exc:  # a timeout is a result: it did not work in time
                    first_line = str(exc).splitlines()[0] if str(exc) else ""
                    out.append({"query": query, "error": f"{type(exc).__name__}: {first_line}"})
                log(f"  {engine} {query!r}: {out[-1]}")
        finally:
            browser.close()
    return out
