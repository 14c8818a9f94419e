from __future__ import annotations

import pytest

from pipeline.normalize import (
    cjk_punctuation,
    despace_lines,
    drop_page_numbers,
    join_broken_lines,
    normalize_text,
    normalize_width,
    strip_line_marks,
    strip_markdown,
    strip_pinyin_glosses,
    wrap_width,
)

LONG = "全面开展绿美广东生态建设六大行动，累计完成林分优化1105万亩、森林抚育1111万亩，城市空气中PM"


def test_width_digits_letters_percent_and_decimal_point() -> None:
    assert (
        normalize_width("增长７．５％，ＧＤＰ达到３４６３．９亿元") == "增长7.5%，GDP达到3463.9亿元"
    )


def test_chinese_punctuation_is_kept() -> None:
    text = "“六稳”“六保”：坚持（一）稳中求进；确保！是否？《规划》……——"
    assert normalize_text(text).text == text


def test_full_width_point_outside_numbers_is_kept() -> None:
    assert normalize_width("第一．第二") == "第一．第二"


def test_zero_width_and_line_endings() -> None:
    out = normalize_text("各位\u200b代表：\r\n现在\ufeff，我代表\r政府。").text
    assert out == "各位代表：\n现在，我代表\n政府。"


def test_traditional_is_converted_in_auto_mode() -> None:
    out = normalize_text("政府工作報告。經濟運行穩中向好，發展質量明顯提升。")
    assert out.converted_to_simplified
    assert out.text == "政府工作报告。经济运行稳中向好，发展质量明显提升。"


def test_simplified_is_not_converted_in_auto_mode() -> None:
    text = "显著提升，著力推进，乾坤湾景区。"
    out = normalize_text(text)
    assert not out.converted_to_simplified
    assert out.text == text


@pytest.mark.parametrize(("mode", "converted"), [("never", False), ("always", True)])
def test_conversion_modes(mode: str, converted: bool) -> None:
    out = normalize_text("經濟運行穩中向好。", to_simplified=mode)
    assert out.converted_to_simplified is converted
    assert (out.text == "经济运行稳中向好。") is converted


def test_broken_line_with_unit_fragment_is_joined() -> None:
    text = f"{LONG}\n2.5\n年平均浓度保持在20微克/立方米左右。\n下一段。"
    out, joins = join_broken_lines(text)
    assert out == f"{LONG}2.5年平均浓度保持在20微克/立方米左右。\n下一段。"
    assert joins == 2


def test_break_across_blank_line_is_joined() -> None:
    text = f"{LONG}交出一份人\n\n民满意的答卷。\n\n下一段。"
    out, _ = join_broken_lines(text)
    assert out == f"{LONG}交出一份人民满意的答卷。\n\n下一段。"


def test_lone_opening_bracket_joins_the_heading_after_it() -> None:
    text = f"{LONG}第2\n（\n三）改革开放持续深化。"
    out, _ = join_broken_lines(text)
    assert out.endswith("第2\n（三）改革开放持续深化。")


@pytest.mark.parametrize(
    "text",
    [
        "一、2021年工作回顾\n2021年是极不平凡的一年。",  # short heading: never joined
        f"{LONG}。\n（一）经济运行稳中向好。",  # ends a sentence
        f"{LONG}\n二、重点工作",  # the next line is a heading
        f"{LONG}\n（二）重点工作。",
        f"{LONG}\n(二)重点工作。",  # ASCII brackets, as in text copied from web pages
        "各位代表：\n现在，我代表市人民政府向大会报告工作。",
    ],
)
def test_real_paragraph_breaks_are_kept(text: str) -> None:
    assert join_broken_lines(text)[0] == text


# ---------------------------------------------------------------- hard-wrapped text (from PDFs)

PARAGRAPHS = [
    "过去一年，我们坚持稳中求进工作总基调，全省地区生产总值增长5.2%，一般公共预算收入增长3.1%，"
    "城镇新增就业56万人，居民人均可支配收入增长5.5%，经济运行稳中向好、持续回升。",
    "深入实施“强省会”行动，启动“净网”行动和“万企兴万村”行动，加快建设现代化产业体系，"
    "新能源汽车产量突破100万辆，集成电路产业规模增长18%，数字经济核心产业增加值占比提高到12%，"
    "新质生产力加快培育。",
    "第一、二轮中央生态环保督察反馈问题全部整改办结，城市空气质量优良天数比率达到93.5%，"
    "地表水国控断面水质优良比例提高到97.3%，受污染耕地安全利用率保持在96%以上。",
    "为实现上述目标，要突出抓好以下工作：",
    "（一）加快建设现代化产业体系，推动传统产业改造升级，培育壮大新兴产业和未来产业，"
    "实施制造业重点产业链高质量发展行动，新建5G基站2万个，打造一批具有国际竞争力的先进制造业集群。",
]
HEAD = "2026年某省政府工作报告\n——2026年1月20日在某省第十四届人民代表大会第四次会议上\n某省省长 张三\n各位代表：\n"


def _wrap(paragraphs: list[str], width: int, page: int = 8) -> str:
    lines: list[str] = []
    for para in paragraphs:
        while len(para) > width:
            lines.append(para[:width])
            para = para[width:]
            if len(lines) % page == 0:
                lines.append(f"— {len(lines) // page} —")  # the page's number between its lines
        lines.append(para)
    return HEAD + "\n".join(lines)


@pytest.mark.parametrize("width", [28, 31, 36])
def test_hard_wrapped_text_is_joined_and_its_page_numbers_dropped(width: int) -> None:
    out = normalize_text(_wrap(PARAGRAPHS * 2, width))
    assert out.wrap_width == width and out.page_numbers >= 2
    assert out.text == HEAD + "\n".join(PARAGRAPHS * 2)


def test_text_of_paragraph_lines_is_not_taken_for_wrapped() -> None:
    text = HEAD + "\n".join(PARAGRAPHS * 5 + ["— 3 —", "12"])
    out = normalize_text(text)
    assert out.wrap_width is None
    # a decorated page number goes; a bare number is kept outside wrapped text
    assert out.text == HEAD + "\n".join(PARAGRAPHS * 5 + ["12"]) and out.page_numbers == 1
    assert wrap_width("\n".join(PARAGRAPHS[0][:30] for _ in range(10))) is None  # too few lines
    assert wrap_width("\n".join(PARAGRAPHS[0][:14] for _ in range(30))) is None  # no page's line
    assert wrap_width("\n".join(PARAGRAPHS[0][:16] for _ in range(30))) == 16


@pytest.mark.parametrize(
    ("line", "dropped"),
    [("— 3 —", True), ("- 12 -", True), ("·5·", True), ("第3页", True), ("第 3 页 共 40 页", True),
     ("3/40", True), ("2025", False), ("一、工作回顾", False), ("（3）", False)],
)  # fmt: skip
def test_page_number_lines(line: str, dropped: bool) -> None:
    text = f"上文。\n{line}\n下文。"
    assert (drop_page_numbers(text, wrapped=False)[0] == "上文。\n下文。") is dropped
    assert drop_page_numbers("上文。\n7\n下文。", wrapped=True)[0] == "上文。\n下文。"
    assert drop_page_numbers("上文。\n7\n下文。", wrapped=False)[0] == "上文。\n7\n下文。"


def test_wrapped_lines_join_across_a_closing_quote_but_not_across_a_heading_after_a_colon() -> None:
    lines = ["深入开展“净网”", "行动。", "要突出抓好以下工作：", "（一）加快产业发展",
             "城市空气质量全面达标。第", "一、二轮督察整改办结。"]  # fmt: skip
    out, _ = join_broken_lines("\n".join(lines), 8, wrapped=True)
    assert out.split("\n") == [
        "深入开展“净网”行动。",  # a closing quote mid-sentence
        "要突出抓好以下工作：",  # a heading after a colon stands
        "（一）加快产业发展",  # a heading short of the width is whole
        "城市空气质量全面达标。第一、二轮督察整改办结。",  # a word cut before "一、"
    ]


def test_a_running_head_goes_from_wrapped_text_but_the_title_stays() -> None:
    # four pages' worth of paragraphs, each copy its own (a report repeats no line of its own)
    paras = [f"{k}年来，{p}" for k in range(1, 5) for p in PARAGRAPHS]
    wrapped = _wrap(paras, 30, page=15).split("\n")
    # a running head at the top of every page after the first (15 lines), as a PDF's text layer
    # has it
    with_heads = [
        x
        for i, line in enumerate(wrapped)
        for x in ([line, "2026年某省政府工作报告"] if i % 15 == 14 else [line])
    ]
    assert sum(line == "2026年某省政府工作报告" for line in with_heads) >= 4
    text = "2026年某省政府工作报告\n" + "\n".join(with_heads)
    out = normalize_text(text)
    assert out.text == "2026年某省政府工作报告\n" + HEAD + "\n".join(paras)
    # a short line repeated in text that is not wrapped is the text's own
    plain = HEAD + "\n".join(["2026年某省政府工作报告", *PARAGRAPHS] * 3)
    assert normalize_text(plain).text == plain
    # a repeated fragment (a scraping break: 带技术|揭榜|；) is no running head, nor is a line
    # repeated closer than a page's lines
    assert drop_page_numbers("甲\n揭榜\n乙\n揭榜\n丙\n揭榜", wrapped=True)[1] == 0
    assert drop_page_numbers("\n".join(["深入实施强省会行动", "正文。"] * 5), wrapped=True)[1] == 0


def test_in_a_layout_that_indents_paragraphs_a_full_line_ending_a_sentence_goes_on() -> None:
    # every paragraph's first line indented: a line that fills the width (20) and ends a
    # sentence ends the paragraph only when the next line is indented
    block = [
        "\u3000\u3000经济运行稳中有进，地区生产总值增长了",
        "百分之五点二，财政收入增长百分之三点一。",  # full, ends a sentence: the paragraph goes on
        "城镇新增就业五十六万人。",
        "\u3000\u3000深入实施强省会行动，新能源汽车产量突",
        "破一百万辆，集成电路产业规模增长百分之十",
        "八。",
    ]
    assert {len(line) for line in block[:2] + block[3:5]} == {20}
    out = normalize_text(HEAD + "\n".join(block * 6))
    assert out.wrap_width == 20
    paras = [block[0] + block[1] + block[2], block[3] + block[4] + block[5]]
    assert out.text == HEAD + "\n".join(paras * 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("组团建设全面开工,三条主干道路建成", "组团建设全面开工，三条主干道路建成"),
        ("同比增长10.1%;地方财政总收入", "同比增长10.1%；地方财政总收入"),
        ("改造16万平方米, “一户一阀”改造", "改造16万平方米，“一户一阀”改造"),
        ("考核先进县(区)称号", "考核先进县（区）称号"),
        ("(一)坚持稳中求进", "（一）坚持稳中求进"),
        ('推进"放管服"改革', "推进“放管服”改革"),
        ('落实自治区"8337"发展思路', "落实自治区“8337”发展思路"),  # a code in Chinese prose
        ("主要目标:增长5%左右", "主要目标：增长5%左右"),
        ("是否可行? 是的!", "是否可行？是的！"),
        # numbers, times, ratios, Latin text and URLs keep their marks
        ("收入1,000元", "收入1,000元"),
        ("上午10:30召开", "上午10:30召开"),
        ("比例为3:2，", "比例为3:2，"),
        ("详见 http://www.gov.cn/a,b", "详见 http://www.gov.cn/a,b"),
        ('He said "hello", ok', 'He said "hello", ok'),
        ("iPhone 15 (Pro)", "iPhone 15 (Pro)"),
    ],
)
def test_ascii_punctuation_in_chinese_prose_becomes_chinese(text: str, expected: str) -> None:
    out, changed = cjk_punctuation(text)
    assert out == expected and (changed > 0) == (text != expected)
    assert normalize_text(text).text == expected


def test_a_report_typed_with_ascii_punctuation_splits_like_its_chinese_original() -> None:
    original = (
        "政府工作报告\n各位代表：\n过去一年，我们推进“放管服”改革；全年增长5.5%（预计）。"
        "实施“1+N”政策体系，主要目标：增长5%左右！\n"
    )
    ascii_typed = original.translate(str.maketrans("，；（）“”：！", ',;()"":!'))
    assert ascii_typed != original
    assert normalize_text(ascii_typed).text == original
    assert normalize_text(ascii_typed).ascii_marks == 12


def test_an_ascii_mark_that_a_print_layout_put_on_a_line_of_its_own_becomes_chinese() -> None:
    # a PDF's text layer (lines of 20 characters) moved the "!" ending a paragraph to a line
    # of its own: the lines are joined first, then the mark has its prose back
    body = "让银色旅游为建设幸福海拉尔助力添彩持续推进" * 30
    lines = [body[i : i + 20] for i in range(0, len(body), 20)]
    text = "\n".join(["政府工作报告", "各位代表:", *lines, "!", "下一段开始了。"])
    out = normalize_text(text)
    assert out.wrap_width == 20
    assert body + "！" in out.text.replace("\n", "") and "!" not in out.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("政 府 工 作 报 告", "政府工作报告"),
        (  # indentation stays; a wider gap (a space of the text) becomes one space
            "\u3000\u3000推 进 “ 好 客 山 东   好 品 山 东 ” ， 增 长 5 . 5 % 。",
            "\u3000\u3000推进“好客山东 好品山东”，增长5.5%。",
        ),
        ("引 进 S K 海 力 士 项 目", "引进SK海力士项目"),
        ("政\u3000府\u3000工\u3000作\u3000报\u3000告", "政府工作报告"),  # ideographic spaces
        ("推\t进\t乡\t村\t振\t兴", "推进乡村振兴"),
        # a flattened report's paragraph mark (two ideographic spaces) is no spaced-out line
        ("完成目标。\u3000\u3000一年来，我们坚持", "完成目标。\u3000\u3000一年来，我们坚持"),
        # prose with a space of its own, and two spaced characters, are no spaced-out lines
        ("开展“好客山东 好品山东”活动", "开展“好客山东 好品山东”活动"),
        ("王 伟", "王 伟"),
        ("推进 乡村振兴 战略实施", "推进 乡村振兴 战略实施"),
    ],
)
def test_spaced_out_lines_are_closed_up(line: str, expected: str) -> None:
    assert despace_lines(line) == (expected, int(line != expected))


def test_a_pdf_layout_with_spaced_out_lines_is_still_read_as_wrapped() -> None:
    # a justified layout's stretched lines come out of the extractor spaced out, twice as long
    # as the others: closed up first, they measure the page's width again
    body = "让银色旅游为建设幸福海拉尔助力添彩持续推进" * 30 + "。"
    lines = [body[i : i + 20] for i in range(0, len(body), 20)]
    lines = [" ".join(x) if k % 2 else x for k, x in enumerate(lines)]
    out = normalize_text("\n".join(["政 府 工 作 报 告", "各位代表：", *lines]))
    assert out.wrap_width == 20
    assert out.text == "政府工作报告\n各位代表：\n" + body


def test_a_report_saved_with_its_web_pages_markup_reads_as_text() -> None:
    saved = (
        '<div class="article"><p>政府工作报告</p><p>各位代表：</p>\n'
        "<p>&nbsp;&nbsp;推进&ldquo;放管服&rdquo;改革，增长5%&#12290;</p><br/>"
        '<p><span style="x">实施乡村振兴战略。</span></p></div>'
    )
    text = normalize_text(saved).text
    assert "<" not in text and "&" not in text
    assert "推进“放管服”改革，增长5%。" in text and "\n实施乡村振兴战略。" in text


def test_a_lone_ampersand_or_angle_bracket_of_the_text_is_kept() -> None:
    text = "研发投入强度<2.5%的企业 & 机构，R&D经费增长，<b>一项</b>。"
    assert normalize_text(text).text == text


def test_markdown_marks_go_from_a_converted_report_but_not_from_plain_text() -> None:
    md = (
        "# 政府工作报告\n\n## 一、过去一年工作回顾\n\n### （一）经济运行\n\n"
        "**一是稳增长。**全年增长5%。\n\n> 引文一段。\n\n- 要点一\n* 要点二"
    )
    text, removed = strip_markdown(md)
    assert text == (
        "政府工作报告\n\n一、过去一年工作回顾\n\n（一）经济运行\n\n"
        "一是稳增长。全年增长5%。\n\n引文一段。\n\n要点一\n要点二"
    )
    assert removed == 8
    plain = "一、回顾\n- 3 -\n目标：增长5%**左右\n> 注"  # too few marks: a report's own text
    assert strip_markdown(plain) == (plain, 0)


def test_pinyin_readings_a_web_site_printed_go_with_three_or_more() -> None:
    # a page copied from a site that glosses characters it thinks hard, in traditional script
    page = "現(xiàn)在，我代表縣人民政府向大會作工作報(bào)告。全年實現(xiàn)生產(chǎn)總值67.9億元。\n"
    assert normalize_text(page).text == (
        "现在，我代表县人民政府向大会作工作报告。全年实现生产总值67.9亿元。\n"
    )
    assert strip_pinyin_glosses("發（fā）展") == ("發（fā）展", 0)  # one alone: left
    # what is not a reading: no tone mark, not after a Han character
    text = "面积(mu)增加(a)，PM(2.5)，图(b)，(fā)(zhǎn)(bào)"
    assert strip_pinyin_glosses(text) == (text, 0)


def test_a_sites_mark_at_the_ends_of_lines_goes() -> None:
    clean = [
        "政府工作报告", "", "2017年2月22日在蠡县第十七届人民代表大会第一次会议上", "",
        "蠡县人民政府代县长都建华", "", "各位代表：", "", "现在，我代表蠡县人民政府向大会作政府工作报告。",
        "", "一、过去五年工作回顾", "", "五年来，全县经济总体实力迈上了新台阶。",
    ]  # fmt: skip
    marked = "\n".join(line + "pbY" for line in clean)
    text, removed = strip_line_marks(marked)
    assert text == "\n".join(clean) and removed == len(clean)
    # a word of the text that happens to end lines, or too few lines: left
    text = "\n".join(["增长GDP"] * 6 + ["GDP总量"])
    assert strip_line_marks(text) == (text, 0)
    text = "\n".join(["一段话pbY"] * 4 + ["另一段话"] * 20)
    assert strip_line_marks(text) == (text, 0)
