"""Import time per KB: ordinary articles and pathological inputs at three sizes.

Usage: python benchmarks/import_bench.py [--corpus DIR] [--scale 1]

Ordinary articles are the seed interview (and, when --corpus or
SOURCEGEN_CORPUS names a folder of raw articles, each of them). The
pathological inputs are built here: one line with no spaces, many Q:/A: pairs,
many quoted paragraphs, one hard-wrapped paragraph, many bare questions. Each
is run at three sizes; linear growth shows as a flat time per KB.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sourcegen.clean import clean_text  # noqa: E402

SEED = ROOT / "sources/interviews/hikvision-president-chats-with-ssi/raw.txt"


def long_line(n: int) -> str:
    return "Title\n\n" + "x" * n + "\n"


def qa_pairs(n: int) -> str:
    return "Title\n\n" + "".join(
        f"Q: What about item {i}?\n\nA: It is fine, item {i} works.\n\n" for i in range(n)
    )


def quoted(n: int) -> str:
    return "Title\n\n" + "".join(f"“Quote number {i} is repeated here.”\n\n" for i in range(n))


def wrapped(n: int) -> str:
    return "Title\n\n" + "".join("the words of a narrow column go on\n" for _ in range(n))


def bare(n: int) -> str:
    return "An Interview\n\n" + "".join(
        f"What do you think of plan {i}?\n\nI like plan {i} a lot, it is good.\n\n"
        for i in range(n)
    )


PATHOLOGICAL: list[tuple[str, Callable[[int], str], int]] = [
    # (name, builder, base size); run at base, 2×base, 4×base
    ("one 40,000-char line without spaces", long_line, 10_000),
    ("Q:/A: pairs", qa_pairs, 2_000),
    ("quoted paragraphs", quoted, 4_000),
    ("one hard-wrapped paragraph (lines)", wrapped, 4_000),
    ("bare question/answer pairs", bare, 2_000),
]


def timed(text: str) -> float:
    start = time.perf_counter()
    clean_text(text, Path("raw.txt"))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=os.environ.get("SOURCEGEN_CORPUS"))
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the base sizes")
    args = parser.parse_args()
    print("ordinary articles")
    texts = [("seed interview", SEED.read_text(encoding="utf-8"))]
    if args.corpus and Path(args.corpus).is_dir():
        texts += [
            (p.name, p.read_text(encoding="utf-8")) for p in sorted(Path(args.corpus).glob("*.txt"))
        ]
    for name, text in texts:
        kb = len(text.encode()) / 1024
        t = min(timed(text) for _ in range(3))
        print(f"  {name[:50]:50s} {kb:8.1f} KB {t * 1000:8.2f} ms {t * 1000 / kb:7.3f} ms/KB")
    print("pathological inputs (three sizes each; flat ms/KB = linear)")
    for name, build, base in PATHOLOGICAL:
        for factor in (1, 2, 4):
            n = int(base * factor * args.scale)
            text = build(n)
            kb = len(text.encode()) / 1024
            t = timed(text)
            print(
                f"  {name:40s} n={n:<7d} {kb:8.1f} KB {t * 1000:9.1f} ms {t * 1000 / kb:7.3f} ms/KB"
            )


if __name__ == "__main__":
    main()
