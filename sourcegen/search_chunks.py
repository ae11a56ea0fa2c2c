"""Pagefind's index chunks, re-cut so that a query never downloads another word's pages.

Pagefind (1.5.2 and 1.6.0) cuts its word index into chunks of about 100 KB by filling
each chunk in word order until it is full; a chunk that reaches a very
common word takes the whole of it. At 10,000 interviews the chunk that
"thermal" falls in was 89 % "they" (on 9,971 pages, 78,000 places): a search
for "thermal imaging" downloaded 213 KB of index for two words whose own
entries were 35 KB. Here each chunk is closed *before* a word that would
overfill it, so a common word sits in a chunk of its own and a rare word
never shares one with it. A chunk is also cut where its words' first
character changes (`by_initial`), so a query for a word at the end of one
letter does not download the next letter's first words. Only the cutting
changes: the words, their pages and places are the same bytes, in the same
order.

The chunks are Pagefind's private format (gzipped CBOR after a signature,
listed by first and last word in the language's `pf_meta` file, which the
entry file names), so this runs only on the version it was written against
and leaves any other version's index as Pagefind wrote it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cbor2

VERSIONS = ("1.5.2", "1.6.0")
"""The Pagefinds whose index layout this knows: the wheel's (pyproject) and npm's
(package-lock.json). 1.6.0 writes chunks and the chunk list as 1.5.2 does; its
page entries gained a field, which this does not read."""

SIGNATURE = b"pagefind_dcd"

META_CHUNKS = 2
"""Index of the chunk list in a pf_meta record: [version, pages, chunks, filters, sorts, meta_fields]."""


@dataclass(frozen=True, slots=True)
class Recut:
    """One language's chunks before and after, and its largest chunk's CBOR bytes."""

    language: str
    chunks_before: int
    chunks_after: int
    largest_before: int
    largest_after: int


OVERFULL = 1.25
"""A chunk more than this many times the median chunk's size is cut again; the others are
left as Pagefind wrote them (decoding every chunk would double the indexing time)."""


def unpack(path: Path) -> bytes:
    """A Pagefind file's CBOR bytes: gunzipped, its signature checked and dropped."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: expected Pagefind's signature, found {data[:12]!r}")
    return data[len(SIGNATURE) :]


def array(items: list[bytes]) -> bytes:
    """A CBOR array (major type 4) of already encoded items."""
    n = len(items)
    if n < 24:
        head = bytes([0x80 | n])
    elif n < 0x100:
        head = bytes([0x98, n])
    elif n < 0x10000:
        head = bytes([0x99]) + n.to_bytes(2, "big")
    else:
        head = bytes([0x9A]) + n.to_bytes(4, "big")
    return head + b"".join(items)


def write(folder: Path, prefix: str, suffix: str, cbor: bytes) -> str:
    """Write CBOR as Pagefind does (signature, then gzip) under a name from its
    content; the name's hash part (what pf_meta and the entry file refer to)."""
    data = SIGNATURE + cbor
    name = f"{prefix}_{hashlib.sha256(data).hexdigest()[:7]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(data, 6, mtime=0))
    return name


def cut(words: list[bytes], target: int) -> list[list[bytes]]:
    """Encoded words (in index order) into chunks of at most `target` bytes, a
    word bigger than that alone in its own; the order is kept."""
    chunks: list[list[bytes]] = []
    size = 0
    for word in words:
        if chunks and size + len(word) <= target:
            chunks[-1].append(word)
            size += len(word)
        else:
            chunks.append([word])
            size = len(word)
    return chunks


def by_initial(words: list[str]) -> list[range]:
    """The runs of `words` (in index order) that start with the same character.

    Pagefind loads every chunk whose [from, to] overlaps the query's prefix; a
    chunk that runs on into the next initial makes a query for a word at the
    end of one letter download the first words of the next (at 10,000
    interviews, "cybersecurity" fetched "data" and "dana", 16 KB).
    """
    runs: list[range] = []
    start = 0
    for i in range(1, len(words) + 1):
        if i == len(words) or words[i][:1] != words[start][:1]:
            runs.append(range(start, i))
            start = i
    return runs


def spans_initials(first: str, last: str) -> bool:
    """Whether a listed chunk's words start with more than one character."""
    return first[:1] != last[:1]


def boundary(after: str, word: str) -> str:
    """The shortest prefix of `word` that sorts after `after`: a chunk's lower bound.

    Pagefind picks the chunk whose [from, to] holds a query's word (and its
    stem); a word that falls between two chunks' bounds makes it load every
    chunk the word could extend into. With `from` as short as it can be, the
    chunks' ranges leave no gap before any word that starts like the chunk's
    first (Pagefind bounds its own chunks the same way: "cybersecuri" for a
    chunk whose first word is "cybersecurityabsolut").
    """
    for n in range(1, len(word) + 1):
        if word[:n] > after:
            return word[:n]
    return word


def recut_chunk(
    index: Path, name: str, cbor: bytes, target: int, lower: str
) -> list[list[str]] | None:
    """A chunk as chunks of at most `target` bytes, each of one initial: their
    pf_meta entries, the first's lower bound `lower` (the chunk's own), each
    upper bound its last word (Pagefind's own upper bound may be a prefix that
    sorts before it); None if it is one piece already."""
    words = cbor2.loads(cbor)[0]
    encoded = [cbor2.dumps(word) for word in words]
    runs = by_initial([word[0] for word in words])
    pieces = [piece for run in runs for piece in cut(encoded[run.start : run.stop], target)]
    if len(pieces) == 1:
        return None
    listing = []
    at = 0
    for piece in pieces:
        first, last = words[at][0], words[at + len(piece) - 1][0]
        bound = lower if at == 0 else boundary(words[at - 1][0], first)
        cbor_piece = array([array(piece)])
        listing.append([bound, last, write(index, name.split("_")[0], ".pf_index", cbor_piece)])
        at += len(piece)
    return listing


def recut_language(
    bundle: Path,
    language: str,
    entry: dict[str, Any],
    stale: set[Path],
    fresh: set[Path],
    target: int | None = None,
) -> Recut:
    """Re-cut one language's overfull chunks: write the new chunks and pf_meta,
    point `entry` at them, add the files they replace to `stale` and the ones
    they are now to `fresh`."""
    info = entry["languages"][language]
    meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
    meta = cbor2.loads(unpack(meta_path))
    old = meta[META_CHUNKS]
    index = bundle / "index"
    raw = {name: unpack(index / f"{name}.pf_index") for _, _, name in old}
    largest = max((len(cbor) for cbor in raw.values()), default=0)
    # As big as Pagefind's own median chunk: about as many chunks (the list
    # every query downloads in pf_meta stays as long), none overfull.
    if target is None:
        target = int(statistics.median(len(cbor) for cbor in raw.values())) if raw else 0
    listing = []
    for first, last, name in old:
        pieces = None
        if len(raw[name]) > target * OVERFULL or spans_initials(first, last):
            pieces = recut_chunk(index, name, raw[name], target, first)
        if pieces is None:
            listing.append([first, last, name])
        else:
            stale.add(index / f"{name}.pf_index")
            listing.extend(pieces)
    fresh.update(index / f"{name}.pf_index" for _, _, name in listing)
    after = max((len(unpack(index / f"{name}.pf_index")) for _, _, name in listing), default=0)
    done = Recut(language, len(old), len(listing), largest, after)
    if len(listing) == len(old):
        return done
    meta[META_CHUNKS] = listing
    prefix = f"pagefind.{info['hash'].split('_')[0]}"
    info["hash"] = write(bundle, prefix, ".pf_meta", cbor2.dumps(meta)).removeprefix("pagefind.")
    stale.add(meta_path)
    fresh.add(bundle / f"pagefind.{info['hash']}.pf_meta")
    return done


def recut(bundle: Path, target: int | None = None) -> list[Recut]:
    """Re-cut every language's chunks in a fresh Pagefind bundle (none if its
    version is not one of `VERSIONS`); the entry file is rewritten last, so a failure
    before it leaves the bundle pointing at Pagefind's own, complete files.
    `target`: CBOR bytes per chunk (default: the median of Pagefind's own)."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    if entry.get("version") not in VERSIONS:
        return []
    stale: set[Path] = set()
    fresh: set[Path] = set()
    done = [
        recut_language(bundle, lang, entry, stale, fresh, target)
        for lang in sorted(entry["languages"])
    ]
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
    for path in stale - fresh:
        path.unlink()
    return done
