"""Time the phrase scan (annotate.PhraseIndex) against the one-regex scan it replaced.

    python benchmarks/phrase_scan.py --notes 5000 --words 200000

Each note has one two-word phrase of random letters; the text is made of ordinary words with a
phrase every thousand words. The old scan (one alternation of every phrase,
tried at each position) is kept here as the reference: both must find the
same places. Prints seconds per scan for each, and the matches found.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable, Iterator

from sourcegen.annotate import PhraseIndex


def old_scan(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, str]]:
    """The scan before issue 14: one regex of all phrases, longest first."""
    pos = 0
    while m := pattern.search(text, pos):
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            pos = start + 1
            continue
        yield start, m.group()
        pos = max(m.end(), start + 1)


def best_of(
    runs: int, make: Callable[[], Iterator[tuple[int, str]]]
) -> tuple[float, list[tuple[int, str]]]:
    """The fastest of ``runs`` scans, in seconds, and what the last one found."""
    best, found = float("inf"), []
    for _ in range(runs):
        t = time.perf_counter()
        found = list(make())
        best = min(best, time.perf_counter() - t)
    return best, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-old", action="store_true", help="time only the new scan")
    args = parser.parse_args()
    rng = random.Random(14)
    letters = "abcdefghijklmnopqrstuvwxyz"

    def word() -> str:
        return "".join(rng.choice(letters) for _ in range(rng.randint(3, 9)))

    phrases = sorted({f"{word()} {word()}" for _ in range(args.notes)})
    vocabulary = ["the", "market", "cameras", "grows", "every", "year", "and", "we", "see", "it"]
    words = [rng.choice(vocabulary) for _ in range(args.words)]
    for i in range(0, args.words, 1000):
        words[i] = rng.choice(phrases)
    text = " ".join(words)

    t = time.perf_counter()
    index = PhraseIndex.of(phrases)
    built = time.perf_counter() - t
    new_time, new_found = best_of(args.runs, lambda: index.scan(text))
    print(f"notes={args.notes} words={args.words}")
    print(f"new: index {built:.3f} s, scan {new_time:.3f} s, {len(new_found)} matches")
    if not args.skip_old:
        alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        pattern = re.compile("(?:" + alternation + r")(?!\w)")
        old_time, old_found = best_of(1, lambda: old_scan(pattern, text))
        assert old_found == new_found, "the scans disagree"
        print(f"old: scan {old_time:.3f} s, {len(old_found)} matches ({old_time / new_time:.0f}x)")


if __name__ == "__main__":
    main()
