from __future__ import annotations

import pytest

from pipeline.normalize import join_broken_lines, normalize_text, normalize_width

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
        "各位代表：\n现在，我代表市人民政府向大会报告工作。",
    ],
)
def test_real_paragraph_breaks_are_kept(text: str) -> None:
    assert join_broken_lines(text)[0] == text
