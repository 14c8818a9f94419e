"""Finding many literal strings in a text at once, leftmost-longest.

A regex alternation of thousands of names (``re.compile("|".join(names))``, longest first) is
what the rules used; Python's ``re`` tries every alternative at every position: 0.55 s for the
bundled corpus's 13,000 sentences against the 1,354 known firms. Here a character class finds
the positions where a name may start, and each looks up only the lengths of the names that
start with its character, longest first, in a set: the same matches in 0.10 s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


class Literals:
    """A set of strings to find in texts, as a longest-first regex alternation finds them."""

    __slots__ = ("_first", "_lengths", "_names")

    def __init__(self, names: Iterable[str]) -> None:
        self._names = frozenset(n for n in names if n)
        lengths: dict[str, set[int]] = {}
        for n in self._names:
            lengths.setdefault(n[0], set()).add(len(n))
        self._lengths = {c: tuple(sorted(ns, reverse=True)) for c, ns in lengths.items()}
        # the positions a name may start at, found in C (a quarter of a report's characters
        # open one of 1,400 firm names)
        self._first = re.compile(
            "[" + "".join(map(re.escape, sorted(lengths))) + "]" if lengths else "(?!)"
        )

    def __bool__(self) -> bool:
        return bool(self._names)

    def finditer(
        self, text: str, pos: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, int]]:
        """(start, end) of the names in `text[pos:end]`, leftmost-longest, not overlapping:
        what ``finditer`` of the alternation of the names, longest first, finds."""
        lengths, names, search = self._lengths, self._names, self._first.search
        stop = len(text) if end is None else end
        m = search(text, pos, stop)
        while m:
            i = m.start()
            for n in lengths[text[i]]:
                if i + n <= stop and text[i : i + n] in names:
                    i += n
                    yield i - n, i
                    break
            else:
                i += 1
            m = search(text, i, stop)

    def every_longest(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of the longest name starting at each position, overlapping ones
        included (the alternation inside a lookahead, ``(?=(…))``)."""
        lengths, names, stop = self._lengths, self._names, len(text)
        for m in self._first.finditer(text):
            i = m.start()
            for n in lengths[text[i]]:
                if i + n <= stop and text[i : i + n] in names:
                    yield i, i + n
                    break

    def search(self, text: str) -> bool:
        """Whether any name occurs in `text`."""
        return next(self.finditer(text), None) is not None
