"""How a build's time and memory grow with the number of interviews (issue 6).

For each N it makes a throwaway site (sites.py), then times, each in its own
process: `sourcegen build` cold and again with nothing changed (which must
write nothing), and `mkdocs build` with the plugin, cold and warm. What the
generator did inside that build (seconds per stage, workers, cache hits) is
read from the plugin's `stats` (sourcegen/stats.py), not measured from
outside. With ``--baseline``, also `mkdocs build` with every interview in the
navigation. One JSON line per N on stdout; fields in benchmarks/README.md.

    python benchmarks/build_bench.py --n 10       # smoke run
    python benchmarks/build_bench.py --baseline   # N = 10, 100, 1000
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import sites
from search_sizes import search_index
from sites import CHILD_ENV, REPO, Run, log, run, tool

SELF = Path(__file__).resolve()


def child_env(jobs: int | None) -> dict[str, str]:
    """The children's environment; ``jobs`` forces the generator's worker count
    (the build's own `SOURCEGEN_JOBS`, sourcegen/pool.py)."""
    return {**CHILD_ENV, "SOURCEGEN_JOBS": str(jobs)} if jobs else dict(CHILD_ENV)


def sourcegen_build(root: Path, jobs: int | None = None) -> tuple[Run, int, int]:
    """`sourcegen build --root ROOT`: (run, files written, files unchanged)."""
    r = run([tool("sourcegen"), "build", "--root", str(root)], cwd=root, env=child_env(jobs))
    m = re.search(r"wrote (\d+) files, (\d+) unchanged", r.stdout)
    if not m:
        raise RuntimeError(f"unexpected `sourcegen build` output: {r.stdout!r}")
    return r, int(m[1]), int(m[2])


def mkdocs_child(out: Path, config: Path, site: Path) -> None:
    """`mkdocs build --strict` through MkDocs' own API, as its CLI runs it; then the
    sourcegen plugin's `stats` (what its generation did) written to ``out``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cfg = load_config(config_file=str(config), site_dir=str(site), strict=True)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    stats = cfg.plugins["sourcegen"].stats
    out.write_text(json.dumps(stats.as_dict() if stats else {}))


def mkdocs_build(
    root: Path, config: str, site: Path, jobs: int | None = None
) -> tuple[Run, dict[str, Any]]:
    """`mkdocs build` in a child process: (run, the plugin's stats as a dict)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    try:
        argv = [sys.executable, str(SELF), "--_mkdocs-child", str(out), str(root / config)]
        r = run([*argv, str(site)], cwd=root, env=child_env(jobs))
        return r, json.loads(out.read_text() or "{}")
    finally:
        out.unlink(missing_ok=True)


def generator_seconds(stats: dict[str, Any]) -> float:
    """The plugin's `on_files`, all its stages: load, interviews, site, write (the
    abbreviations) and hand_over (the pages given to MkDocs, the cache saved)."""
    return float(sum(stats.get("seconds", {}).values()))


def nav_all_config(root: Path, slugs: list[str]) -> str:
    """Write mkdocs-navall.yml: every interview in the nav, no not_in_nav. Returns its name."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    entry = "  - Interviews: interviews/index.md\n"
    if entry not in text:
        raise RuntimeError("mkdocs.yml: expected the nav entry `- Interviews: interviews/index.md`")
    nav = "  - Interviews:\n      - interviews/index.md\n" + "".join(
        f"      - interviews/{s}.md\n" for s in sorted(slugs)
    )
    text = text.replace(entry, nav)
    text, count = re.subn(r"(?m)^not_in_nav: \|\n(?:  .*\n)+", "", text)
    if count != 1:
        raise RuntimeError("mkdocs.yml: expected one `not_in_nav: |` block to remove")
    (root / "mkdocs-navall.yml").write_text(text, encoding="utf-8")
    return "mkdocs-navall.yml"


def index_links(root: Path) -> set[str]:
    """Slugs docs/interviews/index.md links to."""
    text = (root / "docs" / "interviews" / "index.md").read_text(encoding="utf-8")
    return set(re.findall(r"\]\(([^)/]+)\.md\)", text))


def generated_pages(root: Path) -> set[str]:
    return {p.stem for p in (root / "docs" / "interviews").glob("*.md") if p.name != "index.md"}


def generator_fields(root: Path, made: sites.Made, jobs: int | None) -> dict[str, Any]:
    """`sourcegen build` cold (no .cache/), then again with nothing changed."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    gen, written, _ = sourcegen_build(root, jobs)
    again, rewritten, unchanged = sourcegen_build(root, jobs)
    pages = generated_pages(root)
    n = len(made.slugs)
    peaks = [r.peak_mb for r in (gen, again)]
    return {
        "generator_s": round(gen.seconds, 3),
        "generator_rebuild_s": round(again.seconds, 3),
        "generator_peak_mb": max(peaks) if all(peaks) else None,  # type: ignore[type-var]
        "generator_written": written,
        "generator_rebuild_written": rewritten,
        "generator_rebuild_unchanged": unchanged,
        "generator_per_interview_ms": round(1000 * gen.seconds / n, 2),
        "interview_pages": len(pages),
        "index_links_all": index_links(root) == pages == set(made.slugs),
    }


def mkdocs_fields(prefix: str, r: Run, stats: dict[str, Any]) -> dict[str, Any]:
    """One `mkdocs build`'s figures, and the generator's share of it from the plugin's stats."""
    inside = generator_seconds(stats)
    return {
        f"{prefix}_s": round(r.seconds, 3),
        f"{prefix}_peak_mb": r.peak_mb,
        f"{prefix}_generator_s": round(inside, 3),
        f"{prefix}_generator_stages": stats.get("seconds", {}),
        f"{prefix}_generator_workers": stats.get("workers"),
        f"{prefix}_cache_hits": stats.get("cache_hits"),
        f"{prefix}_cache_misses": stats.get("cache_misses"),
    }


def site_fields(root: Path, site: Path, made: sites.Made) -> dict[str, Any]:
    """Sizes of what was built."""
    search = search_index(site)
    n = len(made.slugs)
    html = site / "interviews"
    return {
        "html_pages": sum(1 for _ in site.rglob("index.html")) + (site / "404.html").exists(),
        **search,
        "notes_md_bytes": (root / "docs" / "notes.md").stat().st_size,
        "index_md_bytes": (root / "docs" / "interviews" / "index.md").stat().st_size,
        "notes_html_bytes": (site / "notes" / "index.html").stat().st_size,
        "interview_html_avg_bytes": round(
            sum((html / s / "index.html").stat().st_size for s in made.slugs) / n
        ),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
    }


def measure_site(made: sites.Made, baseline: bool, jobs: int | None = None) -> dict[str, Any]:
    """Every figure for one site: generator, mkdocs cold and warm, sizes, baseline."""
    root, n = made.root, len(made.slugs)
    log(f"N={n}: sourcegen build, cold then warm")
    result: dict[str, Any] = {"interviews": n, **generator_fields(root, made, jobs)}
    log(f"N={n}: mkdocs build (plugin as configured), no build cache, then with it")
    site = root / "site"
    shutil.rmtree(root / ".cache")  # as on a fresh clone
    cold, cold_stats = mkdocs_build(root, "mkdocs.yml", site, jobs)
    shutil.rmtree(site)
    warm, warm_stats = mkdocs_build(root, "mkdocs.yml", site, jobs)
    result |= mkdocs_fields("mkdocs", cold, cold_stats)
    result |= mkdocs_fields("mkdocs_warm", warm, warm_stats)
    result["generator_pct_of_mkdocs"] = round(100 * result["mkdocs_generator_s"] / cold.seconds, 1)
    result["generator_pct_of_mkdocs_warm"] = round(
        100 * result["mkdocs_warm_generator_s"] / warm.seconds, 1
    )
    result |= site_fields(root, site, made)
    result["pages_per_s"] = round(result["html_pages"] / cold.seconds, 1)
    result["per_interview_ms"] = round(1000 * cold.seconds / n, 2)
    result |= {"import_s": round(made.import_s, 2), "import_warnings": made.warnings}
    if baseline:
        log(f"N={n}: mkdocs build with every interview in the nav (baseline)")
        config = nav_all_config(root, made.slugs)
        nav, _ = mkdocs_build(root, config, root / "site-navall", jobs)
        result["nav_all_mkdocs_s"] = round(nav.seconds, 3)
        result["nav_all_mkdocs_peak_mb"] = nav.peak_mb
        # The nav-all build finds the build cache warm: compare it with the warm build.
        result["nav_all_vs_mkdocs_warm"] = round(nav.seconds / warm.seconds, 2)
    return result


def arguments(description: str) -> argparse.ArgumentParser:
    """The options every site-making benchmark takes (see benchmarks/README.md)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--n",
        type=int,
        action="append",
        help="interview count, the seed included (repeatable; default 10, 100, 1000)",
    )
    parser.add_argument("--seed", type=int, default=6, help="random seed for the synthesis")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=sites.DEFAULT_CORPUS,
        help="folder of extra scraped *.txt articles for the synthetic text "
        "(default: $SOURCEGEN_CORPUS, else none)",
    )
    parser.add_argument(
        "--site",
        type=Path,
        default=REPO,
        help="the site to start from: its mkdocs.yml, docs/, overrides/, notes, glossary "
        "and seed interview (default: this repository)",
    )
    parser.add_argument("--workdir", type=Path, default=None, help="where temporary sites go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary sites")
    return parser


def build_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of the builds: the nav-all baseline, a forced worker count."""
    parser.add_argument(
        "--baseline", action="store_true", help="also build with every interview in the nav"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="force the generator's worker processes (SOURCEGEN_JOBS; default: it chooses)",
    )
    return parser


def with_site(n: int, args: argparse.Namespace) -> tuple[sites.Made, Path]:
    """A new throwaway site of ``n`` interviews, and the folder to remove after."""
    root = Path(tempfile.mkdtemp(prefix=f"sourcegen-bench-{n}-", dir=args.workdir))
    log(f"N={n}: synthesising into {root}")
    made = sites.make_project(root, n, seed=args.seed, corpus=args.corpus, site=args.site.resolve())
    return made, root


def done_with(root: Path, keep: bool) -> None:
    if keep:
        log(f"kept {root}")
    else:
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_mkdocs-child"]:
        mkdocs_child(Path(argv[1]), Path(argv[2]), Path(argv[3]))
        return 0
    args = build_arguments(arguments(__doc__.split("\n\n")[0])).parse_args(argv)
    for n in args.n or [10, 100, 1000]:
        made, root = with_site(n, args)
        try:
            print(json.dumps(measure_site(made, args.baseline, args.jobs)), flush=True)
        finally:
            done_with(root, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
