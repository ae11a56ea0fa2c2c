"""How sourcegen and MkDocs scale with the number of interviews (issue 6).

For each N this script synthesises a throwaway site with N distinct
interviews (the real seed interview plus N - 1 synthetic ones made from the
seed's sentences, and the corpus's with ``--corpus``), imports each through
the real importer,
then times, each in its own process:

* ``sourcegen build`` (cold: no build cache, writes every page), then again
  with nothing changed (must write 0 files);
* ``mkdocs build`` with the sourcegen plugin as configured (the plugin reruns
  the generator in ``on_files``; the time spent there is measured inside the
  same process), first with no build cache (.cache/, as on a fresh clone),
  then again with the cache that build left;
* with ``--baseline``, ``mkdocs build`` of the same pages all listed in the
  navigation (the configuration ``not_in_nav`` avoids);
* with ``--serve``, ``mkdocs serve`` reload latency after editing a note and
  an interview.

One JSON line per N goes to stdout; progress goes to stderr. Fields are
described in benchmarks/README.md.

    python benchmarks/scale.py --n 10            # smoke run, from the repository root
    python benchmarks/scale.py --baseline --serve # 10, 100, 1000
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SEED_SLUG = "hikvision-president-chats-with-ssi"
DEFAULT_CORPUS = (
    Path(os.environ["SOURCEGEN_CORPUS"]) if os.environ.get("SOURCEGEN_CORPUS") else None
)
"""Extra scraped articles (*.txt) for the synthetic text; none unless $SOURCEGEN_CORPUS is set."""


def tool(name: str) -> str:
    """A console script installed beside this Python (the venv's), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    if not found:
        raise RuntimeError(f"`{name}` not found beside {sys.executable} or on PATH")
    return found


PHONE_BUDGET_GZIP = 2_000_000
"""About the most search index a phone should download (gzipped bytes)."""

CHILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}

# --------------------------------------------------------------------------
# Synthetic interviews
# --------------------------------------------------------------------------


def _words(text: str, sep: str | None = None) -> list[str]:
    return [" ".join(w.split()) for w in text.split(sep)]


FIRST = _words(
    """Alice Bruno Carla Dmitri Elena Farid Grace Hiro Ingrid Jonas Keiko Liam Maya Nadia Oscar
Priya Quentin Rosa Samir Tomas Uma Victor Wen Xavier Yara Zoltan Amara Bjorn Chidi Dana
Emeka Fatima Gustavo Hana Ivan Julia Kofi Lena Mateo Noor Olga Pavel Rania Sven Tariq
Ursula Vera Wilhelm Yusuf Zara"""
)
LAST = _words(
    """Abbott Becker Castillo Dubois Eriksen Fischer Gallagher Haddad Ibrahim Jansen Kowalski
Lindqvist Moreau Nakamura Okafor Petrov Quinn Rossi Schneider Tanaka Ueda Varga
Whitfield Xu Yilmaz Zielinski Andersen Brennan Chowdhury Delgado Esposito Fontaine
Gruber Horvath Iversen Jovanovic Kaur Lambert Mendes Novak Ortega Pereira Reyes Sato
Takahashi Valdez Weber Young Zhang"""
)
COMPANY_A = _words(
    """Axion Brightline Cordel Northgate Veritas Halcyon Ironbark Lumen Meridian Nexora
Oakridge Pinnacle Quorum Redwood Sentinel Tessera Umbra Vantage Westport Zenith Arclight
Bastion Cobalt Driftwood Ember Falcon Granite Harbor"""
)
COMPANY_B = _words("""Systems Security Video Technologies Vision Networks Labs Integration""")
ROLES = _words(
    """President; Chief Executive; Chief Technology Officer; Vice President of Sales;
Director of Product Management; Head of Cybersecurity; General Manager; Chief Operating Officer""",
    ";",
)
PUBLICATIONS = [
    ("Security Sales & Integration", "SSI"),
    ("Security Systems News", "SSN"),
    ("Security Products", None),
    ("SecurityInfoWatch", None),
    ("Security Electronics & Networks", "SEN"),
    ("Security Dealer & Monitoring", None),
]
TOPICS = _words(
    """cybersecurity; cloud video; video analytics; access control; privacy regulation;
the integrator channel; pricing pressure; supply chains; AI at the edge; remote monitoring;
thermal imaging; perimeter protection; video management software; mobile credentials;
the SMB market; installer training; recurring revenue; open platforms; body-worn cameras;
data retention; firmware updates; smart cities; retail loss prevention; school safety""",
    ";",
)
QUESTION_TEMPLATES = [
    "How do you see {topic} changing over the next few years?",
    "What are your customers asking you about {topic}?",
    "Where does {company} stand on {topic}, and what are you doing about it?",
    "What do you tell integrators who worry about {topic}?",
    "How are you investing in {topic} this year?",
    "What mistakes do you see end users make with {topic}?",
    "How has {topic} affected your business since you joined {company}?",
    "Can you talk about the role {topic} plays in your roadmap?",
    "What would you change about how the industry handles {topic}?",
    "Which of your products do you expect to lead in {topic}?",
]
TITLE_TEMPLATES = [
    "{name} of {company} on {topic1} and {topic2}",
    "{company} {role} Chats With {pub} About {topic1_t}, {topic2_t}",
    "Q&A With {name}, {role} at {company}",
    "{company}’s {name} Talks {topic1_t} and the Road Ahead",
    "Inside {company}: {name} on {topic1_t}",
]
NOTE_SENTENCES = {
    # A phrase each term note in sources/notes matches; kept in about half the interviews.
    "tvi": "On the analog side, products built on TVI still let {company} customers reuse the coaxial cable already in older buildings.",
    "deep-learning": "Our newest cameras use deep learning to cut the false alarms that used to swamp {customer} operators.",
    "iso-27001": "{company} earned ISO/IEC 27001 certification for its {unit} operations last year, and auditors come back every twelve months.",
    "soe": "Questions about state-owned enterprises come up in almost every {customer} bid we see now.",
}
MONTHS = _words(
    """January February March April May June July August September October November December"""
)
NOTE_PHRASES = ("TVI", "deep learning", "ISO/IEC 27001", "state-owned enterprises")
CUSTOMERS = _words("retail;campus;casino;hospital;municipal;logistics;banking;stadium", ";")
UNITS = _words("cloud;manufacturing;support;research;European", ";")
BOILERPLATE_TAIL = [
    "If you appreciated this article and want to receive more valuable industry content like this, click here to sign up for our FREE digital newsletters!",
    "Get the latest industry news delivered to your inbox.",
]

_SENTENCE_SPLIT = re.compile(r"(?<=[.!])[”\"]?\s+(?=[A-Z“\"])")


@dataclass(slots=True)
class Pool:
    """Sentences and questions the synthetic interviews are made of."""

    sentences: list[str]
    questions: list[str]
    vocabulary: list[str] = field(default_factory=list)


def _paragraphs(text: str) -> Iterator[str]:
    for block in re.split(r"\n\s*\n", text):
        para = " ".join(block.split())
        if para:
            yield para


def load_pool(seed_raw: Path, corpus: Path | None) -> Pool:
    """Answer sentences and "you" questions from the seed and the corpus texts."""
    from sourcegen.clean.labels import strip_label  # the importer's own label shapes

    # The seed up to its author box: what follows is the publication's boilerplate.
    texts = [seed_raw.read_text(encoding="utf-8").split("About the Author")[0]]
    if corpus is not None and corpus.is_dir():
        for path in sorted(corpus.glob("*.txt")):
            lines = path.read_text(encoding="utf-8").split("\n")
            if lines and lines[0].startswith("# source:"):
                lines = lines[1:]
            texts.append("\n".join(lines))
    sentences: list[str] = []
    questions: list[str] = []
    for text in texts:
        for para in _paragraphs(text):
            para = strip_label(para)
            for sentence in _SENTENCE_SPLIT.split(para):
                sentence = sentence.strip()
                if sentence.endswith("?"):
                    if 20 <= len(sentence) <= 300 and re.search(r"\byou\b", sentence, re.I):
                        questions.append(sentence)
                    continue
                if not (40 <= len(sentence) <= 400 and sentence[-1] in '.!”"'):
                    continue  # fragments and cut-off sentences
                if ":" in sentence[:60] or sentence.isupper():
                    continue  # could read as a speaker label
                if re.search(r"subscri|newsletter|READ NEXT|RELATED|min read|·", sentence):
                    continue  # boilerplate and header lines the corpus texts run together
                if any(phrase in sentence for phrase in NOTE_PHRASES):
                    continue  # term-note mentions come only from NOTE_SENTENCES, in about half
                if re.search(r"\b(?:spoke|chats|talked) with\b", sentence):
                    continue  # would name the interviewee to the importer
                if re.search(rf"\b(?:{'|'.join(MONTHS)})\s+\d", sentence):
                    continue
                sentences.append(sentence)
    sentences = list(dict.fromkeys(sentences))
    questions = list(dict.fromkeys(questions))
    words = {w for s in sentences for w in re.findall(r"\b[a-z]{6,}\b", s)}
    return Pool(sentences, questions, sorted(words))


@dataclass(slots=True)
class Persona:
    name: str
    company: str
    role: str
    publication: str
    pub_label: str | None
    interviewer: str


def _persona(i: int, rng: random.Random) -> Persona:
    publication, label = PUBLICATIONS[i % len(PUBLICATIONS)]
    return Persona(
        name=f"{FIRST[i % len(FIRST)]} {LAST[(i * 7 + i // len(FIRST)) % len(LAST)]}",
        company=f"{COMPANY_A[(i * 3) % len(COMPANY_A)]} {rng.choice(COMPANY_B)}",
        role=rng.choice(ROLES).strip(),
        publication=publication,
        pub_label=label,
        interviewer=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
    )


def _vary(sentence: str, p: Persona, pool: Pool, rng: random.Random) -> str:
    """One pool sentence made this interview's own: names swapped, some words replaced."""
    s = re.sub(r"\bHikvision\b", p.company, sentence)
    s = re.sub(r"\bGenetec\b", f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)}", s)
    s = re.sub(r"\b\d{2,}\b", lambda _m: str(rng.randint(10, 99)), s)

    def swap(m: re.Match[str]) -> str:
        return rng.choice(pool.vocabulary) if rng.random() < 0.25 else m.group(0)

    # Replace a quarter of the long lower-case words: text that repeats the same few
    # hundred sentences verbatim would gzip far better than real interviews do.
    return re.sub(r"\b[a-z]{6,}\b", swap, s) if pool.vocabulary else s


def _answer(p: Persona, pool: Pool, rng: random.Random, notes: list[str]) -> list[str]:
    paras = []
    for _ in range(rng.randint(2, 5)):
        k = rng.randint(2, 5)
        paras.append(" ".join(_vary(s, p, pool, rng) for s in rng.sample(pool.sentences, k)))
    for note in notes:
        at = rng.randrange(len(paras))
        text = NOTE_SENTENCES[note].format(
            company=p.company, customer=rng.choice(CUSTOMERS), unit=rng.choice(UNITS)
        )
        paras[at] = f"{paras[at]} {text}"
    return paras


def _question(p: Persona, pool: Pool, rng: random.Random, taken: set[str]) -> str:
    for _ in range(20):
        if pool.questions and rng.random() < 0.3:
            q = _vary(rng.choice(pool.questions), p, pool, rng)
        else:
            q = rng.choice(QUESTION_TEMPLATES).format(topic=rng.choice(TOPICS), company=p.company)
        if q not in taken:
            taken.add(q)
            return q
    q = f"What else should readers know about {p.company}, {len(taken)}?"
    taken.add(q)
    return q


def synth_raw(i: int, pool: Pool, rng: random.Random) -> tuple[str, str]:
    """(slug, raw article text) for synthetic interview number ``i`` (1-based)."""
    p = _persona(i, rng)
    topic1, topic2 = rng.sample(TOPICS, 2)
    title = rng.choice(TITLE_TEMPLATES).format(
        name=p.name,
        company=p.company,
        role=p.role,
        pub=p.pub_label or p.publication,
        topic1=topic1,
        topic2=topic2,
        topic1_t=topic1[:1].upper() + topic1[1:],
        topic2_t=topic2[:1].upper() + topic2[1:],
    )
    slug = f"synthetic-{i:04d}-" + "-".join(re.findall(r"[a-z0-9]+", title.lower())[:5])
    style = ("bare", "qa", "names", "pub")[i % 4]
    if style == "pub" and not p.pub_label:
        style = "names"
    out: list[str] = []
    if rng.random() < 0.5:
        out.append(f"# source: https://news.example.com/{slug}")
    out.append(title)
    out.append(
        f"{p.pub_label or p.publication} spoke with {p.company}’s {p.name} about "
        f"{topic1}, {topic2} and what comes next."
    )
    if rng.random() < 0.7:
        out.append(f"{MONTHS[rng.randrange(12)]} {rng.randint(1, 28)}, {rng.randint(2008, 2025)}")
    if rng.random() < 0.5:
        out.append(f"By {p.interviewer}")
    # Half the interviews mention each term note's phrase somewhere.
    notes = [n for n in NOTE_SENTENCES if rng.random() < 0.5]
    n_questions = rng.randint(4, 8)
    placed = {
        q: [n for k, n in enumerate(notes) if k % n_questions == q] for q in range(n_questions)
    }
    taken: set[str] = set()
    for q in range(n_questions):
        question = _question(p, pool, rng, taken)
        answer = _answer(p, pool, rng, placed[q])
        if style == "bare":
            out.append(question)
            out.extend(answer)
        elif style == "qa":
            out.append(f"Q: {question}")
            out.append(f"A: {answer[0]}")
            out.extend(answer[1:])
        else:
            asker = p.pub_label if style == "pub" else p.interviewer
            out.append(f"{asker}: {question}")
            out.append(f"{p.name}: {answer[0]}")
            out.extend(answer[1:])
        if q == n_questions // 2 and rng.random() < 0.3:
            out.append(
                f"RELATED: {rng.choice(COMPANY_A)} Opens New Office in {rng.choice(LAST)}ville"
            )
    if rng.random() < 0.6:
        out += [
            "About the Author",
            f"{p.interviewer} is an editor at {p.publication} and writes about {topic1}.",
        ]
    if rng.random() < 0.4:
        out.append(rng.choice(BOILERPLATE_TAIL))
    return slug, "\n\n".join(out) + "\n"


# --------------------------------------------------------------------------
# The temporary project
# --------------------------------------------------------------------------


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


def make_project(
    root: Path,
    n: int,
    *,
    seed: int = 6,
    corpus: Path | None = DEFAULT_CORPUS,
    site: Path = REPO,
) -> Made:
    """A site at ``root`` with ``n`` interviews: the seed and ``n - 1`` synthetic ones."""
    from sourcegen.clean import clean_file
    from sourcegen.parse import parse_text
    from sourcegen.serialise import dump

    if n < 1:
        raise ValueError("n counts the seed interview: expected at least 1")
    copy_site(root, site)
    seed_raw = site / "sources" / "interviews" / SEED_SLUG / "raw.txt"
    pool = load_pool(seed_raw, corpus)
    rng = random.Random(seed)
    slugs = [SEED_SLUG]
    warnings = 0
    started = time.perf_counter()
    for i in range(1, n):
        slug, raw = synth_raw(i, pool, rng)
        folder = root / "sources" / "interviews" / slug
        folder.mkdir(parents=True)
        raw_path = folder / "raw.txt"
        raw_path.write_text(raw, encoding="utf-8")
        result = clean_file(raw_path, slug)  # the importer `sourcegen import` runs
        warnings += len(result.report)
        if not result.interview.sections:
            raise AssertionError(f"{slug}: the importer found no questions in the synthetic text")
        text = dump(result.interview)
        parse_text(text, raw_path, slug)  # as `sourcegen import` does: must read back
        (folder / "interview.md").write_text(text, encoding="utf-8")
        slugs.append(slug)
    return Made(root, slugs, time.perf_counter() - started, warnings)


# --------------------------------------------------------------------------
# Measuring child processes
# --------------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    seconds: float
    peak_mb: float | None
    returncode: int
    stdout: str
    stderr: str


TIME = shutil.which("time", path="/usr/bin:/bin")
"""GNU time, to read a command's peak RSS (see `run`)."""


def run(cmd: Sequence[str], cwd: Path, timeout: float = 1800) -> Run:
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
        proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, env=CHILD_ENV)
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


def sourcegen_build(root: Path) -> tuple[Run, int, int]:
    """`sourcegen build --root ROOT`: (run, files written, files unchanged)."""
    r = run([tool("sourcegen"), "build", "--root", str(root)], cwd=root)
    m = re.search(r"wrote (\d+) files, (\d+) unchanged", r.stdout)
    if not m:
        raise RuntimeError(f"unexpected `sourcegen build` output: {r.stdout!r}")
    return r, int(m[1]), int(m[2])


def mkdocs_build(root: Path, config: str, site: Path) -> tuple[Run, float, int, int]:
    """`mkdocs build -q` in a child that also times the sourcegen plugin's on_files.

    Returns (run, seconds spent in the plugin's on_files, how often it ran,
    the most processes the generator used).
    """
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        timing = Path(fh.name)
    try:
        r = run(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--_mkdocs-child",
                str(timing),
                "build",
                "-q",
                "--strict",
                "-f",
                str(root / config),
                "-d",
                str(site),
            ],
            cwd=root,
        )
        spent = json.loads(timing.read_text() or "{}")
    finally:
        timing.unlink(missing_ok=True)
    return r, spent.get("pre_build_s", 0.0), spent.get("calls", 0), spent.get("workers", 1)


def _mkdocs_child(timing: str, args: list[str]) -> None:
    """Run the mkdocs CLI with the sourcegen plugin's generation hook (on_files) timed."""
    from mkdocs.__main__ import cli

    from sourcegen import pipeline
    from sourcegen.plugin import SourcegenPlugin

    spent: list[float] = []
    workers: list[int] = []
    original = SourcegenPlugin.on_files
    choose = pipeline._workers

    def counted(misses: int) -> int:
        workers.append(choose(misses))
        return workers[-1]

    pipeline._workers = counted

    def timed(self: Any, files: Any, *, config: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(self, files, config=config)
        finally:
            spent.append(time.perf_counter() - started)

    SourcegenPlugin.on_files = timed  # type: ignore[method-assign]
    try:
        cli.main(args=args, prog_name="mkdocs")
    finally:
        Path(timing).write_text(
            json.dumps(
                {"pre_build_s": sum(spent), "calls": len(spent), "workers": max(workers, default=1)}
            )
        )


def nav_all_config(root: Path, slugs: list[str]) -> str:
    """Write mkdocs-navall.yml: every interview in the nav, no not_in_nav. Returns its name."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    entry = "  - Interviews: interviews/index.md\n"
    if entry not in text:
        raise RuntimeError("mkdocs.yml: expected the nav entry `- Interviews: interviews/index.md`")
    nav = "  - Interviews:\n      - interviews/index.md\n" + "".join(
        f"      - interviews/{s}.md\n" for s in sorted(slugs)
    )
    text = text.replace(entry, nav)
    text, count = re.subn(r"(?m)^not_in_nav: \|\n(?:  .*\n)+", "", text)
    if count != 1:
        raise RuntimeError("mkdocs.yml: expected one `not_in_nav: |` block to remove")
    (root / "mkdocs-navall.yml").write_text(text, encoding="utf-8")
    return "mkdocs-navall.yml"


# --------------------------------------------------------------------------
# Checks on what was built
# --------------------------------------------------------------------------


def index_links(root: Path) -> set[str]:
    """Slugs docs/interviews/index.md links to."""
    text = (root / "docs" / "interviews" / "index.md").read_text(encoding="utf-8")
    return set(re.findall(r"\]\(([^)/]+)\.md\)", text))


def generated_pages(root: Path) -> set[str]:
    return {p.stem for p in (root / "docs" / "interviews").glob("*.md") if p.name != "index.md"}


def search_index(site: Path) -> dict[str, Any]:
    """Sizes of site/search/search_index.json, raw and gzipped (level 6, as web servers do).

    With Pagefind (`extra: pagefind: true`) there is no such file: the Material
    fields are null and the Pagefind bundle's size is given instead (what a
    query fetches of it is measured by benchmarks/search_bench.py).
    """
    path = site / "search" / "search_index.json"
    bundle = site / "pagefind"
    pagefind = {
        "pagefind_bytes": sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
        if bundle.is_dir()
        else None,
    }
    if not path.is_file():
        return {
            "search_index_bytes": None,
            "search_index_gzip_bytes": None,
            "search_index_entries": None,
            "search_index_note_copies_bytes": None,
            "search_gzip_ratio_seed": None,
            "search_gzip_ratio_synthetic": None,
            **pagefind,
        }
    data = path.read_bytes()
    docs = json.loads(data)["docs"]

    def ratio(prefix: str) -> float | None:
        part = json.dumps([d for d in docs if d["location"].startswith(prefix)]).encode()
        return round(len(part) / len(gzip.compress(part, 6)), 2) if part != b"[]" else None

    notes_sections = sum(
        len(json.dumps(d, ensure_ascii=False).encode())
        for d in docs
        if d["location"].startswith("interviews/")
        and d["location"].endswith(("#context-notes", "#what-happened-next"))
    )
    return {
        "search_index_bytes": len(data),
        "search_index_gzip_bytes": len(gzip.compress(data, 6)),
        "search_index_entries": len(docs),
        # note text copied into interview pages' "Context notes"/"What happened next" sections
        "search_index_note_copies_bytes": notes_sections,
        # gzip ratio of the real seed interview's entries vs one synthetic interview's
        "search_gzip_ratio_seed": ratio(f"interviews/{SEED_SLUG}/"),
        "search_gzip_ratio_synthetic": ratio("interviews/synthetic-0001-"),
        **pagefind,
    }


# --------------------------------------------------------------------------
# mkdocs serve
# --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


def _wait_for(url: str, marker: str | None, timeout: float, proc: subprocess.Popen[bytes]) -> float:
    """Seconds until ``url`` answers 200 (and contains ``marker``); raises on timeout."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with {proc.returncode}")
        status, body = _get(url)
        if status == 200 and (marker is None or marker in body):
            return time.perf_counter() - started
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not show {marker!r} within {timeout:.0f} s")


def measure_serve(made: Made, timeout: float = 300, dirty: bool = False) -> dict[str, Any]:
    """Start `mkdocs serve` (livereload on), edit a note and an interview, time each reload.

    With ``dirty``, `mkdocs serve --dirty`: only pages whose text changed are rebuilt."""
    root = made.root
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log_path = root / "serve.log"
    with open(log_path, "wb") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [tool("mkdocs"), "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])],
            cwd=root,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=CHILD_ENV,
        )
        try:
            _wait_for(base, None, timeout, proc)
            startup = time.perf_counter() - started
            time.sleep(1.0)  # let the file watcher settle

            def state() -> tuple[int, int]:
                """(rebuilds started, rebuilds finished) so far, from the server's log."""
                log_text = log_path.read_text(errors="replace")
                done = log_text.count("Reloading browsers")
                done += log_text.count("error happened during the rebuild")
                return log_text.count("Building documentation"), done

            def edit(path: Path, marker: str, url: str) -> tuple[float, float, int]:
                """Append ``marker`` to ``path``; (seconds until ``url`` shows it,
                seconds until the last rebuild it caused finished, rebuilds it caused).

                A page request blocks while a rebuild runs, so polling the page
                and then the log times each rebuild's end closely.
                """
                before = seen = state()
                text = path.read_text(encoding="utf-8").rstrip("\n") + f"\n\nEdited {marker}.\n"
                t0 = quiet = time.perf_counter()
                path.write_text(text, encoding="utf-8")
                shown: float | None = None
                last_done = 0.0
                while time.perf_counter() - t0 < timeout:
                    if proc.poll() is not None:
                        raise RuntimeError(f"mkdocs serve exited with {proc.returncode}")
                    if shown is None:
                        status, body = _get(url)
                        if status == 200 and marker in body:
                            shown = time.perf_counter() - t0
                    now = state()
                    if now != seen:
                        if now[1] != seen[1]:
                            last_done = time.perf_counter() - t0
                        seen, quiet = now, time.perf_counter()
                    started_n, done_n = now[0] - before[0], now[1] - before[1]
                    if (
                        shown is not None
                        and started_n == done_n
                        and time.perf_counter() - quiet > 3
                    ):
                        return shown, last_done, started_n
                    time.sleep(0.05)
                raise TimeoutError(f"{url} did not show {marker!r} within {timeout:.0f} s")

            # 1. A term note: used by the seed and by about half the synthetic interviews.
            marker = f"scalemarker{int(time.time())}n"
            note_s, note_settled_s, note_builds = edit(
                root / "sources" / "notes" / "tvi.md", marker, base + "notes/"
            )
            # 2. One interview's text.
            slug = made.slugs[len(made.slugs) // 2]
            interview_s, interview_settled_s, interview_builds = edit(
                root / "sources" / "interviews" / slug / "interview.md",
                marker.replace("n", "i"),
                f"{base}interviews/{slug}/",
            )
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=20)
    fields = {
        "interviews": len(made.slugs),
        "startup_s": round(startup, 2),
        "note_reload_s": round(note_s, 2),
        "note_settled_s": round(note_settled_s, 2),
        "note_rebuilds": note_builds,
        "interview_reload_s": round(interview_s, 2),
        "interview_settled_s": round(interview_settled_s, 2),
        "interview_rebuilds": interview_builds,
    }
    prefix = "serve_dirty_" if dirty else "serve_"
    return {prefix + key: value for key, value in fields.items()}


# --------------------------------------------------------------------------
# One N
# --------------------------------------------------------------------------


def measure(
    n: int,
    *,
    baseline: bool = False,
    serve: bool = False,
    workdir: Path | None = None,
    keep: bool = False,
    seed: int = 6,
    corpus: Path | None = DEFAULT_CORPUS,
    site: Path = REPO,
) -> dict[str, Any]:
    root = Path(tempfile.mkdtemp(prefix=f"sourcegen-scale-{n}-", dir=workdir))
    try:
        return _measure(
            root, n, baseline=baseline, serve=serve, seed=seed, corpus=corpus, site=site
        )
    finally:
        if keep:
            print(f"kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)


def _log(msg: str) -> None:
    print(f"[scale] {msg}", file=sys.stderr, flush=True)


def _measure(
    root: Path,
    n: int,
    *,
    baseline: bool,
    serve: bool,
    seed: int,
    corpus: Path | None,
    site: Path = REPO,
) -> dict[str, Any]:
    _log(f"N={n}: synthesising into {root}")
    made = make_project(root, n, seed=seed, corpus=corpus, site=site)
    _log(f"N={n}: imported {n - 1} in {made.import_s:.1f} s; sourcegen build")
    cache = root / ".cache"
    shutil.rmtree(cache, ignore_errors=True)
    gen, written, _ = sourcegen_build(root)  # cold: no build cache yet
    gen2, rewritten, unchanged = sourcegen_build(root)  # nothing changed, cache warm
    pages = generated_pages(root)
    linked = index_links(root)
    _log(f"N={n}: mkdocs build (plugin as configured), no build cache, then with it")
    site = root / "site"
    shutil.rmtree(cache)  # as on a fresh clone
    mk, pre_build_s, pre_build_calls, workers = mkdocs_build(root, "mkdocs.yml", site)
    shutil.rmtree(site)
    warm, warm_pre_build_s, _, _ = mkdocs_build(root, "mkdocs.yml", site)
    html_pages = sum(1 for _ in site.rglob("index.html")) + (
        1 if (site / "404.html").exists() else 0
    )
    generated_md = root / "docs"
    result: dict[str, Any] = {
        "interviews": n,
        "generator_s": round(gen.seconds, 3),
        "generator_rebuild_s": round(gen2.seconds, 3),
        "generator_peak_mb": max(gen.peak_mb, gen2.peak_mb)
        if gen.peak_mb and gen2.peak_mb
        else None,
        "generator_written": written,
        "generator_rebuild_written": rewritten,
        "generator_rebuild_unchanged": unchanged,
        "mkdocs_s": round(mk.seconds, 3),
        "mkdocs_peak_mb": mk.peak_mb,
        "mkdocs_generator_s": round(pre_build_s, 3),
        "generator_pct_of_mkdocs": round(100 * pre_build_s / mk.seconds, 1),
        "mkdocs_generator_workers": workers,
        "mkdocs_warm_s": round(warm.seconds, 3),
        "mkdocs_warm_peak_mb": warm.peak_mb,
        "mkdocs_warm_generator_s": round(warm_pre_build_s, 3),
        "generator_pct_of_mkdocs_warm": round(100 * warm_pre_build_s / warm.seconds, 1),
        "html_pages": html_pages,
        "pages_per_s": round(html_pages / mk.seconds, 1),
        **search_index(site),
        "per_interview_ms": round(1000 * mk.seconds / n, 2),
        "generator_per_interview_ms": round(1000 * gen.seconds / n, 2),
        "interview_pages": len(pages),
        "index_links_all": linked == pages == set(made.slugs),
        "notes_md_bytes": (generated_md / "notes.md").stat().st_size,
        "index_md_bytes": (generated_md / "interviews" / "index.md").stat().st_size,
        "notes_html_bytes": (site / "notes" / "index.html").stat().st_size,
        "interview_html_avg_bytes": round(
            sum((site / "interviews" / s / "index.html").stat().st_size for s in made.slugs) / n
        ),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "import_s": round(made.import_s, 2),
        "import_warnings": made.warnings,
    }
    result["search_index_gzip_over_2mb"] = (
        result["search_index_gzip_bytes"] or 0
    ) > PHONE_BUDGET_GZIP
    if pre_build_calls != 1:
        result["mkdocs_generator_calls"] = pre_build_calls
    if baseline:
        _log(f"N={n}: mkdocs build with every interview in the nav (baseline)")
        cfg = nav_all_config(root, made.slugs)
        nav, _, _, _ = mkdocs_build(root, cfg, root / "site-navall")
        result["nav_all_mkdocs_s"] = round(nav.seconds, 3)
        result["nav_all_mkdocs_peak_mb"] = nav.peak_mb
        # The nav-all build finds the build cache warm: compare it with the warm build.
        result["nav_all_vs_mkdocs_warm"] = round(nav.seconds / warm.seconds, 2)
    if serve:
        _log(f"N={n}: mkdocs serve reload latency")
        result.update(measure_serve(made))
        result.update(measure_serve(made, dirty=True))
    _log(f"N={n}: done")
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_mkdocs-child"]:
        _mkdocs_child(argv[1], argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--n",
        type=int,
        action="append",
        help="interview count, the seed included (repeatable; default 10, 100, 1000)",
    )
    parser.add_argument(
        "--baseline", action="store_true", help="also build with every interview in the nav"
    )
    parser.add_argument(
        "--serve", action="store_true", help="also time `mkdocs serve` reloads (at --serve-n)"
    )
    parser.add_argument("--serve-n", type=int, default=100, help="site size for --serve")
    parser.add_argument(
        "--baseline-n",
        type=int,
        action="append",
        help="N values for --baseline (default: 100 and 1000 among --n)",
    )
    parser.add_argument("--seed", type=int, default=6, help="random seed for the synthesis")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help="folder of extra scraped *.txt articles for the synthetic text "
        "(default: $SOURCEGEN_CORPUS, else none)",
    )
    parser.add_argument(
        "--site",
        type=Path,
        default=REPO,
        help="the site to start from: its mkdocs.yml, docs/, overrides/, notes, glossary "
        "and seed interview (default: this repository)",
    )
    parser.add_argument("--workdir", type=Path, default=None, help="where temporary sites go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary sites")
    args = parser.parse_args(argv)
    ns = args.n or [10, 100, 1000]
    baseline_ns = set(args.baseline_n or [100, 1000])
    if args.serve and args.serve_n not in ns:
        ns.append(args.serve_n)
    for n in ns:
        line = measure(
            n,
            baseline=args.baseline and n in baseline_ns,
            serve=args.serve and n == args.serve_n,
            workdir=args.workdir,
            keep=args.keep,
            seed=args.seed,
            corpus=args.corpus,
            site=args.site.resolve(),
        )
        print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
