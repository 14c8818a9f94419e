"""Numbers in report text: Chinese and Arabic numerals, units, bound words.

Government reports print numbers as Arabic digits (3463.9, 1,234), full-width digits (３．５),
Chinese numerals (两千, 三千五百万, 一点二万, 百分之五点五, 五成) and mixtures of the two
(1.2万亿元). A magnitude word that ends a number stays part of the unit, as the text prints it
(1.2万亿元 → 1.2, 万亿元; 三千五百万人 → 3500, 万人); `scale_unit` turns such a unit back into a
factor and a base unit when values in different units must be compared.

`scan_quantities` finds every number with its unit and its bound word (左右, 以上, 超过, 多 …) in
a sentence, merges ranges (4.5%—5%) and leaves out what only looks like a quantity: years,
dates, ordinals, anniversaries, names with digits (PM2.5, 5G), quoted labels (“8337”) and
Chinese numerals in slogans (两个中心, 一批). It knows nothing about indicators; the indicators
stage (pipeline/indicators.py) names what each quantity measures.

Pure functions only. No third-party numeral library is needed (cn2an would convert numerals but
not split value and printed magnitude, nor find numbers in running text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CN_NUMERAL_CHARS",
    "MAGNITUDES",
    "RATE_UNITS",
    "Quantity",
    "normalize_digits",
    "parse_arabic",
    "parse_chinese",
    "parse_number",
    "parse_quantity",
    "scale_unit",
    "scan_quantities",
    "split_magnitude",
]

RATE_UNITS = ("%", "倍", "成")  # units of a rate of change (增长7.5%, 增长1.5倍, 下降五成)

_FULLWIDTH = str.maketrans(
    {**{chr(ord("０") + i): str(i) for i in range(10)}, "．": ".", "％": "%", "＋": "+", "－": "-"}
)

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
_CN_SMALL: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG: dict[str, int] = {"万": 10**4, "亿": 10**8}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG) + "点"

# Magnitude words that end a number and are printed as part of its unit, longest first
# (1.2万亿元, 3463.9亿元, 6.3万人). 十/百/千 before them belong to the value (千万 → 1000 万).
MAGNITUDES: tuple[str, ...] = ("万亿", "亿", "万")
_MAGNITUDE_FACTOR: dict[str, float] = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
_ARABIC_RE = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def normalize_digits(text: str) -> str:
    """Full-width digits, ．, ％, ＋ and － → ASCII, one character for one (offsets are kept)."""
    return text.translate(_FULLWIDTH)


def parse_arabic(text: str) -> float:
    """An Arabic number: ``3463.9``, ``1,234``, ``-2.5``, full-width ``３．５``.

    Raises:
        ValueError: If `text` is not such a number.
    """
    s = normalize_digits(text.strip()).replace("−", "-")
    if not _ARABIC_RE.match(s):
        raise ValueError(f"not an Arabic number: {text!r}")
    return float(s.replace(",", ""))


def _chinese_integer(text: str) -> int:
    if not text:
        raise ValueError("empty Chinese numeral")
    if all(ch in CN_DIGITS for ch in text):
        # digit by digit (二〇二一, 五): the positional reading
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total = 0  # everything up to the last 亿
    section = 0  # below 亿: may carry a 万 factor
    number = 0  # the pending digit
    for ch in text:
        if ch in CN_DIGITS:
            number = CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (number or 1) * _CN_SMALL[ch]  # 十二 = 12: a bare 十 means 一十
            number = 0
        elif ch == "万":
            section = (section + number or 1) * 10**4
            number = 0
        elif ch == "亿":
            total = (total + section + number or 1) * 10**8
            section = number = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + number


def parse_chinese(text: str) -> float:
    """A Chinese numeral: 两千 → 2000, 三千五百万 → 35000000, 五点五 → 5.5, 一点二万 → 12000.

    Raises:
        ValueError: If `text` is not a Chinese numeral.
    """
    text = text.strip()
    if "点" not in text:
        return float(_chinese_integer(text))
    whole, _, rest = text.partition("点")
    digits = ""
    factor = 1.0
    for i, ch in enumerate(rest):
        if ch in CN_DIGITS:
            digits += str(CN_DIGITS[ch])
            continue
        mag = rest[i:]
        if mag not in _MAGNITUDE_FACTOR:
            raise ValueError(f"not a Chinese numeral: {text!r}")
        factor = _MAGNITUDE_FACTOR[mag]
        break
    if not digits or not whole:
        raise ValueError(f"not a Chinese numeral: {text!r}")  # 零点五, not 点五
    head = _chinese_integer(whole)
    return float(f"{head}.{digits}") * factor


def split_magnitude(numeral: str) -> tuple[float, str]:
    """Split a numeral into its value and the magnitude word that ends it, as printed.

    ``三千五百万`` → (3500.0, "万"); ``一万`` → (1.0, "万"); ``万亿`` → (1.0, "万亿");
    ``1.2万亿`` → (1.2, "万亿"); ``千万`` → (1000.0, "万"); ``两千`` → (2000.0, "").

    Raises:
        ValueError: If `numeral` is not a number.
    """
    s = normalize_digits(numeral.strip())
    mag = next((m for m in MAGNITUDES if s.endswith(m)), "")
    head = s[: len(s) - len(mag)]
    if not head:
        if not mag:
            raise ValueError("empty numeral")
        return 1.0, mag  # 突破万亿元: the magnitude word alone means one of it
    if _ARABIC_RE.match(head):
        return parse_arabic(head), mag
    # Chinese: value of the whole numeral in units of the last magnitude (三亿五千万 → 35000 万)
    total = parse_chinese(s)
    return (round(total / _MAGNITUDE_FACTOR[mag], 10) if mag else total), mag


def parse_number(text: str) -> float:
    """The absolute value of a numeral, Arabic, Chinese or mixed: ``1.2万亿`` → 1.2e12.

    Raises:
        ValueError: If `text` is not a number.
    """
    value, mag = split_magnitude(text)
    return value * _MAGNITUDE_FACTOR.get(mag, 1.0)


def parse_quantity(text: str) -> tuple[float, str]:
    """A number with its unit as printed: ``1.2万亿元`` → (1.2, "万亿元"),
    ``百分之五点五`` → (5.5, "%"), ``五成`` → (5.0, "成"), ``两千`` → (2000.0, "").

    Raises:
        ValueError: If no number starts `text`.
    """
    s = normalize_digits(text.strip())
    if s.startswith("百分之"):
        return parse_chinese(s[3:]), "%"
    m = re.match(rf"[-−]?[\d,.]+|[{CN_NUMERAL_CHARS}]+", s)
    if not m:
        raise ValueError(f"no number in {text!r}")
    numeral, unit = m.group(0), s[m.end() :]
    # the magnitude word belongs to the unit: move it there
    value, mag = split_magnitude(numeral)
    return value, mag + unit


def scale_unit(unit: str) -> tuple[float, str]:
    """A printed unit as (factor, base unit): ``万亿元`` → (1e12, "元"), ``%`` → (1.0, "%")."""
    for mag in MAGNITUDES:
        if unit.startswith(mag):
            return _MAGNITUDE_FACTOR[mag], unit[len(mag) :]
    return 1.0, unit


# ---------------------------------------------------------------- quantities in text

# Units as printed after a number (with an optional magnitude word 万/亿/万亿 before them).
_BASE_UNITS = (
    "微克/立方米", "毫克/立方米", "个百分点", "百分点", "平方公里", "平方千米", "平方米",
    "立方米", "千瓦时", "千瓦", "兆瓦时", "兆瓦", "吉瓦", "标准箱", "标箱", "吨标准煤", "美元",
    "欧元", "港元", "元", "人次", "人", "名", "户", "家", "个", "项", "件", "批", "座", "所",
    "条", "颗", "场", "部", "处", "套", "辆", "艘", "架", "台", "张", "间", "栋", "次", "例",
    "种", "款", "只", "头", "株", "棵", "册", "篇", "位", "支", "组", "宗", "笔", "片", "公里",
    "千米", "米", "亩", "公顷", "吨", "公斤", "千克", "斤", "度", "天", "小时", "岁", "年",
    "倍", "成", "床", "%", "‰",
)  # fmt: skip
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_BASE_UNITS, key=len, reverse=True))
_CN_CHARS = CN_NUMERAL_CHARS.replace("点", "")
_NUMERAL_RE = re.compile(
    rf"(?P<pct>百分之(?P<pctnum>[{_CN_CHARS}]+(?:点[{_CN_CHARS}]+)?))"
    rf"|(?P<ar>(?<![\d.])\d+(?:,\d{{3}})*(?:\.\d+)?)"
    rf"|(?P<cn>[{_CN_CHARS}]+(?:点[{_CN_CHARS}]+)?)"
)
_TAIL_RE = re.compile(
    rf"(?P<q1>多|余)?(?P<mag>万亿|亿|万)?(?P<q2>多|余)?(?P<unit>{_UNIT_RE})?"
    r"(?P<post>左右|以上|以内|以下|上下)?"
)
_PRE_QUAL_RE = re.compile(
    r"(超过|突破|不低于|不少于|不超过|不高于|接近|将近|大约|近|约|逾|超|过|上)$"
)
_PRE_QUAL_MAP = {
    "超过": "超过", "超": "超过", "逾": "超过", "过": "超过", "上": "超过", "突破": "突破",
    "不低于": "不低于", "不少于": "不低于", "不超过": "不超过", "不高于": "不超过",
    "接近": "近", "将近": "近", "近": "近", "大约": "约", "约": "约",
}  # fmt: skip
_NOT_BEFORE_GUO = set("通经超跨越度不错闯难走想跑赶胜路为改穿透")
_NOT_BEFORE = {"约": set("签节合公条制预相契履守违特邀婚集简隐"), "近": set("最附邻就远亲贴靠")}
_DASHES = ("——", "－", "—", "–", "-", "~", "～", "至")
# A classifier after a small Chinese numeral is a list or a slogan (两个中心, 三大攻坚战), not data.
_SLOGAN_CLASSIFIERS = ("个", "项", "条", "种", "次", "年", "位", "件", "大")
_CATEGORY_AFTER = re.compile(r"^(?:级|代|型|号|届|周年|方面|大类|领域|线|期工程|等级|星级)")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit and bound word, offsets relative to the scanned text."""

    start: int  # bound word before the number included
    end: int  # unit and bound word after it included
    value: float
    unit: str
    qualifier: str
    chinese: bool = False
    high: float | None = None  # the upper bound of a range (value is then the lower bound)


def scan_quantities(text: str, *, chinese: bool = True) -> list[Quantity]:
    """Every number with a unit in `text` (a sentence), in order; ranges merged.

    Years (2021年), dates, ordinals (第三, 前10位), anniversaries (75周年), names with digits
    (PM2.5, 5G, C919), quoted labels (“8337”), category words (千亿县, 二级, 8车道 …) and
    Chinese numerals used as list or slogan counts (两个中心, 一批) are not quantities. Numbers
    without a unit are returned with unit "" (the caller keeps them only after a ratio name).
    """
    norm = normalize_digits(text)
    found: list[Quantity] = []
    for m in _NUMERAL_RE.finditer(norm):
        q = _quantity_at(norm, m, chinese=chinese)
        if q is not None:
            found.append(q)
    return _merge_ranges(norm, found)


def _quantity_at(text: str, m: re.Match, *, chinese: bool) -> Quantity | None:
    start, end = m.start(), m.end()
    is_cn = m.group("ar") is None
    if is_cn and not chinese:
        return None
    tail = _TAIL_RE.match(text, end)
    assert tail is not None  # every group is optional
    try:
        if m.group("pct"):
            value, mag, unit = parse_chinese(m.group("pctnum")), "", "%"
            if tail.group("unit") or tail.group("mag"):
                return None
        elif m.group("ar"):
            value, mag = parse_arabic(m.group("ar")), tail.group("mag") or ""
            unit = tail.group("unit") or ""
        else:
            value, mag = split_magnitude(m.group("cn"))
            if tail.group("mag"):
                return None  # 万万: not a numeral
            unit = tail.group("unit") or ""
    except ValueError:
        return None
    stop = tail.end() if not m.group("pct") else end + len(tail.group("post") or "")
    if unit == "家" and text.startswith("庭", stop) and not tail.group("post"):
        unit, stop = "", stop - 1  # 上千万家庭: 家 begins the noun 家庭, it is no classifier
    post = tail.group("post") or ""
    inner = tail.group("q1") or tail.group("q2")
    if not m.group("pct") and not unit and not mag and inner:
        return None  # 3个多月-like leftovers without a unit
    before = text[:start]
    pre = _PRE_QUAL_RE.search(before)
    pre_word = pre.group(1) if pre else ""
    if pre_word == "过" and (len(before) < 2 or before[-2] in _NOT_BEFORE_GUO):
        pre_word = ""
    if pre_word == "上" and not (is_cn and m.group("cn") and m.group("cn")[0] in "十百千万亿"):
        pre_word = ""
    if pre_word in ("约", "近") and len(before) >= 2 and before[-2] in _NOT_BEFORE[pre_word]:
        pre_word = ""  # 签约, 最近: the character ends another word
    if _is_noise(text, start, end, stop, value, mag, unit, is_cn, m, pre_word):
        return None
    qualifier = {"上下": "左右"}.get(post, post) or ("多" if inner else "")
    if not qualifier and pre_word:
        qualifier = _PRE_QUAL_MAP[pre_word]
    span_start = start - len(pre_word) if pre_word else start
    return Quantity(span_start, stop, value, mag + unit, qualifier, chinese=is_cn)


def _is_noise(
    text: str, start: int, end: int, stop: int, value: float, mag: str, unit: str,
    is_cn: bool, m: re.Match, pre_word: str,
) -> bool:  # fmt: skip
    left = text[start - 1] if start else ""
    right = text[end] if end < len(text) else ""
    if m.group("ar"):
        if left and (
            (left.isascii() and left.isalpha())
            or left in "+·/×∶"
            or (left == ":" and text[max(0, start - 2) : start].strip()[:1].isdigit())
        ):
            return True  # PM2.5, 2+N
        if right and ((right.isascii() and right.isalpha()) or right in "+·"):
            return True  # 5G, 4S店
        if unit == "年" and not mag and 1900 <= value <= 2100 and value.is_integer():
            return True  # a year
        if not unit and not mag and re.fullmatch(r"(19|20)\d\d", m.group("ar")):
            return True
    if left == "第" or text[max(0, start - 2) : start] in ("前第",):
        return True
    if unit in ("位", "名") and text[max(0, start - 1) : start] in ("前", "第"):
        return True
    after = text[stop:]
    if _CATEGORY_AFTER.match(after):
        return True
    if unit in ("米", "公里", "千米") and after.startswith("内"):
        return True  # 50米内换乘: a distance band
    if unit == "个" and re.match(r"(?:月|季度|工作日|小时)", after):
        return True  # 连续16个季度: a duration
    if unit.endswith("元") and re.match(r"(?:以上)?(?:城市|县|企业|项目|工程)", after):
        return True  # 过三千亿元城市, 亿元以上项目: a size class
    if text.rfind("“", 0, start) > text.rfind("”", 0, start) and "”" in text[stop : stop + 12]:
        return True  # inside a quoted label: “8337”, “21条”, “五篇大文章”
    if text[max(0, start - 2) : start] == "以下":
        return True  # 以下14个方面: the length of the list that follows
    if is_cn:
        cn = m.group("cn")
        if cn is not None:
            bare = all(ch in "十百千万亿" for ch in cn)
            if bare and not pre_word:
                return True  # 千亿县, 万人 (每万人口): magnitude words in a name
            if not (unit or mag):
                return True  # 十四五, 三中全会: numerals in names
            if value == 1 and not mag and unit not in RATE_UNITS:
                return True  # 一批, 一个: the article, not a count
            if value < 10 and not mag and unit in _SLOGAN_CLASSIFIERS:
                return True  # 两个中心, 三年: slogans and durations
    return False


def _merge_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    out: list[Quantity] = []
    i = 0
    while i < len(found):
        q = found[i]
        if i + 1 < len(found):
            nxt = found[i + 1]
            between = text[q.end : nxt.start]
            same_unit = not q.unit or q.unit == nxt.unit
            if (
                between in _DASHES
                and nxt.unit
                and same_unit
                and not q.qualifier
                and nxt.qualifier in ("", "左右")
                and q.value < nxt.value
                and (between != "至" or q.unit)
            ):
                out.append(Quantity(q.start, nxt.end, q.value, nxt.unit, "", q.chinese, nxt.value))
                i += 2
                continue
        out.append(q)
        i += 1
    return out
