"""Indicators stage: quantitative statements, outcomes and targets (shared/spec/indicators.md).

Reads: the ingested documents, the canonical indicator names (resources/indicator_names.tsv) and
optionally the development gold (data/gold/indicators/gold.csv) to score itself.
Writes: indicators.csv (one row per quantity: indicator, kind, value, unit, change, qualifier,
modal, period, offsets), the per-report headline table (GDP level and growth of the past year,
the targets of the coming year), the cross-report comparison of targets with the previous year's
outcome and the next report's outcome, figures (growth targets with their qualifiers; target vs
outcome per place with consecutive reports) and the stage metrics (counts; precision/recall on
the gold, development and held-out reports apart).
Params: ``indicators.numerals`` (arabic | all), ``indicators.unnamed`` (keep | drop),
``indicators.scope`` (all | headline), ``indicators.heldout`` (gold reports kept out of
development), ``indicators.figure_format`` (png | svg).

The extractor is rule-based and works on one sentence at a time. `scan_quantities` finds each
number with its unit, its bound word (左右, 以上, 超过 …) and ranges (4.5%—5% → two bounds);
`extract_sentence` finds the indicator named to the left of the predicate
(地区生产总值 完成 3463.9亿元), carries it over elided clauses (…，增长7.5%),
distributes 分别/均 constructions over their coordinated names, and reads the
rate-of-change verb and its sign, the modal word and the kind and period markers of the
clause. `document_contexts` gives each sentence its default kind from the report's
structure: the 主要预期目标 paragraph makes targets, the review section actuals.

Scoring (`evaluate`, also ``python -m pipeline.indicators evaluate``): a prediction matches a
gold row on (doc_id, sentence_id, indicator, value, unit, kind, change, qualifier); the
indicator matches on the canonical name, or on the printed name when neither is canonical.
Precision counts predictions in the paragraphs the gold covers (those with a gold row).
"Headline" paragraphs are the targets paragraphs and the overview paragraphs whose gold rows
all belong to the review year (not the multi-year "——" bullets); "headline indicators" are the
rows whose canonical name is flagged ``headline`` in the names file.
"""

from __future__ import annotations

import itertools
import logging
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

import typer

from pipeline import config
from pipeline.config import IndicatorsParams
from pipeline.io import columns_of, read_csv, write_csv, write_json
from pipeline.numbers import (
    MAGNITUDES,
    RATE_UNITS,
    Quantity,
    normalize_digits,
    scale_unit,
    scan_quantities,
)
from pipeline.types import Document

log = logging.getLogger(__name__)

KINDS = ("actual", "target")
QUALIFIERS = ("左右", "以上", "以内", "以下", "超过", "突破", "多", "近", "约", "不低于", "不超过")
RANGE_LOW, RANGE_HIGH = "range_low", "range_high"
MODALS = ("努力争取", "力争", "确保", "努力", "争取")


# IndicatorsParams lives in pipeline/config.py with the other params (STYLE point 4).


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    doc_id: str
    sentence_id: int
    indicator: str
    kind: str  # actual | target
    value: float
    unit: str
    change: bool  # a rate of change (增长7.5%), not a level
    qualifier: str  # 左右, 以上, … range_low/range_high, or ""
    modal: str  # 力争, 确保, 努力, 争取, 努力争取 or ""
    period: str  # 2021, 2018-2022, 十四五 …
    indicator_raw: str  # the name as printed (a coordinated phrase for 分别 rows)
    headline: bool  # the canonical name is a headline indicator
    role: str  # overview | targets | ""
    section_id: str
    paragraph_id: int
    start: int  # offsets of the quantity (number, unit and bound word) in the document text
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class HeadlineRow:
    doc_id: str
    place: str
    year: int | None
    kind: str
    period: str
    indicator: str
    value: float
    unit: str
    change: bool
    qualifier: str
    modal: str
    sentence_id: int
    text: str


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    doc_id: str
    place: str
    level: str
    year: int | None
    indicator: str
    unit: str
    change: bool
    target_low: float
    target_high: float
    target_qualifier: str  # 左右, 以上, … or "range"
    target_modal: str
    target_text: str
    previous_actual: float | None  # the same report's outcome for the year before
    previous_actual_qualifier: str
    outcome: float | None  # the outcome for the target year, from the place's next report
    outcome_qualifier: str
    outcome_doc_id: str
    gap: float | None  # outcome − lower bound of the target


# ---------------------------------------------------------------- params


def load_params(path: Path) -> IndicatorsParams:
    """The ``indicators`` section of params.yaml, validated."""
    return config.load_params(path, "indicators")


# ---------------------------------------------------------------- canonical names

_BRACKETS_RE = re.compile(r"（[^）]*）|\([^)]*\)|[“”\"‘’「」『』《》\s]")
_SCOPE_RE = re.compile(
    r"^(?:全国|全省|全市|全区|全县|全州|全盟|全自治区|我国|我省|我市|我区|本市|本省|"
    r"地级及以上城市|地级以上城市|设区市|区本级|市本级|省本级|县本级)"
)
_RATE_WORD_RE = re.compile(
    r"(?:增速|增幅|涨幅|降幅|增长率|增长速度|年均增速|总量|规模|平均值|均值|平均水平)$"
)


def default_names() -> Path:
    return Path(str(resources.files("pipeline.resources").joinpath("indicator_names.tsv")))


@dataclass(frozen=True)
class Names:
    """Canonical indicator names: alias → canonical, and the headline set."""

    aliases: Mapping[str, str]
    headline: frozenset[str]
    canonical: frozenset[str] = field(default_factory=frozenset)

    def lookup(self, raw: str) -> str:
        """The canonical name of a printed name, or "" when the names file does not list it."""
        key = name_key(raw)
        for candidate in (key, _SCOPE_RE.sub("", key)):
            for form in (candidate, _RATE_WORD_RE.sub("", candidate)):
                if form in self.aliases:
                    return self.aliases[form]
        return ""


def name_key(raw: str) -> str:
    """A printed name without bracketed asides, quotes and spaces (the lookup form)."""
    return _BRACKETS_RE.sub("", raw)


def read_names(path: Path) -> Names:
    """Read the names file (TSV: canonical, headline yes/no, aliases separated by |)."""
    with open(path, encoding="utf-8") as fh:
        rows = [ln.rstrip("\n").split("\t") for ln in fh if ln.strip() and not ln.startswith("#")]
    if not rows or rows[0] != ["canonical", "headline", "aliases"]:
        raise ValueError(f"{path}: expected a header 'canonical<TAB>headline<TAB>aliases'")
    aliases: dict[str, str] = {}
    headline: set[str] = set()
    canonical: set[str] = set()
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != 3 or row[1] not in ("yes", "no") or not row[0]:
            raise ValueError(f"{path}: bad row {n}: {row!r}")
        name, flag, alias_field = row
        canonical.add(name)
        if flag == "yes":
            headline.add(name)
        for alias in [name, *alias_field.split("|")]:
            key = name_key(alias)
            if not key:
                continue
            if aliases.get(key, name) != name:
                raise ValueError(f"{path}: row {n}: alias {alias!r} is already {aliases[key]!r}")
            aliases[key] = name
    return Names(aliases=aliases, headline=frozenset(headline), canonical=frozenset(canonical))


# ---------------------------------------------------------------- names and predicates

_CHANGE_VERBS = (
    "增长", "下降", "上涨", "降低", "减少", "增加", "提高", "提升", "回落", "下滑", "上升", "回升",
    "扩大", "缩小", "缩减", "压减", "压降", "增", "降", "减", "涨", "增产", "减产",
)  # fmt: skip
_DECREASE = (
    "下降",
    "降低",
    "减少",
    "回落",
    "下滑",
    "缩小",
    "缩减",
    "压减",
    "压降",
    "降",
    "减",
    "减产",
)
_RATE_NOUNS = {"增速": 1, "增幅": 1, "涨幅": 1, "增长率": 1, "降幅": -1, "跌幅": -1}
# Words between a name and its number: verbs, adverbs, time and frequency words, ordinals.
_PRED_WORDS = (
    *_CHANGE_VERBS, "达到", "达", "完成", "实现", "为", "是", "保持在", "保持", "稳定在", "稳定",
    "控制在", "控制", "维持在", "维持", "占", "在", "至", "到", "累计", "总计", "合计", "共计",
    "净增", "新增", "跃上", "迈上", "跨上", "站上", "跨过", "跨越", "跃升", "攀升", "录得", "计",
    "同比", "比上年", "较上年", "比去年", "较去年", "与上年相比", "同口径", "年均", "平均",
    "分别", "实际", "名义", "预计", "全年", "按", "将", "要", "力争", "确保", "努力",
    "争取", "继续", "进一步", "持续", "再", "又", "还", "也", "已", "已经", "首次", "共", "大幅",
    "明显", "显著", "稳步", "较快", "快速", "逐年", "了", "的", "由", "从", "每年", "安排", "连续",
    "多年", "连年", "并", "首批", "覆盖", "惠及", "带动", "拉动", "升至", "升到", "进至", "跃至",
    "微", "略", "小幅", "微幅", "发展到",
)  # fmt: skip
_PRED_WORDS = (*_PRED_WORDS, *(v + end for v in _CHANGE_VERBS if len(v) == 2 for end in "至到"))
_PRED_RE = re.compile(
    r"(?:比|较|由|从)\d{4}年(?:末|底)?的?$|较“[^”]{1,8}”(?:末|期末)?的?$|(?:比|较)上年同期$|"
    r"(?<![人年平])均$|"
    r"(?:\d+|[一二两三四五六七八九十]{1,2})年(?:来|间|内|以来)?$|"
    + "|".join(re.escape(w) + "$" for w in sorted(set(_PRED_WORDS), key=len, reverse=True))
)
_LEAD_RE = re.compile(
    r"^(?:其中|同时|此外|另外|全年|今年|去年|当年|年内|年末|年底|截至年底|截至目前|目前|初步统计|"
    r"初步核算|据初步核算|预计|我们|一年来|五年来|过去一年|过去五年|这五年|\d{4}年(?:全年|末|底|以来)?|"
    r"(?:\d+|[一二两三四五六七八九十多])年(?:来|间|内|以来)?|连年|每年|多年|累计|实现|完成|其|并|力争|确保|"
    r"努力|争取|力求|将|要)+"
)
# Verbs of setting up or obtaining that open a name of what was set up (设立首批5个国家公园).
_LEAD_VERB_RE = re.compile(
    r"^(?:梯次|新)?(?:设立|建立|建成|新建扩建|新建|扩建|获批|推出|实施|争取|安排|落实|兑现|发放|发行)"
)
_SCOPE_ONLY_RE = re.compile(r"^(?:全国|全省|全市|全区|全县|我国|我省|我市|我区|本市)$")
_ORDINAL_RE = re.compile(r"第[\d一二两三四五六七八九十]+[个位名批]?|首[个批家]")
_COORD_RE = re.compile(r"分别|(?<![年人平])均(?![衡等值])")
_GAP_RE = re.compile(
    r"(?P<verb>高于|低于|快于|慢于|超出|好于)(?P<scope>全国|全省|全市|全区|全球)(?:平均)?(?:水平)?$"
    r"|比(?P<scope2>全国|全省|全市|全区)(?:平均)?(?:水平)?(?P<verb2>高|低|快|慢)$"
)
_RIGHT_NOUN_RE = re.compile(r"[^，。；、：,;:！？!?（）()\d%]{1,14}")
_RIGHT_STOP_RE = re.compile(
    r"顺利|获得|获|完成|开工|建成|实现|减免|享受|入选|落地|通过|达到|成为|参与|受益|纳入|开展|"
    r"加快|正式|全部|累计|已|均|被|得到|进入|跻身|位居|居|上榜|覆盖|惠及|提供|带动|形成|签约|启用|"
    r"开通|运营|认定|获批|集聚|引进|推进|增加|增长|支持|相继|陆续|先后|同步|全面|达|的|在|和|与|及|"
    r"等|为|并|且"
)
# Units of money and measure: a number in them names what is to its left, not to its right.
_MEASURE_BASES = (
    "元", "美元", "欧元", "港元", "吨", "斤", "公斤", "千克", "公里", "千米", "米", "亩", "公顷",
    "平方米", "平方公里", "平方千米", "立方米", "千瓦", "千瓦时", "兆瓦", "兆瓦时", "吉瓦", "度",
    "标准箱", "标箱", "吨标准煤", "微克/立方米", "毫克/立方米", "%", "‰", "倍", "成", "个百分点",
    "百分点", "",
)  # fmt: skip
_RATIO_NAME_RE = re.compile(r"(?:比|指数|系数|比值)$")
# An attribute of the previous name on its own (总量突破90万亿元, 占比由31%提升至54%).
_ATTRIBUTE_RE = re.compile(
    r"^(?:占.{0,12}(?:比重|比例|份额)|占(?:全国|全省|全球|全市|全区)|占比|总量|总额|规模|增速|增幅|涨幅|"
    r"降幅|增加值|产值|营业收入|营收)$"
)
_CIRCUMSTANCE_RE = re.compile(r"在[^，。；]{1,20}?的?(?:情况|背景|基础|前提|条件)下")
_FUTURE_RE = re.compile(r"今年|明年|力争|预期目标|目标是|目标为|到20\d\d年")
_PAST_RE = re.compile(r"去年|上年|过去一年|过去五年|五年来|年来|已经|“十四五”时期|十四五时期")
_MULTI_YEAR_RE = re.compile(
    r"年均(?!浓度|值)|五年|十年|累计|“十[一二三四五六七八九]五”|十[一二三四五六七八九]五"
)
# A change measured from a base period (较“十三五”末的…增加…，增长33.6%): a multi-year change.
_BASE_RE = re.compile(r"(?:较|比)“?(?:十[一二三四五六七八九]五|20\d\d年)”?(?:末|期末|底)")
_LABEL_RE = re.compile(r"“?(十[一二三四五六七八九]五)”?")
_YEAR_RE = re.compile(r"((?:19|20)\d\d)年")


@dataclass(frozen=True, slots=True)
class Mention:
    """One extracted quantity of a sentence (offsets relative to the sentence)."""

    start: int
    end: int
    indicator_raw: str
    indicator: str
    value: float
    unit: str
    change: bool
    qualifier: str
    modal: str
    kind: str  # "" when the clause has no marker (the document context decides)
    period: str  # "" when the clause states none; "multi" for a multi-year marker
    weak: bool = False  # a target marker outside the number's own clause (预期目标 in a review)


def split_predicate(segment: str) -> tuple[str, str]:
    """Split the text between a clause start and a number into (name, predicate).

    ``地区生产总值同比增长`` → ("地区生产总值", "同比增长"); ``由2020年的`` → ("", "由2020年的").
    """
    subject, pred = segment, ""
    while subject:
        m = _PRED_RE.search(subject)
        if not m or m.start() == m.end():
            break
        pred = subject[m.start() :] + pred
        subject = subject[: m.start()]
    subject = _LEAD_RE.sub("", subject).strip(" 　")
    return subject, pred


def clean_name(subject: str) -> str:
    """A subject reduced to the name of what is counted: opening verbs, scopes alone, ordinals
    and the examples before 等 dropped (新建扩建老岚水库等水源型水库 → 水源型水库)."""
    ordinals = list(_ORDINAL_RE.finditer(subject))
    if ordinals:  # 成为全国第三个、北方第一个: a rank, and what follows it is the name
        subject = subject[ordinals[-1].end() :]
    subject = _LEAD_VERB_RE.sub("", subject.strip("、，,和及与"))
    subject = _LEAD_RE.sub("", subject)
    etc = list(re.finditer(r"(?<![高同平中初相对均])等(?![级次])", subject))
    if etc and len(subject) - etc[-1].end() >= 2:
        subject = subject[etc[-1].end() :]  # examples, then their category: keep the category
    if _SCOPE_ONLY_RE.match(subject) or len(subject) < 2:
        return ""  # 全国832个贫困县: a scope alone names nothing
    return subject


def split_coordination(subject: str, n: int) -> list[str]:
    """Names of the members of a coordinated subject (分别 and 均 constructions).

    ``城镇和农村居民人均可支配收入`` (2) → 城镇居民人均可支配收入, 农村居民人均可支配收入;
    ``新能源汽车、智能家电、智能手机限上零售额`` (3) → …限上零售额 each. Returns ``[subject] * n``
    when the subject does not split into `n` members.
    """
    if n < 2:
        return [subject] * max(n, 0)
    if subject.startswith("城乡") and n == 2 and not re.search("[、和及与]", subject):
        return ["城镇" + subject[2:], "农村" + subject[2:]]
    parts: list[str] = []
    for pattern in ("、", "、|和|及|与|以及"):
        parts = re.split(pattern, subject)
        if len(parts) == n and all(parts):
            break
    else:
        return [subject] * n
    last, prev = parts[-1], parts[-2]
    head = ""
    for k in range(len(prev), 1, -1):  # the longest ending of the previous member found in the last
        pos = last.find(prev[-k:])
        if pos >= 0:
            head = last[pos + k :]
            break
    else:
        if len(last) - len(prev) >= 3:
            head = last[len(prev) :]
    return [p if p.endswith(head) else p + head for p in parts[:-1]] + [last]


def _modal(clause: str, local: str) -> str:
    """The modal word hedging a number: in its own comma clause (`local`), or opening the
    semicolon clause (`clause`) whose list it heads (力争生产总值增长6%，财政收入增长5%)."""
    for text, anchored in ((local, False), (clause, True)):
        for m in re.finditer("|".join(MODALS), text):
            if anchored and not re.fullmatch(
                r"(?:今年|明年|我们|要|并|将|全年|全力)*", text[: m.start()]
            ):
                continue
            if re.match(r"更|实现更|比去年|、|，|的", text[m.end() : m.end() + 3]):
                continue  # 努力争取更好结果, 以最大努力、: not a hedge on this number
            if re.search(r"(?:艰苦|最大|共同|不懈|一切)$", text[: m.start()]):
                continue
            return m.group(0)
    return ""


def _right_noun(text: str, pos: int) -> str:
    if text.startswith("的", pos):
        pos += 1  # 61%的城市污水处理厂
    m = _RIGHT_NOUN_RE.match(text, pos)
    if not m:
        return ""
    noun = re.sub("[“”‘’]", "", m.group(0))
    stop = _RIGHT_STOP_RE.search(noun)
    if stop:
        noun = noun[: stop.start()]
    return noun if len(noun) >= 2 else ""


def _head_count_unit(unit: str, name: str, right: str) -> str:
    """万/亿 alone before a noun of people or households: 960多万贫困人口 → 万人."""
    if unit not in ("万", "亿", "万亿"):
        return unit
    if re.match(r"[^，。；、]{0,6}?(?:人口|人|纳税人|群众|职工|学生|劳动力)", right) or re.search(
        r"人口|人数|人员|人才|就业|人次|劳动力|职工|群众|游客", name
    ):
        return unit + "人"
    if re.match(r"[^，。；、]{0,4}?(?:家庭|户)", right):
        return unit + "户"
    return unit


def _is_count(unit: str) -> bool:
    return scale_unit(unit)[1] not in _MEASURE_BASES


@dataclass
class _Reading:
    """What the previous quantity of the sentence said, for elided subjects and lists."""

    raw: str
    change: bool
    decrease: bool
    right: tuple[int, int] = (-1, -1)  # span of a name read to the right of it


def extract_sentence(text: str, names: Names, *, chinese: bool = True) -> list[Mention]:
    """The quantities of one sentence with their indicator, change, sign, modal and markers.

    Args:
        text: The sentence.
        names: Canonical names.
        chinese: Read Chinese numerals too.

    Returns:
        One mention per quantity and indicator (a 分别 list gives one per member, a range two).
    """
    text = normalize_digits(text)
    quantities = scan_quantities(text, chinese=chinese)
    out: list[Mention] = []
    prev: _Reading | None = None
    group: list[str] = []  # names still to hand out to a 分别 list
    prev_end = 0
    for i, q in enumerate(quantities):
        semi = max(text.rfind(c, 0, q.start) for c in "。；;！？!?：:") + 1
        comma = max(semi, max(text.rfind(c, 0, q.start) for c in "，,") + 1)
        seg_start = max(comma, prev_end)
        segment = text[seg_start : q.start]
        coordinated = bool(_COORD_RE.search(segment))
        if "、" in segment and not coordinated and seg_start == prev_end and prev is not None:
            # 5.2万亿元、增长5.4%: the list is of predicates of one name, not of names
            seg_start += segment.rindex("、") + 1
            segment = text[seg_start : q.start]
        sep_only = prev is not None and bool(re.fullmatch(r"[、，,]?(?:和|及|与|以及)?", segment))
        n_list = 1 + _following_list_length(text, quantities, i)
        if "分别" in segment and n_list > 1:
            quantities[i : i + n_list] = _share_list_words(quantities[i : i + n_list])
            q = quantities[i]
        gap = _GAP_RE.search(segment)
        if gap:
            segment = segment[: gap.start()]
        subject, pred = split_predicate(segment)
        if subject and prev is not None and prev.right[0] >= 0:
            sub_start = seg_start + segment.find(subject)
            if sub_start == prev.right[0]:
                # 46个重点项目获得68亿元专项债券资金: the subject is the previous count's noun
                rest = re.sub(r"^(?:获得|享受|获)", "", subject[prev.right[1] - prev.right[0] :])
                subject = rest or _right_noun(text, q.end) or subject
        if prev is not None and _ATTRIBUTE_RE.match(subject):
            subject = prev.raw + subject  # …，占比由31%提升至54%: the share of the previous name
        subject = _CIRCUMSTANCE_RE.sub("", subject)
        name = subject if coordinated or names.lookup(subject) else clean_name(subject)
        clause = text[semi : q.start]
        rate_noun = next((w for w in _RATE_NOUNS if name.endswith(w)), "")
        change_verb = _last_change_verb(pred)
        decrease = (change_verb in _DECREASE) or _RATE_NOUNS.get(rate_noun, 1) < 0
        is_rate = bool(change_verb or rate_noun) and q.unit in RATE_UNITS
        if gap:
            is_rate, decrease = False, False
        if sep_only and prev is not None:
            # 分别增长7.6%和10%: a list member shares the head's predicate
            name, is_rate, decrease = "", prev.change and q.unit in RATE_UNITS, prev.decrease
        # the name: a list member, the subject, the noun after a count, or the previous name
        right = _right_noun(text, q.end)
        right_span = (-1, -1)
        unit = _head_count_unit(q.unit, name or (prev.raw if prev else ""), text[q.end : q.end + 8])
        if sep_only and group:
            raw = group.pop(0)
        elif name and not (name.endswith("等") and right and _is_count(unit)):
            raw = name
        elif right and (_is_count(unit) or text.startswith("的", q.end)):
            raw = right
            offset = q.end + (1 if text.startswith("的", q.end) else 0)
            right_span = (offset, offset + len(right))
        elif prev is not None:
            raw = prev.raw
        else:
            raw = ""
        members = [raw]
        if name and coordinated:
            if "分别" in segment:
                parts = split_coordination(name, n_list)
                raw, group = parts[0], parts[1:]
                members = [raw]
            elif n_list == 1 and re.search("[、和与及]", name):
                n_parts = len(name.split("、")) if "、" in name else 2
                members = split_coordination(name, n_parts)
        if gap and raw:
            base = names.lookup(raw) or raw
            rate = "增速" if prev is not None and prev.change else ""
            verb = (
                gap.group("verb")
                or {"高": "高于", "快": "快于", "低": "低于", "慢": "慢于"}[gap.group("verb2")]
            )
            members = [f"{base}{rate}{verb}{gap.group('scope') or gap.group('scope2')}"]
        unit = _head_count_unit(q.unit, raw, text[q.end : q.end + 8])
        if unit == "年" and not re.search(r"年限|年数|年龄|寿命", raw):
            continue  # 5年, 三年: durations that scope another number
        if not unit and not _RATIO_NAME_RE.search(raw):
            continue  # a bare number: a label or a code
        sign = -1.0 if decrease else 1.0
        kind = ""
        local = text[comma : q.start]
        if _FUTURE_RE.search(local) or (_FUTURE_RE.search(clause) and not _PAST_RE.search(local)):
            kind = "target"
        elif _PAST_RE.search(clause) or re.search("同比|比上年", local):
            kind = "actual"
        weak = kind == "target" and not re.search(r"今年|明年|力争|到20\d\d年", local)
        years = _YEAR_RE.findall(text[comma : q.start]) or _YEAR_RE.findall(clause)
        period = years[-1] if years else ""
        since_base = bool(_BASE_RE.search(text[semi : q.start])) and bool(change_verb or is_rate)
        if not period and since_base:
            period = "multi"
        elif not period and _MULTI_YEAR_RE.search(text[comma : q.start]):
            label = _LABEL_RE.search(text)
            period = label.group(1) if label else "multi"
        modal = _modal(clause, text[comma : q.start])
        bounds = [(q.value, q.qualifier)] if q.high is None else [
            (q.value, RANGE_LOW), (q.high, RANGE_HIGH)
        ]  # fmt: skip
        for member in members:
            indicator = member if gap else (names.lookup(member) or member)
            if _is_count(unit) and scale_unit(unit)[1] not in ("人", "人次", "户", "名"):
                indicator = member  # 经济总量跨过3个万亿元大关: a count of something else
            for value, qualifier in bounds:
                out.append(
                    Mention(
                        start=q.start, end=q.end, indicator_raw=member if not gap else raw,
                        indicator=indicator, value=sign * value, unit=unit, change=is_rate,
                        qualifier=qualifier, modal=modal, kind=kind, period=period, weak=weak,
                    )
                )  # fmt: skip
        prev = _Reading(raw=raw, change=is_rate, decrease=decrease, right=right_span)
        prev_end = q.end
    return out


def _share_list_words(items: Sequence[Quantity]) -> list[Quantity]:
    """A 分别 list prints the bound word and the unit once, after its last number:
    分别增长5%、6.5%左右; 分别提高15、22个百分点; 分别达1409万、1305万人次."""
    last = items[-1]
    out = list(items)
    if last.qualifier in ("左右", "以上", "以内", "以下") and not any(
        x.qualifier for x in items[:-1]
    ):
        out = [replace(x, qualifier=last.qualifier) for x in out]
    if last.unit:
        out = [
            replace(x, unit=last.unit)
            if not x.unit or (x.unit in MAGNITUDES and last.unit.startswith(x.unit))
            else x
            for x in out
        ]
    return out


def _last_change_verb(pred: str) -> str:
    """The rate-of-change verb of a predicate, "" for a level (提高到, 降至, 下降到 …)."""
    if re.search(r"(?:到|至|为|在)$", pred) or re.search(r"(?:降到|降至|增至|升至)", pred):
        return ""
    best, pos = "", -1
    for verb in _CHANGE_VERBS:
        i = pred.rfind(verb)
        if i >= 0 and (i > pos or (i == pos and len(verb) > len(best))):
            best, pos = verb, i
    return best


def _following_list_length(text: str, quantities: Sequence[Quantity], i: int) -> int:
    """How many quantities follow the i-th as a list (7.6%和10%, 4.5%、5.7%)."""
    n = 0
    end = quantities[i].end
    for nxt in quantities[i + 1 :]:
        if re.fullmatch(r"[、，,]?(?:和|及|与|以及)?", text[end : nxt.start]):
            n += 1
            end = nxt.end
        else:
            break
    return n


# ---------------------------------------------------------------- documents

_REVIEW_RE = re.compile(r"回顾|成就|成绩|过去")
_PLAN_RE = re.compile(
    r"安排|重点工作|主要工作|任务|总体要求|目标|建议|考虑|展望|纲要|规划|政策取向"
)
_LONG_RANGE_RE = re.compile(r"十[一二三四五六七八九]五|五年|2035|2030|远景")
_TARGET_LEAD_RE = re.compile(
    r"预期目标(?:是|为|如下)?\s*[：:]|主要目标(?:是|为)\s*[：:]|主要预期目标\s*$|预期目标是\s*$"
)


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """What the report's structure says about a sentence."""

    kind: str  # the default kind: actual (review, preamble) or target (plans)
    role: str  # targets for the 主要预期目标 paragraph, else ""
    period: str  # the default period
    section: str  # review | plan | "" (preamble)
    skip: bool = False  # appendix (glossary, notes): not read


def _top_section(section_id: str) -> str:
    return section_id.split(".")[0] if section_id else ""


def document_contexts(doc: Document) -> dict[int, SentenceContext]:
    """Each sentence's default kind, role and period, from headings and the targets lead.

    Args:
        doc: An ingested report.

    Returns:
        ``{sentence_id: SentenceContext}``.
    """
    year = doc.year
    tops = [s for s in doc.sections if s.depth == 1]
    roles: dict[str, tuple[str, str]] = {}  # section_id → (review|plan, long-range label)
    for i, sec in enumerate(tops):
        if sec.appendix:
            roles[sec.section_id] = ("appendix", "")
            continue
        heading = sec.heading
        if _REVIEW_RE.search(heading):
            role = "review"
        elif _PLAN_RE.search(heading):
            role = "plan"
        else:
            role = "review" if i == 0 else "plan"
        label = ""
        if (
            role == "plan"
            and _LONG_RANGE_RE.search(heading)
            and not (year and re.search(rf"{year}年", heading))
        ):
            m = _LABEL_RE.search(heading)
            label = m.group(1) if m else (f"{year}-{year + 4}" if year else "multi")
        roles[sec.section_id] = (role, label)
    by_paragraph: dict[int, list] = defaultdict(list)
    for sent in doc.sentences:
        by_paragraph[sent.paragraph_id].append(sent)
    target_paragraphs: set[int] = set()
    for sent in doc.sentences:
        role, label = roles.get(_top_section(sent.section_id), ("", ""))
        lead = _TARGET_LEAD_RE.search(sent.text)
        if role not in ("plan", "") or not lead:
            continue
        head = sent.text[: lead.end()]
        if (_LONG_RANGE_RE.search(head) or label) and not re.search("今年|明年", head):
            continue  # the five-year plan's goals, not the year's targets
        target_paragraphs.add(sent.paragraph_id)
        siblings = by_paragraph[sent.paragraph_id]
        if sent is siblings[-1] and not re.search(r"[：:]\s*\S", sent.text):
            target_paragraphs.add(sent.paragraph_id + 1)  # the lead ends its paragraph
    out: dict[int, SentenceContext] = {}
    for sent in doc.sentences:
        role, label = roles.get(_top_section(sent.section_id), ("", ""))
        if role == "appendix":
            out[sent.sentence_id] = SentenceContext("actual", "", "", "", skip=True)
        elif sent.paragraph_id in target_paragraphs:
            out[sent.sentence_id] = SentenceContext("target", "targets", _year(year), "plan")
        elif role == "plan":
            out[sent.sentence_id] = SentenceContext("target", "", label or _year(year), "plan")
        else:
            prior = _year(year - 1) if year else ""
            out[sent.sentence_id] = SentenceContext("actual", "", prior, role)
    return out


def _year(year: int | None) -> str:
    return str(year) if year else ""


def extract_document(doc: Document, names: Names, params: IndicatorsParams) -> list[IndicatorRow]:
    """Every quantity of a report as an `IndicatorRow`, in text order.

    The clause's own markers decide the kind where it has them (今年, 力争 → target; 去年,
    同比 → actual), except in the targets paragraph, which is all targets; otherwise the
    section decides (review → actual, plans → target).
    """
    contexts = document_contexts(doc)
    year = doc.year
    rows: list[IndicatorRow] = []
    for sent in doc.sentences:
        ctx = contexts[sent.sentence_id]
        if ctx.skip:
            continue
        for m in extract_sentence(sent.text, names, chinese=params.numerals == "all"):
            if not m.indicator_raw and params.unnamed == "drop":
                continue
            kind = ctx.kind
            if ctx.role != "targets" and m.kind and not (ctx.section == "review" and m.weak):
                kind = m.kind
            period = _period(m, ctx, kind, year)
            modal = m.modal if kind == "target" else ""  # 争取资金311.5亿元: obtained, not hedged
            start, end = sent.start + m.start, sent.start + m.end
            rows.append(
                IndicatorRow(
                    doc_id=doc.doc_id, sentence_id=sent.sentence_id, indicator=m.indicator,
                    kind=kind, value=m.value, unit=m.unit, change=m.change,
                    qualifier=m.qualifier, modal=modal, period=period,
                    indicator_raw=m.indicator_raw, headline=m.indicator in names.headline,
                    role=ctx.role, section_id=sent.section_id, paragraph_id=sent.paragraph_id,
                    start=start, end=end, text=doc.text[start:end],
                )
            )  # fmt: skip
    rows = _mark_overview(rows, year)
    if params.scope == "headline":
        rows = [r for r in rows if r.role]
    return rows


def _period(m: Mention, ctx: SentenceContext, kind: str, year: int | None) -> str:
    if m.period and m.period != "multi":
        return m.period
    if m.period == "multi":
        if kind == "actual" and year:
            return f"{year - 5}-{year - 1}"
        return ctx.period if kind == ctx.kind else _year(year)
    if kind == ctx.kind:
        return ctx.period
    return _year(year) if kind == "target" else (_year(year - 1) if year else "")


def _mark_overview(rows: list[IndicatorRow], year: int | None) -> list[IndicatorRow]:
    """Role ``overview`` for the review paragraph that states the past year's GDP first."""
    prior = _year(year - 1) if year else ""
    first = next(
        (r for r in rows if r.indicator == "GDP" and r.kind == "actual" and r.period == prior and
         not r.role),
        None,
    )  # fmt: skip
    if first is None:
        return rows
    return [
        replace(r, role="overview") if r.paragraph_id == first.paragraph_id else r for r in rows
    ]


def extract_corpus(
    docs: Sequence[Document], names: Names, params: IndicatorsParams
) -> list[IndicatorRow]:
    rows = [row for doc in docs for row in extract_document(doc, names, params)]
    return sorted(rows, key=lambda r: (r.doc_id, r.start, r.sentence_id, r.indicator, r.value))


# ---------------------------------------------------------------- tables


def headline_table(rows: Sequence[IndicatorRow], docs: Sequence[Document]) -> list[HeadlineRow]:
    """Per report: the past year's GDP level and growth, and the coming year's targets."""
    out: list[HeadlineRow] = []
    by_doc: dict[str, list[IndicatorRow]] = defaultdict(list)
    for r in rows:
        by_doc[r.doc_id].append(r)
    for doc in docs:
        drows = by_doc.get(doc.doc_id, [])
        prior = _year(doc.year - 1) if doc.year else ""
        picked: list[IndicatorRow] = []
        for change in (False, True):
            gdp = next(
                (r for r in drows if r.indicator == "GDP" and r.kind == "actual" and
                 r.period == prior and r.change == change and r.qualifier in ("", "超过", "突破")),
                None,
            )  # fmt: skip
            if gdp is not None:
                picked.append(gdp)
        picked += [r for r in drows if r.role == "targets"]
        for r in picked:
            out.append(
                HeadlineRow(
                    doc_id=doc.doc_id, place=doc.place, year=doc.year, kind=r.kind,
                    period=r.period, indicator=r.indicator, value=r.value, unit=r.unit,
                    change=r.change, qualifier=r.qualifier, modal=r.modal,
                    sentence_id=r.sentence_id, text=r.text,
                )
            )  # fmt: skip
    return out


def _place_key(doc_id: str) -> str:
    """The series a report belongs to: its doc_id without the year."""
    return re.sub(r"_?\d{4}$", "", doc_id)


def _targets(rows: Iterable[IndicatorRow]) -> dict[tuple[str, str, bool], list[IndicatorRow]]:
    out: dict[tuple[str, str, bool], list[IndicatorRow]] = defaultdict(list)
    for r in rows:
        if r.role == "targets":
            out[(r.indicator, r.unit, r.change)].append(r)
    return out


def _actual(
    rows: Iterable[IndicatorRow], indicator: str, unit: str, change: bool, period: str
) -> IndicatorRow | None:
    cands = [
        r for r in rows if r.kind == "actual" and r.indicator == indicator and r.unit == unit
        and r.change == change and r.period == period and r.qualifier not in (RANGE_LOW, RANGE_HIGH)
    ]  # fmt: skip
    if not cands:
        return None
    # the overview paragraph first, then the first statement in the text
    return min(cands, key=lambda r: (r.role != "overview", r.start))


def comparison_table(rows: Sequence[IndicatorRow], docs: Sequence[Document]) -> list[ComparisonRow]:
    """Across reports: each target of the targets paragraph, with the same report's outcome for
    the year before and, where the corpus has the place's next report, the outcome it reports."""
    by_doc: dict[str, list[IndicatorRow]] = defaultdict(list)
    for r in rows:
        by_doc[r.doc_id].append(r)
    series: dict[tuple[str, int], Document] = {}
    for doc in docs:
        if doc.year:
            series[(_place_key(doc.doc_id), doc.year)] = doc
    out: list[ComparisonRow] = []
    for doc in docs:
        drows = by_doc.get(doc.doc_id, [])
        nxt = series.get((_place_key(doc.doc_id), doc.year + 1)) if doc.year else None
        for (indicator, unit, change), trows in sorted(_targets(drows).items()):
            low = min(r.value for r in trows)
            high = max(r.value for r in trows)
            first = trows[0]
            qualifier = "range" if first.qualifier in (RANGE_LOW, RANGE_HIGH) else first.qualifier
            prev = _actual(drows, indicator, unit, change, _year(doc.year - 1) if doc.year else "")
            outcome = None
            if nxt is not None:
                outcome = _actual(
                    by_doc.get(nxt.doc_id, []), indicator, unit, change, _year(doc.year)
                )
            out.append(
                ComparisonRow(
                    doc_id=doc.doc_id, place=doc.place, level=doc.level, year=doc.year,
                    indicator=indicator, unit=unit, change=change, target_low=low,
                    target_high=high, target_qualifier=qualifier, target_modal=first.modal,
                    target_text=first.text,
                    previous_actual=prev.value if prev else None,
                    previous_actual_qualifier=prev.qualifier if prev else "",
                    outcome=outcome.value if outcome else None,
                    outcome_qualifier=outcome.qualifier if outcome else "",
                    outcome_doc_id=nxt.doc_id if outcome and nxt else "",
                    gap=round(outcome.value - low, 6) if outcome else None,
                )
            )  # fmt: skip
    return out


# ---------------------------------------------------------------- figures


def _label(doc: Document) -> str:
    place = doc.place.replace("（全国）", "") or doc.doc_id
    return f"{place} {doc.year or ''}".strip()


def _target_text(row: ComparisonRow) -> str:
    if row.target_qualifier == "range":
        return f"{row.target_low:g}%—{row.target_high:g}%"
    return f"{row.target_low:g}%{row.target_qualifier}"


def growth_targets_figure(comparison: Sequence[ComparisonRow], docs: Sequence[Document]):
    """Each report's GDP growth target: a dot (a bar for a range) coloured by its bound word,
    its wording in a column on the right, and × for the same report's outcome of the year before."""
    from pipeline import plotting

    gdp = {r.doc_id: r for r in comparison if r.indicator == "GDP" and r.change and r.unit == "%"}
    order = sorted(
        (d for d in docs if d.doc_id in gdp), key=lambda d: (d.year or 0, d.level, d.doc_id)
    )
    fig, ax = plotting.new_figure(7.5, plotting.capped(max(2.5, 1.2 + 0.32 * len(order))))
    ax.set_title("经济增长预期目标及其表述（× 为同一报告所述上年实际增速）")
    labelled = len(order) <= plotting.LABELLED_ROWS_MAX
    if not order:
        ax.text(0.5, 0.5, plotting.NO_DATA, transform=ax.transAxes, ha="center", va="center")
        ax.set_axis_off()
        return fig
    colors = _qualifier_colors()
    for i, doc in enumerate(order):
        row = gdp[doc.doc_id]
        color = colors.get(row.target_qualifier, plotting.PALETTE.muted)
        if row.target_high > row.target_low:
            ax.plot(
                [row.target_low, row.target_high], [i, i], color=color, lw=6, solid_capstyle="butt"
            )
        else:
            ax.plot([row.target_low], [i], "o", color=color, ms=7)
        if row.previous_actual is not None:
            ax.plot([row.previous_actual], [i], "x", color=plotting.PALETTE.muted, ms=6)
        text = _target_text(row) + (f"（{row.target_modal}）" if row.target_modal else "")
        if labelled:
            ax.annotate(
                text, (1.02, i), xycoords=("axes fraction", "data"), va="center", fontsize=8
            )
    ax.set_yticks(range(len(order)), plotting.row_labels([_label(d) for d in order]))
    ax.invert_yaxis()
    ax.set_xlabel("地区（国内）生产总值增速，%")
    ax.spines[["top", "right"]].set_visible(False)
    used = {gdp[d.doc_id].target_qualifier for d in order}
    handles = [
        ax.plot([], [], "o", color=c, label=_QUALIFIER_LABELS.get(q, q))[0]
        for q, c in colors.items() if q in used
    ]  # fmt: skip
    ax.legend(handles=handles, loc="lower right", fontsize=8, frameon=False)
    return fig


_QUALIFIER_LABELS = {"range": "区间", "": "无限定词"}


def _qualifier_colors() -> dict[str, str]:
    from pipeline import plotting

    cycle = plotting.PALETTE.reports
    return {"左右": cycle[0], "以上": cycle[1], "range": cycle[2], "以内": cycle[3], "": cycle[4]}


def target_vs_actual_figure(
    place: str, points: Sequence[tuple[int, ComparisonRow | None, float | None]]
):
    """One place's GDP growth: the target for each year and the outcome reported the year after
    (a year without an outcome in the corpus breaks the line)."""
    import math

    from pipeline import plotting

    fig, ax = plotting.new_figure(6.5, 3.6)
    ax.set_title(f"{place}：经济增长目标与实际")
    years = list(range(min(y for y, _, _ in points), max(y for y, _, _ in points) + 1))
    target = {y: t for y, t, _ in points if t is not None}
    actual = {y: a for y, _, a in points if a is not None}
    color_t, color_a = plotting.PALETTE.reports[0], plotting.PALETTE.reports[1]
    for y, t in target.items():
        if t.target_high > t.target_low:
            ax.plot(
                [y, y], [t.target_low, t.target_high], color=color_t, lw=6, solid_capstyle="butt"
            )
        else:
            ax.plot([y], [t.target_low], "o", color=color_t, ms=7)
        ax.annotate(_target_text(t), (y, t.target_high), xytext=(0, 8), textcoords="offset points",
                    ha="center", fontsize=8, color=color_t)  # fmt: skip
    ax.plot(years, [actual.get(y, math.nan) for y in years], "s-", color=color_a, ms=5)
    for y, a in actual.items():
        ax.annotate(f"{a:g}%", (y, a), xytext=(7, -3), textcoords="offset points", ha="left",
                    va="top", fontsize=8, color=color_a)  # fmt: skip
    ax.plot([], [], "o", color=color_t, label="目标（当年报告）")
    ax.plot([], [], "s-", color=color_a, label="实际（次年报告）")
    ax.legend(loc="best", fontsize=8, frameon=False)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel("生产总值增速（%）")
    ax.margins(x=0.08, y=0.2)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def write_figures(
    comparison: Sequence[ComparisonRow], rows: Sequence[IndicatorRow], docs: Sequence[Document],
    folder: Path, fmt: str, *, jobs: int = 1,
) -> list[Path]:  # fmt: skip
    """growth_targets.<fmt>, and target_vs_actual_<place>.<fmt> for places with consecutive
    reports; stale figures of the folder are removed."""
    from pipeline import plotting

    folder.mkdir(parents=True, exist_ok=True)
    tasks: list[plotting.FigureTask] = []
    written = [folder / f"growth_targets.{fmt}"]
    gdp = {r.doc_id: r for r in comparison if r.indicator == "GDP" and r.change and r.unit == "%"}
    shown = [(d.doc_id, d.year, d.level, _label(d), gdp[d.doc_id]) for d in docs if d.doc_id in gdp]
    key = plotting.figure_key("growth_targets", shown)
    if not plotting.is_current(written[0], key):
        plotting.save(growth_targets_figure(comparison, docs), written[0], key)
    by_place: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        if doc.year:
            by_place[_place_key(doc.doc_id)].append(doc)
    gdp_targets = {
        r.doc_id: r for r in comparison if r.indicator == "GDP" and r.change and r.unit == "%"
    }
    by_doc: dict[str, list[IndicatorRow]] = defaultdict(list)
    for r in rows:
        by_doc[r.doc_id].append(r)
    for key, pdocs in sorted(by_place.items()):
        years = sorted(d.year for d in pdocs if d.year)
        if not any(b - a == 1 for a, b in itertools.pairwise(years)):
            continue
        points: dict[int, list] = {}
        for doc in pdocs:
            assert doc.year
            points.setdefault(doc.year, [doc.year, None, None])[1] = gdp_targets.get(doc.doc_id)
            prev = _actual(by_doc.get(doc.doc_id, []), "GDP", "%", True, str(doc.year - 1))
            if prev is not None:
                points.setdefault(doc.year - 1, [doc.year - 1, None, None])[2] = prev.value
        series = [tuple(points[y]) for y in sorted(points)]
        place = pdocs[0].place.replace("（全国）", "") or key
        path = folder / f"target_vs_actual_{key}.{fmt}"
        tasks.append(
            plotting.FigureTask(target_vs_actual_figure, (place, series), path,
                                plotting.figure_key("target_vs_actual", place, series))
        )  # fmt: skip
        written.append(path)
    plotting.draw_all(tasks, jobs=jobs)
    keep = {p.name for p in written}
    for stale in folder.iterdir():
        if stale.is_file() and stale.suffix in (".png", ".svg") and stale.name not in keep:
            stale.unlink()
    return written


# ---------------------------------------------------------------- evaluation

FIELDS = ("indicator", "value", "unit", "kind", "change", "qualifier")


@dataclass(frozen=True, slots=True)
class GoldRow:
    doc_id: str
    sentence_id: int
    paragraph: str  # overview | targets
    indicator_raw: str
    indicator: str
    kind: str
    value: float
    unit: str
    change: bool
    qualifier: str
    period: str


def read_gold(path: Path) -> list[GoldRow]:
    """The indicator gold (data/gold/indicators/gold.csv).

    Raises:
        ValueError: On a missing column or an ill-formed row (the row's line is named).
    """
    rows = read_csv(path)
    need = {"doc_id", "sentence_id", "paragraph", "indicator_raw", "indicator", "kind", "value",
            "unit", "change", "qualifier", "period"}  # fmt: skip
    if rows and not need <= set(rows[0]):
        raise ValueError(f"{path}: missing columns {sorted(need - set(rows[0]))}")
    out: list[GoldRow] = []
    for n, r in enumerate(rows, start=2):
        try:
            if r["kind"] not in KINDS or r["change"] not in ("true", "false"):
                raise ValueError("bad kind or change")
            out.append(
                GoldRow(
                    doc_id=r["doc_id"], sentence_id=int(r["sentence_id"]), paragraph=r["paragraph"],
                    indicator_raw=r["indicator_raw"], indicator=r["indicator"], kind=r["kind"],
                    value=float(r["value"]), unit=r["unit"], change=r["change"] == "true",
                    qualifier=r["qualifier"], period=r["period"],
                )
            )  # fmt: skip
        except (KeyError, ValueError) as exc:
            raise ValueError(f"{path}: line {n}: {exc}: {r}") from exc
    return out


def _same_name(pred: IndicatorRow, gold: GoldRow) -> bool:
    if pred.indicator == gold.indicator:
        return True
    # names the list does not know are kept as printed: compare the printed names
    return _SCOPE_RE.sub("", name_key(pred.indicator_raw)) == _SCOPE_RE.sub(
        "", name_key(gold.indicator_raw)
    )


def _differs(pred: IndicatorRow, gold: GoldRow) -> list[str]:
    diffs = []
    if not _same_name(pred, gold):
        diffs.append("indicator")
    if round(pred.value, 6) != round(gold.value, 6):
        diffs.append("value" if abs(pred.value) != abs(gold.value) else "sign")
    for f in ("unit", "kind", "change", "qualifier"):
        if getattr(pred, f) != getattr(gold, f):
            diffs.append(f)
    return diffs


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f, 4)}  # fmt: skip


def _match(
    preds: Sequence[IndicatorRow], golds: Sequence[GoldRow], *, use_name: bool = True
) -> tuple[list[tuple[IndicatorRow, GoldRow]], list[IndicatorRow], list[GoldRow]]:
    """Greedy one-to-one matching within each sentence; returns (pairs, unmatched, missed)."""
    free = list(preds)
    pairs, missed = [], []
    for g in golds:
        hit = next(
            (p for p in free if p.doc_id == g.doc_id and p.sentence_id == g.sentence_id and
             not [d for d in _differs(p, g) if use_name or d != "indicator"]),
            None,
        )  # fmt: skip
        if hit is None:
            missed.append(g)
        else:
            free.remove(hit)
            pairs.append((hit, g))
    return pairs, free, missed


def gold_scope(
    golds: Sequence[GoldRow], docs: Sequence[Document]
) -> dict[str, set[tuple[str, int]]]:
    """The paragraphs the gold covers, and among them the headline paragraphs.

    Returns:
        ``{"all": {(doc_id, paragraph_id)}, "headline": {…}}``: covered paragraphs are those with
        a gold row; headline ones are targets paragraphs and overview paragraphs whose gold rows
        all have the review year as period.
    """
    para = {(d.doc_id, s.sentence_id): s.paragraph_id for d in docs for s in d.sentences}
    years = {d.doc_id: d.year for d in docs}
    groups: dict[tuple[str, int], list[GoldRow]] = defaultdict(list)
    for g in golds:
        key = (g.doc_id, g.sentence_id)
        if key in para:
            groups[(g.doc_id, para[key])].append(g)
    headline = set()
    for key, rows in groups.items():
        year = years.get(key[0])
        if all(r.paragraph == "targets" for r in rows) or (
            year and all(r.period == str(year - 1) for r in rows)
        ):
            headline.add(key)
    return {"all": set(groups), "headline": headline}


def evaluate(
    rows: Sequence[IndicatorRow], golds: Sequence[GoldRow], docs: Sequence[Document],
    names: Names, heldout: Sequence[str] = (),
) -> dict:  # fmt: skip
    """Precision/recall on the gold: dev and held-out reports apart, four views each.

    Views: ``all`` (every gold row, full key), ``all_any_name`` (the indicator name not
    compared), ``headline`` (headline paragraphs, full key), ``headline_indicators`` (headline
    paragraphs, rows with a headline canonical name). Per-field error counts explain the misses.
    """
    loaded = {d.doc_id for d in docs}
    golds = [g for g in golds if g.doc_id in loaded]
    scope = gold_scope(golds, docs)
    para = {(d.doc_id, s.sentence_id): s.paragraph_id for d in docs for s in d.sentences}

    def in_scope(doc_id: str, sentence_id: int, which: str) -> bool:
        return (doc_id, para.get((doc_id, sentence_id), -1)) in scope[which]

    result: dict = {"heldout_reports": sorted(set(heldout) & {g.doc_id for g in golds})}
    errors: dict = {}
    for split in ("dev", "heldout"):
        keep = (lambda d: d in heldout) if split == "heldout" else (lambda d: d not in heldout)
        g_split = [g for g in golds if keep(g.doc_id)]
        p_split = [r for r in rows if keep(r.doc_id)]
        views: dict = {"reports": sorted({g.doc_id for g in g_split})}
        for view in ("all", "all_any_name", "headline", "headline_indicators"):
            which = "headline" if view.startswith("headline") else "all"
            gs = [g for g in g_split if in_scope(g.doc_id, g.sentence_id, which)]
            ps = [p for p in p_split if in_scope(p.doc_id, p.sentence_id, which)]
            if view == "headline_indicators":
                gs = [g for g in gs if g.indicator in names.headline]
                ps = [p for p in ps if p.indicator in names.headline]
            pairs, fps, fns = _match(ps, gs, use_name=view != "all_any_name")
            views[view] = _prf(len(pairs), len(fps), len(fns))
            if view in ("all", "headline_indicators"):
                views[view]["field_errors"] = _field_errors(fps, fns)
                errors[f"{split}/{view}"] = {
                    "false_positives": [_brief(p) for p in fps],
                    "false_negatives": [_brief(g) for g in fns],
                }
        result[split] = views
    return {**result, "_errors": errors}


def _field_errors(fps: Sequence[IndicatorRow], fns: Sequence[GoldRow]) -> dict[str, int]:
    """For each missed gold row, the fields in which the nearest prediction differs."""
    counts: Counter[str] = Counter()
    free = list(fps)
    for g in fns:
        same = [p for p in free if p.doc_id == g.doc_id and p.sentence_id == g.sentence_id]
        near = [p for p in same if round(abs(p.value), 6) == round(abs(g.value), 6)]
        if not near:
            counts["not_found"] += 1
            continue
        best = min(near, key=lambda p: len(_differs(p, g)))
        free.remove(best)
        counts.update(_differs(best, g))
    return dict(sorted(counts.items()))


def _brief(r: IndicatorRow | GoldRow) -> str:
    flag = "Δ" if r.change else ""
    return (f"{r.doc_id} s{r.sentence_id} {r.indicator} [{r.indicator_raw}] {r.kind} "
            f"{r.value:g}{r.unit}{flag} {r.qualifier}").rstrip()  # fmt: skip


def corpus_metrics(rows: Sequence[IndicatorRow], docs: Sequence[Document], names: Names) -> dict:
    """Counts of the extraction: rows by kind, bound words, modals, canonical names, targets."""
    with_targets = {r.doc_id for r in rows if r.role == "targets"}
    gdp_targets = {
        r.doc_id for r in rows if r.role == "targets" and r.indicator == "GDP" and r.change
    }
    return {
        "rows": len(rows),
        "reports": len(docs),
        "by_kind": dict(sorted(Counter(r.kind for r in rows).items())),
        "change_rows": sum(r.change for r in rows),
        "canonical_rows": sum(r.indicator in names.canonical for r in rows),
        "unnamed_rows": sum(not r.indicator for r in rows),
        "headline_rows": sum(r.headline for r in rows),
        "qualifiers": dict(sorted(Counter(r.qualifier for r in rows if r.qualifier).items())),
        "modals": dict(sorted(Counter(r.modal for r in rows if r.modal).items())),
        "reports_with_targets_paragraph": len(with_targets),
        "reports_with_gdp_growth_target": len(gdp_targets),
        "reports_without_gdp_growth_target": sorted({d.doc_id for d in docs} - gdp_targets),
    }


# ---------------------------------------------------------------- shell


@dataclass(frozen=True, slots=True)
class IndicatorOutputs:
    indicators: Path
    headlines: Path
    comparison: Path
    metrics: Path
    figures: Path | None = None
    errors: Path | None = None


_WORKER: dict = {}


def _init_worker(names_path: Path, params: IndicatorsParams) -> None:
    _WORKER.update(names=read_names(names_path), params=params)


def _extract_one(doc: Document) -> list[tuple]:
    import dataclasses

    rows = extract_document(doc, _WORKER["names"], _WORKER["params"])
    return [dataclasses.astuple(r) for r in rows]


def extract_cached(
    docs: Sequence[Document], docs_dir: Path, names_path: Path, params: IndicatorsParams, *,
    jobs: int = 1, result_cache: Path | None = None,
) -> list[IndicatorRow]:  # fmt: skip
    """`extract_corpus`, with each report's rows read from `result_cache` when its document,
    the names, params and this code are those of an earlier run; the other reports are
    extracted in `jobs` processes (when there are enough of them)."""
    import hashlib

    from pipeline.io import fingerprint, read_json
    from pipeline.parallel import map_reports

    here = Path(__file__).parent
    base = fingerprint([here / "indicators.py", here / "numbers.py", names_path], params=params,
                       packages=())  # fmt: skip
    keys = {
        d.doc_id: hashlib.sha256(
            base.encode("utf-8") + (Path(docs_dir) / f"{d.doc_id}.json").read_bytes()
        ).hexdigest()
        for d in docs
    }
    found: dict[str, list] = {}
    if result_cache is not None:
        for d in docs:
            hit = Path(result_cache) / f"{keys[d.doc_id]}.json"
            if hit.exists():
                found[d.doc_id] = read_json(hit)
    todo = [d for d in docs if d.doc_id not in found]
    done = map_reports(
        _extract_one, todo, jobs=jobs if len(todo) >= 8 else 1, initializer=_init_worker,
        initargs=(names_path, params), desc="indicators",
    )  # fmt: skip
    for d, rows in zip(todo, done, strict=True):
        found[d.doc_id] = rows
        if result_cache is not None:
            write_json(Path(result_cache) / f"{keys[d.doc_id]}.json", rows)
    if result_cache is not None:
        used = {f"{k}.json" for k in keys.values()}
        for stale in Path(result_cache).glob("*.json"):
            if stale.name not in used:
                stale.unlink()
    rows = [IndicatorRow(*r) for d in docs for r in found[d.doc_id]]
    return sorted(rows, key=lambda r: (r.doc_id, r.start, r.sentence_id, r.indicator, r.value))


def run(
    docs_dir: Path, names_path: Path, gold: Path | None, params: IndicatorsParams,
    out: IndicatorOutputs, *, jobs: int = 1, result_cache: Path | None = None,
) -> dict:  # fmt: skip
    """Extract, tabulate, draw and (with a gold file) score; returns the metrics."""
    from pipeline.docstore import load_documents

    docs = load_documents(docs_dir)
    names = read_names(names_path)
    rows = extract_cached(docs, docs_dir, names_path, params, jobs=jobs, result_cache=result_cache)
    write_csv(out.indicators, rows, columns_of(IndicatorRow))
    write_csv(out.headlines, headline_table(rows, docs), columns_of(HeadlineRow))
    comparison = comparison_table(rows, docs)
    write_csv(out.comparison, comparison, columns_of(ComparisonRow))
    if out.figures is not None:
        write_figures(comparison, rows, docs, out.figures, params.figure_format, jobs=jobs)
    metrics = corpus_metrics(rows, docs, names)
    if gold is not None:
        scores = evaluate(rows, read_gold(gold), docs, names, params.heldout)
        errors = scores.pop("_errors")
        metrics["gold"] = scores
        if out.errors is not None:
            write_json(out.errors, errors)
    write_json(out.metrics, metrics)
    return metrics


def main(
    params: Path = typer.Option(Path("params.yaml"), help="params.yaml"),
    docs_dir: Path = typer.Option(..., help="Ingested documents (JSON)."),
    names: Path = typer.Option(..., help="Canonical indicator names (TSV)."),
    gold: Path = typer.Option(None, help="Development gold (gold.csv) to score against."),
    indicators: Path = typer.Option(..., help="indicators.csv"),
    headlines: Path = typer.Option(..., help="Per-report headline table (CSV)."),
    comparison: Path = typer.Option(..., help="Cross-report comparison of targets (CSV)."),
    figures: Path = typer.Option(None, help="Folder for the indicator figures."),
    errors: Path = typer.Option(None, help="Gold errors (false positives/negatives) JSON."),
    result_cache: Path = typer.Option(None, help="Per-report extraction cache."),
    metrics_path: Path = typer.Option(..., "--metrics", help="Stage metrics JSON."),
) -> None:
    """Run the indicators stage."""

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        m = run(
            docs_dir, names, gold, load_params(params),
            IndicatorOutputs(indicators, headlines, comparison, metrics_path, figures, errors),
            jobs=config.load_params(params, "base").jobs, result_cache=result_cache,
        )  # fmt: skip
    except (config.ConfigError, ValueError, RuntimeError, OSError) as exc:
        typer.echo(f"indicators: error: {exc}", err=True)
        raise typer.Exit(1) from exc
    log.info("indicators: %d rows, %s", m["rows"], m["by_kind"])
    for split in ("dev", "heldout"):
        if "gold" in m and split in m["gold"]:
            hi = m["gold"][split]["headline_indicators"]
            log.info(
                "gold %s headline indicators: P %.3f R %.3f", split, hi["precision"], hi["recall"]
            )


def evaluate_main(
    params: Path = typer.Option(Path("params.yaml"), help="params.yaml (indicators.heldout)."),
    docs_dir: Path = typer.Option(..., help="Ingested documents (JSON)."),
    names: Path = typer.Option(..., help="Canonical indicator names (TSV)."),
    gold: Path = typer.Option(..., help="Gold (gold.csv)."),
    indicators: Path = typer.Option(..., help="An indicators.csv to score."),
) -> None:
    """Score an existing indicators.csv against the gold and print the scores as JSON."""
    from pipeline.docstore import load_documents
    from pipeline.io import dumps_json

    try:
        p = load_params(params)
        docs = load_documents(docs_dir)
        rows = [_row_from_csv(r) for r in read_csv(indicators)]
        scores = evaluate(rows, read_gold(gold), docs, read_names(names), p.heldout)
    except (config.ConfigError, ValueError, OSError, KeyError) as exc:
        typer.echo(f"indicators evaluate: error: {exc}", err=True)
        raise typer.Exit(1) from exc
    scores.pop("_errors")
    typer.echo(dumps_json(scores), nl=False)


def _row_from_csv(r: dict[str, str]) -> IndicatorRow:
    return IndicatorRow(
        doc_id=r["doc_id"], sentence_id=int(r["sentence_id"]), indicator=r["indicator"],
        kind=r["kind"], value=float(r["value"]), unit=r["unit"], change=r["change"] == "true",
        qualifier=r["qualifier"], modal=r.get("modal", ""), period=r.get("period", ""),
        indicator_raw=r.get("indicator_raw", r["indicator"]), headline=r.get("headline") == "true",
        role=r.get("role", ""), section_id=r.get("section_id", ""),
        paragraph_id=int(r.get("paragraph_id") or 0), start=int(r.get("start") or 0),
        end=int(r.get("end") or 0), text=r.get("text", ""),
    )  # fmt: skip


if __name__ == "__main__":
    from pipeline import run_script

    if len(sys.argv) > 1 and sys.argv[1] == "evaluate":
        sys.argv.pop(1)
        run_script("pipeline.indicators", "evaluate_main")
    else:
        run_script("pipeline.indicators")
