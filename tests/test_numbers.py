from __future__ import annotations

import pytest

from pipeline.numbers import (
    normalize_digits,
    parse_arabic,
    parse_chinese,
    parse_number,
    parse_quantity,
    scale_unit,
    scan_quantities,
    split_magnitude,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("两千", 2000.0),
        ("一万", 10000.0),
        ("十二", 12.0),
        ("十", 10.0),
        ("一百零五", 105.0),
        ("三千五百万", 35_000_000.0),
        ("三亿五千万", 350_000_000.0),
        ("两万亿", 2e12),
        ("五点五", 5.5),
        ("一点二万", 12000.0),
        ("二〇二一", 2021.0),  # digit by digit
        ("五", 5.0),
    ],
)
def test_parse_chinese(text: str, value: float) -> None:
    assert parse_chinese(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("3463.9", 3463.9), ("1,234", 1234.0), ("-2.5", -2.5), ("３．５", 3.5), ("１２", 12.0)],
)
def test_parse_arabic_incl_full_width(text: str, value: float) -> None:
    assert parse_arabic(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.2万亿", 1.2e12), ("两千", 2000.0), ("百万", 1e6), ("6.3万", 63000.0), ("十万", 1e5)],
)
def test_parse_number_absolute(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.2万亿元", (1.2, "万亿元")),
        ("百分之五点五", (5.5, "%")),
        ("百分之十二", (12.0, "%")),
        ("五成", (5.0, "成")),
        ("两千", (2000.0, "")),
        ("三千五百万人", (3500.0, "万人")),
        ("960万人", (960.0, "万人")),
        ("２．５%", (2.5, "%")),
    ],
)
def test_parse_quantity_keeps_the_magnitude_in_the_unit(text: str, expected) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    ("numeral", "expected"),
    [
        ("三千五百万", (3500.0, "万")),
        ("千万", (1000.0, "万")),  # 上千万家庭
        ("万亿", (1.0, "万亿")),  # 突破万亿元
        ("亿", (1.0, "亿")),
        ("1.2万亿", (1.2, "万亿")),
        ("三亿五千万", (35000.0, "万")),
        ("两千", (2000.0, "")),
    ],
)
def test_split_magnitude(numeral: str, expected) -> None:
    assert split_magnitude(numeral) == expected


def test_scale_unit() -> None:
    assert scale_unit("万亿元") == (1e12, "元")
    assert scale_unit("亿斤") == (1e8, "斤")
    assert scale_unit("万人次") == (1e4, "人次")
    assert scale_unit("%") == (1.0, "%")
    assert scale_unit("个百分点") == (1.0, "个百分点")


def test_normalize_digits_keeps_offsets() -> None:
    text = "增长７．５％，达到１２３亿元"
    out = normalize_digits(text)
    assert out == "增长7.5%，达到123亿元"
    assert len(out) == len(text)


@pytest.mark.parametrize("bad", ["abc", "1.2.3", "", "1,23"])
def test_parse_arabic_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="not an Arabic number"):
        parse_arabic(bad)


@pytest.mark.parametrize("bad", ["十四五x", "点五", "三点"])
def test_parse_chinese_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese(bad)


def test_parse_quantity_and_split_reject_non_numbers() -> None:
    with pytest.raises(ValueError, match="no number"):
        parse_quantity("增长")
    with pytest.raises(ValueError):
        split_magnitude("")


# ---------------------------------------------------------------- quantities in text


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("增长5%左右", 5.0, "%", "左右"),
        ("新增就业1100万人以上", 1100.0, "万人", "以上"),
        ("控制在4.5%以内", 4.5, "%", "以内"),
        ("突破5000亿元", 5000.0, "亿元", "突破"),
        ("超过126万亿元", 126.0, "万亿元", "超过"),
        ("超1100家", 1100.0, "家", "超过"),
        ("成为北方第一个过10万亿元省份", 10.0, "万亿元", "超过"),
        ("5100多亿元", 5100.0, "亿元", "多"),
        ("4200余个", 4200.0, "个", "多"),
        ("近70万亿元", 70.0, "万亿元", "近"),
        ("约65%", 65.0, "%", "约"),
        ("不低于3%", 3.0, "%", "不低于"),
        ("突破万亿元", 1.0, "万亿元", "突破"),
        ("百分之五点五", 5.5, "%", ""),
        ("下降超过五成", 5.0, "成", "超过"),
        ("两千万元", 2000.0, "万元", ""),
        ("增长７．５％", 7.5, "%", ""),
        ("1.2万亿元", 1.2, "万亿元", ""),
    ],
)
def test_scan_quantities_values_units_and_bound_words(text, value, unit, qualifier) -> None:
    (q,) = scan_quantities(text)
    assert (q.value, q.unit, q.qualifier) == (value, unit, qualifier)
    assert isinstance(q.value, float)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("国内生产总值增长6%－6.5%", 6.0, 6.5, "%"),
        ("地区生产总值增长4.5%—5%", 4.5, 5.0, "%"),
        ("地区生产总值增长4.5-5%", 4.5, 5.0, "%"),  # a shared %
    ],
)
def test_ranges_become_one_quantity_with_two_bounds(text, low, high, unit) -> None:
    (q,) = scan_quantities(text)
    assert (q.value, q.high, q.unit) == (low, high, unit)


def test_scan_quantities_leaves_out_years_ordinals_and_labels() -> None:
    assert scan_quantities("2021年是第三个五年，“8337”思路，PM2.5和5G，一批两个中心") == []
    (q,) = scan_quantities("近1亿农村贫困人口")
    assert (q.value, q.unit, q.qualifier, q.start, q.end) == (1.0, "亿", "近", 0, 3)


def test_scan_quantities_without_chinese_numerals() -> None:
    assert scan_quantities("下降超过五成", chinese=False) == []
    assert [q.value for q in scan_quantities("增长5%和两千万元", chinese=False)] == [5.0]
