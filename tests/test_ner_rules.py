"""Rule functions on inline sentences, with a small stand-in lexicon (no gazetteer, no model)."""

from __future__ import annotations

import dataclasses
import re

import jieba.posseg
import pytest

from pipeline import ner_rules as R
from pipeline.ner_rules import Lexicons

PLACES = {"威海", "威海市", "青岛", "荣成市", "哈克", "济南"}
COMMON = {"冷链": 300, "物流": 5000, "高端": 900, "装备": 2000, "社会": 50000, "治理": 3000,
          "体系": 4000, "点赞": 300, "长效": 400, "三角": 613, "联想": 1393, "惠普": 181}  # fmt: skip
POS = {"惠普": "nr", "联想": "v"}
# the cities' characters of the railway lines written without a head (莱临 = 莱芜 + 临沂)
CITY_CHARS = frozenset("莱临德商聊邯长津潍宿")
LEX = Lexicons(
    is_place=lambda w: w in PLACES,
    programs=frozenset({"乡村振兴", "六稳"}),
    concepts=frozenset({"高质量发展", "现代化产业体系"}),
    word_freq=lambda w: COMMON.get(w, 0),
    stop={"COMPANY": frozenset(), "PLACE": frozenset(), "PROGRAM": frozenset()},
    word_pos=lambda w: POS.get(w, ""),
)
_TK = jieba.Tokenizer()
_TK.initialize()
for _w in ("威海英才计划", "都市圈", "威高集团"):
    _TK.add_word(_w, 10)
_POS = jieba.posseg.POSTokenizer(_TK)


def toks(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for p in _POS.cut(text):
        out.append((pos, pos + len(p.word), p.flag))
        pos += len(p.word)
    return out


def texts(text: str, cands) -> list[str]:
    return sorted(R.strip_quotes(text[s:e]) for s, e, *_ in cands)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("继续做好“六稳”“六保”工作。", ["六保", "六稳"]),
        ("编制“十四五”规划。", ["十四五规划"]),
        ("推进“智慧海洋”创新平台体系建设。", ["智慧海洋"]),  # 创新 is not a head word
        ("推进“1+4+N”创新平台体系建设。", []),  # a count alone (the head rule finds the name)
        ("深入开展“两学一做”学习教育。", ["两学一做"]),
        ("群众纷纷“点赞”。", []),
        ("实施“统云、并网、聚数”行动。", []),
    ],
)
def test_quoted_programs(text: str, expected: list[str]) -> None:
    assert texts(text, R.quoted_programs(text, toks(text), LEX)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("实施威海英才计划。", ["威海英才计划"]),
        ("完成205项重点改革。", []),  # a count, and a generic reform
        ("健全社会治理体系。", []),  # a weak head word needs something distinctive
        ("推进莱荣高铁建设。", ["莱荣高铁"]),
        ("深入实施招商引资优化提升行动。", ["招商引资优化提升行动"]),
        ("推进国家重大战略。", []),  # generic modifiers only
        ("完成14486亿元金融改革。", []),  # an amount, then a generic reform
        # 建设 after a noun is inside the name; after a verb it governs it
        ("深化产教融合型城市建设试点。", ["产教融合型城市建设试点"]),
        ("扩大智慧菜场试点。", ["智慧菜场试点"]),  # a pilot carried out
        # A和B after a carrying verb is one name; two programs or two modifiers are not
        ("实施世界一流强港和交通强省建设工程。", ["世界一流强港和交通强省建设工程"]),
        ("参与国际大科学计划和大科学工程。", ["国际大科学计划", "大科学工程"]),
        ("推行告知承诺制。", ["告知承诺制"]),  # …制: a rule in force
        # a project's section qualifier of several words
        ("加快荣乌高速威海绕城段建设。", ["荣乌高速威海绕城段"]),
        ("深圳宝安机场第三跑道建成投用。", ["深圳宝安机场第三跑道"]),
        # the name goes on to the next head word: no shorter name before it
        ("开展要素市场化配置综合改革试点。", ["要素市场化配置综合改革试点"]),
        # a head word inside a longer noun (战略|机遇期, 平台|公司)
        ("我国发展仍处于重要战略机遇期。", []),
        ("成立上海国有资本投资平台公司。", []),
        ("推动威海地方金融改革创新。", []),  # 改革|创新: reform and innovation, no reform's name
        # reforms of a domain or of generic parts, a slogan's verb: no reform's name
        ("推进重点领域和关键环节改革。", []),
        ("推进民生领域改革。", []),
        ("以开放促改革。", []),
        ("开展30余项试点，建设三级平台。", []),  # a count of a kind
        ("支持威海港口集团深化改革。", []),  # a subject, then 深化改革: no reform's name
        ("深化教育领域综合改革。", ["教育领域综合改革"]),
    ],
)
def test_head_word_programs(text: str, expected: list[str]) -> None:
    assert texts(text, R.program_head_names(text, toks(text), LEX)) == expected


def test_titles_of_plans_are_programs_but_laws_are_not() -> None:
    text = "编制《威海市精致城市建设规划纲要》，出台《威海市城市国际化促进条例》。"
    assert texts(text, R.title_programs(text)) == ["威海市精致城市建设规划纲要"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("支持威高集团做大做强。", ["威高集团"]),
        ("发展冷链物流和高端装备。", []),
        ("齐鲁石化鲁油鲁炼项目投产。", ["齐鲁石化"]),  # a strong suffix after a short name
        # a weak suffix opening a compound word after a name no brand list knows
        ("创建宝汉天工业母机集群。", []),
        ("推进昆楚工业协同。", []),
        ("推进宝汉天工业项目。", []),  # a weak suffix needs a registered brand before it
    ],
)
def test_company_suffix_names(text: str, expected: list[str]) -> None:
    assert texts(text, R.company_suffix_names(text, toks(text), LEX)) == expected


def test_a_weak_suffix_after_a_registered_brand_is_a_firm_s() -> None:
    text = "推进金锐工业项目、金锐化纤项目。"  # a trade suffix of a firm's name
    found = texts(text, R.company_suffix_names(text, toks(text), FIRM_LEX))
    assert found == ["金锐化纤", "金锐工业"]
    assert R.company_suffix_names(text, toks(text), LEX) == []  # 金锐 unregistered there


def test_a_weak_suffix_after_a_firms_whole_name_is_its_sector() -> None:
    # the segmenter keeps a known firm whole (金川集团|工业|总产值): no firm 金川集团工业
    lex = dataclasses.replace(LEX, is_brand=lambda w: w == "金川集团")  # (registered so)
    text = "金川集团工业总产值增长。"
    tokens = [(0, 4, "nt"), (4, 6, "n"), (6, 9, "n"), (9, 11, "v"), (11, 12, "x")]
    assert texts(text, R.company_suffix_names(text, tokens, lex)) == ["金川集团"]
    text = "金川集团有限公司增长。"  # a strong suffix still makes the full name
    tokens = [(0, 4, "nt"), (4, 8, "n"), (8, 10, "v"), (10, 11, "x")]
    assert "金川集团有限公司" in texts(text, R.company_suffix_names(text, tokens, lex))


def test_an_unknown_name_among_firms_in_a_list_of_firms_is_a_firm() -> None:
    # (tokens as the pipeline's segmenter cuts them)
    words = [("吸引", "v"), ("了", "ul"), ("高巨", "n"), ("创新", "vn"), ("、", "x"),
             ("好盈", "n"), ("科技", "n"), ("等", "u"), ("74", "m"), ("家", "q"), ("企业", "n"),
             ("到", "v"), ("我", "r"), ("区", "n"), ("开展", "v"), ("测试", "vn"), ("。", "x")]  # fmt: skip
    text, tokens = "", []
    for w, pos in words:
        tokens.append((len(text), len(text) + len(w), pos))
        text += w
    freq = {"创新": 9000, "吸引": 5000, "科技": 9000}  # 高巨 is no word: 高巨创新 is a name
    lex = dataclasses.replace(FIRM_LEX, word_freq=lambda w: freq.get(w, FIRM_COMMON.get(w, 0)))
    found = texts(text, R.slot_firms(text, tokens, lex))
    assert "高巨创新" in found and "好盈科技" in found
    assert not any(n.startswith(("吸引", "了")) for n in found)  # (the clause's verbs)


def test_listed_firms() -> None:
    text = "成功引进惠普、捷普、联想等世界500强企业。"
    assert texts(text, R.listed_firms(text, LEX)) == ["惠普", "捷普"]
    text = "培育产业带动力强、市场前景好、有发展潜力的大企业。"
    assert R.listed_firms(text, LEX) == []


def test_zone_places() -> None:
    text = "济南、青岛都市圈获批建设。"
    assert texts(text, R.zone_places(text, toks(text), LEX)) == ["青岛都市圈"]
    text = "打造威海青岛都市圈。"  # a district, then a zone of its own
    assert texts(text, R.zone_places(text, toks(text), LEX)) == ["青岛都市圈"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [("威高集团", "company"), ("威海市人民政府", "government"), ("山东大学", "institution"),
     ("龙头企业", "generic"), ("惠普", "unknown")],
)  # fmt: skip
def test_classify_org(name: str, kind: str) -> None:
    assert R.classify_org(name) == kind


def test_place_candidates_and_splits() -> None:
    assert R.place_candidate("威海市", LEX)
    assert R.place_candidate("黄垒河", LEX)  # a natural feature by its suffix
    assert R.place_candidate("哈克镇", LEX)
    assert not R.place_candidate("普惠县", LEX)  # counties are all in the gazetteer
    assert not R.place_candidate("城中村", LEX)
    assert R.split_place("哈克奶源基地", LEX) == [(0, 2)]


def test_strip_quotes() -> None:
    assert R.strip_quotes(" “十四五”规划 ") == "十四五规划"
    assert R.strip_quotes("《乡村振兴促进法》") == "乡村振兴促进法"


# ---------------------------------------------------------------- firms in their slots

# Invented short names: the rules must work from the lexicons, not from known answers.
BRANDS = {"金锐", "华川", "泓宇", "浪潮"}
SECTORS = {"稀土", "物流", "演艺", "服务", "交通", "企业"}
FIRM_COMMON = {**COMMON, "台风": 3000, "地质": 2000, "灾害": 3000, "大豆": 900, "玉米": 900,
               "幸福": 5000, "千里": 2000, "流域": 900, "公里": 3000, "企业": 9000}  # fmt: skip
FIRM_LEX = Lexicons(
    is_place=lambda w: w in PLACES | {"黄河", "济南", "宁津", "伊敏河"},
    programs=frozenset(),
    concepts=frozenset({"高质量发展"}),
    word_freq=lambda w: FIRM_COMMON.get(w, 0),
    stop={"COMPANY": frozenset(), "PLACE": frozenset(), "PROGRAM": frozenset()},
    word_pos=lambda w: POS.get(w, ""),
    is_brand=lambda w: w in BRANDS,
    is_sector=lambda w: w in SECTORS,
    known_firms=frozenset({"国家电网", "中国银行"}),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject of an award won by firms
        ("金锐入选国家级技术创新示范企业，华川工具获批国家级工业设计中心。", ["华川工具", "金锐"]),
        ("金锐稀土、泓宇纤维获得国家技术发明二等奖。", ["泓宇纤维", "金锐稀土"]),
        # a list closed by a kind of firm; the first item loses its verbs
        ("引导金锐、华川、博泰等传统工业企业实施退城进园。", ["华川", "博泰", "金锐"]),
        # the firm behind a project
        ("确保金锐200万吨褐煤提质、泓宇等在建项目尽早投产。", ["泓宇", "金锐"]),
        # lists of products, hazards and regional brands are not firms
        ("打造玉米、大豆、乳肉等农产品精深加工集群。", []),
        ("提升洪涝干旱、台风、地质灾害等防御工程标准。", []),
        ("推动川酒、川茶等企业做大做强。", []),
        ("发展华川演艺、泓宇服务等项目。", []),  # brand + sector in a project list
        # firms opening for business; a kind of shop is no name
        ("金锐金投、泓宇投资开业运营。", ["泓宇投资", "金锐金投"]),
    ],
)
def test_slot_firms(text: str, expected: list[str]) -> None:
    assert texts(text, R.slot_firms(text, toks(text), FIRM_LEX)) == expected


def test_projects_named_after_a_place_and_a_common_noun_or_an_estate_have_no_firm() -> None:
    lex = dataclasses.replace(
        FIRM_LEX,
        is_brand=lambda w: w in BRANDS | {"春晓", "胜境"},
        word_freq=lambda w: {**FIRM_COMMON, "春晓": 27, "胜境": 18}.get(w, 0),
        word_pos=lambda w: {"春晓": "t", "胜境": "n"}.get(w, ""),
    )
    text = "建成济南胜境、威海春晓回迁安置小区等项目。"
    assert R.slot_firms(text, toks(text), lex) == []
    text = "建成济南金锐等项目。"  # a place and a registered brand: a firm's project
    assert texts(text, R.slot_firms(text, toks(text), lex)) == ["济南金锐"]


def test_a_kind_of_shop_opening_is_no_firm() -> None:
    lex = dataclasses.replace(FIRM_LEX, word_freq=lambda w: 400 if w == "免税店" else 0)
    text = "世界最大单体免税店开业。"
    assert R.slot_firms(text, toks(text), lex) == []
    text = "金锐免税店开业。"
    assert texts(text, R.slot_firms(text, toks(text), lex)) == ["金锐免税店"]


def test_a_brand_and_its_trade_among_listed_firms() -> None:
    lex = dataclasses.replace(FIRM_LEX, word_freq=lambda w: {**FIRM_COMMON, "稀土": 162}.get(w, 0))
    text = "金锐集团、华川稀土、泓宇控股3家企业入选。"
    assert texts(text, R.listed_firms(text, lex)) == ["华川稀土", "泓宇控股", "金锐集团"]
    text = "金锐集团、济南稀土、泓宇控股3家企业入选。"  # a place and a trade: no brand
    assert texts(text, R.listed_firms(text, lex)) == ["泓宇控股", "金锐集团"]


def test_known_firms_not_inside_a_body() -> None:
    text = "国家电网参与调峰，中国银行保险监督管理委员会加强监管。"
    assert texts(text, R.known_firm_names(text, toks(text), FIRM_LEX)) == ["国家电网"]
    text = "国家电网新事业总部落地。"  # 总部: the firm's own headquarters, not a ministry (部)
    assert texts(text, R.known_firm_names(text, toks(text), FIRM_LEX)) == ["国家电网"]
    text = "开工建设国家电网先进计算中心。"  # the firm's own computing centre, not a body
    assert texts(text, R.known_firm_names(text, toks(text), FIRM_LEX)) == ["国家电网"]
    text = "与国家电网签署战略合作协议。"  # 签署 is a verb, not a body's name ending in 署
    assert texts(text, R.known_firm_names(text, toks(text), FIRM_LEX)) == ["国家电网"]
    assert R.program_head_names(text, toks(text), FIRM_LEX) == []  # 战略|合作: no strategy


def test_a_state_groups_name_of_a_place_and_sector_words() -> None:
    lex = dataclasses.replace(FIRM_LEX, is_sector=lambda w: w in SECTORS | {"船舶", "港口"})
    text = "支持威海船舶重工、济南港口集团做强做优。"
    found = texts(text, R.company_suffix_names(text, toks(text), lex))
    assert found == ["威海船舶重工", "济南港口集团"]


def test_brand_name_needs_a_registered_rare_word() -> None:
    assert R.brand_name("金锐", FIRM_LEX)
    assert not R.brand_name("博泰", FIRM_LEX)  # not registered
    assert not R.brand_name("威海", LEX)  # a place


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        ("推动黄河流域生态保护。", R.water_regions, ["黄河流域"]),
        ("建设黄河口湿地。", R.water_regions, ["黄河口湿地"]),  # (the resolver adds 黄河口)
        ("推进黄河口生态保护。", R.water_regions, ["黄河口"]),
        ("促进粤北地区加快发展，支持苏南率先发展。", R.region_abbreviations, ["粤北", "苏南"]),
        ("建成通车济南至宁津等5个项目。", R.route_programs, ["济南至宁津"]),
        ("高速公路由7473公里增至9310公里。", R.route_programs, []),
    ],
)
def test_place_and_route_rules(text: str, rule, expected: list[str]) -> None:
    assert texts(text, rule(text, toks(text), FIRM_LEX)) == sorted(expected)


def test_streets_and_phrases_are_not_places() -> None:
    assert R.names_a_street("建华路等道路工程", 2)
    assert not R.names_a_street("哈克镇", 2)
    assert R.names_a_street("南京东路、南京西路", 2)  # a place, a direction and 路
    assert R.names_a_street("改造巴彦托海路和胜利大街", 4)  # a street opening with a place
    assert not R.names_a_street("济南高铁路网", 2)  # 铁路: not a street's name
    assert not R.names_a_street("推广麒麟区西门街老街更新", 5)  # a district and its street
    assert R.governs_a_style("大兴调查研究之风", 2)  # a verb, not the district
    assert not R.governs_a_style("大兴国际机场之外", 2)
    assert not R.names_a_street("南京东部", 2)
    # a place inside an event's name is the event's (博鳌亚洲论坛); a count is no name
    assert R.in_event_name("博鳌亚洲论坛年会", 4)
    assert not R.in_event_name("浦东、虹桥两个分论坛", 5)
    assert not R.place_candidate("幸福河湖", FIRM_LEX)
    assert not R.place_candidate("千里山海", FIRM_LEX)
    assert R.place_candidate("伊敏河", FIRM_LEX)
    assert R.place_candidate("母猪河", FIRM_LEX)
    assert R.place_candidate("三都澳", FIRM_LEX)  # a bay
    assert not R.place_candidate("治港治澳", FIRM_LEX)  # Hong Kong and Macao
    # a feature before what it is known for; not a kind of river
    assert R.split_place("景迈山古茶林", FIRM_LEX) == [(0, 3)]
    lex = dataclasses.replace(FIRM_LEX, word_freq=lambda w: 3000 if w == "内河" else 0)
    assert R.split_place("湘桂内河航运", lex) == [(0, 6)]


def test_foreign_places_need_transliteration_and_a_place_context() -> None:
    text = "争取开通伊尔库茨克、乌兰乌德等国际航线。"
    assert texts(text, R.foreign_places(text, toks(text), FIRM_LEX)) == ["乌兰乌德", "伊尔库茨克"]
    text = "学习马克思的著作。"  # a transliterated person, not in a place context
    assert R.foreign_places(text, toks(text), FIRM_LEX) == []
    # a registered brand that the dictionary tags as a place needs the clause's support
    text = "入选福布斯中国中央商务区竞争力十强。"
    tokens = [(0, 2, "v"), (2, 5, "ns"), (5, 7, "ns"), (7, 11, "n"), (11, 14, "n"), (14, 16, "m"),
              (16, 17, "x")]  # fmt: skip
    lex = dataclasses.replace(FIRM_LEX, is_brand=lambda w: w == "福布斯")
    assert R.foreign_places(text, tokens, lex) == []
    assert texts(text, R.foreign_places(text, tokens, FIRM_LEX)) == ["福布斯"]  # (no brand)


def test_sector_groups_and_plants_name_firms() -> None:
    text = "组建交通集团，推动企业集团发展。"  # a provincial SOE named so; a kind of group
    assert texts(text, R.company_suffix_names(text, toks(text), FIRM_LEX)) == ["交通集团"]
    text = "浪潮服务器生产线投产。"  # spec: a firm named inside a descriptive phrase
    assert texts(text, R.slot_firms(text, toks(text), FIRM_LEX)) == ["浪潮"]


# ---------------------------------------------------------------- lists of places and plants

CITY_LEX = dataclasses.replace(
    FIRM_LEX,
    is_place=lambda w: w in PLACES | {"台州", "丽水", "宝山", "博山", "文登"},
    place_kind=lambda w: "prefecture" if w in {"台州", "丽水", "威海", "青岛"} else "",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the firm behind a plant at a city, with its sector word
        (
            "推动台州温玉铁路、丽水泓宇物流基地、青岛金锐传感技术等项目建成投运。",
            ["泓宇物流", "金锐"],
        ),
        # a route or a port of the city is not a firm's plant
        ("推动台州温玉铁路、丽水博泰港区等项目建成。", []),
    ],
)
def test_firms_behind_plants_at_a_city(text: str, expected: list[str]) -> None:
    assert texts(text, R.slot_firms(text, toks(text), CITY_LEX)) == expected


def test_count_measure_words_do_not_open_firm_names() -> None:
    text = "4家浙企上榜全国文化企业30强。"
    assert R.slot_firms(text, toks(text), CITY_LEX) == []


def test_lists_closed_by_a_kind_of_area_are_places() -> None:
    text = "促进桃浦、吴泾、高桥等区域转型发展。"
    assert texts(text, R.listed_places(text, toks(text), CITY_LEX)) == ["吴泾", "桃浦", "高桥"]
    text = "统筹社会、物流等地方事务。"  # common words, not names
    assert R.listed_places(text, toks(text), CITY_LEX) == []
    # a kind of area after 等 (整体转型区域); the last item may name a zone with a road code
    text = "推动桃浦、吴泾、高桥等整体转型区域发展，提升吴泾、高桥、松江G60科创走廊等区域功能。"
    assert set(texts(text, R.listed_places(text, toks(text), CITY_LEX))) >= {"吴泾", "桃浦", "高桥"}
    text = "推进陆家嘴、徐家汇等重点商圈提质升级。"  # business districts are areas too
    assert texts(text, R.listed_places(text, toks(text), CITY_LEX)) == ["徐家汇", "陆家嘴"]
    text = "深化杭州科创金融、丽水普惠金融等国家级区域金融改革试点。"  # a rank, not a kind of area
    assert R.listed_places(text, toks(text), CITY_LEX) == []
    # the areas' development (…等重点区域建设), but not the projects of a kind of area
    text = "加快桃浦、吴泾、高桥等重点区域建设。"
    assert texts(text, R.listed_places(text, toks(text), CITY_LEX)) == ["吴泾", "桃浦", "高桥"]
    text = "推进桃浦、吴泾、高桥等城市建设项目。"
    assert R.listed_places(text, toks(text), CITY_LEX) == []


def test_unsure_names_beside_a_place_in_a_list() -> None:
    text = "加快宝山、金山转型，支持博山猕猴桃、平邑金银花发展，盐田虾、对虾，金山银山。"
    cands = [(2, 4, R.PLACE, "ruler"), (12, 14, R.PLACE, "ruler")]
    pending = [(5, 7), (18, 20), (26, 29), (33, 35)]
    found = R.coordinated_places(text, pending, cands, CITY_LEX)
    # 金山 beside 宝山, 平邑 beside 博山; not 盐田虾 (no place beside it), nor 金山 (no list)
    assert [text[s:e] for s, e in found] == ["金山", "平邑"]


def test_an_unsure_name_beside_a_place_takes_the_zone_word_closing_its_item() -> None:
    text = "打造西安高新区、杨凌示范区。推进宝山、金山地区转型。"
    cands = [(2, 7, R.PLACE, "zone"), (16, 18, R.PLACE, "ruler")]
    found = R.coordinated_places(text, [(8, 10), (19, 21)], cands, CITY_LEX, toks(text))
    # the zone's whole name; not 金山地区 (a region around the place, which the place names)
    assert [text[s:e] for s, e in found] == ["杨凌示范区", "金山"]


def test_a_place_and_its_people() -> None:
    assert R.split_place("台州同胞", CITY_LEX) == [(0, 2)]
    assert R.split_place("台州地区", CITY_LEX) == [(0, 2)]


def test_titles_and_results_are_not_programs() -> None:
    text = "茂名入选国家级深化普惠金融改革试点城市，争创国家绿色金融改革创新试验区。"
    assert R.program_head_names(text, toks(text), LEX) == []
    # a verb inside the span is not part of a name (列入 … 试点: a title; 处于 … 攻坚)
    text = "南平市和莆田高新区列入国家碳达峰试点，发展仍处于攻坚期。"
    assert R.program_head_names(text, toks(text), LEX) == []
    text = "加强与黄河流域省份战略协同。"  # 战略|协同: a longer word, not a strategy's name
    assert R.program_head_names(text, toks(text), LEX) == []
    text = "与宁夏、青海共建黄河流域横向生态补偿试点。"  # the partners are not in the name
    found = texts(text, R.program_head_names(text, toks(text), LEX))
    assert found and not any("青海" in f for f in found)
    text = "生产安全事故“双下降”，全运会“五连冠”，继续做好“六稳”工作。"
    assert texts(text, R.quoted_programs(text, toks(text), LEX)) == ["六稳"]


def test_brand_with_trade_names_a_firm() -> None:
    lex = dataclasses.replace(
        FIRM_LEX,
        word_pos=lambda w: {"稀土": "n", "物流": "n", "演艺": "n", "交通": "n"}.get(w, ""),
        word_freq=lambda w: {"物流园": 50, **FIRM_COMMON}.get(w, 0),
    )
    assert R.brand_with_trade("金锐稀土", "", lex) == 4  # inside the model's span
    assert R.brand_with_trade("金锐", "稀土公司", lex) == 4  # just after it
    assert R.brand_with_trade("华川", "物流园", lex) == 0  # a longer word: a venue
    assert R.brand_with_trade("泓宇", "物流产业", lex) == 0  # a sector, not a firm
    assert R.brand_with_trade("博泰", "稀土", lex) == 0  # not a registered brand
    assert R.brand_with_trade("金锐稀土", "工厂", lex) == 2  # the brand, then its plant
    # a list closed by …等重大产业项目 lists projects, not sectors
    text = "推动金锐稀土工厂、华川工具等重大产业项目落地，发展冷链物流、高端装备等新兴产业。"
    assert [m.group(1) for m in R.SECTOR_LIST_RE.finditer(text)] == ["发展冷链物流、高端装备"]


def test_generic_works_are_not_named_projects() -> None:
    common = dataclasses.replace(LEX, word_freq=lambda w: 100)  # every word is known
    text = "实施给排水管网工程，实施法律明白人培育工程。"
    assert texts(text, R.program_head_names(text, toks(text), common)) == ["法律明白人培育工程"]


def test_group_names_sector_lists_and_plants() -> None:
    lex = dataclasses.replace(
        FIRM_LEX, is_sector=lambda w: w in SECTORS | {"电气", "装备", "港口", "海工"}
    )
    text = "中国电气装备集团总部落户，组建山东港口集团。"
    lex = dataclasses.replace(lex, is_place=lambda w: w in {"中国", "山东"})
    found = texts(text, R.company_suffix_names(text, toks(text), lex))
    assert "中国电气装备集团" in found and "山东港口集团" in found
    text = "巩固提升船舶海工、泓宇装备等优势产业。"  # a list of sectors, not firms
    assert R.company_suffix_names(text, toks(text), lex) == []
    assert not R._firm_name_alone("博泰核电", FIRM_LEX)  # a power plant
    assert R._firm_at("金锐一号核电示范工程", FIRM_LEX, head_only=True) == 0  # a product series


def test_places_named_before_a_heritage_site() -> None:
    text = "大汶口国家考古遗址公园挂牌，加强红色文化遗址保护。"
    assert texts(text, R.heritage_places(text, toks(text), LEX)) == ["大汶口"]
    text = "加强甲马、乙河等遗址保护，建设海拉尔纪念园、丙山遗址公园。"
    # a list's items; not the tail of a longer name (纪念园)
    assert texts(text, R.heritage_places(text, toks(text), LEX)) == ["丙山", "乙河", "甲马"]


def test_a_heritage_site_opens_after_a_verb_or_its_place_not_inside_a_name() -> None:
    text = "提升万寿岩、圣杯屿沉船等遗址保护利用水平。"  # 圣杯|屿沉船: the tail of 圣杯屿沉船
    assert texts(text, R.heritage_places(text, toks(text), LEX)) == []
    text = "临洮寺洼遗址入选全国十大考古新发现。"  # a lone site after its county
    assert texts(text, R.heritage_places(text, toks(text), LEX)) == ["寺洼"]
    text = "大明湖西南遗址考古取得新进展。"  # a side of the place, not a name
    assert texts(text, R.heritage_places(text, toks(text), LEX)) == []


def test_a_single_firm_before_a_kind_of_firm_keeps_the_place_that_opens_its_name() -> None:
    text = "积极引进青岛来裕等知名物流企业入驻。"  # a firm known by its home's name
    assert texts(text, R.slot_firms(text, toks(text), LEX)) == ["青岛来裕"]
    text = "积极引进青岛来裕等物流项目入驻。"  # a project at a place: the firm alone
    assert texts(text, R.slot_firms(text, toks(text), LEX)) == ["来裕"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("加快黄浦江挡潮闸工程建设。", "黄浦江挡潮闸工程"),  # the spec merges no trailing 建设
        ("启动产业基础再造工程项目。", "产业基础再造工程"),  # …and drops a generic trailing 项目
    ],
)
def test_a_head_word_glued_to_what_follows_ends_the_name_before_it(text, expected) -> None:
    spans = R.program_head_names(text, toks(text), LEX)  # (工程建设, 工程项目: one token each)
    assert [text[a : R.program_form_end(text, a, b)] for a, b, *_ in spans] == [expected]


def test_places_inside_an_agreement_are_not_places() -> None:
    text = "加入全面与进步跨太平洋伙伴关系协定。"
    assert R.in_agreement(text, text.index("太平洋") + 3)
    assert not R.in_agreement("太平洋岛国合作", 3)


def test_elliptical_railway_lines_and_service_apps() -> None:
    lex = dataclasses.replace(
        LEX, is_place=lambda w: w in PLACES | {"日照", "五莲"}, city_chars=CITY_CHARS
    )
    text = "积极推动莱临、德商、日照至五莲、聊邯长铁路纳规。"
    assert texts(text, R.elliptical_lines(text, toks(text), lex)) == ["德商", "日照至五莲", "莱临"]
    text = "“鲁惠通”兑现政策资金，“鲁执法”压减检查，群众“点赞”。"
    assert texts(text, R.quoted_programs(text, toks(text), lex)) == ["鲁惠通", "鲁执法"]


def test_known_firms_in_project_slots_and_at_their_facilities() -> None:
    lex = dataclasses.replace(
        FIRM_LEX,
        is_place=lambda w: w in PLACES | {"郓城", "青浦"},
        ambiguous_firms=frozenset({"大唐"}),
    )
    # a known firm that is also an ordinary word counts where a project slot names it
    text = "建成投产大唐郓城、国家电网四期等大型清洁能源项目。"
    assert "大唐" in texts(text, R.slot_firms(text, toks(text), lex))
    text = "推动大唐文化繁荣。"
    assert R.slot_firms(text, toks(text), lex) == []
    # a known firm's facility at a place is not a body's name
    text = "建设国家电网青浦研发中心。"
    assert texts(text, R.known_firm_names(text, toks(text), lex)) == ["国家电网"]
    # … nor is its platform (平台 does not end in a broadcaster's 台)
    text = "支持国家电网卡奥斯工业互联网平台建设。"
    assert texts(text, R.known_firm_names(text, toks(text), lex)) == ["国家电网"]
    text = "国家电网广播电台建成。"  # a body of the firm's
    assert R.known_firm_names(text, toks(text), lex) == []


def test_phases_branches_and_sectors_are_not_firms() -> None:
    # a project's phase after an unregistered name, a hospital's branch, a sector + suffix
    text = "推进博泰二期、泓宇二院、氢能装备等项目建设。"
    lex = dataclasses.replace(FIRM_LEX, is_sector=lambda w: w in SECTORS | {"氢能"})
    assert texts(text, R.slot_firms(text, toks(text), lex)) == []
    # …but a registered brand's phase is its firm's project
    text = "推进金锐二期、博泰等项目建设。"
    assert "金锐" in texts(text, R.slot_firms(text, toks(text), lex))
    # facilities named after their places are not firms
    text = "争取后安、公婆泉等煤矿项目核准。"
    assert R.slot_firms(text, toks(text), lex) == []


def test_places_works_and_fuel_switches_are_not_firms() -> None:
    assert not R._firm_name_alone("博泰山", FIRM_LEX)  # a natural feature's name
    assert not R._firm_name_alone("煤改电", FIRM_LEX)  # a change of fuel
    text = "博泰峡水利枢纽、泓宇750千伏输变电工程等重大项目建成。"
    assert R.slot_firms(text, toks(text), FIRM_LEX) == []
    text = "推进EDA软件、GEP智能核算攻关。"  # acronyms of technologies
    assert R.company_suffix_names(text, toks(text), FIRM_LEX) == []


def test_cut_numbers_and_verbs_do_not_open_or_close_firm_names() -> None:
    assert not R._firm_name_alone("大兴安岭百", FIRM_LEX)  # 百|万平方米 cut in two
    assert not R._firm_name_alone("扶持蒙西", FIRM_LEX)  # the list's verb before the name


def test_a_name_ending_in_a_numeral_character_is_a_name_when_unknown() -> None:
    assert R._firm_name_alone("银亿", FIRM_LEX)  # unknown to the dictionary: a firm's name
    assert not R._firm_name_alone("百亿", dataclasses.replace(FIRM_LEX, word_freq=lambda w: 50))


def test_a_known_firm_before_a_list_particle_is_not_a_bodys_name() -> None:
    lex = dataclasses.replace(FIRM_LEX, known_firms=frozenset({"中国华能", "中国银行"}))
    # 中央 ends government bodies' names, but 等 closes the firm's name first
    text = "服务保障中国华能等一批中央企业迁入。"
    assert texts(text, R.known_firm_names(text, toks(text), lex)) == ["中国华能"]
    text = "设立中国银行保险监督管理委员会。"
    assert R.known_firm_names(text, toks(text), lex) == []


def test_quoted_city_clusters_are_places() -> None:
    text = "带动“襄十随神”城市群、“宜荆荆恩”城市群协同发展，落实“六稳”。"
    cands = R.quoted_programs(text, toks(text), LEX)
    assert [(text[s:e], lab) for s, e, lab, _ in cands] == [
        ("“襄十随神”城市群", "PLACE"), ("“宜荆荆恩”城市群", "PLACE"), ("六稳", "PROGRAM"),
    ]  # fmt: skip


def test_rivers_before_facilities_and_foreign_cities_with_their_suffix() -> None:
    # 温榆河公园 → 温榆河: a river the gazetteer lacks, before a facility noun
    assert R.split_place("温榆河公园", LEX) == [(0, 3)]
    assert R.split_place("幸福河公园", dataclasses.replace(LEX, word_freq=lambda w: 5000)) == [
        (0, 5)
    ]  # (an ordinary word + 河 is no river's name)
    lex = dataclasses.replace(LEX, place_kind=lambda w: "world_city" if w == "乌兰巴托" else "")
    assert R.place_candidate("乌兰巴托市", lex)
    assert not R.place_candidate("幸福市", lex)


def test_zones_on_places_include_metropolitan_areas_and_university_towns() -> None:
    lex = dataclasses.replace(LEX, is_place=lambda w: w in PLACES | {"武汉", "良乡"})
    text = "规划打造武汉大都市圈，建设良乡大学城。"
    assert texts(text, R.zone_places(text, toks(text), lex)) == ["武汉大都市圈", "良乡大学城"]


def test_city_clusters_named_by_their_cities_fused_into_one_word() -> None:
    lex = dataclasses.replace(LEX, city_chars=frozenset("长株潭兰白定临济青宁镇扬"))
    text = "推进长株潭都市圈建设，推动济青经济圈、宁镇扬城镇群发展。"
    assert texts(text, R.zone_places(text, toks(text), lex)) == [
        "宁镇扬城镇群", "济青经济圈", "长株潭都市圈",
    ]  # fmt: skip
    # a city in brackets belongs to the name, a conjunction does not
    lex = dataclasses.replace(lex, prefecture_chars=frozenset("金义衢丽和"))  # 和田
    text = "建设温州都市圈和金（义）衢丽城市群。"
    assert "金（义）衢丽城市群" in texts(text, R.zone_places(text, toks(text), lex))
    text = "建设温州都市圈和（义）衢丽城市群。"
    assert "衢丽城市群" in texts(text, R.zone_places(text, toks(text), lex))
    # characters that stand for no city, or another kind of zone: no name
    text = "培育现代化都市圈，建设济青示范园区。"
    assert R.zone_places(text, toks(text), lex) == []
    # a word of the dictionary
    lex = dataclasses.replace(lex, word_freq=lambda w: 500 if w == "长株潭" else 0)
    text = "推进长株潭都市圈建设。"
    assert R.zone_places(text, toks(text), lex) == []


def test_a_countys_short_name_that_is_a_word_is_a_place_in_a_list_of_places() -> None:
    lex = dataclasses.replace(
        LEX, place_kind=lambda w: "county" if w in ("兴国县", "永和县") else "",
    )  # fmt: skip
    text = "青岛、济南、兴国加快发展。"
    assert texts(text, R.listed_counties(text, toks(text), lex)) == ["兴国"]
    text = "青岛、发展、兴国、永和等。"  # one place among four items
    assert R.listed_counties(text, toks(text), lex) == []
    text = "青岛、兴国加快发展。"  # two items: too little evidence
    assert R.listed_counties(text, toks(text), lex) == []


def test_routes_between_towns_and_sections_of_numbered_lines() -> None:
    lex = dataclasses.replace(LEX, place_kind=lambda w: "town" if w == "黄桶街道" else "")
    # a railway's head ends the name before a verb; a town by its short name is an end
    text = "黄桶至济南铁路开工建设。"
    assert texts(text, R.route_programs(text, toks(text), lex)) == ["黄桶至济南铁路"]
    # a section of a numbered line or road, with the line's number
    text = "轨道交通22号线红庙至平谷段基本具备开通条件，建成G225青岛至威海段。"
    assert texts(text, R.route_programs(text, toks(text), lex)) == [
        "G225青岛至威海段", "轨道交通22号线红庙至平谷段",
    ]  # fmt: skip
    text = "济南至青岛段改造完成。"  # a section alone may qualify a longer name
    assert R.route_programs(text, toks(text), lex) == []


def test_a_local_firm_named_by_its_place_and_a_word_in_a_list_of_firms() -> None:
    lex = dataclasses.replace(
        LEX, place_kind=lambda w: "province" if w == "山东" else "", is_place=lambda w: w == "山东"
    )  # fmt: skip
    text = "威高集团、山东高速、三角轮胎等企业在我市投资。"
    assert "山东高速" in texts(text, R.slot_firms(text, toks(text), lex))
    text = "山东高速、山东交通等领域。"  # no list of firms
    assert R.slot_firms(text, toks(text), lex) == []


def test_a_foreign_countrys_region_after_the_country() -> None:
    lex = dataclasses.replace(
        LEX, place_kind=lambda w: "country" if w in ("德国", "韩国", "中国") else ""
    )  # fmt: skip
    text = "与德国巴伐利亚州、韩国全罗北道建立友好关系。"
    assert texts(text, R.foreign_regions(text, toks(text), lex)) == ["全罗北道", "巴伐利亚州"]
    text = "中国山东省、德国山东省"  # China's own provinces, also after another country
    lex = dataclasses.replace(lex, is_place=lambda w: w in PLACES | {"山东省"})
    assert R.foreign_regions(text, toks(text), lex) == []


def test_a_numbered_name_whose_first_word_the_segmenter_cut_into_characters() -> None:
    text = "国和一号示范工程1号机组并网。"  # 国|和|一号: 和 read as a conjunction
    assert texts(text, R.program_head_names(text, toks(text), LEX)) == ["国和一号示范工程"]


def test_a_list_closed_by_regional_brands_is_no_list_of_areas() -> None:
    text = "擦亮威海海参、青岛啤酒等区域公用品牌。"
    assert R.listed_places(text, toks(text), LEX) == []
    text = "推动威海、青岛等区域协同发展。"
    assert texts(text, R.listed_places(text, toks(text), LEX)) == ["威海", "青岛"]


def test_a_list_closed_by_a_kind_of_works_names_projects() -> None:
    text = "二道河水库、迈湾水利枢纽等9个重大水利工程投入使用。"
    assert texts(text, R.project_items(text, toks(text), LEX)) == ["二道河水库", "迈湾水利枢纽"]
    text = "实施绿化、亮化、美化等工程。"  # no kind of works named: kinds of work, no names
    assert R.project_items(text, toks(text), LEX) == []


def test_quoted_formulas_of_words_are_no_programs() -> None:
    text = "推动“文化+旅游”“康养+旅游”融合，深化“互联网+政务服务”和“1+4+N”改革。"
    assert texts(text, R.quoted_programs(text, toks(text), LEX)) == ["1+4+N改革", "互联网+政务服务"]
    text = "发展“直播+平台+跨境电商+海外仓”模式。"  # no piece of the formula either
    s = text.index("直播")
    assert R.trim_program(text, s, s + len("直播+平台")) is None
    assert R.trim_program("建设“1+N”平台。", 3, 6) == (3, 6)


def test_a_quoted_phrase_with_the_particle_de_is_no_program() -> None:
    text = "打造“家门口的好去处”，建设“三基地一目的地”。"  # (目的地 is a word, not the particle)
    assert texts(text, R.quoted_programs(text, toks(text), LEX)) == ["三基地一目的地"]


def test_a_quote_before_thought_or_idea_is_an_ideology() -> None:
    text = "践行“三个代表”重要思想和“两山”理念，落实“六稳”工作。"
    assert texts(text, R.quoted_programs(text, toks(text), LEX)) == ["六稳"]


def test_nature_reserves_and_geoparks_are_named_with_their_place() -> None:
    text = "建设青岛地质公园，威海自然保护区建立。"
    assert texts(text, R.zone_places(text, toks(text), LEX)) == [
        "威海自然保护区", "青岛地质公园",
    ]  # fmt: skip


def test_parks_run_by_two_cities_named_by_their_fused_abbreviations() -> None:
    text = "支持苏宿合作产业园建设。"
    lex = dataclasses.replace(LEX, prefecture_chars=frozenset("苏宿"))
    assert texts(text, R.zone_places(text, toks(text), lex)) == ["苏宿合作产业园"]
    lex = dataclasses.replace(LEX, prefecture_chars=frozenset("苏"))  # 宿 stands for no city
    assert R.zone_places(text, toks(text), lex) == []


def test_program_spans_lose_enumerators_and_adopting_bodies_and_counts_are_dropped() -> None:
    text = "八是深化改革；落实市委十五五规划；建设2家中试平台。"
    assert R.trim_program(text, 0, 6) == (2, 6)
    s = text.index("市委")
    assert text[slice(*R.trim_program(text, s, s + 7))] == "十五五规划"
    s = text.index("2家")
    assert R.trim_program(text, s, s + 6) is None
    s = text.index("深化")
    assert R.trim_program(text, s, s + 4) == (s, s + 4)  # nothing to trim


def test_a_line_named_inside_a_facility_or_a_body_is_no_project() -> None:
    lex = dataclasses.replace(LEX, is_place=lambda w: w in PLACES | {"南宁"})
    text = "南宁国际铁路港开行班列，铁路局加快莱荣高铁建设。"
    found = texts(text, R.program_head_names(text, toks(text), lex))
    assert "莱荣高铁" in found and not any(n.endswith("铁路") for n in found)


def test_a_head_word_inside_an_institutions_name_is_no_program() -> None:
    text = "首个大数据国家工程实验室落户贵阳，实施威海英才计划。"
    found = texts(text, R.program_head_names(text, toks(text), LEX))
    assert not any(n.startswith("大数据") for n in found) and "威海英才计划" in found


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        ("全球第四个、亚洲第一个专业货运机场建成校飞。", "亚洲第一个专业货运机场", False),
        ("建成全省第一条城际铁路。", "第一条城际铁路", False),
        ("实施国民经济和社会发展第十四个五年规划。", "国民经济和社会发展第十四个五年规划", True),
        ("扎实开展国家碳达峰第二批试点。", "国家碳达峰第二批试点", True),
        ("全省首个超百亿元水利工程开工。", "超百亿元水利工程", False),
        ("建设投资10亿元产业园项目。", "10亿元产业园项目", False),
        ("实施多元化投入机制。", "多元化投入机制", True),
    ],
)
def test_an_ordinal_or_a_sum_is_no_program_name(text: str, name: str, kept: bool) -> None:
    s = text.index(name)
    assert (R.trim_program(text, s, s + len(name)) == (s, s + len(name))) is kept


def test_quoted_goals_and_titles_won_are_no_programs() -> None:
    # a goal worded as a sentence (a counted slogan stays: the spec's 十个争先)
    text = "围绕“把潮州建设得更加美丽”发展目标和“十个争先”目标。"
    assert texts(text, R.quoted_programs(text, toks(text), LEX)) == ["十个争先"]
    # titles re-assessed (the follower of the last of adjacent quotes) or won a few words back
    text = "通过“中国瓷都”“中国婚纱礼服名城”复评，获评全省唯一一个“中国食品名城”。"
    assert R.quoted_programs(text, toks(text), LEX) == []


def test_a_phase_after_a_comma_has_no_name_before_it() -> None:
    text = "加快推进西航大元文化旅游度假城项目，一期工程开工建设。"
    assert not any("，" in text[s:e] for s, e, *_ in R.project_items(text, toks(text), LEX))
    text = "推进裕龙石化一期建设。"  # a phase right after its name
    assert "裕龙石化一期" in texts(text, R.project_items(text, toks(text), LEX))


def test_a_quoted_ranking_climbed_onto_is_no_program() -> None:
    text = "大同黄花荣登“区域品牌传播影响力百强榜”。"
    assert R.quoted_programs(text, toks(text), LEX) == []


def test_quoted_names_of_meetings_held_are_events() -> None:
    text = "举办第二届“汇智聚力·建设益阳”恳谈会、“知名企业家湖南行”推介会。"
    assert R.quoted_programs(text, toks(text), LEX) == []


def test_a_quote_before_a_quote_only_head_is_one_program() -> None:
    text = "深入开展“六五”普法工作。"
    assert texts(text, R.quoted_programs(text, toks(text), LEX)) == ["六五普法"]


def test_project_lists_closed_by_the_word_project_and_projects_inside_zones() -> None:
    text = "确保华润雪花啤酒迁建、亘富200万吨褐煤提质项目核准，推进工业投资项目270个。"
    found = texts(text, R.project_items(text, toks(text), LEX))
    assert "亘富200万吨褐煤提质" in found and not any("270个" in f for f in found)
    text = "与招商局集团、中国建筑签约一批项目。"  # a count of projects, not their names
    assert R.project_items(text, toks(text), LEX) == []
    text = "吉利汽车、奇瑞汽车在我省布局整车项目。"  # a clause about projects
    assert R.project_items(text, toks(text), LEX) == []
    starts = {s for s, _, _ in toks("威海物流园区中网科技云计算")}
    text = "威海物流园区中网科技云计算"
    assert text[R._after_zone(text, starts, 0, len(text)) :] == "中网科技云计算"


def test_zones_cut_by_the_segmenter_and_described_zones() -> None:
    lex = dataclasses.replace(LEX, is_place=lambda w: w in PLACES | {"福州", "闽东南"})
    # 福州大学|城: the zone word starts inside the token the segmenter made
    text = "支持福州大学城建设。"
    assert texts(text, R.zone_places(text, toks(text), lex)) == ["福州大学城"]
    # a count inside makes a description, not a zone's name
    text = "做优闽东南高优三大特色农业产业带。"
    assert R.zone_places(text, toks(text), lex) == []
    # a rank and a kind are no name
    assert not R.place_candidate("国家大学科技园", LEX)


def test_a_town_then_a_named_area_gives_the_area_alone() -> None:
    lex = dataclasses.replace(
        LEX,
        is_place=lambda w: w in PLACES | {"哈克镇"},
        place_kind=lambda w: "town" if w == "哈克镇" else "",
    )
    text = "继续实施哈克镇滨河新区建设。"
    assert texts(text, R.zone_places(text, toks(text), lex)) == ["滨河新区"]


def test_along_a_river_is_no_river() -> None:
    lex = dataclasses.replace(LEX, is_place=lambda w: w in PLACES | {"伊敏河"})
    assert R.split_place("伊敏河沿河公园", lex) == [(0, 3)]


def test_programs_that_count_the_places_they_are_about_are_none() -> None:
    text = "推进碌曲、玛曲、镇原4县高速项目。"
    s = text.index("镇原")
    assert R.trim_program(text, s, s + 7) is None
    text = "建设轨道交通14号线。"
    s = text.index("轨道")
    assert R.trim_program(text, s, s + 8) == (s, s + 8)  # a line's number is no count


def test_project_names_keep_voltages_circuits_and_expressway_codes() -> None:
    lex = dataclasses.replace(LEX, is_place=lambda w: w in PLACES | {"海南", "广东"})
    for text, name in (
        ("建成海南电网500千伏主网架工程。", "海南电网500千伏主网架工程"),
        ("推进G98环岛高速提档扩容工程。", "G98环岛高速提档扩容工程"),
    ):
        assert name in texts(text, R.program_head_names(text, toks(text), lex)), text
    # an amount still ends the name on its left (投资|5亿元|…)
    text = "投资5亿元实施水系连通工程。"
    assert "水系连通工程" in texts(text, R.program_head_names(text, toks(text), lex))


def test_a_circuit_ordinal_is_a_spec_inside_a_name() -> None:
    """第三回 (a line's third circuit) belongs to the project's name, whatever its tag; an
    ordinal of things elsewhere in the module must not shadow this check (it did: two
    module-level _ORDINAL_RE, the later one winning)."""
    text = "加快建设浙江特高压直流第三回工程。"
    tokens = [(0, 2, "v"), (2, 4, "vn"), (4, 6, "ns"), (6, 9, "n"), (9, 11, "n"), (11, 14, "n"),
              (14, 16, "n"), (16, 17, "x")]  # fmt: skip
    assert R._spec_in_name(text, tokens, 5)
    assert not R._spec_in_name(text, tokens, 4)  # 直流 is a word of the name, not a spec


def test_the_land_contract_extension_pilot_in_its_variants() -> None:
    for text, name in (
        ("稳妥推进第二轮土地承包到期后再延长30年试点。", "第二轮土地承包到期后再延长30年试点"),
        ("全面开展第二轮土地承包到期后再延长三十年整省试点。",
         "第二轮土地承包到期后再延长三十年整省试点"),
        ("稳妥推进二轮土地承包到期后再延长30年试点工作。", "二轮土地承包到期后再延长30年试点"),
    ):  # fmt: skip
        assert texts(text, R.national_programs(text)) == [name]
    assert R.national_programs("落实国家关于土地承包期再延长30年的政策。") == []


def test_a_known_firm_that_is_a_word_before_a_capacity() -> None:
    lex = dataclasses.replace(FIRM_LEX, ambiguous_firms=frozenset({"大唐"}))
    text = "加快推进大唐700万吨露天矿前期工作。"
    assert texts(text, R.ambiguous_firm_projects(text, toks(text), lex)) == ["大唐"]
    text = "弘扬大唐文化。"
    assert R.ambiguous_firm_projects(text, toks(text), lex) == []
    # a party to an agreement, alone or last in a list of parties
    text = "与大唐签约。与招商局集团、大唐签署合作协议。同大唐文化交流。"
    assert texts(text, R.ambiguous_firm_projects(text, toks(text), lex)) == ["大唐", "大唐"]


def test_science_towns_and_chemical_parks_on_places_are_zones() -> None:
    lex = dataclasses.replace(LEX, is_place=lambda w: w in PLACES | {"上海", "临港"})
    text = "建设上海化工区和临港科创城。"
    assert texts(text, R.zone_places(text, toks(text), lex)) == ["上海化工区", "临港科创城"]


def test_zones_after_verbs_the_name_took_along_and_town_clusters() -> None:
    lex = dataclasses.replace(LEX, is_place=lambda w: w in PLACES | {"上海", "滇西"})
    text = "调整优化上海化工区管理职能。"
    assert texts(text, R.zone_places(text, toks(text), lex)) == ["上海化工区"]
    text = "提升滇西城镇群发展水平。"
    assert texts(text, R.zone_places(text, toks(text), lex)) == ["滇西城镇群"]


def test_parks_named_by_a_name_of_their_own() -> None:
    # a park's own name before its kind, place or not (LEX knows none of these names)
    text = "推动大飞机创新谷、市北高新园、吴淞创新城建设，提升中俄蒙物流园功能。"
    assert texts(text, R.zone_places(text, toks(text), LEX)) == [
        "中俄蒙物流园", "吴淞创新城", "大飞机创新谷", "市北高新园",
    ]  # fmt: skip
    # a kind of park, a sector or a common word is no name
    text = "建设现代农业产业园、国际汽车城，推动社会治理小镇建设。"
    assert R.zone_places(text, toks(text), LEX) == []
    # … nor is a rare word made of common ones (地理信息 = 地理 + 信息), opening a sentence
    freq = {"地理信息": 3, "地理": 8066, "信息": 12256}
    lex = dataclasses.replace(LEX, word_freq=lambda w: freq.get(w, COMMON.get(w, 0)))
    text = "地理信息产业园加快建设。"
    assert R.zone_places(text, toks(text), lex) == []


def test_corridors_named_by_a_road() -> None:
    lex = dataclasses.replace(LEX, is_place=lambda w: w in PLACES | {"松江"})
    text = "提升G60科创走廊能级，建设松江G60科创走廊。"
    # alone, or after the district it starts in (the district is found on its own)
    found = R.zone_places(text, toks(text), lex)
    assert [text[s:e] for s, e, *_ in found] == ["G60科创走廊", "G60科创走廊"]


def test_phrases_of_common_words_and_brands_before_products_are_no_firm_names() -> None:
    lex = dataclasses.replace(
        FIRM_LEX,
        word_freq=lambda w: {"民航": 900, "发展": 9000, "基金": 3000, "航空": 2000}.get(w, 0),
    )
    assert R._common_compound("民航发展基金航空", lex)  # four common words: a phrase
    assert not R._proper_name("民航发展基金航空", lex)
    assert not R._common_compound("金锐航空", lex)  # a name, then a word
    lex = dataclasses.replace(
        FIRM_LEX,
        is_sector=lambda w: w in SECTORS | {"新能源", "汽车"},
        is_brand=lambda w: w == "特斯拉",
    )
    text = "特斯拉新能源汽车投产。"  # the brand, then its product: no firm 特斯拉新能源
    tokens = [(0, 3, "nrt"), (3, 6, "n"), (6, 8, "n"), (8, 10, "vn"), (10, 11, "x")]
    assert "特斯拉新能源" not in texts(text, R.company_suffix_names(text, tokens, lex))
    text = "特斯拉新能源公司投产。"  # no product after the sector word: brand + trade is kept
    assert "特斯拉新能源" in texts(text, R.company_suffix_names(text, tokens, lex))


def test_zones_opened_by_a_town_and_area_lists_with_a_zone() -> None:
    # a town known by its short name opens a zone (博鳌 of 博鳌镇); …片区化 is a way of working
    lex = dataclasses.replace(LEX, place_kind=lambda w: "town" if w == "博鳌镇" else "")
    text = "建设博鳌零碳示范区，推进崖州、博鳌潭门片区化建设。"
    assert texts(text, R.zone_places(text, toks(text), lex)) == ["博鳌零碳示范区"]
    # the zone in a list of areas is no area's name (its district is found on its own)
    text = "提升紫竹、杨浦、松江G60科创走廊等区域能级。"
    assert "松江G60科创走廊" not in texts(text, R.listed_places(text, toks(text), CITY_LEX))


def test_sibling_places_between_places_of_their_own_kind() -> None:
    kinds = {"琼海": "county", "澄迈": "county", "东方市": "county", "宜昌": "prefecture"}
    provinces = {"琼海": "海南", "澄迈": "海南", "东方市": "海南", "宜昌": "湖北"}
    lex = dataclasses.replace(
        LEX,
        place_kind=lambda w: kinds.get(w, ""),
        provinces_of=lambda w: frozenset({provinces[w]}) if w in provinces else frozenset(),
        word_freq=lambda w: {"东方": 3993, "阳宗海": 12}.get(w, 0),
        word_pos=lambda w: "ns" if w == "阳宗海" else "",
    )

    def places(text: str, *names: str) -> list[tuple[int, int, str, str]]:
        return [(m.start(), m.end(), R.PLACE, "ruler") for n in names for m in re.finditer(n, text)]

    text = "支持琼海、东方、澄迈打造重点园区。"
    found = R.sibling_places(text, places(text, "琼海", "澄迈"), lex)
    assert [text[s:e] for s, e in found] == ["东方"]
    text = "支持琼海、东方、宜昌打造重点园区。"  # neighbours of another province
    assert R.sibling_places(text, places(text, "琼海", "宜昌"), lex) == []
    text = "支持琼海、东方发展。"  # one neighbour is not enough for a word
    assert R.sibling_places(text, places(text, "琼海"), lex) == []
    text = "打通黄垒河、母猪河地下水系，治理独龙江、阳宗海。整治独龙江、内河。"
    found = R.sibling_places(text, places(text, "黄垒河", "独龙江"), lex)
    assert [text[s:e] for s, e in found] == ["母猪河", "阳宗海"]


def test_bilateral_zones_keep_the_countries_that_run_them() -> None:
    lex = dataclasses.replace(LEX, is_place=lambda w: w in PLACES | {"常州", "沈阳"})
    text = "中以常州创新园引进项目20个。"
    assert texts(text, R.zone_places(text, toks(text), lex)) == ["中以常州创新园"]
    # the host place in brackets
    text = "推进中德（沈阳）高端装备制造产业园建设。"
    assert "中德（沈阳）高端装备制造产业园" in texts(text, R.zone_places(text, toks(text), lex))
    # 中 alone is no country pair (集中|青岛…: a verb's character)
    assert R.zone_prefix_start("集中青岛产业园", 2, {0, 2}) == 2
    assert R.zone_prefix_start("中俄蒙国际物流园区", 3, {0, 3}) == 0


def test_the_subjects_of_a_stock_listing_are_firms() -> None:
    text = "天有为、大鹏工业成功上市。"
    assert texts(text, R.slot_firms(text, toks(text), LEX)) == ["大鹏工业", "天有为"]
    text = "华熙生物在科创板上市，新锐科技登陆创业板。"
    assert texts(text, R.slot_firms(text, toks(text), LEX)) == ["华熙生物", "新锐科技"]
    # a product's approval, a kind of firm, 以上|市, 上市公司: no firm named
    for text in ("34款创新药械获批上市。", "支持更多科创企业上市。",
                 "19个地级以上市被命名。", "新增天有为等上市公司。"):  # fmt: skip
        assert R.slot_firms(text, toks(text), LEX) == [], text


def test_firms_in_lists_closed_by_a_kind_of_firm_also_named_after_places() -> None:
    text = "华晨、宝沃、众泰等车企加快转型。"  # 车企, 药企 … close such lists too
    assert texts(text, R.slot_firms(text, toks(text), LEX)) == ["众泰", "华晨", "宝沃"]
    lex = dataclasses.replace(LEX, is_place=lambda w: w in PLACES | {"江淮"})

    def firms(text: str, *names: str) -> list[tuple[int, int, str, str]]:
        return [
            (m.start(), m.end(), R.COMPANY, "rules") for n in names for m in re.finditer(n, text)
        ]

    text = "奇瑞、江淮、蔚来等整车企业产量增长。"
    found = R.firms_named_after_places(text, firms(text, "奇瑞", "蔚来"), lex)
    assert [text[s:e] for s, e in found] == ["江淮"]
    # places among places, or a place beside one firm only, stay places
    text = "威海、青岛、济南等地企业加快发展。"
    assert R.firms_named_after_places(text, [], lex) == []
    text = "奇瑞、江淮、青岛等整车企业产量增长。"
    assert R.firms_named_after_places(text, firms(text, "奇瑞"), lex) == []


def test_a_zones_name_does_not_reach_over_a_governing_verb() -> None:
    freq = {**COMMON, "世界一流": 3000, "世界": 50000, "一流": 3000}
    lex = dataclasses.replace(
        LEX, is_place=lambda w: w in PLACES | {"张江"}, word_freq=lambda w: freq.get(w, 0)
    )
    text = "支持张江科学城建设世界一流科学城。"
    assert texts(text, R.zone_places(text, toks(text), lex)) == ["张江科学城"]
    text = "支持鄂州申建空港综保区。"  # 申建: to apply to set a zone up
    assert "鄂州申建空港综保区" not in texts(text, R.zone_places(text, toks(text), lex))


def test_items_of_a_counted_list_of_routes_are_routes_not_places() -> None:
    text = "新昆楚大、临清等40条高速公路相继开通。"
    s = text.index("临清")
    assert (s, s + 2) in R.route_list_items(text)
    assert (s, s + 1) not in R.route_list_items(text)  # only a whole item
    # flights are named by where they go: their items stay places
    text = "新开通海拉尔至香港、上海等6条航线。"
    s = text.index("上海")
    assert (s, s + 2) not in R.route_list_items(text)


def test_an_administrative_zone_named_管理区_is_a_zone() -> None:
    lex = dataclasses.replace(LEX, is_place=lambda w: w in PLACES | {"石岛"})
    text = "推进石岛管理区建设。"
    assert texts(text, R.zone_places(text, toks(text), lex)) == ["石岛管理区"]
    lex = dataclasses.replace(LEX, is_place=lambda w: w in PLACES | {"皖江"})
    text = "建设皖江城市带。"  # and 城市带
    assert texts(text, R.zone_places(text, toks(text), lex)) == ["皖江城市带"]


def test_a_zone_around_a_place_keeps_its_环() -> None:
    # 环 as its own token, or fused with the name's first character by the segmenter
    assert R.zone_prefix_start("加快环洞庭湖生态经济圈建设", 3, {0, 2, 3}) == 2
    assert R.zone_prefix_start("环新英湾自贸港新城", 2, {0, 2, 4}) == 0
    # 循环经济: 环 inside a word is no prefix
    assert R.zone_prefix_start("循环经济产业园", 2, {0, 2}) == 2
    # the part of the city a zone lies in (东部|滨海新城)
    assert R.zone_prefix_start("促进东部滨海新城建设", 4, {0, 2, 4}) == 2
    assert R.zone_prefix_start("促进东部滨海新城建设", 4, {0, 4}) == 4  # 东部 not a word here


def test_a_kind_of_area_of_a_place_is_no_zone() -> None:
    lex = dataclasses.replace(LEX, is_place=lambda w: w in PLACES | {"黔南", "成渝"})
    text = "支持黔南民族地区发展。"
    assert "黔南民族地区" not in texts(text, R.zone_places(text, toks(text), lex))
    text = "推动成渝地区双城经济圈建设。"
    assert "成渝地区" in texts(text, R.zone_places(text, toks(text), lex)) or (
        "成渝地区双城经济圈" in texts(text, R.zone_places(text, toks(text), lex))
    )


@pytest.mark.parametrize("name", ["镍钴", "钒钛", "硅氟"])
def test_materials_named_by_their_elements_are_no_firms(name: str) -> None:
    assert not R._firm_name_alone(name, LEX)


def test_a_name_with_an_elements_character_may_still_be_a_firm() -> None:
    assert R._firm_name_alone("锂源", LEX)  # not all its characters are elements


def test_an_estates_project_names_no_firm() -> None:
    lex = dataclasses.replace(LEX, is_brand=lambda w: w in {"天润", "春晓", "浪潮"})
    assert R._firm_at("天润商厦", lex, head_only=True) == 0
    assert R._firm_at("春晓家园", lex, head_only=True) == 0
    assert R._firm_at("浪潮海若", lex, head_only=True) == 2  # a brand's product still is


def test_a_known_firms_power_plant_is_the_firms() -> None:
    lex = dataclasses.replace(
        LEX, is_brand=lambda w: w == "大唐风电", ambiguous_firms=frozenset({"大唐"})
    )
    assert R._firm_at("大唐风电二期", lex, head_only=True) == 2
    lex = dataclasses.replace(lex, ambiguous_firms=frozenset(), known_firms=frozenset({"大唐"}))
    assert R._firm_at("大唐风电二期", lex, head_only=True) == 2


def test_sibling_firms_between_two_firms() -> None:
    lex = dataclasses.replace(
        LEX,
        is_brand=lambda w: w == "昌河",
        word_freq=lambda w: 18 if w == "昌河" else COMMON.get(w, 0),
        word_pos=lambda w: "nz" if w == "昌河" else POS.get(w, ""),  # a rare proper noun
    )

    def firms(text: str, *names: str) -> list[tuple[int, int, str, str]]:
        return [
            (m.start(), m.end(), R.COMPANY, "rules") for n in names for m in re.finditer(n, text)
        ]

    text = "江铃、昌河、赣锋锂业营收增长。"
    found = R.sibling_firms(text, toks(text), firms(text, "江铃", "赣锋锂业"), lex)
    assert [text[s:e] for s, e in found] == ["昌河"]
    # a common word between firms, or one neighbour only: no firm
    text = "江铃、物流、赣锋锂业营收增长。"
    assert R.sibling_firms(text, toks(text), firms(text, "江铃", "赣锋锂业"), lex) == []
    text = "江铃、昌河、高端装备营收增长。"
    assert R.sibling_firms(text, toks(text), firms(text, "江铃"), lex) == []


def test_a_verbs_aspect_ends_the_clause_before_a_project_list() -> None:
    text = "落户了华瑞云、百度智能云等数字经济项目。"
    assert not any(
        n.startswith("落户") for n in texts(text, R.project_items(text, toks(text), LEX))
    )


def test_lists_of_sectors_by_their_closer_or_their_items() -> None:
    freq = {**COMMON, "低空": 300, "装备": 2000, "商业": 5000, "航天": 800, "深海": 354,
            "科技": 9000}  # fmt: skip
    lex = dataclasses.replace(LEX, word_freq=lambda w: freq.get(w, 0))
    text = "培育低空装备、商业航天、深海科技加快发展。"  # no closer: two common words per item
    assert [text[a:b] for a, b in R.sector_lists(text, lex)] == ["低空装备、商业航天、深海科技"]
    text = "布局量子科技、深海科技等新赛道。"  # closed by a kind of sector (赛道, 新质生产力 …)
    assert any(text[a:b].endswith("量子科技、深海科技") for a, b in R.sector_lists(text, lex))
    text = "支持威高集团、华天电子、时利物流发展。"  # firms' names
    assert R.sector_lists(text, lex) == []


def test_a_firm_before_the_elements_of_its_material() -> None:
    # 巨化|硅氟|新材料: the longer suffix 新材料 decides where the name ends, then the elements
    assert R._firm_at("泓宇硅氟新材料", FIRM_LEX, head_only=True) == 2
    assert R._firm_at("泓宇新材料", FIRM_LEX, head_only=True) == 5  # no elements: the whole name


def test_an_unknown_name_and_its_trade_make_a_project_lists_item_a_firm() -> None:
    lex = dataclasses.replace(FIRM_LEX, is_sector=lambda w: w in SECTORS | {"机器人", "铁路"})
    assert R._firm_at("博闼机器人", lex, head_only=True) == 5
    assert R._firm_at("兰合铁路", lex, head_only=True) == 0  # works between places


def test_a_brand_before_a_longer_word_than_a_sector_heads_a_product() -> None:
    lex = dataclasses.replace(
        FIRM_LEX,
        is_sector=lambda w: w in SECTORS | {"激光"},
        word_freq=lambda w: 30 if w == "激光雷达" else FIRM_COMMON.get(w, 0),
    )
    assert R._product_rest("激光雷达", lex)  # 先导|激光雷达: a product
    assert not R._product_rest("激光加工", lex)  # a sector's work


def test_a_one_character_verb_before_a_cut_name_does_not_open_a_list() -> None:
    tokens = [(0, 2, "v"), (2, 3, "v"), (3, 4, "g"), (4, 7, "n")]  # 推动|达|闼|机器人
    assert R._leading_verbs_end(tokens, 0, 7) == 2
    tokens = [(0, 2, "v"), (2, 4, "v"), (4, 6, "nz")]  # 建成|投产|大唐
    assert R._leading_verbs_end(tokens, 0, 6) == 4


def test_a_project_item_is_cut_at_a_conjunction_not_at_a_character_of_a_name() -> None:
    lex = dataclasses.replace(LEX, is_place=lambda w: w in PLACES | {"西和县", "礼县", "上海"})
    text = "推进引洮二期骨干及城乡配套、西和县礼县西汉水人饮等工程建设。"
    found = texts(text, R.project_items(text, toks(text), lex))
    assert "西和县礼县西汉水人饮" in found and "县礼县西汉水人饮" not in found
    text = "加快沪苏湖铁路上海段和轨道交通南汇支线等项目建设。"
    found = texts(text, R.project_items(text, toks(text), lex))
    assert "沪苏湖铁路上海段" in found and "轨道交通南汇支线" in found


def test_a_program_name_keeps_its_brackets_balanced() -> None:
    text = "厦金大桥（厦门段）建设加快推进。"
    end = text.index("）")
    assert R.trim_program(text, 0, end) == (0, end + 1)  # the close that follows at once
    text = "推进国家数据基础设施（甘肃区域节点建设。"
    end = text.index("节点") + 2
    assert R.trim_program(text, 2, end) == (2, text.index("（"))  # no close: cut before it
    text = "实施（一期）工程。"
    assert R.trim_program(text, 2, 9) == (2, 9)


def test_a_line_list_does_not_start_after_a_number() -> None:
    text = "宁德核电6号机组、温福高铁等开工建设。"
    assert R.elliptical_lines(text, toks(text), LEX) == []
    text = "2028年分别建成津潍、潍宿高铁。"  # after the list's verb, not after the number
    lex = dataclasses.replace(LEX, city_chars=CITY_CHARS)
    assert texts(text, R.elliptical_lines(text, toks(text), lex)) == ["津潍"]


def test_some_sections_of_a_line_are_no_named_section() -> None:
    assert R.PROJECT_QUALIFIER_RE.match("威海绕城段")
    assert R.PROJECT_QUALIFIER_RE.match("先行段")
    assert not R.PROJECT_QUALIFIER_RE.match("部分区段")
    assert not R.PROJECT_QUALIFIER_RE.match("局部路段")


def test_a_quality_before_a_head_word_is_no_name() -> None:
    assert R._generic_bare("引领型") and R._generic_bare("战略战役性")
    assert not R._generic_bare("景腊大型")  # a size after a name: 景腊大型灌区
    text = "深化引领型改革和战略战役性改革。"
    assert R.program_head_names(text, toks(text), LEX) == []


def test_the_owner_before_a_quoted_program_is_not_its_name() -> None:
    lex = dataclasses.replace(LEX, is_place=lambda w: w in PLACES | {"青岛", "胶东", "天水"})
    text = "推进青岛“强龙头”战略，开展国家“城市双修”试点，推进胶东地区清洁供暖“一张网”工程。"
    found = texts(text, R.program_head_names(text, toks(text), lex))
    assert {"强龙头战略", "城市双修试点", "清洁供暖一张网工程"} <= set(found)
    assert not any(f.startswith(("青岛", "国家", "胶东")) for f in found)
    text = "完成天水机场“盖被子”工程。"  # a facility with its place is the program's own word
    assert "天水机场盖被子工程" in texts(text, R.program_head_names(text, toks(text), lex))


def test_development_and_region_alone_name_no_strategy() -> None:
    assert R._generic_bare("国家发展") and R._generic_bare("重大区域发展")
    assert not R._generic_bare("区域协调发展")  # 区域协调发展战略 is a named strategy


@pytest.mark.parametrize(
    "text",
    [
        "大地湾遗址入选“全国十大考古新发现”。",
        "宁德时代获“中国工业大奖”，实现零的突破。",
        "福州获评“2025最具幸福感城市”。",
        "入选自贸试验区第六批“最佳实践案例”。",
    ],
)
def test_quoted_titles_and_awards_won_are_no_programs(text: str) -> None:
    assert R.quoted_programs(text, toks(text), LEX) == []


def test_site_works_are_the_projects_of_a_list_closed_by_their_kind() -> None:
    text = "加快旭龙、奔子栏、古水、橄榄坝等水电站和抽水蓄能项目建设，争取公婆泉、钱阳山等煤矿项目核准。"
    assert texts(text, R.site_works(text, toks(text), LEX)) == [
        "公婆泉", "古水", "奔子栏", "旭龙", "橄榄坝", "钱阳山",
    ]  # fmt: skip
    lex = dataclasses.replace(LEX, word_freq=lambda w: {"大型": 3000, "特大型": 200}.get(w, 0))
    text = "推进大型、特大型等煤矿建设。"  # kinds of mines, not their names
    assert R.site_works(text, toks(text), lex) == []
    text = "推进旭龙、古水等水电站周边生态修复。"  # the stations, not their projects
    assert R.site_works(text, toks(text), LEX) == []


def test_a_heritage_list_item_does_not_open_with_its_closing_particle() -> None:
    text = "推进锁阳城等国家考古遗址公园建设。"
    tokens = [(0, 2, "v"), (2, 4, "n"), (4, 5, "n"), (5, 6, "u"), (6, 8, "n"), (8, 10, "vn"),
              (10, 12, "n"), (12, 14, "n"), (14, 16, "vn"), (16, 17, "x")]  # fmt: skip
    assert texts(text, R.heritage_places(text, tokens, LEX)) == ["锁阳城"]
