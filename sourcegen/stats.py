"""What a build did, in numbers: the record `generate` and `build` return.

Benchmarks (benchmarks/build_bench.py) and the MkDocs plugin read it instead
of timing or counting from outside, so no benchmark has to patch the code
it measures.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(slots=True)
class BuildStats:
    """Counts and seconds for one build; stages add to it as they run."""

    interviews: int = 0
    """Interview folders in sources/interviews/."""
    notes: int = 0
    """Notes loaded (drafts only when the build keeps them)."""
    pages: int = 0
    """Interview pages in the site (drafts left out of a deploy build)."""
    cache_hits: int = 0
    """Pages taken from the build cache unchanged."""
    made: list[str] = field(default_factory=list)
    """Interviews parsed, annotated and rendered in this build (cache misses), by slug."""
    workers: int = 1
    """Processes that made those pages (see pool.py)."""
    written: int = 0
    """Files written to disk (`build`; the plugin writes only the abbreviations)."""
    unchanged: int = 0
    """Files left alone because they already held what would be written."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall time of each stage, by name, in the order they ran."""

    @property
    def cache_misses(self) -> int:
        return len(self.made)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block as stage ``name`` (added to, if it runs twice)."""
        started = time.perf_counter()
        try:
            yield
        finally:
            spent = time.perf_counter() - started
            self.seconds[name] = self.seconds.get(name, 0.0) + spent

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-ready values, for a benchmark's output line."""
        return {
            "interviews": self.interviews,
            "notes": self.notes,
            "pages": self.pages,
            "cache_hits": self.cache_hits,
            "cache_misses": self.cache_misses,
            "workers": self.workers,
            "written": self.written,
            "unchanged": self.unchanged,
            "seconds": {k: round(v, 4) for k, v in self.seconds.items()},
        }
