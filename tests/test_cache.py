"""The build cache (.cache/sourcegen/) never changes what is built, only how fast.

The oracle throughout is a build without the cache: whatever is in the
cache, a cached build's outputs must equal it byte for byte, and a change to
anything a page is made from must be seen.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import run_mkdocs

from sourcegen.pipeline import Project, build, generate

SEED = "hikvision-president-chats-with-ssi"
COPY = "second-interview"


@pytest.fixture
def two(site: Path) -> Path:
    """The fixture site plus a second interview (the seed's text under another name)."""
    shutil.copytree(site / "sources" / "interviews" / SEED, site / "sources" / "interviews" / COPY)
    md = site / "sources" / "interviews" / COPY / "interview.md"
    md.write_text(
        md.read_text(encoding="utf-8").replace(
            "title: Hikvision", "title: Second look, Hikvision", 1
        ),
        encoding="utf-8",
    )
    return site


def fresh(root: Path) -> dict[Path, str]:
    """What a build with no cache at all makes."""
    return generate(Project(root), cache=False).outputs


def cached(root: Path) -> tuple[dict[Path, str], set[str]]:
    """A cached build's outputs and the interviews it had to parse; the cache is saved."""
    bundle = generate(Project(root), cache=True)
    bundle.save_cache()
    return bundle.outputs, set(bundle.stats.made)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_second_build_parses_nothing_and_makes_the_same_pages(two: Path) -> None:
    first, parsed = cached(two)
    assert parsed == {SEED, COPY}
    assert (two / ".cache" / "sourcegen" / "pages.json").is_file()
    assert not (two / ".cache" / "sourcegen" / "jinja").exists(), "compiled templates kept"
    again, parsed = cached(two)
    assert parsed == set()
    assert again == first == fresh(two)


def test_an_edited_interview_is_rebuilt_alone(two: Path) -> None:
    cached(two)
    edit(
        two / "sources" / "interviews" / COPY / "interview.md",
        "The backdoor claims are hogwash.",
        "The backdoor claims are nonsense.",
    )
    outputs, parsed = cached(two)
    assert parsed == {COPY}
    assert outputs == fresh(two)
    page = outputs[two / "docs" / "interviews" / f"{COPY}.md"]
    assert "claims are nonsense." in page


@pytest.mark.parametrize(
    ("rel", "old", "new", "shows"),
    [
        # A note's text is in every page that cites it.
        ("sources/notes/tvi.md", "coax", "coaxial-cable", "coaxial-cable"),
        # A site template overrides the package's.
        ("templates/footnote.md.j2", None, "[^{{ note.id }}]: NOTE {{ note.id }}\n", "NOTE tvi"),
    ],
    ids=["note edited", "site template added"],
)
def test_a_change_every_page_depends_on_rebuilds_every_page(
    two: Path, rel: str, old: str | None, new: str, shows: str
) -> None:
    cached(two)
    path = two / rel
    if old is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new, encoding="utf-8")
    else:
        edit(path, old, new)
    outputs, parsed = cached(two)
    assert parsed == {SEED, COPY}
    assert outputs == fresh(two)
    assert shows in outputs[two / "docs" / "interviews" / f"{SEED}.md"]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff not json",
        b'{"format": 1, "fingerprint": "x", "entries": {}',  # cut off
        b"[]",
        b'{"format": 999, "fingerprint": "x", "entries": {}}',
    ],
    ids=["empty", "binary", "truncated", "a list", "other format"],
)
def test_a_broken_cache_file_is_a_cold_build(two: Path, content: bytes) -> None:
    cache = two / ".cache" / "sourcegen" / "pages.json"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(content)
    outputs, parsed = cached(two)
    assert parsed == {SEED, COPY}
    assert outputs == fresh(two)
    assert set(json.loads(cache.read_bytes())["entries"]) == {SEED, COPY}


def test_an_entry_from_other_inputs_is_not_used(two: Path) -> None:
    """Same interview bytes, but the cache was made with other notes: not trusted."""
    cached(two)
    cache = two / ".cache" / "sourcegen" / "pages.json"
    data = json.loads(cache.read_bytes())
    for entry in data["entries"].values():
        entry["text"] = "STALE"
    data["fingerprint"] = "0" * 64
    cache.write_text(json.dumps(data), encoding="utf-8")
    outputs, parsed = cached(two)
    assert parsed == {SEED, COPY}
    assert "STALE" not in outputs.values()


def test_a_removed_interview_leaves_the_cache(two: Path) -> None:
    cached(two)
    shutil.rmtree(two / "sources" / "interviews" / COPY)
    outputs, _ = cached(two)
    data = json.loads((two / ".cache" / "sourcegen" / "pages.json").read_bytes())
    assert set(data["entries"]) == {SEED}
    assert outputs == fresh(two)


def test_an_unwritable_cache_costs_speed_not_the_build(two: Path) -> None:
    (two / ".cache").write_text("a file where the cache folder would be", encoding="utf-8")
    written, _ = build(Project(two))
    assert len(written) == 5  # two pages, notes, index, abbreviations
    written, unchanged = build(Project(two))
    assert written == [] and len(unchanged) == 5


def test_no_cache_option_writes_none(two: Path) -> None:
    build(Project(two), cache=False)
    assert not (two / ".cache").exists()


def test_mkdocs_builds_the_same_site_from_a_warm_cache(two: Path, tmp_path: Path) -> None:
    def mkdocs(dest: str) -> dict[str, bytes]:
        proc = run_mkdocs(two, dest)
        assert proc.returncode == 0, proc.stderr
        out = two / dest
        return {
            p.relative_to(out).as_posix(): p.read_bytes()
            for p in out.rglob("*.html")  # the sitemap's dates may differ between runs
        }

    cold = mkdocs("cold")
    cache = two / ".cache" / "sourcegen" / "pages.json"
    assert set(json.loads(cache.read_bytes())["entries"]) == {SEED, COPY}
    stamp = cache.stat().st_mtime_ns
    warm = mkdocs("warm")
    assert cache.stat().st_mtime_ns == stamp, "nothing changed, yet the cache was rewritten"
    assert warm == cold
    assert f"interviews/{COPY}/index.html" in warm


def test_an_edited_site_template_rebuilds_every_page(two: Path) -> None:
    template = two / "templates" / "footnote.md.j2"
    template.parent.mkdir()
    template.write_text("[^{{ note.id }}]: FIRST {{ note.id }}\n", encoding="utf-8")
    cached(two)
    template.write_text("[^{{ note.id }}]: SECOND {{ note.id }}\n", encoding="utf-8")
    outputs, parsed = cached(two)
    assert parsed == {SEED, COPY}
    assert outputs == fresh(two)
    assert "SECOND tvi" in outputs[two / "docs" / "interviews" / f"{COPY}.md"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: e.pop("row"),
        lambda e: e["row"].pop("title"),
        lambda e: e.update(text=None),
        lambda e: e.update(usage=[["tvi", "title", "link"]]),
        lambda e: e.update(usage="tvi"),
        lambda e: e["usage"].append(["no-such-note", "title", "link", "where"]),
    ],
    ids=[
        "no row",
        "row without title",
        "text not a string",
        "short usage",
        "usage a string",
        "unknown note",
    ],
)
def test_a_damaged_entry_is_rebuilt_not_trusted(two: Path, damage: Any) -> None:
    """An entry with the right key but the wrong shape (a hand edit, a bug) is a miss."""
    cached(two)
    cache = two / ".cache" / "sourcegen" / "pages.json"
    data = json.loads(cache.read_bytes())
    damage(data["entries"][COPY])
    cache.write_text(json.dumps(data), encoding="utf-8")
    outputs, parsed = cached(two)
    assert parsed == {COPY}
    assert outputs == fresh(two)
