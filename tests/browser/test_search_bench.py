"""benchmarks/search_bench.py at N=3: checks its output's structure, never speed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import skip_module_without_browser

skip_module_without_browser()

pytestmark = pytest.mark.browser

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "search_bench.py"


def test_benchmark_prints_a_line_per_engine(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--n",
            "3",
            "--material-max",
            "3",
            "--query",
            "Techpoint",
            "--timeout",
            "90",
            "--workdir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = [json.loads(line) for line in proc.stdout.strip().splitlines()]
    assert [r["engine"] for r in rows] == ["pagefind", "material"]
    pagefind, material = rows
    assert pagefind["interviews"] == material["interviews"] == 3
    assert pagefind["index_bytes"] > pagefind["index_chunks_and_fragments_bytes"] > 0
    assert material["index_gzip_bytes"] < material["index_bytes"]
    for row in rows:
        [query] = row["queries"]
        assert "error" not in query, query
        assert query["query"] == "Techpoint"
        assert query["results_shown"] >= 1  # the note on TVI names Techpoint
        assert query["first_results_s"] >= query["after_typing_s"] > 0
        # The page's clock: the tap, the result inserted, then drawn.
        assert 0 < query["tap_to_result_s"] <= query["tap_to_paint_s"]
        assert query["tap_dispatch_s"] is not None and query["tap_dispatch_s"] >= 0
        assert query["search_bytes"] > 0 and query["search_requests"] > 0
        assert query["offsite_requests"] == 0
    # Material's whole index is one of the requests; Pagefind fetches its parts.
    assert pagefind["queries"][0]["search_requests"] > material["queries"][0]["search_requests"]
    assert list(tmp_path.iterdir()) == []  # the temporary site was removed
