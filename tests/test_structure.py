from __future__ import annotations

import pytest

from pipeline.structure import (
    cn_to_int,
    find_body_start,
    find_sections,
    parse_date,
    parse_header,
    sentence_bounds,
    split_paragraphs,
    split_sentences,
)

# ---------------------------------------------------------------- header


@pytest.mark.parametrize(
    ("token", "value"),
    [("23", 23), ("二十三", 23), ("十一", 11), ("十", 10), ("二十", 20), ("二〇二六", 2026),
     ("五", 5), ("甲", None), ("十二三", None)],
)  # fmt: skip
def test_cn_to_int(token: str, value: int | None) -> None:
    assert cn_to_int(token) == value


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("——2022年2月23日在威海市", "2022-02-23"),
        ("——二〇二六年一月二十七日在甘肃省", "2026-01-27"),
        ("2026年13月40日，2025年3月5日", "2025-03-05"),
        ("没有日期", ""),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


WEIHAI = (
    " 政府工作报告\n——2022年2月23日在威海市第十八届人民代表大会第一次会议上\n\n"
    "威海市市长 闫剑波\n\n各位代表：\n\n现在，我代表市人民政府向大会报告工作。\n"
)


def test_city_header() -> None:
    h = parse_header(WEIHAI)
    assert (h.title, h.date, h.speaker, h.office) == (
        "政府工作报告",
        "2022-02-23",
        "闫剑波",
        "市长",
    )
    assert (h.place, h.level, h.year) == ("威海市", "city", 2022)
    assert h.session == "威海市第十八届人民代表大会第一次会议"
    assert WEIHAI[h.end :].startswith("各位代表：")


def test_state_council_header_with_spaced_name() -> None:
    text = "政府工作报告\n\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n国务院总理　李　强\n\n各位代表：\n"
    h = parse_header(text)
    assert (h.speaker, h.office, h.place, h.level) == ("李强", "国务院总理", "全国", "national")


def test_no_header_gives_empty_fields() -> None:
    h = parse_header("各位代表：\n\n现在，我代表国务院，向大会报告政府工作。\n")
    assert (h.title, h.date, h.speaker, h.office, h.place, h.level, h.year, h.end) == (
        "", "", "", "", "", "", None, 0,
    )  # fmt: skip


def test_flattened_shanghai_header_on_one_line() -> None:
    text = "上海市市长　龚 正  各位代表：    现在，我代表上海市人民政府，向大会报告工作。"
    h = parse_header(text)
    assert (h.speaker, h.office, h.place, h.level, h.date) == (
        "龚正",
        "市长",
        "上海市",
        "province",
        "",
    )
    assert text[h.end :].startswith("各位代表")


def test_letter_spaced_title_and_district_speaker() -> None:
    text = (
        "政 府 工 作 报 告\n\n----2012年2月29日在海拉尔区第十三届人民代表大会第六次会议上\n\n"
        "海拉尔区人民政府区长　　张天喜\n\n　　各位代表：\n"
    )
    h = parse_header(text)
    assert (h.title, h.speaker, h.office, h.place, h.level) == (
        "政府工作报告", "张天喜", "区长", "海拉尔区", "district",
    )  # fmt: skip


def test_web_title_date_split_over_two_lines() -> None:
    text = (
        "政府工作报告\n——2026年1月26日在广东省第十四届\n人民代表大会第五次会议上\n"
        "广东省省长 孟凡利\n各位代表：\n"
    )
    h = parse_header(text)
    assert (h.date, h.place, h.speaker, h.level) == ("2026-01-26", "广东省", "孟凡利", "province")
    assert h.session == "广东省第十四届人民代表大会第五次会议"


def test_autonomous_region_chair_and_title_place() -> None:
    text = "2026年新疆维吾尔自治区政府工作报告\n自治区主席 艾尔肯·吐尼亚孜\n各位代表：\n"
    h = parse_header(text)
    assert (h.title, h.speaker, h.office) == (
        "2026年新疆维吾尔自治区政府工作报告", "艾尔肯·吐尼亚孜", "自治区主席",
    )  # fmt: skip
    assert (h.place, h.level, h.year) == ("新疆维吾尔自治区", "province", 2026)


def test_office_and_name_on_separate_lines_and_date_in_brackets() -> None:
    text = "政府工作报告\n（2023年1月12日在北京市第十六届人民代表大会第一次会议上）\n北京市市长\n殷勇\n各位代表：\n"
    h = parse_header(text)
    assert (h.date, h.speaker, h.office, h.place, h.level) == (
        "2023-01-12", "殷勇", "市长", "北京市", "province",
    )  # fmt: skip


def test_session_without_a_date_and_acting_mayor() -> None:
    h = parse_header(
        "政府工作报告\n——在延庆区第五届人民代表大会第三次会议上\n区长  于波\n各位代表："
    )
    assert (h.date, h.session, h.place, h.speaker, h.level) == (
        "", "延庆区第五届人民代表大会第三次会议", "延庆区", "于波", "district",
    )  # fmt: skip
    h = parse_header("2023年成都市政府工作报告\n成都市人民政府代市长  王凤朝\n各位代表：")
    assert (h.speaker, h.office, h.place, h.level, h.year) == (
        "王凤朝", "代市长", "成都市", "city", 2023,
    )  # fmt: skip


def test_header_without_salutation_ends_at_first_body_line() -> None:
    text = "2026年河南省政府工作报告\n河南省省长 王凯\n一、2025年工作回顾\n过去一年很不平凡。"
    assert text[find_body_start(text) :].startswith("一、2025年工作回顾")


# ---------------------------------------------------------------- paragraphs


def _paras(text: str) -> list[str]:
    return [text[p.start : p.end] for p in split_paragraphs(text, 0)]


def test_paragraph_styles() -> None:
    assert _paras("第一段。\n\n第二段。\n") == ["第一段。", "第二段。"]
    assert _paras("第一段。\n第二段。\n") == ["第一段。", "第二段。"]
    flat = "各位代表： \u2003\u2003现在，我代表。   一、2020年工作回顾 \u3000\u3000过去一年。"
    assert _paras(flat) == ["各位代表：", "现在，我代表。", "一、2020年工作回顾", "过去一年。"]


def test_single_spaces_do_not_split_paragraphs() -> None:
    assert _paras("PM 2.5 浓度下降。New York 的经验。") == ["PM 2.5 浓度下降。New York 的经验。"]


# ---------------------------------------------------------------- sections


def _sections(text: str):
    paras = split_paragraphs(text, 0)
    return find_sections(text, paras, len(text))


def test_numbered_sections_and_run_in_level_two() -> None:
    text = (
        "各位代表：\n一、2021年工作回顾\n（一）经济运行稳中向好。地区生产总值增长7.5%。\n"
        "（二）创新动力显著增强。研发投入增长。\n二、2022年重点工作\n（一）推动高质量发展。\n"
    )
    secs = _sections(text)
    got = [(s.section_id, s.depth, s.heading, s.parent_id) for s in secs]
    assert got == [
        ("s01", 1, "一、2021年工作回顾", ""),
        ("s01.01", 2, "（一）经济运行稳中向好", "s01"),
        ("s01.02", 2, "（二）创新动力显著增强", "s01"),
        ("s02", 1, "二、2022年重点工作", ""),
        ("s02.01", 2, "（一）推动高质量发展", "s02"),
    ]
    for s in secs:
        assert text[s.start : s.end] == s.heading
    assert text[secs[0].span_start : secs[0].span_end].endswith("研发投入增长。")


def test_level_two_headings_with_ascii_brackets() -> None:
    # text copied from web pages writes (一) for （一）
    text = "各位代表：\n一、2021年工作回顾\n(一)经济运行稳中向好。地区生产总值增长7.5%。\n(二)创新动力显著增强。\n"
    got = [(s.section_id, s.heading) for s in _sections(text)]
    assert got == [("s01", "一、2021年工作回顾"), ("s01.01", "(一)经济运行稳中向好"),
                   ("s01.02", "(二)创新动力显著增强")]  # fmt: skip


def test_out_of_sequence_numbers_are_not_headings() -> None:
    text = (
        "一、工作回顾\n一、这是列表项不是标题\n三、跳号也不是标题\n（二）跳号的二级标题不算。\n"
        "二、重点工作\n正文。"
    )
    assert [s.heading for s in _sections(text)] == ["一、工作回顾", "二、重点工作"]


def test_long_paragraph_starting_with_numeral_is_not_a_heading() -> None:
    text = "一、" + "很长的段落内容" * 20 + "。\n正文。"
    assert _sections(text) == []


def test_appendix_is_its_own_section_and_stops_numbering() -> None:
    text = "一、工作回顾\n正文。\n名词解释\n1.两新：指新型基础设施和新型城镇化。\n二、不是标题\n"
    secs = _sections(text)
    assert [(s.section_id, s.heading, s.appendix) for s in secs] == [
        ("s01", "一、工作回顾", False),
        ("a01", "名词解释", True),
    ]


def test_unnumbered_top_level_headings_when_none_are_numbered() -> None:
    text = (
        "各位代表：\n“十四五”时期工作回顾\n五年来主要做了以下工作。\n（一）发展动能更足。\n"
        "2026年重点工作\n（一）扩大有效需求。\n"
    )
    secs = _sections(text)
    assert [(s.section_id, s.heading) for s in secs] == [
        ("s01", "“十四五”时期工作回顾"),
        ("s01.01", "（一）发展动能更足"),
        ("s02", "2026年重点工作"),
        ("s02.01", "（一）扩大有效需求"),
    ]


# ---------------------------------------------------------------- sentences


def _sents(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_bounds(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
        ("他强调：“要稳字当头。要稳中求进。”我们坚决落实。", ["他强调：“要稳字当头。要稳中求进。”", "我们坚决落实。"]),
        ("实施“六稳”“六保”。推动发展。", ["实施“六稳”“六保”。", "推动发展。"]),
        ("完成目标（其中，工业增长9%。服务业增长6%。）。继续努力。", ["完成目标（其中，工业增长9%。服务业增长6%。）。", "继续努力。"]),
        ("出台《关于促进发展的意见。》等文件。好。", ["出台《关于促进发展的意见。》等文件。", "好。"]),
        ("真的吗？！是的。", ["真的吗？！", "是的。"]),
        ("没有句末标点的标题", ["没有句末标点的标题"]),
        ("  前后空白。  ", ["前后空白。"]),
    ],
)  # fmt: skip
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert _sents(text) == expected


def test_unclosed_quote_does_not_swallow_the_paragraph() -> None:
    text = "打造“精致城市" + "建设取得成效，" * 40 + "成绩显著。第二句话。"
    got = _sents(text)
    assert got[-1] == "第二句话。"
    assert "".join(got) == text


def test_split_sentences_ids_sections_and_run_in_heading() -> None:
    text = "各位代表：\n一、工作回顾\n（一）经济向好。增长7.5%。\n"
    paras = split_paragraphs(text, 0)
    secs = find_sections(text, paras, len(text))
    sents = split_sentences(text, paras, secs)
    got = [(s.sentence_id, s.section_id, s.paragraph_id, s.text) for s in sents]
    assert got == [
        (1, "", 1, "各位代表："),
        (2, "s01", 2, "一、工作回顾"),
        (3, "s01.01", 3, "（一）经济向好。"),
        (4, "s01.01", 3, "增长7.5%。"),
    ]
    assert all(text[s.start : s.end] == s.text for s in sents)


def test_news_copy_breadcrumb_and_caption_naming_the_speaker() -> None:
    # a report copied from a news site: navigation path, site line, a photo caption
    text = (
        "首页 > 综合要闻 > 湖南省政府工作报告\n\n湖南省政府工作报告\n\n湖南政府网 发布时间:2024-02-18\n\n"
        "政府工作报告\n\n——2024年1月24日在湖南省第十四届人民代表大会第二次会议上\n\n毛伟明\n\n"
        "1月24日上午，湖南省第十四届人民代表大会第二次会议隆重开幕。省长毛伟明作政府工作报告。"
        "记者 刘尚文 摄\n\n各位代表：\n"
    )
    h = parse_header(text)
    assert (h.title, h.speaker, h.office, h.place, h.level, h.date) == (
        "湖南省政府工作报告", "毛伟明", "省长", "湖南省", "province", "2024-01-24",
    )  # fmt: skip


def test_speaker_named_alone_after_the_session_line() -> None:
    text = (
        "2022年湖南省政府工作报告\n\n  政府工作报告\n\n"
        "  ——2022年1月17日在湖南省第十三届人民代表大会第五次会议上\n\n  毛 伟 明\n\n  各位代表：\n"
    )
    h = parse_header(text)
    assert (h.speaker, h.office, h.place, h.level) == ("毛伟明", "", "湖南省", "province")
    # a line that ends like a place or a title is no name
    h = parse_header(
        "政府工作报告\n——2022年1月17日在湖南省第十三届人民代表大会第五次会议上\n湖南省\n各位代表：\n"
    )
    assert h.speaker == ""


def test_header_flattened_onto_one_line() -> None:
    text = (
        "2022年鄂州市政府工作报告2022年1月5日在鄂州市第九届人民代表大会第一次会议上市长陈平"
        "各位代表:现在,我代表市人民政府向大会报告工作。"
    )
    h = parse_header(text)
    assert (h.title, h.speaker, h.office, h.place, h.date) == (
        "2022年鄂州市政府工作报告", "陈平", "市长", "鄂州市", "2022-01-05",
    )  # fmt: skip
