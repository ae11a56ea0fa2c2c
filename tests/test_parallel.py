"""Worker processes (pool.py, `pages_in_workers`) never change what is built.

The oracle is a build in one process (``jobs=1``): with workers, the outputs,
the build cache and every error must be the same.
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from sourcegen import pipeline, pool
from sourcegen.cli import main
from sourcegen.errors import SourcegenError
from sourcegen.pipeline import Project, build, generate

SEED = "hikvision-president-chats-with-ssi"
COPIES = [f"copy-{i}" for i in range(1, 8)]


@pytest.fixture
def many(site: Path) -> Path:
    """The fixture site plus seven more interviews: the seed's text with other
    titles, each with one answer cut short, so that every page differs."""
    folder = site / "sources" / "interviews"
    for i, slug in enumerate(COPIES, 1):
        shutil.copytree(folder / SEED, folder / slug)
        md = folder / slug / "interview.md"
        text = md.read_text(encoding="utf-8")
        text = text.replace("title: Hikvision", f"title: Take {i}, Hikvision", 1)
        text = text.replace("The backdoor claims are hogwash.", f"Answer {i}.", 1)
        md.write_text(text, encoding="utf-8")
    return site


def outputs(root: Path, jobs: int) -> dict[Path, str]:
    return generate(Project(root), cache=False, jobs=jobs).outputs


def error(root: Path, jobs: int) -> str:
    with pytest.raises(SourcegenError) as info:
        generate(Project(root), cache=False, jobs=jobs)
    return str(info.value)


def test_workers_make_the_same_pages(many: Path) -> None:
    one = outputs(many, 1)
    assert len([p for p in one if p.parent.name == "interviews"]) == 9  # 8 pages + index
    assert outputs(many, 2) == one
    assert outputs(many, 3) == one


def test_workers_fill_the_same_build_cache(many: Path) -> None:
    bundle = generate(Project(many), cache=True, jobs=2)
    assert bundle.stats.workers == 2 and len(bundle.stats.made) == 8  # made in the workers
    bundle.save_cache()
    cache = many / ".cache" / "sourcegen" / "pages.json"
    with_workers = cache.read_bytes()
    cache.unlink()
    generate(Project(many), cache=True, jobs=1).save_cache()
    assert cache.read_bytes() == with_workers
    # And the next build takes every page from it.
    again = generate(Project(many), cache=True, jobs=2)
    assert again.stats.made == [] and again.stats.cache_hits == 8
    assert again.outputs == outputs(many, 1)


def test_an_error_in_a_worker_is_the_one_error_of_a_serial_build(many: Path) -> None:
    folder = many / "sources" / "interviews"
    for slug in ("copy-3", "copy-6"):
        md = folder / slug / "interview.md"
        md.write_text(
            md.read_text(encoding="utf-8").replace("\n## ", "\n#### ", 1), encoding="utf-8"
        )
    serial = error(many, 1)
    assert "copy-3/interview.md:" in serial and "level-4 heading" in serial
    assert error(many, 2) == serial
    assert error(many, 4) == serial


def test_a_failing_build_with_workers_writes_nothing(many: Path) -> None:
    md = many / "sources" / "interviews" / "copy-5" / "interview.md"
    md.write_text(md.read_text(encoding="utf-8").replace("\n## ", "\n##### ", 1), encoding="utf-8")
    with pytest.raises(SourcegenError, match=r"copy-5/interview\.md:.*level-5 heading"):
        build(Project(many), jobs=2)
    assert not (many / "docs" / "interviews").exists()
    assert not (many / ".cache").exists()


def test_a_broken_site_template_is_reported_alike(many: Path) -> None:
    (many / "templates").mkdir()
    shutil.copy(
        Path(pipeline.__file__).parent / "templates" / "interview.md.j2",
        many / "templates" / "interview.md.j2",
    )
    tpl = many / "templates" / "interview.md.j2"
    tpl.write_text(tpl.read_text(encoding="utf-8") + "{{ no_such_name }}\n", encoding="utf-8")
    runner = CliRunner()
    serial = runner.invoke(main, ["build", "--root", str(many), "--jobs", "1"])
    parallel = runner.invoke(main, ["build", "--root", str(many), "--jobs", "2"])
    assert serial.exit_code == parallel.exit_code == 1
    assert "interview.md.j2:" in serial.output and "no_such_name" in serial.output
    assert parallel.output == serial.output


def _die(items: list[pool.Item]) -> list[pipeline.Page]:
    """A worker killed mid-build (as by the kernel when memory runs out)."""
    os._exit(9)


def test_a_worker_that_dies_costs_speed_not_the_build(
    many: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    one = outputs(many, 1)
    monkeypatch.setattr(pool, "_pages_of", _die)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.sourcegen"):
        bundle = generate(Project(many), cache=False, jobs=2)
    assert bundle.outputs == one
    assert bundle.stats.workers == 1 and len(bundle.stats.made) == 8  # made here after all
    assert "a worker process stopped" in caplog.text


def test_errors_survive_the_trip_from_a_worker() -> None:
    err = SourcegenError(Path("a/interview.md"), 7, "expected x, found y")
    back = pickle.loads(pickle.dumps(err))
    assert (back.path, back.line, back.message, str(back)) == (
        err.path,
        7,
        "expected x, found y",
        "a/interview.md:7: expected x, found y",
    )


def test_cli_rejects_zero_jobs(many: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--root", str(many), "--jobs", "0"])
    assert result.exit_code == 2 and "--jobs" in result.output


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are used on Linux only")
def test_workers_only_for_many_interviews_and_only_with_no_other_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pool, "_cpus", lambda: 2)
    # `mkdocs build`: this thread alone (the browser tests leave a server
    # thread running in this test process, so that is pretended here).
    with monkeypatch.context() as alone:
        alone.setattr(pool.threading, "active_count", lambda: 1)
        assert pool._workers(pool.PARALLEL_MIN - 1) == 1
        assert pool._workers(pool.PARALLEL_MIN) == 2
        alone.setattr(pool, "_cpus", lambda: 1)
        assert pool._workers(10 * pool.PARALLEL_MIN) == 1
    # `mkdocs serve` runs other threads: forking then is unsafe, so no workers.
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert pool._workers(pool.PARALLEL_MIN) == 1
    finally:
        stop.set()
        thread.join()


def test_the_jobs_variable_forces_the_worker_count(
    many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`SOURCEGEN_JOBS` is how a benchmark forces workers on a build that does not say."""
    one = outputs(many, 1)
    monkeypatch.setenv(pool.JOBS_ENV, "2")
    assert pool.workers(8, None) == 2
    assert pool.workers(8, 1) == 1  # an explicit count wins
    assert pool.workers(1, None) == 1  # never more processes than pages
    bundle = generate(Project(many), cache=False, jobs=None)
    assert bundle.stats.workers == 2 and bundle.outputs == one
    monkeypatch.setenv(pool.JOBS_ENV, "none")
    with pytest.raises(SourcegenError, match="SOURCEGEN_JOBS: expected a whole number"):
        generate(Project(many), cache=False, jobs=None)
