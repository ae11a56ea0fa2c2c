"""The import policy on its own, without click: what may be replaced, and how not."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcegen.errors import SourcegenError
from sourcegen.importing import BESIDE, store_import

RAW = b"An Article\n\nWhat now?\n\nThis.\n"
TEXT = "---\ntitle: An Article\n---\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "sources" / "interviews" / "an-article"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    path = tmp_path / "scraped.txt"
    path.write_bytes(RAW)
    return path


def test_a_new_import_writes_interview_md_and_the_raw_bytes(folder: Path, raw: Path) -> None:
    stored = store_import(folder, raw, RAW, TEXT)
    assert (stored.target, stored.outcome) == (folder / "interview.md", "written")
    assert stored.target.read_text(encoding="utf-8") == TEXT
    assert (folder / "raw.txt").read_bytes() == RAW


def test_the_same_import_again_is_unchanged(folder: Path, raw: Path) -> None:
    store_import(folder, raw, RAW, TEXT)
    assert store_import(folder, raw, RAW, TEXT).outcome == "unchanged"
    assert not (folder / BESIDE).exists()


def test_a_different_import_is_written_beside_an_edited_interview(folder: Path, raw: Path) -> None:
    store_import(folder, raw, RAW, TEXT)
    edited = TEXT + "\nAn editor's work.\n"
    (folder / "interview.md").write_text(edited, encoding="utf-8")
    with pytest.raises(SourcegenError) as caught:
        store_import(folder, raw, RAW, TEXT, rel=lambda p: p.name)
    assert caught.value.path == folder / "interview.md"
    assert f"wrote the new import to {BESIDE}" in caught.value.message
    assert "--force" in caught.value.message
    assert (folder / "interview.md").read_text(encoding="utf-8") == edited
    assert (folder / BESIDE).read_text(encoding="utf-8") == TEXT


def test_force_replaces_the_edited_interview(folder: Path, raw: Path) -> None:
    store_import(folder, raw, RAW, TEXT)
    (folder / "interview.md").write_text("edited", encoding="utf-8")
    assert store_import(folder, raw, RAW, TEXT, force=True).outcome == "written"
    assert (folder / "interview.md").read_text(encoding="utf-8") == TEXT


def test_another_articles_raw_is_refused_and_nothing_written(folder: Path, raw: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "raw.txt").write_bytes(b"Another article\n")
    with pytest.raises(SourcegenError, match=r"a different raw\.txt is already here"):
        store_import(folder, raw, RAW, TEXT)
    assert sorted(p.name for p in folder.iterdir()) == ["raw.txt"]
    assert store_import(folder, raw, RAW, TEXT, force=True).outcome == "written"
    assert (folder / "raw.txt").read_bytes() == RAW


def test_importing_the_folders_own_raw_txt_again_is_allowed(folder: Path, raw: Path) -> None:
    store_import(folder, raw, RAW, TEXT)
    own = folder / "raw.txt"
    assert store_import(folder, own, RAW + b"x", TEXT).outcome == "unchanged"
    assert own.read_bytes() == RAW
