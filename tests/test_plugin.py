"""The MkDocs plugin on its own: pages handed over in memory, dirty rebuilds."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import Files

SLUG = "hikvision-president-chats-with-ssi"
PAGE = f"interviews/{SLUG}.md"


def test_pages_in_memory_and_unchanged_ones_skipped_by_dirty_builds(site: Path) -> None:
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(site / "out"))
    config.extra["pagefind"] = False  # no site is built here for Pagefind to index
    assert "sourcegen" in config.plugins

    files = config.plugins.on_files(Files([]), config=config)
    page = files.get_file_from_path(PAGE)
    assert page is not None and page.is_modified()
    assert not (site / "docs" / PAGE).exists()  # nothing written into docs/
    dest = Path(page.abs_dest_path)
    dest.parent.mkdir(parents=True)
    dest.write_text("built", encoding="utf-8")
    config.plugins["sourcegen"].on_post_build(config=config)  # the build succeeded

    again = config.plugins.on_files(Files([]), config=config).get_file_from_path(PAGE)
    assert again is not None and not again.is_modified()  # `mkdocs serve --dirty` skips it

    md = site / "sources" / "interviews" / SLUG / "interview.md"
    md.write_text(
        md.read_text(encoding="utf-8").replace("hogwash", "nonsense", 1), encoding="utf-8"
    )
    edited = config.plugins.on_files(Files([]), config=config).get_file_from_path(PAGE)
    assert edited is not None and edited.is_modified()
