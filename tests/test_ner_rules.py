"""Rule functions on inline sentences, with a small stand-in lexicon (no gazetteer, no model)."""

from __future__ import annotations

import jieba.posseg
import pytest

from pipeline import ner_rules as R
from pipeline.ner_rules import Lexicons

PLACES = {"威海", "威海市", "青岛", "荣成市", "哈克", "济南"}
COMMON = {"冷链": 300, "物流": 5000, "高端": 900, "装备": 2000, "社会": 50000, "治理": 3000,
          "体系": 4000, "点赞": 300, "长效": 400, "三角": 613, "联想": 1393, "惠普": 181}  # fmt: skip
POS = {"惠普": "nr", "联想": "v"}
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
        ("推进“1+4+N”创新平台体系建设。", ["1+4+N"]),  # 创新 is not a head word
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
    ],
)
def test_company_suffix_names(text: str, expected: list[str]) -> None:
    assert texts(text, R.company_suffix_names(text, toks(text), LEX)) == expected


def test_listed_firms() -> None:
    text = "成功引进惠普、捷普、联想等世界500强企业。"
    assert texts(text, R.listed_firms(text, LEX)) == ["惠普", "捷普"]
    text = "培育产业带动力强、市场前景好、有发展潜力的大企业。"
    assert R.listed_firms(text, LEX) == []


def test_zone_places() -> None:
    text = "济南、青岛都市圈获批建设。"
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
