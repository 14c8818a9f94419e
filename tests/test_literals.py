"""pipeline.literals finds what a longest-first regex alternation of the same names finds."""

from __future__ import annotations

import random
import re

import pytest

from pipeline.literals import Literals

NAMES = ["中国", "中国银行", "中国建筑", "国建", "建筑", "银行", "A", "AB", "ABC", "华"]


def _alternation(names: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(names, key=lambda n: (-len(n), n)))))


def _texts(seed: int, n: int = 300) -> list[str]:
    rng = random.Random(seed)
    alphabet = "中国银行建筑华AB C，"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(n)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_finditer_equals_the_alternation(seed: int) -> None:
    rx, lit = _alternation(NAMES), Literals(NAMES)
    for text in _texts(seed):
        assert list(lit.finditer(text)) == [m.span() for m in rx.finditer(text)]
        assert lit.search(text) == (rx.search(text) is not None)
        # a window of the text, as ``rx.finditer(text, pos, endpos)``
        a, b = len(text) // 4, 3 * len(text) // 4
        assert list(lit.finditer(text, a, b)) == [m.span() for m in rx.finditer(text, a, b)]


@pytest.mark.parametrize("seed", [4, 5])
def test_every_longest_equals_the_alternation_in_a_lookahead(seed: int) -> None:
    rx = re.compile("(?=(" + _alternation(NAMES).pattern + "))")
    lit = Literals(NAMES)
    for text in _texts(seed):
        expected = [(m.start(), m.start() + len(m.group(1))) for m in rx.finditer(text)]
        assert list(lit.every_longest(text)) == expected


def test_examples() -> None:
    lit = Literals(NAMES)
    text = "中国银行和中国建筑"
    assert [text[s:e] for s, e in lit.finditer(text)] == ["中国银行", "中国建筑"]
    longest = ["中国银行", "银行", "中国建筑", "国建", "建筑"]
    assert [text[s:e] for s, e in lit.every_longest(text)] == longest
    assert not Literals([]) and list(Literals([]).finditer(text)) == []
