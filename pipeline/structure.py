"""Header and structure of a normalized report: header fields, paragraphs, sections, sentences.

All functions are pure: they take the normalized text and return records whose offsets index it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from pipeline.types import Header, Section, Sentence, Span

CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_NUMERAL = "一二三四五六七八九十"

SALUTATION_RE = re.compile(r"各位代表[：:！!，,]?")
_HEADER_SEARCH_LIMIT = 1500  # a salutation further in than this is not the end of a header

_CN_NUM = r"[0-9〇○零一二三四五六七八九十]"
DATE_RE = re.compile(rf"(?P<y>{_CN_NUM}{{4}})年(?P<m>{_CN_NUM}{{1,3}})月(?P<d>{_CN_NUM}{{1,3}})日")
SESSION_RE = re.compile(
    r"(?:日|^|[—\-－（(])在(?P<session>[^，。；\n在]*?(?:人民代表大会|人大)[^，。；\n]*?会议)"
)
SESSION_PLACE_RE = re.compile(rf"^(?P<place>.*?)第?{_CN_NUM}+届")
TITLE_RE = re.compile(r"政府工作报告")
TITLE_PLACE_RE = re.compile(
    r"(?:\d{4}年)?(?P<place>[\u4e00-\u9fff]{2,14}?(?:省|市|自治区|特别行政区|区|县|州|盟|旗))"
    r"(?:人民)?政府工作报告"
)
_OFFICES = "国务院总理|总理|自治区主席|主席|代?(?:省长|市长|区长|县长|州长|盟长|旗长|镇长)"
OFFICE_LINE_RE = re.compile(
    rf"^[ \t\u3000]*(?P<org>[\u4e00-\u9fff（）]*?)(?P<office>{_OFFICES})[ \t\u3000]*$"
)
NAME_LINE_RE = re.compile(
    r"^[ \t\u3000]*(?P<name>[\u4e00-\u9fff](?:[ \t\u3000]?[\u4e00-\u9fff·•]){1,11})[ \t\u3000]*$"
)
SPEAKER_RE = re.compile(
    rf"^[ \t\u3000]*(?P<org>[\u4e00-\u9fff（）]*?)(?P<office>{_OFFICES})[ \t\u3000]*"
    r"(?P<name>[\u4e00-\u9fff](?:[ \t\u3000]?[\u4e00-\u9fff·•]){1,11})[ \t\u3000]*$"
)
# News copies name the speaker in a lead or a photo caption: 省长毛伟明作政府工作报告.
LEAD_SPEAKER_RE = re.compile(
    rf"(?P<office>{_OFFICES})(?P<name>[\u4e00-\u9fff]{{2,4}}?)"
    r"(?:代表[^，。,；;]{0,16}?)?作(?:了)?(?:《)?政府工作报告"
)
# A header flattened onto one line: the title opens it (2022年鄂州市政府工作报告2022年1月5日在…)
# and the speaker closes it (…会议上市长陈平).
FLAT_TITLE_RE = re.compile(r"^(?:\d{4}年)?[\u4e00-\u9fff]{0,14}?政府工作报告")
FLAT_SPEAKER_RE = re.compile(
    rf"会议上(?P<org>[\u4e00-\u9fff（）]*?)(?P<office>{_OFFICES})(?P<name>[\u4e00-\u9fff]{{2,4}})$"
)
# A web page's navigation path (首页 > 综合要闻 > 湖南省政府工作报告) is no title.
BREADCRUMB_RE = re.compile(r"[>＞›»].*[>＞›»]")
# The speaker's name alone on a line after the session line, as provincial reports print it
# (毛伟明 / 毛 伟 明): two to four characters, no word a header line ends with.
_BARE_NAME_ENDINGS = (
    "省", "市", "县", "区", "州", "旗", "盟", "报告", "会议", "会议上", "政府", "网",
)  # fmt: skip
MUNICIPALITIES = ("北京", "上海", "天津", "重庆")
_OFFICE_LEVEL = {
    "国务院总理": "national",
    "总理": "national",
    "自治区主席": "province",
    "主席": "province",
    "省长": "province",
    "市长": "city",
    "州长": "city",
    "盟长": "city",
    "区长": "district",
    "县长": "county",
    "旗长": "county",
    "镇长": "county",
}

L1_RE = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3})、")
# (and with ASCII brackets, as text copied from web pages has them: (一))
L2_RE = re.compile(r"^[（(](?P<num>[一二三四五六七八九十]{1,3})[）)]")
APPENDIX_RE = re.compile(
    r"^(?:名词解释|注释|注解|名词注释|附件\s*\d*|附录.{0,20}|附[：:].{0,30})[：:]?$"
)
_L1_MAX = 60  # longer paragraphs opening with 一、 are list items, not headings
_L2_HEADING_MAX = 80

TERMINALS = set("。！？!?")
CLOSERS = {"”": "“", "’": "‘", "」": "「", "』": "『", "）": "（", ")": "(", "》": "《", "】": "【"}
OPENERS = set(CLOSERS.values())
QUOTE_CLOSERS = set("”’」』")  # a quotation ending in 。 ends the sentence; brackets do not
_TRAILING = set("”’」』）)》】")
_MAX_QUOTE = 250  # an opener left open longer than this is a typo, not a quotation
# Inside a line, a run of white space that holds a wide space (ideographic, em …) or two or more
# spaces is the indentation of a paragraph that a flattened source left in place.
PARA_BREAK_RE = re.compile(r"[^\S\n]*[^\S\n \t][^\S\n]*|[ \t]{2,}")
UNNUMBERED_HEADING_RE = re.compile(r"^[^。！？!?：:；;，,]{4,30}$")
_HEADING_WORDS = ("回顾", "工作", "任务", "目标", "安排", "要求", "成就", "展望", "考虑", "建设")


# ---------------------------------------------------------------- numbers and dates


def cn_to_int(token: str) -> int | None:
    """Parse 23, 二十三, 十一, 二〇二六 (digit by digit) → int; None if it is not a number."""
    if token.isdigit():
        return int(token)
    if "十" not in token:
        digits = [CN_DIGITS.get(ch) for ch in token]
        if any(d is None for d in digits):
            return None
        value = 0
        for d in digits:
            value = value * 10 + d  # type: ignore[operator]
        return value
    tens, _, units = token.partition("十")
    t = 1 if tens == "" else CN_DIGITS.get(tens)
    u = 0 if units == "" else CN_DIGITS.get(units)
    if t is None or u is None or len(tens) > 1 or len(units) > 1:
        return None
    return t * 10 + u


def parse_date(text: str) -> str:
    """The first date in `text` (Arabic or Chinese numerals) as ISO 8601, or ''."""
    for m in DATE_RE.finditer(text):
        y, mo, d = (cn_to_int(m.group(k)) for k in ("y", "m", "d"))
        if y is None or mo is None or d is None:
            continue
        try:
            return dt.date(y, mo, d).isoformat()
        except ValueError:
            continue
    return ""


# ---------------------------------------------------------------- header


def _lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of text[start:end], newline excluded."""
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        yield pos, stop
        pos = stop + 1


def _is_header_line(line: str) -> bool:
    compact = re.sub(r"\s+", "", line)
    return bool(
        not compact
        or (TITLE_RE.search(compact) and len(compact) <= 40)
        or DATE_RE.search(compact)
        or compact.endswith(("会议上", "会议"))
        or SPEAKER_RE.match(line)
    )


def find_body_start(text: str) -> int:
    """Offset where the body starts: the salutation 各位代表, else after leading header lines."""
    m = SALUTATION_RE.search(text, 0, _HEADER_SEARCH_LIMIT)
    if m:
        return m.start()
    body = 0
    for start, end in _lines(text):
        if not _is_header_line(text[start:end]):
            return start if body or start else 0
        body = end
        if start > _HEADER_SEARCH_LIMIT:
            break
    return 0


def _place_level(place: str, office_level: str) -> str:
    if place == "全国":
        return "national"
    if any(place.startswith(m) for m in MUNICIPALITIES) and place.endswith("市"):
        return "province"
    if place.endswith(("省", "自治区")):
        return "province"
    if office_level:
        return office_level
    if place.endswith("县") or place.endswith("旗"):
        return "county"
    if place.endswith("区"):
        return "district"
    if place.endswith(("市", "州", "盟")):
        return "city"
    return ""


def _speaker_without_office_line(lines: list[str], compact: str) -> tuple[str, str]:
    """(speaker, office) of a header that prints no office line: a news lead or caption naming
    who gave the report (省长毛伟明作政府工作报告) or the end of a header flattened onto one
    line (…会议上市长陈平), else the name alone on a line after the session line (office
    unknown). Empty when none is there."""
    lm = LEAD_SPEAKER_RE.search(compact) or FLAT_SPEAKER_RE.search(compact)
    if lm:
        return lm.group("name"), lm.group("office")
    after = next((k for k, line in enumerate(lines) if SESSION_RE.search(re.sub(r"\s+", "", line))),
                 None)  # fmt: skip
    if after is None:
        return "", ""
    for line in lines[after + 1 :]:
        nm = NAME_LINE_RE.match(line)
        name = re.sub(r"[\s\u3000]+", "", nm.group("name")) if nm else ""
        if (
            (2 <= len(name) <= 4 or ("·" in name and len(name) <= 12))
            and not name.endswith(_BARE_NAME_ENDINGS)
            and not TITLE_RE.search(name)
        ):
            return name, ""
    return "", ""


def parse_header(text: str) -> Header:
    """Read title, date, session, speaker, office, place, level and year from the header.

    Fields the header does not state are empty: nothing is invented.
    """
    body_start = find_body_start(text)
    header = text[:body_start]
    lines = [header[s:e] for s, e in _lines(header)]
    compact = re.sub(r"\s+", "", header)

    title = ""
    for line in lines:
        c = re.sub(r"\s+", "", line)
        if (
            TITLE_RE.search(c)
            and len(c) <= 40
            and not DATE_RE.search(c)
            and not BREADCRUMB_RE.search(c)
        ):
            title = c
            break
    if not title and len(lines) == 1:
        tm = FLAT_TITLE_RE.match(compact)
        title = tm.group() if tm else ""
    date = parse_date(compact)
    m = SESSION_RE.search(compact)
    session = m.group("session") if m else ""

    speaker = office = org = ""
    content = [line for line in lines if line.strip()]
    for k, line in enumerate(content):
        sm = SPEAKER_RE.match(line)
        if not sm and k + 1 < len(content):
            # the office on one line and the name on the next (北京市市长 / 殷勇)
            om, nm = OFFICE_LINE_RE.match(line), NAME_LINE_RE.match(content[k + 1])
            if om and nm and not TITLE_RE.search(content[k + 1]):
                speaker = re.sub(r"[\s\u3000]+", "", nm.group("name"))
                office, org = om.group("office"), om.group("org")
        elif sm and "代表大会" not in line:
            speaker = re.sub(r"[\s\u3000]+", "", sm.group("name"))
            office, org = sm.group("office"), sm.group("org")
        if speaker:
            if office == "总理" and ("国务院" in org or not org):
                office = "国务院总理"
            break
    if not speaker:
        speaker, office = _speaker_without_office_line(content, compact)

    place = ""
    if session:
        pm = SESSION_PLACE_RE.match(session)
        place = pm.group("place") if pm else ""
        if not place and "全国人民代表大会" in session:
            place = "全国"
    if not place and title:
        tm = TITLE_PLACE_RE.search(title)
        place = tm.group("place") if tm else ""
    if not place and org:
        place = org.replace("人民政府", "").replace("政府", "")
    if office == "国务院总理":
        place = place or "全国"
    level = _place_level(place, _OFFICE_LEVEL.get(office.lstrip("代"), "")) if place else ""
    if not level and office:
        level = _OFFICE_LEVEL.get(office.lstrip("代"), "")
    year: int | None = int(date[:4]) if date else None
    if year is None and title:
        ym = re.match(r"(\d{4})年", title)
        year = int(ym.group(1)) if ym else None
    return Header(
        title=title,
        date=date,
        session=session,
        speaker=speaker,
        office=office,
        place=place,
        level=level,
        year=year,
        end=body_start,
    )


# ---------------------------------------------------------------- paragraphs


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_paragraphs(text: str, start: int, end: int | None = None) -> list[Span]:
    """Paragraph spans of text[start:end].

    A paragraph is a line (blank-line or single-newline separated), further split where a
    flattened source left only indentation: a run of ideographic spaces or of two or more
    spaces inside a line.
    """
    spans: list[Span] = []
    for ls, le in _lines(text, start, end):
        pos = ls
        for m in PARA_BREAK_RE.finditer(text, ls, le):
            s, e = _strip_span(text, pos, m.start())
            if s < e:
                spans.append(Span(s, e))
            pos = m.end()
        s, e = _strip_span(text, pos, le)
        if s < e:
            spans.append(Span(s, e))
    return spans


# ---------------------------------------------------------------- sections


def _heading_end(text: str, para: Span) -> int:
    """End of a run-in heading: its first sentence-final mark, else the whole paragraph."""
    for i in range(para.start, para.end):
        if text[i] in TERMINALS:
            return i
    return para.end


def _is_unnumbered_heading(ptext: str) -> bool:
    return bool(
        UNNUMBERED_HEADING_RE.match(ptext)
        and any(w in ptext for w in _HEADING_WORDS)
        and not ptext.startswith(("各位代表", "（", "("))
    )


def find_sections(text: str, paragraphs: list[Span], body_end: int) -> list[Section]:
    """Numbered level-1 (一、) and level-2 (（一）) headings, and appendices, in text order.

    Numbers must run in sequence (level 2 restarts under each level 1), so a list item that
    happens to start with 一、 inside a section is not taken for a heading. A report without
    numbered level-1 headings gets its short stand-alone heading lines (“十四五”时期工作回顾,
    2026年重点工作) as level 1.
    """
    found = _find_sections(text, paragraphs, unnumbered=False)
    if not any(f[1] == 1 and not f[5] for f in found):
        found = _find_sections(text, paragraphs, unnumbered=True)
    sections: list[Section] = []
    for i, (sid, depth, start, hend, parent, appx) in enumerate(found):
        span_end = body_end
        for later in found[i + 1 :]:
            if later[1] <= depth:
                span_end = later[2]
                break
        _, span_end = _strip_span(text, start, span_end)
        sections.append(
            Section(
                section_id=sid,
                depth=depth,
                heading=text[start:hend],
                start=start,
                end=hend,
                span_start=start,
                span_end=span_end,
                parent_id=parent,
                appendix=appx,
            )
        )
    return sections


def _find_sections(
    text: str, paragraphs: list[Span], *, unnumbered: bool
) -> list[tuple[str, int, int, int, str, bool]]:
    found: list[tuple[str, int, int, int, str, bool]] = []  # id, depth, start, end, parent, appx
    l1 = l2 = appendix = 0
    current_l1 = ""
    for para in paragraphs:
        ptext = text[para.start : para.end]
        if APPENDIX_RE.match(ptext):
            appendix += 1
            current_l1 = f"a{appendix:02d}"
            found.append((current_l1, 1, para.start, para.end, "", True))
            continue
        if appendix:
            continue  # numbered notes inside an appendix are not report sections
        if unnumbered and _is_unnumbered_heading(ptext):
            l1 += 1
            l2 = 0
            current_l1 = f"s{l1:02d}"
            found.append((current_l1, 1, para.start, para.end, "", False))
            continue
        m1 = None if unnumbered else L1_RE.match(ptext)
        if m1 and cn_to_int(m1.group("num")) == l1 + 1:
            hend = para.end if len(ptext) <= _L1_MAX else _heading_end(text, para)
            if hend - para.start <= _L1_MAX:
                l1 += 1
                l2 = 0
                current_l1 = f"s{l1:02d}"
                found.append((current_l1, 1, para.start, hend, "", False))
                continue
        m2 = L2_RE.match(ptext)
        if m2 and cn_to_int(m2.group("num")) == l2 + 1:
            hend = _heading_end(text, para)
            if hend - para.start <= _L2_HEADING_MAX:
                l2 += 1
                sid = f"{current_l1 or 's00'}.{l2:02d}"
                found.append((sid, 2, para.start, hend, current_l1, False))
    return found


# ---------------------------------------------------------------- sentences


def sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph text[start:end].

    Splits after 。！？ (and the closing quotes or brackets that follow), never inside “…”,
    （…） or 《…》; a quotation that ends a sentence (…。”) ends it after the closing mark.
    """
    bounds: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    sent_start = start
    i = start
    while i < end:
        ch = text[i]
        cut = False
        if ch in OPENERS:
            stack.append((ch, i))
        elif ch in CLOSERS:
            if stack and stack[-1][0] == CLOSERS[ch]:
                stack.pop()
                # 。” ends the sentence once no quote is open; 。） and 。》 do not
                if not stack and ch in QUOTE_CLOSERS and i > start and text[i - 1] in TERMINALS:
                    cut = True
        elif ch in TERMINALS:
            if stack and i - stack[0][1] > _MAX_QUOTE:
                stack.clear()  # an opener left open by a typo must not swallow the paragraph
            if not stack:
                cut = True
        if cut:
            j = i + 1
            while j < end and (text[j] in TERMINALS or (text[j] in _TRAILING and not stack)):
                if text[j] in CLOSERS and stack:
                    break
                j += 1
            s, e = _strip_span(text, sent_start, j)
            if s < e:
                bounds.append((s, e))
            sent_start = j
            i = j
            continue
        i += 1
    s, e = _strip_span(text, sent_start, end)
    if s < e:
        bounds.append((s, e))
    return bounds


def split_sentences(text: str, paragraphs: list[Span], sections: list[Section]) -> list[Sentence]:
    """Sentences of every paragraph, with the section (deepest enclosing) and paragraph ids.

    A run-in heading (（一）经济运行稳中向好。…) is a sentence of its own.
    """
    heads = sorted(sections, key=lambda s: (s.span_start, s.depth))
    out: list[Sentence] = []
    for p_index, para in enumerate(paragraphs, start=1):
        pieces: list[tuple[int, int]] = []
        head = next((s for s in heads if s.start == para.start), None)
        if head is not None and head.end < para.end:
            hend = head.end + (1 if text[head.end] in TERMINALS else 0)
            pieces.append((para.start, hend))
            pieces.extend(sentence_bounds(text, hend, para.end))
        else:
            pieces.extend(sentence_bounds(text, para.start, para.end))
        for s, e in pieces:
            section_id = ""
            for sec in heads:
                if sec.span_start <= s < sec.span_end:
                    section_id = sec.section_id  # later (deeper) matches overwrite
            out.append(
                Sentence(
                    sentence_id=len(out) + 1,
                    section_id=section_id,
                    paragraph_id=p_index,
                    start=s,
                    end=e,
                    text=text[s:e],
                )
            )
    return out


_SPACE_RE = re.compile(r"\s")


def non_space_count(text: str) -> int:
    """Characters that are not white space (str.isspace's and re's \\s agree on str)."""
    return len(text) - len(_SPACE_RE.findall(text))
