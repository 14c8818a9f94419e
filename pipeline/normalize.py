"""Character-level normalization of a decoded report.

What changes: line endings become ``\\n``; zero-width characters and soft hyphens go;
full-width ASCII letters and digits, ％, and ． inside numbers become half-width; traditional
script becomes simplified (OpenCC t2s) when asked or detected; and lines broken in the middle
of a sentence by web scraping (``PM\\n2.5``, ``带技术\\n揭榜\\n。``) are joined.
What does not: Chinese punctuation (，。“”：；（）), which a blanket NFKC would rewrite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pipeline.decoding import HAN_RE

ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_FULLWIDTH_ALNUM = {
    **{chr(c): chr(c - 0xFEE0) for c in range(ord("０"), ord("９") + 1)},
    **{chr(c): chr(c - 0xFEE0) for c in range(ord("Ａ"), ord("Ｚ") + 1)},
    **{chr(c): chr(c - 0xFEE0) for c in range(ord("ａ"), ord("ｚ") + 1)},
    "％": "%",
    "\u00a0": " ",
}
_WIDTH_TABLE = str.maketrans(_FULLWIDTH_ALNUM)
_FULLWIDTH_POINT_RE = re.compile(r"(?<=\d)．(?=\d)")

# A paragraph may end after these; a long line that ends otherwise was broken mid-sentence.
_TERMINAL = set("。！？!?：:；;…”’」』）)】》—")
_OPENERS = set("（(“‘《「『【")
HEADING_START_RE = re.compile(
    r"^[\s\u3000]*(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\d{1,2}[.．、](?!\d)"
    r"|［\d+］|\[\d+\]|名词解释|注释|附件|附：)"
)
_MIN_BROKEN_LINE = 40


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    converted_to_simplified: bool
    traditional_share: float
    joined_breaks: int


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def traditional_share(text: str) -> float:
    """Share of Han characters that OpenCC's traditional→simplified conversion changes."""
    han = HAN_RE.findall(text)
    if not han:
        return 0.0
    sample = "".join(han[:20000])
    converted = _t2s().convert(sample)
    return sum(a != b for a, b in zip(sample, converted, strict=False)) / len(sample)


def normalize_newlines(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x0c", "\n")


def normalize_width(text: str) -> str:
    """Full-width ASCII letters/digits/％ → half-width; ． between digits → '.'."""
    return _FULLWIDTH_POINT_RE.sub(".", text.translate(_WIDTH_TABLE))


def _is_opener_only(line: str) -> bool:
    return len(line) <= 2 and all(ch in _OPENERS for ch in line)


def join_broken_lines(text: str) -> tuple[str, int]:
    """Join lines that scraping broke in the middle of a sentence; return text and joins made.

    A break is joined when the line before it is long (not a heading) and does not end with
    sentence- or clause-final punctuation, and the line after it is not a heading; a line that
    holds nothing but an opening bracket is joined to the line after it.
    """
    lines = text.split("\n")
    out: list[str] = []
    joins = 0
    pending_blank = 0  # blank lines seen since the last non-blank line in `out`
    for line in lines:
        stripped = line.strip()
        if not stripped:
            pending_blank += 1
            continue
        prev = out[-1].strip() if out else ""
        join = False
        if prev:
            opener_only = _is_opener_only(prev)
            broken = len(prev) >= _MIN_BROKEN_LINE and prev[-1] not in _TERMINAL
            # a lone opening bracket belongs to the line after it, never to the one before
            join = (
                (opener_only or broken)
                and not _is_opener_only(stripped)
                and not HEADING_START_RE.match(line)
            )
        if join:
            out[-1] = out[-1].rstrip() + stripped
            joins += 1
        else:
            out.extend([""] * pending_blank)
            out.append(line)
        pending_blank = 0
    out.extend([""] * pending_blank)
    return "\n".join(out), joins


def normalize_text(
    text: str,
    *,
    to_simplified: Literal["auto", "always", "never"] = "auto",
    traditional_threshold: float = 0.05,
) -> Normalized:
    """Normalize a decoded report (see the module docstring for what changes)."""
    text = normalize_newlines(text)
    text = ZERO_WIDTH_RE.sub("", text)
    text = normalize_width(text)
    share = traditional_share(text)
    convert = to_simplified == "always" or (
        to_simplified == "auto" and share > traditional_threshold
    )
    if convert:
        text = _t2s().convert(text)
    text, joins = join_broken_lines(text)
    return Normalized(
        text=text, converted_to_simplified=convert, traditional_share=share, joined_breaks=joins
    )
