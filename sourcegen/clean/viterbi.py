"""The role decode: the best role sequence over the whole text (max-sum Viterbi).

Scores come from `roles.WEIGHTS` (what each fired piece of evidence counts
for each role) and `roles.TRANSITIONS` (which role may follow which); each
paragraph's `Decision` keeps its evidence and the runner-up, for
``import --dry-run --explain``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .features import Features
from .roles import BARE_TRANSITIONS, END, NO, ROLES, TRANSITIONS, WEIGHTS, evidence


@dataclass(slots=True)
class Decision:
    role: str
    score: float
    evidence: list[tuple[str, float]]
    """The features that fired, with their weight for the chosen role."""
    rival: str | None = None
    """The role that scored best after the chosen one, for this paragraph alone."""
    against: list[tuple[str, float]] | None = None
    """What counted against the rival."""
    rival_score: float = NO

    def strongest(self, n: int = 3) -> str:
        ranked = sorted(self.evidence, key=lambda e: -abs(e[1]))[:n]
        text = "; ".join(f"{name} ({w:+g})" for name, w in ranked if w) or "no evidence"
        worst = sorted((e for e in self.against or [] if e[1] < 0), key=lambda e: e[1])[:2]
        if self.rival and self.rival_score > self.score:
            text += (
                f"; {self.rival} scored higher alone, but the sequence rules it out "
                "(a question needs an answer after it; only the intro comes before the first)"
            )
        elif self.rival and worst:
            text += f"; not {self.rival}: " + "; ".join(f"{name} ({w:+g})" for name, w in worst)
        return text


def decode(feats: list[Features], labelled: bool, interview: bool) -> list[Decision]:
    """The best role sequence (max-sum Viterbi) and each paragraph's evidence."""
    if not feats:
        return []
    trans = dict(TRANSITIONS)
    if not labelled:
        trans.update(BARE_TRANSITIONS)
    fired = [evidence(f, labelled, interview) for f in feats]
    emit = [_emission(names) for names in fired]
    path = _best_path(emit, trans)
    return [_decision(role, fired[i], emit[i]) for i, role in enumerate(path)]


def _emission(names: list[str]) -> dict[str, float]:
    """Each role's score from the `WEIGHTS` rows that fired (``NO``: ruled out)."""
    row = dict.fromkeys(ROLES, 0.0)
    for name in names:
        for role, w in WEIGHTS[name].items():
            row[role] += w
    return row


def _best_path(emit: list[dict[str, float]], trans: dict[str, dict[str, float]]) -> list[str]:
    """The role sequence with the highest total of emission and transition scores."""
    back: list[dict[str, str]] = []
    prev_scores = {"start": 0.0}
    for row in emit:
        scores, ptr = _step(row, prev_scores, trans)
        back.append(ptr)
        prev_scores = scores
    final = {r: s + END[r] for r, s in prev_scores.items() if r in END}
    if not final:
        final = dict(prev_scores)
    role = max(final, key=lambda r: final[r])
    path = [role]
    for i in range(len(emit) - 1, 0, -1):
        role = back[i][role]
        path.append(role)
    path.reverse()
    return path


def _step(
    row: dict[str, float], prev_scores: dict[str, float], trans: dict[str, dict[str, float]]
) -> tuple[dict[str, float], dict[str, str]]:
    """One paragraph of the decode: each role's best score and the role before it."""
    scores: dict[str, float] = {}
    ptr: dict[str, str] = {}
    for role in ROLES:
        e = row[role]
        if e == NO:
            continue
        top, arg = NO, ""
        for prev, s in prev_scores.items():
            t = trans.get(prev, {}).get(role)
            if t is None or s == NO:
                continue
            if s + t > top:
                top, arg = s + t, prev
        if arg:
            scores[role], ptr[role] = top + e, arg
    if not scores:  # no role allowed: fall back to keeping the text with the answer/intro
        fallback = (
            "acont" if any(r in prev_scores for r in ("answer", "acont", "subhead")) else "intro"
        )
        top_prev = max(prev_scores, key=lambda r: prev_scores[r])
        scores = {fallback: prev_scores[top_prev] - 10.0}
        ptr = {fallback: top_prev}
    return scores, ptr


def _decision(role: str, fired: list[str], emit: dict[str, float]) -> Decision:
    """A paragraph's role with its evidence, and the best role it was not given."""
    ev = [(name, WEIGHTS[name].get(role, 0.0)) for name in fired]
    others = [r for r in ("question", "intro", "answer", "subhead") if r != role and emit[r] != NO]
    rival = max(others, key=lambda r: emit[r]) if others else None
    against = [(name, WEIGHTS[name].get(rival, 0.0)) for name in fired] if rival else None
    rival_score = emit[rival] if rival else NO
    return Decision(role, emit[role], ev, rival, against, rival_score)
