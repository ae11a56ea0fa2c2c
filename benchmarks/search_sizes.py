"""The size of a built site's search index, and how it compresses.

Material's index (search/search_index.json) is downloaded whole by every
reader who searches; Pagefind's bundle is fetched in pieces (what a query
fetches is measured by search_bench.py). build_bench.py reports both.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from sites import SEED_SLUG

PHONE_BUDGET_GZIP = 2_000_000
"""About the most search index a phone should download (gzipped bytes)."""


def search_index(site: Path) -> dict[str, Any]:
    """Sizes of site/search/search_index.json, raw and gzipped (level 6, as web servers do).

    With Pagefind (`extra: pagefind: true`) there is no such file: the Material
    fields are null and the Pagefind bundle's size is given instead (what a
    query fetches of it is measured by benchmarks/search_bench.py).
    """
    path = site / "search" / "search_index.json"
    bundle = site / "pagefind"
    pagefind = {
        "pagefind_bytes": sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
        if bundle.is_dir()
        else None,
    }
    if not path.is_file():
        return {
            "search_index_gzip_over_2mb": False,
            "search_index_bytes": None,
            "search_index_gzip_bytes": None,
            "search_index_entries": None,
            "search_index_note_copies_bytes": None,
            "search_gzip_ratio_seed": None,
            "search_gzip_ratio_synthetic": None,
            **pagefind,
        }
    data = path.read_bytes()
    docs = json.loads(data)["docs"]

    def ratio(prefix: str) -> float | None:
        part = json.dumps([d for d in docs if d["location"].startswith(prefix)]).encode()
        return round(len(part) / len(gzip.compress(part, 6)), 2) if part != b"[]" else None

    notes_sections = sum(
        len(json.dumps(d, ensure_ascii=False).encode())
        for d in docs
        if d["location"].startswith("interviews/")
        and d["location"].endswith(("#context-notes", "#what-happened-next"))
    )
    return {
        "search_index_bytes": len(data),
        "search_index_gzip_bytes": len(gzip.compress(data, 6)),
        "search_index_gzip_over_2mb": len(gzip.compress(data, 6)) > PHONE_BUDGET_GZIP,
        "search_index_entries": len(docs),
        # note text copied into interview pages' "Context notes"/"What happened next" sections
        "search_index_note_copies_bytes": notes_sections,
        # gzip ratio of the real seed interview's entries vs one synthetic interview's
        "search_gzip_ratio_seed": ratio(f"interviews/{SEED_SLUG}/"),
        "search_gzip_ratio_synthetic": ratio("interviews/synthetic-0001-"),
        **pagefind,
    }
