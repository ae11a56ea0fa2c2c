"""Synthetic interviews for the benchmarks: raw articles the importer takes as real ones.

Each is made from the sentences of the seed interview and, if given, of a
folder of scraped articles (see benchmarks/README.md, "The throwaway site").
Titles, companies, speaker names, publications, dates, questions, answer
order and length vary; a quarter of each sentence's longer words are
replaced, so the text does not gzip much better than real prose.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


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


def _title(p: Persona, rng: random.Random, topic1: str, topic2: str) -> str:
    return rng.choice(TITLE_TEMPLATES).format(
        name=p.name,
        company=p.company,
        role=p.role,
        pub=p.pub_label or p.publication,
        topic1=topic1,
        topic2=topic2,
        topic1_t=topic1[:1].upper() + topic1[1:],
        topic2_t=topic2[:1].upper() + topic2[1:],
    )


def _turn(style: str, p: Persona, question: str, answer: list[str]) -> list[str]:
    """One question and its answer in one of the four shapes the importer knows."""
    if style == "bare":
        return [question, *answer]
    if style == "qa":
        return [f"Q: {question}", f"A: {answer[0]}", *answer[1:]]
    asker = p.pub_label if style == "pub" else p.interviewer
    return [f"{asker}: {question}", f"{p.name}: {answer[0]}", *answer[1:]]


def synth_raw(i: int, pool: Pool, rng: random.Random) -> tuple[str, str]:
    """(slug, raw article text) for synthetic interview number ``i`` (1-based)."""
    p = _persona(i, rng)
    topic1, topic2 = rng.sample(TOPICS, 2)
    title = _title(p, rng, topic1, topic2)
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
        out += _turn(style, p, question, answer)
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
