"""A feature record per paragraph: the evidence the role decoder weighs.

Each feature is a plain boolean or number computed from the paragraph, its
neighbours and the document pass, in constant time per paragraph (every
pattern is anchored or bounded), so the whole record costs linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .draft import Para
from .labels import LabelHit, split_number

SECOND_PERSON = re.compile(
    r"\b(you|your|yours|yourself|yourselves|you[’']re|you[’']ve|you[’']d|you[’']ll)\b", re.I
)
FIRST_PERSON = re.compile(
    r"\b(I|I[’']m|I[’']ve|I[’']d|I[’']ll|we|we[’']re|we[’']ve|our|ours|us|my|me)\b"
)
OPENS_ON = re.compile(r"^(So|But|And|Or|Yet|Well|Now)\b")
_MARKERS = (
    r"(?:(?:so|and|but|now|well|ok|okay|first of all|finally|lastly|also|then|next|and so),?\s+)*"
)
WH_OPEN = re.compile(
    rf"^{_MARKERS}(?:what|how|why|when|where|who|whom|whose|which|do|does|did|is|are|was|were|"
    r"can|could|would|will|should|shall|have|has|had|may|might|must|isn[’']t|aren[’']t|"
    r"don[’']t|doesn[’']t|didn[’']t|wasn[’']t|won[’']t|wouldn[’']t|couldn[’']t)\b",
    re.I,
)
WH_ANY = re.compile(
    r"(?:^|[,;:–—-]\s*|\b(?:so|and|but|now)\s+)(?:what|how|why|when|where|who|which)\b", re.I
)
PROMPT = re.compile(
    r"^(?:please\s+)?(?:tell (?:us|me)|describe|talk (?:about|us|me)|explain|walk (?:us|me)|"
    r"share|give (?:us|me)|name|list|discuss|elaborate|comment on|take (?:us|me)|help (?:us|me)|"
    r"paint|introduce yourself|remind (?:us|me)|say (?:a (?:few words|little|bit))|let[’']s talk|"
    r"your (?:thoughts|take|view|advice|reaction|response) on|thoughts on|any (?:advice|final thoughts|"
    r"last words|regrets)|finish (?:this|the) sentence|fill in the blank)\b",
    re.I,
)
RHETORICAL = re.compile(
    r"^(?:(?:so|and|but),?\s+)?(?:have you ever (?:wondered|noticed|thought about|asked yourself|stopped)|"
    r"ever (?:wondered|noticed)|did you know|do you ever (?:wonder|feel)|what if|imagine|"
    r"isn[’']t it (?:time|funny|strange|odd)|who among us|who hasn[’']t|why not|guess what|"
    r"sound familiar|you know what)\b",
    re.I,
)
"""Openers that speak to the reader, not to an interviewee."""
TOPIC_LEAD = re.compile(r"^(?:On|About|Regarding|Re:|Concerning)\s+\S[^.?!]{0,78}$")
TOPIC_INLINE = re.compile(
    r"^(?P<head>(?:On|About|Regarding)\s+[^.?!:–—]{2,60}?)\s*[–—:]\s+(?=[A-Z“\"‘'])"
)
QUOTE_OPEN = '“"‘'
SAID = re.compile(r"[,”\"]\s*(?:said|says|added|adds|told|explained|noted|according to)\b", re.I)
"""A news quotation's attribution: such a quote is reported speech, not an answer."""
_STRIP_END = "”\"’' )"


def ends_in_question(text: str) -> bool:
    return text.rstrip(_STRIP_END).endswith("?")


@dataclass(slots=True)
class Features:
    """What one paragraph looks like, as the decoder reads it."""

    text: str
    """The words after any label or question number."""
    label: LabelHit | None
    """An accepted speaker label that starts a turn here."""
    side: str | None
    """``ask`` / ``answer`` for the turn's speaker (inherited by unlabelled paragraphs)."""
    number: str | None
    ends_q: bool
    you: bool
    first_person: bool
    chars: int
    wh_open: bool
    wh_any: bool
    prompt: bool
    quoted: bool
    opens_on: bool
    topic: bool
    """A topic lead (``On the budget``) in a document that uses several."""
    subhead: bool
    """Short, no end punctuation, a longer paragraph after it."""
    next_longer: bool
    next_quoted: bool
    next_ends_q: bool
    prev_ends_q: bool
    pullquote: bool
    rhetorical: bool = False
    """Opens as writers speak to readers (``Have you ever wondered…``)."""
    after_you: bool = False
    """A question that speaks to "you" came before (set once all records exist)."""
    before_quote: bool = False
    """A short unquoted line before a quoted answer, in a text of such pairs."""
    answer_turn: bool = False
    """Carries the interviewee's label, in a text where only the answers are labelled."""
    next_answer_turn: bool = False
    """The next paragraph carries the interviewee's label (only the answers are labelled)."""

    def cue(self) -> bool:
        """Any sign that this asks something."""
        return (
            self.ends_q or self.prompt or self.number is not None or self.topic or self.before_quote
        )


def _shape(text: str) -> tuple[bool, bool, bool, int]:
    return (
        ends_in_question(text),
        bool(SECOND_PERSON.search(text)),
        text[:1] in QUOTE_OPEN,
        len(text),
    )


def is_subhead(text: str, nxt: str | None) -> bool:
    return (
        len(text) <= 80
        and len(text.split()) <= 12
        and not re.search(r"[.?!:;,”\"]$", text)
        and nxt is not None
        and len(nxt) > len(text)
    )


def records(
    paras: list[Para],
    texts: list[str],
    labels: list[LabelHit | None],
    sides: list[str | None],
    numbered: bool,
    topics: bool,
) -> list[Features]:
    """Feature records for ``paras`` (their label-free ``texts``), one pass."""
    out: list[Features] = []
    n = len(paras)
    shapes = [_shape(t) for t in texts]
    for i, para in enumerate(paras):
        ends_q, you, quoted, chars = shapes[i]
        nxt = texts[i + 1] if i + 1 < n else None
        num = _question_number(texts[i]) if numbered else None
        text = num[1] if num else texts[i]
        head = text[:300]
        out.append(
            Features(
                text=text,
                label=labels[i],
                side=sides[i],
                number=num[0] if num else getattr(labels[i], "number", None),
                ends_q=ends_q,
                you=you,
                first_person=bool(FIRST_PERSON.search(head)),
                chars=chars,
                wh_open=bool(WH_OPEN.match(head)),
                wh_any=chars <= 400 and bool(WH_ANY.search(head)),
                prompt=chars <= 300 and bool(PROMPT.match(head)),
                quoted=quoted,
                opens_on=bool(OPENS_ON.match(head)),
                topic=topics and bool(TOPIC_LEAD.match(head)),
                subhead=is_subhead(text, nxt),
                next_longer=nxt is not None and len(nxt) > chars,
                next_quoted=nxt is not None and shapes[i + 1][2],
                next_ends_q=nxt is not None and shapes[i + 1][0],
                prev_ends_q=i > 0 and shapes[i - 1][0],
                pullquote=para.role == "pullquote",
                rhetorical=bool(RHETORICAL.match(head)),
            )
        )
    _mark_after_you(out)
    _mark_quoted_answers(out, texts)
    return out


def _question_number(text: str) -> tuple[str, str] | None:
    """(number, rest) of a numbered question; None for a numbered point inside an answer."""
    num = split_number(text)
    if num is None:
        return None
    rest = num[1][:300]
    if ends_in_question(num[1]) or WH_OPEN.match(rest) or PROMPT.match(rest):
        return num
    return None


def _mark_after_you(feats: list[Features]) -> None:
    """Which paragraphs come after a short question that says "you"."""
    seen = False
    for f in feats:
        f.after_you = seen
        seen = seen or (f.ends_q and f.you and f.chars <= 300)


def _mark_quoted_answers(feats: list[Features], texts: list[str]) -> None:
    """Answers in quotation marks, each after its short question: at least two such pairs."""
    n = len(feats)
    pairs = [
        i
        for i, f in enumerate(feats)
        if not f.quoted
        and f.chars <= 200
        and i + 1 < n
        and feats[i + 1].quoted
        and feats[i + 1].chars > f.chars
        and not SAID.search(texts[i + 1][:400])
    ]
    if len(pairs) >= 2:
        for i in pairs:
            feats[i].before_quote = True


def question_candidates(texts: list[str], numbered: bool) -> list[bool]:
    """Cheap look used before segmentation (by the title rule): which paragraphs
    read as a bare question followed by its answer."""
    out = []
    n = len(texts)
    for i, text in enumerate(texts):
        nxt = texts[i + 1] if i + 1 < n else None
        ask = (
            ends_in_question(text)
            or bool(PROMPT.match(text[:300]))
            or (numbered and split_number(text) is not None)
        )
        out.append(
            ask
            and len(text) <= 300
            and nxt is not None
            and len(nxt) > len(text)
            and not ends_in_question(nxt)
        )
    return out


def topic_leads(texts: list[str]) -> int:
    return sum(1 for t in texts if TOPIC_LEAD.match(t[:300]) or TOPIC_INLINE.match(t[:300]))
