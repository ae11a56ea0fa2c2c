"""What a build returns (its stats) and the errors it raises: only `SourcegenError`.

The core converts a template error in one place (pages.rendering) and a write
error in one place (write.py); the plugin turns either into one MkDocs error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from sourcegen.errors import SourcegenError
from sourcegen.pipeline import Project, build, generate, generate_checked, write_outputs

SLUG = "hikvision-president-chats-with-ssi"
PACKAGE_TEMPLATES = Path(__file__).resolve().parents[1] / "sourcegen" / "templates"


def test_build_returns_what_it_did(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(site / "user-cache"))  # this test's cache key
    written, unchanged = first = build(Project(site), jobs=1)
    stats = first.stats
    assert (stats.interviews, stats.pages, stats.made, stats.cache_hits) == (1, 1, [SLUG], 0)
    assert stats.notes > 0 and stats.workers == 1
    assert (stats.written, stats.unchanged) == (len(written), len(unchanged)) == (4, 0)
    assert list(stats.seconds) == ["load", "interviews", "site", "write"]
    assert all(s >= 0 for s in stats.seconds.values()) and stats.total_seconds > 0
    again = build(Project(site), jobs=1).stats
    assert (again.made, again.cache_hits, again.written, again.unchanged) == ([], 1, 0, 4)


def test_check_mode_holds_every_interview_annotated(site: Path) -> None:
    checked = generate_checked(Project(site))
    assert [a.interview.slug for a in checked.annotated] == [SLUG]
    assert [iv.slug for iv in checked.interviews] == [SLUG]
    assert checked.outputs == generate(Project(site), drafts=True).outputs


def _broken_template(site: Path, tail: str) -> None:
    (site / "templates").mkdir(exist_ok=True)
    tpl = site / "templates" / "interview.md.j2"
    shutil.copy(PACKAGE_TEMPLATES / "interview.md.j2", tpl)
    tpl.write_text(tpl.read_text(encoding="utf-8") + tail, encoding="utf-8")


@pytest.mark.parametrize(
    ("tail", "found"),
    [("{{ no_such_name }}\n", "no_such_name"), ("{% if %}\n", "syntax error")],
)
def test_a_broken_template_is_a_sourcegen_error(site: Path, tail: str, found: str) -> None:
    _broken_template(site, tail)
    with pytest.raises(SourcegenError, match=found) as info:
        generate(Project(site))
    assert info.value.path is not None and info.value.path.name == "interview.md.j2"
    assert info.value.line  # the template's line


def test_a_file_that_cannot_be_written_is_a_sourcegen_error(tmp_path: Path) -> None:
    (tmp_path / "docs").write_text("a file where a folder must be", encoding="utf-8")
    target = tmp_path / "docs" / "notes.md"
    with pytest.raises(SourcegenError, match="cannot write") as info:
        write_outputs({target: "text\n"})
    assert info.value.path == target


def _plugin_config(site: Path) -> object:
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(site / "out"))
    config.extra["pagefind"] = False
    return config


def test_the_plugin_reports_either_as_one_mkdocs_error(site: Path) -> None:
    config = _plugin_config(site)
    plugins = config.plugins  # type: ignore[attr-defined]
    _broken_template(site, "{{ no_such_name }}\n")
    with pytest.raises(PluginError, match=r"^sourcegen: .*interview\.md\.j2:\d+: .*no_such_name"):
        plugins.on_files(Files([]), config=config)
    shutil.rmtree(site / "templates")
    shutil.rmtree(site / "includes", ignore_errors=True)
    (site / "includes").write_text("not a folder", encoding="utf-8")  # abbreviations go here
    with pytest.raises(PluginError, match=r"^sourcegen: .*abbreviations\.md: cannot write"):
        plugins.on_files(Files([]), config=config)


def test_the_plugin_keeps_the_last_stats(site: Path) -> None:
    config = _plugin_config(site)
    plugins = config.plugins  # type: ignore[attr-defined]
    # MkDocs keeps one plugin object per process (it has `on_startup`): it may hold an
    # earlier build's stats; each generation replaces them.
    before = plugins["sourcegen"].stats
    plugins.on_files(Files([]), config=config)
    stats = plugins["sourcegen"].stats
    assert stats is not None and stats is not before
    assert stats.interviews == stats.pages == 1
    assert stats.written + stats.unchanged == 1  # the abbreviations, the one file it writes
