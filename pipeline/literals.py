"""Finding many literal strings in a text at once, leftmost-longest.

A regex alternation of thousands of names (``re.compile("|".join(names))``, longest first) is
what the rules used; Python's ``re`` tries every alternative at every position, so a sentence
took ~40 µs against the 2,000 known firms. Here each position looks up only the lengths of the
names that start with its character, longest first, in a set: the same matches, 3–5× faster.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator


class Literals:
    """A set of strings to find in texts, as a longest-first regex alternation finds them."""

    __slots__ = ("_lengths", "_names")

    def __init__(self, names: Iterable[str]) -> None:
        self._names = frozenset(n for n in names if n)
        lengths: dict[str, set[int]] = {}
        for n in self._names:
            lengths.setdefault(n[0], set()).add(len(n))
        self._lengths = {c: tuple(sorted(ns, reverse=True)) for c, ns in lengths.items()}

    def __bool__(self) -> bool:
        return bool(self._names)

    def finditer(
        self, text: str, pos: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, int]]:
        """(start, end) of the names in `text[pos:end]`, leftmost-longest, not overlapping:
        what ``finditer`` of the alternation of the names, longest first, finds."""
        lengths, names = self._lengths, self._names
        stop = len(text) if end is None else end
        i = pos
        while i < stop:
            for n in lengths.get(text[i], ()):
                if i + n <= stop and text[i : i + n] in names:
                    yield i, i + n
                    i += n
                    break
            else:
                i += 1

    def every_longest(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of the longest name starting at each position, overlapping ones
        included (the alternation inside a lookahead, ``(?=(…))``)."""
        lengths, names, stop = self._lengths, self._names, len(text)
        for i, c in enumerate(text):
            for n in lengths.get(c, ()):
                if i + n <= stop and text[i : i + n] in names:
                    yield i, i + n
                    break

    def search(self, text: str) -> bool:
        """Whether any name occurs in `text`."""
        return next(self.finditer(text), None) is not None
