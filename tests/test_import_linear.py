"""The importer does work in proportion to its input, on every input.

Pinned by counting work, not by timing: every bytecode instruction the
importer's Python code runs (``sys.settrace`` with opcode events) and every
call into C (``sys.setprofile``) is counted, at one size and at four times
that size. A linear importer does about four times the work; a quadratic one
(a scan of the rest of the text per paragraph, a retry loop per repeated
anchor) does about sixteen times. Work inside one C call (a regex scanning a
long string) is not seen here: the importer bounds those by matching
anchored patterns on bounded heads of paragraphs, and the long-line case
below would show a scan per character as extra calls.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from sourcegen.clean import clean_text


def _work(text: str) -> int:
    steps = 0

    def trace(frame: FrameType, event: str, _arg: Any) -> Any:
        nonlocal steps
        steps += 1
        if event == "call":
            frame.f_trace_opcodes = True
        return trace

    def profile(_frame: FrameType, event: str, _arg: Any) -> None:
        nonlocal steps
        if event == "c_call":
            steps += 1

    sys.settrace(trace)
    sys.setprofile(profile)
    try:
        clean_text(text, Path("raw.txt"))
    finally:
        sys.settrace(None)
        sys.setprofile(None)
    return steps


def _long_line(n: int) -> str:
    return "Title\n\n" + "x" * (40 * n) + "\n"


def _qa_pairs(n: int) -> str:
    return "Title\n\n" + "".join(
        f"Q: What about item {i}?\n\nA: Item {i} is fine.\n\n" for i in range(n)
    )


def _same_question(n: int) -> str:
    return "Title\n\n" + "Q: Why?\n\nA: Because.\n\n" * n


def _quoted(n: int) -> str:
    return "Title\n\n" + "".join(f"“Quote number {i} said once only.”\n\n" for i in range(n))


def _quoted_repeats(n: int) -> str:
    return "Title\n\n" + "“The same words in every quote here.”\n\n" * n


def _wrapped(n: int) -> str:
    return "Title\n\n" + "the words of a narrow column go on\n" * n


def _bare(n: int) -> str:
    return "An Interview\n\n" + "".join(
        f"What do you make of plan {i}?\n\nI like plan {i}, it is good.\n\n" for i in range(n)
    )


def _asker_only(n: int) -> str:
    return "Title\n\nQ: One?\n\nA: Yes.\n\n" + "Q: And then what happened next?\n\n" * n


def _many_labels(n: int) -> str:
    return "Title\n\n" + "".join(f"Person Number{i}: I said a thing.\n\n" for i in range(n))


def _trailing_pitch(n: int) -> str:
    return (
        "Title\n\nQ: Why?\n\nA: Because.\n\nSubscribe to our newsletter today.\n\n"
        + "Short Line\n\n" * n
    )


BUILDERS: list[Callable[[int], str]] = [
    _long_line,
    _qa_pairs,
    _same_question,
    _quoted,
    _quoted_repeats,
    _wrapped,
    _bare,
    _asker_only,
    _many_labels,
    _trailing_pitch,
]


@pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__.strip("_"))
def test_four_times_the_input_is_at_most_about_four_times_the_work(
    build: Callable[[int], str],
) -> None:
    small, large = _work(build(100)), _work(build(400))
    assert large <= 4.6 * small, f"{small} steps, then {large} for 4× the input"
