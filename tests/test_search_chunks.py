"""Pagefind's index chunks re-cut (sourcegen/search_chunks.py, issue 17): a
common word in a chunk of its own, every word kept, the bundle consistent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import cbor2
import pytest

from sourcegen import search, search_chunks

COMMON = "quokka"
"""On every page, many times: the one word whose chunk is far bigger than the others'."""


def write_pages(site: Path, n: int = 40) -> None:
    """n pages, each with COMMON forty times and a handful of words of its own."""
    site.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        own = " ".join(f"{stem}{i:03d}x" for stem in ("amber", "basalt", "quill", "quorum", "zinc"))
        body = f"<p>{own}. " + " ".join([COMMON] * 40) + "</p>"
        folder = site if i == 0 else site / f"p{i}"
        folder.mkdir(exist_ok=True)
        (folder / "index.html").write_text(
            f'<!doctype html><html lang="en"><body><article class="md-content__inner">'
            f'<h1 id="t{i}">Page {i}</h1>{body}</article></body></html>',
            encoding="utf-8",
        )


def chunks(bundle: Path) -> tuple[dict[str, Any], list[Any], list[list[Any]]]:
    """The entry, the pf_meta chunk list, and each listed chunk's words, decoded."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = cbor2.loads(
        search_chunks.unpack(bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    )
    listing = meta[search_chunks.META_CHUNKS]
    words = [
        cbor2.loads(search_chunks.unpack(bundle / "index" / f"{name}.pf_index"))[0]
        for _, _, name in listing
    ]
    return entry, listing, words


def test_cut_closes_a_chunk_before_a_word_that_would_overfill_it() -> None:
    words = [b"a" * 30, b"b" * 30, b"C" * 500, b"d" * 30, b"e" * 30]
    assert search_chunks.cut(words, 100) == [words[:2], [words[2]], words[3:]]
    assert search_chunks.cut([], 100) == []


def test_a_chunks_lower_bound_is_the_shortest_prefix_after_the_chunk_before() -> None:
    assert search_chunks.boundary("cybersecur", "cybersecurityabsolut") == "cybersecuri"
    assert search_chunks.boundary("cyber", "dat") == "d"
    assert search_chunks.boundary("data", "data’") == "data’"  # no shorter prefix sorts after


def test_words_are_grouped_into_runs_of_one_initial() -> None:
    words = ["amber", "apple", "basalt", "cyber", "cybersecur", "data", "dana"]
    assert search_chunks.by_initial(words) == [range(0, 2), range(2, 3), range(3, 5), range(5, 7)]
    assert search_chunks.by_initial([]) == []
    assert search_chunks.spans_initials("cybersecuri", "data")
    assert not search_chunks.spans_initials("d", "dana")


def test_no_chunk_runs_from_one_initial_into_the_next(tmp_path: Path) -> None:
    """A query for a word at the end of one letter never downloads the next
    letter's words: each chunk's words share their first character."""
    write_pages(tmp_path)
    search.index_site(tmp_path)
    _, listing, words = chunks(tmp_path / search.BUNDLE)
    initials = [{w[0][:1] for w in chunk} for chunk in words]
    assert all(len(i) == 1 for i in initials), initials
    assert {"a", "b", "p", "q", "z"} <= set().union(*initials)  # amber… page… quokka… zinc…
    assert [c[-1][0] for c in words] == [t for _, t, _ in listing]


def test_recut_keeps_every_word_and_leaves_the_bundle_consistent(tmp_path: Path) -> None:
    write_pages(tmp_path)
    bundle = tmp_path / search.BUNDLE
    search.index_site(tmp_path)  # which re-cuts with Pagefind's median as the target
    _, _, before = chunks(bundle)
    old_files = {p.name for p in (bundle / "index").iterdir()}

    [done] = search_chunks.recut(bundle, target=400)  # small: every chunk but one-word ones
    entry, listing, after = chunks(bundle)
    assert done.chunks_after == len(listing) > done.chunks_before == len(before)
    # The same words, with the same pages and places, in the same order.
    assert [w for c in after for w in c] == [w for c in before for w in c]
    # Each chunk is listed by a prefix of its first word (the shortest after the
    # chunk before's bound, so that no word starting like it falls between two
    # chunks) and by its last word, in index order.
    assert [c[-1][0] for c in after] == [t for _, t, _ in listing]
    assert all(c[0][0].startswith(f) for c, (f, _, _) in zip(after, listing, strict=True))
    assert all(f > t for (f, _, _), (_, t, _) in zip(listing[1:], listing, strict=False))
    # The common word sits alone; no chunk over the target holds more than one word.
    [alone] = [c for c in after if any(w[0] == COMMON for w in c)]
    assert len(alone) == 1
    assert all(len(c) == 1 for c in after if len(cbor2.dumps([c])) > 400)
    # Nothing listed is missing, nothing unlisted is left, the old page list is gone.
    names = {p.name for p in (bundle / "index").iterdir()}
    assert names == {f"{name}.pf_index" for _, _, name in listing}
    assert names != old_files
    metas = [p.name for p in bundle.glob("pagefind.*.pf_meta")]
    assert metas == [f"pagefind.{entry['languages']['en']['hash']}.pf_meta"]


def test_another_pagefind_version_is_left_as_it_wrote_it(tmp_path: Path) -> None:
    write_pages(tmp_path, 5)
    bundle = search.index_site(tmp_path).bundle
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    entry["version"] = "9.9.9"
    entry_path.write_text(json.dumps(entry), encoding="utf-8")
    files = sorted(p.name for p in bundle.rglob("*"))
    assert search_chunks.recut(bundle, target=1) == []
    assert sorted(p.name for p in bundle.rglob("*")) == files


def test_a_file_without_pagefinds_signature_is_an_error(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "x.pf_index"
    path.write_bytes(gzip.compress(b"not pagefind"))
    with pytest.raises(ValueError, match="expected Pagefind's signature"):
        search_chunks.unpack(path)


def test_an_index_it_cannot_read_is_a_one_line_error_and_search_still_works(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """Re-cutting fails before the entry file is rewritten: the error names the
    bundle, and the bundle still points at Pagefind's own, complete files."""
    from click.testing import CliRunner

    from sourcegen.cli import main

    write_pages(tmp_path, 5)

    def unreadable(path: Path) -> bytes:
        raise ValueError(f"{path}: expected Pagefind's signature, found b'garbage'")

    monkeypatch.setattr(search_chunks, "unpack", unreadable)
    result = CliRunner().invoke(main, ["search", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "expected the index of Pagefind 1.5.2 or 1.6.0 to re-cut its chunks" in lines[0]
    assert str(tmp_path / search.BUNDLE) in lines[0]
    monkeypatch.undo()
    _, listing, words = chunks(tmp_path / search.BUNDLE)  # Pagefind's own, as it wrote them
    assert len(words) == len(listing) > 0
