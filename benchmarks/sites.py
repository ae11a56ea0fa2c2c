"""The benchmarks' throwaway site, and how they run a command in it.

`make_project` copies a site's hand-written parts (this repository's, or
``--site``) and adds N - 1 synthetic interviews (synth.py) to its seed one,
each through the real importer. `run` times a command in its own process and
reads its peak memory. build_bench.py, serve_bench.py and search_bench.py
all use these.
"""

from __future__ import annotations

import importlib.util
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SEED_SLUG = "hikvision-president-chats-with-ssi"
DEFAULT_CORPUS = (
    Path(os.environ["SOURCEGEN_CORPUS"]) if os.environ.get("SOURCEGEN_CORPUS") else None
)
"""Extra scraped articles (*.txt) for the synthetic text; none unless $SOURCEGEN_CORPUS is set."""

CHILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


def sibling(name: str) -> ModuleType:
    """Another script of this folder as a module, by path: the benchmarks are scripts,
    not a package, and a test or search_bench.py loads this file by path too."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    if spec is None or spec.loader is None:
        raise RuntimeError(f"benchmarks/{name}.py: cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


synth = sibling("synth")


def tool(name: str) -> str:
    """A console script installed beside this Python (the venv's), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    if not found:
        raise RuntimeError(f"`{name}` not found beside {sys.executable} or on PATH")
    return found


@dataclass(slots=True)
class Made:
    root: Path
    slugs: list[str]
    import_s: float
    warnings: int


def copy_site(root: Path, repo: Path = REPO) -> None:
    """The repository's hand-written parts: config, pages, theme overrides, notes, glossary."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(repo / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir(exist_ok=True)
    for item in (repo / "docs").iterdir():
        if item.name == "assets":
            shutil.copytree(item, root / "docs" / "assets", dirs_exist_ok=True)
        elif item.suffix == ".md" and item.name != "notes.md":  # notes.md is generated
            shutil.copy2(item, root / "docs" / item.name)
    shutil.copytree(repo / "overrides", root / "overrides", dirs_exist_ok=True)
    if (repo / "templates").is_dir():
        shutil.copytree(repo / "templates", root / "templates", dirs_exist_ok=True)
    (root / "sources" / "interviews").mkdir(parents=True, exist_ok=True)
    shutil.copytree(repo / "sources" / "notes", root / "sources" / "notes", dirs_exist_ok=True)
    shutil.copy2(repo / "sources" / "glossary.yml", root / "sources" / "glossary.yml")
    # The real seed interview stays: the claim, event and source notes list it.
    shutil.copytree(
        repo / "sources" / "interviews" / SEED_SLUG,
        root / "sources" / "interviews" / SEED_SLUG,
        dirs_exist_ok=True,
    )


def import_article(folder: Path, raw: str) -> int:
    """Write raw.txt and import it as `sourcegen import` does; the importer's warnings."""
    from sourcegen.clean import clean_file
    from sourcegen.parse import parse_text
    from sourcegen.serialise import dump

    folder.mkdir(parents=True)
    raw_path = folder / "raw.txt"
    raw_path.write_text(raw, encoding="utf-8")
    result = clean_file(raw_path, folder.name)
    if not result.interview.sections:
        raise AssertionError(f"{folder.name}: the importer found no questions in the text")
    text = dump(result.interview)
    parse_text(text, raw_path, folder.name)  # as `sourcegen import` does: must read back
    (folder / "interview.md").write_text(text, encoding="utf-8")
    return len(result.report)


def make_project(
    root: Path,
    n: int,
    *,
    seed: int = 6,
    corpus: Path | None = DEFAULT_CORPUS,
    site: Path = REPO,
) -> Made:
    """A site at ``root`` with ``n`` interviews: the seed and ``n - 1`` synthetic ones."""
    if n < 1:
        raise ValueError("n counts the seed interview: expected at least 1")
    copy_site(root, site)
    pool = synth.load_pool(site / "sources" / "interviews" / SEED_SLUG / "raw.txt", corpus)
    rng = random.Random(seed)
    slugs = [SEED_SLUG]
    warnings = 0
    started = time.perf_counter()
    for i in range(1, n):
        slug, raw = synth.synth_raw(i, pool, rng)
        warnings += import_article(root / "sources" / "interviews" / slug, raw)
        slugs.append(slug)
    return Made(root, slugs, time.perf_counter() - started, warnings)


@dataclass(slots=True)
class Run:
    seconds: float
    peak_mb: float | None
    returncode: int
    stdout: str
    stderr: str


TIME = shutil.which("time", path="/usr/bin:/bin")
"""GNU time, to read a command's peak RSS (see `run`)."""


def run(
    cmd: Sequence[str], cwd: Path, timeout: float = 1800, env: dict[str, str] | None = None
) -> Run:
    """Run ``cmd``: wall time and the peak RSS of that process alone.

    The peak comes from GNU time, which forks the command from its own small
    process. `os.wait4` on a child of this script would not do: the child
    starts as a (v)fork of this process, and Linux carries the parent's
    high-water RSS over the exec, so every child would seem at least as big
    as this script (hundreds of MB after synthesising 1000 interviews).
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile(suffix=".rss") as rss,
    ):
        argv = [TIME, "-f", "%M", "-o", rss.name, *cmd] if TIME else list(cmd)
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, env=env or CHILD_ENV)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        lines = Path(rss.name).read_text().split() if TIME else []
        result = Run(
            seconds,
            round(int(lines[-1]) / 1024, 1) if lines else None,  # GNU time reports KiB
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {result.returncode}:\n{result.stderr[-3000:]}")
    return result


def log(msg: str) -> None:
    """Progress, on stderr: stdout carries only the JSON lines."""
    print(f"[bench] {msg}", file=sys.stderr, flush=True)
