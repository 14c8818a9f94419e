"""Rules for COMPANY, PLACE and PROGRAM (shared/spec/entities.md), as pure functions.

Every function takes a sentence's text and its tokens ``(start, end, pos)`` (offsets relative
to the sentence) and returns candidate spans ``(start, end, label, source)``. The entity stage
wraps them in spaCy components and resolves overlaps. The rules are general: suffixes, head
words, quotation and enumeration patterns of government prose, never names from a corpus.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pipeline.literals import Literals

Tok = tuple[int, int, str]
Cand = tuple[int, int, str, str]  # start, end, label, source

COMPANY, PLACE, PROGRAM = "COMPANY", "PLACE", "PROGRAM"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ---------------------------------------------------------------- PROGRAM

# Head words that make a name a program; longest first so 行动计划 wins over 计划.
PROGRAM_HEADS: tuple[str, ...] = tuple(
    sorted(
        (
            "计划", "工程", "行动", "战略", "试点", "机制", "模式", "体系", "平台", "规划", "纲要",
            "工作法", "改革", "专项斗争", "攻坚", "攻坚战", "倡议", "长制", "注册制", "责任制",
            "承诺制", "确认制", "负责制", "即入制", "备案制", "问责制", "首问制", "代办制",
            "三年行动", "专项行动", "行动计划", "攻坚行动", "提升行动", "示范工程", "重大工程",
        ),
        key=lambda h: (-len(h), h),
    )
)  # fmt: skip
# Construction projects: named with these heads (莱荣高铁, 威海新机场).
PROJECT_HEADS: tuple[str, ...] = (
    "高速铁路", "高速公路", "城际铁路", "铁路", "高铁", "高速", "机场", "大桥", "隧道", "快速路",
    "电站", "水库", "号线", "城际", "灌区", "水利枢纽", "航运枢纽", "枢纽", "通道",
)  # fmt: skip
# Words that govern a program name and so mark its left edge (实施|威海英才计划).
GOVERNING = _words(
    """
    实施 开展 推进 推动 深化 落实 启动 加快 打造 完善 健全 建立 加强
    组织 入选 获批 纳入 推行 实行 探索 抓好 做好 办好 深入 全面 持续
    扎实 大力 积极 统筹 谋划 争取 承接 发起 制定 出台 编制 印发 开工
    建成 完成 实现 启用 迎接 部署 用好 坚持 巩固 拓展 强化 支持 参与
    融入 依托 围绕 聚焦 着力 突出 开通 通车 投运 获评 荣获 创建 争创
    申报 申建 配合 贯彻 谋求 确保 力争 启用 新建 续建 改扩建 规划建设 建设
    推广 复制 服从 扩大 试行 对接 用足 用活 迭代 升级 提速 高标准 高质量
    高水平 全力 全速 加速 加大 继续 进一步 不断 切实 深度 率先 首批
    国家级 省级 市级 全国 全省 全市 全区 全县 全州 全盟 全旗 各项 一批 一系列
    列入 列为 入围 确定为 评为 命名为 处于 处在 赋予 锚定 紧扣 履行 取得 聚力 共建
    打 打好 打赢 获 获得 如期 跻身 接入 重构 紧盯 盯紧 瞄准 布局 落户 入驻 成为 增加
    做强 做大 做优 做实 做精 做大做强 做强做优 做优做强
    旗下 所属
    """
)  # (青山控股|旗下|瑞浦兰钧二期: the group, then its unit's project)
# Parts of speech that never sit inside a program name.
_BOUNDARY_POS = _words("p c u uj ul uz ug uv ud ude1 r d y e o x w q")
# Conjunctions that join two parts of one name (防止返贫动态监测和帮扶机制).
_NAME_CONJ = frozenset(("和", "与", "及"))
# Verbs and quantifiers that govern a name when they open it, though the same verbs occur
# inside names (校园安防建设提升工程): stripped from the left of a finished name.
LEADING_STRIP = _words(
    """
    提升 优化 构建 发挥 丰富 推出 搞好 搞 推开 建强 做强 扩建 投用 进入 普及 构筑 注重 加固
    首创 新一轮 首个 首批 全国首个 国内首个 省以上 以上 部分 有力 努力 新增 新建 打好 打赢
    组建 设立 开设 举办 承办 用好 做优 做大 做实 办好 擦亮 叫响 打响 实施 开展 推进 推动 好
    优先 保障 成立 利用 充分利用 执行 严格执行 策划 建好 做深做透 助力 处在 构筑 看到 更要看到
    坚决 决战 决胜 落地 签约 试点
    """
)
# Single-character words that never open a name: the name starts after them.
LEFT_STOPS = frozenset(
    "是要在含有多指对把将被让使由从向为以于并也都又还更再就才即均各每该其此这那一"
)
# Words that open a clause around a name, never the name (作为|河长制发源地); not 提高 or 结合,
# which open names as well (医养结合促进行动)
LEFT_STOP_PHRASES = _words(
    "坚定不移 看到 通过 立足 按照 围绕 针对 根据 包括 其中 作为"
    " 一是 二是 三是 四是 五是 六是 七是 八是 九是 十是"  # (二是|现代化产业体系: a list's mark)
)
_QUOTE_OPEN, _QUOTE_CLOSE = '“‘「『"', '”’」』"'
# The longest name a head word's left edge reaches for: the longest of the dev gold is 26
# characters (…流域山水林田湖草沙一体化保护和修复工程 runs past 20).
_MAX_NAME = 26
QUANTITY_RE = re.compile(
    r"^[\d.]+(?:亿元|万元|元|亿|万|个|项|家|%|公里|千米|吨|万吨|亩|万亩|千瓦|万千瓦|兆瓦|平方米)$"
)
UNIT_WORDS = _words("亿元 万元 元 亿 万 公里 千米 吨 万吨 亩 万亩 千瓦 万千瓦 兆瓦 平方米 %")
MEASURE_WORDS = frozenset("个项条处栋座所家批类件轮次场")
COUNTED_RE = re.compile(r"^[\d一二三四五六七八九十百千万两几多]+[个项条处栋座所家批类件大轮]$")
NUMERAL_START_RE = re.compile(r"^[一二三四五六七八九十百千万两双单多\d]")
# An amount or a count opening a phrase (10万亩, 5座, 48个), not a numeral inside a name.
AMOUNT_START_RE = re.compile(
    r"^[\d.]+|^[一二三四五六七八九十百千万两几多]+(?:[个项条座处所家批类件轮次场万亿千百]|公里|亩|吨|米)"
)
SERIES_RE = re.compile(r"^[一二三四五六七八九十\d]+号")
# A phase, a line or a branch after a name (二期, 二线, 二院, 三标段).
PART_RE = re.compile(r"^[一二三四五六七八九十\d]+(期|线|院|标段|区)")
SLOGAN_CHARS_RE = re.compile(r"[+＋×\d]")
QUOTE_RE = re.compile(r"“([^“”\n]{1,20})”")
TITLE_RE = re.compile(r"《([^《》\n]{2,60})》")
TITLE_PROGRAM_HEADS = ("规划", "纲要", "计划", "方案", "行动", "战略")
GENERIC_PROGRAM = _words(
    """
    工作机制 长效机制 体制机制 协调机制 联动机制 保障机制 考核机制 工作体系
    治理体系 服务体系 保障体系 政策体系 标准体系 产业体系 制度体系 组织体系
    责任体系 监管体系 改革 综合改革 体制改革 制度改革 深化改革 重大改革
    重点改革 系统改革 配套改革 专项行动 三年行动 攻坚行动 重大工程 重点工程
    民生工程 示范工程 基础工程 公共平台 服务平台 创新平台 交易平台 数字平台
    信息平台 开放平台 发展平台 重点项目 试点 国家试点 改革试点 发展战略
    国家战略 重大战略 总体规划 专项规划 发展规划 规划 行动计划 工作计划
    实施方案 模式 新模式 发展模式 五年规划 五年规划纲要
    """
)

# ---------------------------------------------------------------- COMPANY

COMPANY_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        (
            "集团", "公司", "股份", "控股", "有限公司", "电力", "生物", "轮胎", "新材料", "材料",
            "工业", "电子", "汽车", "新能源", "能源", "重工", "制药", "药业", "化工", "化学",
            "石化", "钢铁", "银行", "证券", "人寿", "保险", "物流", "传媒", "食品", "电器", "机械",
            "装备", "光电", "纺织", "纤维", "啤酒", "乳业", "电源", "工具", "骨科", "医疗", "科技",
            "智能", "电气", "机电", "动力", "信息", "网络", "软件", "数码", "实业", "置业", "地产",
            "航空", "海运", "船舶", "造船", "钢管", "矿业", "煤业", "水泥", "玻璃", "陶瓷",
            "酒业", "纸业", "铝业", "铜业", "锂业", "钼业", "化纤", "牧业", "半导体", "微电子",
            "光能", "锂能", "新能", "财险", "新材",
            # Japanese trading houses (丰田通商, 三井物产, 伊藤忠商事)
            "通商", "物产", "商事",
            # a city's or province's state investment firms by their short names (合肥建投,
            # 榆林城投, 兴泰金控)
            "金控", "城投", "建投", "交投", "产投", "文投",
        ),
        key=lambda s: (-len(s), s),
    )
)  # fmt: skip
# The characters a firm suffix ends with (a token ending otherwise ends no suffix)
_SUFFIX_LAST_CHARS = frozenset(w[-1] for w in COMPANY_SUFFIXES)
# A sector + 集团 is a state-owned group named so in its report (能源集团, 交通集团, 水务集团),
# except for these kinds of group.
GENERIC_GROUPS = _words(
    "企业 产业 龙头 骨干 大型 国有 民营 跨国 行业 商业 金融 市场 医疗 教育 国企 央企 民企 外企"
)
# Suffixes that make a firm even after a place name (齐鲁石化, 恒丰银行); the other ones are
# also sector words (山东能源 is more often the province's energy sector than the firm).
STRONG_COMPANY_SUFFIXES: tuple[str, ...] = (
    "集团", "公司", "股份", "控股", "有限公司", "银行", "证券", "人寿", "石化", "化学", "纤维",
    "轮胎", "啤酒", "乳业", "药业", "制药", "重工", "钢铁", "电气", "实业", "置业",
    "财险", "金控", "城投", "建投", "交投", "产投", "文投",
)  # fmt: skip
GOV_SUFFIXES: tuple[str, ...] = (
    "委员会", "人民政府", "政府", "人大", "政协", "法院", "检察院", "党委", "市委", "省委", "区委",
    "县委", "委", "部", "局", "厅", "办", "署", "处", "中央", "国务院", "部队", "武警", "公安",
    "海关", "工商联", "总工会", "工会", "共青团", "妇联", "残联", "红十字会", "党组", "支部",
    "侨联", "科协", "文联", "台联", "作协", "社科联", "贸促会",
)  # fmt: skip
INSTITUTION_SUFFIXES: tuple[str, ...] = (
    "大学", "学院", "研究院", "研究所", "实验室", "中心", "医院", "学校", "中学", "小学",
    "幼儿园", "图书馆", "博物馆", "科学院", "工程院", "基金会", "协会", "学会", "商会", "联合会",
    "联盟", "书院", "报社", "电视台", "日报", "出版社", "研究会", "院", "所", "馆", "站", "台",
    "校", "红十字",
    # short names of universities (哈工大, 北师大, 华中农大, 上海交大, 中国科大)
    "工大", "师大", "农大", "医大", "交大", "科大", "财大", "林大", "矿大", "民大", "海大",
)  # fmt: skip
# Model ORG spans ending so are events, campaigns or abstractions, not firms.
NOT_FIRM_ENDINGS: tuple[str, ...] = (
    "会", "治党", "竞争力", "以上", "挂牌", "上市", "活动", "工作", "服务", "建设", "发展", "党",
    "谷", "港", "城", "园", "湾", "岛", "赛", "节", "展",
)  # fmt: skip
NOT_COMPANY_ENDINGS: tuple[str, ...] = (
    "企业", "品牌", "产业", "集群", "园区", "基地", "项目", "经济", "市场", "行业",
    "委员", "代表", "解放军", "国集团", "保险", "城市", "文明", "中心",
)  # fmt: skip
# Nouns after a sector word that make it a sector, not a firm (冷链物流产业集群).
SECTOR_HEADS: tuple[str, ...] = (
    "产业", "集群", "行业", "企业", "园区", "基地", "领域", "板块", "赛道", "市场", "经济",
)  # fmt: skip
# "…等5家企业", "…等世界500强企业": the items of the list before are firms.
FIRM_LIST_TAIL_RE = re.compile(
    r"^(?:等)?(?:\d+|[一二三四五六七八九十两几]+)?(?:家|个)?"
    r"(?:世界500强|中国500强|民营500强|龙头|知名|头部|重点|骨干|链主|大型|外资|央企)?"
    r"(?:企业|公司|集团|[央名外民国台港酒药车房]企)"  # (白云边、稻花香、劲牌等酒企)
)

# ---------------------------------------------------------------- PLACE

PLACE_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        (
            "省", "市", "县", "区", "镇", "乡", "村", "州", "盟", "旗", "岛", "湾", "河", "江",
            "湖", "山", "峰", "岭", "峡", "泉", "湿地", "草原", "新区", "开发区", "经开区",
            "高新区", "保税区", "经济圈", "湾区", "都市圈", "城市群", "新城", "产业园", "片区",
            "合作区", "先导区", "示范区", "自贸港", "自贸区", "国家公园", "走廊", "半岛", "流域",
            "三角洲", "地区", "群岛", "水库", "盆地", "平原", "高原", "沙漠", "林场", "牧场",
        ),
        key=lambda s: (-len(s), s),
    )
)  # fmt: skip
GENERIC_PLACES = _words(
    """
    城区 市区 郊区 新区 开发区 高新区 经开区 保税区 综合保税区 自贸区
    自由贸易试验区 园区 产业园 景区 社区 乡村 农村 城市 城镇 山区 库区
    牧区 林区 矿区 海域 流域 地区 片区 老区 革命老区 边境 沿海 内陆 全国
    全省 全市 全区 全县 本市 本省 我市 我省 我区 我县 各地 基层 海外
    境外 国外 国内 城乡 乡镇 街道 村庄 美丽乡村 金山银山 绿水青山 东部 中心镇 新市镇 重点镇
    西部 南部 北部 中部 东北 西南 西北 东南 中西部 东中西部 经济技术开发区
    高新技术产业开发区 国家级新区 示范区 先导区 合作区 湿地 城市群 都市圈
    经济圈 自贸试验区 省 市 县 区 城中村 新农村 示范村 中心村 行政村 自然村 空心村 贫困村
    薄弱村 美乡村 美丽乡村示范村 周边 周边地区 周边国家 沿线 沿线国家 沿线地区
    嘎查 嘎查村 苏木 苏木乡镇
    """
)
# A place followed by one of these is a facility or project; the place alone is the entity.
FACILITY_NOUNS: tuple[str, ...] = (
    "基地", "园区", "产业园", "工业园", "港区", "港", "码头", "机场", "站", "景区", "公园",
    "广场", "大桥", "医院", "学校", "中心", "项目", "工程", "电站", "水库", "奶源基地",
)  # fmt: skip


# Protected areas named after a feature (spec: nature reserves, forest and geoparks are places)
NATURE_ZONE_WORDS = ("森林公园", "地质公园", "湿地公园", "自然保护区", "国家公园")
# A place + these is the place's people or area (台湾同胞, 台湾地区 → 台湾).
PEOPLE_TAILS = frozenset(("同胞", "侨胞", "人民", "居民", "地区", "籍"))


@dataclass(frozen=True, slots=True)
class Lexicons:
    """What the rules consult: places, dictionary programs and concepts, common words."""

    is_place: Callable[[str], bool]
    programs: frozenset[str]
    concepts: frozenset[str]
    word_freq: Callable[[str], int]  # frequency of a word in a general dictionary, 0 if absent
    stop: dict[str, frozenset[str]]  # label → surface forms measured as false positives
    place_kind: Callable[[str], str] = lambda _name: ""  # gazetteer kind (county, town, …)
    # the provinces (adcode's first two digits) of the divisions of that name
    provinces_of: Callable[[str], frozenset[str]] = lambda _name: frozenset()
    # the short names of the towns under a county-level division (六合 → 竹镇, …)
    towns_of: Callable[[str], frozenset[str]] = lambda _name: frozenset()
    word_pos: Callable[[str], str] = lambda _word: ""  # POS of a word in a general dictionary
    is_brand: Callable[[str], bool] = lambda _name: False  # a registered firm's short name
    is_sector: Callable[[str], bool] = lambda _word: False  # a sector word of firm names
    known_firms: frozenset[str] = frozenset()  # well-known firms' unambiguous names
    ambiguous_firms: frozenset[str] = frozenset()  # well-known firms' names that are words
    foreign_firms: frozenset[str] = frozenset()  # well-known firms from abroad (马自达, 丰田)
    # characters that stand for a city in fused names of regions (济青, 长株潭, 呼包鄂榆): those
    # of province and prefecture names (prefecture_chars) and the first of county names
    city_chars: frozenset[str] = frozenset()
    prefecture_chars: frozenset[str] = frozenset()
    # China's macro-regions (西部地区, 华北): gazetteer places the spec does not score
    macro_regions: frozenset[str] = frozenset()


def strip_quotes(text: str) -> str:
    """The spec's normalized surface form: quotes and book-title marks removed, trimmed."""
    return re.sub(r"[“”‘’\"「」《》]", "", text).strip()


def _token_at_end(tokens: Sequence[Tok], end: int) -> int | None:
    for i, (_, e, _) in enumerate(tokens):
        if e == end:
            return i
    return None


def _is_boundary(text: str, tok: Tok) -> bool:
    s, e, pos = tok
    word = text[s:e]
    if word in GOVERNING or (len(word) >= 3 and word[-2:] in GOVERNING):
        return True  # 实施, and 全面推行 / 深入开展 tagged as nouns
    if word in _NAME_CONJ:
        return False
    if COUNTED_RE.match(word) or QUANTITY_RE.match(word):
        return True  # 205项, 100个, 14486亿元: a count or an amount, not part of a name
    if pos in _BOUNDARY_POS and word not in ("+", "×", "±"):
        return not (pos == "x" and word.isalnum())
    return pos.startswith("u") or pos == "w"


@lru_cache(maxsize=32)
def _suffix_index(suffixes: tuple[str, ...]) -> tuple[frozenset[str], tuple[int, ...]]:
    return frozenset(suffixes), tuple(sorted({len(x) for x in suffixes}, reverse=True))


@lru_cache(maxsize=1 << 16)
def _head_suffix(word: str, heads: tuple[str, ...]) -> str:
    """The longest of `heads` that `word` ends with, or ''."""
    members, lengths = _suffix_index(heads)
    for n in lengths:
        if n <= len(word) and word[-n:] in members:
            return word[-n:]
    return ""


# Nouns that turn a program into a title won by a place or a body (试点|城市, 改革|示范区,
# 改革|创新|试验区).
TITLE_NOUNS = (
    "城市", "示范区", "试验区", "示范市", "示范县", "示范城市", "先行区", "示范学校", "示范单位",
    "示范基地", "示范园区", "市", "县", "单位",
)  # fmt: skip


# Words of physical works: an 工程 made of them and common words is a kind of works.
PHYSICAL_WORKS = (
    "管网", "供水", "排水", "给水", "雨水", "污水", "绿化", "亮化", "饮水", "道路", "扩建", "改造",
    "供电", "供热", "管线", "楼体", "医院", "校舍", "基地", "维修", "加固", "硬化", "修缮",
)  # fmt: skip


# Words that make a head word part of a longer noun (战略|机遇, 战略|腹地, 行动|上).
HEAD_CONTINUATIONS = (
    "机遇", "优势", "指导", "性", "意义", "眼光", "定力", "支点", "腹地", "上", "自觉", "方向",
    "目标", "布局", "合作", "科学家", "储备", "人才", "公司", "企业", "协同", "对接",
    "地位", "通道", "高地", "创新",
    # the measures, plans and frame of a program, not the program (改革|举措, 战略|框架)
    "举措", "措施", "政策", "部署", "框架", "全局", "自主权",
    "遗产",  # 世界灌溉工程|遗产: a heritage title
    "作用",  # 发挥|平台|作用: a role, not a program
    # an institution named after its field (大数据国家工程|实验室, …工程|技术研究中心)
    "实验室", "研究中心", "技术中心", "研究院", "研究所",
)  # fmt: skip
# What makes a line's name part of a facility's or a body's (南宁国际铁路|港, 铁路|局, 高速|集团)
PROJECT_HEAD_CONTINUATIONS = (
    "港", "站", "枢纽", "口岸", "货场", "物流", "集团", "公司", "局",
    "列车", "动车",  # 复兴号高速|列车: a train, not an expressway
)  # fmt: skip
# … and what a reform or a strategy modifies, making it no name: 改革|发展 (民营企业改革发展),
# 改革|化险, 改革|重组, 改革|转型, 改革|试点经验, 战略|发展
REFORM_CONTINUATIONS = ("发展", "化险", "重组", "转型", "提升", "先行", "试点经验")


def _title_follows(text: str, tokens: Sequence[Tok], head_index: int) -> bool:
    """Whether a title noun follows the head, directly or after one two-character word."""
    nxt = [text[s:e] for s, e, _ in tokens[head_index + 1 : head_index + 4]]
    if nxt and nxt[0] in PROGRAM_HEADS:
        nxt = nxt[1:]  # 普惠金融改革|试点|城市
    if not nxt:
        return False
    return nxt[0] in TITLE_NOUNS or (
        len(nxt) >= 2 and len(nxt[0]) == 2 and nxt[1] in ("试验区", "示范区", "先行区")
    )


def _inner_building(text: str, tokens: Sequence[Tok], j: int, head_index: int) -> bool:
    """建设 between a noun and the head is part of the name (产教融合型城市|建设|试点,
    交通强省|建设|工程), not a verb governing it."""
    if text[tokens[j][0] : tokens[j][1]] != "建设" or j == 0 or j + 1 > head_index:
        return False
    s, e, pos = tokens[j - 1]
    word = text[s:e]
    return pos[:1] == "n" and word not in GOVERNING and len(word) >= 2


def _governed_pair(
    text: str,
    tokens: Sequence[Tok],
    conj: int,
    head_index: int,
    max_chars: int,
    programs: frozenset[str] = frozenset(),
) -> bool:
    """Whether `A和B工程` is one name: A follows a verb that carries out programs (实施|世界一流
    强港和交通强省建设工程), with no boundary between, and the whole stays short; not when A is
    one of `programs` (中部地区崛起|和|长江经济带发展战略: two programs)."""
    for j in range(conj - 1, max(conj - 6, -1), -1):
        s, e, _ = tokens[j]
        word = text[s:e]
        if word in CARRY_VERBS or word in GOVERNING:
            first = text[e : tokens[conj][0]]  # A, from the verb to the conjunction
            second = text[tokens[conj][1] : tokens[head_index][0]]
            if first in programs:
                return False
            return (
                len(first) >= 4
                and len(second) >= 4
                and not first.endswith(PROGRAM_HEADS + PROJECT_HEADS + WEAK_HEADS)
                and tokens[head_index][1] - e <= max_chars
            )  # (国家和省重点人才工程, 国际大科学计划和大科学工程: two things)
        if _is_boundary(text, tokens[j]) or word in _NAME_CONJ or word in LEFT_STOPS:
            return False
    return False


# Technical units that belong to a project's name with their number (500千伏, 20万吨级).
TECH_UNITS = frozenset(("千伏", "万伏", "万吨级", "吨级", "千瓦", "万千瓦", "兆瓦"))
_ORDINAL_RE = re.compile(r"^第[一二三四五六七八九十\d]+[回期批条]$")


def _spec_in_name(text: str, tokens: Sequence[Tok], j: int) -> bool:
    """Whether tokens[j] is a technical spec inside a name: a number before a technical unit,
    the unit itself, or an ordinal (第三回), with a content word before it."""
    word = text[tokens[j][0] : tokens[j][1]]
    if j == 0 or (_is_boundary(text, tokens[j - 1]) and tokens[j - 1][2] != "m"):
        return False
    if _ORDINAL_RE.match(word) or word in TECH_UNITS:
        return True
    nxt = text[tokens[j + 1][0] : tokens[j + 1][1]] if j + 1 < len(tokens) else ""
    return (tokens[j][2] == "m" or word.isdigit()) and nxt in TECH_UNITS


def _list_closer_inside(name: str, lex: Lexicons) -> bool:
    """A 等 inside a name that is no part of a word (科技城等|创新, glued by the segmenter: the
    closer of a list), unlike 平等 or 等级 (网络安全等级保护制度)."""
    return any(
        ch == "等" and not lex.word_freq(name[i - 1 : i + 1]) and not lex.word_freq(name[i : i + 2])
        for i, ch in enumerate(name)
        if i
    )


def _superlative(word: str) -> bool:
    """最大, 最长, 首座: a superlative, which describes a thing rather than names it."""
    return len(word) >= 2 and (word[0] == "最" or word in ("首个", "首座", "首条"))


def _token_before(tokens: Sequence[Tok], start: int) -> int:
    """Start of the token that ends at `start` (`start` itself when there is none)."""
    return next((a for a, b, _ in tokens if b == start), start)


# Heads whose names often end in what the campaign does (绿色消费|推进|行动, 空气质量|持续|
# 改善|行动, 平安|创建|工程).
_VERB_NAMED_HEADS = ("行动", "工程", "计划")


# States of works (在建工程, 拟建项目): kinds of projects, no part of a name.
_WORKS_STATES = frozenset(("在建", "拟建", "已建", "待建", "未建"))


def _inner_verb(text: str, tokens: Sequence[Tok], j: int, head_index: int) -> bool:
    """Whether tokens[j] is one of at most two verbs or adverbs just before a campaign's head
    word that follow a noun of its name (绿色消费|推进|行动), not the clause's verb (推进|行动)."""
    if head_index - j > 2 or text[tokens[head_index][0] : tokens[head_index][1]] not in (
        _VERB_NAMED_HEADS
    ):
        return False  # (完成|国有企业改革深化提升行动: the verbs are inside the head's token)
    run = tokens[j:head_index]
    if not all(
        p[:1] in ("v", "d") and text[a:b] not in LEFT_STOPS and text[a:b] not in _WORKS_STATES
        for a, b, p in run
    ):
        return False
    k = j - 1
    while k >= 0 and head_index - k <= 2 and tokens[k][2][:1] in ("v", "d"):
        k -= 1  # (持续|改善: the whole run of verbs must follow a noun)
    if k < 0 or head_index - k > 3:
        return False
    pos = tokens[k][2]
    return pos[:1] == "n" or (pos == "vn" and not _is_boundary(text, tokens[k]))


# What a campaign adds to a reform or a campaign it renews (国有企业改革|深化提升|行动).
_RENEWALS = frozenset(("深化", "提升", "深化提升", "巩固提升"))


def _renewal(text: str, tokens: Sequence[Tok], j: int, head_index: int) -> bool:
    """Whether tokens[j] is in a run of at most two renewal words between a program's head and a
    campaign's head (新时代教育评价改革|深化|行动): the campaign renews the program, one name."""
    if text[tokens[head_index][0] : tokens[head_index][1]] not in _VERB_NAMED_HEADS:
        return False
    k = head_index - 1
    while k >= 0 and head_index - k <= 2 and text[tokens[k][0] : tokens[k][1]] in _RENEWALS:
        k -= 1
    return (
        k < j < head_index
        and k >= 0
        and bool(_head_suffix(text[tokens[k][0] : tokens[k][1]], PROGRAM_HEADS))
    )


def _extend_left(
    text: str,
    tokens: Sequence[Tok],
    head_index: int,
    max_chars: int,
    programs: frozenset[str] = frozenset(),
) -> int:
    """Start of the name ending with tokens[head_index]: left over content tokens (`programs`:
    the names of programs known, which a conjunction after them ends)."""
    start = tokens[head_index][0]
    last_is_project = text[start : tokens[head_index][1]] in PROJECT_HEADS
    depth = 0
    for j in range(head_index - 1, -1, -1):
        s, e, _ = tokens[j]
        word = text[s:e]
        if word in _QUOTE_CLOSE and word not in _QUOTE_OPEN:
            depth += 1
        elif word in _QUOTE_OPEN and depth:
            depth -= 1
        elif _spec_in_name(text, tokens, j):
            pass  # 500|千伏, 第三回: a line's voltage or circuit inside the project's name
        elif _renewal(text, tokens, j, head_index):
            pass  # 国有企业改革攻坚|深化|提升|行动: a campaign renewing a reform
        elif word in PROJECT_HEADS and j + 1 < head_index and last_is_project:
            break  # 货运机场|花湖|国际|机场: a facility described before the named one
        elif word in PROJECT_HEADS and j > 0 and tokens[j - 1][2] != "x":
            pass  # G98环岛|高速(/d)|提档扩容工程: the expressway, whatever its tag
        elif (
            word in ("—", "－", "-")
            and 0 < j < head_index
            and tokens[j - 1][2] == "ns"
            and tokens[j + 1][2] == "ns"
        ):
            pass  # 海南—广东…线路工程: a line between two places
        elif (
            (word in MEASURE_WORDS or word in UNIT_WORDS)
            and j > 0
            and (tokens[j - 1][2] == "m" or text[tokens[j - 1][0] : tokens[j - 1][1]].isdigit())
        ):
            break  # 205项重点改革, 14486亿元金融改革: a count or an amount, not part of a name
        elif word in LEFT_STOPS or word in LEFT_STOP_PHRASES or _superlative(word):
            break  # 是|广东改革, 含|渡改桥工程: a function word before the name
        elif word.endswith(LEGAL_FORMS) and j + 1 < head_index and tokens[j + 1][2] in ("v", "vn"):
            # 国网安徽省电力有限公司|建设|…特高压配套工程: a firm's registered name, then the
            # verb of what it builds (江苏长电科技股份有限公司|汽车电子…基地一期: its project)
            start = tokens[j + 1][1]
            break
        elif word == "项目" and j + 1 < head_index and text[tokens[j + 1][0]] in "和及与、":
            break  # …扩建项目|和|中海油惠州石化三期工程: the project before ends there
        elif word == "至" and j > 0 and tokens[j - 1][2] == "ns":
            pass  # 董家口至五莲铁路: a line between two places
        elif (
            word in _NAME_CONJ
            and not (
                0 < j < head_index
                and tokens[j - 1][2].startswith("v")
                and tokens[j + 1][2].startswith("v")
            )
            and not _governed_pair(text, tokens, j, head_index, max_chars, programs)
        ):
            break  # 铁路及胶新铁路, 扩招和职业技能…: two things; 修复和整治, 监测和帮扶: one
        elif (
            _is_boundary(text, tokens[j])
            and word not in _ZONE_SHORT_FORMS  # 西安|高新(/d)|综合保税区: 高新区's short form
            and not _inner_building(text, tokens, j, head_index)
            and not _inner_verb(text, tokens, j, head_index)
        ):
            break
        if tokens[head_index][1] - s > max_chars:
            break
        start = s
    if depth:  # an unbalanced closing quote: start after it
        for j in range(head_index - 1, -1, -1):
            s, e, _ = tokens[j]
            if s < start:
                break
            if text[s:e] in _QUOTE_CLOSE:
                return e
    # a name does not open with a conjunction or a governing verb, nor with an idiom before
    # one (全力以赴|决战|决胜|脱贫攻坚)
    for k, (s, e, pos) in enumerate(tokens):
        if s < start or e > tokens[head_index][0]:
            continue
        if s == start and (
            text[s:e] in _NAME_CONJ
            or text[s:e] in LEADING_STRIP
            or (
                pos == "i"
                and k + 1 < head_index
                and text[tokens[k + 1][0] : tokens[k + 1][1]] in LEADING_STRIP
            )
        ):
            start = e
        elif s == start and e - s >= 3 and text[s] == "及":
            start = s + 1  # 大桥|及沪通|铁路一期: the segmenter fused the conjunction to a name
    return start


def _specific(name: str, lex: Lexicons) -> bool:
    """A name part that is more than generic words: a number, a place, a quote, or rare words."""
    if NUMERAL_START_RE.match(name) or SLOGAN_CHARS_RE.search(name) or "“" in name:
        return True
    if len(name) >= 4:
        return True
    return lex.word_freq(name) == 0 and len(name) >= 3


# Head words that describe as often as they name (measured on the development gold): a name
# ending in one must show something distinctive.
WEAK_HEADS = ("体系", "机制", "试点", "平台", "模式", "规划", "纲要", "责任制")


def _distinctive(
    text: str,
    tokens: Sequence[Tok],
    start: int,
    end: int,
    lex: Lexicons,
    *,
    rare_words: bool = True,
) -> bool:
    """A quote, a numeric slogan, a known program, a place, or (`rare_words`) a word no general
    dictionary knows."""
    if _slogan_named(text, tokens, start, end, lex):
        return True
    region = REGION_ABBREV_RE.match(text, start)  # 琼|西北|供水工程: a region the segmenter cut
    for s, e, _ in tokens:
        if s < start or e > end:
            continue
        if region and e == region.end() and s > start:
            return True
        word = text[s:e]
        if lex.is_place(word) or word in lex.programs:
            return True
        if rare_words and len(word) >= 2 and lex.word_freq(word) == 0 and word not in lex.concepts:
            return True
    return False


def _weak_head_named(
    text: str, tokens: Sequence[Tok], start: int, end: int, head: str, lex: Lexicons
) -> bool:
    """Whether the words before a weak head word (start:end) name the program rather than
    describe it. A system is named by a slogan, a quote or a formula only (315科技创新体系, not
    失能失智老年人照护体系); a mechanism or a platform also by a known program or a place in it
    (防止返贫致贫机制, 黄河流域横向生态补偿机制), not by a rare word of its description (保供稳价,
    群测群防); other weak heads by any of these or a rare word (社会治理|模式 is none)."""
    if head.endswith("体系") or (head.endswith("机制") and "长效" in text[start:end]):
        # (a lasting mechanism is what it keeps up: 秦岭生态环境保护常态化长效化机制,
        # 地方政府债务管理长效机制; a slogan still names one: “越办越好”长效机制)
        return _slogan_named(text, tokens, start, end, lex)
    return _distinctive(
        text, tokens, start, end, lex, rare_words=not head.endswith(("机制", "平台"))
    )


def _event_follows(text: str, by_start: dict[int, Tok], at: int) -> bool:
    """Whether the one or two words at `at` name a kind of event (消费季, 购物节, 论坛), also
    after 系列 (“山城夜景”系列|消费季活动)."""
    if text.startswith("系列", at) and at + 2 in by_start:
        at += 2
    end = at
    for _ in range(2):
        tok = by_start.get(end)
        if tok is None or tok[2][:1] not in ("n", "v"):
            return False
        end = tok[1]
        if end - at >= 2 and text[at:end].endswith(EVENT_ENDINGS):
            return True
    return False


_DATE_START_RE = re.compile(r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?|\d{4}年")


def _slogan_named(text: str, tokens: Sequence[Tok], start: int, end: int, lex: Lexicons) -> bool:
    """A name that opens with a quote or a numeral slogan, or holds a formula (1+4+N)."""
    name = text[start:end]
    if date := _DATE_START_RE.match(name):  # 7月|华容县…: a date opens no slogan
        start, name = start + date.end(), name[date.end() :]
    if "“" in name or SLOGAN_CHARS_RE.search(name):
        return True
    return bool(NUMERAL_START_RE.match(name)) and not _common_numeral_word(text, tokens, start, lex)


def _common_numeral_word(text: str, tokens: Sequence[Tok], start: int, lex: Lexicons) -> bool:
    """A name opening with a common word that starts with a numeral character (多层次, 多元化,
    一体化), not with a numeric slogan (一网通办, 两学一做)."""
    word = next((text[s:e] for s, e, _ in tokens if s == start), "")
    return len(word) >= 3 and lex.word_freq(word) >= 100


CARRY_VERBS = _words("开展 深化 推进 实施 启动 探索 扩大 推广 做好 抓好 完成 试行 组织 推开")
WIN_VERBS = _words("获批 入选 成为 列入 获评 争创 创建 申报 纳入 荣获 获得 承担 争取")


def _governing_verb(text: str, tokens: Sequence[Tok], start: int) -> str:
    """The token just before a name (its governing verb, if any); 深入开展 counts as 开展."""
    before = [t for t in tokens if t[1] <= start]
    if not before:
        return ""
    word = text[before[-1][0] : before[-1][1]]
    if word in ("好", "了") and len(before) > 1:  # 开展好|…试点: the verb before the particle
        word = text[before[-2][0] : before[-2][1]]
    return word[-2:] if len(word) > 2 else word


GENERIC_MODIFIERS = ("国家", "重大", "重点", "关键", "省级", "市级", "全国", "各类", "有关", "相关")
GENERIC_BARES = _words(
    "领域 水利 生态 环节 关键 方面 行业 部门 地方 五年 三年 十年 年度 中长期 发展 区域 区域发展"
)


# Verbs that, fused with a head word into one token (深化改革), make it a clause's predicate.
_CLAUSE_VERBS = frozenset(("深化", "全面深化", "推进", "推动", "加快", "加强", "实施", "开展"))
_COUNT_BARE_RE = re.compile(r"[\d一二三四五六七八九十百千两几多]+余?[大项个级类批]")


# (not a size: 景腊大型|灌区 is a named irrigation area)
_QUALITY_BARE_RE = re.compile(r"[\u4e00-\u9fff]{0,4}[^\W大中小重微轻\d][型性]")


def _generic_bare(bare: str) -> bool:
    """A name part made of generic modifiers only (国家重大, 重点领域, 五年), also when several
    are joined (重点领域和关键环节)."""
    parts = [p for p in re.split(r"[和与及、]", bare) if p]
    if len(parts) > 1:
        return all(_generic_bare(p) for p in parts)
    if bare.endswith(("领域", "环节", "方面", "促")):
        return True  # 民生领域|改革: a domain's reforms; 以开放促|改革: a slogan's verb
    if _COUNT_BARE_RE.fullmatch(bare):
        return True  # 三大|攻坚, 30余项|试点, 三级|平台: a count of a kind
    if _QUALITY_BARE_RE.fullmatch(bare):
        return True  # 引领型|改革, 战略战役性|改革: a kind of reform by its quality, no name
    core = bare
    changed = True
    while changed:
        changed = False
        for m in GENERIC_MODIFIERS:
            if core.startswith(m):
                core, changed = core[len(m) :], True
    return not core or core in GENERIC_BARES


_NUMBERED_NAME_RE = re.compile(r"[一二三四五六七八九十]号")


def _numbered_name_start(text: str, tokens: Sequence[Tok], start: int) -> int:
    """Where a name like 国和一号 starts when the segmenter cut its first word into single
    characters (国|和|一号: 和 read as a conjunction) and the span starts at the number."""
    if not _NUMBERED_NAME_RE.match(text, start):
        return start
    singles = {a for a, b, _ in tokens if b - a == 1 and _CJK_RE.fullmatch(text[a:b])}
    if start - 2 in singles and start - 1 in singles:
        return start - 2
    return start


# Who carries a quoted program out, written before its quote: a level or a rank of government.
_OWNER_WORDS = frozenset(
    ("国家", "全国", "全省", "全市", "省级", "市级", "县级", "市县", "省市县", "省市", "各级")
)


def _after_owner(text: str, start: int, head_start: int, lex: Lexicons) -> int:
    """Where a program's name begins when a place or a level of government stands before its
    quote (青岛|“强龙头”战略, 国家|“城市双修”试点, 胶东地区|清洁供暖“一张网”工程): the quote
    and what follows name the program, the owner does not."""
    q = text.find("“", start, head_start)
    if q <= start:
        return start
    owner = text[start:q]
    if owner in _OWNER_WORDS or lex.is_place(owner):
        return q
    for k in range(len(owner) - 4, 1, -1):  # a region + 地区, then the program's own words
        if owner[k : k + 2] == "地区" and lex.is_place(owner[:k]):
            return start + k + 2
    return start


def _known_program_start(text: str, start: int, end: int, lex: Lexicons) -> int:
    """Where a known national program begins when its owner is written before it (国家|脱贫攻坚,
    凉山州|脱贫攻坚, 张掖|乡村振兴): the country's campaign is named without the place that
    carries it out (a place's own program keeps it: 威海英才计划)."""
    for k in range(start + 1, end - 1):
        if text[k:end] in lex.programs:
            owner = text[start:k]
            return k if owner in _OWNER_WORDS or lex.is_place(owner) else start
    return start


# A count of works right before a name (48个, 895公里, 5个省级): the name is their kind.
_COUNTED_BEFORE_RE = re.compile(r"\d+多?(?:个|项|处|座|条|家|所|公里|千米)(?:省级|市级|国家级)?$")


# A section of works named by a place or a river after the works' name (…工程|安徽段, …工程|
# 新川沙河段)
_WORKS_SECTION_RE = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:河段|段)")


def _works_section_end(text: str, tokens: Sequence[Tok], e: int, lex: Lexicons) -> int:
    """End of a works' name with the section or the phase of it that follows (e if none)."""
    ends = {b for _, b, _ in tokens}
    phase = _WORKS_PHASE_RE.match(text, e)
    if phase and phase.end() in ends:
        return phase.end()  # 千岛湖配水工程|二期
    m = _WORKS_SECTION_RE.match(text, e)
    if not m or m.end() not in ends:
        return e
    name = m.group(1) + ("河" if m.group().endswith("河段") else "")
    return m.end() if lex.is_place(name) or place_candidate(name, lex) else e


# A phase of works written after their name (千岛湖配水工程二期, 引江济淮工程二期)
_WORKS_PHASE_RE = re.compile(r"[一二三四五六七八九十\d]期(?!工程)")


# Works of care for a landscape, which a list of features shares (…生态修复工程, …保护提升行动);
# built works keep their name (海拉尔河、伊敏河堤防工程: the dikes are a project)
_CARE_WORKS = ("生态", "保护", "修复", "环境", "整治")


def _listed_feature_works(text: str, start: int, name: str, lex: Lexicons) -> int:
    """Length of the feature opening `name` when `name` closes a list of named features that
    share its works of care (大蜀山、紫蓬山|生态修复工程; 梵净山、雷公山|生态环境保护提升行动): the
    works are each feature's, described, not one program's name, and the feature is a place;
    else 0."""
    if start < 3 or text[start - 1] != "、" or not any(w in name for w in _CARE_WORKS):
        return 0
    item_start = max(text.rfind(c, 0, start - 1) for c in "，。；：、“”（）") + 1
    item = text[item_start : start - 1]  # (开展|梵净山: the clause's verb may open it)
    if not any(named_feature(item[-k:], lex) for k in range(2, min(6, len(item)) + 1)):
        return 0
    return next((k for k in range(min(6, len(name) - 2), 1, -1) if named_feature(name[:k], lex)), 0)


def _project_before(text: str, at: int) -> bool:
    """Whether a project or a zone is named just before `at` (川藏铁路|规划建设, 长江新城|…)."""
    return text[max(0, at - 6) : at].endswith(PROJECT_HEADS + ZONE_SUFFIXES)


def program_head_names(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """Names ending with a program head word (威海英才计划, 商事制度改革, 莱荣高铁)."""
    out: list[Cand] = []
    for i, (s, e, _) in enumerate(tokens):
        if text[e - 1] not in _HEAD_LAST_CHARS:
            continue  # (no head word can end the token: most tokens)
        word = text[s:e]
        # 试点工作, 供水|工程建设, 再造|工程项目: the head glued to the work on it, one token
        # (program_form_end cuts it)
        glued = 2 if word.endswith(GLUED_PILOT_WORK) or GLUED_WORK_RE.search(word) else 0
        head = _head_suffix(word[: len(word) - glued], PROGRAM_HEADS)
        project = "" if head else _head_suffix(word, PROJECT_HEADS)
        if not head and not project:
            continue
        if head == "攻坚战" and word in lex.programs:
            start = s  # 国家|污染防治攻坚战(成效考核): a known campaign's name is whole
        else:
            start = _numbered_name_start(
                text, tokens, _extend_left(text, tokens, i, _MAX_NAME, lex.programs)
            )
        if start == s and len(word) - glued <= len(head or project) + 1:
            continue  # the head word alone, or one character before it
        if start == s - 1 and i and tokens[i - 1][2][:1] in ("a", "d", "v"):
            continue  # 遂|大|高速: an adjective is no name of a road (7|号线, 湾|长制 are)
        start = _after_owner(text, start, s, lex)
        if _COUNTED_BEFORE_RE.search(text, max(0, start - 10), start):
            continue  # 实施48个|单村供水改造工程, 895公里|村路安防工程: works counted, a kind
        start = _known_program_start(text, start, e, lex)
        name = text[start : e - glued]
        if "”“" in name:
            continue  # “数源”“数用”行动: quoted names sharing a head (see quoted_programs)
        feature = _listed_feature_works(text, start, name, lex)
        if feature:
            out.append((start, start + feature, PLACE, "zone"))
            continue
        core = strip_quotes(name)
        bare = core[: len(core) - len(head or project)]
        if core in GENERIC_PROGRAM or core in lex.concepts or not bare or PHASE_RE.match(bare):
            continue  # (二期工程: a phase of works named before, not a name)
        if _generic_bare(bare):
            continue  # 国家重大战略, 重点领域改革, 重大水利工程, 五年规划: a kind, not a name
        domain = _QUOTED_PART_RE.fullmatch(name[: len(name) - len(head)]) if head else None
        if domain and head.endswith(WEAK_HEADS) and domain.group(1) in lex.concepts:
            continue  # “一老一小”服务体系: the services of a policy domain, no program's name
        if project and not (
            lex.is_place(bare[:2])
            or lex.is_place(bare)
            or len(bare) <= 4
            # 南沿江|城际|铁路: the kind of line before the head is no part of the name's length
            or len(bare) - len(_head_suffix(bare, PROJECT_HEADS)) <= 4
            or _leading_place(bare + project, lex)  # 呼和浩特|新|机场: a longer city's name
        ):
            continue
        if project and bare in GENERIC_PROJECT_MODIFIERS:
            continue  # 通用机场, 病险水库: a kind of facility, not a named project
        place = _leading_place(bare + project, lex) if project else 0
        if place and bare[place:] in _PLACED_KIND_MODIFIERS:
            continue  # 罗甸县|通用机场: a kind of facility at a place (the place is found alone)
        if project in PASSAGE_HEADS and not _named_passage(text, tokens, start, bare, lex):
            continue  # 交通枢纽, 开放通道, 国家物流枢纽: a hub or passage by its kind or title
        if project and start and _superlative(text[_token_before(tokens, start) : start]):
            continue  # 亚洲最大|专业货运机场: a description of a facility, not its name
        if bare.endswith("等") or _list_closer_inside(bare, lex):
            continue  # 商事登记确认制等改革, 中原科技城等创新平台: a kind after a list
        if start < s and head and word[: -len(head)] in _CLAUSE_VERBS:
            continue  # 龙江森工集团|深化改革: a subject, then a verb and the head in one word
        if head and _title_follows(text, tokens, i):
            continue  # 入选全国…试点城市, …改革创新试验区: a title won, not a program
        if text[e : e + 1] == "”" and text.startswith(AWARD_FOLLOWERS, e + 1):
            continue  # “五个一工程”奖: an award named after a program
        if (
            project
            and i + 1 < len(tokens)
            and tokens[i + 1][0] == e
            and text[e : tokens[i + 1][1]].startswith(PROJECT_HEAD_CONTINUATIONS)
        ):
            continue  # 南宁国际铁路|港, 铁路|局: a facility or a body named after the line
        if head and i + 1 < len(tokens) and tokens[i + 1][0] == e:
            nxt = text[tokens[i + 1][0] : tokens[i + 1][1]]
            if nxt.startswith(HEAD_CONTINUATIONS):
                continue  # 重要战略|机遇期, 行动|自觉: the head word is part of a longer word
            if head == "规划" and nxt == "建设" and _project_before(text, e - len(head)):
                continue  # 川藏铁路|规划|建设: the railway planned and built, not a plan
            if (head == "改革" and nxt.startswith(REFORM_CONTINUATIONS)) or (
                head == "战略" and nxt.startswith("发展")
            ):
                continue  # 民营企业改革|发展, 改革|化险: the reform modifies what follows
            if nxt in PROGRAM_HEADS or nxt in ("试验", "试验区"):
                continue  # 综合改革|试点: the name goes on to the next head word
        if head and not head.endswith("制") and not _specific(bare, lex):
            continue  # (…制 names a rule in force: 告知承诺制, 林长制)
        if head == "试点":
            verb = _governing_verb(text, tokens, start)
            if verb in WIN_VERBS:
                continue  # 获批…试点: a title won (not scored), not a program carried out
            if verb not in CARRY_VERBS and not _distinctive(text, tokens, start, s, lex):
                continue
        elif head.endswith(WEAK_HEADS) and not _weak_head_named(text, tokens, start, s, head, lex):
            continue  # 社会治理体系, 长效机制, 短缺药品保供稳价机制: a description, not a name
        elif (
            head.endswith("工程")
            and any(w in bare for w in PHYSICAL_WORKS)
            and not _distinctive(text, tokens, start, s, lex)
        ):
            continue  # 给排水管网工程, 区医院扩建工程: generic works, not a named project
        end = _extend_project_right(text, tokens, i) if project else e
        if head.endswith("工程"):
            end = _works_section_end(text, tokens, e, lex)  # 引江济淮工程|安徽段
        nxt_end = tokens[i + 1][1] if i + 1 < len(tokens) else e
        if head == "试点" and text[e:nxt_end] == "示范":
            end = nxt_end  # 煤电低碳化改造试点示范: the pilot and its showcase
        if project and OPERATION_RE.match(text, end):
            continue  # 萧山国际机场|旅客吞吐量: a facility at work, not a project being built
        if text[end : end + 1] == "圈":
            continue  # “1小时高铁圈”: a reach goal, not a railway
        if project and text[end : end + 1] == "群":
            continue  # 世界级机场|群: a cluster of facilities, not a project
        if project and text.startswith("口岸", end):
            continue  # 磨憨铁路|口岸: a border port, named after the line
        out.append((start, end, PROGRAM, "head"))
    return out


# What follows a facility in operation (机场年旅客吞吐量, 大桥车流量), not a project being built.
OPERATION_RE = re.compile(
    r"(?:年度?|全年)?(?:航空|国际)?(?:旅客|货邮|客货|集装箱)?(?:吞吐量|车流量|客流量|旅客|航线)"
    r"|成为|联动发展"  # 花湖国际机场|成为内陆“空中出海口”: what a facility in use is or does
)


# A quoted label and up to four characters after it (“一老一小”服务)
_QUOTED_PART_RE = re.compile(r"“([^“”]+)”[\u4e00-\u9fff]{0,4}")


# Qualifiers written after a construction project's head: 济南机场二期, 胶新铁路扩能改造,
# 荣乌高速威海绕城段, 13号线西延伸; a phase or a rebuilding may be called a 工程 (机场改扩建工程).
PROJECT_QUALIFIER_RE = re.compile(
    r"^(?:(?:[一二三四五六七八九十\d]+期|扩建|改扩建|改造|扩能改造|电气化改造|现代化改造|"
    r"续建配套(?:与|和)现代化改造|提标改造|扩容(?:改造)?)(?:工程)?|(?:新建)?航站楼|专用线|"
    r"[东西南北]?第?[一二三四五六七八九十]跑道|T\d[A-Z]?航站(?:楼|区)|卫星厅|"
    r"(?:(?:[东西南北]延伸?|延伸)(?:段|线)?|延长(?:段|线))(?:[一二三四五六七八九十\d]+期)?"
    r"|(?!部分|局部)[^\s，。、]{1,8}段)$"  # (18号线|部分区段: some sections, no named one)
)
# Hubs and crossings named as projects (大藤峡水利枢纽, 狮子洋通道, 宁波西枢纽) — heads that
# more often name a kind (综合交通枢纽, 绿色通道, 职业上升通道): the name must be proper.
PASSAGE_HEADS = ("水利枢纽", "航运枢纽", "枢纽", "通道")
# Words that make a hub or a passage a kind by what it serves, or a title (国家物流枢纽).
_PASSAGE_KIND_RE = re.compile(
    r"国家|国际|全国|综合|物流|交通|门户|战略|开放|安全|应急|绿色|上升|疏散|防火|融合|外送|出海|"
    r"出省|出入|大通道|双|算力|机场|航空|货运|专业|^跨"
)


def _named_passage(text: str, tokens: Sequence[Tok], start: int, bare: str, lex: Lexicons) -> bool:
    """Whether a hub's or a crossing's name part is a proper name: it opens with a place or a
    word the dictionary does not know as common (企石|枢纽, 沪甬|跨海通道), and holds no word
    of a kind of hub or passage."""
    if _PASSAGE_KIND_RE.search(bare) or any(
        text[a:b] in GOVERNING for a, b, _ in tokens if start <= a and b <= start + len(bare)
    ):
        return False  # (武汉|建设|国际性综合交通枢纽: a goal)
    first = next(((a, b, p) for a, b, p in tokens if a == start), None)
    if first is None:
        return False
    word = text[first[0] : first[1]]
    return bool(
        lex.is_place(bare[:2])
        or lex.is_place(bare[:3])
        or lex.is_place(word)
        or first[2][:2] in ("ns", "nr", "nz", "j")
        or not lex.word_freq(word)
        or (bare[-1] in "河湖湾江溪洋海峡" and not lex.word_freq(bare))
    )  # (狮子洋|通道: the water it crosses, a name the dictionary lacks)


GENERIC_PROJECT_MODIFIERS = _words(
    "通用 现代化 大中型 病险 水源型 新建 支线 干线 城际 地方 园区 通航 民用运输 运输 智慧 "
    "世界级 城市间 市郊 准轨 港口 环线 小型 中型 大型 邻县 县域 国际 支线型"
)
# …also after a place (罗甸县|通用机场), but for 国际 (浦东|国际机场 is a name)
_PLACED_KIND_MODIFIERS = GENERIC_PROJECT_MODIFIERS - {"国际"}


def _extend_project_right(text: str, tokens: Sequence[Tok], head_index: int) -> int:
    """End of a project name: its head plus the qualifiers that follow (二期, 扩能改造, …段)."""
    end = tokens[head_index][1]
    j = head_index + 1
    if text.endswith("城际", 0, end) and j < len(tokens) and text[end : tokens[j][1]] == "线":
        end, j = end + 1, j + 1  # 昆山至上海东站|城际|线: the line's own word
    for _ in range(3):  # up to three qualifiers (贵阳至安顺段|改扩建)
        if j >= len(tokens) or tokens[j][0] != end:
            break
        # a section may be named with a place before 段 (威海绕城段): join up to four tokens
        for k in (j + 3, j + 2, j + 1, j):  # the longest (改扩建|工程, not 改扩建)
            if k >= len(tokens):
                continue
            joined = text[tokens[j][0] : tokens[k][1]]
            if GLUED_WORK_RE.search(joined):
                joined = joined[:-2]  # 扩容|工程建设: program_form_end cuts the work off
            if PROJECT_QUALIFIER_RE.match(joined):
                end = tokens[k][1]
                j = k + 1
                break
        else:
            break
    return end


# Quoted results and records (“双下降”, “十一连冠”), which are not programs.
OUTCOME_ENDINGS = (
    "连冠", "连增", "连好", "下降", "增长", "缩减", "翻番", "清零", "满堂红", "一片红", "领先",
    "双赢", "作用", "功能", "底线",  # “五大引领作用”, “四大功能”, “两条底线”: roles and limits
)  # fmt: skip
# Quoted reach goals: “15分钟生活圈”, “1小时交通圈”, “同城生活圈”.
REACH_GOAL_RE = re.compile(r".*(?:分钟|小时).*圈|.*生活圈")


def _service_app(name: str, lex: Lexicons) -> bool:
    """A government service app or platform named after its region (山东通, 鲁惠通, 鲁执法)."""
    if not 3 <= len(name) <= 4 or lex.word_freq(name) or not name.endswith(APP_ENDINGS):
        return False
    return name[0] in PROVINCE_ABBREVIATIONS or lex.is_place(name[:2])


APP_ENDINGS = ("通", "办", "码", "云", "执法")


# A five-year period's label (“十四五”, “十五五”): before 规划 it names the period's plan
_PLAN_PERIOD_RE = re.compile("[一二三四五六七八九十]{2,3}五")
# Heads that make a program with a quote before them only (“九五”普法; 普法 alone is a duty).
QUOTE_HEADS = frozenset(("普法",))
# Quoted names of events (spec: meetings and events are no programs): 企业家日, 购物节, 论坛.
EVENT_ENDINGS = (
    "日", "节", "季", "论坛", "大展", "展会", "音乐会", "大会", "峰会", "博览会", "大赛", "联赛",
    "恳谈会", "洽谈会", "推介会", "交流会", "对接会", "发布会", "研讨会", "运动会", "交易会",
    "展销会", "年会", "嘉年华", "周",
)  # fmt: skip
# (of two characters or more: what a name before them names, not a firm)
_EVENT_WORDS = tuple(x for x in EVENT_ENDINGS if len(x) >= 2)
_DATE_CODE_RE = re.compile(r"\d{1,2}[·.]\d{1,2}")  # “1·22”, “4·11”: an incident by its date
# A head word glued by the segmenter to the work on it (工程建设, 行动建设, 工程进度, 工程项目):
# what follows the head is no part of the name (spec: trailing 建设 is not merged, a generic
# trailing 项目 is dropped).
GLUED_WORKS = ("建设", "进度", "项目")
GLUED_WORK_RE = re.compile(rf"(?:工程|行动|计划)(?:{'|'.join(GLUED_WORKS)})$")
# …and a pilot glued to its work (职业伤害保障|试点工作)
GLUED_PILOT_WORK = "试点工作"
# The characters a program's head word ends with (a token ending otherwise ends no head word)
_HEAD_LAST_CHARS = frozenset(
    w[-1] for w in (*PROGRAM_HEADS, *PROJECT_HEADS, GLUED_PILOT_WORK, *GLUED_WORKS)
)
# What follows a quoted award or rank (“五个一工程”奖, “…”荣誉称号, “世界500强”排名).
AWARD_FOLLOWERS = ("奖", "称号", "荣誉", "排名", "榜单", "复评", "复核", "复审")
# What follows a quoted goal or a city's positioning (“把潮州建设得更加美丽”发展目标).
GOAL_FOLLOWERS = ("目标", "发展目标", "奋斗目标", "总目标", "定位", "发展定位", "城市定位", "愿景")


# What follows quoted brands: 品牌, or a kind of brand (…等农产品品牌, 区域品牌)
_BRAND_AFTER_RE = re.compile(r"等?[\u4e00-\u9fff]{0,6}?品牌")


def _place_product_brand(inner: str, lex: Lexicons) -> bool:
    """A quoted place and a product of one to three characters (都匀|毛尖, 温岭|鞋, 松门|白鲞): a
    regional brand's name, not a service's (威海|营商行, …|好办)."""
    p = _leading_place(inner, lex)
    if not p and len(inner) == 4 and town_name(inner[:2], lex):
        # a town's product (箬横|西瓜), not an activity (海岱|考古: a brand of digs)
        p = 0 if lex.word_pos(inner[2:])[:1] == "v" else 2
    return bool(p) and 1 <= len(inner) - p <= 3 and inner[-1] not in "办通行码游购帮"


# What follows a quoted public brand of a region's products (“米脂小米”“横山羊肉”等区域公用品牌,
# “晋江制造”区域公共品牌): products' names, no programs (a brand alone may be a service's:
# “威海营商行”品牌)
BRAND_FOLLOWERS = ("区域公用品牌", "区域公共品牌", "公用品牌", "公共品牌", "农产品公用品牌")
# A quote + these is a region named by abbreviations of its cities (“宜荆荆恩”城市群).
QUOTED_REGION_HEADS = ("城市群", "都市圈", "经济圈", "城市圈", "城镇群")


_FORMULA_PART_RE = re.compile(r"[\u4e00-\u9fff]{2,}")
# A quote + these is an ideology or an idea (spec: ideology is no program)
IDEA_HEADS = ("重要思想", "思想", "理念", "理论", "精神")
# 的 as a particle (not in 目的, 的确)
_PARTICLE_DE_RE = re.compile(r"(?<!目)的(?![确士])")


def _word_formula(inner: str) -> bool:
    """Words joined by + (文化+旅游, 岗位需求+技能培训), no numerals or N, no 互联网+ or
    人工智能+ (national programs), no program head: a formula of sectors or steps, not a
    program."""
    parts = re.split(r"[+＋]", inner)
    return (
        len(parts) >= 2
        and all(_FORMULA_PART_RE.fullmatch(p) for p in parts)
        and parts[0] not in ("互联网", "人工智能")
        and not _head_suffix(parts[-1], PROGRAM_HEADS)
    )


# What wins a quoted title or award (获评“…城市”, 入选“…新发现”), and how awards end.
_AWARD_VERB_RE = re.compile(r"(?:入选|获评|荣获|获得|评为|获|授予|上榜|荣登|登上|夺得|收获)$")
_AWARD_INNER_RE = re.compile(r"(?:奖|新发现|考古发现|实践案例|典型案例|榜单|榜)$")
# Verbs of a title won (获评, 荣获…): a few words before a quote in its clause (获评全省唯一一个
# “…”, also 获批 for a place's title), or before a zone's name (获评…示范区, not 获批: a zone
# approved is a place).
_TITLE_VERBS = "获评|荣获|评为|授予|命名为"
_AWARD_CLAUSE_RE = re.compile(rf"(?:{_TITLE_VERBS}|获批)[^，。；：“”]*$")
TITLE_PLACE_ENDINGS = ("城", "城市", "名城", "之都", "之乡", "都", "县", "市", "区", "镇", "村")


def _after_adjacent_quotes(text: str, after: int) -> int:
    """Where the words after a quote start, past quotes that follow it at once (“甲”“乙”复评)."""
    m = _ADJACENT_QUOTES_RE.match(text, after)
    return m.end() if m else after


_ADJACENT_QUOTES_RE = re.compile(r"(?:“[^“”]{1,20}”)+")


# A count of two or more opening what a report “实现”s (双提升, 三个全覆盖): a goal; 一 opens
# reforms reached as often (实现“一网通办”).
_COUNTED_GOAL_RE = re.compile("[两双二三四五六七八九十百千万]")
# Numbers or N joined by + alone (“1+6”, “2+3+N”): how many of a kind; with a head word after
# the quote it names a program (“1+4+N”创新平台体系, found as quote+head).
_COUNT_FORMULA_RE = re.compile(r"[\dNnXx]+(?:[+＋][\dNnXx]+)+")


# A word between a quoted name and its head (“链长制”工作机制, “林长制”管理机制, “兴滇英才”支持
# 计划)
QUOTE_HEAD_MODIFIERS = frozenset(("工作", "服务", "管理", "联动", "协同", "推进", "运行", "支持"))
_MODIFIED_HEADS = frozenset(("机制", "体系", "模式", "计划"))


def quoted_programs(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """Quoted slogans and initiatives (“六稳”), merged with a head word that follows."""
    out: list[Cand] = []
    by_start = {s: (s, e, p) for s, e, p in tokens}
    for m in QUOTE_RE.finditer(text):
        inner = m.group(1).strip()
        if not inner or "、" in inner or "，" in inner or "。" in inner:
            continue
        if inner.endswith(OUTCOME_ENDINGS) or REACH_GOAL_RE.fullmatch(inner):
            continue  # “双下降”, “五连冠”, “全域一片红”, “15分钟生活圈”: a result or a goal
        after = m.end()
        region = next((z for z in QUOTED_REGION_HEADS if text.startswith(z, after)), "")
        if region:
            out.append((m.start(), after + len(region), PLACE, "quote+zone"))
            continue  # “襄十随神”城市群: a city cluster named by its cities' abbreviations
        nxt = by_start.get(after)
        next_word = text[nxt[0] : nxt[1]] if nxt else ""
        head = _head_suffix(next_word, PROGRAM_HEADS) or (
            next_word if next_word in QUOTE_HEADS else ""
        )
        after_head = by_start.get(nxt[1]) if nxt else None
        compound = bool(
            after_head and after_head[2] in ("n", "vn") and after_head[1] - after_head[0] >= 2
        )
        if (
            head
            and next_word == head
            and (not compound or head in QUOTE_HEADS or _PLAN_PERIOD_RE.fullmatch(inner))
        ):  # (“十四五”规划|目标任务: the plan of a five-year period, whatever follows it)
            # 黄河“几字弯”攻坚战: the quote names a part of the river before it, which the
            # name keeps (a division before a quote is the program's owner: 南宁市“强首府”战略)
            feature = next((a for a, b, _ in tokens if b == m.start()), None)
            opens = (
                feature
                if feature is not None and lex.place_kind(text[feature : m.start()]) == "natural"
                else m.start()
            )
            out.append((opens, nxt[1], PROGRAM, "quote+head"))  # type: ignore[index]
            continue
        if next_word in QUOTE_HEAD_MODIFIERS and after_head:
            word = text[after_head[0] : after_head[1]]
            if word in _MODIFIED_HEADS:
                out.append((m.start(), after_head[1], PROGRAM, "quote+head"))
                continue  # “链长制”工作机制, “企业吹哨·部门报到”服务机制: one kind of mechanism
        if GLUED_WORK_RE.fullmatch(next_word):  # “三北”工程建设: one token (program_form_end)
            out.append((m.start(), nxt[1], PROGRAM, "quote+head"))  # type: ignore[index]
            continue
        if _word_formula(inner):
            continue  # “文化+旅游”, “康养+旅游”: sectors joined by +, a way of working
        if _AREA_GROUP_RE.fullmatch(inner):
            continue  # “三区三州”, “三山一滩”, “九市一区”: a group of areas (“一江一河”: works)
        if text.endswith("实现", 0, m.start()) and _COUNTED_GOAL_RE.match(inner):
            continue  # 实现“双提升”, 实现“三个全覆盖”, 实现“十连丰”: a goal reached, counted
        if _COUNT_FORMULA_RE.fullmatch(inner) and inner not in lex.programs:
            continue  # “1+6”项目清单, “5+2”重点行业: a count of what follows, no program's name
        if inner.endswith(("+", "＋")) and inner.replace("＋", "+") not in lex.programs:
            continue  # “会展+”新经济, “保税+”消费: a sector open to others, no program's name
        if _PARTICLE_DE_RE.search(inner) and not _head_suffix(inner, PROGRAM_HEADS):
            continue  # “家门口的好去处”, “群众的小事”: a phrase with 的, not a program's name
        if inner.endswith(("式", "难")) and not inner.endswith(("模式", "方式")):
            continue  # “一站式”, “内卷式”: a manner; “办证难”: a complaint, not a program
        if inner.endswith("企业") and not SLOGAN_CHARS_RE.search(inner):
            continue  # “僵尸企业”, “瞪羚企业”: a kind of firm, not a program
        if inner.endswith(("制", "造")) and lex.is_place(inner[:-1]):
            continue  # “景德镇制”, “潍坊造”: a mark of origin, made in a place; no rule (…制)
        if inner.endswith(EVENT_ENDINGS) or _DATE_CODE_RE.fullmatch(inner):
            continue  # “五五购物节”, “1·22”: an event, not a program
        follower = _after_adjacent_quotes(text, after)
        if text.startswith(PROBLEM_FOLLOWERS, follower) and not NUMERAL_START_RE.match(inner):
            # “大班额”问题, “大班额”基本消除: a problem solved, no program (a counted slogan
            # is one: 解决“四风”问题)
            continue
        if text.startswith(BRAND_FOLLOWERS, follower + text.startswith("等", follower)):
            continue  # “米脂小米”“横山羊肉”等区域公用品牌: the region's products
        if _BRAND_AFTER_RE.match(text, follower) and _place_product_brand(inner, lex):
            # “都匀毛尖”“湄潭翠芽”品牌, “箬横西瓜”…等农产品品牌, “温岭鞋”区域品牌: a place's
            # product (not “威海营商行”品牌: a service's)
            continue
        if text.startswith(AWARD_FOLLOWERS, follower):
            # “五个一工程”奖, “…英雄群体”称号, “世界500强”排名: an award or a rank; “中国瓷都”
            # “中国婚纱礼服名城”复评: titles re-assessed (the follower of the last quote)
            continue
        if (
            _AWARD_VERB_RE.search(text, max(0, m.start() - 3), m.start())
            or _AWARD_INNER_RE.search(inner)
            or (_AWARD_CLAUSE_RE.search(text, max(0, m.start() - 12), m.start())
                and inner.endswith(TITLE_PLACE_ENDINGS))
        ):  # fmt: skip
            # 入选“全国十大考古新发现”, 获“中国工业大奖”, 获评全省唯一一个“中国食品名城”: a
            # title or an award won
            continue
        if re.search("[和与]", inner) and not _head_suffix(inner, (*PROGRAM_HEADS, "年")):
            continue  # “技术创新与制度创新”双轮驱动: two things joined, a program has one name
        if _event_follows(text, by_start, after):
            continue  # “上海之夏”消费季: the event's name
        if text.startswith(("机组", "核电机组", "堆型", "型号"), after):
            continue  # “华龙一号”机组: a model of reactor or plant, not a program
        if text.startswith(IDEA_HEADS, m.end()):
            continue  # “三个代表”重要思想, “两山”理念, “一盘棋”思想: an idea, not a program
        slogan = bool(NUMERAL_START_RE.match(inner) or SLOGAN_CHARS_RE.search(inner))
        if text.startswith(GOAL_FOLLOWERS, follower) and not slogan:
            # “把潮州建设得更加美丽”发展目标: a goal or a positioning worded as a sentence, no
            # program (a counted slogan is one: “十个争先”目标, “一点两地”定位)
            continue
        noun_follows = bool(nxt and nxt[2][:1] in ("n", "v") and nxt[2] not in ("v", "vd"))
        named = (
            slogan
            or inner in lex.programs
            or bool(_head_suffix(inner, PROGRAM_HEADS))
            or (len(inner) >= 4 and lex.word_freq(inner) == 0)
            or _service_app(inner, lex)
            or (noun_follows and lex.word_freq(inner) == 0)
            or _shares_a_head(text, after)  # “数源”“数用”行动: 数源 is named as 数用 is
        )
        if named and len(inner) >= 2:
            out.append((m.start() + 1, m.end() - 1, PROGRAM, "quote"))
    return out


# A quoted group of areas counted by their kinds of division or land (三区三州: three regions,
# three prefectures; 三山一滩): a fused label of places, no program (rivers and lakes so counted
# name works on them: 一江一河, 两江四河)
_AREA_GROUP_RE = re.compile(r"(?:[一二三四五六七八九十两]+[区州省市县山滩盟旗]){2,}")


# What follows a quoted problem (“大班额”问题, “看病难”现象, “大班额”基本消除)
PROBLEM_FOLLOWERS = ("问题", "现象", "基本消除", "全面消除", "消除", "有效化解", "得到解决")


def _shares_a_head(text: str, after: int) -> bool:
    """Whether the quote ending at `after` is directly followed by quoted names the last of
    which takes a program head (“数源”“数用”行动): the quotes share the head."""
    m = _ADJACENT_QUOTES_HEAD_RE.match(text, after)
    return bool(m and _head_suffix(m.group(1), PROGRAM_HEADS))


# One or more quotes directly after a quote, then up to three characters of a head word.
_ADJACENT_QUOTES_HEAD_RE = re.compile(r"(?:“[^“”]{1,12}”)+([\u4e00-\u9fff]{2,3})")


# National programs whose names vary only in their numerals or places, written out in most
# provincial reports (第二轮土地承包到期后再延长30年整省试点 / 三十年 / 整县 / 二轮…).
NATIONAL_PROGRAM_RES = (
    re.compile(r"第?二轮土地承包到期后再延长(?:30|三十)年(?:整省|整县|整市)?试点"),
    # …and a province's section of one of the five national cultural parks, which it builds
    # (长征国家文化公园（福建段）, 黄河国家文化公园甘肃段); the park alone is a kind of designation
    re.compile(
        r"(?:长城|长征|大运河|黄河|长江)国家文化公园"
        r"(?:（[\u4e00-\u9fff]{2,4}段）|[\u4e00-\u9fff]{2,3}段)"
    ),
)


def national_programs(text: str) -> list[Cand]:
    """Occurrences of the national programs of NATIONAL_PROGRAM_RES."""
    return [
        (m.start(), m.end(), PROGRAM, "national")
        for rx in NATIONAL_PROGRAM_RES
        for m in rx.finditer(text)
    ]


def title_programs(text: str) -> list[Cand]:
    """《…规划》-like titles of plans (titles of laws and works are not programs)."""
    return [
        (m.start() + 1, m.end() - 1, PROGRAM, "title")
        for m in TITLE_RE.finditer(text)
        if m.group(1).endswith(TITLE_PROGRAM_HEADS)
    ]


# ---------------------------------------------------------------- COMPANY and PLACE


# Institutions whose names the model may cut after the institution word.
INNER_INSTITUTIONS = ("小学", "中学", "大学", "学院", "医院", "学校", "幼儿园", "研究院")


def _ordinary_word(name: str, lex: Lexicons) -> bool:
    """A word of the dictionary, unless a rare proper noun (前沿, 港航; not 恒通)."""
    freq = lex.word_freq(name)
    return bool(freq) and not (lex.word_pos(name) in PROPER_POS and freq < 100)


def rare_brand(name: str, lex: Lexicons) -> bool:
    """A registered brand that is not an ordinary word (恒通, 鑫源; not 前沿, 港航, 国漫)."""
    if name in lex.known_firms:
        return True
    return brand_name(name, lex) and not _ordinary_word(name, lex)


# Institutions' words of two characters or more (研究院, 实验室, 中心), which the trade words
# of firm names also hold
_INSTITUTION_WORDS = tuple(x for x in INSTITUTION_SUFFIXES if len(x) >= 2)


def brand_with_trade(text: str, after: str, lex: Lexicons) -> int:
    """Length of a firm's name made of a registered brand and a trade word (恒通|钼业), within
    the model's ORG span or just after it (鑫源|化纤), 0 if none."""
    for k in (3, 2):
        name = text[:k]
        if len(text) < k or not brand_name(name, lex) or not _firm_name_alone(name, lex):
            continue
        if lex.word_pos(name) in ("v", "vn", "a", "ad", "d", "ns"):
            continue  # 宜居|城市, 欧亚|班列: a verb, an adjective or a region
        if _ordinary_word(name, lex):
            continue  # 前沿|科技, 港航|物流: an ordinary word that is also someone's brand
        rest = text[k:] + after
        for n in (3, 2):
            trade, tail = rest[:n], rest[n:]
            if len(trade) < n or k + n < len(text) or not lex.is_sector(trade):
                continue
            if trade in SECTOR_HEADS:
                continue  # 苹果|产业: a product's sector
            if trade.endswith(_INSTITUTION_WORDS):
                continue  # 永钢|研究院: the firm's institute, no firm
            if _clause_word(trade, lex) or lex.word_pos(trade)[:1] not in ("n", "j"):
                continue  # 城市, 发展, 海外: words of every clause, not trades
            if tail.startswith(tuple(PLANT_NOUNS)):
                return k  # 发那科|智能|工厂: the brand, then its plant
            longer = bool(tail) and lex.word_freq(trade + tail[:2]) > 0
            if longer or tail.startswith(_AFTER_TRADE_STOPS):
                continue  # 京鲁科技|成果, 龙腾果蔬|批发市场: a longer word, a venue
            if any(lex.is_sector(tail[:m]) and not _clause_word(tail[:m], lex) for m in (2, 3)):
                return k  # 比亚迪|新能源|汽车: the brand, then its product's sector
            return k + n  # (华昌|化工|发展: the clause's verb after the trade, no product)
    return 0


def _clause_word(word: str, lex: Lexicons) -> bool:
    """One of the words of every clause that firm names also hold (发展, 建设, 城市, 海外)."""
    return lex.word_freq(word) >= 20000


# Nouns after a sector word that make it a sector phrase (冷链物流|体系, 电信网络|诈骗).
SECTOR_PHRASE_HEADS = ("体系", "诈骗", "安全", "服务", "设施", "网络")
# What follows a brand + trade when they name a venue or a sector, not a firm.
_AFTER_TRADE_STOPS = (
    *SECTOR_HEADS,
    *SECTOR_PHRASE_HEADS,
    "批发",
    "中心",
    "城",
    "园",
    "广场",
    "论坛",
    "合作",
)


# State media, named as broadcasters and newspapers or their groups (浙江广电集团, 浙报集团,
# 湖南广电; spec: not firms); a firm whose name only opens with 广电 is one (广电运通)
STATE_MEDIA_ENDINGS = ("广电", "广电集团", "广电总台", "报集团", "报业集团", "日报社", "报社")


def classify_org(name: str) -> str:
    """'company', 'government', 'institution' or 'generic' for an organisation name."""
    if name.endswith(NOT_COMPANY_ENDINGS):
        return "generic"
    if name.endswith(STATE_MEDIA_ENDINGS):
        return "institution"
    if name.endswith(COMPANY_SUFFIXES):
        return "company"
    if name.endswith(GOV_SUFFIXES):
        return "government"
    if name.endswith(INSTITUTION_SUFFIXES):
        return "institution"
    return "unknown"


# A cluster or an industry named after a place's firm-like name (乐清电气|千亿级产业集群,
# 柳市镇|电气|产业)
CLUSTER_AFTER_RE = re.compile(r"(?:[千百万亿]+级|世界级|国家级)?(?:产业|集群)")
# … or a base or an industry's materials after a place's industry (门岛|石化|基地,
# 洋浦|石化|新材料),
# and a list of places' industries closed by bases (洛阳石化、平顶山尼龙、焦作新材料等基地)
_BASE_AFTER_RE = re.compile(r"(?:新材料|(?:[千百万亿]+级|世界级|国家级)?基地)")
_BASE_LIST_RE = re.compile(
    r"((?:[\u4e00-\u9fff]{2,8}、)+[\u4e00-\u9fff]{2,8}?)(?=等[\u4e00-\u9fff]{0,6}?基地)"
)
# A list closed by a kind of sector (绿色石化、船舶海工、临港装备等优势产业): no firms.
SECTOR_LIST_RE = re.compile(
    r"((?:[\u4e00-\u9fff]{2,8}、)+[\u4e00-\u9fff]{2,8}?)"
    r"(?=等[\u4e00-\u9fff]{0,6}?(?:产业|行业|领域|业态|新质生产力|赛道)(?!项目|园|基地|集群项目))"
)  # (…等重大产业项目: a list of projects, not of sectors)
# A 、-list of at least three items (any closer)
_ANY_LIST_RE = re.compile(r"(?:[\u4e00-\u9fff]{2,8}、){2,}[\u4e00-\u9fff]{2,8}")


def sector_lists(text: str, lex: Lexicons) -> list[tuple[int, int]]:
    """Spans of 、-lists of sectors: closed by …等产业/领域/赛道, or whose items are mostly two
    common words each (低空装备、商业航天、深海科技: 深海科技 is a sector there, not a firm)."""
    if "、" not in text:
        return []
    out = [m.span(1) for m in SECTOR_LIST_RE.finditer(text)]

    def two_common_words(item: str) -> bool:
        return (
            len(item) == 4
            and lex.word_freq(item[:2]) >= 100
            and lex.word_freq(item[2:]) >= 100
            and not lex.is_place(item[:2])
        )

    for m in _ANY_LIST_RE.finditer(text):
        raw = m.group().split("、")
        # the first item may carry the clause's verb (培育|低空装备), the last what follows
        # the list (深海科技|加快发展): they are read by their four characters next to the list
        items = [raw[0][-4:], *raw[1:-1], raw[-1][:4]]
        if sum(map(two_common_words, items)) * 2 > len(items):
            start = m.start() + len(raw[0]) - len(items[0])
            out.append((start, start + len("、".join(items))))
    return out


# Zone words after a sector suffix (远遥科技|湾区): the name is a zone's.
ZONE_WORDS = ("湾区", "园区", "小镇", "新城", "走廊", "商圈", "先行区", "城", "园", "谷")


# Suffixes that close a state group's name of a place and sector words (山东|港口|集团,
# 大连|船舶|重工, 上海|农村|商业|银行).
_GROUP_FORMS = frozenset(("集团", "公司", "有限公司", "重工", "银行", "证券", "控股"))


def _placed_group_start(text: str, tokens: Sequence[Tok], i: int, lex: Lexicons) -> int:
    """Start of a group named by sector words in one token (钢铁集团, 化工集团): the place and
    sector words before it when a place opens them (湖南|钢铁集团, 甘肃|能源|化工集团), else the
    token itself."""
    start = tokens[i][0]
    for j in range(i - 1, max(i - 4, -1), -1):
        s, e, _ = tokens[j]
        word = text[s:e]
        if e != start:
            break
        if lex.is_place(word):
            return s
        if not lex.is_sector(word) or word in GENERIC_GROUPS:
            break
        start = s
    return tokens[i][0]


# Sector words of local state-owned groups' names that the trade list lacks (宁波|城建|投资|集团,
# 贵州|文旅|集团, 青岛|水务|集团, 广西|农垦|集团)
SOE_SECTORS = frozenset(
    ("城建", "城投", "城发", "文旅", "水务", "农垦", "国资", "安居", "供销", "轨道", "港口", "港务")
)


def _group_name_start(text: str, tokens: Sequence[Tok], i: int, lex: Lexicons) -> int | None:
    """Start of a group's name made of sector words before 集团/公司, opened by a place or a
    sector word (中国|电气|装备|集团, 山东|港口|集团), if there are two or more name words."""
    start, words = tokens[i][0], 0
    for j in range(i - 1, max(i - 5, -1), -1):
        s, e, _ = tokens[j]
        word = text[s:e]
        if e != start:
            break
        # (a kind of group before the suffix, 产业|集团, 龙头|企业; inside a name a word of it,
        # 沈阳|产业|投资|发展|集团)
        sector = (lex.is_sector(word) or word in COMPANY_SUFFIXES or word in SOE_SECTORS) and (
            word not in GENERIC_GROUPS or (j < i - 1 and word in ("产业", "商业", "金融"))
        )
        if sector:
            start, words = s, words + 1
            continue
        if lex.is_place(word) and words:
            start, words = s, words + 1
        break
    first = next((t for t in tokens if t[0] == start), None)
    opens_with_place = first is not None and lex.is_place(text[start : first[1]])
    if words < 2 or tokens[i][1] - start > 10 or not opens_with_place:
        return None  # (银行金融资产投资公司: sector words alone name a kind of firm)
    return start


def _registered_name_start(text: str, tokens: Sequence[Tok], i: int, lex: Lexicons) -> int | None:
    """Start of a registered name's words before its legal form (荣耀|终端|有限公司): two or
    three nouns opened by a name (a person's, a body's or another proper name by its tag, or
    a registered brand), three to eight characters (names opened by a place:
    registered_place_starts)."""
    start = tokens[i][0]
    for j in range(i - 1, max(i - 4, -1), -1):
        s, e, pos = tokens[j]
        if e != start or _is_boundary(text, tokens[j]) or pos[:1] not in ("n", "j"):
            break
        start = s
        if pos in ("nt", "nr", "nz") or brand_name(text[s:e], lex):
            name = text[start : tokens[i][0]]
            if 3 <= len(name) <= 8 and j < i - 1 and _CJK_NAME_RE.fullmatch(name):
                return start
    return None


# Endings of a regulator's name, which may open with a firm's words (中国银行|保险监督管理委员会).
REGULATOR_ENDINGS = ("委员会", "管理局", "监管局", "总局")


def _opens_body(text: str, tokens: Sequence[Tok], j: int) -> bool:
    """Whether the nouns from tokens[j] on close a body's name (中国证券|监督管理|委员会)."""
    words = []
    for s, e, pos in tokens[j : j + 4]:
        if pos[:1] != "n":
            break
        words.append(text[s:e])
        joined = "".join(words)
        if joined.endswith(REGULATOR_ENDINGS) and not joined.endswith(FIRM_FACILITIES):
            return True
    return False


def _placed_group(text: str, tokens: Sequence[Tok], i: int, suffix: str, lex: Lexicons) -> bool:
    """Whether the group or holding firm at token `i` is named by a province's, city's or
    county's name and one word of two characters, no kind of group (宁波|牛奶|集团; not
    本地|企业|集团, 山东|产业|集团)."""
    if suffix not in ("集团", "控股") or i < 2:
        return False
    place = text[tokens[i - 2][0] : tokens[i - 2][1]]
    word = text[tokens[i - 1][0] : tokens[i - 1][1]]
    return (
        lex.place_kind(place) in _CITY_KINDS
        and len(word) == 2
        and _CJK_NAME_RE.fullmatch(word) is not None
        and word not in GENERIC_GROUPS
        and not lex.is_place(word)
        and tokens[i - 1][2][:1] not in ("v", "p", "c", "u", "m", "q", "r", "f", "x", "w")
        and word not in GOVERNING
        and (i < 3 or text[tokens[i - 3][0] : tokens[i - 3][1]] not in ("全", "本", "各"))
    )


# What is done with shares (股份|转让, 股份|制): 股份 then names no firm's legal form
_SHARE_DEALINGS = ("转让", "交易", "制", "合作", "回购", "减持", "增持", "质押", "认购", "划转")


def company_suffix_names(
    text: str,
    tokens: Sequence[Tok],
    lex: Lexicons,
    sectors: Sequence[tuple[int, int]] | None = None,
) -> list[Cand]:
    """Short name + firm suffix (威高集团, 三角轮胎, 恒丰银行), name not a common word; a
    state group's name of sector words (中国|电气|装备|集团). `sectors`: the sentence's
    `sector_lists`, when the caller has them already."""
    out: list[Cand] = []
    sectors = sector_lists(text, lex) if sectors is None else sectors
    for i, (s, e, _) in enumerate(tokens):
        if text[e - 1] not in _SUFFIX_LAST_CHARS:
            continue  # (no firm suffix can end the token)
        word = text[s:e]
        suffix = _head_suffix(word, COMPANY_SUFFIXES)
        if not suffix:
            continue
        if word[: -len(suffix)] == "控股":
            # 苏宁|控股集团: a legal form of two words; a registered brand before it names it
            name = text[tokens[i - 1][0] : tokens[i - 1][1]] if i else ""
            if name and (brand_name(name, lex) or name in lex.ambiguous_firms):
                out.append((tokens[i - 1][0], e, COMPANY, "suffix"))
            continue
        if word == suffix and suffix in _GROUP_FORMS:
            start = _group_name_start(text, tokens, i, lex)
            if start is not None:
                out.append((start, e, COMPANY, "suffix"))
                continue
        if word == suffix and suffix in LEGAL_FORMS:
            start = _registered_name_start(text, tokens, i, lex)
            if start is not None:
                out.append((start, e, COMPANY, "suffix"))
                continue
        if word == suffix and suffix in _FOREIGN_FIRM_FORMS:
            start = _foreign_firm_start(text, tokens, i, lex)
            if start is not None:
                out.append((start, e, COMPANY, "suffix"))
                continue
        if word != suffix:  # the suffix is inside a longer token (华润雪花啤酒)
            name_start, name = s, word[: -len(suffix)]
        elif i == 0:
            continue
        else:
            ps, pe, ppos = tokens[i - 1]
            if (
                text[ps:pe] == "新"
                and "新" + suffix in COMPANY_SUFFIXES
                and i >= 2
                and lex.word_freq(text[tokens[i - 2][0] : tokens[i - 2][1]]) < 200
            ):
                # 中伟|新|材料: the segmenter split the suffix 新材料; the name is before it
                # (纳米|新|材料: a common word, a kind of material)
                suffix = "新" + suffix
                ps, pe, ppos = tokens[i - 2]
            name_start, name = ps, text[ps:pe]
            if _placed_group(text, tokens, i, suffix, lex):
                # 宁波|牛奶|集团, 西安|高新|控股: a city's or province's group by its place and
                # one word (a local firm, as 山东|港口|集团)
                out.append((tokens[i - 2][0], e, COMPANY, "suffix"))
                continue
            if _is_boundary(text, tokens[i - 1]) or ppos in ("q", "v", "vn", "a", "ad"):
                continue
            if ppos == "m" and not (
                suffix.endswith(STRONG_COMPANY_SUFFIXES) and brand_name(text[ps:pe], lex)
            ):
                continue  # 两家|公司: a count; 三角|轮胎: a brand the dictionary tags a numeral
        if not (2 <= len(name) <= 6) or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z]+", name):
            continue
        if name in lex.concepts or classify_org(name + suffix) != "company":
            continue
        if not suffix.endswith(STRONG_COMPANY_SUFFIXES) and _head_suffix(name, COMPANY_SUFFIXES):
            continue  # 金川集团|工业总产值: the firm is the name; the weak suffix is its sector
        if lex.is_place(name) and not suffix.endswith(STRONG_COMPANY_SUFFIXES):
            continue  # 山东能源 reads as a place + sector more often than as a firm
        if place_industry(text, s, e, name, lex):
            continue
        sector_group = suffix == "集团" and lex.is_sector(name) and name not in GENERIC_GROUPS
        if not _proper_name(name, lex) and not sector_group and suffix != "财险":
            # 冷链物流, 高端装备, 医用材料: a common word + sector (but 中华|财险: a property
            # insurer's short name, whatever its name)
            continue
        strong = suffix.endswith(STRONG_COMPANY_SUFFIXES)
        if not strong and (
            name.endswith(VENUE_ENDINGS)
            or any(a <= s < b for a, b in sectors)
            or not _CJK_NAME_RE.fullmatch(name)  # EDA软件, GEP智能: a technology's acronym
        ):
            continue  # 洋山港|智能; 船舶海工、临港装备等优势产业: a place, a list of sectors
        if i + 1 < len(tokens):
            nxt = text[tokens[i + 1][0] : tokens[i + 1][1]]
            nxt2 = text[tokens[i + 1][0] : tokens[min(i + 2, len(tokens) - 1)][1]]
            if suffix == "股份" and nxt.startswith(_SHARE_DEALINGS):
                continue  # 重庆|股份|转让中心: shares dealt in, not a firm's legal form
            if nxt in ("区", "园区") and lex.is_place(name):
                continue  # 大亚湾|石化|区: a place's zone of an industry, not a firm
            if (
                nxt.endswith(INSTITUTION_SUFFIXES + GOV_SUFFIXES)
                or nxt2.endswith(("研究院", "研究所", "实验室"))  # 大连化学|物理|研究所
                or (not strong and nxt2.endswith(("中心", "学院", "大学", "学校")))
                or _opens_body(text, tokens, i + 1)
                or nxt.startswith(_EVENT_WORDS)  # 汉诺威工业|博览会: an event's name
            ):
                continue  # 空天信息|大学, 具身智能|创新中心: part of an institution's name
            if not strong and (
                nxt.startswith(SECTOR_HEADS + ZONE_WORDS + SECTOR_PHRASE_HEADS)
                or lex.word_freq(suffix + nxt)
            ):
                continue  # 冷链物流|产业集群, 京鲁科技|成果: a sector or a longer word
            if not strong and (lex.is_sector(nxt) or nxt in PLANT_NOUNS) and brand_name(name, lex):
                # 特斯拉|新能源汽车, 发那科|智能|工厂: a brand, then its product or plant (the
                # brand is found alone)
                continue
            if (
                suffix in PRODUCT_MODIFIERS
                and name in lex.known_firms
                and tokens[i + 1][2][:1] == "n"
            ):
                # 宇通|新能源|客车, 郑煤机|智能|工作面: a known firm, then its product (but
                # 乐凯科技|光学膜: 科技 is of the firm's registered name)
                continue
        if not strong and not brand_name(name, lex):
            continue  # 跨境物流, 蓝海工业: a sector word needs a registered brand before it
        if (
            word == "控股"
            and tokens[i][2] == "v"
            and i + 1 < len(tokens)
            and (text[tokens[i + 1][0] : tokens[i + 1][1]] == "的" or tokens[i + 1][2] in _NAME_POS)
        ):
            continue  # 紫金矿业|控股|的|巨龙铜业: the firm controls another, 控股 is its verb
        if sector_group and word != suffix:
            name_start = _placed_group_start(text, tokens, i, lex)
        if suffix == "银行":
            name_start = _placed_bank_start(text, tokens, name_start, lex)
        # after a weak suffix (物流, 科技…) the entity stage also wants the model's support
        out.append((name_start, e, COMPANY, "suffix" if strong else "suffix-weak"))
    return [(_level_prefixed(text, tokens, s), e, label, src) for s, e, label, src in out]


def place_industry(text: str, start: int, end: int, name: str, lex: Lexicons) -> bool:
    """Whether the firm-like name + suffix ending at `end` names a place's industry: a place's
    name (洋浦, an island: a zone's or island's name the dictionary tags) before the suffix, and
    a cluster, a base or an industry's materials after it, or a list of industries or bases
    around it (乐清电气、瑞安汽摩配…等传统产业, 乐清电气|千亿级产业集群, 门岛|石化|基地,
    洋浦|石化|新材料, 洛阳石化、平顶山尼龙…等基地)."""
    placed = lex.is_place(name) or lex.place_kind(name) == "town" or lex.word_pos(name) == "ns"
    if not (placed or name.endswith("岛")):
        return False
    kinds = _SECTOR_FIRMS_AFTER_RE.match(text, end)
    return bool(
        CLUSTER_AFTER_RE.match(text, end)
        or _BASE_AFTER_RE.match(text, end)
        or any(m.start(1) <= start < m.end(1) for m in SECTOR_LIST_RE.finditer(text))
        or any(m.start(1) <= start < m.end(1) for m in _BASE_LIST_RE.finditer(text))
        or any(m.start(1) <= start < m.end(1) for m in _CLUSTER_LIST_RE.finditer(text))
        # 台湾石化、电子信息企业: kinds of firms by their trades, the first by its place's
        or (kinds and _trade_words(kinds.group(1), lex))
        # 乐清电气|企业, 乐清电气|产业…: the firms or the industry of a place's trade
        or (
            text.startswith(("企业", "产业", "行业"), end)
            and not text.endswith(tuple(_GROUP_FORMS | {"股份"}), start, end)
        )
    )


# A 、-list running into a cluster (柳市电气、北白象电工电器、虹桥电子元器件|产业块状经济): places'
# industries, no firms
_CLUSTER_LIST_RE = re.compile(
    r"((?:[\u4e00-\u9fff]{2,8}、)+[\u4e00-\u9fff]{2,10}?)(?=(?:产业)?(?:块状经济|集群))"
)


# The next item of a list of kinds of firms (…、电子信息|企业)
_SECTOR_FIRMS_AFTER_RE = re.compile(r"、([\u4e00-\u9fff]{2,6}?)等?(?:企业|行业)")


def _trade_words(item: str, lex: Lexicons) -> bool:
    """Whether `item` names a trade in dictionary words (电子信息, 生物医药), no firm's name."""
    if lex.is_sector(item) or item in lex.concepts:
        return True
    cuts = [(item[:k], item[k:]) for k in range(2, len(item) - 1)]
    return lex.word_freq(item) > 0 or any(
        lex.word_freq(a) >= BRAND_MAX_FREQ and lex.word_freq(b) >= BRAND_MAX_FREQ for a, b in cuts
    )


def _placed_bank_start(text: str, tokens: Sequence[Tok], start: int, lex: Lexicons) -> int:
    """Start of a local bank's name with the city or province it is registered in, right
    before its own name (温州|民商银行, 浙江|泰隆商业银行), else `start`."""
    prev = next((t for t in tokens if t[1] == start), None)
    if prev is not None and lex.place_kind(text[prev[0] : start]) in _CITY_KINDS:
        return prev[0]
    return start


def _level_prefixed(text: str, tokens: Sequence[Tok], start: int) -> int:
    """Start of a state group's name with the 省 or 市 a report writes for its own province's or
    city's firm (省|国信|集团, 市|城投|集团): that word alone, opening a clause or a list item."""
    prev = next((t for t in tokens if t[1] == start), None)
    if prev is None or text[prev[0] : start] not in ("省", "市"):
        return start
    before = next((t for t in tokens if t[1] == prev[0]), None)
    if before is None or before[2].startswith("v") or text[before[0] : before[1]] in "，。；：、":
        return prev[0]
    return start


_NAME_POS = ("nt", "nr", "nz", "ns")  # names' tags: of a body or firm, person, other, place
# Weak firm suffixes that also describe a product (新能源客车, 智能工作面)
PRODUCT_MODIFIERS = frozenset(("新能源", "新能", "智能", "数码"))


# A registered brand that is also an ordinary word names a firm only when the word is not
# too common (三角, 浪潮, 先导 are; 时代, 现代, 绿色 are not).
BRAND_MAX_FREQ = 1500


def brand_name(name: str, lex: Lexicons) -> bool:
    """A firm's short name by the brand lexicon: registered, not a common word, not a place."""
    if name in lex.known_firms:
        return True
    return (
        lex.is_brand(name)
        and lex.word_freq(name) < BRAND_MAX_FREQ
        and not lex.is_place(name)
        and name not in lex.concepts
    )


PROPER_POS = frozenset(("nz", "nt", "nr", "nrt", "nrfg", "ns"))


# Below this jieba frequency a word that splits into common words is read as those words
# (地理信息 3 = 地理 + 信息), not as a name of its own.
RARE_WORD_FREQ = 50


def _common_compound(name: str, lex: Lexicons) -> bool:
    """Whether a name splits into two or more common dictionary words of two characters or
    more (冷链|物流, 文化|交流, 民航|发展|基金|航空)."""
    n = len(name)
    # whole[i]: name[i:] splits into common words
    whole = [False] * (n + 1)
    whole[n] = True
    for i in range(n - 2, -1, -1):
        whole[i] = any(whole[j] and lex.word_freq(name[i:j]) >= 200 for j in range(i + 2, n + 1))
    return any(whole[j] and lex.word_freq(name[:j]) >= 200 for j in range(2, n - 1))


_FOREIGN_FIRM_FORMS = ("公司", "集团")
_FOREIGN_FIRM_WORDS_POS = ("n", "nz", "nr", "ns", "nt", "vn", "an", "b", "eng", "x")


def _foreign_firm_start(text: str, tokens: Sequence[Tok], i: int, lex: Lexicons) -> int | None:
    """Start of a foreign firm's name before its legal form at token `i`: a country, then one
    to four words of a name (美国|空气|化工|产品|公司: the country is part of the name a report
    writes), no verb, count or punctuation among them; None if there is none."""
    for j in range(i - 2, max(-1, i - 6), -1):
        a, b, _ = tokens[j]
        country = text[a:b]
        if country != "中国" and lex.place_kind(country) == "country":
            between = tokens[j + 1 : i]
            name = text[b : tokens[i][0]]
            if 2 <= len(name) <= 8 and all(
                not _is_boundary(text, t) and t[2].startswith(_FOREIGN_FIRM_WORDS_POS)
                and lex.place_kind(text[t[0] : t[1]]) != "country"
                for t in between
            ):  # fmt: skip
                return a
            return None
    return None


# What closes a list of firms with a kind of them: 等 + up to eight characters + the kind
# (丹麦维斯塔斯等风电装备企业)
_FIRM_KIND_CLOSER_RE = re.compile(
    r"[^，。；：！？]{0,24}?等[^，。；：！？、等]{0,8}?(?:企业|公司|集团|厂商)"
)


def country_listed_firms(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """A foreign firm written as its country and a transliterated name, in a list closed by a
    kind of firm (支持丹麦|维斯塔斯等风电装备企业): the name is the firm's, the country a place.
    (A foreign city so written is listed before 等城市, not before a kind of firm.)"""
    if "等" not in text:
        return []
    ends = {e for _, e, _ in tokens}
    out: list[Cand] = []
    for a, b, _ in tokens:
        country = text[a:b]
        if country == "中国" or lex.place_kind(country) != "country":
            continue
        j = b
        while j < len(text) and j - b < 8 and text[j] in TRANSLITERATION_CHARS:
            j += 1
        while j > b + 2 and j not in ends:
            j -= 1  # the name ends where a word does
        if not foreign_name(text[b:j], lex) or text[j : j + 1] not in ("、", "等", "和", "与"):
            continue
        if _FIRM_KIND_CLOSER_RE.match(text, j):
            out.append((b, j, COMPANY, "list"))
    return out


def _proper_name(name: str, lex: Lexicons) -> bool:
    """A firm's short name: a registered brand, a place, or not an ordinary word nor a compound
    of ordinary words.

    Short names of firms (威高, 迪尚, 恒丰, 德邦) are registered brands or rare or unknown to a
    general dictionary; the modifiers of sector phrases (冷链, 高端, 医用, 新能源) are common
    words or split into common words (医疗保健, 文化交流 are rare as whole words but are such
    compounds).
    """
    if brand_name(name, lex) or lex.is_place(name):
        return True
    if len(name) >= 3 and name.endswith("化") and lex.word_freq(name[:-1]) >= RARE_WORD_FREQ:
        return False  # 差别化|纤维, 高端化: a process or a quality (…化), not a name
    for p in (2, 3):  # a country or city + a short name (美国|喜达屋, 香港|豪德)
        if len(name) - p >= 2 and lex.is_place(name[:p]) and _proper_name(name[p:], lex):
            return True
    freq = lex.word_freq(name)
    if freq >= RARE_WORD_FREQ:
        return False
    if freq and lex.word_pos(name) in PROPER_POS:
        return True
    if len(name) >= 4 and lex.word_freq(name[:2]) >= 1000:
        return False  # 国际康养, 智慧物流: a common modifier opens a phrase, not a name
    return not _common_compound(name, lex)


_ITEM = r"(?:(?!等)[\u4e00-\u9fffA-Za-z]){2,10}?"
# (not a park or zone of firms: 泽国、大溪、横峰|小微企业园, the towns' parks)
FIRM_LIST_RE = re.compile(rf"((?:{_ITEM}、)+{_ITEM})(?={FIRM_LIST_TAIL_RE.pattern[1:]}(?![园区]))")
# What every closer of a list of firms holds (企业, 央企, 公司, 集团: FIRM_LIST_RE here and
# FIRM_KIND_LIST_RE below): a sentence without it has no such list
_FIRM_KIND_RE = re.compile("企|公司|集团")


def _may_list_firms(text: str) -> bool:
    """Whether `text` may hold a 、-list closed by a kind of firm (FIRM_LIST_RE,
    FIRM_KIND_LIST_RE): most sentences do not, and those patterns are slow to fail."""
    return "、" in text and _FIRM_KIND_RE.search(text) is not None


# longest first, then by the word itself: a set's order changes from run to run
_LIST_VERBS = sorted(
    GOVERNING
    | {"引进", "培育", "支持", "推动", "引导", "成功引进", "扶持", "鼓励", "帮助", "集聚", "聚集"}
    | {"吸引", "招引", "引入", "壮大", "做强", "带动"},
    key=lambda w: (-len(w), w),
)


_LIST_VERBS_SET = frozenset(_LIST_VERBS)


# An item that closes a list with 等 and a kind, then opens another with a conjunction.
_CLOSED_LIST_RE = re.compile(r"[^等]{2,}等[^等与和同及]{1,6}[与和同及](?=[^与和同及]{2})")


def _list_items(text: str, start: int, body: str) -> list[tuple[int, str]]:
    """(offset, item) of a 、-list; the first item loses a governing verb it starts with."""
    items: list[tuple[int, str]] = []
    pos = start
    for k, item in enumerate(body.split("、")):
        offset = pos
        if k and (closed := _CLOSED_LIST_RE.match(item)):
            # 中南大学、湖南大学等高校与三一、中联等企业: a list closed, then a new one opens
            items, offset, item = [], offset + closed.end(), item[closed.end() :]
        if k == 0:
            for verb in _LIST_VERBS:
                cut = item.rfind(verb)
                if cut >= 0 and len(item) - cut - len(verb) >= 2:
                    cut += len(verb)
                    if item[cut] in "了过" and len(item) - cut >= 3:
                        cut += 1  # 培育了|蒙牛乳业: the verb's aspect goes with it
                    offset += cut
                    item = item[cut:]
                    break
        items.append((offset, item))
        pos += len(body.split("、")[k]) + 1
    return items


def _firm_item(item: str, lex: Lexicons) -> bool:
    """A list item that can be a firm's name: a firm suffix, a rare word, or a proper noun."""
    if not 2 <= len(item) <= 8 or classify_org(item) not in ("company", "unknown"):
        return False
    if item in lex.concepts or lex.is_place(item):
        return False
    if "的" in item or item[-1] in "好强大多高快优":
        return False  # 市场前景好, 有发展潜力的大: descriptions of firms, not names
    if item[0] in MEASURE_WORDS:
        return False  # 20家以上…: the tail of a count
    if len(item) == 2 and item[1] == "资":
        return False  # 德资、日资、韩资企业: firms by their capital's origin, no names
    suffix = _head_suffix(item, COMPANY_SUFFIXES)
    if suffix and len(item) > len(suffix):
        name = item[: -len(suffix)]
        if suffix in STRONG_COMPANY_SUFFIXES:
            return lex.is_place(name) or _proper_name(name, lex)
        return _proper_name(name, lex)
    if len(item) >= 4 and lex.word_freq(item) == 0:
        return False  # a long unknown item without a firm suffix is a phrase
    return _proper_name(item, lex) or lex.word_pos(item) in ("nr", "nz", "nt", "nrt")


def _brand_and_trade(item: str, lex: Lexicons) -> bool:
    """A registered brand and a word for its trade, among firms (有研|稀土, 迪尚|集团)."""
    return 4 <= len(item) <= 6 and any(
        brand_name(item[:k], lex) and lex.word_freq(item[k:]) > 0 and not lex.is_place(item[k:])
        for k in (2, 3)
        if len(item) - k >= 2
    )


# After 等: not a kind of area (…等区域, …等城市: the items are places, see PLACE_LIST_RE).
_NOT_AREAS = r"(?!(?:[\d一二三四五六七八九十两]+个)?(?:重点)?(?:区域|地区|片区|城市|地方|地))"
# …、…等重大项目 / 等148个行业大模型: lists whose items open with a firm's name
PROJECT_LIST_RE = re.compile(
    r"((?:[^，。；：、“”（）\s]{2,16}、)+[^，。；：、“”（）\s]{2,16}?)"
    r"(?=等" + _NOT_AREAS + r"[^，。；]{0,12}?(?:项目|工程|企业|公司|集团|模型|基地|工厂|生产线))"
)


def project_list_item_starts(text: str) -> list[int]:
    """Offsets where the items of a list of projects, products or firms begin."""
    if "、" not in text or "等" not in text:
        return []
    starts: list[int] = []
    for m in PROJECT_LIST_RE.finditer(text):
        starts.extend(offset for offset, _ in _list_items(text, m.start(), m.group(1)))
    return starts


def listed_firms(text: str, lex: Lexicons) -> list[Cand]:
    """Firms in enumerations closed by …等N家企业 / 等世界500强企业.

    Tried and dropped: taking the subject of 入选/获得/获批 as a firm (precision 0.3 on the
    development gold).
    """
    out: list[Cand] = []
    for m in FIRM_LIST_RE.finditer(text) if _may_list_firms(text) else ():
        if text.startswith(("公司", "集团"), m.end()):
            continue  # 与德国巴斯夫公司、日本三菱化学|集团: the last firm's own legal form
        items = _list_items(text, m.start(), m.group(1))
        if sum(_firm_item(item, lex) for _, item in items) * 2 <= len(items):
            continue  # a list of sectors or measures (…等传统工业企业), not of firms
        for offset, item in items:
            if _firm_item(item, lex) or _brand_and_trade(item, lex):
                out.append((offset, offset + len(item), COMPANY, "list"))
    return out


# Slots where government prose names firms: the subject of an award or a title won by firms
# (好当家入选国家级技术创新示范企业, 拓展纤维、中玻新材料获得国家技术发明二等奖) …
_AWARD_SUBJECT_VERBS = "入选|获批|获评|荣获|获得|成为|跻身|上榜|入围|被评为|被认定为|被授予"
AWARD_SUBJECT_VERB_RE = re.compile(_AWARD_SUBJECT_VERBS)
AWARD_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[，。；：！？]))([^，。；：！？“”（）\s]{2,30}?)"
    rf"(?=(?:{_AWARD_SUBJECT_VERBS})"
    r"[^，。；]{0,30}?(?:企业|工厂|技术中心|设计中心|奖|冠军|小巨人|独角兽|瞪羚|链主|500强))"
)
# A ranking of firms after an award's subject (入选世界500强, 跻身中国企业500强).
_FIRMS_RANKING_RE = re.compile(
    r"(?:入选|跻身|上榜|入围|成为|进入)(?:(?!城市|县|区)[^，。；]){0,10}?500强"
)
# … the subject of a firm's opening for business (招银金投、信银金投开业运营) …
OPENING_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[，。；：！？]))(?:[^，。；：！？“”（）\s]*(?:公司|银行|企业))?"
    r"([^，。；：！？“”（）\s]{2,20}?)(?=(?:获批|正式|挂牌)?开业)"
)
# … the subject of a listing on a stock exchange (天有为、大鹏工业成功上市; not 新药获批上市: a
# product's approval, nor 上市公司/上市后备: kinds of firm, nor 地级以上|市) …
LISTING_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[，。；：！？]))([^，。；：！？“”（）\s]{2,30}?)(?<![批准以])"
    r"(?=(?:成功|正式|顺利|相继|先后|分别)?(?:(?:在[^，。；获批]{2,12})?(?:首发|挂牌)?"
    r"上市(?![公企后辅培资板])|登陆[^，。；]{1,8}?板))"
)
# … lists closed by a kind of firm (三元、元盛、鼎盛等传统工业企业) …
FIRM_KIND_LIST_RE = re.compile(
    r"((?:[^，。；：、“”（）\s]{2,10}、)+[^，。；：、“”（）\s]{2,10}?)"
    r"(?=(?:等[^，。；、]{0,10}?|[\d一二三四五六七八九十两]+家[^，。；、]{0,6}?)"
    r"(?:企业|公司|集团|名企|外企|央企|国企|民企|车企|药企|房企|险企))"
)


# Names ending so are venues, housing estates or zones, not firms (华夏城, 幸福家园, 高区).
VENUE_ENDINGS: tuple[str, ...] = (
    "酒店", "宾馆", "饭店", "家园", "小区", "花园", "广场", "公馆", "城", "岸", "苑", "府", "庭",
    "湾", "园", "区", "县", "市", "省", "镇", "乡", "村", "州", "旗", "盟", "港", "谷", "岛",
    "路", "街", "道", "桥", "线", "会", "节", "赛", "展",
)  # fmt: skip


# Housing estates, buildings and venues: projects named so are not a firm's (春晓安置小区).
ESTATE_ENDINGS = ("小区", "家园", "公寓", "住宅", "商厦", "大厦", "酒店", "宾馆", "商城", "商场")
# … the items of lists of projects (the firm behind a project: 亘富200万吨褐煤提质, 浪潮海若) …
PROJECT_FIRM_LIST_RE = re.compile(
    r"((?:[^，。；：、“”（）\s]{2,16}、)+[^，。；：、“”（）\s]{2,16}?)"
    r"(?=等" + _NOT_AREAS + r"[^，。；]{0,12}?(?:项目|工程|工厂|生产线|大模型))"
)
# …and a single project or firm named before 等N个项目 (宝威新材料等5个项目成为…).
SINGLE_PROJECT_RE = re.compile(
    r"(?:^|(?<=[，。；：]))([^，。；：、“”（）\s]{2,16}?)(?=等"
    + _NOT_AREAS
    + r"[^，。；、]{0,12}?(?:项目|企业))"
)


# Words after a firm's name in a project's name (天力电源|项目, 时利物流|二期).
PROJECT_TAILS = frozenset(("项目", "工程", "一期", "二期", "三期", "四期", "扩建", "技改", "新建"))
# A firm's plant after its short name and a trade word (发那科|智能|工厂)
PLANT_NOUNS = frozenset(("工厂", "超级工厂", "生产线", "产线", "基地", "生产基地", "产业园"))
# … and a firm's plant or production line (浪潮服务器生产线, 比亚迪超级工厂).
PLANT_RE = re.compile(
    r"(?:^|(?<=[，。；：、]))([^，。；：、“”（）等\s]{2,16}?)(?=(?:生产线|产线|超级工厂))"
)


# What ends a kind of firms, never a firm's own name (新材料和|氢能企业获评…).
_FIRM_KIND_ENDINGS = ("企业", "厂商")


# What may follow a firm's trade in its registered name (协鑫|能源|科技, 博宏|智能|科技|有限公司)
_CHAINED_SUFFIXES = (
    "股份有限公司", "有限责任公司", "有限公司", "科技", "股份", "集团", "控股", "公司",
)  # fmt: skip


def _chained_suffixes_end(item: str, end: int) -> int:
    """`end` moved past the firm suffixes that follow the one ending there (协鑫能源|科技)."""
    while nxt := next((x for x in _CHAINED_SUFFIXES if item.startswith(x, end)), ""):
        end += len(nxt)
    return end


def _firm_at(item: str, lex: Lexicons, *, head_only: bool) -> int:
    """Length of the firm's name an enumeration item is or opens with, 0 if none.

    An item is a firm when it is a short name + firm suffix (威力工具, 中玻新材料 — matched on
    characters, since the segmenter often cuts unknown names wrongly), a short name alone
    (好当家: a registered brand or a proper name the dictionary does not know), or a place +
    brand (东营富海). Items of project lists (``head_only``) also name products and sectors
    (国和一号, 康养服务, 台风), so there a short name alone must be unknown to the dictionary,
    or open the item before a number (亘富200万吨褐煤提质).
    """
    if head_only and item.endswith(ESTATE_ENDINGS):
        return 0  # 天润商厦, 春晓家园: a building's or an estate's project, named after it
    for j in range(min(6, len(item) - 2), 1, -1):
        well_known = item[:j] in lex.known_firms
        if (well_known or item[:j] in lex.ambiguous_firms) and item[j:].startswith(PLANT_ENDINGS):
            return j  # 大唐|风电二期: a known firm's power plant is the firm's
        if well_known and _ends_in_trade(item[:j], lex):
            return j  # 福耀玻璃|汽车配件: a known firm's whole name, then its product
    for k in range(min(6, len(item) - 1), 1, -1):
        name, rest = item[:k], item[k:]
        suffix = next((x for x in COMPANY_SUFFIXES if rest.startswith(x)), "")
        if not suffix or _head_suffix(name, COMPANY_SUFFIXES) or not _firm_name_alone(name, lex):
            continue
        if any(
            x.endswith(suffix) and len(x) > len(suffix)
            for x in COMPANY_SUFFIXES
            if name.endswith(x[: -len(suffix)])
        ):
            continue  # 巨化硅氟新|材料: the longer suffix 新材料 starts earlier
        if lex.is_sector(name):
            continue  # 氢能|装备: a sector, not a firm's name
        if suffix not in STRONG_COMPANY_SUFFIXES and _inner_sector(name, lex):
            continue  # 光谷|智能网联|汽车: a product of an industry after a place's name
        elements = _elements_tail(name, lex)
        if head_only and elements:
            return len(name) - elements  # 巨化|硅氟|新材料: the firm, then its material
        after = rest[len(suffix) :]
        if (
            head_only
            and suffix not in STRONG_COMPANY_SUFFIXES
            and after
            and not any(lex.is_place(after[:n]) for n in (2, 3))
        ):
            continue  # 松辽电力|外送通道: a sector word opening a project's name (but
            # 中伟新材料|长沙研发总部: a firm's site, named by the place after the firm)
        if suffix in STRONG_COMPANY_SUFFIXES or rare_brand(name, lex) or not lex.word_freq(name):
            return _chained_suffixes_end(item, k + len(suffix))
    if not head_only:  # in a slot for firms: a brand + sector (有研稀土), a name + firm suffix
        for k in range(min(4, len(item) - 2), 1, -1):
            name, rest = item[:k], item[k:]
            brand_sector = (
                brand_name(name, lex)
                and lex.is_sector(rest)
                and rest not in _FIRM_KIND_ENDINGS  # 氢能|企业: a kind of firm
                and _firm_name_alone(name, lex)
            )
            name_suffix = (
                rest in STRONG_COMPANY_SUFFIXES
                and lex.word_freq(name) < BRAND_MAX_FREQ
                and not lex.is_place(name)
                and not lex.is_sector(name)
                and name not in lex.concepts
            )
            if brand_sector or name_suffix:
                return len(item)  # 拓展|纤维
    for k in range(min(5, len(item) - 1), 1, -1):
        if SERIES_RE.match(item[k:]):
            continue  # 国和|一号: a product series, not a firm's project
        name = item[:k]
        part = PART_RE.match(item[k:])
        if part and (part.group(1) != "期" or not brand_name(name, lex)):
            continue  # 引洮|二期, 兰大|二院: a project's phase or a body's branch, not a firm's
        if any(w in item[k:] for w in INFRASTRUCTURE_WORDS):
            continue  # 淖毛湖|750千伏输变电工程: public works at a place
        if NUMERAL_START_RE.match(item[k:]) and (
            _firm_name_alone(name, lex) or name in lex.ambiguous_firms
        ):
            return k  # 亘富|200万吨, 华能|四期, 大唐|700万吨 (a known firm that is also a word)
        if name in lex.ambiguous_firms and lex.is_place(item[k : k + 2]):
            return k  # 大唐|郓城: a known firm's plant at a place
    alone = 2 <= len(item) <= (3 if head_only else 5) and _firm_name_alone(item, lex)
    if alone and (not head_only or not lex.word_freq(item)):
        return len(item)
    if head_only:  # a name the dictionary does not know and its trade, the whole item
        for k in range(min(4, len(item) - 2), 1, -1):
            name, rest = item[:k], item[k:]
            if rest.endswith(_PLACE_WORKS) or rest in PLANT_ENDINGS:
                continue  # 兰合|铁路, 古雷|炼化: works at a place, not a firm and its trade
            if len(rest) < 3 or not lex.is_sector(rest):
                continue  # 华川|演艺, 康养|服务: a project of a brand's trade, not the firm
            if not lex.word_freq(name) and _firm_name_alone(name, lex):
                return len(item)  # 达闼|机器人: an industry's word of three or more characters
    if head_only:  # a brand heading a product or project (浪潮|海若, 先导|激光雷达)
        for k in range(min(4, len(item) - 2), 1, -1):
            name, rest = item[:k], item[k:]
            if brand_name(name, lex) and _firm_name_alone(name, lex) and _product_rest(rest, lex):
                return k
    for p in range(2, 4):  # a place + brand (东营富海), unless the brand is a known firm
        brand = item[p:]
        if (
            len(brand) in (2, 3)
            and lex.is_place(item[:p])
            and brand_name(brand, lex)
            # 崆峒|胜境, 海东|春晓: a common noun after a place names a scenic area or an estate
            and (not lex.word_freq(brand) or lex.word_pos(brand) in PROPER_POS)
        ):
            if item[p:] in lex.known_firms or not _firm_name_alone(item[p:], lex):
                return 0
            return len(item)
    return 0


def _product_rest(rest: str, lex: Lexicons) -> bool:
    """What follows a brand in a project item names a product, not a sector or a body."""
    for n in range(2, min(4, len(rest)) + 1):
        longer = any(lex.word_freq(rest[:m]) for m in range(n + 1, min(n + 3, len(rest)) + 1))
        if lex.is_sector(rest[:n]) and not longer:
            return False  # 康养|服务, 华夏|演艺 (but 浪潮|服务器, 先导|激光雷达: a longer word)
    if rest.endswith(INSTITUTION_SUFFIXES) or rest.endswith(VENUE_ENDINGS):
        return False  # 科创|中心, 上合|资本港
    if any(h in rest for h in PROJECT_HEADS + INFRASTRUCTURE_WORDS) or "堤" in rest:
        return False  # 兰海|高速廉徐段: a road or a dike, not a firm's product
    if re.search(r"[一二三四五六七八九十\d](?:期|线)|段$", rest):
        return False  # 川气|东送二线湖北段: a line's section, not a firm's product
    if NUMERAL_START_RE.match(rest) or lex.word_pos(rest[-2:]) in ("v", "vn"):
        return False  # 国和|一号 (a product series), 科创|能力攀登, 美丽山东|建设
    return not (rest.endswith(PROJECT_HEADS) or rest.endswith(PROGRAM_HEADS))


_CJK_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,8}")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]+")
# One-character abbreviations of China's provinces, which open regional product brands.
PROVINCE_ABBREVIATIONS = frozenset(
    "京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏陕秦甘陇青宁新港澳台"
)


PLANT_ENDINGS = ("核电", "风电", "光伏", "水电", "火电", "电站", "热电", "电厂")
# Words of public works after a name (大石|峡水利枢纽, 淖毛湖|750千伏输变电工程).
INFRASTRUCTURE_WORDS = ("枢纽", "输变电", "千伏", "水利", "管道", "航道", "码头", "口岸", "灌区")
# Natural features end place names, not firms' (龙岗山, 淖毛湖).
NATURAL_ENDINGS = ("山", "湖", "河", "峡", "江", "泉", "岭", "滩")


def _firm_name_alone(name: str, lex: Lexicons) -> bool:
    """A firm's short name standing without a suffix: a brand or an unknown proper name."""
    if name[0] in "至到及和与的在对把将了着过" or not _CJK_NAME_RE.fullmatch(name):
        return False  # (德州)至宁津: the end of a route, a particle; 1.2, 700: numbers
    if "了" in name:
        return False  # 落地了|天齐: a verb's aspect, the name comes after it
    if (name[-1] in "百千万亿两" and (len(name) > 2 or lex.word_freq(name))) or name[
        :2
    ] in _LIST_VERBS_SET:
        return False  # 大兴安岭百|万平方米: a number cut (银亿 is a name); 扶持|蒙西: a verb
    if any(name[p:] in lex.known_firms for p in (1, 2, 3)):
        return False  # 深汕|比亚迪: a known firm's plant at a place; the firm is 比亚迪
    if len(name) == 2 and name[0] in PROVINCE_ABBREVIATIONS and not brand_name(name, lex):
        return False  # 川酒, 川茶, 鲁菜: a region's product, not a firm
    if lex.is_place(name) or name in lex.concepts or name in lex.stop.get(COMPANY, ()):
        return False
    if name.endswith(NOT_COMPANY_ENDINGS) or name.endswith(VENUE_ENDINGS) or name[-1] == "级":
        return False  # (世界级, 国家级: a rank)
    if "改" in name or (name.endswith(NATURAL_ENDINGS) and name not in lex.known_firms):
        return False  # 煤改电: a change of fuel; 龙岗山, 淖毛湖: places
    if all(ch in ELEMENT_CHARS for ch in name):
        return False  # 镍钴, 钒钛, 硅氟: materials named by their elements
    if len(name) > 2 and name.endswith(PLANT_ENDINGS) and not brand_name(name, lex):
        return False  # 三澳核电, 大唐风电: a power plant, not a firm's name
    if name.endswith(PROJECT_HEADS) or name.endswith(PROGRAM_HEADS):
        return False  # 莱荣高铁: a project
    if classify_org(name) in ("government", "institution"):
        return False
    if brand_name(name, lex):
        return True
    if len(name) >= 4 and any(
        lex.word_freq(name[:cut]) and lex.word_freq(name[cut:]) for cut in range(2, len(name) - 1)
    ):
        return False  # 防汛|抗旱, 引水|调水: two words, not a name
    return (
        lex.word_freq(name) == 0
        and not _common_compound(name, lex)
        and not any(lex.word_freq(name[i : i + 2]) >= 1000 for i in range(len(name) - 1))
    )


def _inner_sector(name: str, lex: Lexicons) -> bool:
    """A sector word inside a name after its first two characters (光谷|智能|网联): the words
    before a weak firm suffix name a product or an industry, not a firm."""
    return any(
        lex.is_sector(name[i:j])
        for i in range(2, len(name) - 1)
        for j in range(i + 2, len(name) + 1)
    )


def named_before_sector(name: str, lex: Lexicons) -> bool:
    """A firm's name, after its place if any, then a sector word that ends the name (协鑫|能源,
    太仓|博宏|智能): a known firm, a registered brand or a short name no dictionary knows —
    the sector is the firm's trade, not a place's industry (光谷|智能网联)."""
    for i in range(2, len(name) - 1):
        if not lex.is_sector(name[i:]):
            continue
        head = name[:i]
        core = head[_leading_place(head, lex) :]
        if core in lex.known_firms or (
            2 <= len(core) <= 3
            and (rare_brand(core, lex) or not lex.word_freq(core))
            and _firm_name_alone(core, lex)
        ):
            return True
    return False


def _elements_tail(name: str, lex: Lexicons) -> int:
    """Length of the chemical elements ending a firm's name + material (巨化|硅氟), else 0:
    two or more, after a short name that stands alone as a firm's."""
    for n in range(len(name) - 2, 1, -1):
        if all(ch in ELEMENT_CHARS for ch in name[-n:]) and _firm_name_alone(name[:-n], lex):
            return n
    return 0


# Chemical elements (and 钢, 稀土's 稀 and 土) as written in names of materials (镍钴, 钒钛).
ELEMENT_CHARS = frozenset(
    "锂铍钠镁铝钾钙钪钛钒铬锰铁钴镍铜锌镓锗砷硒铷锶钇锆铌钼钌铑钯银镉铟锡锑碲铯钡镧铈镨钕钐"
    "铕钆铽镝钬铒铥镱镥铪钽钨铼锇铱铂汞铊铅铋钍铀硅硼碳氢氧氮磷硫氯氟溴碘钢稀土"
)
_CITY_KINDS = ("prefecture", "county", "province")


def _leading_place(item: str, lex: Lexicons) -> int:
    """Length of a city or county name opening a project item (杭州|海康机器人), 0 if none."""
    for p in range(min(4, len(item) - 2), 1, -1):
        if lex.is_place(item[:p]) and lex.place_kind(item[:p]) in _CITY_KINDS:
            return p
    return 0


def _unknown_name(item: str, lex: Lexicons) -> bool:
    """Three to six Chinese characters that the dictionary does not know as one word, that
    split into no common words and hold no place or sector (高巨创新): a proper name."""
    return (
        3 <= len(item) <= 6
        and _CJK_NAME_RE.fullmatch(item) is not None
        and not lex.word_freq(item)
        and not _common_compound(item, lex)
        and not lex.is_sector(item)
        and not _leading_place(item, lex)
        and item not in lex.concepts
    )


def _place_and_word(item: str, lex: Lexicons) -> bool:
    """A province's or city's name and one short word (山东|高速, 青岛|啤酒): how government
    prose names a local firm in a list of firms."""
    p = _leading_place(item, lex)
    return (
        bool(p)
        and 2 <= len(item) - p <= 3
        and _CJK_NAME_RE.fullmatch(item) is not None
        and not item.endswith(STATE_MEDIA_ENDINGS)  # 湖南|广电: the province's broadcaster
    )


# What a place's project is when it is not a firm's plant: a route, a port, a dike.
_PLACE_WORKS = (*PROJECT_HEADS, "公路", "航道", "港区", "码头", "枢纽", "大道", "通道", "干线")


def _trade_alone(name: str, lex: Lexicons) -> bool:
    """Whether `name` is a firm's suffix or a rare trade of one character and 业 (锰业, 钽业; not
    产业, 行业): what a firm's name ends with, never the whole name."""
    return name in COMPANY_SUFFIXES or _rare_trade(name, lex)


def _rare_trade(name: str, lex: Lexicons) -> bool:
    """A trade of one character and 业 that the dictionary hardly knows (钽业, 锰业; not 产业)."""
    return len(name) == 2 and name.endswith("业") and lex.word_freq(name) < RARE_WORD_FREQ


def _firm_after_place(rest: str, at: int, starts: set[int], ends: set[int], lex: Lexicons) -> int:
    """Length of a firm's name after the place opening a project item, 0 if none: one or two
    whole tokens, a registered brand or a name the dictionary does not know, followed by the
    product (杭州|海康|机器人, 丽水|富乐德|传感技术) — not by a route or a port (台州|温玉铁路)."""
    if at not in starts or rest.endswith(_PLACE_WORKS + ESTATE_ENDINGS) or "堤" in rest:
        return 0  # (海东|春晓回迁安置小区: a housing estate)
    names = [
        k
        for k in range(min(4, len(rest) - 2), 1, -1)
        if at + k in ends and not NUMERAL_START_RE.match(rest[k:])
        and _firm_name_alone(rest[:k], lex)
    ]  # fmt: skip
    # a registered brand first (中芯|数模), else a name the dictionary does not know
    k = next((k for k in names if brand_name(rest[:k], lex)), 0) or next(
        (k for k in names if not lex.word_freq(rest[:k])), 0
    )
    if k:
        for n in (3, 2):  # the firm's sector word belongs to its name (海康|机器人)
            if at + k + n in ends and lex.is_sector(rest[k : k + n]):
                k += n
                break
    if _FACILITY_AFTER_RE.match(rest, k):
        return 0  # 太原|武宿国际|机场三期: a facility's name, not a firm's
    return k


# Kinds of facility named after their place, not their firm (…等煤矿项目, …等水库).
PLACE_FACILITIES = ("煤矿", "矿井", "铁矿", "金矿", "矿山", "水库", "电站", "机场", "港区", "景区")
_FACILITY_AFTER_RE = re.compile(
    f"(?:国际)?(?:{'|'.join(dict.fromkeys(_PLACE_WORKS + PLACE_FACILITIES))})"
)


def _leading_verbs_end(tokens: Sequence[Tok], start: int, end: int) -> int:
    """Where an item starts after the verbs that open it (建成投产|大唐郓城), else `start`."""
    pos = start
    for k, (s, e, p) in enumerate(tokens):
        if e <= pos:
            continue
        if s > pos or e >= end or not (p[:1] == "v" or p == "j"):
            break
        nxt = tokens[k + 1] if k + 1 < len(tokens) else (e, e, "")
        if e - s == 1 and nxt[1] - nxt[0] == 1 and nxt[2][:1] != "v":
            break  # 推动|达|闼机器人: one character of an unknown name the segmenter cut off
        pos = e  # (a verb token may begin before `start`: 建成|投产 cut by the list's verbs)
    return pos


def _item_starts(text: str, offset: int, item: str, starts: set[int]) -> list[tuple[int, str]]:
    """Token starts inside an item, from its first character on (扶持壮大|三元)."""
    return [
        (offset + i, item[i:])
        for i in range(len(item) - 1)
        if offset + i in starts
        and not (i and item[i] in MEASURE_WORDS and NUMERAL_START_RE.match(item[i - 1]))
    ]  # (4|家浙企: a count's measure word does not open a name)


# Parts of speech of the clause's words before a list's first name (吸引|了|高巨创新…)
_CLAUSE_POS = frozenset("vudpcr")


def _unknown_item_start(
    text: str, tokens: Sequence[Tok], starts: set[int], offset: int, item: str, lex: Lexicons,
    *, first: bool,
) -> int | None:  # fmt: skip
    """Start of a name no dictionary knows (`_unknown_name`) that a list item is; the first
    item may open with the clause's words (吸引|了|高巨创新), passed over by their parts of
    speech. None if there is no such name."""
    if not first:
        return offset if offset in starts and _unknown_name(item, lex) else None
    pos_at = {s: p for s, _, p in tokens if offset <= s < offset + len(item)}
    return next(
        (a for a, rest in _item_starts(text, offset, item, starts)
         if pos_at.get(a, "")[:1] not in _CLAUSE_POS and _unknown_name(rest, lex)),
        None,
    )  # fmt: skip


def _opens_with_town(item: str, at: int, ends: set[int], lex: Lexicons) -> bool:
    """Whether a project item (at offset `at`) opens with a town's short name that is a whole
    word and no known firm's (古雷|炼化; not 富乐|德: 富乐德 is the word)."""
    return any(
        at + k in ends and town_name(item[:k], lex) and item[:k] not in lex.known_firms
        for k in (2, 3)
    )


def _placed_firm_name(item: str, lex: Lexicons) -> bool:
    """A place, a name of two to four characters and a firm's suffix (神木|天元|化工, 陕西|精益|
    化工): among firms, a firm by its place (the name alone may be a word or a place)."""
    p = _leading_place(item, lex)
    suffix = _head_suffix(item[p:], COMPANY_SUFFIXES) if p else ""
    return (
        bool(suffix)
        and 2 <= len(item) - p - len(suffix) <= 4
        and _CJK_NAME_RE.fullmatch(item) is not None
        and classify_org(item) == "company"
    )


def _placed_brand_and_trade(item: str, lex: Lexicons) -> bool:
    """A city's or county's name, a registered brand and its trade (宁波|健信|超导, 唐山|德生|
    防水): among firms, a firm named with its place (the trade is a word, not a firm's suffix)."""
    p = _leading_place(item, lex)
    return bool(p) and _CJK_NAME_RE.fullmatch(item) is not None and _brand_and_trade(item[p:], lex)


def _place_firm_among_firms(
    item: str, offset: int, items: Sequence[tuple[int, str]], starts: set[int], lex: Lexicons,
    taken: Collection[int] = (),
) -> bool:  # fmt: skip
    """A place and a short word (湖南|建工) that is a firm because the other items of its list
    are mostly firms (read so, or taken as firms: at an offset of `taken`), not institutions;
    so also a place, a name and a firm's suffix (牡丹江|恒丰|纸业)."""
    others = [(at, it) for at, it in items if it != item]

    def firm(at: int, it: str) -> bool:
        return at in taken or bool(_firm_at(it, lex, head_only=False)) or _placed_firm_name(it, lex)

    return (
        offset in starts
        and (_place_and_word(item, lex) or _placed_firm_name(item, lex))
        and classify_org(item) in ("company", "unknown")
        and len(others) >= 1
        and sum(firm(at, it) for at, it in others) * 2 > len(others)
    )


def slot_firms(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """Firms named in the slots where government prose names firms: award subjects, lists
    closed by a kind of firm, and the items of project lists (the firm behind the project)."""
    starts = {s for s, _, _ in tokens}
    ends = {e for _, e, _ in tokens}
    verbs = {s for s, _, pos in tokens if pos[:1] in ("v", "a", "d")}  # (壮大 is tagged a)
    out: list[Cand] = []

    def take(offset: int, item: str, head_only: bool, first: bool, whole: bool = False) -> None:
        # the first item may still carry the clause's verbs: try its token starts in turn
        tries = _item_starts(text, offset, item, starts) if first else [(offset, item)]
        for t, (at, rest) in enumerate(tries):
            if first and rest[0] in _NAME_CONJ and at + 1 in starts:
                continue  # 沙洲职业工学院|与|海陆重工: the conjunction opens no name
            if head_only and _opens_with_town(rest, at, ends, lex):
                continue  # 古雷|炼化一体化工程二期: a project named after its town, no firm's
            n = _firm_at(rest, lex, head_only=head_only)
            if (
                n
                and at in verbs
                and not brand_name(rest[:n], lex)
                and any(
                    len(later) == n - (b - at) and brand_name(later, lex)
                    for b, later in tries[t + 1 :]
                )
            ):
                continue  # 培育壮大|东方电气: a verb, then a known firm (好当家 is a brand)
            if (
                whole
                and n
                and _brand_tail(rest[n:], lex)
                and rest[:n] not in lex.known_firms
                and rest[:n] not in lex.ambiguous_firms
            ):
                # 邦普|时代: a name the segmenter cut; the project item is the firm's name (a
                # well-known firm's tail names its product: 东风|岚图)
                n = len(rest)
            if n < len(rest) and at + n not in ends and not first:
                continue  # 海拉|尔河堤防: the name must end where a word ends
            if n and at in starts and ((head_only and not first) or n == len(rest)):
                out.append((at, at + n, COMPANY, "slot"))
                return
        if head_only and not first:  # 台州|弗迪|新能源动力电池: the firm's plant at a place
            p = _leading_place(item, lex)
            town = p and _opens_with_town(item[p:], offset + p, ends, lex)  # 中沙|古雷|乙烯
            n = _firm_after_place(item[p:], offset + p, starts, ends, lex) if p and not town else 0
            name = item[p : p + n]
            if (
                n
                and (
                    _trade_alone(name, lex)
                    # 山东|海化|纯碱: a province's firm registers its name with the province (山东
                    # 海化, 吉林化纤); not a known firm's plant there (安徽|江淮汽车)
                    or (
                        lex.place_kind(item[:p]) == "province"
                        and name not in lex.known_firms
                        and name not in lex.ambiguous_firms
                    )
                )
            ):
                # 天元|锰业|高纯锰: a trade alone names no firm; the place's firm is named with it
                out.append((offset, offset + p + n, COMPANY, "slot"))
            elif n:
                out.append((offset + p, offset + p + n, COMPANY, "slot"))

    for m in AWARD_SUBJECT_RE.finditer(text) if AWARD_SUBJECT_VERB_RE.search(text) else ():
        items = _list_items(text, m.start(1), m.group(1))
        ranked = _FIRMS_RANKING_RE.match(text, m.end(1)) is not None
        firsts = {}  # each item's first reading, as in the loop below (the subject's items)
        for k, (offset, item) in enumerate(items):
            n = len(out)
            take(offset, item, False, k == 0)
            firsts[offset] = out[n:]
            del out[n:]
        taken = {at for at, found in firsts.items() if found}
        for offset, item in items:
            n = len(out)
            out += firsts[offset]
            if len(out) == n and _place_firm_among_firms(item, offset, items, starts, lex, taken):
                # 五凌电力、湖南建工、湘电股份入选…500强: a province's firm by its place;
                # 大庆华科、佳木斯电机、…入选…冠军企业: among the items taken as firms
                out.append((offset, offset + len(item), COMPANY, "slot"))
            elif (
                len(out) == n
                and ranked
                and len(items) == 1
                and offset in starts
                and _place_and_word(item, lex)
                and classify_org(item) in ("company", "unknown")
            ):  # 湖南建工入选世界500强: only firms are ranked so
                out.append((offset, offset + len(item), COMPANY, "slot"))
    for m in OPENING_SUBJECT_RE.finditer(text) if "开业" in text else ():
        for offset, item in _list_items(text, m.start(1), m.group(1)):
            n = len(out)
            take(offset, item, False, False)  # the whole item (世界最大单体免税店 is none)
            if len(out) > n and lex.word_freq(text[out[-1][0] : out[-1][1]]):
                del out[-1]  # 免税店开业, 农商行开业: a kind of business, not a name
    for m in LISTING_SUBJECT_RE.finditer(text) if "上市" in text or "登陆" in text else ():
        for k, (offset, item) in enumerate(_list_items(text, m.start(1), m.group(1))):
            n = len(out)
            take(offset, item, False, k == 0)
            name = text[out[-1][0] : out[-1][1]] if len(out) > n else ""
            if name and (lex.word_freq(name) or name.endswith("企业")):
                del out[-1]  # 企业上市, 科创企业上市: a kind of firm, not a name
    for m in FIRM_KIND_LIST_RE.finditer(text) if _may_list_firms(text) else ():
        if text[m.end()] == "等" and any(a < m.end() < b - 1 for a, b, _ in tokens):
            continue  # 太仓|中等专业|学校与德国企业: 等 inside a word closes no list
        items = _list_items(text, m.start(), m.group(1))
        if (
            sum(
                bool(_firm_at(item, lex, head_only=False))
                or _place_and_word(item, lex)
                or _placed_firm_name(item, lex)
                or _placed_brand_and_trade(item, lex)
                for _, item in items[1:]
            )
            * 2
            >= len(items) - 1
            and len(items) > 1
        ):  # (广西北投、广西交投、广西农垦三家企业: a province's firms by its name)
            for k, (offset, item) in enumerate(items):
                n = len(out)
                take(offset, item, False, k == 0)
                place = _leading_place(item, lex)
                if (
                    len(out) > n
                    and out[-1][:2] == (offset + place, offset + len(item))
                    and _place_and_word(item, lex)
                    and offset in starts
                    and item[place:] not in lex.known_firms
                ):
                    # 甘肃|能化、甘肃电投等省属企业: the first item's place opens its name
                    out[-1] = (offset, offset + len(item), COMPANY, "slot")
                if len(out) == n and item in lex.ambiguous_firms and offset in starts:
                    # 比亚迪、江淮、长安等7家整车企业: a known firm's name that is also a word
                    # or a place names the firm among firms
                    out.append((offset, offset + len(item), COMPANY, "slot"))
                elif (
                    len(out) == n
                    and (
                        _place_and_word(item, lex)
                        or _placed_firm_name(item, lex)
                        or (k > 0 and _placed_brand_and_trade(item, lex))
                    )
                    and offset in starts
                    and offset + len(item) in ends
                ):
                    # 山东高速、山东港口等省属企业: a province's or city's firm by its place;
                    # 神木|天元化工、陕西|精益化工等民营企业: a place, a name and a firm's suffix;
                    # 三孚硅业、唐山|德生|防水等企业: a place, a brand and its trade
                    out.append((offset, offset + len(item), COMPANY, "slot"))
                elif len(out) == n:
                    # 吸引了|高巨创新、好盈科技等74家企业: a name no dictionary knows, among firms
                    at = _unknown_item_start(text, tokens, starts, offset, item, lex, first=k == 0)
                    if at is not None:
                        out.append((at, offset + len(item), COMPANY, "slot"))
    for m in PROJECT_FIRM_LIST_RE.finditer(text) if "、" in text and "等" in text else ():
        closer = text[m.end() : m.end() + 14].split("项目")[0]
        if any(w in closer for w in (*PLACE_FACILITIES, "资金", "政策", "方式", "领域")):
            continue  # 后安、公婆泉等煤矿项目: facilities named after places; 专债等资金
        # (浪潮海若、卡奥斯天智等行业大模型: a brand's products, not firms' projects)
        projects = "模型" not in closer
        for k, (offset, item) in enumerate(_list_items(text, m.start(), m.group(1))):
            if k == 0:  # the first item may open with the clause's verbs (建成投产|大唐郓城)
                skip = _leading_verbs_end(tokens, offset, offset + len(item))
                offset, item = skip, text[skip : offset + len(item)]
            take(offset, item, True, False, whole=projects)
    # 浪潮服务器生产线: a registered brand behind a plant
    for m in PLANT_RE.finditer(text) if "产线" in text or "超级工厂" in text else ():
        a = _after_last_verb(text, starts, m.start(1), m.end(1))
        for k in range(min(4, m.end(1) - a), 1, -1):
            name = text[a : a + k]
            if a in starts and a + k in ends and brand_name(name, lex):
                if _firm_name_alone(name, lex):
                    out.append((a, a + k, COMPANY, "slot"))
                break
        else:  # 积海半导体|特色工艺生产线: a name no dictionary knows + a firm's suffix
            for k in (3, 2):
                name = text[a : a + k]
                suffix = next((x for x in COMPANY_SUFFIXES if text.startswith(x, a + k)), "")
                if (
                    suffix
                    and a in starts
                    and a + k + len(suffix) in ends
                    and a + k + len(suffix) < m.end(1)
                    and _CJK_NAME_RE.fullmatch(name)
                    and not lex.word_freq(name)
                    and not lex.is_place(name)
                    and not lex.is_sector(name)
                ):
                    out.append((a, a + k + len(suffix), COMPANY, "slot"))
                    break
    for m in SINGLE_PROJECT_RE.finditer(text) if "等" in text else ():
        firms = _FIRMS_CLOSER_RE.match(text, m.end()) is not None
        for offset, item in _list_items(text, m.start(1), m.group(1)):
            n = len(out)
            take(offset, item, True, True)
            if firms and len(out) > n:
                out[-1] = (_placed_firm_start(text, tokens, offset, out[-1][0], lex), *out[-1][1:])
    return out


# A single name before 等…企业 is a firm's, not a project's (引进|广东来裕|等知名物流企业).
_FIRMS_CLOSER_RE = re.compile(r"等" + _NOT_AREAS + r"[^，。；、项]{0,12}?企业")


def _placed_firm_start(text: str, tokens: Sequence[Tok], lo: int, at: int, lex: Lexicons) -> int:
    """Where a firm's name found at `at` opens: at the place before it when the place opens
    the name after the clause's words (引进|广东|来裕: a firm known by its home's name, not a
    plant at a place, as in a project's name), else at `at`."""
    pos_by_end = {e: (s, p) for s, e, p in tokens}
    ps = pos_by_end.get(at, (-1, ""))[0]
    if ps < lo or not lex.is_place(text[ps:at]):
        return at
    opens = (
        ps == lo or text[ps - 1] in _ITEM_STOP or pos_by_end.get(ps, (0, ""))[1][:1] in _CLAUSE_POS
    )
    return ps if opens else at


def _brand_tail(tail: str, lex: Lexicons) -> bool:
    """Whether the one or two characters after a firm's name that end a project item may be the
    rest of its name (邦普|时代), not a project's phase, a plant, a sector or a product series
    (大唐|风电, 国和|一号)."""
    return (
        1 <= len(tail) <= 2
        and _CJK_RE.fullmatch(tail) is not None
        and tail not in PROJECT_TAILS
        and not tail.startswith(PLANT_ENDINGS)
        and not PART_RE.match(tail)
        and not SERIES_RE.match(tail)
        and not lex.is_sector(tail)
        and not lex.is_place(tail)
        and tail not in PLANT_NOUNS
        and not any(w in tail for w in INFRASTRUCTURE_WORDS)
    )


@lru_cache(maxsize=4)
def _firm_names(names: frozenset[str]) -> Literals:
    return Literals(names)


FIRM_FACILITIES = (
    "研发中心", "总部", "基地", "工厂", "生产线", "产线", "数据中心", "计算中心", "算力中心",
    "智算中心", "运营中心", "结算中心", "平台",
    "电站", "电厂",  # 华能|石岛湾核电站: a power company's plant, no station of a body
)  # fmt: skip


# What may stand between a firm and its site in the site's name: an ordinal, a country, a
# place or a few words of what is made there (蔚来|第二先进制造|基地, 天马|第6代…|生产线)
_SITE_RE = re.compile(r"[\u4e00-\u9fffA-Za-z\d.]{0,8}?(?:研发中心|总部|基地|工厂|生产线|产线)")
_SITE_ORDINAL_RE = re.compile(r"第[一二三四五六七八九十\d]+")


def ambiguous_firm_sites(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """A well-known firm whose name is also a word or a place, before a site of its own
    (蔚来|第二先进制造基地, 蔚来|中国总部) or right after its country (日本|松下, 日本|本田: the
    country joins its name in the resolver): the firm."""
    found = list(_firm_names(lex.ambiguous_firms).finditer(text))
    if not found:
        return []
    starts = {s for s, _, _ in tokens}
    ends = {e for _, e, _ in tokens}
    before = {e: s for s, e, _ in tokens}
    return [
        (s, e, COMPANY, "known")
        for s, e in found
        if s in starts
        and e in ends
        and (
            (
                (
                    _SITE_ORDINAL_RE.match(text, e)
                    or text.startswith("中国", e)
                    or any(lex.is_place(text[e : e + k]) for k in (2, 3))
                )  # (现代|化工厂, 卫星|工厂: a word before a kind of site)
                and _SITE_RE.match(text, e)
            )
            or (s in before and _home_of_firm(text[before[s] : s], lex))
        )
    ]


# Places outside the mainland that open a firm's name as a country does (台湾|台塑, 香港|九龙仓)
_OUTSIDE_MAINLAND = frozenset(("台湾", "香港", "澳门"))


def _home_of_firm(place: str, lex: Lexicons) -> bool:
    """Whether a report writes `place` before a firm to say where the firm is from: a foreign
    country (美国|宝洁, 德国|巴斯夫) or Taiwan, Hong Kong, Macao (台湾|鸿海集团)."""
    return place in _OUTSIDE_MAINLAND or (place != "中国" and lex.place_kind(place) == "country")


def country_opened_firms(
    text: str, chosen: Sequence[Cand], tokens: Sequence[Tok], lex: Lexicons
) -> list[Cand]:
    """`chosen` with each firm that a foreign country or Taiwan, Hong Kong, Macao opens
    (美国|宝洁, 台湾|联华电子) named with it, as the report writes it, and that place no longer
    a place of its own there (it is inside the firm's name)."""
    before = {e: s for s, e, _ in tokens}
    grown: dict[tuple[int, int], tuple[int, int]] = {}
    for s, e, label, _src in chosen:
        a = before.get(s)
        if label == COMPANY and a is not None and _home_of_firm(text[a:s], lex):
            grown[(s, e)] = (a, e)
    return _grown_firms(chosen, grown)


# Parts of speech no firm's name is made of (加征, 的, 和): verbs, adjectives, function words
_NOT_NAME_POS = ("v", "a", "d", "p", "c", "u", "r", "q", "x", "w", "f")


def foreign_named_firms(
    text: str, chosen: Sequence[Cand], tokens: Sequence[Tok], lex: Lexicons
) -> list[Cand]:
    """`chosen` with the firm from abroad that a country (or Taiwan, Hong Kong, Macao) opens by a
    name no dictionary knows (德国|汉高|胶粘剂, 法国|依视路|追加投资, 台湾|旭隼电子|绍兴工厂):
    named with its home, as the report writes it, the country no longer a place of its own
    there; a project it opens keeps its name (the firm is listed inside it). The name ends
    before the next item, a verb, a place or the trade and products of the project."""
    projects = {(s, e) for s, e, label, _ in chosen if label == PROGRAM}
    # (a firm read over the whole project it opens: 德国汉高胶粘剂 as the project and the firm)
    firms = [(s, e) for s, e, label, _ in chosen if label == COMPANY and (s, e) not in projects]
    heads = {s for s, _ in projects}
    found: dict[int, int] = {}
    for i, (a, c, _pos) in enumerate(tokens):
        if not _home_of_firm(text[a:c], lex) or any(s < c + 6 and a < e for s, e in firms):
            continue  # (美国|宝洁: named with its country by `country_opened_firms`)
        end = _foreign_name_end(text, tokens, i + 1, lex, heads=a in heads)
        if end:
            found[a] = end
    if not found:
        return list(chosen)
    out: list[Cand] = []
    for s, e, label, src in chosen:
        if label == PLACE and s in found:
            continue  # (the country inside the firm's name)
        if label == COMPANY and s in found:
            continue  # 德国汉高|胶粘剂: the firm, then the products of its project
        out.append((s, e, label, src))
    return out + [(a, end, COMPANY, "rules") for a, end in found.items()]


def _foreign_name_end(
    text: str, tokens: Sequence[Tok], j: int, lex: Lexicons, heads: bool = False
) -> int:
    """End of a firm's name of two to five characters starting at token `j`, right after its
    country (`foreign_named_firms`), or 0: before a verb, or, when the country opens a project
    (`heads`), before the project's place, trade or products."""
    if j >= len(tokens) or text.startswith("等", tokens[j][0]):
        return 0
    c = tokens[j][0]
    for k in range(j, min(j + 4, len(tokens))):
        t_s, t_e, pos = tokens[k]
        word = text[t_s:t_e]
        if k > j and lex.place_kind(word) in _CITY_KINDS:
            return 0  # (台湾富士康|贵安…: a place inside, the name ends before it)
        if (
            pos[:1] in _NOT_NAME_POS
            or (pos == "m" and t_e - t_s > 1)
            or (not _CJK_NAME_RE.fullmatch(word) and len(word) > 1)
            # (a transliteration's later parts may be words: 山崎|马扎|克)
            or (
                len(word) >= 2
                and lex.word_freq(word) >= RARE_WORD_FREQ
                and (k == j or pos[:2] != "nr")
            )
            or t_e - c > 5
        ):
            return 0
        name = text[c:t_e]
        if (
            len(name) < 2
            or (lex.is_place(name) and lex.place_kind(name) not in ("county", "town"))
            or _common_compound(name, lex)
            or name in lex.concepts
            or (k == j and not rare_brand(name, lex))  # 印尼|棕榈油: a product, no name
        ):
            continue
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        word_after = text[nxt[0] : nxt[1]] if nxt else ""
        if text.startswith(ZONE_SUFFIXES, t_e):
            return 0  # 马来西亚|马中关丹|产业园: a park's name, no firm
        if nxt and nxt[2] == "v" and len(word_after) > 1:
            return t_e  # 法国依视路|追加投资 (not a verb of one character: 瑞克斯|旺)
        if nxt is None or not heads:
            return 0
        if lex.place_kind(word_after) in _CITY_KINDS:
            return t_e  # 德国舒勒|丹阳|精密模具工厂: the firm's plant at a place
        if lex.is_sector(word_after) or word_after in COMPANY_SUFFIXES:
            # 台湾旭隼|电子|绍兴工厂: a name and its trade, then the plant's place
            far = tokens[k + 2] if k + 2 < len(tokens) else None
            far_word = text[far[0] : far[1]] if far else ""
            if word_after in COMPANY_SUFFIXES and (
                lex.place_kind(far_word) in _CITY_KINDS or far_word in PLANT_NOUNS
            ):
                return nxt[1]
            if word_after in COMPANY_SUFFIXES and (
                far_word in COMPANY_SUFFIXES or far_word in _ITEM_AFTER
            ):
                return 0  # 意大利菲亚特|动力|科技|、: a name and the suffixes of its own
            return t_e  # 韩国晓星|新材料|项目: the firm, then the project's trade
        if _product_run(text, tokens, k + 1, lex):
            return t_e  # 德国汉高|胶粘剂、…: the firm, then the products of its project
    return 0


# A firm's legal forms, no product of it
_FIRM_FORMS = frozenset(("集团", "公司", "有限公司", "股份", "控股", "股份有限公司", "集团公司"))
# What ends the products of a firm's project (…胶粘剂|、, …新材料|项目)
_PRODUCTS_END = ("项目", "二期", "三期", "一期", *PLANT_NOUNS)


def _product_run(text: str, tokens: Sequence[Tok], j: int, lex: Lexicons) -> bool:
    """Whether tokens from `j` are common nouns and adjectives up to a list's next item, 项目,
    a phase or a plant (高性能|纤维|、, 新|材料|项目): the products of a firm's project (not the
    firm's form: 集团, 公司)."""
    for n, (t_s, t_e, pos) in enumerate(tokens[j : j + 5]):
        word = text[t_s:t_e]
        if n and (word in _ITEM_AFTER or word in _PRODUCTS_END):
            return True
        if word in _FIRM_FORMS:
            return False
        if pos[:1] not in ("n", "a", "b") or pos in PROPER_POS or lex.is_place(word):
            return False  # (a name of its own: no product)
    return False


def province_opened_firms(
    text: str, chosen: Sequence[Cand], model_orgs: Collection[tuple[int, int]], lex: Lexicons
) -> list[Cand]:
    """`chosen` with each firm right after a province's name that the model reads as one
    organisation with it (广西|北部湾国际港务集团) named with that province, as its registered
    name is, and the province no longer a place of its own there."""
    grown: dict[tuple[int, int], tuple[int, int]] = {}
    for s, e, label, _src in chosen:
        if label != COMPANY:
            continue
        for a, b in model_orgs:
            if a < s <= a + 3 and b >= e and lex.place_kind(text[a:s]) == "province":
                grown[(s, e)] = (a, e)
    return _grown_firms(chosen, grown)


# What may follow a firm named as a list item: the list's next item or its end (a verb after it
# is checked apart, by the tokens' tags)
_ITEM_AFTER = frozenset("、，。；和与及等")


# What 云 opens after a firm's name when it is not the firm's cloud arm (华为|云南, 华为|云计算)
_CLOUD_WORDS = (
    "云南", "云计", "云端", "云上", "云平", "云服", "云网", "云边", "云数", "云原", "云岭",
)  # fmt: skip


def cloud_arms(text: str, chosen: Sequence[Cand], lex: Lexicons) -> list[Cand]:
    """`chosen` with a known firm and 云 right after it as its cloud arm, a firm of its own
    (华为|云, 阿里|云: 华为云贵安数据中心), not 云 opening a word (华为|云计算, 华为|云南)."""
    return [
        (s, e + 1, label, src)
        if label == COMPANY
        and text[e : e + 1] == "云"
        and not text.startswith(_CLOUD_WORDS, e)
        and text[s:e] in lex.known_firms
        else (s, e, label, src)
        for s, e, label, src in chosen
    ]


def list_shared_programs(
    text: str, chosen: Sequence[Cand], lex: Lexicons, token_starts: Collection[int]
) -> list[Cand]:
    """`chosen` with a pilot that opens with the last place of a 、-list of places split: the
    places share the pilot, the last is a place of its own (前郭尔罗斯蒙古族自治县、长岭县|盐碱地
    综合利用试点, 宁东、石嘴山|减污降碳协同创新试点). A rest that is no name is dropped. The place
    must end a word (not 鄱阳|湖水利枢纽工程: a lake named after the county)."""
    place_ends = {e for _, e, label, _ in chosen if label == PLACE}
    out: list[Cand] = []
    for s, e, label, src in chosen:
        name = text[s:e]
        head = "试点" if label == PROGRAM and name.endswith("试点") else ""
        lead = _leading_place(name, lex) if head and s and text[s - 1] in "、和与" else 0
        if not lead or s - 1 not in place_ends or s + lead not in token_starts:
            out.append((s, e, label, src))
            continue
        out.append((s, s + lead, PLACE, src))
        bare = name[lead : len(name) - len(head)]
        if (
            _specific(bare, lex)
            and not _generic_bare(bare)
            and not (len(bare) <= 4 and (lex.word_freq(bare) or _common_compound(bare, lex)))
        ):
            out.append((s + lead, e, label, src))  # (辛集|改革发展|试点: two common words)
    return out


def adjacent_firms(text: str, chosen: Sequence[Cand], lex: Lexicons) -> list[Cand]:
    """`chosen` with two known firms' short names written one after the other as one firm: a
    group and its subsidiary in one phrase, the longest name (rule 1: 河钢|唐钢). (Not a firm
    and another's trade or product: 中车株机|储能装备.)"""
    firms = sorted((s, e) for s, e, label, _ in chosen if label == COMPANY)
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    dropped: set[tuple[int, int]] = set()
    for (s1, e1), (s2, e2) in itertools.pairwise(firms):
        if (
            e1 == s2
            and e1 - s1 <= 4
            and e2 - s2 <= 4
            and text[s1:e1] in lex.known_firms
            and text[s2:e2] in lex.known_firms
            and (s1, e1) not in dropped
        ):
            merged[(s1, e1)] = (s1, e2)
            dropped.add((s2, e2))
    if not merged:
        return list(chosen)
    return [
        (*merged.get((s, e), (s, e)), label, src)
        for s, e, label, src in chosen
        if not (label == COMPANY and (s, e) in dropped)
    ]


def city_named_firms(
    text: str, chosen: Sequence[Cand], tokens: Sequence[Tok], lex: Lexicons
) -> list[Cand]:
    """`chosen` with each known firm that a city's or province's name opens as a list item of
    its own (推动冠捷科技、福州|京东方和华冠光电…; 亿达集团、大连|万科参与…) named with that place,
    as a local subsidiary is named (rule 1: the longest name), and the place no longer a place of
    its own there. Not a firm heading a project (绍兴|中芯|数模混合集成电路: the firm's project)."""
    places = {(s, e) for s, e, label, _ in chosen if label == PLACE}
    programs = [(s, e) for s, e, label, _ in chosen if label == PROGRAM]
    # (a verb, not a verbal noun naming a trade: 揭阳|中石油|炼化/vn|一体化, the firm's project)
    verb_starts = {a for a, _, p in tokens if p[:1] == "v" and p != "vn"}
    verb_ends = {b for _, b, p in tokens if p[:1] == "v"}
    grown: dict[tuple[int, int], tuple[int, int]] = {}
    for s, e, label, _src in chosen:
        if label != COMPANY or text[s:e] not in lex.known_firms:
            continue
        if text[s:e] in lex.ambiguous_firms:
            continue
        a = next((a for a, b in places if b == s), None)
        if a is None or lex.place_kind(text[a:s]) not in _CITY_KINDS:
            continue
        if a > 0 and text[a - 1] not in "、，。；：和与及" and a not in verb_ends:
            continue
        if e < len(text) and text[e] not in _ITEM_AFTER and e not in verb_starts:
            continue
        if any(x <= a and e <= y for x, y in programs):
            continue  # (inside a project's name: the firm heads it)
        grown[(s, e)] = (a, e)
    return _grown_firms(chosen, grown)


# What follows a list of firms from abroad: their investment, the place they invest in, their
# projects or the kind that closes the list (…和台湾长春化工|在常熟…增资扩产)
_ABROAD_FIRMS_FOLLOW_RE = re.compile(
    r"(?:增资|投资|扩产|追加|落户|落地|项目|工厂|基地|在|合作|等[^，。；：、]{0,8}?(?:企业|公司|集团|项目)"
    # (…、以色列海泽拉|和寿光蔬菜种业集团: the list goes on with a firm)
    r"|[和与及][^，。；：、]{2,12}?(?:集团|公司))"
)


def abroad_listed_firms(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """Firms listed by their home abroad and their names (日本大金、法国阿科玛、比利时苏威和
    台湾长春化工在…增资扩产; 香港理文造纸、德国博泽汽车部件增资项目落地; 韩国现代、日本住友等
    企业): two or more items, each a foreign country or Taiwan, Hong Kong, Macao and a name that
    is no place, word or industry (or a known firm's name that is also a word: 现代, 三星),
    the list followed by the firms' investment, place or projects. The names are the firms'
    (country_opened_firms names each with its home, as the report writes it)."""
    items: list[tuple[int, int]] = []  # (name start, name end), in text order
    for i, (a, b, _) in enumerate(tokens):
        if not _home_of_firm(text[a:b], lex):
            continue
        end = b
        for s, e, pos in tokens[i + 1 : i + 5]:
            word = text[s:e]
            if word in _NAME_CONJ or _is_boundary(text, (s, e, pos)) or pos[:1] == "p":
                break
            if pos[:1] == "v" and not lex.is_sector(word):
                break  # (理文|造纸/v: a trade)
            if e - b > 6 or _home_of_firm(word, lex):
                break
            if end - b >= 2 and pos == "ns" and lex.is_place(word):
                break  # 美国|辉瑞制药|大连|工厂: the firm's plant at a place
            end = e
        if end - b >= 2:
            items.append((b, end))
    # runs of items, each item's home one separator after the item before
    home_at = {b: a for a, b, _ in tokens}  # a home's start by its end (= its name's start)
    runs: list[list[tuple[int, int]]] = []
    for item in items:
        last = runs[-1][-1] if runs else None
        if last and home_at[item[0]] == last[1] + 1 and text[last[1]] in "、和与及":
            runs[-1].append(item)
        else:
            runs.append([item])
    place_end = {a: b for a, b, pos in tokens if pos == "ns" and lex.is_place(text[a:b])}

    def followed(end: int) -> bool:  # the firms' investment, projects, or a plant at a place
        return bool(
            _ABROAD_FIRMS_FOLLOW_RE.match(text, end)
            or (end in place_end and _ABROAD_FIRMS_FOLLOW_RE.match(text, place_end[end]))
        )

    word_at_end = {b: (text[a:b], pos) for a, b, pos in tokens}

    def after_firm(home: int) -> bool:  # 宁德时代|德国|图林根工厂: a firm's plant abroad
        word, pos = word_at_end.get(home, ("", ""))
        return word in lex.known_firms or pos == "nt"

    return [
        (s, e, COMPANY, "list")
        for run in runs
        if len(run) >= 2
        and followed(run[-1][1])
        and not after_firm(home_at[run[0][0]])
        and all(
            _abroad_firm_name(text[s:e], lex) or text[s:e] in lex.ambiguous_firms for s, e in run
        )
        for s, e in run
    ]


def _abroad_firm_name(name: str, lex: Lexicons) -> bool:
    """A firm's name after its home abroad: a brand or a name no dictionary knows (大金, 阿科玛),
    or a brand or place and its trade (理文|造纸, 长春|化工, 博泽|汽车部件); no place (纽约),
    industry (汽车) or ordinary word (企业, 青年)."""
    if lex.is_place(name) or lex.is_sector(name) or name in GENERIC_PLACES:
        return False
    if len(name) >= 4 and any(
        (lex.is_place(name[:k]) or brand_name(name[:k], lex)) and lex.is_sector(name[k:])
        for k in (2, 3)
    ):
        return True
    return _proper_name(name, lex) and not lex.word_freq(name) >= RARE_WORD_FREQ


def _grown_firms(
    chosen: Sequence[Cand], grown: dict[tuple[int, int], tuple[int, int]]
) -> list[Cand]:
    """`chosen` with the firms of `grown` (span → longer span) in their longer spans, and the
    places inside what a firm grew by dropped (they are inside its name)."""
    if not grown:
        return list(chosen)
    added = [(a, s) if a < s else (e, b) for (s, e), (a, b) in grown.items()]
    return [
        (*grown.get((s, e), (s, e)), label, src) if label == COMPANY else (s, e, label, src)
        for s, e, label, src in chosen
        if not (label == PLACE and any(x <= s and e <= y for x, y in added))
    ]


# Firm suffixes that end a registered name the model cuts before them (万泰|生物, 国博|电子)
_MODEL_CUT_SUFFIXES = frozenset(("生物", "科技", "电子", "光电", "半导体", "微电子", "股份"))


def suffixed_model_firms(
    text: str, chosen: Sequence[Cand], tokens: Sequence[Tok], lex: Lexicons
) -> list[Cand]:
    """`chosen` with each firm the model found followed by a firm suffix token of its name
    (万泰|生物|研发…) named with the suffix, unless a sector's or product's word follows (…|
    生物|医药, …|科技|园)."""
    by_start = {s: (e, p) for s, e, p in tokens}
    grown: dict[tuple[int, int], tuple[int, int]] = {}
    for s, e, label, src in chosen:
        if label != COMPANY or src != "model" or e not in by_start:
            continue
        end, _ = by_start[e]
        if text[e:end] not in _MODEL_CUT_SUFFIXES or any(
            a < end and e < b for a, b, *_ in chosen if (a, b) != (s, e)
        ):
            continue
        nxt = by_start.get(end)
        if nxt is not None and (nxt[1][:1] == "n" or lex.word_freq(text[e : nxt[0]])):
            # 华为|科技|园区, 万泰|生物|医药: a noun follows; 华为|科技|创新中心: the suffix
            # opens a longer word (科技创新)
            continue
        grown[(s, e)] = (s, end)
    return _grown_firms(chosen, grown)


# What follows a firm's name at the head of its project: a phase, or a product's model or size
# (粤芯半导体|三期, 天马|G6二期, 武汉新芯|12英寸扩产)
_PROJECT_AFTER_FIRM_RE = re.compile(r"[一二三四五六七八九十]期|[A-Za-z0-9]")


def _placed_suffixed_firm_len(project: str, lex: Lexicons) -> int:
    """Length of a firm that opens a project's name as a province's or city's name, a proper
    name no dictionary knows and a firm's suffix (江苏|鑫华|半导体|电子级多晶硅二期), the
    project going on after it; 0 if none."""
    p = _leading_place(project, lex)
    if not p:
        return 0
    for k in range(min(len(project) - 2, p + 8), p + 3, -1):
        suffix = _head_suffix(project[:k], COMPANY_SUFFIXES)
        core = project[p : k - len(suffix)] if suffix else ""
        if (
            2 <= len(core) <= 4
            and _CJK_NAME_RE.fullmatch(core)
            and rare_brand(core, lex)
            and not lex.is_place(core)
            and not lex.is_sector(core)
        ):
            return k
    return 0


def sibling_project_heads(
    text: str, chosen: Sequence[Cand], tokens: Sequence[Tok], lex: Lexicons
) -> list[Cand]:
    """Firms that open a project listed with projects that firms open (长信科技车载显示模组、
    启迪半导体|第三代半导体项目): a registered brand and its trade at the project's start, when
    no firm is found there and the other item of the pair in the clause's list opens with one."""
    firm_starts = {s for s, _, label, _ in chosen if label == COMPANY}
    programs = sorted((s, e) for s, e, label, _ in chosen if label == PROGRAM)
    by_start = {a: (b, p) for a, b, p in tokens}
    out: list[Cand] = []
    for (s1, e1), (s2, e2) in itertools.pairwise(programs):
        if text[e1:s2] not in ("、", "和", "与"):
            continue  # (two items of one list only)
        for (s, e), other in (((s2, e2), s1), ((s1, e1), s2)):
            if s in firm_starts or other not in firm_starts:
                continue
            k = _project_head_len(text, s, e, by_start, lex)
            if k and not any(s < a < s + k for a in firm_starts):
                out.append((s, s + k, COMPANY, "rules"))
                firm_starts.add(s)
    return out


def _project_head_len(
    text: str, s: int, e: int, by_start: dict[int, tuple[int, str]], lex: Lexicons
) -> int:
    """Length of the firm's name opening the project at s:e (`sibling_project_heads`), 0 if
    none: a brand and its trade (沃得|农机|智能收获机械), or only the brand when the dictionary
    knows it as a proper noun or a firm (彩虹/nz|光伏玻璃: the firm, then its product)."""
    if text.endswith(PROJECT_HEADS, s, e):
        return 0  # 松辽|电力外送通道: a public work, named after its places
    ends = {b for b, _ in by_start.values()}
    k = next(
        (
            k
            for k in (5, 4)
            if s + k < e
            and s + k in ends  # (景嘉微|高性|能: the name ends where a word ends)
            and _brand_and_trade(text[s : s + k], lex)
            and not text.endswith(PROJECT_HEADS, s, s + k)  # 北|沿江高铁: a railway
        ),
        0,
    )
    if not k:
        return 0
    brand_end, pos = by_start.get(s, (s, ""))
    if pos in ("nz", "nt") and brand_end - s in (2, 3):
        return brand_end - s
    for n in (3, 2):
        name = text[s : s + n]
        if s + n in ends and (name in lex.known_firms or name in lex.ambiguous_firms):
            return n
    return k


def firms_opening_projects(text: str, chosen: Sequence[Cand], lex: Lexicons) -> list[Cand]:
    """Firms that open a project's name right before its phase or a product's model (粤芯半导体|
    三期, 天马|G6二期): a firm suffix after a proper name, or a firm the lexicons know; none
    where a firm is already found inside the project."""
    firms = [(s, e) for s, e, label, _ in chosen if label == COMPANY]
    out: list[Cand] = []
    for s, e, label, _src in chosen:
        if label != PROGRAM or any(s <= a < e for a, _ in firms):
            continue
        m = _PROJECT_AFTER_FIRM_RE.search(text, s + 2, e)
        if m is None or m.start() - s > 6 or not _CJK_NAME_RE.fullmatch(text[s : m.start()]):
            k = _placed_suffixed_firm_len(text[s:e], lex)
            if k:  # 江苏|鑫华|半导体|电子级多晶硅二期: a firm by its place, name and suffix
                out.append((s, s + k, COMPANY, "rules"))
            continue
        name = text[s : m.start()]
        suffix = _head_suffix(name, COMPANY_SUFFIXES)
        if (
            name in lex.known_firms
            or name in lex.ambiguous_firms
            or (
                suffix
                and len(name) - len(suffix) >= 2
                and _proper_name(name[: -len(suffix)], lex)
                and not lex.is_place(name[: -len(suffix)])
                and name[: -len(suffix)] not in lex.concepts
            )
        ):
            out.append((s, m.start(), COMPANY, "rules"))
    return out


_COMPANY_WORD_RE = re.compile("有限责任公司|股份有限公司|有限公司|公司")
_LONG_CJK_NAME_RE = re.compile(r"[\u4e00-\u9fff]{4,16}")


def suffixed_firms_opening_projects(text: str, chosen: Sequence[Cand], lex: Lexicons) -> list[Cand]:
    """`chosen` with the firm a project opens with, named with 公司 (中车齐齐哈尔车辆公司|
    铁路货车智能工厂, 国华太仓发电公司|灵活性改造): the whole name up to 公司 a firm — a shorter
    firm found at its start grows to it, and places inside it are the firm's."""
    grown: dict[tuple[int, int], tuple[int, int]] = {}
    added: list[Cand] = []
    for s, e, label, _src in chosen:
        if label != PROGRAM:
            continue
        m = _COMPANY_WORD_RE.search(text, s + 2, min(e - 1, s + 16))
        if m is None:
            continue
        name, core = text[s : m.end()], text[s : m.start()]
        if (
            not _LONG_CJK_NAME_RE.fullmatch(name)
            or len(core) < 4
            or not _proper_name(core, lex)
            or core in lex.concepts
            or lex.is_place(core)
            or classify_org(name) != "company"
        ):
            continue
        if not any(
            core[:k] in lex.known_firms
            or (rare_brand(core[:k], lex) and _firm_name_alone(core[:k], lex))
            for k in (2, 3, 4)
        ):
            continue  # 融资平台|公司, 城投|公司: a kind of firm, not a name
        inside = [(a, b) for a, b, lab, _ in chosen if lab == COMPANY and s <= a and b <= m.end()]
        if any(b == m.end() for _, b in inside):
            continue  # (already found whole)
        at_start = [(a, b) for a, b in inside if a == s]
        if at_start:
            grown[at_start[0]] = (s, m.end())
        elif not inside:
            added.append((s, m.end(), COMPANY, "rules"))
    out = _grown_firms([*chosen, *added], grown)
    spans = [*grown.values(), *((a, b) for a, b, *_ in added)]
    return [c for c in out if c[2] != PLACE or not any(a <= c[0] and c[1] <= b for a, b in spans)]


def parent_named_subsidiaries(text: str, chosen: Sequence[Cand], lex: Lexicons) -> list[Cand]:
    """`chosen` with a known firm and the firm right after it (惠科|金渝光电) as one firm, the
    subsidiary named with its parent's brand, when the second is a name no dictionary knows and a
    firm suffix."""
    firms = sorted((s, e) for s, e, label, _ in chosen if label == COMPANY)
    by_start = dict(firms)
    grown: dict[tuple[int, int], tuple[int, int]] = {}
    dropped: set[tuple[int, int]] = set()
    for s, e in firms:
        b = by_start.get(e)
        if b is None or text[s:e] not in lex.known_firms:
            continue
        second = text[e:b]
        suffix = _head_suffix(second, COMPANY_SUFFIXES)
        name = second[: len(second) - len(suffix)] if suffix else ""
        if 2 <= len(name) <= 3 and not lex.word_freq(name) and not lex.is_place(name):
            grown[(s, e)] = (s, b)
            dropped.add((e, b))
    if not grown:
        return list(chosen)
    kept = [c for c in chosen if c[2] != COMPANY or (c[0], c[1]) not in dropped]
    return _grown_firms(kept, grown)


# A bank's branch at a place (江苏银行|常州分行, 国家开发银行|吉林省分行, 江苏银行|张家港支行)
_BANK_BRANCH_RE = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:分行|支行)")
# … and any firm's branch company at a place (中国人保财险|南通市|分公司, …|南通|中心支公司)
_BRANCH_COMPANY_RE = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:中心)?(?:分公司|支公司)")


def _branch_place(name: str, lex: Lexicons) -> bool:
    """A branch's place: one place, or a city and its county (浙商银行|台州温岭|支行)."""
    return lex.is_place(name) or any(
        lex.is_place(name[:k]) and lex.is_place(name[k:]) for k in range(2, len(name) - 1)
    )


def bank_branches(text: str, chosen: Sequence[Cand], lex: Lexicons) -> list[Cand]:
    """`chosen` with each bank named with its branch at a place (江苏银行|常州分行) as one
    firm, the longest name, as a firm's branch company is (…|常州分公司); the place inside it
    is no place of its own there."""
    grown: dict[tuple[int, int], tuple[int, int]] = {}
    for s, e, label, _src in chosen:
        m = _BANK_BRANCH_RE.match(text, e) if label == COMPANY else None
        if m and text[s:e].endswith("银行") and _branch_place(m.group(1), lex):
            grown[(s, e)] = (s, m.end())
        m = _BRANCH_COMPANY_RE.match(text, e) if label == COMPANY else None
        if m and _branch_place(m.group(1), lex):
            grown[(s, e)] = (s, m.end())
    return _grown_firms(chosen, grown)


# A foreign firm's name of two parts joined by a hyphen (克恩-里伯斯, 梅赛德斯-奔驰): the part
# after (or before) the one found, up to the item's end
_HYPHEN_AFTER_RE = re.compile(r"[-－‐]([\u4e00-\u9fff]{2,5})(?=[、，。；：和与及等（(]|$)")
_HYPHEN_BEFORE_RE = re.compile(r"(?:^|(?<=[、，。；：和与及]))([\u4e00-\u9fff]{2,5})[-－‐]$")


def hyphenated_firms(text: str, chosen: Sequence[Cand]) -> list[Cand]:
    """`chosen` with each firm one part of a hyphenated foreign name (克恩|-里伯斯) grown to the
    whole name, when the other part is the whole rest of the list item."""
    grown: dict[tuple[int, int], tuple[int, int]] = {}
    taken = {i for s, e, *_ in chosen for i in range(s, e)}
    for s, e, label, _src in chosen:
        if label != COMPANY:
            continue
        if m := _HYPHEN_AFTER_RE.match(text, e):
            if not taken & set(range(m.start(1), m.end(1))):
                grown[(s, e)] = (s, m.end(1))
        elif m := _HYPHEN_BEFORE_RE.search(text, max(0, s - 6), s):
            a = m.start(1)
            if not taken & set(range(a, s)):
                grown[(s, e)] = (a, e)
    return _grown_firms(chosen, grown)


# A firm's plant at a place: 光束汽车|张家港|工厂二期, …|常州|基地, 宁算科技|拉萨|数据中心
_PLACED_PLANT_RE = re.compile(
    r"([\u4e00-\u9fff]{2,4}?)(?=(?:工厂|基地|生产基地|产业园|研发中心|数据中心|智算中心))"
)


def placed_plant_firms(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """A name + a firm's suffix before a place and a plant of its own (光束|汽车|张家港|工厂):
    the firm, whose name alone may be a word (光束); not a sector (新能源|汽车|…) or a place's
    industry (张家港|汽车). Likewise a country and a name (韩国|晓星|江阴|基地)."""
    if not any(w in text for w in ("工厂", "基地", "产业园", "研发中心", "数据中心", "智算中心")):
        return []
    ends = {e for _, e, _ in tokens}
    out: list[Cand] = []
    for i, (s, e, _) in enumerate(tokens[:-1]):
        suffix = text[s:e]
        if suffix not in COMPANY_SUFFIXES or i == 0:
            continue
        ps, pe, ppos = tokens[i - 1]
        name = text[ps:pe]
        m = _PLACED_PLANT_RE.match(text, e)
        if (
            m is None
            or m.end() not in ends
            or not lex.is_place(m.group(1))
            or not (2 <= len(name) <= 4 and _CJK_NAME_RE.fullmatch(name))
            or ppos[:1] not in ("n", "j")
            or lex.is_place(name)
            or lex.is_sector(name)
            or name in lex.concepts
            or _head_suffix(name, COMPANY_SUFFIXES)
            or lex.word_freq(name) >= BRAND_MAX_FREQ
        ):
            continue
        out.append((ps, e, COMPANY, "suffix"))
    # a firm from abroad by its country and its name before its plant here (韩国|晓星|江阴|基地):
    # the country is part of the name a report writes
    for (cs, ce, _), (ns, ne, npos) in itertools.pairwise(tokens):
        if lex.place_kind(text[cs:ce]) != "country" or text[cs:ce] == "中国":
            continue
        name = text[ns:ne]
        m = _PLACED_PLANT_RE.match(text, ne)
        if (
            m is not None
            and m.end() in ends
            and lex.place_kind(m.group(1)) in _CITY_KINDS
            and 2 <= len(name) <= 4
            and _CJK_NAME_RE.fullmatch(name)
            and npos[:1] in ("n", "j")
            and not lex.is_place(name)
            and not lex.is_sector(name)
            and name not in lex.concepts
            and lex.word_freq(name) < BRAND_MAX_FREQ
        ):
            out.append((cs, ne, COMPANY, "suffix"))
    return out


# A country's firm by its Chinese name of sector words and 公司 (意大利|国家电力公司, 法国|电力公司)
_COUNTRY_COMPANY_RE = re.compile(
    r"([\u4e00-\u9fff]{2,6}?)公司(?![\u4e00-\u9fff]{0,2}(?:企业|合作))"
)


def contains_place(text: str, lex: Lexicons) -> bool:
    """Whether any two or more characters of `text` name a place (平安|威海, 国家电力: none)."""
    return any(
        lex.is_place(text[i:j]) for i in range(len(text)) for j in range(i + 2, len(text) + 1)
    )


def country_companies(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """A foreign country and a name of two to six characters + 公司 right after it (推动意大利
    国家电力公司、…): a firm named with its country, as 美国空气产品公司 is; not a kind of firm
    (美国|跨国公司, 日本|上市公司: the name holds no place and is no generic kind)."""
    if "公司" not in text:
        return []
    out: list[Cand] = []
    for a, b, _ in tokens:
        if lex.place_kind(text[a:b]) != "country" or text[a:b] == "中国":
            continue
        m = _COUNTRY_COMPANY_RE.match(text, b)
        if not m or _GENERIC_FIRM_KINDS_RE.search(m.group(1)):
            continue
        if contains_place(m.group(1), lex):
            continue
        out.append((a, m.end(), COMPANY, "rules"))
    return out


# Kinds of firm, not names (跨国公司, 上市公司, 外资公司, 子公司, 独资公司)
# … nor a count of firms (美国|两家公司, 日本|几个公司)
_GENERIC_FIRM_KINDS_RE = re.compile(
    r"跨国|上市|外资|合资|独资|子|分|控股|投资|贸易|相关|有关|些|[\d一二三四五六七八九十两几多数][家个]"
)


# A place's power-grid or supply company (贵州|电网公司, 惠州|供电局), a utility firm
_GRID_COMPANY_RE = re.compile(r"(?:省|市|县)?(?:(?:电网|电力|供电)(?:有限责任|有限)?公司|供电局)")


def grid_companies(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """A province's, city's or county's grid or power-supply company named by its place
    (贵州电网公司加快建设主网架, 余姚市供电公司): a utility, a firm (as 国网|浙江|电力 is)."""
    if "公司" not in text and "供电局" not in text:
        return []
    out: list[Cand] = []
    for i, (a, b, _) in enumerate(tokens):
        m = _GRID_COMPANY_RE.match(text, b)
        if not m or lex.place_kind(text[a:b]) not in _CITY_KINDS:
            continue
        if i and _CJK_NAME_RE.fullmatch(text[a - 1]) and tokens[i - 1][2][:1] not in ("v", "p"):
            continue  # (南方电网广东电网|惠州|供电局: a group's company, named with the group)
        out.append((a, m.end(), COMPANY, "rules"))
    return out


def rural_banks(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """A place's rural commercial bank by its short form, which the segmenter cuts (江南|农|
    商行, 常熟|农商行): the bank, named by the place or region before 农商行."""
    if "农商行" not in text:
        return []
    before = {e: (s, p) for s, e, p in tokens}
    ends = {e for _, e, _ in tokens}
    out: list[Cand] = []
    for m in re.finditer("农商行", text):
        prev = before.get(m.start())
        if m.end() not in ends or prev is None or m.start() - prev[0] < 2:
            continue
        if lex.is_place(text[prev[0] : m.start()]) or prev[1] == "ns":
            out.append((prev[0], m.end(), COMPANY, "suffix"))
    return out


def known_firm_names(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """Well-known firms by name (国家电网, 中国石化, 比亚迪), where the name is whole tokens and
    not the opening of a government body or an institution (中国银行|保险监督管理委员会)."""
    found = list(_firm_names(lex.known_firms).finditer(text))
    if not found:
        return []
    starts = {s for s, _, _ in tokens}
    token_at_end = {e: s for s, e, _ in tokens}
    ends = set(token_at_end)
    verbs = sorted(a for a, _, p in tokens if p == "v")
    out: list[Cand] = []
    for s, e in found:
        if s not in starts or (e not in ends and not _ends_in_fused_word(text, tokens, s, e, lex)):
            continue
        if text.startswith("群", e) and text[s:e].endswith(("港口", "港", "机场")):
            continue  # 河北港口|群: the ports of a province, a cluster, not the port group
        # the words that go on from the name, up to a particle (中国华能|等一批中央企业) or a
        # verb (国家能源集团|签署…: 署 ends a verb here, not a body's name)
        k = bisect.bisect_left(verbs, e)
        verb_at = verbs[k] if k < len(verbs) else len(text)
        tail = re.match(r"(?:(?![等和与及的在])[\u4e00-\u9fff]){1,10}", text[e:verb_at])
        if tail and (lex.is_place(tail.group()[:2]) or tail.group().startswith(FIRM_FACILITIES)):
            tail = None  # 华为|青浦研发中心: the firm's own facility at a place
        if (
            tail
            and any(
                tail.group()[:k].endswith(GOV_SUFFIXES + INSTITUTION_SUFFIXES)
                and not tail.group()[:k].endswith(FIRM_FACILITIES)  # 富士康|新事业总部
                and e + k in ends  # whole words: 长安汽车|零部件 holds no 部
                and tail.group()[:k] not in _DIRECTION_PARTS  # 中国电信|西部|算力中心: a region
                # …not a place's: 鸿海集团|烟台 is no station (台)
                and not lex.is_place(text[token_at_end[e + k] : e + k])
                for k in range(2, len(tail.group()) + 1)
            )
        ):
            continue  # the firm's name opens a body's: 中国银行|保险监督管理委员会
        # a joint venture named by its two parents (长安|马自达, 广汽|本田): one firm
        partner = text[s - 2 : s] if s >= 2 and s - 2 in starts else ""
        if text[s:e] in lex.foreign_firms and (
            partner in lex.known_firms or partner in lex.ambiguous_firms
        ):
            s -= 2  # (a Chinese firm's and a foreign one's; 江淮|华为 are two firms' project)
        end = _known_firm_end(text, s, e, lex, verb_at, ends)
        if end == e and text[s:e].isascii():
            # 韩国LG|显示、日本丰田: a Latin brand's firm by the brand and a word, as an item of a
            # list (the word, a verb elsewhere, names the firm's trade there)
            m = _LATIN_BRAND_FIRM_RE.match(text, e)
            if m and m.end(1) in ends and not lex.is_place(m.group(1)):
                end = m.end(1)
        out.append((s, end, COMPANY, "known"))
    return out


# 东部, 西部…: a part of a country, no ministry (部)
_DIRECTION_PARTS = frozenset(d + "部" for d in "东西南北中")
# After a Latin brand: two to four characters, then the list goes on (LG|显示、)
_LATIN_BRAND_FIRM_RE = re.compile(r"([\u4e00-\u9fff]{2,4})(?=[、和与])")


def _ends_in_fused_word(text: str, tokens: Sequence[Tok], s: int, e: int, lex: Lexicons) -> bool:
    """Whether a name from `s` ends at `e` inside a token that the segmenter fused from the
    name's last word and a word that follows it (中国|一汽红旗|品牌: 一汽 + 红旗), not inside a
    word the name only starts (高铁|建设 holds no 铁建)."""
    tok = next(((a, b) for a, b, _ in tokens if a < e < b), None)
    return (
        tok is not None
        and tok[0] > s
        and e - tok[0] >= 2
        and tok[1] - e >= 2
        and lex.word_freq(text[tok[0] : e]) > 0
        and lex.word_freq(text[e : tok[1]]) > 0
    )


# A capacity after a known firm that is also a word makes it the firm's project (大唐|700万吨
# 露天矿, 三峡|100万千瓦…).
_CAPACITY_RE = re.compile(r"\d+(?:\.\d+)?(?:万吨|万千瓦|千瓦|兆瓦|吨|万辆)")


def ambiguous_firm_projects(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """Known firms whose names are also words (大唐, 三峡, 中国建筑), where a capacity or a power
    plant follows them (华电|平江|电厂二期) or they are a party to an agreement (与中国建筑签约)."""
    out: list[Cand] = []
    capacity = _CAPACITY_RE.search(text) is not None
    plants = any(w in text for w in PLANT_ENDINGS)
    for s, e, _ in tokens if capacity or plants else ():
        if text[s:e] not in lex.ambiguous_firms:
            continue
        if (capacity and _CAPACITY_RE.match(text, e)) or (plants and _plant_at(text, e, lex)):
            out.append((s, e, COMPANY, "known"))
    parties = any(v in text for v in _PARTY_VERBS)
    for s, e in _firm_names(lex.ambiguous_firms).finditer(text) if parties else ():
        if not text.startswith(_PARTY_VERBS, e):
            continue
        clause = re.split(r"[，。；：！？\n]", text[max(0, s - 30) : s])[-1]
        if text[s - 1 : s] in ("与", "同") or (
            text[s - 1 : s] == "、" and ("与" in clause or "同" in clause)
        ):  # 与招商局集团、中国建筑签约: the last of the parties
            out.append((s, e, COMPANY, "known"))
    return out


def _plant_at(text: str, at: int, lex: Lexicons) -> bool:
    """Whether a power plant is named at `at`, after its place or not (华电|平江|电厂二期,
    大唐|风电)."""
    return text.startswith(PLANT_ENDINGS, at) or any(
        lex.is_place(text[at : at + p]) and text.startswith(PLANT_ENDINGS, at + p)
        for p in (2, 3, 4)
    )


# Verbs of an agreement after its party (与中国建筑|签约).
_PARTY_VERBS = ("签约", "签署", "签订", "达成", "开展合作", "深化合作", "战略合作", "合作")


def _ends_in_trade(name: str, lex: Lexicons) -> bool:
    """Whether a firm's name ends in a sector word of firm names (福耀玻璃, 华峰化工)."""
    return any(lex.is_sector(name[-k:]) for k in (2, 3) if len(name) > k)


# A firm's legal form: the name before it is the registered name (中国建筑第八工程局|有限公司)
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司")
# (no conjunction inside: 远东控股集团|及其|子公司 are the firm and its subsidiaries)
_BRANCH_RE = re.compile(r"(?:(?![及和与其])[\u4e00-\u9fff]){2,5}?(?:分公司|子公司)")
_HOST_BRACKET_RE = re.compile(r"[（(]([\u4e00-\u9fff]{2,8})[）)]")
_FORM_BRACKET_RE = re.compile(r"[（(](?:集团|控股|股份)[）)]")


def registered_place_starts(
    text: str, firms: Collection[tuple[int, int]], places: Collection[tuple[int, int]]
) -> list[Cand]:
    """A registered name in full opens with its province or city (江苏|长电科技股份有限公司,
    无锡市|国联发展（集团）有限公司, 湖南|长远锂科股份有限公司): a firm ending in a legal form
    takes the places right before it."""
    starts = {e: s for s, e in places}
    out: list[Cand] = []
    for s, e in firms:
        if not text[s:e].endswith(LEGAL_FORMS):
            continue
        a = s
        while a in starts and a - starts[a] <= 4:
            a = starts[a]  # a province and its city (浙江|义乌|…有限公司) both
        if a < s:
            out.append((a, e, COMPANY, "suffix"))
    return out


def bracketed_host_firms(
    text: str, firms: Collection[tuple[int, int]], lex: Lexicons
) -> list[Cand]:
    """A firm's name with its host place in brackets right after it, and the legal form that
    follows (雀巢（东莞）有限公司, 台塑工业（宁波）|丙烷脱氢项目): one registered name, when a
    legal form follows or the name ends in a firm's suffix."""
    out: list[Cand] = []
    for s, e in firms:
        # a group's registered name with its form in brackets (天津港（集团）有限公司, 宁波金田
        # 铜业（集团）股份有限公司), also where the firm's span ends inside them (…（集团)
        inner = _FORM_BRACKET_RE.match(text, e) or (
            _FORM_BRACKET_RE.match(text, e - 3) if e - s > 3 and text[e - 3] in "（(" else None
        )
        if inner:
            form = next((f for f in LEGAL_FORMS if text.startswith(f, inner.end())), "")
            if form:
                out.append((s, inner.end() + len(form), COMPANY, "suffix"))
                continue
        m = _HOST_BRACKET_RE.match(text, e)
        if not m or not (lex.is_place(m.group(1)) or foreign_name(m.group(1), lex)):
            continue
        form = next((f for f in LEGAL_FORMS if text.startswith(f, m.end())), "")
        if form or text[s:e].endswith(COMPANY_SUFFIXES):
            out.append((s, m.end() + len(form), COMPANY, "suffix"))
        # (中国移动（贵州）|数据中心: the site of a known firm's project, no registered name)
    return out


# What ends the name of a group's company at a place (延长石油榆林能化公司, 国网安徽电力)
SUBSIDIARY_SUFFIXES = (*STRONG_COMPANY_SUFFIXES, "电力", "能源", "化工", "油田", "供电局")


def _known_firm_end(text: str, s: int, e: int, lex: Lexicons, limit: int, ends: set[int]) -> int:
    """A known firm's name goes on with a firm suffix (华润|雪花啤酒) or with a sector word
    that ends the name (华润|微电子|12英寸产线), in whole words before `limit` (a verb:
    河钢|推进|钢铁行业 is the firm, then what it does). A name that ends in its trade already
    takes no second one (福耀玻璃|汽车配件: the firm, then its product)."""
    traded = _ends_in_trade(text[s:e], lex)
    form = next((f for f in LEGAL_FORMS if text.startswith(f, e) and e + len(f) in ends), "")
    if form:
        return e + len(form)  # 江西省交通投资集团|有限责任公司: the registered name in full
    branch = _BRANCH_RE.match(text, e, limit)
    if branch and branch.end() in ends:
        # 中国石化|镇海炼化|分公司: the firm's branch, by its own name
        return branch.end()
    # its company at a place: the place, then a name with a firm's suffix (延长石油|榆林|能化公司,
    # 国网|安徽|电力, 兖矿|榆林|未来能源); the place may be a province and its city (南方电网|广东|
    # 东莞|供电局)
    places = []  # lengths of the place, or of two places one after the other (广西南宁: a token)
    for q in (3, 2):
        if lex.is_place(text[e : e + q]):
            places += [q] if e + q in ends else []
            places += [
                q + r for r in (3, 2) if e + q + r in ends and lex.is_place(text[e + q : e + q + r])
            ]
    for p in sorted(places, reverse=True):
        for k in range(min(6, limit - e - p), 1, -1):
            rest = text[e + p : e + p + k]
            end = e + p + k
            if (
                end in ends
                and _CJK_NAME_RE.fullmatch(rest)
                and rest.endswith(SUBSIDIARY_SUFFIXES)
                # a sector word ends the name only where no noun goes on with it
                # (宁德时代|宜春|锂电新能源|产业基地: the firm's project)
                and (rest.endswith(STRONG_COMPANY_SUFFIXES) or end == limit or not
                     re.match(r"[\u4e00-\u9fff]", text[end : end + 1])
                     # 国网|浙江|电力|迎峰度夏: the suffix alone after the place, then no
                     # sector, plant or project of the firm's (…|靖边|能源|化工…园区)
                     or (rest in SUBSIDIARY_SUFFIXES and not text.startswith(
                         (*SECTOR_HEADS, *PLANT_NOUNS, *PROJECT_TAILS, *ZONE_WORDS), end)
                         and not any(lex.is_sector(text[end : end + m])
                                     and not _clause_word(text[end : end + m], lex)
                                     for m in (2, 3))))
            ):  # fmt: skip
                return end
    for k in range(min(6, limit - e), 1, -1):
        rest = text[e : e + k]
        if len(rest) < k or not _CJK_NAME_RE.fullmatch(rest) or e + k not in ends:
            continue
        suffix = next((x for x in STRONG_COMPANY_SUFFIXES if rest.endswith(x)), "")
        if suffix and k <= 5 and k - len(suffix) != 1 and rest[0] not in "与和及同等的":
            return e + k  # (吉林化纤|碳纤维: a material; 冀中能源|与华北制药: another firm;
            # 东阳光|等上市公司: a kind of firm after a list)
        after = text[e + k : e + k + 1]
        if not re.match(r"[\u4e00-\u9fff]", after) and any(
            rest[:i] in COMPANY_SUFFIXES and rest[i:] in COMPANY_SUFFIXES
            for i in range(2, len(rest) - 1)
        ):
            return e + k  # 菲亚特|动力科技、…: two firm suffixes end the item, its registered name
        if (
            not traded
            and lex.is_sector(rest)
            and lex.word_pos(rest) not in ("v", "vn")  # 京东方|建设: what is done, not a trade
            and not re.match(r"[\u4e00-\u9fff]", after)
        ):
            return e + k
    return e


TOWN_SUFFIXES = ("镇", "乡", "村", "街道", "苏木", "嘎查")
# Kinds of park that a name of their own opens, place or not (大飞机创新谷, 市北高新园, 联影小镇)
PARK_SUFFIXES = (
    "创新谷", "智慧谷", "创谷", "汽车城", "航天城", "教育城", "软件园", "创新园", "高新园",
    "信息园", "物流园", "汽车园", "小镇",
    # valleys of an industry, as parks are named (济南药谷, 松湖智谷, 东方美谷, 中国光谷)
    "药谷", "智谷", "美谷", "光谷", "眼谷", "钛谷", "蓝谷", "金谷", "声谷", "芯谷", "氢谷", "车谷",
    "软件谷", "医药谷", "机器人谷", "健康谷",
)  # fmt: skip
# … and the zone words after which such a name also makes a place (吴淞创新城, 南大智慧城)
_NAMED_PARK_SUFFIXES = (
    *PARK_SUFFIXES,
    "科学城",
    "创新城",
    "智慧城",
    "科技城",
    "大学城",
    "科技园",
    "产业园",
)
# What opens a kind of park, not a name (国际汽车城, 现代农业产业园, 特色小镇)
_PARK_KIND_OPENINGS = (
    *GENERIC_MODIFIERS, "国际", "现代", "特色", "专业", "未来", "智慧", "数字", "绿色", "科技",
    "科学", "创新", "生态", "文化", "农业", "工业", "产业", "大学", "中小", "高新", "物流",
)  # fmt: skip
# one-character abbreviations of provinces and of their capitals that fuse into zone names
PROVINCE_ABBREVIATIONS_ZONE = frozenset(
    "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔滇藏陕甘青宁港澳台穗深广清济青烟威潍"
)
# Kinds of zones that name themselves after a place (文创产业集聚区 is a kind of area, 皖北承接
# 产业转移集聚区 a zone): the model's span needs a place at its start.
PLACED_ZONE_SUFFIXES = ("集聚区", "协同发展区", "联动发展区", "融合发展区")
ZONE_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        (
            "都市圈", "经济圈", "城市群", "示范区", "先导区", "片区", "老区", "国家公园", "产业城",
            "开放枢纽",  # 虹桥国际开放枢纽: a region named as a hub of the opening-up strategy
            "走廊", "农综区", "农高区", "产业园", "新区", "自贸港", "自贸区", "经开区", "高新区",
            "合作区", "保税区", "开发区", "组团", "新城", "地区", "经济带", "湾区", "自创区",
            "园区", "工业区", "工业园区", "物流园区", "产业园区", "科技园区", "工业园", "经济区",
            "特别合作区", "试验区", "实验区", "功能区", "综保区", "科学城", "科技城", "智慧城",
            "创新城", "中心区", "新片区", "港务区",
            "产业带", "创新带", "科技创新带", "文化产业带", "旅游度假区", "大都市圈", "城市圈",
            "大学城", "高教园", "商务区", "科技园", "国际旅游岛", "科创城", "化工区", "石化区",
            "城镇群", "管理区", "城市带", "自然保护区", "地质公园", "森林公园", "湿地公园",
            "创新区", "科创区", "生态城", "示范带",
            # 海沧保税港区, 光谷生物城, 西丽湖国际科教城, 九龙山数字城, 国际低碳城, 翔安产业区,
            # kinds of zones as planned and named
            "保税港区", "生物城", "科教城", "数字城", "低碳城", "产业区",
            "经济特区",  # 深圳经济特区
            "经济技术开发区",  # (the segmenter's 经济|技术开发区 holds no zone word of its own)
            # 皖北承接产业转移集聚区, 闽西南协同发展区, 集美台商投资区, 元洪投资区: zones as
            # planned
            *PLACED_ZONE_SUFFIXES, "投资区",
            "城市副中心",  # 北京城市副中心: a city's planned sub-centre, named by the city
            *PARK_SUFFIXES,
        ),
        key=lambda z: (-len(z), z),
    )
)  # fmt: skip
NATURAL_SUFFIXES = (
    "岛", "湾", "河", "江", "湖", "山", "峰", "岭", "峡", "泉", "湿地", "草原", "海", "半岛",
    "群岛", "水库", "盆地", "平原", "高原", "沙漠", "三角洲", "流域", "屿", "礁", "澳",
    "淖尔", "诺尔",  # Mongolian for a lake (查干淖尔, 达里诺尔)
)  # fmt: skip


# Characters of Chinese transliterations of foreign names (伊尔库茨克, 乌兰乌德, 符拉迪沃斯托克).
TRANSLITERATION_CHARS = frozenset(
    "阿埃艾爱安奥巴拜班邦保贝本比彼波伯博布查达戴丹道德迪蒂杜多厄俄恩尔法菲芬丰弗福伏盖甘冈戈"
    "格贡古瓜圭哈海汉豪赫亨胡霍基吉加杰金喀卡凯坎科克肯库夸奎拉莱兰朗劳勒雷里利莉连林琳卢鲁"
    "路伦罗洛马迈曼芒梅门蒙米密明莫姆穆纳奈南内尼宁纽努诺帕潘佩彭皮普奇齐恰乔切钦琴萨塞桑瑟森"
    "沙圣施什斯松苏索塔泰坦汤特提图托瓦旺威韦维温沃乌西希锡夏谢辛休雅亚扬耶伊因英尤约泽扎詹兹"
    "茨次"
)


def foreign_name(name: str, lex: Lexicons) -> bool:
    """A transliterated foreign name (the model reads it as a place): every character a
    transliteration character, three or more of them, unknown to the general dictionary."""
    return (
        len(name) >= 3
        and all(ch in TRANSLITERATION_CHARS for ch in name)
        and lex.word_freq(name) == 0
    )


_ITEM_STOP = "，。；：！？、“”（）《》\n"


def _item_bounds(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The 、-list item (start, end) whose start is `s`, if `s` opens an item of a list."""
    b = e
    while b < len(text) and b - s <= 12 and text[b] not in _ITEM_STOP:
        b += 1
    if text[s - 1 : s] == "、" or text[b : b + 1] == "、":
        return s, b
    return None


_GOVERNING_WORDS = tuple(sorted(GOVERNING))


def _with_zone_word(text: str, s: int, e: int, b: int, pos: dict[int, str]) -> tuple[int, int]:
    """A listed name with the zone word that closes its item (杨凌|示范区, 左右江|革命|老区):
    the zone's name, which the spec takes whole; the name alone otherwise."""
    for m in ZONE_RE.finditer(text, e, b):
        if m.group() == "地区":
            continue  # (…地区: a region around the place, which the place names)
        if "等" in text[e : m.start()]:
            break  # 横林|等片区: the kind of the list's places, not the name's zone word
        if pos.get(e, "")[:1] == "v" and text.startswith(_GOVERNING_WORDS, e):
            break  # 鼓楼|建设|高端服务业集聚区: the clause's verb, then what the places build
        if m.end() == b or pos.get(m.end(), "")[:1] == "v":
            return s, m.end()
    return s, e


def coordinated_places(
    text: str,
    pending: Sequence[tuple[int, int]],
    cands: Sequence[Cand],
    lex: Lexicons,
    tokens: Sequence[Tok] = (),
) -> list[tuple[int, int]]:
    """Names that open an item of a 、-list whose neighbouring item opens with a place:
    宝山、金山, 博山猕猴桃、平邑金银花 (the model or the gazetteer alone is unsure of them)."""
    if not pending or "、" not in text:
        return []
    place_starts = {s for s, _, label, _ in cands if label == PLACE}
    # where an item may open: after a list mark or punctuation, a verb (建设|米山) or a place
    openings = {e for _, e, p in tokens if p[:1] == "v"}
    openings |= {i + 1 for i, ch in enumerate(text) if ch in _ITEM_STOP}
    openings |= {e for _, e, label, _ in cands if label == PLACE}  # 云浮|罗定
    openings.add(0)
    pos = {s: p for s, _, p in tokens}
    out: list[tuple[int, int]] = []
    changed = True
    todo = sorted(set(pending))
    while changed:  # a chain of unsure names beside one sure place (桃浦、吴泾、高桥、宝山)
        changed = False
        for s, e in list(todo):
            name = text[s:e]
            if (
                not 2 <= len(name) <= 3
                or not _CJK_NAME_RE.fullmatch(name)
                or "等" in name
                or s not in openings
                or name.endswith(tuple(PEOPLE_TAILS))
            ):  # (南大|智慧城: not an item's start; 港澳同胞: people; 引洮济合: works)
                todo.remove((s, e))
                continue
            if (
                name in GENERIC_PLACES
                or name in lex.concepts
                or lex.word_freq(name) >= 3000
                or any(lex.is_place(name[:k]) for k in range(2, len(name)))
                # 通达|德国、波兰: a verb before a country, which no place of ours holds
                or any(lex.place_kind(text[e : e + k]) == "country" for k in range(2, 6))
            ):  # (盐田虾: a place's product; the place is found on its own)
                todo.remove((s, e))
                continue
            bounds = _item_bounds(text, s, e)
            if bounds is None:
                todo.remove((s, e))
                continue
            a, b = bounds
            nxt = b + 1 if b < len(text) and text[b] == "、" else None
            prev = None
            if a and text[a - 1] == "、":
                k = a - 1
                while k > 0 and a - k <= 13 and text[k - 1] not in _ITEM_STOP:
                    k -= 1
                prev = k
            # the list's first item may open with a verb (加快|宝山、金山)
            if (nxt is not None and nxt in place_starts) or (
                prev is not None and any(prev <= p < a - 1 for p in place_starts)
            ):
                out.append(_with_zone_word(text, s, e, b, pos))
                place_starts.add(s)
                todo.remove((s, e))
                changed = True
    return out


_LIST_ITEM_RE = re.compile(r"(?<=、)[\u4e00-\u9fff]{2,4}(?=、)")
_LONG_LIST_ITEM_RE = re.compile(r"(?<=、)[\u4e00-\u9fff]{5,6}(?=、)")
_AND_ITEM_RE = re.compile(r"(?<=、)[\u4e00-\u9fff]{2,4}?(?=[和与及])")
_DIVISION_KINDS = frozenset(("county", "prefecture"))
_SIBLING_WATERS = "河江湖海溪"


def sibling_places(text: str, cands: Sequence[Cand], lex: Lexicons) -> list[tuple[int, int]]:
    """Inner items of a 、-list, between places of their own kind, that the gazetteer and the
    dictionary leave out: a county's short name that is also a word (文昌、琼海、东方、澄迈 —
    东方市), a river or lake beside rivers (黄垒河、母猪河、米山河)."""
    if "、" not in text:
        return []
    places = {(s, e) for s, e, label, _ in cands if label == PLACE}
    starts = {s for s, _ in places}
    ends = {e for _, e in places}
    covered = {i for s, e, *_ in cands for i in range(s, e)}
    out: list[tuple[int, int]] = []
    for m in _LIST_ITEM_RE.finditer(text):
        s, e = m.span()
        name = m.group()
        if covered & set(range(s, e)) or name in GENERIC_PLACES or name in lex.concepts:
            continue
        before = next((a for a in range(s - 2, max(s - 8, -1), -1) if (a, s - 1) in places), None)
        after = next((b for b in range(e + 3, min(e + 9, len(text) + 1)) if (e + 1, b) in places),
                     None)  # fmt: skip
        if before is None or after is None or s - 1 not in ends or e + 1 not in starts:
            continue
        sides = (text[before : s - 1], text[e + 1 : after])
        if _division_sibling(name, sides, lex) or _water_sibling(name, sides, lex):
            out.append((s, e))
    # the list's last item, a river or lake after rivers or lakes (黄垒河、母猪河|地下水系)
    for m in _LAST_WATER_RE.finditer(text):
        s, e = m.span(1)
        before = next((a for a in range(s - 2, max(s - 8, -1), -1) if (a, s - 1) in places), None)
        if before is None or covered & set(range(s, e)):
            continue
        if _water_sibling(m.group(1), (text[before : s - 1],), lex):
            out.append((s, e))
    # the last item of a list of places its count closes (横琴、前海、南沙、河套|四大平台): a
    # name like theirs, whatever the dictionary reads
    for m in _COUNTED_LIST_RE.finditer(text):
        items = m.group(1).split("、")
        if len(items) != _COUNTS.get(m.group(2), 0):
            continue
        at, spans = m.start(1), []
        for item in items:
            spans.append((at, at + len(item)))
            at += len(item) + 1
        s, e = spans[-1]
        first_end = spans[0][1]  # (the first item opens where a place does: 落实|横琴)
        if (
            any(b == first_end and a >= spans[0][0] for a, b in places)
            and all(span in places for span in spans[1:-1])
            and not covered & set(range(s, e))
            and text[s:e] not in GENERIC_PLACES
            and text[s:e] not in lex.concepts
            and lex.word_freq(text[s:e]) < 1000  # (not a common word: 新兴, 重点)
        ):
            out.append((s, e))
    return out


# A 、-list closed by its count (横琴、前海、南沙、河套|四大平台, …|三个片区)
_COUNTS = {c: k for k, c in enumerate("两三四五六七八九", start=2)} | {"二": 2, "十": 10}
_COUNTED_LIST_RE = re.compile(
    r"((?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4}?)([二两三四五六七八九十])(?:大|个)"
)


def _place_trade(name: str, lex: Lexicons) -> bool:
    """Four characters: a place and a trade — a sector word, a noun or an abbreviation of
    trades (洛阳|轴承, 皖北|煤电): a local firm's name among firms."""
    trade = name[2:]
    return (
        lex.is_place(name[:2])
        and (lex.is_sector(trade) or lex.word_pos(trade)[:1] in ("n", "j"))
        and not name.endswith(STATE_MEDIA_ENDINGS)  # 湖南|广电: the province's broadcaster
    )


def sibling_firms(
    text: str, tokens: Sequence[Tok], cands: Sequence[Cand], lex: Lexicons
) -> list[tuple[int, int]]:
    """Items of a 、-list among firms that are registered brands or names no dictionary knows
    (and the other firm of a pair joined by 和, `_and_named_firms`):
    an inner item between two firms (江铃、昌河、赣锋锂业: 昌河 ends like a river's name), or the
    last item after two firms, followed by a verb (沙钢、中天钢铁、永钢|加快…), where a city's
    name + a trade also names a firm (洛阳钼业、中原银行、洛阳轴承|实现…)."""
    firms = {(s, e) for s, e, label, _ in cands if label == COMPANY}
    if not firms:
        return []
    anded = _and_named_firms(text, tokens, cands, lex)  # (苏宁易购和|孩子王: no list)
    if "、" not in text:
        return anded
    pairs = _paired_brands(text, tokens, firms, lex) + anded
    if len(firms) < 2:
        return pairs  # (every reading below needs two firms in a 、-list)
    ends = {e for _, e in firms}
    starts = {s for s, _ in firms}
    covered = {i for s, e, *_ in cands for i in range(s, e)}
    verb_at = {a for a, _, p in tokens if p[:1] == "v"} | {
        m.start() for m in re.finditer("等", text)
    }
    spans = [m.span() for m in _LIST_ITEM_RE.finditer(text) if m.start() - 1 in ends]
    long_items = [m.span() for m in _LONG_LIST_ITEM_RE.finditer(text) if m.start() - 1 in ends]
    named = {i for s, e, label, _ in cands if label != PLACE for i in range(s, e)}
    spans = [(s, e) for s, e in spans if e + 1 in starts]
    place_firms: list[tuple[int, int]] = []
    for m in re.finditer(r"(?<=、)[\u4e00-\u9fff]{2,4}", text):
        s = m.start()
        before = next((a for a, b in firms if b == s - 1), None)
        ends_at = range(m.end(), m.end() - 3, -1)
        e = next((e for e in ends_at if e in verb_at and e - s >= 2), None)
        if before is None or e is None or text[before - 1 : before] != "、":
            continue
        if not any(b == before - 1 for _, b in firms):
            continue  # two firms before it
        if e - s == 4:  # 洛阳钼业、中原银行、洛阳|轴承: a city's firm by its place and trade,
            # or a name as the items between firms are (东软集团、华信计算机、文思海辉|做强)
            if _place_trade(text[s:e], lex) or _inner_firm_item(text[s:e], covered, s, e, lex):
                place_firms.append((s, e))
        else:
            spans.append((s, e))
    # the first item before two firms, opening the clause or after its verb: a province's firm
    # (山西焦煤、晋能控股、山西建投), a brand and its trade (兴澄|特钢、华西集团、三房巷集团), or a
    # registered brand no dictionary knows (埃斯顿、康尼机电、国博电子)
    verb_ends = {b for _, b, p in tokens if p[:1] == "v"}
    for m in re.finditer("、", text):
        e = m.start()
        after = next((b for a, b in firms if a == e + 1), None)
        if after is None or not any(a == after + 1 for a, _ in firms) or text[after] != "、":
            continue
        # the item opens the clause or follows its verb (推动|卓胜微、…): the longest such
        s = next(
            (
                e - k
                for k in (4, 3, 2)
                if e - k >= 0
                and _CJK_NAME_RE.fullmatch(text[e - k : e])
                and (e - k == 0 or text[e - k - 1] in "，。；：" or e - k in verb_ends)
                # (做|优阿里: the known firm 阿里 ends the item, after a word of praise)
                and not any(
                    text[e - j : e] in lex.known_firms or text[e - j : e] in lex.ambiguous_firms
                    for j in range(2, k)
                )
            ),
            None,
        )
        if s is None:
            continue
        name = text[s:e]
        if (
            _place_trade(name, lex) or _brand_and_trade(name, lex)
            if len(name) == 4
            else (rare_brand(name, lex) or _unknown_short_name(name, lex))
            and not lex.word_freq(name)
        ):
            place_firms.append((s, e))
    out: list[tuple[int, int]] = list(place_firms) + pairs
    out += [(s, e) for s, e in spans if _inner_firm_item(text[s:e], covered, s, e, lex)]

    # two or three such names in a row between two firms (SK海力士、融科储能、大连光洋、大连
    # 獐子岛集团): each of them a firm's name
    items = [m.span() for m in _LIST_ITEM_RE.finditer(text)]
    # …and the last such name, joined to the firm after it by 和 (波司登、好孩子、雅迪|和|红豆集团)
    items += [
        m.span()
        for m in _AND_ITEM_RE.finditer(text)
        if m.start() - 1 in ends or m.end() + 1 in starts
    ]
    items.sort()
    for i in range(len(items)):
        for j in (i, i + 1, i + 2):
            run = items[i : j + 1]
            if j == i and text[run[0][1] : run[0][1] + 1] == "、":
                continue  # (one name between two firms: above)
            if (
                len(run) == j - i + 1
                and all(b[0] == a[1] + 1 for a, b in itertools.pairwise(run))
                and run[0][0] - 1 in ends
                and run[-1][1] + 1 in starts
                and not any(span in firms for span in run)
                and all(_inner_firm_item(text[a:b], covered, a, b, lex) for a, b in run)
            ):
                out += run
    # a longer name between two firms, a group's unit or a name with its place or group
    # before it (中车浦镇、中国电子熊猫、苏美达); places inside it are the firm's
    for s, e in long_items:
        name = text[s:e]
        if e + 1 not in starts or named & set(range(s, e)) or lex.is_place(name):
            continue
        if not lex.is_sector(name) and any(
            rare_brand(name[:k], lex) and _firm_name_alone(name[k:], lex) for k in (2, 3, 4)
        ):
            out.append((s, e))
    bounds = {a for a, _, _ in tokens} | {b for _, b, _ in tokens}
    out += [
        (s, e)
        for s, e in _known_among_firms(text, firms, covered, lex)
        if s in bounds and e in bounds  # 苹果|园: not a whole word
    ]
    return out


_CLAUSE_SPLIT_RE = re.compile(r"[^，。；：！？,;:!?]+")
# A list closed by a kind of industry, zone or base, not of firms
_KINDS_AFTER_LIST_RE = re.compile(
    r"等[^，。；、]{0,10}?(?:产业|集群|行业|领域|基地|园区|产业园|板块|赛道|品牌)"
)


def firm_list_items(
    text: str, tokens: Sequence[Tok], cands: Sequence[Cand], lex: Lexicons
) -> list[tuple[int, int]]:
    """The other items of a clause's 、-list (its last item joined by 和/与/及) when at least two
    items and half of them are firms already: each name-like item a firm too (中车唐山公司、唐山
    百川智能、开元机器人和唐山松下|建设…; 燕山钢铁、九江线材、迁安轧一钢铁|实施…). The first item
    starts after the clause's verbs; the last ends before its verb or 等."""
    firms = {(s, e) for s, e, label, _ in cands if label == COMPANY}
    if "、" not in text or not firms:
        return []
    verb_starts = {a for a, _, p in tokens if p[:1] in ("v", "p")}
    verb_ends = {b for _, b, p in tokens if p[:1] in ("v", "p")}
    conj = {a for a, b, p in tokens if text[a:b] in _NAME_CONJ}
    starts = {a for a, _, _ in tokens}
    out: list[tuple[int, int]] = []
    for clause in _CLAUSE_SPLIT_RE.finditer(text):
        if "、" not in clause.group():
            continue
        c0 = clause.start()
        bounds: list[tuple[int, int]] = []
        at = c0
        for part in clause.group().split("、"):
            bounds.append((at, at + len(part)))
            at += len(part) + 1
        # the first item after the clause's verbs; the last one split at 和 and cut at a verb
        a0, b0 = bounds[0]
        a0 = max([b for b in verb_ends if a0 < b < b0 - 1] or [a0])
        bounds[0] = (a0, b0)
        a, b = bounds[-1]
        end = next(
            (i for i in range(a + 2, b + 1) if i in verb_starts or text[i : i + 1] == "等"), None
        )
        if end is None:
            # 永利实业|做强/n…: a verb the tagger missed; a firm opening the last item ends it
            end = max((y for x, y in firms if x == a and y < b), default=None)
        if end is None:
            continue  # (no verb after the list: not a clause's subject or object)
        if _KINDS_AFTER_LIST_RE.match(text, end):
            continue  # 苏州纳米新材料、无锡物联网…等先进制造业集群: places' industries
        firms_closing = _LIST_CLOSED_BY_FIRMS_RE.match(text, end) is not None
        cut = next((i for i in range(a + 2, end) if i in conj and i + 3 <= end), None)
        bounds[-1:] = [(a, cut), (cut + 1, end)] if cut is not None else [(a, end)]
        items = [(x, y) for x, y in bounds if y - x >= 2]
        # a place, then a firm found in the item's rest (唐山|百川智能): the firm by its place
        placed = {
            (x, y)
            for x, y in items
            if (p := _leading_place(text[x:y], lex))
            and (x + p, y) in firms
            and text[x + p : y] not in lex.known_firms
        }
        found = [
            span for span in items
            if span in firms or span in placed or _placed_firm_name(text[slice(*span)], lex)
        ]  # fmt: skip
        # a known firm's name that is also a word, among firms (京东、顺丰、传化物流|在…布局)
        brands = [
            (x, y)
            for x, y in items
            if (x, y) not in firms
            and text[x:y] in lex.ambiguous_firms
            and not lex.is_place(text[x:y])
            and x in starts
            and y in starts | {len(text)}
        ]
        if found and brands and (len(found) + len(brands)) * 2 >= len(items) > 2:
            found += brands
            out += brands
        # a province's firm by its name and a two-character trade, among firms (晋能控股、山西|
        # 焦煤|建设…): how a province's state groups are named
        provincial = [
            (x, y)
            for x, y in items
            if (x, y) not in firms
            and y - x == 4
            and x in starts
            and lex.place_kind(text[x : x + 2]) == "province"
            and _place_and_word(text[x:y], lex)
            and classify_org(text[x:y]) in ("company", "unknown")  # (not 山西大学)
        ]
        if found and provincial and (len(found) + len(provincial)) * 2 >= len(items):
            found += provincial
            out += provincial
        if len(found) < 2:
            continue
        # fewer than half found, but every other item a firm's name too (利欧集团、钱江摩托、
        # 大元泵业、爱仕达、万邦德营业|收入…): a list of firms all the same (the last item, cut
        # at a verb, may hold more than the name)
        if len(found) * 2 < len(items) and not all(
            span in found or (span[0] in starts and _listed_firm_name(text[slice(*span)], lex))
            for span in items[:-1]
        ):
            continue
        out += sorted(placed)
        for x, y in items:
            if (x, y) in firms or (x, y) in placed or x not in starts or y - x > 8:
                continue
            if any(c[0] < y and x < c[1] and not (c[2] == PLACE and x <= c[0] and c[1] <= y)
                   for c in cands):  # fmt: skip
                continue  # (another entity there, not a place inside the name)
            if (
                _listed_firm_name(text[x:y], lex)
                or (len(found) * 3 >= len(items) * 2 and _word_and_rare_trade(text[x:y], lex))
                or (firms_closing and _word_and_firm_suffix(text[x:y], lex))
            ):
                out.append((x, y))
    return out


# What closes a list of firms by their kind (新和成、联盟化工、山东海化|等企业, …|等配套企业)
_LIST_CLOSED_BY_FIRMS_RE = re.compile(r"等(?:[\u4e00-\u9fff]{0,4}?)(?:企业|公司)")


def _word_and_firm_suffix(name: str, lex: Lexicons) -> bool:
    """A noun and a firm suffix (联盟|化工), in a list closed by its firms' kind: a firm whose
    brand is a common word — not a sector (精细|化工: an adjective's kind of trade)."""
    head = name[: len(name) - len(_head_suffix(name, COMPANY_SUFFIXES))]
    return (
        2 <= len(head) <= 3
        and len(name) > len(head)
        and _CJK_NAME_RE.fullmatch(name) is not None
        and lex.word_pos(head)[:1] in ("n", "j")
        and not lex.is_place(head)
        and not lex.is_sector(head)
        and not lex.is_sector(name)
        and head not in GENERIC_GROUPS
        and not lex.word_freq(name)
        and classify_org(name) in ("company", "unknown")
    )


def _word_and_rare_trade(name: str, lex: Lexicons) -> bool:
    """A word and a rare trade (东方|钽业), in a list of mostly firms: a firm's name whose brand
    is a common word — not a place's trade nor a sector (高端|化工: a common trade)."""
    head = name[:-2]
    return (
        _rare_trade(name[-2:], lex)
        and len(head) == 2
        and _CJK_NAME_RE.fullmatch(name) is not None
        and not lex.is_place(head)
        and not lex.is_sector(head)
        and head not in GENERIC_GROUPS
        and classify_org(name) in ("company", "unknown")
    )


def _listed_firm_name(name: str, lex: Lexicons) -> bool:
    """Whether a list item among firms is a firm's name: a name the items between firms may be
    (`_inner_firm_item`), or a city's or county's name before one, or a name and a firm suffix."""
    if not _CJK_NAME_RE.fullmatch(name) or lex.is_place(name) or name in lex.concepts:
        return False
    if lex.is_sector(name) or classify_org(name) in ("government", "institution", "generic"):
        return False
    if name.endswith(("企业", "公司")) and len(name) <= 4:
        return False  # 龙头企业, 国有公司: kinds of firm
    q = next((k for k in range(min(4, len(name) - 2), 1, -1) if lex.is_place(name[:k])), 0)
    rest = name[q:]
    if (
        q
        and _trade_words(rest, lex)
        and not (_unknown_name(rest, lex) or rare_brand(rest, lex) or rest in lex.ambiguous_firms)
    ):
        return False  # 中国|制造, 无锡|物联网: a place's industry or a slogan, no firm
    if _inner_firm_item(name, set(), 0, 0, lex) and not lex.word_freq(name) > BRAND_MAX_FREQ:
        return True
    if _brand_and_trade(name, lex):
        return True  # 开元|机器人: a registered brand and its trade
    p = _leading_place(name, lex)
    rest = name[p:]
    if p and (_trade_words(rest, lex) and not _unknown_name(rest, lex)):
        return False  # 无锡|物联网, 常州|新型碳材料: a place's industry
    return (
        bool(p)
        and len(rest) >= 2
        and (
            _inner_firm_item(rest, set(), 0, 0, lex)
            or _brand_and_trade(rest, lex)
            or _unknown_name(rest, lex)
        )
    )


def _and_named_firms(
    text: str, tokens: Sequence[Tok], cands: Sequence[Cand], lex: Lexicons
) -> list[tuple[int, int]]:
    """A firm, 和 and a short name no dictionary knows right before the pair's verb (苏宁易购和|
    孩子王|发展, …钢铁有限公司和|东轻|完成…): the other firm of the pair."""
    if "和" not in text and "与" not in text:
        return []
    ends = {e for s, e, label, _ in cands if label == COMPANY}
    covered = {i for s, e, *_ in cands for i in range(s, e)}
    verbs = {a for a, _, p in tokens if p[:1] == "v"}
    out = []
    for at in ends:
        if text[at : at + 1] not in ("和", "与"):
            continue
        for k in (2, 3):
            s, e = at + 1, at + 1 + k
            name = text[s:e]
            if e not in verbs or covered & set(range(s, e)) or not _CJK_NAME_RE.fullmatch(name):
                continue
            if lex.word_freq(name) < 50 and _inner_firm_item(name, covered, s, e, lex):
                out.append((s, e))
                break
    return out


def _inner_firm_item(name: str, covered: Collection[int], s: int, e: int, lex: Lexicons) -> bool:
    """Whether an item of a 、-list between firms, at s..e, is a firm's name: a province's
    firm by its place (陕西煤业、陕西有色、陕西建工), a central firm's short name (中国|一冶),
    a registered brand or a name no dictionary knows — not a place, a concept or a sector."""
    if _place_and_word(name, lex) and not lex.is_place(name):
        return True
    if name.startswith("中国") and _unknown_short_name(name[2:], lex):
        return True
    if covered & set(range(s, e)) or lex.is_place(name) or name in lex.concepts:
        return False
    if lex.is_sector(name):
        return False
    return rare_brand(name, lex) or _firm_name_alone(name, lex)


def _paired_brands(
    text: str, tokens: Sequence[Tok], firms: Collection[tuple[int, int]], lex: Lexicons
) -> list[tuple[int, int]]:
    """A registered brand and its trade, four characters, joined by 、 to a firm as the other
    item of the clause's pair (洪都航空、昌河|飞机|发展…; 推动|金力|永磁、富尔特电子在…); so
    also a name no dictionary knows and its trade (明阳智能、康方|生物) and a province's or
    city's brand (湖北能源集团、湖北|中烟|做强)."""
    starts = {s for s, _ in firms}
    ends = {e for _, e in firms}
    opens = {b for _, b, p in tokens if p[:1] in ("v", "p")}  # after a verb or a preposition
    closes = {
        a
        for a, b, p in tokens
        # (唐山德生|防水|等: a verb's word before 等 is the item's trade, the list goes on)
        if (p[:1] in ("v", "p") and text[b : b + 1] != "等") or text[a] in "等，。；"
    }
    out: list[tuple[int, int]] = []
    token_spans = {(a, b) for a, b, _ in tokens}
    for m in re.finditer("、", text):
        at = m.start()
        # 阿里巴巴、京东|在…: a known firm whose name is also a word, the other item of the pair
        known = [
            (s, e)
            for s, e in ((at + 1, at + 1 + k) for k in (2, 3) if at in ends)
            if (s, e) in token_spans and e in closes and text[e : e + 1] != "、"
        ] + [
            (s, e)
            for s, e in ((at - k, at) for k in (2, 3) if at + 1 in starts)
            if (s, e) in token_spans and s in opens and text[s - 1 : s] != "、"
        ]
        known = [
            (s, e)
            for s, e in known
            if text[s:e] in lex.ambiguous_firms and not any(a < e and s < b for a, b in firms)
        ]
        if known:
            out.append(known[0])
            continue
        if at in ends and at + 5 in closes and text[at + 5 : at + 6] != "、":
            s, e = at + 1, at + 5  # the firm before, the brand after
        elif at + 1 in starts and at - 4 in opens and text[at - 5 : at - 4] != "、":
            s, e = at - 4, at  # the brand before, the firm after
        else:
            continue
        name = text[s:e]
        if (
            _CJK_NAME_RE.fullmatch(name)
            and classify_org(name) not in ("institution", "government")  # 清华|大学
            and (
                _brand_and_trade(name, lex)
                or _unknown_name_and_trade(name, lex)
                or (_leading_place(name, lex) == 2 and rare_brand(name[2:], lex))  # 湖北|中烟
            )
            and not any(a < e and s < b for a, b in firms)
        ):
            out.append((s, e))
    return out


def _unknown_short_name(name: str, lex: Lexicons) -> bool:
    """Two or three characters no dictionary knows that stand alone as a firm's name (一冶)."""
    return 2 <= len(name) <= 3 and not lex.word_freq(name) and _firm_name_alone(name, lex)


def _unknown_name_and_trade(name: str, lex: Lexicons) -> bool:
    """Four characters: a name no dictionary knows and a sector word (康方|生物), a firm's name
    beside a firm."""
    return len(name) == 4 and _unknown_short_name(name[:2], lex) and lex.is_sector(name[2:])


def _known_among_firms(
    text: str, firms: Collection[tuple[int, int]], covered: Collection[int], lex: Lexicons
) -> list[tuple[int, int]]:
    """A well-known firm whose name is a word (苹果, 长城) in a 、-list with two firms on its
    sides together (苹果、华为、腾讯; 华为、苹果、腾讯; 华为、腾讯、苹果)."""
    by_start = {s: e for s, e in firms}
    by_end = {e: s for s, e in firms}

    def after(e: int) -> int | None:  # the end of the firm after 、 at e
        return by_start.get(e + 1) if text[e : e + 1] == "、" else None

    def before(s: int) -> int | None:  # the start of the firm before 、 at s - 1
        return by_end.get(s - 1) if text[s - 1 : s] == "、" else None

    spans = set()
    for s, e in firms:  # the names next to a firm, across a 、
        for k in (2, 3, 4):
            if text[e : e + 1] == "、" and text[e + 1 : e + 1 + k] in lex.ambiguous_firms:
                spans.add((e + 1, e + 1 + k))
            if text[s - 1 : s] == "、" and text[max(0, s - 1 - k) : s - 1] in lex.ambiguous_firms:
                spans.add((s - 1 - k, s - 1))
    out = []
    for s, e in sorted(spans):
        if covered & set(range(s, e)):
            continue
        two_after = (a := after(e)) is not None and after(a) is not None
        two_before = (b := before(s)) is not None and before(b) is not None
        if two_after or two_before or (after(e) is not None and before(s) is not None):
            out.append((s, e))
    return out


def firms_named_after_places(
    text: str, cands: Sequence[Cand], lex: Lexicons
) -> list[tuple[int, int]]:
    """A place's name as the one item of a list closed by a kind of firm that is not yet a firm,
    when every other item is (奇瑞、江淮、蔚来等整车企业; 一汽、东风、长安等车企): the firm
    named after the place."""
    firms = {(s, e) for s, e, label, _ in cands if label == COMPANY}
    out: list[tuple[int, int]] = []
    for m in FIRM_KIND_LIST_RE.finditer(text) if _may_list_firms(text) else ():
        items = [(a, a + len(item)) for a, item in _list_items(text, m.start(), m.group(1))]
        others = [span for span in items if span not in firms]
        if len(items) >= 3 and len(others) == 1 and lex.is_place(text[slice(*others[0])]):
            out.append(others[0])
    return out


_LAST_WATER_RE = re.compile(
    r"(?<=、)([\u4e00-\u9fff]{2,3}?[" + _SIBLING_WATERS + r"])(?![、\u4e00-\u9fff]*、)"
)


def _division_of(name: str, lex: Lexicons) -> str:
    """The county or city whose short name `name` is (琼海 → 琼海市), "" if none."""
    return next((name + c for c in "市县区旗" if lex.place_kind(name + c) in _DIVISION_KINDS), "")


def _division_sibling(name: str, sides: Sequence[str], lex: Lexicons) -> bool:
    """A county's or city's short name between two of the same province (琼海、东方、澄迈)."""
    full = _division_of(name, lex)
    if not full:
        return False
    home = lex.provinces_of(full)
    return all(lex.place_kind(x) in _DIVISION_KINDS and lex.provinces_of(x) & home for x in sides)


def _water_sibling(name: str, sides: Sequence[str], lex: Lexicons) -> bool:
    """A river or lake between named rivers or lakes (黄垒河、母猪河、米山河)."""
    return (
        len(name) >= 3
        and name[-1] in _SIBLING_WATERS
        and name[-2] not in _SIBLING_WATERS
        and (lex.word_freq(name) < 50 or lex.word_pos(name) == "ns")
        and all(x[-1] in _SIBLING_WATERS and len(x) >= 3 for x in sides)
    )


# …、…等区域 / 等地 / 等城市: lists whose items are places (桃浦、吴泾、高桥等区域转型发展;
# …等整体转型区域: a kind of area after 等; the last item may name a zone: 松江G60科创走廊);
# parks and business units are areas too (东方芯港、生命蓝湾等特色产业园; 真如、大柏树等商务单元)
PLACE_LIST_RE = re.compile(
    r"((?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fffA-Za-z\d]{2,10}?)"
    r"(?=(?:等|(?=[\d一二三四五六七八九十两]+个))(?:[\d一二三四五六七八九十两]+个)?"
    r"(?:重点|特色|大尺度|(?:整体|重点|城市)?(?:转型|更新|改造|开发)(?=区域|片区))?"
    r"(?:区域|地区|片区|城市|地市|县市区?|市县|区县|地方|地|商圈|商务区|街区|商务单元"
    r"|产业园区|产业园|园区|功能区|集聚区|郊野公园|(?:国家级|省级)?自然保护区"
    r"|街道|乡镇|镇街|古镇|中心镇|重点镇"  # (闲林、仁和、良渚等街道; 青浦金泽、吴江黎里等古镇)
    r"|(?<=个)(?:主城|中心|重点|特色|城区|核心)?(?:镇|乡镇|乡(?!村)|街道|镇街|县|区|旗|村)"
    r"|(?<=等)镇(?![长区域])"  # (长河、崇寿、附海、逍林等镇; not 等镇长, 等镇区)
    r")"  # (…等10个镇: a count of divisions)
    r"(?![\u4e00-\u9fff]{0,2}(?:产品|标志|品牌|企业|特产|美食|小吃|名吃)"  # (…等地方特产: foods)
    r"|建设(?:项目|工程|用地|资金|任务)|项目|工程|基础|管理|治理))"
)


def _without_leading(
    text: str, tokens: Sequence[Tok], offset: int, item: str, tags: Sequence[str]
) -> tuple[int, str]:
    """A list's first item without the whole tokens it opens with whose tags start with one of
    `tags` (the clause's verbs: 促进|桃浦), and a verb's complement 好 (保护|好|沉湖); at least
    its last token stays."""
    verb = False
    for s, e, p in tokens:
        if (
            s == offset
            and e < offset + len(item)
            and (p[:1] in tags or (verb and text[s:e] == "好"))
        ):
            offset, item = e, text[e : offset + len(item)]
            verb = p[:1] == "v"
    return offset, item


def listed_places(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """The items of a list closed by a kind of area (…等区域, …等地, …三个中心镇): names, not
    phrases."""
    if "、" not in text or ("等" not in text and "个" not in text):
        return []
    starts = {s for s, _, _ in tokens}
    ends = {e for _, e, _ in tokens}
    pos = {(s, e): p for s, e, p in tokens}
    opening = {s: (e, p) for s, e, p in tokens}
    out: list[Cand] = []
    for m in PLACE_LIST_RE.finditer(text):
        items = _list_items(text, m.start(), m.group(1))
        # the first item may still open with the clause's verbs (促进|桃浦)
        items[0] = _without_leading(text, tokens, *items[0], ("v", "d", "p"))
        # an item may join two names by a conjunction (香港、澳门|和|菲律宾、印尼等地)
        joined = []
        for offset, item in items:
            end = offset + len(item)
            lead, lead_pos = opening.get(offset, (0, ""))
            if lead_pos == "c" and text[offset:lead] in _NAME_CONJ and end - lead >= 2:
                # 岭兜|和|湖里区枋湖、后埔等片区: the match opens on the conjunction that joined
                # its first item to a name before it (that name too long for an item)
                offset, item = lead, text[lead:end]
            cut = next(
                (
                    (a, b)
                    for a, b, p in tokens
                    if offset < a and b < end and p == "c" and text[a:b] in _NAME_CONJ
                ),
                None,
            )
            joined += (
                [(offset, text[offset : cut[0]]), (cut[1], text[cut[1] : end])]
                if cut
                else [(offset, item)]
            )
        items = joined
        names = []
        for offset, item in items:
            if offset not in starts or offset + len(item) not in ends:
                continue
            if classify_org(item) in ("company", "government", "institution"):
                continue  # 长安银行、榆林农村商业银行等地方金融机构: firms, not places
            zone = next((k for k in (3, 2) if item[:k] in GENERIC_PLACES), 0)
            if zone and offset + zone in starts and len(item) - zone >= 2:
                offset, item = offset + zone, item[zone:]  # 经开区|戚墅堰: the zone's town
            place = _leading_place(item, lex)
            rest = item[place:]
            link = opening.get(offset + place, (0, ""))
            if place and link[0] - offset - place == 1 and rest[0] in _ROUTE_LINKS:
                # 南沙|至|中山、珠海等地: from one place to the others, no place 至中山
                if _area_name(rest[1:], pos.get((link[0], offset + len(item)), ""), lex):
                    names.append([(offset, offset + place), (link[0], offset + len(item))])
                continue
            if place and not lex.is_place(item) and _sector_word(rest, lex):
                names.append([(offset, offset + place)])  # 株洲|服饰、宁乡|食品等产业园: the place
            elif (
                place
                and not lex.is_place(item)
                and offset + place in starts
                and _area_name(rest, pos.get((offset + place, offset + len(item)), ""), lex)
            ):
                # 思明区|何厝、湖里区|枋湖等片区, 襄阳|尧治河村、宜昌|夷陵区等地: a city or district
                # and a village, a district or an area in it, both places (spec: a compound of a
                # district and a sub-place yields both parts)
                names.append([(offset, offset + place), (offset + place, offset + len(item))])
            elif _area_name(item, pos.get((offset, offset + len(item)), ""), lex):
                names.append([(offset, offset + len(item))])
        if len(names) * 2 > len(items) and len(items) >= 2:
            out.extend((a, b, PLACE, "list") for parts in names for a, b in parts)
    return out


# What follows a town's or a sub-district's name when the report names the area by it: a
# business district, a bonded zone, a science city, a campus (陆家嘴|商圈, 洋山|特殊综合保税区).
TOWN_AREA_FOLLOWERS = (
    "商圈", "商务区", "国际商务区", "中央商务区", "体育公园", "综合保税区", "特殊综合保税区",
    "保税区", "保税港区", "片区", "科学城", "院区", "地区",
)  # fmt: skip
# A town's short name that is a dictionary word more often than this is read as the word.
TOWN_NAME_MAX_FREQ = 200


def town_name(word: str, lex: Lexicons) -> bool:
    """Whether `word` is the short name of a town, township or sub-district (陆家嘴 of
    陆家嘴街道) that is no common word (工业, 民族 are names of towns too)."""
    if len(word) < 2 or not _CJK_RE.fullmatch(word) or lex.is_place(word):
        return False
    if lex.word_freq(word) > TOWN_NAME_MAX_FREQ or lex.word_pos(word)[:1] in ("v", "a", "d"):
        return False
    return any(lex.place_kind(word + kind) == "town" for kind in TOWN_SUFFIXES)


def county_towns(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """A county's or district's name, then the short name of one of its own towns (六合|竹镇,
    高淳|桠|溪, 花都|狮岭|皮具): the town is a place too (spec: a compound of a district and a
    sub-place yields both parts); its full form (竹镇镇) is found elsewhere."""
    bounds = {e for _, e, _ in tokens}
    out: list[Cand] = []
    for s, e, _ in tokens:
        towns = lex.towns_of(text[s:e]) if e - s >= 2 else frozenset()
        if not towns or lex.place_kind(text[s:e]) != "county":
            continue
        for n in (4, 3, 2):
            town = text[e : e + n]
            if (
                town in towns
                and e + n in bounds
                and town_name(town, lex)
                and not text.startswith(TOWN_SUFFIXES, e + n)
            ):
                out.append((e, e + n, PLACE, "town"))
                break
    return out


def town_areas(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """A town's or sub-district's short name before a kind of area it names (陆家嘴|商圈,
    徐家汇|体育公园, 虹桥|国际商务区): the place, as a county's name before a facility is."""
    out: list[Cand] = []
    for s, e, _ in tokens:
        if text.startswith(TOWN_AREA_FOLLOWERS, e) and town_name(text[s:e], lex):
            out.append((s, e, PLACE, "town"))
    return out


def token_lists(text: str, tokens: Sequence[Tok]) -> list[list[int]]:
    """Runs of three or more single tokens joined by 、 (甲、乙、丙): the indices of the items."""
    runs: list[list[int]] = []
    run: list[int] = []
    for i, (s, e, _) in enumerate(tokens):
        if text[s:e] == "、":
            continue
        joined = i > 0 and text[tokens[i - 1][0] : tokens[i - 1][1]] == "、"
        if run and joined and run[-1] == i - 2:
            run.append(i)
            continue
        if len(run) >= 3:
            runs.append(run)
        run = [i]
    if len(run) >= 3:
        runs.append(run)
    return runs


def listed_counties(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """A county's short name that is also an ordinary word (兴国, 永和), as an item of a list
    whose other items are mostly places (瑞金、于都、兴国加快发展)."""
    if "、" not in text:
        return []
    out: list[Cand] = []
    for run in token_lists(text, tokens):
        words = [text[tokens[i][0] : tokens[i][1]] for i in run]
        places = sum(map(lex.is_place, words))
        if places < 2 or places * 2 < len(words):
            continue
        for i, word in zip(run, words, strict=True):
            if not lex.is_place(word) and len(word) >= 2 and _division_of(word, lex):
                out.append((tokens[i][0], tokens[i][1], PLACE, "list"))
    return out


def listed_towns(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """Towns' short names that are no common words, as the items of a list of three or more
    whose every item is a town or a place (花桥、陆家、周市与…): the towns are places."""
    if "、" not in text:
        return []
    out: list[Cand] = []
    for run in token_lists(text, tokens):
        words = [text[tokens[i][0] : tokens[i][1]] for i in run]
        towns = [town_name(w, lex) for w in words]
        if sum(towns) < 2 or not all(
            t or lex.is_place(w) for t, w in zip(towns, words, strict=True)
        ):
            continue
        out.extend(
            (tokens[i][0], tokens[i][1], PLACE, "town")
            for i, town in zip(run, towns, strict=True)
            if town
        )
    return out


def town_industries(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """Towns' short names opening the items of a list of industries, two or more of them
    (官林|电线电缆、高塍|环保装备、丁蜀|陶瓷、周铁|化工新材料等特色产业): the towns are places."""
    if "、" not in text or "等" not in text:
        return []
    token_end = {s: e for s, e, _ in tokens}
    out: list[Cand] = []
    for m in SECTOR_LIST_RE.finditer(text):
        towns: list[Cand] = []
        at = m.start(1)
        for item in m.group(1).split("、"):
            e = token_end.get(at)
            if e is not None and e < at + len(item) and town_name(text[at:e], lex):
                towns.append((at, e, PLACE, "town"))
            at += len(item) + 1
        if len(towns) >= 2:
            out.extend(towns)
    return out


def _sector_word(word: str, lex: Lexicons) -> bool:
    """A trade or an industry's word (服饰, 食品, 新材料): what a park after a place is for."""
    return lex.is_sector(word) or word in COMPANY_SUFFIXES or lex.word_pos(word) == "n"


# Nouns that end a kind of area in a list of areas (城中村、老旧小区、背街小巷等重点区域).
_AREA_KIND_TAILS = ("小区", "小巷", "城区", "社区", "街区", "街巷")


# Words that join two places in a list's item (南沙|至|中山: from one to the other)
_ROUTE_LINKS = frozenset("至到和与及")
# Venues a list of business districts also names (新北万达广场, 印象城): not scored places
_VENUE_TAILS = ("广场", "商场", "商城", "购物中心", "综合体", "印象城")


def _area_name(item: str, pos: str, lex: Lexicons) -> bool:
    if lex.is_place(item):
        return True
    if item.endswith(_VENUE_TAILS):
        return False  # (新北|万达广场、…等商圈: a mall, a venue)
    if not _CJK_NAME_RE.fullmatch(item):
        return False  # 松江G60科创走廊: a zone, found as one (and its district) by zone_places
    if item in GENERIC_PLACES or item in lex.concepts or item in lex.programs:
        return False
    if lex.word_pos(item[-2:]) in ("v", "vn", "a", "ad") or item[-1] in "等和及与":
        return False  # 转型发展, 提质扩容: what is done there, not where
    if item.endswith(_AREA_KIND_TAILS) and not lex.is_place(item[:-2]):
        return False  # 老旧小区, 背街小巷, 老城区: a kind of area, not a named one
    proper = pos in ("ns", "nr", "nz", "j") or _proper_name(item, lex)
    return lex.word_freq(item) < 3000 and proper


# A place named before a heritage site, or a list of them (大汶口国家考古遗址公园,
# 甲地、乙地等遗址): the spec's place + facility noun yields the place.
HERITAGE_RE = re.compile(
    r"((?:[\u4e00-\u9fff]{2,3}、)*(?!等)[\u4e00-\u9fff]{2,3}?)"
    r"(?=(?:等)?(?:国家考古遗址公园|考古遗址公园|遗址公园|古城遗址|考古遗址|文化遗址|遗址群|遗址))"
)
_SIDE_RE = re.compile(r"[东南西北中]+部?")
_HERITAGE_GENERIC = _words(
    "历史 文化 红色 工业 革命 古城 故城 古代 考古 重要 重点 大遗址 大型 国家 世界"
)


# What makes 村 a kind of village, not a village's name (贫困村, 示范村, 城中村, 行政村).
VILLAGE_KINDS = _words(
    """
    贫困 示范 城中 行政 自然 中心 空心 文明 重点 专业 淘宝 明星 传统 美丽 特色 旅游 民族
    先进 试点 帮扶 脱贫 整治 薄弱 涣散 新型 移民 搬迁 边境 沿边 革命 红色 生态 宜居 和美
    精品 样板 达标 合格 后进 集体 农 乡 新 老 古 全 各 每 本 该 邻 外 村 一 两 多 个 数字
    未来 绿色 康养 森林 历史文化 少数民族 易地 渔 山 水 边 穷 富 强 大 小 好
    """
)
# A village's name: …村, or …嘎查 in Inner Mongolia (巴音希里嘎查)
# (…屯 in the north-east: 孙家屯)
_VILLAGE_RE = re.compile(r"[\u4e00-\u9fff]{1,4}[村屯]|[\u4e00-\u9fff]{2,6}?嘎查")
_VILLAGE_LIST_RE = re.compile(
    r"(?:[\u4e00-\u9fff]{1,6}(?:[村屯]|嘎查)、)+(?:[\u4e00-\u9fff]{1,4}[村屯]|[\u4e00-\u9fff]{2,6}?嘎查)"
)


def _village_name(text: str, a: int, b: int, ends: set[int]) -> bool:
    """Whether text[a:b] (…村, …嘎查) names a village: it ends where a word ends and opens with
    no kind of village (贫困|村, 美丽|村)."""
    name = text[a : b - (2 if text.endswith("嘎查", a, b) else 1)]
    return (
        b in ends
        and not any(c in name for c in "镇乡旗县")  # 锡尼镇|阿斯尔嘎查: a town, then its village
        and not any(name.endswith(k) for k in VILLAGE_KINDS)
        and bool(_CJK_RE.fullmatch(name))
    )


def village_places(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """Villages by name: after their county or town (花垣县|十八洞村), or as the items of a
    list of villages (幸福村、团结村)."""
    if "村" not in text and "屯" not in text and "嘎查" not in text:
        return []
    ends = {e for _, e, _ in tokens}
    out: list[Cand] = []
    for a, b, _ in tokens:
        word = text[a:b]
        if not word.endswith(("县", "区", "市", "旗", "镇", "乡", "苏木")) and not (
            len(word) == 2 and lex.place_kind(word) == "county"
        ):
            continue  # (寿光|三元朱村: a county by its short name, then its village)
        m = _VILLAGE_RE.match(text, b)
        if (
            m
            and lex.place_kind(word) in ("county", "town")
            and _village_name(text, b, m.end(), ends)
        ):
            out.append((b, m.end(), PLACE, "village"))
    starts = {s: p for s, _, p in tokens}
    token_end = {s: e for s, e, _ in tokens}
    for m in _VILLAGE_LIST_RE.finditer(text):
        items, pos = [], m.start()
        for item in m.group().split("、"):
            items.append((pos, pos + len(item)))
            pos += len(item) + 1
        # the first item opens after the clause's verbs (推广|十八洞村, 全面完成/l|孙家屯)
        a0, b0 = items[0]
        while a0 < b0 - 1 and (a0 not in starts or starts[a0][:1] in ("v", "d", "p", "l")):
            a0 = token_end.get(a0, a0 + 1)
        # …and after its last verb, past a verbal noun jieba tags a noun (总结/n|推广|下姜村)
        a0 = max(
            (e for s, e, p in tokens if a0 <= s and e <= b0 - 2 and p[:1] in ("v", "d", "p")),
            default=a0,
        )
        items[0] = (a0, b0)
        if all(a in starts and b - a >= 2 and _village_name(text, a, b, ends) for a, b in items):
            out.extend((a, b, PLACE, "village") for a, b in items)
    return out


def heritage_places(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """Places named before a heritage site: proper names, whole words (大汶口|国家考古遗址公园)."""
    if "遗址" not in text:
        return []
    starts = {s for s, _, _ in tokens}
    ends = {e for _, e, _ in tokens}
    pos = {(s, e): p for s, e, p in tokens}
    out: list[Cand] = []
    # where a name may open: after a verb, a function word or a mark (推进|三星堆—|金沙遗址),
    # not after a noun whose name it would end (圣杯|屿沉船等遗址); a lone site also after its
    # place (礼县|四角坪遗址), the first of a list not (海拉尔纪念园、哈克…等遗址)
    openers = {e for _, e, p in tokens if p[:1] in ("v", "p", "u", "c", "d", "x", "w", "f")}
    place_ends = {e for s, e, p in tokens if p == "ns" or lex.is_place(text[s:e])}
    for m in HERITAGE_RE.finditer(text):
        offset = m.start(1)
        items = m.group(1).split("、")
        # the first item must open where a name may open (加强|甲地、乙地)
        first = items[0]
        opens = openers if len(items) > 1 else openers | place_ends
        cut = next(
            (
                k
                for k in range(len(first) - 1)
                if offset + k == 0 or text[offset + k - 1] in _ITEM_STOP or offset + k in opens
            ),
            None,
        )
        if cut is None:  # 海拉尔纪念园、哈克…, 圣杯|屿沉船: the tail of a longer name
            offset, items = offset + len(first) + 1, items[1:]
        else:
            offset, items[0] = offset + cut, first[cut:]
        for item in items:
            a, b = offset, offset + len(item)
            offset = b + 1
            glued = (
                item[0] in _NAME_CONJ
                and len(item) >= 3
                and not any(lex.is_place(item[:k]) for k in range(2, len(item) + 1))  # 和田
            )
            if glued:
                # （浙江段）|和|良渚古城遗址, …|和良渚|古城: the conjunction, even where the
                # segmenter fused it with the place
                a, item = a + 1, item[1:]
            if (a not in starts and not glued) or b not in ends or item in _HERITAGE_GENERIC:
                continue
            if item[0] in LEFT_STOPS or lex.word_pos(item[:2]) in ("v", "vn", "a", "d"):
                continue  # 建设|遗址, 保护|遗址: a verb, not a name
            if item.startswith("等"):
                continue  # 汉长安城|等|大遗址: the list's closer, then the kind of site
            if _SIDE_RE.fullmatch(item):
                continue  # 大明湖|西南|遗址: a side of the place, not a name
            word = (a - 1, b) if glued and a not in starts else (a, b)  # (和良渚: fused)
            proper = lex.is_place(item) or pos.get(word) in ("ns", "nr", "nz")
            if proper or (lex.word_freq(item) == 0 and not _common_compound(item, lex)):
                out.append((a, b, PLACE, "heritage"))
    return out


# Verbs of one character that take a water or a mountain (跨江融合, 引江济淮, 拦河, 护岛)
_CROSSING_CHARS = frozenset("跨过渡越沿临环入出引调治拦护穿翻")


def place_candidate(name: str, lex: Lexicons) -> bool:
    """Whether a LOC span of the model is a named place (gazetteer or a trusted suffix).

    Every division of China down to county level is in the gazetteer, so an unknown name ending
    in 省/市/县/区 is not accepted on its suffix (旧城区, 普惠县); towns, zones and natural
    features are, when what precedes the suffix is not generic.
    """
    if name in GENERIC_PLACES or len(name) < 2:
        return False
    if lex.is_place(name):
        return True
    if name.endswith("山区") and len(name) >= 4:
        # 太行山区, 沂蒙山区, 白于山区: a named mountain's area (浙南|山区, 泰顺|山区: a region's
        # or county's hills, the place is the region or county)
        mountain = name[:-1]
        return lex.place_kind(mountain) == "natural" or (
            not lex.is_place(name[:-2]) and _feature_name(name[:-2], False, lex)
        )
    if foreign_name(name, lex) or (
        name[-1] in "市州省"
        and (foreign_name(name[:-1], lex) or lex.place_kind(name[:-1]) == "world_city")
    ):
        return True  # 伊尔库茨克, 乌兰巴托市: a foreign place the gazetteer lacks
    for suffixes in (TOWN_SUFFIXES, ZONE_SUFFIXES, NATURAL_SUFFIXES):
        suffix = _head_suffix(name, suffixes)
        if suffix:
            prefix = name[: -len(suffix)]
            one_char_ok = (
                suffix in ("山", "岛", "河", "湖", "江")
                and lex.word_freq(name) < 1000
                and prefix not in _CROSSING_CHARS  # 跨江, 引江, 治河: a verb and its water
            )
            if len(prefix) < 2 and not (prefix and one_char_ok):
                return False  # 融湾: a verb + 湾 (崮山, 泰山 are names)
            if prefix in GENERIC_PLACES or (
                lex.word_freq(prefix) >= 3000
                and not (suffix in _OFFICIAL_ZONE_WORDS and lex.is_place(prefix))
            ):
                return False  # 城区 (天津|经济技术开发区: a city's official zone)
            if prefix.startswith(("国家", "省级", "市级", "全国")):
                return False  # 国家大学科技园: a rank and a kind, not a name
            if suffix in PLACED_ZONE_SUFFIXES and not any(
                lex.is_place(prefix[:k]) for k in (2, 3, 4)
            ):
                return False  # 文创产业集聚区: a kind of area, no zone's name
            if suffixes is ZONE_SUFFIXES and verb_opened(prefix, lex):
                return False  # 发展壮大城市群: what is done with a kind of zone, no zone's name
            if suffix == "自贸区" and _trade_partners(prefix, lex):
                return False  # 中日韩自贸区: a trade agreement's area
            if all(ch in "省市县区镇乡村" for ch in prefix):
                return False  # 镇村片区
            if suffix == "澳" and ("港" in prefix or "澳" in prefix):
                return False  # 治港治澳: Hong Kong and Macao, not a bay
            if suffixes is ZONE_SUFFIXES or lex.is_place(prefix):
                return True
            return _feature_name(prefix, suffixes is TOWN_SUFFIXES, lex)
    return False


def verb_opened(name: str, lex: Lexicons) -> bool:
    """Whether `name` opens with a common verb and holds no place (发展壮大, 加快建设): what is
    done, not the name of a zone."""
    return (
        lex.word_pos(name[:2]) in ("v", "vn")
        and lex.word_freq(name[:2]) >= 500
        and not any(
            lex.is_place(name[i:j]) for i in range(len(name)) for j in range(i + 2, len(name) + 1)
        )
    )


_NATURAL_CHARS = frozenset("山水河湖海江湾岛林田草原泉峰岭")


def _feature_name(prefix: str, town: bool, lex: Lexicons) -> bool:
    """What precedes 河/湖/山/村… is a proper name, not a phrase (幸福河湖, 千里山海, 帮镇扶村)."""
    if all(ch in _NATURAL_CHARS for ch in prefix):
        return False  # 河湖湾, 山海: generic nature words
    if town and (len(prefix) > 3 or any(ch in "省市县区镇乡村" for ch in prefix)):
        return False  # 罗浮山县镇村, 万企兴万村: a phrase about towns and villages
    return not any(lex.word_freq(prefix[i : i + 2]) >= 1000 for i in range(len(prefix) - 1))


# One-character abbreviations of countries and of China's provinces, which fuse into the names
# of cross-border zones (中日产业园, 中俄蒙国际物流园区, 广清经济特别合作区).
COUNTRY_ABBREVIATIONS = frozenset("中日韩朝俄蒙美英法德意欧非澳新泰越老柬缅印巴哈乌吉塔土以埃阿")
_FUSED_CHARS = "".join(sorted(COUNTRY_ABBREVIATIONS | PROVINCE_ABBREVIATIONS_ZONE))
_FUSED_PLACE_RE = re.compile(f"[{_FUSED_CHARS}]{{2,3}}")


# Kinds of the gazetteer whose names are one place, whatever their characters (英德, 巴中:
# counties and cities; 巴蜀: a region's own old name).
_ONE_PLACE_KINDS = frozenset(
    ("province", "prefecture", "county", "town", "country", "world_city", "abbreviation")
)


def fused_places(name: str, lex: Lexicons) -> bool:
    """A fused abbreviation of two or more places, each by one character (港澳台, 川渝, 中美,
    京津冀, 港澳台地区): no named location (spec), unless a division or region is so named."""
    core = name.removesuffix("地区")
    return (
        2 <= len(core) <= 4
        and all(ch in COUNTRY_ABBREVIATIONS or ch in PROVINCE_ABBREVIATIONS for ch in core)
        and "中" not in core[1:]  # (浙中, 鲁中: the middle of a province; 中 is China first)
        and lex.place_kind(core) not in _ONE_PLACE_KINDS
    )


def _place_like(word: str, pos: str, lex: Lexicons) -> bool:
    """A gazetteer place, or a rarer word the segmenter tags as a place (not 城市, 农村)."""
    if lex.is_place(word):
        return True
    if len(word) >= 2 and lex.word_freq(word) < 100 and lex.place_kind(word + "镇") == "town":
        return True  # 博鳌|乐城…先行区: a town by its short name opens a zone's name
    if _natural_feature(word, lex):
        return True  # 西丽湖|国际科教城: a zone named after a lake or a mountain
    return pos == "ns" and word not in GENERIC_PLACES and lex.word_freq(word) < 2000


ZONE_RE = re.compile("|".join(map(re.escape, ZONE_SUFFIXES)))
# The short forms of zone kinds that open other zones' names (高新 of 高新区, 经开 of 经开区)
_ZONE_SHORT_FORMS = frozenset(w[:-1] for w in ZONE_SUFFIXES if len(w) == 3 and w[-1] == "区")
_RANKS = ("国家级", "省级")


def _ranked_name(text: str, tokens: Sequence[Tok], at: int, lex: Lexicons) -> bool:
    """Whether the token at `at` is a rank inside a zone's name, after the one place it names
    (鄱阳湖|国家级|自然保护区), not after a list of places (娄底、益阳|省级|高新区: zones of a
    kind)."""
    word = next((text[a:b] for a, b, _ in tokens if a == at), "")
    place = next(((a, p) for a, b, p in tokens if b == at), None)
    return (
        word in _RANKS
        and place is not None
        and _place_like(text[place[0] : at], place[1], lex)
        and text[place[0] - 1 : place[0]] != "、"
    )


# A free trade zone named bare (its areas are named with it: 自贸试验区|临港新片区).
FREE_TRADE_ZONES = ("自贸试验区", "自由贸易试验区", "自贸区")
# The area of a free trade zone after its name (…自由贸易试验区|前海蛇口片区, …|宁波片区|慈溪联动
# 创新区): its own words, no conjunction or particle among them
_AREA_CHAR = r"(?:(?![和与及等的在])[\u4e00-\u9fff])"
FREE_TRADE_AREA_RE = re.compile(
    rf"(?:{_AREA_CHAR}{{2,6}}?(?:新片区|片区))?(?:{_AREA_CHAR}{{2,4}}?联动创新区)?"
)
# A zone the state or a macro-region names with its host place in brackets (中国（杭州）跨境电子
# 商务综合试验区, 中国（绵阳）科技城, 西部（成都）科学城); parks so named keep their city a place
# of its own (中国（合肥）国际智能语音产业园)
HOSTED_ZONE_RE = re.compile(
    rf"(?:中国|西部|东部|中部)（([\u4e00-\u9fff]{{2,4}})）{_AREA_CHAR}{{0,10}}?"
    r"(?:科学城|科技城|综合试验区|自由贸易试验区|自贸试验区)"
)
_LONG_ZONE_WORDS = ("试验区", "实验区", "开发区")
# Zone words that only follow a zone's place name in official names
_OFFICIAL_ZONE_WORDS = ("经济技术开发区",)
_DASHES = "—–－-"
_TITLE_WON_RE = re.compile(rf"(?:{_TITLE_VERBS})[^，。；：“”、]*$")  # (see _TITLE_VERBS)
_ROAD_CODE_RE = re.compile(r"[A-Z]\d+$")  # a national road's number: G60, S4
# A count inside a zone phrase makes it a description (闽东南高优三大特色农业产业带).
_NUMBERED_RE = re.compile(r"[一二三四五六七八九十两\d]+大")


def _fused_word(word: str, pos: str, lex: Lexicons) -> bool:
    """Two or three characters that each stand for a province or prefecture, making no word of
    the dictionary: the cities that run a zone together (深儋|合作产业园, 广龙|合作产业园)."""
    return (
        2 <= len(word) <= 3
        and all(c in lex.prefecture_chars for c in word)
        and not lex.word_freq(word)
        and pos[:1] in ("n", "j", "")
    )


# What ends the words before a zone's name: the governing verbs and the verbs of building
# (在珲春|扩建|国际物流园区) — these only here: in a project's name they belong to it (机场扩建工程)
_ZONE_NAME_ENDERS = GOVERNING | _words("扩建 改建 兴建 筹建")
# Words that say what kind of area a zone word names, not which (老旧片区, 棚户区, 重点片区)
AREA_DESCRIPTORS = _words(
    "老旧 棚户 城中 重点 核心 低效 闲置 连片 成片 待开发 待改造 老"
    # the areas beside a place (陕西|毗邻|地区), no name of theirs
    " 毗邻 相邻 接壤 周边 邻近"
)


def _feature_of_area(name: str, lex: Lexicons) -> str:
    """The natural feature an area (片区) is named after (九龙湖, 大沙河|周边), or ''."""
    if name.endswith("周边"):
        name = name[:-2]
    if len(name) < 3 or name[-1] not in "湖湾山岛河江" or lex.is_place(name):
        return ""  # (绥芬河|片区, 芜湖|片区: a city's free trade area)
    return name if _CJK_NAME_RE.fullmatch(name) else ""


def zone_places(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """Named zones and regions built on a place: 青岛都市圈, 黄河口国家公园, 沂蒙革命老区.

    The zone word may span tokens (都市/圈); the name must open with a place (gazetteer or a
    token the segmenter tags as a place name) within its first two tokens.
    """
    out: list[Cand] = []
    ends = {e: i for i, (_, e, _) in enumerate(tokens)}
    starts = {s for s, _, _ in tokens}
    by_start = {a: (b, p) for a, b, p in tokens}  # token start → its end and tag
    for m in ZONE_RE.finditer(text):
        if m.end() not in ends or text[m.end() : m.end() + 1] in ("线", "路", "站", "化"):
            continue  # 上海示范区线: a metro line; 片区化: a way of working, not a zone
        # the last token that ends at or before the zone word
        before = [i for i, (_, e, _) in enumerate(tokens) if e <= m.start()]
        inside = next((t for t in tokens if t[0] < m.start() < t[1]), None)
        if (
            inside
            and inside[1] < m.end()  # (台湾地区 is one word: the region's, see resolve)
            and m.start() - inside[0] >= 2
            and lex.is_place(text[inside[0] : m.start()])
        ):
            # 福州大学|城: the segmenter read a university; the name is 福州 + 大学城
            name = text[inside[0] : m.end()]
            if not _NUMBERED_RE.search(name):
                out.append((inside[0], m.end(), PLACE, "zone"))
            continue
        if not before or tokens[before[-1]][1] != m.start():
            continue
        last = before[-1]
        word = text[tokens[last][0] : tokens[last][1]]
        if word in AREA_DESCRIPTORS:
            continue  # 西园街道|老旧|片区: a kind of area of the place, no zone's name
        if word in _NAME_CONJ or (
            _is_boundary(text, tokens[last])
            and tokens[last][2] != "ns"
            and not _ranked_name(text, tokens, tokens[last][0], lex)
        ):
            reserve = (
                _ranked_reserve_start(text, tokens, last, lex)
                if word in _RANKS and m.group().endswith(NATURE_ZONE_WORDS)
                else None
            )
            if reserve is not None:
                start = _reserve_start(text, tokens, reserve, lex)
                out.append((start, m.end(), PLACE, "zone"))
            continue
        # a state-approved zone's full name runs long (景德镇国家陶瓷文化传承创新试验区)
        longest = 18 if m.group().endswith(_LONG_ZONE_WORDS) else 14
        start = _extend_left(text, tokens, last, longest - len(m.group()))
        # 张江科学城|建设|世界一流科学城: a governing verb ends what came before the name
        start = max([b for a, b, _ in tokens if start < a and b <= m.start()
                     and text[a:b] in _ZONE_NAME_ENDERS
                     and not _ranked_name(text, tokens, a, lex)]
                    or [start])  # fmt: skip
        start = _host_and_partner_start(text, start, lex)
        k = text.rfind("至", start, m.start())
        if k >= 0 and k + 1 in starts:
            start = k + 1  # 惠州市区至|博罗罗阳组团: from one place to the zone, no name
        homeless = _homeless(text[start : m.start()], lex)
        if len(homeless) < m.start() - start and _opens_with_known_firm(homeless, lex):
            continue  # 台湾|富士康|贵安产业园: a foreign firm's park, no place's zone
        if "企业" in text[start : m.start()]:
            continue  # 东莞企业境外园区: a kind of park (the place's firms' parks abroad)
        first = [t for t in tokens if start <= t[0] < m.start()][:2]
        placed = [
            a
            for a, b, p in first
            if _place_like(text[a:b], p, lex)
            or _FUSED_PLACE_RE.fullmatch(text[a:b])
            or _fused_word(text[a:b], p, lex)
        ]
        if not placed:
            park = _named_park(text, tokens, last, m, lex)
            if park is None:
                park = _fused_cities(text, tokens, last, m, lex)
            if park is None and m.group().endswith(("走廊", "带")):
                # G60科创走廊: a corridor named by the road it runs along
                park = next(
                    (a for a, b, _ in tokens[max(0, last - 2) : last + 1]
                     if _ROAD_CODE_RE.match(text[a:b]) and a >= start),
                    None,
                )  # fmt: skip
            if park is not None:
                out.append((park, m.end(), PLACE, "zone"))
                continue
            # 调整优化|上海化工区: verbs the name took along, then the place
            span = [t for t in tokens if start <= t[0] < m.start()]
            at = next(
                (k for k, (a, b, p) in enumerate(span) if _place_like(text[a:b], p, lex)), None
            )
            if at is None or not at:
                continue
            lead = text[span[0][0] : span[at][0]]
            if (
                not all(p.startswith("v") for _, _, p in span[:at])
                and lead not in FREE_TRADE_ZONES
                and not lead.endswith(ZONE_SUFFIXES)
            ):
                continue  # (自贸试验区|南沙新片区: the area, named with the zone by the resolver;
                # 火炬高新区|翔安产业区: a zone, then an area of it named by its place)
            start = span[at][0]
            first, placed = span[at : at + 2], [start]
        if placed[0] != first[0][0] and (
            first[0][2].startswith("v") or _cut_from_before(text, tokens, first[0], lex)
        ):
            # 入驻|中俄蒙国际汽车产业园: a verb before the name; 亿纬锂|能|荆门…产业园: a
            # character the segmenter cut from the word before
            start = placed[0]
        elif len(placed) == 2 and _zone_of_its_own(
            text[first[0][0] : first[0][1]], text[first[1][0] : first[1][1]], lex
        ):
            start = placed[1]  # 松江|长三角G60科创走廊: a district, then a zone of its own
        elif (
            len(first) == 2
            and placed == [first[0][0]]
            and _ROAD_CODE_RE.match(text[first[1][0] : first[1][1]])
        ):
            start = first[1][0]  # 松江|G60科创走廊: a district, then a corridor named by a road
        elif town := next(
            (
                k
                for k in range(3, 6)
                if lex.place_kind(text[start : start + k]) == "town"
                and start + k in starts
                and m.start() - (start + k) >= 2
            ),
            0,
        ):
            start += town  # 哈克镇|滨河新区: a town, then a named area of its own
        name = text[start : m.end()]
        if m.group() == "地区" and name[:-2].endswith(_AREA_KINDS):
            continue  # 黔南|民族地区: a kind of area of the place (the place is found alone)
        if "社会主义" in name:
            continue  # 中国特色社会主义先行示范区: a designation the city won, no zone's name
        if name not in GENERIC_PLACES and "“" not in name and not _NUMBERED_RE.search(name):
            start = _bracketed_cities(text, start, lex)
            if start - 1 in starts and lex.is_place(text[start - 1 : start + 1]):
                start -= 1  # 天|山北坡经济带: the segmenter cut 天山 apart
            start = _paired_cities_start(text, tokens, start, lex)
            start = zone_prefix_start(text, start, starts)
            if text[start] in _DASHES:
                # 中国—东盟…合作区: the zone of two partners joined by a dash is named by both
                prev = next(
                    (a for a, b, _ in tokens if b == start and lex.is_place(text[a:b])), None
                )
                start = prev if prev is not None else start + 1
            if _TITLE_WON_RE.search(text, max(0, start - 12), start):
                continue  # 获评中央财政支持普惠金融发展示范区: a title won, no place's name
            if m.group() == "自贸区" and _trade_partners(text[start : m.start()], lex):
                continue  # 中国—东盟自贸区, 中韩自贸区: a trade agreement's area, no place
            if m.group().endswith(NATURE_ZONE_WORDS):
                start = _reserve_start(text, tokens, start, lex)
            country = next((b for a, b, _ in tokens if a == start), start)
            if (
                country - start >= 2
                and m.start() - country >= 2
                and text[start:country] != "中国"
                and lex.place_kind(text[start:country]) == "country"
            ):
                # 柬埔寨|西哈努克港经济特区, 埃塞俄比亚|东方工业园: a park abroad and the
                # country it lies in, both places
                out.append((start, country, PLACE, "zone"))
                start = country
            inner = m.group() == "新城" and _INNER_ZONE_RE.match(text, start, m.start())
            if inner and inner.end() in starts and m.start() - inner.end() >= 2:
                # 西咸新区|沣东新城, 滨湖区|蠡湖新城: a new town inside a district, both named
                out.append((start, inner.end(), PLACE, "zone"))
                start = inner.end()
            # 南京综合保税区|龙潭片区, 无锡经济开发区|太湖湾科创城: a zone, then an area of it
            # named by a place — both named (a free trade zone's areas are named with it)
            area = next(
                (
                    b
                    for b in range(start + 4, m.start() - 1)
                    if b in by_start
                    and text.endswith(ZONE_SUFFIXES, start, b)
                    and not text.endswith((*FREE_TRADE_ZONES, "地区"), start, b)
                    and _place_like(text[b : by_start[b][0]], by_start[b][1], lex)
                ),
                None,
            )
            if area is not None:
                out.append((start, area, PLACE, "zone"))
                start = area
            zone = _PARK_IN_ZONE_RE.match(text, start, m.start())
            if m.group() in _GENERIC_PARKS and zone and _kind_of_park(zone.group(1), lex):
                # 江阴高新区|生命健康|产业园: a park of a sector inside a zone, the zone named
                out.append((start, zone.start(1), PLACE, "zone"))
                continue
            if m.group() == "地区" and lex.place_kind(text[start : m.start()]) == "natural":
                continue  # 杭州湾|地区: the area around a feature, the feature is the place
            if m.group() == "片区" and (feature := _feature_of_area(text[start : m.start()], lex)):
                # 九龙湖|片区, 大沙河|周边片区: an area named after a lake, bay, hill or river —
                # the feature is the place (a city's free trade area stays: 绥芬河片区); a
                # place before it is one of its own (太原|晋阳湖片区)
                p = _leading_place(feature, lex)
                out += [(start, start + p, PLACE, "zone")] if p else []
                out.append((start + p, start + len(feature), PLACE, "zone"))
                continue
            if m.group() == "片区" and text.endswith("周边", start, m.start()):
                continue  # 泽国高铁站场|周边片区: the area around a facility, no place's name
            out.append((start, m.end(), PLACE, "zone"))
    out += bilateral_parks(text, starts, ends)
    return [
        (a, b, PROGRAM, "project")
        if text[a:b].endswith(_PARK_KINDS)
        and (text.startswith("项目", b) or _opens_with_known_firm(text[a:b], lex))
        else (a, b, label, source)
        for a, b, label, source in out
    ]


# A zone opening the name of a park in it that its sector names (江阴高新区|生命健康|产业园)
_PARK_IN_ZONE_RE = re.compile(
    r"[\u4e00-\u9fff]{2,6}?(?:高新区|经开区|开发区|新区|综保区|保税区)([\u4e00-\u9fff]{2,6})$"
)
_GENERIC_PARKS = frozenset(("产业园", "产业园区", "园区", "工业园", "工业园区", "科技园"))


def _kind_of_park(words: str, lex: Lexicons) -> bool:
    """Whether the words before a park's kind name its sector, not the park (生命健康, 智能装备;
    not a proper name: 中关村|软件园)."""
    return lex.is_sector(words) or _common_compound(words, lex) or lex.word_freq(words) >= 200


# A district or new area that opens the name of a new town inside it (西咸新区|沣东新城)
_INNER_ZONE_RE = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:新区|区)(?=[\u4e00-\u9fff]{2,4}$)")


def _cut_from_before(text: str, tokens: Sequence[Tok], tok: Tok, lex: Lexicons) -> bool:
    """Whether a one-character token is the last character of the word before it, which the
    segmenter cut off (亿纬锂|能: 亿纬锂能, a known firm; not 打造|大|敦煌…: 大 opens the name)."""
    if tok[1] - tok[0] != 1:
        return False
    prev = next((t for t in tokens if t[1] == tok[0]), None)
    if prev is None:
        return False
    joined = text[prev[0] : tok[1]]
    return joined in lex.known_firms or joined in lex.ambiguous_firms or lex.word_freq(joined) > 0


def _zone_of_its_own(first: str, second: str, lex: Lexicons) -> bool:
    """Whether a zone's name whose first two words are places starts at the second: a place
    that names a zone of its own (松江|长三角G60科创走廊), not a river or lake the first
    place's zone is named by (武汉|长江新城), nor a district of the city or province before it
    (杭州|钱塘新区)."""
    kind = lex.place_kind(second)
    if not lex.is_place(second) or kind == "natural":
        return False
    return not (kind == "county" and lex.place_kind(first) in ("prefecture", "province"))


def _ranked_reserve_start(text: str, tokens: Sequence[Tok], rank: int, lex: Lexicons) -> int | None:
    """Start of a nature reserve's name before its rank that a place opens and what the reserve
    protects follows (盐城|湿地|珍禽|国家级自然保护区, 泉州湾|河口|湿地|省级自然保护区): two or
    three words, the first a place; None if there is none."""
    for j in (rank - 2, rank - 3):
        if j < 0:
            return None
        words = tokens[j:rank]
        if any(_is_boundary(text, t) or t[2][:1] not in ("n", "z", "b") for t in words[1:]):
            return None
        a, b, pos = tokens[j]
        if _place_like(text[a:b], pos, lex) and text[a - 1 : a] != "、":
            return _listed_reserve_start(text, tokens, j)
    return None


def _listed_reserve_start(text: str, tokens: Sequence[Tok], j: int) -> int:
    """Start of a reserve's name whose place word is token `j`: the item's start when the
    reserve follows another in a 、-list and one or two nouns open its item before the place
    (…自然保护区、城|山头|海滨地貌国家级自然保护区: 城山头 names it)."""
    a = tokens[j][0]
    for k in (1, 2):
        if j - k < 0:
            break
        lead = tokens[j - k : j]
        start = lead[0][0]
        if any(_is_boundary(text, t) or t[2][:1] not in ("n",) for t in lead):
            break
        if text[start - 1 : start] == "、" and text.endswith(NATURE_ZONE_WORDS, 0, start - 1):
            return start if 2 <= a - start <= 4 else a
    return a


def _reserve_start(text: str, tokens: Sequence[Tok], start: int, lex: Lexicons) -> int:
    """Start of a nature reserve's or park's name: its official name opens with the province
    or the lake, river or mountain it lies in (江西|武夷山国家级自然保护区, 贵州|梵净山…), so a
    place right before the name (not a list's item) belongs to it."""
    prev = next(((a, b) for a, b, _ in tokens if b == start), None)
    if prev is None or prev[1] - prev[0] < 2 or not lex.is_place(text[prev[0] : prev[1]]):
        return start
    if text[prev[0] - 1 : prev[0]] == "、":
        # 娄底、益阳|…: the last of a list of places, not the reserve's own (but 南矶湿地…保护区、
        # 江西|武夷山…: a list of reserves)
        before = next((a for a, b, _ in tokens if b == prev[0] - 1), None)
        if before is None or lex.is_place(text[before : prev[0] - 1]):
            return start
    return prev[0]


# A park named before 项目 is being built: the project, not yet a place (中俄蒙文化创意产业园项目);
# so is a park a firm builds, named after it (三一重工印度尼西亚产业园)
_PARK_KINDS = ("园", "园区", "城", "小镇")


def _homeless(name: str, lex: Lexicons) -> str:
    """`name` without a home abroad opening it (台湾|富士康贵安产业园 → 富士康贵安产业园)."""
    k = next((k for k in (2, 3, 4) if _home_of_firm(name[:k], lex)), 0)
    return name[k:]


def _opens_with_known_firm(name: str, lex: Lexicons) -> bool:
    return any(name[:k] in lex.known_firms for k in range(2, min(8, len(name) - 2) + 1))


# 中 and one or two countries before a zone's name: the countries that run it together
# (中以|常州创新园, 中新|济南未来产业城, 中俄蒙|国际物流园区)
_BILATERAL_RE = re.compile(f"中[{''.join(sorted(COUNTRY_ABBREVIATIONS - {'中'}))}]{{1,2}}$")
# … also with the host place in brackets (中德（沈阳）高端装备制造产业园, 中欧（保亭）…合作区)
_BILATERAL_PARK_RE = re.compile(
    _BILATERAL_RE.pattern[:-1]
    + r"[（(][\u4e00-\u9fff]{2,8}[）)][\u4e00-\u9fffA-Za-z\d]{0,14}?(?:"
    + "|".join(map(re.escape, ZONE_SUFFIXES))
    + ")"
)


# Kinds of area before 地区 that make "place + kind + 地区" no name (黔南民族地区, 沿边贫困地区)
_AREA_KINDS = (
    "民族", "贫困", "边境", "边疆", "欠发达", "沿海", "沿边", "山区", "牧区", "林区", "农村",
    "周边", "受灾", "重点", "沿线", "沿岸", "两岸", "流域", "沿江", "沿黄", "沿淮", "沿河", "沿湖",
)  # fmt: skip


_DIRECTIONS = frozenset(("东部", "西部", "南部", "北部"))
# A province's abbreviation and a direction: the part of the province (渝东北, 川南, 鲁西南)
_PROVINCE_PART_RE = re.compile(f"[{''.join(sorted(PROVINCE_ABBREVIATIONS))}][东西南北]{{1,2}}")
_PART_AREA_RE = re.compile(_PROVINCE_PART_RE.pattern + "地区")


# Openers of "X + place" slogans (美丽重庆, 平安中国): a zone named so is the slogan's.
SLOGAN_OPENERS = ("美丽", "平安", "健康", "法治")


def slogan_area(text: str, s: int, e: int, lex: Lexicons) -> bool:
    """Whether the zone at s:e is a slogan's demonstration area (美丽甘肃示范区, also when the
    span starts at the place: 美丽|黑龙江示范区), not a zone's name."""
    if not text[s:e].endswith(ZONE_SUFFIXES):
        return False
    if text[max(0, s - 2) : s] in SLOGAN_OPENERS:
        return True
    return text[s : s + 2] in SLOGAN_OPENERS and any(
        lex.is_place(text[s + 2 : s + k]) for k in (4, 5)
    )


def _trade_partners(prefix: str, lex: Lexicons) -> bool:
    """Countries or blocs that make a free trade area together: 中国—东盟, 中韩, 中日韩."""
    parts = [p for p in re.split(r"[—－\-–]", prefix) if p]
    if len(parts) >= 2:
        return all(lex.place_kind(p) in ("country", "region") for p in parts)
    return bool(_BILATERAL_RE.fullmatch(prefix))


# The city in brackets a park lies in, right before the park's kind (广州（清远）产业转移工业园)
_PARTNER_RE = re.compile(r"[（(]([\u4e00-\u9fff]{2,4})[）)]$")


def _host_and_partner_start(text: str, start: int, lex: Lexicons) -> int:
    """Where a park's name starts when a city and, in brackets, the city it runs the park in
    precede `start` (广州（清远）|产业转移工业园), else `start`."""
    partner = _PARTNER_RE.search(text, max(0, start - 6), start)
    if partner is None or not lex.is_place(partner.group(1)):
        return start
    at = partner.start()
    # (a city's, not a country's: 中国（合肥）…产业园 names the park's city alone)
    hosts = [at - k for k in (2, 3, 4) if lex.place_kind(text[max(0, at - k) : at]) in _CITY_KINDS]
    return hosts[0] if hosts else start


def _paired_cities_start(text: str, tokens: Sequence[Tok], start: int, lex: Lexicons) -> int:
    """Where a zone cities share starts: the cities before the one that opens its name,
    with nothing between them (宁波|温州|国家自主创新示范区, 郑州|洛阳|新乡|…), else `start`."""
    by_end = {b: a for a, b, _ in tokens}
    by_start = {a: b for a, b, _ in tokens}
    if lex.place_kind(text[start : by_start.get(start, start)]) != "prefecture":
        return start
    while start in by_end and lex.place_kind(text[by_end[start] : start]) == "prefecture":
        start = by_end[start]
    return start


def zone_prefix_start(text: str, start: int, starts: set[int]) -> int:
    """Where a zone's name starts when what precedes `start` belongs to it: the countries that
    run the zone, opening a token (中以|常州创新园), or 环, around (环|洞庭湖生态经济圈; 环新|
    英湾自贸港新城, where the segmenter fused 环 with the name's first character)."""
    for k in (3, 2):
        a = start - k
        if a >= 0 and a in starts and _BILATERAL_RE.match(text[a:start]):
            return a
    for a in (start - 1, start - 2):
        if a >= 0 and text[a] == "环" and a in starts and (start in starts or a == start - 2):
            return a
    if text[start - 2 : start] in _DIRECTIONS and start - 2 in starts:
        return start - 2  # 东部|滨海新城: the part of the city the zone lies in
    # 渝东北|三峡库区城镇群, 川南|渝西|融合发展试验区: the part of a province it lies in (粤东、
    # 粤西、粤北地区 are three parts)
    while not _PART_AREA_RE.match(text, start):
        part = [a for a in (start - 3, start - 2) if a >= 0 and a in starts]
        part = [a for a in part if _PROVINCE_PART_RE.fullmatch(text, a, start)]
        if not part:
            break
        start = part[0]
    return start


def paired_zone_start(text: str, start: int, tokens: Sequence[Tok]) -> int:
    """Where a cross-border zone's name starts when it pairs two places with a dash (磨憨—磨丁
    经济合作区, 二连浩特—扎门乌德经济合作区): the name words before the dash."""
    if start < 3 or text[start - 1] not in "—－":
        return start
    before = [t for t in tokens if t[1] <= start - 1][-3:]
    new = start - 1
    for a, b, pos in reversed(before):
        if b != new or _is_boundary(text, (a, b, pos)):
            break
        if pos[:1] in ("v", "p", "c", "m") and b - a > 1:
            break  # (a one-character token's tag says little: 磨/v|憨—磨丁)
        if not _CJK_RE.fullmatch(text[a:b]) or start - 1 - a > 5:
            break
        new = a
    return new if start - 1 - new >= 2 else start


def bilateral_parks(text: str, starts: Collection[int], ends: Collection[int]) -> list[Cand]:
    """Bilateral parks named with their host place in brackets (中德（沈阳）高端装备制造产业园),
    starting and ending at a token's start and end."""
    return [
        (m.start(), m.end(), PLACE, "zone")
        for m in _BILATERAL_PARK_RE.finditer(text)
        if m.start() in starts and m.end() in ends
    ]


# What may stand before a park's own name: a list mark, a comma, a conjunction (or a verb)
_PARK_NAME_OPENERS = frozenset("、，；和与及")


def _named_park(
    text: str, tokens: Sequence[Tok], last: int, m: re.Match, lex: Lexicons
) -> int | None:
    """Start of a park's own name before its kind (大飞机|创新谷, 市北|高新园, 吴淞|创新城): one
    or two tokens after a list mark, punctuation or a verb, that make no ordinary word, sector
    or kind of park. None if there is no such name."""
    if m.group() not in _NAMED_PARK_SUFFIXES:
        return None
    for first in (last, last - 1):
        if first < 0:
            return None
        a = tokens[first][0]
        bare = text[a : m.start()]
        before = tokens[first - 1] if first else None
        if not (
            before is None
            or text[before[0] : before[1]] in _PARK_NAME_OPENERS
            or before[2].startswith(("v", "p"))  # 落户|…, 在|…
        ):
            continue
        if (
            not 2 <= len(bare) <= 4
            or not _CJK_NAME_RE.fullmatch(bare)
            or bare.startswith(_PARK_KIND_OPENINGS)
            or bare in lex.concepts
            or bare in lex.programs
            or lex.is_sector(bare)
            or lex.word_freq(bare) >= 1000
            or any(p.startswith(("v", "m", "q", "d", "p")) for _, _, p in tokens[first : last + 1])
            or (lex.word_freq(bare) < RARE_WORD_FREQ and _common_compound(bare, lex))
        ):
            return None
        return a
    return None


# Regions named by their cities' abbreviations fused into one word (长株潭都市圈, 兰白定临城市群)
CLUSTER_WORDS = ("都市圈", "城市群", "经济圈", "城市圈", "城镇群")


# a city's character and a bracketed one before a fused name (金（义）|衢丽城市群)
_BRACKETED_CITY_RE = re.compile(r"[\u4e00-\u9fff][（(][\u4e00-\u9fff][）)]$")


def _bracketed_cities(text: str, start: int, lex: Lexicons) -> int:
    """Where a fused name starts when cities in brackets precede `start` (金（义）|衢丽…)."""
    head = text[max(0, start - 6) : start]
    if (
        (b := _BRACKETED_CITY_RE.search(head))
        and head[b.start()] not in _NAME_CONJ
        and all(c in lex.prefecture_chars for c in head[b.start() :] if c not in "（()）")
    ):
        return start - (len(head) - b.start())
    return start


def _fused_cities(
    text: str, tokens: Sequence[Tok], last: int, m: re.Match, lex: Lexicons
) -> int | None:
    """Start of a city cluster's fused name before its kind (济青|都市圈, 兰白定|临|城市群): the
    last tokens, the longest run of two to four characters that each stand for a city, making
    no word of the dictionary and holding no common word. None if there is no such name."""
    if m.group() not in CLUSTER_WORDS:
        return None
    for first in range(last - 3, last + 1):
        if first < 0 or tokens[first][2] == "c":
            continue  # (…发展|和|苏锡常都市圈: 和 stands for 和田 too, but joins here)
        a = tokens[first][0]
        name = text[a : m.start()]
        words = [text[s:e] for s, e, _ in tokens[first : last + 1]]
        if 2 <= len(name) <= 4 and all(c in lex.city_chars for c in name):
            # the longest such run decides (长株潭 a word: no name, not 株潭 either)
            if lex.word_freq(name) or any(len(w) > 1 and lex.word_freq(w) >= 100 for w in words):
                return None
            return a
    return None


def split_place(name: str, lex: Lexicons) -> list[tuple[int, int]]:
    """Parts of a place span that are places: 武隆仙女山 → 武隆 + 仙女山; 哈克奶源基地 → 哈克."""
    if name.endswith(NATURE_ZONE_WORDS) and len(name) > 5:
        return [(0, len(name))]  # 大围山国家森林公园: a named forest park is a place (spec)
    for cut in range(len(name) - 1, 1, -1):
        head, rest = name[:cut], name[cut:]
        facility = rest in FACILITY_NOUNS or rest.endswith(FACILITY_NOUNS)
        if not lex.is_place(head):
            if (
                facility or (len(rest) >= 2 and lex.word_freq(head[-2:]) < 1000)
            ) and _natural_feature(head, lex):  # (湘桂内河|航运: 内河 is a kind of river)
                # 温榆河公园 → 温榆河, 景迈山古茶林 → 景迈山: a feature the gazetteer lacks
                return [(0, cut)]
            continue
        if facility or rest in PEOPLE_TAILS:
            return [(0, cut)]
        if len(rest) >= 2 and (
            lex.is_place(rest)
            # 武隆|仙女山, 那曲|羌塘草原, 南山|后海: a place and a named feature in it
            or any(rest.endswith(x) and len(rest) > len(x) for x in NATURAL_SUFFIXES)
            # 丰泽|蟳埔村, 信阳|郝堂村: a place and a village or town in it
            or (rest.endswith(TOWN_SUFFIXES) and place_candidate(rest, lex))
            # 六合|竹镇: a county and one of its own towns by its short name
            or (rest in lex.towns_of(head) and town_name(rest, lex))
            # 安吉|余村: a county and a village of one character + 村 no dictionary knows
            # (not a kind of village: 新村)
            or (
                len(rest) == 2
                and rest[1] == "村"
                and lex.place_kind(head) == "county"
                and not lex.word_freq(rest)
            )
        ):
            return [(0, cut), (cut, len(name))]
    return [(0, len(name))]


# The last character of a natural feature's name (温榆河, 雁栖湖, 梅溪)
_FEATURE_LAST = frozenset("河湖山岛湾江溪")


def _natural_feature(name: str, lex: Lexicons) -> bool:
    """A proper name + 河/湖/山/岛/湾/江/溪 of three or more characters (温榆河, 雁栖湖)."""
    return (
        len(name) >= 3
        and name[-1] in _FEATURE_LAST
        and name[-2] != "沿"  # 伊敏河沿河: along a river
        and lex.word_freq(name) < 1000
        and _feature_name(name[:-1], False, lex)
    )


# A river or lake + these is a named region (黄河流域, 黄河口, 珠江口).
WATER_REGION_SUFFIXES = ("流域", "入海口", "河口", "口", "三角洲")  # (黄海|沿岸: the sea)
WATER_SUFFIXES = ("河", "江", "湖", "海")
_WATER_CHARS = frozenset("".join(WATER_SUFFIXES))
_WATER_REGION_RE = re.compile(
    "[" + "".join(WATER_SUFFIXES) + "](?=" + "|".join(WATER_REGION_SUFFIXES) + ")"
)


def water_regions(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """A river's basin or mouth: a gazetteer river, lake or sea + 流域/口/三角洲 (黄河流域,
    珠江口), matched on characters since the segmenter may cut 黄|河口."""
    if not _WATER_REGION_RE.search(text):
        return []  # (no water word before a region's word: most sentences)
    ends = {e for _, e, _ in tokens}
    singles = {s for s, e, _ in tokens if e == s + 1}
    out: list[Cand] = []
    for s, _, _ in tokens:
        for k in range(5, 1, -1):
            if s + k > len(text) or text[s + k - 1] not in _WATER_CHARS:
                continue
            water = text[s : s + k]
            if not text.startswith(WATER_REGION_SUFFIXES, s + k) or not lex.is_place(water):
                continue
            rest = text[s + k : s + k + 3]
            suffix = next((x for x in WATER_REGION_SUFFIXES if rest.startswith(x)), "")
            end = s + k + len(suffix)
            # 复州河、登|沙河|流域: the list's item opens a character before the river
            a = s - 1 if s >= 2 and text[s - 2] == "、" and s - 1 in singles else s
            if suffix and text.startswith("湿地", end) and end + 2 in ends:
                out.append((a, end + 2, PLACE, "zone"))  # 闽江河口|湿地: the mouth's wetland
                break
            if suffix and (end in ends or not text[end : end + 1].strip("，。；、")):
                out.append((a, end, PLACE, "zone"))
                break
            if suffix == "口" and end + 1 in ends and lex.word_freq(text[end - 1 : end + 1]) < 100:
                out.append((a, end, PLACE, "zone"))  # 黄河口|湿地 cut as 黄|河口湿
                break
    return out


# What a firm builds, named before 项目 (双良集团|集中供热|项目, 冀东物贸集团|年产3000辆专用车|
# 项目): no punctuation, list word or particle between the firm and 项目.
_FIRM_PROJECT_RE = re.compile(r"([^，。；、：“”‘’（）()《》\s等的和与及]{2,14}?)项目")
# …or the plant it builds, where the clause says it is built (东阳光药业|创新药产业化基地建成投产,
# 台达电子|东莞研发中心、…完成投资)
_FIRM_FACILITY_RE = re.compile(
    r"([^，。；、：“”‘’（）()《》\s等的和与及]{0,12}?"
    r"(?:研发中心|研发总部|智能工厂|超级工厂|产业化基地|生产基地|制造基地|工厂|生产线))"
    r"(?=[^，。；]{0,30}?(?:建成|投产|开工|竣工|投用|完成投资|加快建设))"
)


def firm_project_end(text: str, firm_end: int) -> int:
    """End of the project a firm's name opens (双良集团集中供热|项目: 项目 dropped; 发那科|智能
    工厂|开工建设: a plant being built), or 0: the works named between the firm and 项目 hold no
    word of a clause (大唐700万吨露天矿完成|项目
    核准, 中国华电|在我省投资建设一批重大|项目)."""
    m = _FIRM_PROJECT_RE.match(text, firm_end) or _FIRM_FACILITY_RE.match(text, firm_end)
    if not m:
        return 0
    works = m.group(1)
    if (
        works in _FIRM_DEALS
        or any(w in works for w in GOVERNING)
        or _CLAUSE_IN_WORKS_RE.search(works)
        or _MONEY_OR_TIMES_RE.search(works)
    ):
        return 0  # 威高集团|投资|项目, 中国华电|在我省投资建设一批重大|项目: a clause, no name
    return m.end(1)


# Words of a clause, not of a project's name, between a firm and 项目 (在我省, 一批, 投资建设)
_CLAUSE_IN_WORKS_RE = re.compile("[在将把向对为了]|一批|一些|一系列|投资|建设|重大|重点")


# What a firm does with projects, or their kind, not a project's name (威高集团签约项目); 投资,
# 重点 and 重大 are caught anywhere by _CLAUSE_IN_WORKS_RE.
_FIRM_DEALS = _words("签约 合作 引进 招商 储备 在建 新建 拟建 续建 产业 技改 落地")


# The last character of a named natural feature's name (海拉尔河, 西山, 九龙江).
_FEATURE_ENDS = tuple("河江湖山岛海湾")
# Areas of a natural feature, each a named place of its own: its wetland and its basin.
FEATURE_AREAS = ("湿地", "流域")


# A river's mouth or delta, itself a feature (not its basin or banks: 黄河流域, 长江沿岸)
_MOUTHS = ("入海口", "河口", "口", "三角洲")


def named_feature(name: str, lex: Lexicons) -> bool:
    """A river, lake, mountain or island by its name: in the gazetteer, or a proper name + 河/
    湖/山… the gazetteer lacks (温榆河); or a river's mouth or delta (长江口, 闽江河口)."""
    return (
        (lex.is_place(name) and name.endswith(_FEATURE_ENDS))
        or _natural_feature(name, lex)
        or any(name.endswith(x) and lex.is_place(name[: -len(x)]) for x in _MOUTHS)
    )


# Tags of the words a clause may put before a list's first name: verbs, adverbs, prepositions,
# numerals and measure words, particles, conjunctions (推进|十五里河, 100|座|黄浦江, 的|海拉尔河)
_NOT_NAME_TAGS = ("v", "d", "p", "q", "m", "u", "c")
_FEATURE_LIST_RE = re.compile(r"(?:[\u4e00-\u9fff]{2,8}、)+[\u4e00-\u9fff]{2,12}")


def _listed_feature(name: str, lex: Lexicons) -> bool:
    """A list item that names a river, lake, mountain…: a named feature, or two characters the
    dictionary does not know ending in a feature's word (派河, 梅溪)."""
    if named_feature(name, lex):
        return True
    if len(name) == 2 and name[-1] == "水" and lex.word_freq(name) < 150:
        return True  # 资水, 沅水: a river named …水 among rivers (污水, 供水 are common words)
    return len(name) == 2 and name[-1] in _FEATURE_LAST and not lex.word_freq(name)


def river_named_after_place(
    text: str, s: int, e: int, lex: Lexicons, starts: Collection[int] | None = None
) -> int:
    """Start of a river's name when the characters before it and its first make a county's or
    a city's name (义|乌江 → 义乌江: 义乌's river, not 乌江); else `s`. With the token `starts`,
    those characters must open a token (平安|龙江: not 安龙's river)."""
    name = text[s:e]
    if s == 0 or not name.endswith(("江", "河", "江流域", "河流域")):
        return s
    for k in (1, 2):
        if starts is not None and s - k not in starts:
            continue
        if s >= k and lex.place_kind(text[s - k : s + 1]) in _CITY_KINDS:
            return s - k
    return s


def river_source_end(text: str, s: int, e: int, lex: Lexicons) -> int:
    """End of a river's source area named after the river (东江|源, 木兰溪|源: a place of its
    own, as 三江源), not its source as a word (海河|源头); else `e`."""
    if text[e : e + 1] != "源" or text[e + 1 : e + 2] in ("头", "泉", "流") or e - s < 2:
        return e
    return e + 1 if text[e - 1] in "江河溪" and named_feature(text[s:e], lex) else e


def listed_features(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """The items of a list of rivers, lakes or mountains (捞刀河、靳江河、龙王港、圭塘河等;
    南淝河、十五里河、派河等入湖河流): where two items and at least half of them are named
    features, each item that is one is a place. The first item loses the clause's verbs, the last
    one what follows its name (佳芦河|流域综合治理)."""
    if "、" not in text:
        return []
    # (two items must end in a feature's word: most lists have none, and need no more work)
    lists = [
        m
        for m in _FEATURE_LIST_RE.finditer(text)
        if sum(any(c in _FEATURE_LAST for c in item) for item in m.group().split("、")) >= 2
    ]
    if not lists:
        return []
    starts = {s for s, _, _ in tokens}
    ends = {e for _, e, _ in tokens}
    # (九龙川、唐家河、平山湖等煤矿: works named by their sites, see site_works)
    sites = [w.span(1) for w in _SITE_WORKS_RE.finditer(text)] if "等" in text else []
    out: list[Cand] = []
    for m in lists:
        if any(a < m.end() and m.start() < b for a, b in sites):
            continue
        items = _list_items(text, m.start(), m.group())
        items[0] = _without_leading(text, tokens, *items[0], _NOT_NAME_TAGS)
        items[0] = _after_time_word(text, tokens, *items[0], lex)
        last_at, last = items[-1]
        cut = next(
            (
                k
                for k in range(2, len(last) + 1)
                if last_at + k in ends and last[k - 1] in _FEATURE_LAST
            ),
            None,
        )
        items[-1] = (last_at, last[:cut] if cut else last)
        # 澧水|和|洞庭湖: the last item's own last name, joined by a conjunction
        last_at, last = items[-1]
        conj = next((k for k in range(2, len(last) - 1) if last[k] in _NAME_CONJ
                     and last_at + k in starts and last_at + k + 1 in starts), None)  # fmt: skip
        if conj is not None:
            items[-1:] = [(last_at, last[:conj]), (last_at + conj + 1, last[conj + 1 :])]
        features = [
            (a, a + len(name))
            for a, name in items
            if a in starts and a + len(name) in ends and _listed_feature(name, lex)
        ]
        if len(features) >= 2 and len(features) * 2 >= len(items):
            # 宜兴|龙池山: a county and a feature in it, both places (spec)
            out.extend(
                (a + x, a + y, PLACE, "zone")
                for a, b in features
                for x, y in split_place(text[a:b], lex)
            )
    return out


def _after_time_word(
    text: str, tokens: Sequence[Tok], offset: int, item: str, lex: Lexicons
) -> tuple[int, str]:
    """A list's first item from the feature that follows a time or locality word in it
    (入汛|后|长江、淮河: the clause's time, then the first river); else the item."""
    end = offset + len(item)
    for s, e, p in tokens:
        if offset <= s and e < end and p[:1] in ("f", "t") and _listed_feature(text[e:end], lex):
            return e, text[e:end]
    return offset, item


def feature_wetlands(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """A named feature's wetland (海拉尔河湿地, 西山湿地), whose name the segmenter cuts in two;
    the resolver also lists the feature (spec: a compound yields both parts)."""
    out: list[Cand] = []
    for i, (s, e, _) in enumerate(tokens[:-1]):
        a, b, _ = tokens[i + 1]
        if a == e and text[a:b] == "湿地" and named_feature(text[s:e], lex):
            out.append((s, b, PLACE, "zone"))
    return out


_SECTION_RE = re.compile(r"（[^（）。，]{1,10}段）")


def sectioned_rivers(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """A river or lake named with its section in brackets: 大盈江（盈江县段）, 赤水河（云南省段）.
    The longest proper name before the bracket that starts a token is the river."""
    starts = {s for s, _, _ in tokens}
    out: list[Cand] = []
    for m in _SECTION_RE.finditer(text):
        end = m.start()
        if text[end - 1 : end] not in ("河", "江", "湖"):
            continue
        for s in range(max(0, end - 6), end - 2):
            name = text[s:end]
            if s not in starts or not _CJK_RE.fullmatch(name):
                continue
            if lex.is_place(name) or _natural_feature(name, lex):
                out.append((s, end, PLACE, "zone"))
                break
    return out


# Region abbreviations: a province's one-character name + a direction (粤北, 苏南, 渝西, 川西北).
REGION_ABBREV_RE = re.compile(
    r"[粤苏渝川鲁豫冀晋辽吉黑浙皖闽赣鄂湘桂琼黔滇藏陕甘青宁蒙][东西南北中]{1,2}"
)


# A party or government body named by its division's suffix and its kind, written as one
# token after the place's short name (泉州|市委, 贵州|省政府): the place is the full name.
_BODY_AFTER_SUFFIX = ("委", "政府", "人民政府", "人大", "政协", "委员会")


def body_places(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """The division inside a body's name the segmenter split after its short name: 泉州|市委 →
    泉州市, 贵州|省委 → 贵州省 (spec: a place inside a government body's name counts)."""
    out: list[Cand] = []
    if not any(w in text for w in ("委", "政府", "人大", "政协")):
        return out
    for (a, b, _), (b2, c, _) in itertools.pairwise(tokens):
        body = text[b2:c]
        if (
            b == b2
            and len(body) >= 2
            and body[0] in "省市县区州旗"
            and body[1:].startswith(_BODY_AFTER_SUFFIX)
            and lex.is_place(text[a : b + 1])
            and lex.is_place(text[a:b])
        ):
            out.append((a, b + 1, PLACE, "body"))
    return out


def region_abbreviations(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """粤北, 苏南, 渝西, 川西北 (spec: standalone abbreviations of a region), as whole tokens
    or before 地区/片区/经济区."""
    starts = {s for s, _, _ in tokens}
    ends = {e for _, e, _ in tokens}
    out: list[Cand] = []
    for m in REGION_ABBREV_RE.finditer(text):
        s, e = m.span()
        if s not in starts or not (e in ends or text[e:].startswith(("地区", "片区"))):
            continue
        if e < len(text) and text[e] in "部方面向侧":
            continue  # 鲁中部: a direction word, not the abbreviation
        out.append((s, e, PLACE, "zone"))
    return out


# Roads named by their ends: 济南至宁津, 董家口至五莲铁路, 绥满高速海拉尔至牙克石段.
ROUTE_HEADS = ("高速公路", "城际铁路", "铁路", "高速", "高铁", "城际", "公路", "快速路", "段", "线")
_ROUTE_HEADS_RE = "|".join(ROUTE_HEADS)
ROUTE_RE = re.compile(
    r"([\u4e00-\u9fff]{2,12}?)至([\u4e00-\u9fff]{2,6}?)"
    # a road's or railway's head ends the name whatever follows (黄桶至百色铁路开工); a section
    # (段, 线) or no head, only before punctuation or 项目 (…至平谷段 may qualify a longer name)
    rf"(?:({'|'.join(h for h in ROUTE_HEADS if h not in ('段', '线'))})(?![段线])"
    rf"|({_ROUTE_HEADS_RE})?(?=等|[，。；、及和（]|项目|工程))"
)


# A line's or road's number right before a route's ends: the route is a section of it
_LINE = r"(?:(?:轨道交通|地铁|城市轨道)?\d+号线|[GS]\d{1,4})"
_LINE_BEFORE_RE = re.compile(_LINE + "$")
# A numbered line's section between two stations (轨道交通22号线红庙至平谷段) or its extension
# (2号线东延线, 1号线北延一期, 8号线延长线): a project whatever follows, and whatever the
# segmenter made of it (2|号|线西|延|二期)
_LINE_PART_RE = re.compile(
    _LINE + r"(?:[\u4e00-\u9fff]{2,6}?至[\u4e00-\u9fff]{2,6}?段"
    r"|(?:(?:[东西南北]延伸?|延伸)(?:段|线)?|延长(?:段|线))(?:[一二三四五六七八九十\d]+期)?)"
)


# What makes a route with no head a project: 项目 or 工程 after it, or after the list of routes
# it opens, closed by 等 or by the last route's head (毕节至威宁、剑河至榕江等高速公路, 榆林至佳县、
# 吴堡至子长高速公路)
_ROUTE_LIST_TAIL_RE = re.compile(
    r"(?:、[\u4e00-\u9fff]{2,12}?至[\u4e00-\u9fff]{2,6}?)*(?:等[^，。；]{0,10}?)?"
    rf"(?:项目|工程|特高压|输电|{'|'.join(h for h in ROUTE_HEADS if h not in ('段', '线'))})"
)  # (蒙西至京津冀、库布其至上海等特高压外送通道: power lines by their ends)


def route_programs(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """A road or railway project named by its two ends, both places (济南至宁津等5个项目);
    a numbered line's section or extension."""
    out: list[Cand] = []
    for m in _LINE_PART_RE.finditer(text):
        # 上海|轨道交通17号线西延伸: the city's rail transit, one name with the city
        city = next((a for a, b, _ in tokens if b == m.start()), None)
        if (
            city is None
            or not text.startswith(("轨道交通", "地铁", "城市轨道"), m.start())
            or lex.place_kind(text[city : m.start()]) not in ("prefecture", "province")
        ):
            city = m.start()
        out.append((city, m.end(), PROGRAM, "route"))
    if "至" not in text:
        return out
    starts = {s for s, _, _ in tokens}
    for m in ROUTE_RE.finditer(text):
        left, right, head = m.group(1), m.group(2), m.group(3) or m.group(4) or ""
        # the left end: the longest place-like tail of the left chunk that starts a token
        start = next(
            (
                m.start(1) + k
                for k in range(len(left) - 1)
                if m.start(1) + k in starts and _route_end(left[k:], lex)
            ),
            None,
        )
        if start is None or not _route_end(right, lex):
            continue
        if not head and not _ROUTE_LIST_TAIL_RE.match(text, m.end()):
            continue  # 由…增至…: a change of a figure, not a route
        if line := _LINE_BEFORE_RE.search(text, max(0, start - 12), start):
            start = line.start()  # G225|乐东至三亚段: the road's part
        # 黄桶至百色铁路|广西段: the section of the line in a place
        end = _works_section_end(text, tokens, m.end(), lex) if m.group(3) else m.end()
        out.append((start, end, PROGRAM, "route"))
    return list(dict.fromkeys(out))


# Lines listed before the one that carries the head word (莱临、德商、日照至五莲、聊邯长铁路;
# 建成雄商、济滨高铁): each item is a line of its own, written without the head.
LINE_LIST_RE = re.compile(
    r"((?:[\u4e00-\u9fff]{2,6}、)+)(?=[\u4e00-\u9fff]{2,6}?(?:高速铁路|城际铁路|铁路|高铁|城际))"
)


_AFTER_NUMBER_RE = re.compile(r"[0-9A-Za-z０-９][\u4e00-\u9fff]?$")


def elliptical_lines(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """The items of a list of railway lines that come before the item with the head word."""
    if "、" not in text:
        return []
    starts = {s for s, _, _ in tokens}
    ends = {e for _, e, _ in tokens}
    out: list[Cand] = []
    for m in LINE_LIST_RE.finditer(text):
        for k, (offset, item) in enumerate(_list_items(text, m.start(1), m.group(1).rstrip("、"))):
            a, b = offset, offset + len(item)
            if a not in starts or b not in ends or not 2 <= len(item) <= 6:
                continue
            if k == 0 and _AFTER_NUMBER_RE.search(text, max(0, a - 2), a):
                continue  # 宁德核电6|号机组、温福高铁: a number's measure word opens no line's name
            if "至" in item:
                left, _, right = item.partition("至")
                ok = _route_end(left, lex) and _route_end(right, lex)
            else:  # two or three abbreviated ends (莱临, 聊邯长): cities' characters, no word
                ok = (
                    len(item) <= 3
                    and not lex.word_freq(item)
                    and not lex.is_place(item)
                    and all(c in lex.city_chars for c in item)  # (not …（成渝）|开行量)
                )
            if ok:
                out.append((a, b, PROGRAM, "route"))
    return out


def _route_end(name: str, lex: Lexicons) -> bool:
    """One end of a route: a place, a town by its short name (黄桶), or a place + a short local
    name (晏城, 表白寺)."""
    if lex.is_place(name):
        return True
    if (
        2 <= len(name) <= 3
        and lex.word_freq(name) < 100
        and any(lex.place_kind(name + kind) == "town" for kind in ("镇", "乡", "街道"))
    ):
        return True
    if 2 <= len(name) <= 4 and any(
        lex.place_kind(name + kind) == "natural" for kind in ("沙漠", "沙地", "盆地", "草原")
    ):
        return True  # 库布其(沙漠)至上海: a power base by its desert's short name
    return (2 <= len(name) <= 4 and lex.word_pos(name) == "ns") or (
        lex.is_place(name[:2]) and len(name) <= 5
    )


# A place's name ending so is a street's or a road's (尼尔基路): the spec does not score them.
STREET_ENDINGS = ("路", "街", "大道", "胡同", "巷")
# Streets, buildings and housing estates named after a place are not that place (建华路, 栖霞街).
# (not 出口: 对印尼出口 is an export, more often than a road's exit)
STREET_NOUNS = ("路", "街", "大街", "大道", "巷", "胡同", "写字楼", "大厦", "小区", "家园", "花园")


def in_agreement(text: str, end: int) -> bool:
    """Whether the place ending at `end` is inside an agreement's title (跨太平洋伙伴关系协定)."""
    tail = re.match(r"[\u4e00-\u9fff]{0,10}", text[end:])
    return (
        bool(tail)
        and tail.group().endswith(("协定", "协议"))
        # (四川省|人民政府签署协议: a party signing an agreement, not the agreement's title)
        and not _SIGNING_RE.search(tail.group())
    )


_SIGNING_RE = re.compile("签|达成|订立|缔结")


# A ranking's title, not a place (全国千强镇, 百强县, 十佳乡镇).
_RANK_TITLE_RE = re.compile(r"(?:全国|全省|中国)?[一二三四五六七八九十百千万]+(?:强|佳)")


def rank_title(name: str) -> bool:
    """Whether `name` is a ranking's title rather than a place (千强镇, 百强县)."""
    return _RANK_TITLE_RE.match(name) is not None


# Lists of routes counted by 条 (新昆楚大、临清等40条高速公路): their items are routes named
# after the places they join, not those places.
_ROUTE_LIST_RE = re.compile(
    r"((?:[^，。；：、“”（）\s]{2,10}、)+[^，。；：、“”（）\s]{2,10}?)"
    r"(?=等[\d一二三四五六七八九十两百]+条(?:高速公路|高速|铁路|高铁|城际铁路|城际|国省道|公路))"
)


def route_list_items(text: str) -> set[tuple[int, int]]:
    """Spans of the (whole) items of the lists of routes counted by 条 in `text`."""
    if "条" not in text:
        return set()
    return {
        (a, a + len(item))
        for m in _ROUTE_LIST_RE.finditer(text)
        for a, item in _list_items(text, m.start(), m.group(1))
    }


# Events named after the place they are held in (博鳌亚洲论坛, 北京冬奥会): the place inside
# is the event's name, not a place of the report (the spec's places inside event names).
_EVENT_RE = re.compile(
    r"[^\W\d_个两三四五六七八九十分的和与及等]{0,4}?(?:论坛|博览会|运动会|峰会|交易会|洽谈会|冬奥会|奥运会|亚运会|"
    r"世博会|进博会|广交会|电影节|艺术节|文化节)"
)


# 大兴|调查研究之风: a place's name used as the verb of "promote … a style of work".
_STYLE_OBJECT_RE = re.compile(r"[\u4e00-\u9fff]{2,8}?之风")


def governs_a_style(text: str, end: int) -> bool:
    """Whether the word ending at `end` governs "…之风" (大兴学习之风): a verb, not a place."""
    return bool(_STYLE_OBJECT_RE.match(text, end))


def in_event_name(text: str, end: int) -> bool:
    """Whether the place ending at `end` is inside the name of an event (博鳌亚洲|论坛)."""
    return bool(_EVENT_RE.match(text, end))


# Institutions whose names a place opens without being located by it (中山|医院, 复旦|大学)
_PLACE_NAMED_INSTITUTIONS = ("医院", "大学", "学院", "中学", "小学")


def opens_institution_name(text: str, start: int, end: int) -> bool:
    """Whether the place at start:end opens the name of a hospital, university or school
    directly (复旦大学附属|中山|医院): spec — a place only inside an institution's name is
    none to score; a city's institution written with 市 keeps it (威海市|立医院), and a branch
    after its parent is located by it (…附属医院|定西|医院, …中山医院|厦门|医院)."""
    return (
        text.startswith(_PLACE_NAMED_INSTITUTIONS, end)
        and text[end - 1] not in "省市县区"
        and not text.endswith(_PLACE_NAMED_INSTITUTIONS, 0, start)
    )


def names_a_street(text: str, end: int) -> bool:
    """Whether the place ending at `end` opens the name of a street or building."""
    after = text[end : end + 4]
    # 南京|东路: a street named after a place and a direction
    return (
        after.startswith(STREET_NOUNS)
        or (after[:1] in "东西南北中" and after[1:].startswith(("路", "街", "大街", "大道")))
        # 巴彦|托海路: a street whose name opens with a place's short name (not 高铁路网,
        # 丝绸之路; 麒麟区|西门街, 城西街道|何斯路村 are a division and what lies in it)
        or (
            text[end - 1 : end] not in ("", *"省市县区州盟旗镇乡村道")
            and _CJK_NAME_RE.fullmatch(after[:2]) is not None
            and after[:1] not in "一二三四五六七八九十两几"  # (宗汉|四个街道: a count)
            and after[2:3] in ("路", "街")
            and after[1:3] not in _NOT_STREETS
            and after[:3] not in _NOT_STREETS
        )
    )


# Words ending in 路/街 that are not a street's name (高铁路网, 发展之路, 步行街).
_NOT_STREETS = frozenset(
    ("铁路", "公路", "道路", "线路", "水路", "思路", "出路", "之路", "马路", "网路", "电路",
     "步行街", "商业街", "美食街", "特色街")
)  # fmt: skip


# ---------------------------------------------------------------- named projects

# Lists of projects: every item is a named project (山东时代新能源电池基地、先导激光雷达等项目,
# 巴斯夫核心装置、埃克森美孚一期…等一批重大项目), written with its qualifiers; 项目 dropped.
PROJECT_ITEMS_RE = re.compile(
    r"((?:[^，。；：、“”（）(),;等\s]{2,24}、)*[^，。；：、“”（）(),;等\s]{2,24}?)"
    # (not …等企业在潍投资项目: the items are the firms, not their projects)
    r"(?=(?:项目)?等" + _NOT_AREAS + r"(?![^，。；、]{0,4}?(?:企业|公司|集团|厂商))"
    r"(?:[\d一二三四五六七八九十百千万两多余]+[个项批]|一批)?"
    r"[^，。；、]{0,8}?(?:项目|重大工程|基础设施|交通线|(?<=等)工程"
    r"|(?:重大|重点|骨干|战略性|标志性)?(?:水利|水网|交通|能源|防洪|供水)?(?<=[大点干性志利网通源洪水])工程))"
)
_COUNTED_KIND_RE = re.compile(r"\d+个$")
# …and lists closed by 项目 itself (华润雪花啤酒迁建、亘富200万吨褐煤提质项目核准).
PROJECT_BARE_LIST_RE = re.compile(
    r"((?:[^，。；：、“”（）()等\s]{2,24}、)+[^，。；：、“”（）()等\s]{2,24}?)(?=项目)"
)
PHASE_RE = re.compile(r"^(?:第?[一二三四五六七八九十\d]+期)$")
_ITEM_LEAD_POS = ("v", "d", "ad", "p", "c", "u", "r", "m", "q", "f")


_ITEM_VERBS = tuple(
    sorted(GOVERNING | LEADING_STRIP | {"投产", "开工", "新开工", "建成投产", "竣工"}, key=len)
)


def _after_last_verb(text: str, starts: set[int], a: int, b: int) -> int:
    """After the last governing verb inside a list's first item (重点实施|哈克镇农村敬老院)."""
    best = a
    for verb in _ITEM_VERBS:
        i = text.rfind(verb, a, b)
        while i >= a:
            end = i + len(verb)
            if i in starts and end in starts and b - end >= 3 and end > best:
                best = end
                break
            i = text.rfind(verb, a, i)
    return best


def _strip_item_lead(text: str, tokens: Sequence[Tok], start: int, end: int) -> int:
    """Start of a project's name in an item: after the verbs and adverbs that open a clause."""
    for s, e, pos in tokens:
        if s < start:
            continue
        if s >= end:
            break
        word = text[s:e]
        lead = word in GOVERNING or word in LEADING_STRIP or word in _LIST_VERBS_SET
        if lead or (pos.startswith(_ITEM_LEAD_POS) and not pos.startswith("vn")):
            if pos == "m" and NUMERAL_START_RE.match(word) and not COUNTED_RE.match(word):
                return s  # 2×35万千瓦…: a number that belongs to the name
            start = e
            continue
        return s
    return start


def _named_project(text: str, tokens: Sequence[Tok], start: int, end: int, lex: Lexicons) -> bool:
    """A project's name shows something proper: a place, a rare word, a number, or a firm
    (巴斯夫核心装置, 先导激光雷达), or a place name the dictionary tags (江浦路|越江隧道)."""
    if _distinctive(text, tokens, start, end, lex):
        return True
    if any(
        p == "ns" and lex.word_freq(text[s:e]) < 2000
        for s, e, p in tokens
        if start <= s and e <= end
    ):
        return True
    name = text[start:end]
    return bool(_firm_at(name, lex, head_only=True) or _firm_names(lex.known_firms).search(name))


_PHASE_INSIDE_RE = re.compile(r"[一二三四五六七八九十\d]期|[段线]")


def _placed_project(text: str, tokens: Sequence[Tok], start: int, end: int, lex: Lexicons) -> bool:
    """A project's name with a place, a phase or section, or a firm in it (南渡江防洪治理,
    哈克现代化牧场二期), not a kind of works (城市绿化, 三级管网改造): what a list closed by a
    bare 等工程 needs, where kinds of works are listed as often as named projects."""
    name = text[start:end]
    if _PHASE_INSIDE_RE.search(name) or re.search(r"[A-Z]\d+", name):
        return True
    facility = any(f in name for f in _NAMED_FACILITIES)
    for s, e, _ in tokens:
        if start <= s and e <= end:
            word = text[s:e]
            if lex.is_place(word):
                return True
            if facility and len(word) >= 2 and not lex.word_freq(word) and word not in lex.concepts:
                return True  # 景电|灌区, 谢尔塔拉|公路: a facility named by a word of its own
    return bool(_firm_at(name, lex, head_only=True))


# Facilities that a name before them makes one project (景电灌区, 谢尔塔拉公路, S4公路).
_NAMED_FACILITIES = ("灌区", "公路", "铁路", "水库", "大桥", "隧道", "电站", "水厂", "渠")


def _after_zone(text: str, starts: set[int], a: int, b: int) -> int:
    """Where a project item's name begins after the zone it is in (中俄蒙国际物流园区|中网科技
    云计算): the zone is a place of its own."""
    for m in ZONE_RE.finditer(text, a, b):
        if m.end() in starts and b - m.end() >= 4 and m.start() - a >= 2:
            return m.end()
    return a


_IN_HOME_RE = re.compile(r"在(?:我|本|全)[省市区县州旗]")
_COUNT_TAIL_RE = re.compile(r"(?:一批|一系列|若干|[\d一二三四五六七八九十百千]+[个项批])$")


# Money or a number of times in a list item: a sum or a clause, no project's name.
_MONEY_OR_TIMES_RE = re.compile(r"\d(?:[\d.]*)(?:亿元|万元|元|亿美元|万美元|次)")


# Facilities named after their phase (白龙港三期污水厂, 上海产业转型升级二期基金).
_PHASED_FACILITIES = ("厂", "设施", "基金", "电站", "码头", "泊位", "生产线")


def _project_list_items(
    text: str, tokens: Sequence[Tok], starts: set[int], start: int, body: str
) -> list[tuple[int, int]]:
    """(start, end) of each item of the 、-list `body` at `start`; the first item begins after
    the verbs and adverbs of its clause (重点实施|哈克镇农村敬老院, 加快|九龙川)."""
    items: list[tuple[int, int]] = []
    pos = start
    for k, item in enumerate(body.split("、")):
        a, b = pos, pos + len(item)
        pos = b + 1
        if k == 0:
            a = _strip_item_lead(text, tokens, _after_last_verb(text, starts, a, b), b)
        items.append((a, b))
    return items


def project_items(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """Named projects: the items of a list closed by 等…项目; names with a phase (裕龙石化一期)."""
    # (the characters each pattern needs: most sentences have none, and a pattern that opens
    # with a repeated class tries every start and length before it fails)
    found = [
        *(PROJECT_ITEMS_RE.finditer(text) if "等" in text else ()),
        *(PROJECT_BARE_LIST_RE.finditer(text) if "、" in text and "项目" in text else ()),
    ]
    phased = "期" in text
    if not found and not phased:
        return []
    starts = {s for s, _, _ in tokens}
    ends = {e for _, e, _ in tokens}
    out: list[Cand] = []
    token_at = {s: text[s:e] for s, e, _ in tokens}

    def _opens_word(i: int) -> bool:  # (及胶|新铁路: a glued token still opens at the 及)
        return i in token_at and not lex.is_place(token_at[i])

    for m in found:
        if _COUNT_TAIL_RE.search(m.group(1)):
            continue  # 与招商局集团、中国建筑签约一批|项目: a count of projects, not their names
        if "更多" in m.group(1).split("、")[0]:
            continue  # 推动更多|企业增资扩产项目、上市公司募投项目: more of some kinds, no names
        # …等工程 alone (not 等重大工程, 等项目): a list of kinds of works as often as of names
        bare_works = re.match(r"(?:项目)?等工程", text[m.end(1) :]) is not None
        spans = []
        items = _project_list_items(text, tokens, starts, m.start(1), m.group(1))
        for k, (a, b) in enumerate(items):
            if k == 0:
                done = text.find("了", a, min(b, a + 4))
                if done > a and done in starts and done + 1 in starts:
                    a = done + 1  # 落户了|腾讯云: a verb's aspect ends the clause's verbs
            # 董家口至五莲铁路及胶新铁路扩能改造, 沪苏湖铁路上海段和轨道交通南汇支线: two projects
            # (not a 和 inside a word: 西和县礼县西汉水人饮 is one project)
            cut = max((i for i in range(a, b) if text[i] in "及和" and _opens_word(i)), default=-1)
            both = text.rfind("以及", a, b)  # …iCloud项目以及|能源集团的风电
            if both > max(a, cut) and token_at.get(both) == "以及":
                spans += [(a, both), (both + 2, b)]
            else:
                spans += [(a, cut), (cut + 1, b)] if cut > a else [(a, b)]
        for a, b in spans:
            owner = text.rfind("的", a, b)
            if owner > a and owner + 1 in starts and not _MONEY_OR_TIMES_RE.search(text[a:owner]):
                a = owner + 1  # 大数据集团的|iCloud项目: the project's name follows its owner
            if text[a:b].endswith("项目"):
                b -= 2
            # 鄂尔多斯集团|加快|煤化工: a governing verb inside the item ends a clause before it
            a = max((e for s, e, p in tokens if a < s and e < b and p[:1] == "v"
                     and text[s:e] in GOVERNING), default=a)  # fmt: skip
            a = _after_zone(text, starts, a, b)
            if a not in starts or b not in ends or b - a < 3 or AMOUNT_START_RE.match(text[a:b]):
                continue  # (10万亩马铃薯种薯基地: an amount of a kind of works; 两港大道 is a name)
            name = text[a:b]
            if name in GENERIC_PROGRAM or name in lex.concepts or _generic_bare(name):
                continue
            if _COUNTED_KIND_RE.search(name) or name.startswith("投资") or name.endswith("投资"):
                # 工业投资项目270个, 投资2000万元以上的技改: kinds of projects; 哈药集团、北大荒
                # 集团投资|项目: what firms do, not a project's name
                continue
            if _MONEY_OR_TIMES_RE.search(name):
                continue  # 援助资金161.15亿元, 16次调度推进…: a sum or a clause, no name
            if _IN_HOME_RE.search(name):
                continue  # 奇瑞汽车在我省布局整车|项目: a clause about projects, not a name
            if _firm_at(name, lex, head_only=False) == len(name) or lex.is_place(name):
                continue  # 东营富海等项目: the firm (or the place), not a project name
            if any(
                name[k:] in lex.known_firms and (k == 0 or lex.is_place(name[:k]))
                for k in (0, 2, 3)
            ):
                continue  # 安徽|江淮汽车、德国|巴斯夫…项目: a well-known firm at its place
            if not _named_project(text, tokens, a, b, lex):
                continue  # 城区绿化, 给排水管网: a kind of works, not a named project
            if _overseas_plant(text, tokens, a, b, lex):
                continue  # 宁德时代|德国|图林根工厂: a plant abroad, no project's name
            if bare_works and not _placed_project(text, tokens, a, b, lex):
                continue  # 中央桥加固、城市绿化、亮化等工程: kinds of works beside a name
            out.append((a, b, PROGRAM, "project"))
    for i, (s, e, _) in enumerate(tokens) if phased else ():
        if not PHASE_RE.match(text[s:e]) or i == 0 or _is_boundary(text, tokens[i - 1]):
            continue  # (…度假城项目，|一期工程开工: a phase after a comma has no name before it)
        start = _extend_left(text, tokens, i - 1, _MAX_NAME)
        end = e
        if i + 1 < len(tokens) and text[tokens[i + 1][0] : tokens[i + 1][1]] == "工程":
            end = tokens[i + 1][1]
        for k in (i + 1, i + 2):  # 白龙港三期|污水|厂, …二期|基金: the phase of a facility named on
            if k < len(tokens) and text[e : tokens[k][1]].endswith(_PHASED_FACILITIES):
                end = tokens[k][1]
                break
        name = text[start:s]
        if len(name) < 2 or NUMERAL_START_RE.match(name) or name in lex.concepts:
            continue
        before = next((t for t in reversed(tokens) if t[1] <= start), None)
        if before and (
            before[2] == "m"
            or text[before[0] : before[1]] in UNIT_WORDS
            or text[before[1] - 1 : before[1]] in ("/", "／")  # 1500万吨/|年煤炭分质…一期
        ):
            continue  # 亘富200万吨|褐煤提质一期: the name began before an amount
        if _generic_bare(name) or not _named_project(text, tokens, start, s, lex):
            continue
        out.append((start, end, PROGRAM, "project"))
    return out


# A plant abroad named by its foreign town (图林根|工厂, 德布勒森|工厂).
_OVERSEAS_PLANT_RE = re.compile(r"(?:[\u4e00-\u9fff]{0,5}(?:工厂|基地))?")


def _overseas_plant(text: str, tokens: Sequence[Tok], a: int, b: int, lex: Lexicons) -> bool:
    """Whether a project item is a firm's plant or project abroad, named by its country (宁德时代|
    德国|图林根工厂, 匈牙利|德布勒森工厂 after it, 青拓集团|印度尼西亚项目): the gold's overseas
    plant, no project's name."""
    for s, e, _ in tokens:
        if a <= s and e <= b and lex.place_kind(text[s:e]) == "country":
            before = text[a:s]
            if before and _firm_at(before, lex, head_only=False) != len(before):
                return False
            return abroad_works(text[s:b], lex)
    return False


def abroad_works(works: str, lex: Lexicons) -> bool:
    """Works named by a foreign country alone or with a town there and 工厂/基地 (墨西哥|工厂,
    德国|图林根工厂, 印度尼西亚); not a foreign firm's project in China (德国|博世|长沙工厂, 德国|
    舒勒|丹阳精密模具工厂): the words after the country hold no firm and no place of China."""
    home = next(
        (k for k in range(min(5, len(works)), 1, -1) if lex.place_kind(works[:k]) == "country"),
        0,
    )
    after = works[home:]
    if not home or _OVERSEAS_PLANT_RE.fullmatch(after) is None:
        return False
    town = after[:-2]
    return not (
        any(town[:k] in lex.known_firms for k in range(2, len(town) + 1))
        or any(
            lex.place_kind(town[i:j]) in _CITY_KINDS
            for i in range(len(town))
            for j in range(i + 2, len(town) + 1)
        )
    )


# Lists of energy and water works named by their sites and closed by their kind (旭龙、奔子栏、
# 古水等水电站建设, 后安、公婆泉等煤矿项目核准): each item is a project's elided name.
_SITE_WORKS_RE = re.compile(
    r"((?:[^，。；：、“”（）(),;等\s]{2,16}、)+[^，。；：、“”（）(),;等\s]{2,16}?)等"
    r"(?:[\d一二三四五六七八九十两]+[个座处])?(?:大型|重点|在建)?"
    r"(?:煤矿|矿井|露天矿|水电站|抽水蓄能电站|风电场|光伏电站|核电站|水库|水利枢纽|灌区)"
    r"(?=和|及|、|项目|建设|开工|核准|前期|投产|工程)"
)


def site_works(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """The items of a list of works named by their sites (九龙川、唐家河…等煤矿建设): PROGRAM,
    not places (the spec: a place inside a named project does not count). An item is a name the
    dictionary does not know as a word, or a place."""
    starts = {s for s, _, _ in tokens}
    ends = {e for _, e, _ in tokens}
    out: list[Cand] = []
    for m in _SITE_WORKS_RE.finditer(text) if "、" in text and "等" in text else ():
        items = _project_list_items(text, tokens, starts, m.start(1), m.group(1))
        names = [
            (a, b)
            for a, b in items
            if a in starts
            and b in ends
            and 2 <= b - a <= 5
            and _CJK_RE.fullmatch(text[a:b])
            and text[a:b] not in lex.concepts
            and (lex.is_place(text[a:b]) or lex.word_freq(text[a:b]) < 50)
        ]
        if len(names) == len(items):  # 大型、特大型等煤矿: kinds, not names — all or none
            out += [(a, b, PROGRAM, "project") for a, b in names]
    return out


# Clause words that show transliterated names are places (开通伊尔库茨克、乌兰乌德等国际航线).
FOREIGN_PLACE_CONTEXT = (
    "城市",
    "航线",
    "口岸",
    "国家",
    "地区",
    "港口",
    "边境",
    "友好",
    "班列",
    "首都",
)


def foreign_places(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """Transliterated foreign places that the segmenter tags as names (伊尔库茨克/nrt), in a
    clause that speaks of cities, routes or ports."""
    out: list[Cand] = []
    for s, e, pos in tokens:
        word = text[s:e]
        if len(word) < 3 or lex.is_place(word) or pos not in ("ns", "nrt", "nz", "nr", "x", ""):
            continue
        if not all(ch in TRANSLITERATION_CHARS for ch in word):
            continue
        if any(lex.word_freq(word[i : i + 2]) >= 1000 for i in range(len(word) - 1)):
            continue  # 古|森林: Chinese words, no transliteration
        prev = next((text[a:b] for a, b, _ in tokens if b == s), "")
        if prev in lex.known_firms or prev in lex.ambiguous_firms:
            continue  # 海尔|卡奥斯: a known firm's platform or brand, no place
        a = max(text.rfind(p, 0, s) for p in "，。；：") + 1
        b = min((i for i in (text.find(p, e) for p in "，。；：") if i >= 0), default=len(text))
        if (pos == "ns" and not lex.is_brand(word)) or any(
            w in text[a:b] for w in FOREIGN_PLACE_CONTEXT
        ):
            # (a registered brand tagged as a place needs the clause's support: 福布斯 排名)
            out.append((s, e, PLACE, "foreign"))
    return out


# A foreign country's state, province or prefecture after the country (德国|巴伐利亚州,
# 韩国|全罗北道, 日本|山口县, 俄罗斯|滨海边疆区)
_FOREIGN_REGION_RE = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:边疆区|大区|州|省|道|县)")


def foreign_regions(text: str, tokens: Sequence[Tok], lex: Lexicons) -> list[Cand]:
    """A region of a foreign country named right after the country, ending where a word ends:
    a place's name or one no dictionary knows + 州/省/道/县/大区/边疆区 (德国巴伐利亚州 →
    巴伐利亚州)."""
    starts = {s for s, _, _ in tokens}
    ends = {e for _, e, _ in tokens}
    out: list[Cand] = []
    for s, e, _ in tokens:
        m = _FOREIGN_REGION_RE.match(text, e)  # (first: the cheaper test)
        if not m or e not in starts or m.end() not in ends:
            continue
        country = text[s:e]
        if country == "中国" or lex.place_kind(country) != "country":
            continue
        name, stem = m.group(), m.group(1)
        if lex.is_place(name) or any(lex.is_place(name[k:]) for k in range(1, len(name) - 1)):
            continue  # 日本|福建省, 日本松下|杭州: no region of the country
        if any(c in _NAME_CONJ for c in stem) or any(
            a == 0 for names in (lex.known_firms, lex.ambiguous_firms)
            for a, _ in _firm_names(names).finditer(stem)
        ):  # fmt: skip
            continue  # 德国|巴斯夫与省…: a firm of the country, then a conjunction
        known = "ns" in (lex.word_pos(name), lex.word_pos(stem)) or lex.word_pos(stem) == "nrt"
        if known or not (lex.word_freq(stem) and lex.word_freq(name)):
            out.append((m.start(), m.end(), PLACE, "foreign"))  # a place's name, or no word
    return out


# What opens a program's span without belonging to its name: an enumerator (八是|深化改革), the
# body that adopts the plan (市委|十五五规划).
_PROGRAM_LEAD_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+是|(?:党中央|中央|省委|市委|区委|县委|州委)(?=“?十))"
)
# A count of things, not a name (2家中试平台, 7大要素交易服务平台).
# (四个意识, 三大攻坚战 — Chinese numerals — are slogans.)
_COUNTED_RE = re.compile(r"^\d+(?:家|个|项|类|座|条|大)")
# …or counts the places it is about (碌曲、玛曲、镇原4县高速项目).
_COUNT_INSIDE_RE = re.compile(r"(?<=[\u4e00-\u9fff])\d+(?:县|市|区|个|家|项)")
# An ordinal of things ranks one, it does not name it (亚洲第一个专业货运机场, 第二条高速公路;
# 第十四个五年规划 is the plan's name; a pilot's batch is part of its name: 碳达峰第二批试点).
_ORDINAL_THING_RE = re.compile(
    r"第[一二三四五六七八九十百千\d]+(?:个(?!五年)|条|座|所|艘|架|台|项|处)"
)
# A sum of money describes a work, it does not name it (超百亿元水利工程, 10亿元产业园).
_AMOUNT_RE = re.compile(r"(?:[\d.]+|[一二三四五六七八九十百千两]+)(?:亿|万)元|\d+元")


# A program's head word (its closing quote) and a conjunction: another program's name follows
_JOINED_PROGRAMS_RE = re.compile("(?:工程|计划|行动|战略|工作法)”?[和与及]")


def trim_program(text: str, s: int, e: int) -> tuple[int, int] | None:
    """A program span without what opens it but is not its name; None if it is a count."""
    m = _PROGRAM_LEAD_RE.match(text[s:e])
    if m:
        s += m.end()
    joined = [j.end() for j in _JOINED_PROGRAMS_RE.finditer(text, s, e) if j.end() < e - 1]
    if joined:
        s = joined[-1]  # “强师工程”和|县中振兴工程 (jieba: 和县): the last of programs joined
    e = _balanced_end(text, s, e)
    if e - s > 4 and text.endswith("长制", s, e) and text[e - 3] == text[e - 4]:
        s = e - 3  # 产业链|链长制: the chain's chief, after the domain that repeats its 链
    name = text[s:e]
    if _COUNTED_RE.match(name) or _COUNT_INSIDE_RE.search(name) or e - s < 2:
        return None
    if _ORDINAL_THING_RE.search(name) or _AMOUNT_RE.search(name):
        return None
    if _part_of_formula(text, s, e):
        return None  # “直播+平台+跨境电商+海外仓”: a piece of a quoted formula
    return s, e


_BRACKETS = {"（": "）", "(": ")"}


def _balanced_end(text: str, s: int, e: int) -> int:
    """The end of a name that opens a bracket: after the bracket's close when it follows at
    once (厦金大桥（厦门段|）), else before the bracket (a name cut inside it is no name)."""
    depth, first_open = 0, -1
    for i in range(s, e):
        if text[i] in _BRACKETS:
            if depth == 0:
                first_open = i
            depth += 1
        elif text[i] in _BRACKETS.values() and depth:
            depth -= 1
    if not depth:
        return e
    if depth == 1 and text[e : e + 1] == _BRACKETS[text[first_open]]:
        return e + 1
    return first_open


# A count of campaigns is a label of its own, not a campaign whose 战 the spec drops
# (三大攻坚战: 三大攻坚 is no word).
_COUNTED_CAMPAIGNS_RE = re.compile(r"[一二三四五六七八九十两\d]+大攻坚战")


def program_form_end(text: str, s: int, e: int) -> int:
    """End of the spec's form of a program span that was widened to whole tokens: 脱贫攻坚
    (not …攻坚战), “三北”工程 (not …工程建设 or …工程项目, one token; trailing 建设 is not merged),
    …试点 (not …试点工作)."""
    if text[s:e].endswith("攻坚战") and not _COUNTED_CAMPAIGNS_RE.fullmatch(text[s:e]):
        return e - 1
    if e - s > 4 and GLUED_WORK_RE.fullmatch(text[e - 4 : e]):
        return e - 2  # 黄浦江挡潮闸工程(建设), 产业基础再造工程(项目)
    if e - s > 4 and text[s:e].endswith(GLUED_PILOT_WORK):
        return e - 2  # 职业伤害保障试点(工作)
    return e


def _part_of_formula(text: str, s: int, e: int) -> bool:
    """Whether s:e is a strict part of a quoted formula of words joined by + (see
    `_word_formula`)."""
    q = text.rfind("“", 0, s + 1)
    if q < 0 or text.find("”", q, s) >= 0:
        return False  # not inside a quote
    close = text.find("”", q)
    if close < 0 or close < e or (q + 1 == s and close == e):
        return False
    return _word_formula(text[q + 1 : close])
