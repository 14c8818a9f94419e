from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from pipeline import config, indicators
from pipeline.docstore import document_to_dict
from pipeline.indicators import (
    IndicatorsParams,
    comparison_table,
    default_names,
    document_contexts,
    evaluate,
    extract_corpus,
    extract_document,
    extract_sentence,
    headline_table,
    read_gold,
    read_names,
    split_coordination,
    split_predicate,
    write_figures,
)
from pipeline.ingest import ingest_bytes
from pipeline.io import write_json
from pipeline.types import ManifestRow

ROOT = Path(__file__).resolve().parent.parent
PARAMS = IndicatorsParams(
    numerals="all", unnamed="keep", scope="all", heldout=[], figure_format="png"
)
SECTION = {
    "numerals": "all",
    "unnamed": "keep",
    "scope": "all",
    "heldout": [],
    "figure_format": "png",
}

CITY = (
    "政府工作报告\n"
    "——2022年2月23日在威海市第十八届人民代表大会第一次会议上\n"
    "威海市市长 闫剑波\n"
    "各位代表：\n"
    "一、2021年工作回顾\n"
    "全市经济运行稳中向好。地区生产总值完成3463.9亿元，增长7.5%；"
    "城镇和农村居民人均可支配收入分别增长7.6%和10%。\n"
    "今年力争新增城镇就业5万人。\n"
    "二、2022年政府工作安排\n"
    "全市经济社会发展主要预期目标是：生产总值增长6%左右，城镇登记失业率控制在4.5%以内，"
    "居民消费价格涨幅3%左右，粮食产量同比增长2%。\n"
    "去年全市粮食产量达到50万吨。\n"
    "力争新建5G基站5000个。\n"
)
# the lead of the targets split over paragraphs, as some web pages print it
SPLIT_LEAD = (
    "广东省政府工作报告\n"
    "各位代表：\n"
    "一、2025年工作回顾\n"
    "地区生产总值增长3.9%。\n"
    "二、2026年工作安排\n"
    "今年经济社会发展的\n"
    "主要预期目标\n"
    "是：地区生产总值增长4.5%—5%，在实际工作中全力争取更好结果；地方一般公共预算收入增长3%左右。\n"
    "重点抓好以下14个方面的工作。\n"
)


@pytest.fixture(scope="module")
def names():
    return read_names(default_names())


def _doc(text: str, doc_id: str, year: int, place: str = "威海市", level: str = "city"):
    params = config.load_params(ROOT / "params.yaml", "ingest")
    row = ManifestRow(doc_id, f"{doc_id}.txt", place=place, level=level, year=year)
    return ingest_bytes(text.encode(), row, params)


def _rows(text: str, names) -> list[tuple]:
    return [
        (m.indicator, m.value, m.unit, m.change, m.qualifier) for m in extract_sentence(text, names)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2021年是建党100周年",
        "全国第三个省份",
        "细颗粒物（PM2.5）平均浓度",
        "5G基站",
        "落实“8337”发展思路",
        "稳增长“21条”",
        "“十四五”规划",
        "一批重大项目",
        "两个中心建设",
        "千亿县",
        "每万人口发明专利",
        "连续16个季度",
        "11月6日至10日",
        "重点抓好以下14个方面的工作",
        "三次产业结构演进为3.6 : 48 : 48.4",
    ],
)
def test_labels_dates_ordinals_and_names_are_not_quantities(text: str, names) -> None:
    assert extract_sentence(text, names) == []


def test_full_width_digits_keep_offsets(names) -> None:
    text = "地区生产总值增长７．５％。"
    (m,) = extract_sentence(text, names)
    assert (m.value, m.unit) == (7.5, "%")
    assert text[m.start : m.end] == "７．５％"


# ---------------------------------------------------------------- sentences


def test_golden_weihai_overview_sentence(names) -> None:
    # must not change: the seed report's headline sentence
    text = (
        "地区生产总值完成3463.9亿元，增长7.5%；规模以上工业增加值增长12.1%；一般公共预算收入完成"
        "266.9亿元；外贸出口1494亿元，进口538.5亿元；实际使用外资14.5亿美元；社会消费品零售总额增长"
        "15.5%；城镇和农村居民人均可支配收入分别增长7.6%和10%。"
    )
    assert _rows(text, names) == [
        ("GDP", 3463.9, "亿元", False, ""),
        ("GDP", 7.5, "%", True, ""),
        ("规模以上工业增加值", 12.1, "%", True, ""),
        ("一般公共预算收入", 266.9, "亿元", False, ""),
        ("外贸出口", 1494.0, "亿元", False, ""),
        ("外贸进口", 538.5, "亿元", False, ""),
        ("实际使用外资", 14.5, "亿美元", False, ""),
        ("社会消费品零售总额", 15.5, "%", True, ""),
        ("城镇居民人均可支配收入", 7.6, "%", True, ""),
        ("农村居民人均可支配收入", 10.0, "%", True, ""),
    ]


def test_golden_national_targets_sentence(names) -> None:
    text = (
        "今年经济社会发展的主要预期目标是：国内生产总值增长6%－6.5%；城镇新增就业1100万人以上，"
        "城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；农村贫困人口减少1000万以上；"
        "单位国内生产总值能耗下降3%左右。"
    )
    assert _rows(text, names) == [
        ("GDP", 6.0, "%", True, "range_low"),
        ("GDP", 6.5, "%", True, "range_high"),
        ("城镇新增就业", 1100.0, "万人", False, "以上"),
        ("城镇调查失业率", 5.5, "%", False, "左右"),
        ("居民消费价格", 3.0, "%", True, "左右"),
        ("农村贫困人口", -1000.0, "万人", False, "以上"),
        ("单位生产总值能耗", -3.0, "%", True, "左右"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "城镇居民、农村居民人均可支配收入分别增长4.5%、5.7%。",
            [("城镇居民人均可支配收入", 4.5), ("农村居民人均可支配收入", 5.7)],
        ),
        (
            "城乡居民人均可支配收入分别增长4.4%、5.6%。",
            [("城镇居民人均可支配收入", 4.4), ("农村居民人均可支配收入", 5.6)],
        ),
        (
            "新能源汽车、智能家电、智能手机限上零售额分别增长8.7%、31.5%和32.3%。",
            [
                ("新能源汽车限上零售额", 8.7),
                ("智能家电限上零售额", 31.5),
                ("智能手机限上零售额", 32.3),
            ],
        ),
        (
            "高技术制造业、装备制造业增加值分别增长8.9%和7.7%。",
            [("高技术制造业增加值", 8.9), ("装备制造业增加值", 7.7)],
        ),
    ],
)
def test_fenbie_gives_one_row_per_member(text: str, expected, names) -> None:
    assert [(m.indicator, m.value) for m in extract_sentence(text, names)] == expected


def test_fenbie_list_shares_its_last_bound_word_and_unit(names) -> None:
    rows = _rows("城乡居民人均可支配收入分别增长5%、6.5%左右。", names)
    assert [r[4] for r in rows] == ["左右", "左右"]
    rows = _rows("城镇调查失业率、城镇登记失业率分别为4.8%左右和4.3%左右。", names)
    assert rows == [
        ("城镇调查失业率", 4.8, "%", False, "左右"),
        ("城镇登记失业率", 4.3, "%", False, "左右"),
    ]
    rows = _rows("广州、深圳地铁单日客运量分别达1409万、1305万人次。", names)
    assert [r[2] for r in rows] == ["万人次", "万人次"]
    rows = _rows("城镇和农村居民人均可支配收入分别增长4.5、5.7%。", names)
    assert [(r[1], r[2], r[3]) for r in rows] == [(4.5, "%", True), (5.7, "%", True)]


def test_jun_gives_the_value_to_each_member(names) -> None:
    rows = _rows("游客人数、旅游收入均增长10%以上。", names)
    assert rows == [("游客人数", 10.0, "%", True, "以上"), ("旅游收入", 10.0, "%", True, "以上")]
    # 年均 is not 均
    assert _rows("地区生产总值年均增长5.9%。", names) == [("GDP", 5.9, "%", True, "")]


def test_split_coordination_falls_back_to_the_phrase() -> None:
    assert split_coordination("城镇和农村居民人均可支配收入", 2) == [
        "城镇居民人均可支配收入",
        "农村居民人均可支配收入",
    ]
    assert split_coordination("居民收入", 3) == ["居民收入"] * 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("固定资产投资下降3.3%。", ("固定资产投资", -3.3, "%", True, "")),
        ("单位国内生产总值能耗降低2.5%左右。", ("单位生产总值能耗", -2.5, "%", True, "左右")),
        ("单位国内生产总值能耗降幅超过3%。", ("单位生产总值能耗", -3.0, "%", True, "超过")),
        ("农村贫困人口减少1240万。", ("农村贫困人口", -1240.0, "万人", False, "")),
        ("居民消费价格上涨0.8%。", ("居民消费价格", 0.8, "%", True, "")),
        ("城镇登记失业率2.27%。", ("城镇登记失业率", 2.27, "%", False, "")),
        ("年末城镇调查失业率降到5.5%。", ("城镇调查失业率", 5.5, "%", False, "")),
        ("常住人口城镇化率提高4.5个百分点。", ("常住人口城镇化率", 4.5, "个百分点", False, "")),
        ("民间投资占比下降1.2个百分点。", ("民间投资占比", -1.2, "个百分点", False, "")),
        ("技术合同成交额增长1.5倍。", ("技术合同成交额", 1.5, "倍", True, "")),
    ],
)
def test_change_and_sign(text: str, expected, names) -> None:
    assert _rows(text, names) == [expected]


def test_range_and_level_verbs(names) -> None:
    rows = _rows("常住人口城镇化率从60.2%提高到65.2%。", names)
    assert rows == [
        ("常住人口城镇化率", 60.2, "%", False, ""),
        ("常住人口城镇化率", 65.2, "%", False, ""),
    ]


def test_elided_subjects_and_attributes_take_the_previous_name(names) -> None:
    rows = _rows("国内生产总值增长6.6%，总量突破90万亿元。", names)
    assert rows == [("GDP", 6.6, "%", True, ""), ("GDP", 90.0, "万亿元", False, "突破")]
    rows = _rows("地区生产总值5.2万亿元、增长5.4%、高于全国0.4个百分点。", names)
    assert rows[-1] == ("GDP增速高于全国", 0.4, "个百分点", False, "")
    rows = _rows("非化石能源发电装机1.39亿千瓦，占比由31%提升至54%。", names)
    assert [r[0] for r in rows[1:]] == ["非化石能源发电装机占比"] * 2


def test_counts_before_their_noun(names) -> None:
    rows = _rows("103个省级重点项目、323个市级重大项目顺利推进。", names)
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("省级重点项目", 103.0, "个"),
        ("市级重大项目", 323.0, "个"),
    ]
    rows = _rows("近1亿农村贫困人口实现脱贫，惠及上千万家庭。", names)
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        ("农村贫困人口", 1.0, "亿人", "近"),
        ("家庭", 1000.0, "万户", "超过"),
    ]


def test_canonical_names_and_raw_names(names) -> None:
    got = {m.indicator_raw: m.indicator for m in extract_sentence(
        "全省地区生产总值增长5.5%，规上工业增加值增长7.6%，居民消费价格指数上涨0.2%，"
        "地级及以上城市细颗粒物（PM2.5）平均浓度下降2.7%，民营经济增加值增长31.6%。", names)}  # fmt: skip
    assert got == {
        "全省地区生产总值": "GDP",
        "规上工业增加值": "规模以上工业增加值",
        "居民消费价格指数": "居民消费价格",
        "地级及以上城市细颗粒物（PM2.5）平均浓度": "PM2.5浓度",
        "民营经济增加值": "民营经济增加值",  # not in the names file: kept as printed
    }


def test_a_count_never_takes_a_money_indicator_name(names) -> None:
    (m,) = extract_sentence("经济总量连续跨过3个万亿元大关。", names)
    assert (m.indicator, m.value, m.unit) == ("经济总量", 3.0, "个")


def test_modal_words(names) -> None:
    (m,) = extract_sentence("力争地区生产总值增长6%。", names)
    assert m.modal == "力争"
    first, second = extract_sentence("确保粮食产量稳定在1100亿斤以上，生猪出栏3000万头。", names)
    assert (first.modal, first.qualifier) == ("确保", "以上")
    assert second.modal == "确保"  # the modal opens the clause that lists both
    (m,) = extract_sentence("地区生产总值增长5%以上，在实际工作中努力争取更好结果。", names)
    assert m.modal == ""  # asks for more than the target: not a hedge
    (m,) = extract_sentence("经过艰苦努力，全年国内生产总值增长2.3%。", names)
    assert m.modal == ""


def test_split_predicate() -> None:
    assert split_predicate("地区生产总值同比增长") == ("地区生产总值", "同比增长")
    assert split_predicate("经济总量占全国比重由2020年的") == ("经济总量占全国比重", "由2020年的")
    assert split_predicate("全年粮食产量") == ("粮食产量", "")


# ---------------------------------------------------------------- documents


def test_kind_from_context(names) -> None:
    doc = _doc(CITY, "city_weihai_2022", 2022)
    rows = extract_document(doc, names, PARAMS)
    got = {(r.indicator, r.value): (r.kind, r.role, r.period, r.modal) for r in rows}
    assert got[("GDP", 3463.9)] == ("actual", "overview", "2021", "")
    assert got[("农村居民人均可支配收入", 10.0)][0] == "actual"
    assert got[("城镇新增就业", 5.0)] == ("target", "", "2022", "力争")  # 今年 in the review
    assert got[("GDP", 6.0)] == ("target", "targets", "2022", "")
    assert got[("城镇登记失业率", 4.5)][:2] == ("target", "targets")
    assert got[("粮食产量", 2.0)][:2] == ("target", "targets")  # 同比 inside the targets
    assert got[("粮食产量", 50.0)] == ("actual", "", "2021", "")  # 去年 in the plans
    assert got[("5G基站", 5000.0)] == ("target", "", "2022", "力争")
    for r in rows:
        assert doc.text[r.start : r.end] == r.text
        assert r.qualifier in (*indicators.QUALIFIERS, "range_low", "range_high", "")
        assert r.modal in (*indicators.MODALS, "")
        assert isinstance(r.value, float)


def test_a_lead_split_over_paragraphs_still_finds_the_targets(names) -> None:
    doc = _doc(SPLIT_LEAD, "province_guangdong_2026", 2026, "广东省", "province")
    contexts = document_contexts(doc)
    rows = extract_document(doc, names, PARAMS)
    targets = [(r.indicator, r.value, r.qualifier) for r in rows if r.role == "targets"]
    assert targets == [
        ("GDP", 4.5, "range_low"),
        ("GDP", 5.0, "range_high"),
        ("一般公共预算收入", 3.0, "左右"),
    ]
    assert all(r.modal == "" for r in rows)
    assert sum(c.role == "targets" for c in contexts.values()) >= 1


def test_scope_headline_and_unnamed_drop(names) -> None:
    doc = _doc(CITY, "city_weihai_2022", 2022)
    params = IndicatorsParams("all", "drop", "headline", [], "png")
    rows = extract_document(doc, names, params)
    assert rows and all(r.role in ("overview", "targets") for r in rows)
    arabic = IndicatorsParams("arabic", "keep", "all", [], "png")
    assert not [m for m in extract_sentence("下降超过五成。", names, chinese=False)]
    assert extract_document(doc, names, arabic)


# ---------------------------------------------------------------- tables and figures


def _series(names):
    a = _doc(
        "政府工作报告\n各位代表：\n一、2020年工作回顾\n国内生产总值增长2.3%。\n"
        "二、2021年工作安排\n今年发展主要预期目标是：国内生产总值增长6%以上；城镇调查失业率5.5%左右。\n",
        "national_test_2021", 2021, "国务院（全国）", "national",
    )  # fmt: skip
    b = _doc(
        "政府工作报告\n各位代表：\n一、2021年工作回顾\n国内生产总值达到114万亿元，增长8.1%。\n"
        "二、2022年工作安排\n今年发展主要预期目标是：国内生产总值增长5.5%左右。\n",
        "national_test_2022", 2022, "国务院（全国）", "national",
    )  # fmt: skip
    docs = [a, b]
    return docs, extract_corpus(docs, names, PARAMS)


def test_headline_and_comparison_tables(names) -> None:
    docs, rows = _series(names)
    head = headline_table(rows, docs)
    b = [(h.kind, h.indicator, h.value, h.unit) for h in head if h.doc_id == "national_test_2022"]
    assert b == [
        ("actual", "GDP", 114.0, "万亿元"),
        ("actual", "GDP", 8.1, "%"),
        ("target", "GDP", 5.5, "%"),
    ]
    comp = {(c.doc_id, c.indicator): c for c in comparison_table(rows, docs)}
    gdp = comp[("national_test_2021", "GDP")]
    assert (gdp.target_low, gdp.target_high, gdp.target_qualifier) == (6.0, 6.0, "以上")
    assert (gdp.previous_actual, gdp.outcome, gdp.outcome_doc_id) == (
        2.3,
        8.1,
        "national_test_2022",
    )
    assert gdp.gap == pytest.approx(2.1)
    assert comp[("national_test_2022", "GDP")].outcome is None


def test_figures_are_written_without_missing_glyphs_and_deterministically(names, tmp_path) -> None:
    docs, rows = _series(names)
    comp = comparison_table(rows, docs)
    first = write_figures(comp, rows, docs, tmp_path / "a", "png")
    second = write_figures(comp, rows, docs, tmp_path / "b", "png")
    assert [p.name for p in first] == ["growth_targets.png", "target_vs_actual_national_test.png"]
    for p, q in zip(first, second, strict=True):
        assert p.read_bytes()[:4] == b"\x89PNG"
        assert p.read_bytes() == q.read_bytes()
    (tmp_path / "a" / "stale.png").write_bytes(b"x")
    write_figures(comp, rows, docs, tmp_path / "a", "png")
    assert not (tmp_path / "a" / "stale.png").exists()


# ---------------------------------------------------------------- names, gold, shell


def test_read_names_errors(tmp_path) -> None:
    bad = tmp_path / "names.tsv"
    bad.write_text("name\taliases\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected a header"):
        read_names(bad)
    bad.write_text("canonical\theadline\taliases\nGDP\tmaybe\t生产总值\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad row 2"):
        read_names(bad)
    bad.write_text(
        "canonical\theadline\taliases\nGDP\tyes\t生产总值\n总值\tno\t生产总值\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="already 'GDP'"):
        read_names(bad)


def test_names_lookup_drops_scope_brackets_and_rate_words(names) -> None:
    assert names.lookup("全省地区生产总值") == "GDP"
    assert names.lookup("居民消费价格涨幅") == "居民消费价格"
    assert names.lookup("细颗粒物（PM2.5）年均浓度") == "PM2.5浓度"
    assert names.lookup("城镇调查失业率均值") == "城镇调查失业率"
    assert names.lookup("地方财政总收入") == "地方财政总收入"  # kept apart on purpose
    assert names.lookup("民营经济增加值") == ""
    assert {"GDP", "城镇调查失业率"} <= names.headline


GOLD_HEADER = (
    "doc_id,sentence_id,sentence_text,paragraph,indicator_raw,indicator,kind,value,unit,change,"
    "qualifier,modal,period,note\n"
)


def _gold(tmp_path: Path, doc) -> Path:
    sid = {s.text[:6]: s.sentence_id for s in doc.sentences}
    overview = sid["地区生产总值"]
    targets = sid["全市经济社会"]
    lines = [
        f"city_weihai_2022,{overview},x,overview,地区生产总值,GDP,actual,3463.9,亿元,false,,,2021,",
        f"city_weihai_2022,{overview},x,overview,地区生产总值,GDP,actual,7.5,%,true,,,2021,",
        f"city_weihai_2022,{targets},x,targets,生产总值,GDP,target,6,%,true,左右,,2022,",
        f"city_weihai_2022,{targets},x,targets,城镇登记失业率,城镇登记失业率,target,4.5,%,false,,,2022,",
    ]
    path = tmp_path / "gold.csv"
    path.write_text(GOLD_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_evaluate_scores_and_field_errors(names, tmp_path) -> None:
    doc = _doc(CITY, "city_weihai_2022", 2022)
    rows = extract_document(doc, names, PARAMS)
    golds = read_gold(_gold(tmp_path, doc))
    scores = evaluate(rows, golds, [doc], names, heldout=["city_weihai_2022"])
    held = scores["heldout"]
    # the qualifier of the unemployment target is wrong in this gold on purpose
    assert held["headline_indicators"]["tp"] == 3
    assert held["headline_indicators"]["fn"] == 1
    assert held["headline_indicators"]["field_errors"] == {"qualifier": 1}
    assert held["all_any_name"]["recall"] == 0.75
    assert scores["dev"]["all"]["tp"] == 0
    assert scores["heldout_reports"] == ["city_weihai_2022"]


def test_read_gold_names_the_bad_line(tmp_path) -> None:
    path = tmp_path / "gold.csv"
    path.write_text(GOLD_HEADER + "d,1,x,overview,a,A,maybe,1,%,true,,,2021,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        read_gold(path)


def _write_params(tmp_path: Path, **changes) -> Path:
    data = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    data["indicators"] = {**SECTION, **changes}
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_main_runs_the_stage_and_the_evaluation(names, tmp_path) -> None:
    doc = _doc(CITY, "city_weihai_2022", 2022)
    docs_dir = tmp_path / "docs"
    write_json(docs_dir / f"{doc.doc_id}.json", document_to_dict(doc))
    gold = _gold(tmp_path, doc)
    params = _write_params(tmp_path)
    out = tmp_path / "out"
    args = [
        "--params", str(params), "--docs-dir", str(docs_dir), "--names", str(default_names()),
        "--gold", str(gold), "--indicators", str(out / "indicators.csv"),
        "--headlines", str(out / "headlines.csv"), "--comparison", str(out / "comparison.csv"),
        "--figures", str(out / "figures"), "--errors", str(out / "errors.json"),
        "--metrics", str(out / "metrics.json"),
    ]  # fmt: skip
    app = typer.Typer()
    app.command()(indicators.main)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["rows"] > 5 and metrics["reports_with_gdp_growth_target"] == 1
    assert "headline_indicators" in metrics["gold"]["dev"]
    header = (out / "indicators.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    for column in ("doc_id", "sentence_id", "indicator", "kind", "value", "unit", "change",
                   "qualifier", "modal", "period", "indicator_raw", "start", "end", "text"):  # fmt: skip
        assert column in header
    assert (out / "figures" / "growth_targets.png").is_file()

    ev = typer.Typer()
    ev.command()(indicators.evaluate_main)
    args = [
        "--params", str(params), "--docs-dir", str(docs_dir), "--names", str(default_names()),
        "--gold", str(gold), "--indicators", str(out / "indicators.csv"),
    ]  # fmt: skip
    result = CliRunner().invoke(ev, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["dev"] == metrics["gold"]["dev"]


def test_main_reports_bad_params(tmp_path) -> None:
    app = typer.Typer()
    app.command()(indicators.main)
    params = _write_params(tmp_path, figure_format="jpg")
    args = [
        "--params", str(params), "--docs-dir", str(tmp_path), "--names", str(default_names()),
        "--indicators", str(tmp_path / "i.csv"), "--headlines", str(tmp_path / "h.csv"),
        "--comparison", str(tmp_path / "c.csv"), "--metrics", str(tmp_path / "m.json"),
    ]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "indicators.figure_format" in result.output


def test_extraction_cache_reuses_unchanged_reports(names, tmp_path, monkeypatch) -> None:
    params = config.load_params(ROOT / "params.yaml", "indicators")
    docs = [_doc(CITY, "city_weihai_2022", 2022), _doc(SPLIT_LEAD, "province_guangdong_2026", 2026)]
    docs_dir = tmp_path / "docs"
    for doc in docs:
        write_json(docs_dir / f"{doc.doc_id}.json", document_to_dict(doc))
    cache = tmp_path / "cache"
    plain = indicators.extract_corpus(docs, names, params)
    names_path = default_names()
    assert (
        indicators.extract_cached(docs, docs_dir, names_path, params, result_cache=cache) == plain
    )
    extracted: list[str] = []
    real = indicators.extract_document

    def counting(doc, *args, **kwargs):
        extracted.append(doc.doc_id)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(indicators, "extract_document", counting)
    assert (
        indicators.extract_cached(docs, docs_dir, names_path, params, result_cache=cache) == plain
    )
    assert extracted == []
    changed = _doc(CITY.replace("增长", "增加", 1), "city_weihai_2022", 2022)
    write_json(docs_dir / "city_weihai_2022.json", document_to_dict(changed))
    docs = [changed, docs[1]]
    rows = indicators.extract_cached(docs, docs_dir, names_path, params, result_cache=cache)
    assert extracted == ["city_weihai_2022"]
    assert rows == real_rows(docs, names, params, real)
    assert len(list(cache.glob("*.json"))) == 2


def real_rows(docs, names, params, extract) -> list:
    rows = [r for d in docs for r in extract(d, names, params)]
    return sorted(rows, key=lambda r: (r.doc_id, r.start, r.sentence_id, r.indicator, r.value))
