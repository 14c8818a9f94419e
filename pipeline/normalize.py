"""Character-level normalization of a decoded report.

What changes: line endings become ``\\n``; zero-width characters and soft hyphens go;
full-width ASCII letters and digits, ％, and ． inside numbers become half-width; traditional
script becomes simplified (OpenCC t2s) when asked or detected; lines broken in the middle of a
sentence by web scraping (``PM\\n2.5``, ``带技术\\n揭榜\\n。``) or by a print layout's hard wrap
(text taken from a PDF: every full line equally long) are joined, and the page numbers such a
layout leaves between them (``— 3 —``, ``第3页``) go.
ASCII punctuation in Chinese prose (工程开工,三条主干道; 增长10.1%;地方财政; 先进县(区);
"放管服"改革), as some converters and typists leave it, becomes the Chinese mark (，；（）“”),
so that sentences, clauses and quoted names split as in any report; numbers (1,000), times (10:30),
Latin text and URLs keep theirs.
Text saved with a web page's markup loses its tags and has its character references
resolved (<p>…</p>, &ldquo;, &nbsp;); lines spaced out character by character (政 府 工 作 报 告,
as PDF extractors read a justified layout's stretched lines) are closed up; Markdown's marks
(## headings, **bold**, bullets) go from text a converter wrote as Markdown, and readings in
Pinyin that some web sites print after characters (現(xiàn)在), and the mark a site appends to
every line of a page (…意见。pbY), go from pages copied from them.
What does not: Chinese punctuation (，。“”：；（）), which a blanket NFKC would rewrite.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pipeline.decoding import HAN_RE
from pipeline.structure import SALUTATION_RE

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
    r"^[\s\u3000]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?!\d)"
    r"|［\d+］|\[\d+\]|名词解释|注释|附件|附：)"
)
_MIN_BROKEN_LINE = 40
# A line that is nothing but a page's number: decorated (— 3 —, - 12 -, ·5·), 第3页, 3/40
PAGE_NUMBER_RE = re.compile(
    r"[\s\u3000]*(?:[-—–－·•]+[\s\u3000]*\d{1,3}[\s\u3000]*[-—–－·•]+"
    r"|第[\s\u3000]*\d{1,3}[\s\u3000]*页(?:[\s\u3000]*(?:[/／]|共)[\s\u3000]*\d{1,3}[\s\u3000]*页?)?"
    r"|\d{1,3}[\s\u3000]*[/／][\s\u3000]*\d{1,3})[\s\u3000]*"
)
_BARE_NUMBER_RE = re.compile(r"[\s\u3000]*\d{1,3}[\s\u3000]*")  # a page number, in wrapped text
# Hard-wrapped text: of the lines of 12 characters or more (at least 20 of them), this share is
# within one character of the commonest length, which is a page's line (16 to 80 characters)
_WRAP_SHARE, _WRAP_MIN_LINES, _MIN_WRAP, _MAX_WRAP = 0.3, 20, 16, 80


_HAN = HAN_RE.pattern[1:-1]  # the ranges of Han characters (decoding.HAN_RE)
# Chinese prose around a mark: Han characters, CJK and full-width punctuation, Chinese quotes
_CJK = rf"[{_HAN}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’…—]"
_FULL_MARK = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
# a mark with Chinese prose on either side, not between two digits (1,000; 10:30); the spaces
# around a changed mark go with it
_MARK_RE = re.compile(r"[ \t]*([,;:!?])[ \t]*")
# brackets and straight double quotes around (or beside) Chinese prose
_PAREN_RE = re.compile(r"\(([^()\n]{0,60}?)\)")
_QUOTE_RE = re.compile(r'"([^"\n]{1,60}?)"')
_HAN_OR_CJK_RE = re.compile(_CJK)


def _neighbours(m: re.Match) -> tuple[str, str]:
    """The characters just before and after a match ("a" at either end of the text)."""
    return m.string[m.start() - 1 : m.start()] or "a", m.string[m.end() : m.end() + 1] or "a"


def _beside_prose(m: re.Match) -> bool:
    return any(_HAN_OR_CJK_RE.fullmatch(ch) for ch in _neighbours(m))


def _in_prose(m: re.Match) -> bool:
    """Whether a bracketed or quoted span holds Han characters or has Chinese prose beside it."""
    return bool(HAN_RE.search(m.group(1))) or _beside_prose(m)


_ENTITY_RE = re.compile(r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")
_TAG_RE = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]{0,9})(?:\s[^<>\n]{0,300})?/?>")
_BLOCK_TAGS = frozenset(
    ("p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section")
)


def strip_markup(text: str) -> tuple[str, int]:
    """Text saved from a web page with its markup: HTML tags go (a block's tag — <p>, <br>,
    <div> … — ends a line) and character references are resolved (&ldquo; → “, &nbsp; → a
    space, &#12290; → 。). Only when the text holds three or more of either, so that a report
    quoting a lone ``&`` or ``<`` keeps it. Returns the text and the tags and references
    replaced."""
    import html

    tags = _TAG_RE.findall(text)
    entities = _ENTITY_RE.findall(text)
    changed = 0
    if len(tags) >= 3:
        text, n = _TAG_RE.subn(lambda m: "\n" if m.group(1).lower() in _BLOCK_TAGS else "", text)
        changed += n
    if len(entities) >= 3:
        changed += len(entities)
        text = html.unescape(text)
    return text, changed


_MD_HEADING_RE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_MD_LINE_MARK_RE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?|[-*+][ \t]+)", re.MULTILINE)
_MD_EMPHASIS_RE = re.compile(r"\*\*|__")


def strip_markdown(text: str) -> tuple[str, int]:
    """Text converted to Markdown (by a document converter) back to plain text: heading marks
    (## 一、…), block quotes, list bullets and bold marks (**一是…**) go, when the text holds
    three or more headings or bold spans. Returns the text and the marks removed."""
    headings = len(_MD_HEADING_RE.findall(text))
    bold = len(_MD_EMPHASIS_RE.findall(text)) // 2
    if headings + bold < 3:
        return text, 0
    text, n1 = _MD_HEADING_RE.subn("", text)
    text, n2 = _MD_LINE_MARK_RE.subn("", text)
    text, n3 = _MD_EMPHASIS_RE.subn("", text)
    return text, n1 + n2 + n3


# A syllable of Hanyu Pinyin with a tone mark (xiàn, bào, lǜ), in ASCII or full-width brackets
# right after a Han character: the reading some web sites print after characters they think
# hard (現(xiàn)在, 報(bào)告), which pages copied from them keep.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_GLOSS_RE = re.compile(
    rf"(?<=[{_HAN}])[(（](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,6}}[)）]"
)


def strip_pinyin_glosses(text: str) -> tuple[str, int]:
    """Readings in Pinyin that a web site put after characters (現(xiàn)在, 發(fā)展) removed,
    when the text holds three or more: a syllable with a tone mark in brackets right after a Han
    character. Returns the text and the glosses removed."""
    if len(_PINYIN_GLOSS_RE.findall(text, 0, 200_000)) < 3:
        return text, 0
    return _PINYIN_GLOSS_RE.subn("", text)


# A short Latin token that a web site appends to the lines of a page it serves (…意见。pbY):
# copied with the text, it ends a large share of the lines and occurs nowhere else.
_LINE_END_TOKEN_RE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]{1,5})[ \t\u3000]*$", re.MULTILINE
)
_MIN_MARKED_LINES, _MIN_MARKED_SHARE = 5, 0.3


def strip_line_marks(text: str) -> tuple[str, int]:
    """A web site's mark at the ends of lines (pbY) removed: a token of two to six Latin
    letters or digits that ends five or more lines and at least 30 % of the non-empty ones and
    is found nowhere but at a line's end. Returns the text and the marks removed."""
    ends = Counter(m.group(1) for m in _LINE_END_TOKEN_RE.finditer(text))
    if not ends:
        return text, 0
    mark, count = ends.most_common(1)[0]
    lines = sum(1 for line in text.split("\n") if line.strip())
    if count < _MIN_MARKED_LINES or count < _MIN_MARKED_SHARE * lines:
        return text, 0
    if len(re.findall(rf"(?<![A-Za-z0-9]){re.escape(mark)}(?![A-Za-z0-9])", text)) > count:
        return text, 0  # the token is also a word of the text
    return re.subn(rf"(?<![A-Za-z0-9]){re.escape(mark)}[ \t\u3000]*$", "", text, flags=re.MULTILINE)


# a space, an ideographic space (政　府　工　作　报　告, as titles are often typed) or a tab
_GAP = " \u3000\t"
_SPACED_PAIR_RE = re.compile(rf"(?<=[{_HAN}])[{_GAP}](?=[{_HAN}])")
_CLOSE_PAIR_RE = re.compile(rf"[{_HAN}](?=[{_HAN}])")
_SINGLE_SPACE_RE = re.compile(rf"(?<![{_GAP}])[{_GAP}](?![{_GAP}])")
_SPACE_RUN_RE = re.compile(rf"[{_GAP}]{{2,}}")


def despace_lines(text: str) -> tuple[str, int]:
    """Lines whose characters are spaced out (政 府 工 作 报 告: a PDF extractor's reading of a
    line that a justified layout stretched, or a title typed with ideographic spaces) closed
    up: single spaces, ideographic spaces or tabs go (S K 海 力 士 → SK海力士), a wider gap, a
    space of the text itself, becomes one space. A line counts as spaced out when three or
    more pairs of Han characters are one such space apart and no more pairs touch. Returns the
    text and the lines closed up."""
    lines = text.split("\n")
    closed = 0
    for i, line in enumerate(lines):
        spaced = len(_SPACED_PAIR_RE.findall(line))
        if spaced < 3 or spaced < len(_CLOSE_PAIR_RE.findall(line)):
            continue
        body = line.lstrip(_GAP)
        lead = line[: len(line) - len(body)]
        body = _SPACE_RUN_RE.sub(" ", _SINGLE_SPACE_RE.sub("", body))
        lines[i] = lead + body
        closed += 1
    return "\n".join(lines), closed


def cjk_punctuation(text: str) -> tuple[str, int]:
    """ASCII , ; : ! ? ( ) and straight quotes in Chinese prose → ，；：！？（）“”; returns the text
    and the marks changed."""
    changed = 0

    def mark(m: re.Match) -> str:
        nonlocal changed
        before, after = _neighbours(m)
        if not _beside_prose(m) or (before.isdigit() and after.isdigit()):
            return m.group(0)
        changed += 1
        return _FULL_MARK[m.group(1)]

    def paren(m: re.Match) -> str:
        nonlocal changed
        if not _in_prose(m):
            return m.group(0)
        changed += 2
        return f"（{m.group(1)}）"

    def quote(m: re.Match) -> str:
        nonlocal changed
        if not _in_prose(m):  # "8337"发展思路, “1+N”: a code quoted in Chinese prose too
            return m.group(0)
        changed += 2
        return f"“{m.group(1)}”"

    text = _PAREN_RE.sub(paren, text)
    text = _QUOTE_RE.sub(quote, text)
    text = _MARK_RE.sub(mark, text)
    return text, changed


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    converted_to_simplified: bool
    traditional_share: float
    joined_breaks: int
    page_numbers: int = 0  # page-number lines dropped
    wrap_width: int | None = None  # the width the text was hard-wrapped at, if it was
    ascii_marks: int = 0  # ASCII punctuation marks in Chinese prose made Chinese


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
    for brk in ("\u2028", "\u2029", "\x0c", "\x0b", "\x85"):  # (\x0b: Word's manual line break)
        text = text.replace(brk, "\n")
    return text


def normalize_width(text: str) -> str:
    """Full-width ASCII letters/digits/％ → half-width; ． between digits → '.'."""
    return _FULLWIDTH_POINT_RE.sub(".", text.translate(_WIDTH_TABLE))


def _is_opener_only(line: str) -> bool:
    return len(line) <= 2 and all(ch in _OPENERS for ch in line)


def wrap_width(text: str) -> int | None:
    """The line width a print layout hard-wrapped `text` at, or None when its lines are
    paragraphs (or scraping breaks, which vary in length)."""
    lengths = [len(s) for line in text.split("\n") if len(s := line.strip()) >= 12]
    if len(lengths) < _WRAP_MIN_LINES:
        return None
    counts = Counter(lengths)
    width = max(counts, key=lambda k: (counts[k], k))
    near = sum(n for k, n in counts.items() if abs(k - width) <= 1)
    if not _MIN_WRAP <= width <= _MAX_WRAP or near < _WRAP_SHARE * len(lengths):
        return None
    return width


def drop_page_numbers(text: str, *, wrapped: bool, width: int = _MAX_WRAP) -> tuple[str, int]:
    """Drop the lines that are only a page's number (— 3 —, 第3页; a bare 3 only in hard-wrapped
    text) and, in hard-wrapped text, a page's running head or foot after the header (a line of 4
    to 30 characters, shorter than the text's `width`, repeated on three pages or more, or on two
    when it names the report, at least a page's lines apart, and ending no sentence:
    2026年甘肃省政府工作报告); return the text and the lines dropped."""
    lines = text.split("\n")
    # the header (up to the salutation, or the first three lines) holds the title itself
    head = _salutation_line(lines)
    head = 3 if head is None else head
    running: set[str] = set()
    if wrapped:
        where: dict[str, list[int]] = {}
        for i, line in enumerate(lines[head:], head):
            if 4 <= len(s := line.strip()) <= min(_RUNNING_MAX, width - 4):  # (not a full line)
                where.setdefault(s, []).append(i)
        running = {
            s
            for s, at in where.items()
            if (len(at) >= 3 or (len(at) >= 2 and "工作报告" in s))  # (naming the report: 2 pages)
            and min(b - a for a, b in itertools.pairwise(at)) >= _PAGE_LINES  # a page apart
            and not _ends_sentence(s)
            and s[0] not in _CONTINUING
        }
    keep: list[str] = []
    dropped = 0
    for i, line in enumerate(lines):
        if (
            PAGE_NUMBER_RE.fullmatch(line)
            or (wrapped and _BARE_NUMBER_RE.fullmatch(line))
            or (i >= head and line.strip() in running)
        ):
            dropped += 1
        else:
            keep.append(line)
    return ("\n".join(keep), dropped) if dropped else (text, 0)


_RUNNING_MAX = 30  # characters of a running head or foot at most
_PAGE_LINES = 12  # lines between two of them at least (a page's)


def _ends_sentence(line: str) -> bool:
    """A hard-wrapped line ends a paragraph only after a sentence's end (。, ！, ？, …, also
    inside a closing quote or bracket: 。” ): a clause mark or a closing quote alone (“净网”|行动)
    falls at a line's end mid-sentence."""
    if line[-1] in _SENTENCE_END:
        return True
    return line[-1] in _CLOSERS and len(line) >= 2 and line[-2] in _SENTENCE_END


_SENTENCE_END = set("。！？!?…")
# A line opening with these goes on from the line before (带技术揭榜|；“成果找市场”…)
_CONTINUING = set("，。；：、！？!?,;:）)》」』】”’…")
_CLOSERS = set("”’」』）)】》")


def join_broken_lines(
    text: str, min_line: int = _MIN_BROKEN_LINE, *, wrapped: bool = False
) -> tuple[str, int]:
    """Join lines that scraping broke in the middle of a sentence; return text and joins made.

    A break is joined when the line before it is long (`min_line` characters or more: not a
    heading) and does not end with sentence- or clause-final punctuation, and the line after it
    is not a heading; a line that holds nothing but an opening bracket is joined to the line
    after it, and so is a line opening with a clause mark to the line before it.

    In `wrapped` text (a print layout's lines, `min_line` a few characters short of their width)
    a long line goes on unless it ends a sentence, whatever the next line looks like (第|一、二轮
    中央生态环保督察…: no heading), unless the next line is indented (a paragraph's first line);
    the length that counts is the last line's, not that of the lines joined so far; the header
    lines before the salutation (各位代表) stay as they are.
    """
    lines = text.split("\n")
    out: list[str] = []
    joins = 0
    pending_blank = 0  # blank lines seen since the last non-blank line in `out`
    last = ""  # the last non-blank line as it was (before any join), with its indent
    last_opens = False  # whether `last` opened its paragraph (was not joined to a line)
    # wrapped text is joined from the salutation on, when there is one (the header's lines are
    # short and its subtitle may fill a line: ——…会议上|甘肃省省长 任振鹤)
    header_end = (_salutation_line(lines) or 0) if wrapped else 0
    # a layout that indents every paragraph's first line: a full line ending a sentence goes on
    # into a line that is not indented (the paragraph does)
    indents = wrapped and _indents_paragraphs(lines, min_line)
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            pending_blank += 1
            continue
        prev = out[-1].strip() if out else ""
        join = False
        if prev and i >= header_end:
            opener_only = _is_opener_only(prev)
            long = len(last if wrapped else prev) >= min_line  # (an indent fills the line too)
            if wrapped and last_opens and HEADING_START_RE.match(last.lstrip()):
                # a heading fills its line when it goes on (二、关于《…》的说明 three characters
                # short of the width is a whole heading, not a line broken by the layout)
                long = len(last) >= min_line + _HEADING_FULL
            scraped = len(prev) >= _MIN_BROKEN_LINE and prev[-1] not in _TERMINAL
            # (wrapped text may hold scraping breaks too: 带技术|揭榜|；)
            if wrapped:
                broken = (long and not _ends_sentence(prev)) or scraped
            else:
                broken = long and prev[-1] not in _TERMINAL
            if wrapped and _INDENT_RE.match(line):
                broken = False  # an indented line opens a paragraph in a print layout
            elif indents and long and not HEADING_START_RE.match(line):
                broken = True  # (…全面达标。|第一、二轮…: the sentence ended, not the paragraph)
            join = (
                (opener_only or broken or stripped[0] in _CONTINUING)
                # a lone opening bracket belongs to the line after it, never to the one before
                and not _is_opener_only(stripped)
                # (in wrapped text a word cut at the line's end goes on even before what looks
                # like a heading: 第|一、二轮; after a colon or a comma the heading stands)
                and (
                    not HEADING_START_RE.match(line)
                    or (wrapped and broken and (prev[-1].isalnum() or prev[-1] in _CLOSERS))
                )
            )
        if join:
            out[-1] = out[-1].rstrip() + stripped
            joins += 1
        else:
            out.extend([""] * pending_blank)
            out.append(line)
        last, last_opens = line.rstrip(), not join
        pending_blank = 0
    out.extend([""] * pending_blank)
    return "\n".join(out), joins


def _indents_paragraphs(lines: list[str], min_line: int) -> bool:
    """Whether the lines after a paragraph's clear end (a short line ending a sentence) are
    indented, nearly all of them (at least 5, 80 %): the layout marks paragraphs so."""
    starts = indented = 0
    prev = ""
    for line in lines:
        if not line.strip():
            continue
        if prev and len(prev.rstrip()) < min_line and _ends_sentence(prev.strip()):
            starts += 1
            indented += bool(_INDENT_RE.match(line))
        prev = line
    return starts >= 5 and indented >= 0.8 * starts


def _salutation_line(lines: list[str]) -> int | None:
    """The index of the line that is the salutation (各位代表：) among the first 40, if any."""
    return next((i for i, x in enumerate(lines[:40]) if SALUTATION_RE.fullmatch(x.strip())), None)


_INDENT_RE = re.compile(r"\u3000|[ \t]{2,}")
_HEADING_FULL = 3  # how much longer than `min_line` (the width less 3) a heading's full line is


def normalize_text(
    text: str,
    *,
    to_simplified: Literal["auto", "always", "never"] = "auto",
    traditional_threshold: float = 0.05,
) -> Normalized:
    """Normalize a decoded report (see the module docstring for what changes)."""
    text = normalize_newlines(text)
    text, _ = strip_markup(text)
    text, _ = strip_markdown(text)
    text, _ = strip_pinyin_glosses(text)
    text, _ = strip_line_marks(text)
    text = ZERO_WIDTH_RE.sub("", text)
    text = normalize_width(text)
    share = traditional_share(text)
    convert = to_simplified == "always" or (
        to_simplified == "auto" and share > traditional_threshold
    )
    if convert:
        text = _t2s().convert(text)
    # before the line width is measured: a spaced-out line is twice as long as its neighbours
    text, _ = despace_lines(text)
    width = wrap_width(text)
    text, pages = drop_page_numbers(text, wrapped=width is not None, width=width or _MAX_WRAP)
    # a hard-wrapped line ends a paragraph only when it is short or ends a sentence (a line a
    # few characters short of the width: the layout moved a number or a bracket on)
    text, joins = join_broken_lines(
        text, min(_MIN_BROKEN_LINE, width - 3) if width else _MIN_BROKEN_LINE,
        wrapped=width is not None,
    )  # fmt: skip
    # after the joins: a mark that a layout moved to a line of its own has its prose back
    text, marks = cjk_punctuation(text)
    return Normalized(
        text=text, converted_to_simplified=convert, traditional_share=share, joined_breaks=joins,
        page_numbers=pages, wrap_width=width, ascii_marks=marks,
    )  # fmt: skip
