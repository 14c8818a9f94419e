"""The PIL bar charts: geometry from `layout`, pixels from `draw`, glyph checks."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from pipeline import barchart, plotting


def _rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def _centre(box: barchart.Box) -> tuple[int, int]:
    return ((box.x0 + box.x1) // 2, (box.y0 + box.y1) // 2)


def test_the_charts_use_the_figures_resolution() -> None:
    assert barchart.DPI == plotting.DPI


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (0.0, 26.9, [0, 5, 10, 15, 20, 25]),
        (0.0, 1.0, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (-3.2, 7.0, [-2, 0, 2, 4, 6]),
        (0.0, 112.0, [0, 20, 40, 60, 80, 100]),
    ],
)
def test_ticks_are_round_numbers_within_the_axis(lo, hi, expected) -> None:
    assert barchart.nice_ticks(lo, hi) == pytest.approx(expected)


def test_tick_labels_use_as_few_decimals_as_tell_them_apart() -> None:
    assert barchart.tick_labels([0.0, 5.0, 10.0]) == ["0", "5", "10"]
    assert barchart.tick_labels([0.0, 0.2, 0.4]) == ["0.0", "0.2", "0.4"]
    assert barchart.tick_labels([0.0, 2.5, 5.0]) == ["0.0", "2.5", "5.0"]
    assert barchart.tick_labels([0.0, 5000.0]) == ["0", "5,000"]


def test_hbar_puts_the_largest_at_the_top_and_keeps_ties_in_input_order() -> None:
    items = [("港口", 2.0), ("乡村振兴", 9.0), ("海洋", 2.0), ("高质量发展", 5.0)]
    chart = barchart.hbar_layout(items, title="标题", xlabel="次数")
    top_to_bottom = [label for _, label, _ in sorted(chart.bars, key=lambda b: b[2].y0)]
    assert top_to_bottom == ["乡村振兴", "高质量发展", "港口", "海洋"]
    # bar lengths follow the values, from one left edge
    boxes = {label: box for _, label, box in chart.bars}
    assert len({b.x0 for b in boxes.values()}) == 1
    length = {label: b.x1 - b.x0 for label, b in boxes.items()}
    assert length["乡村振兴"] == pytest.approx(9 / 5 * length["高质量发展"], rel=0.01)
    # each bar's value is written at its end
    values = {t.text: t for t in chart.texts if t.anchor == "lm"}
    assert values["9"].x > boxes["乡村振兴"].x1
    assert values["5"].x > boxes["高质量发展"].x1


def test_hbar_height_grows_with_the_number_of_items() -> None:
    few = barchart.hbar_layout([("甲", 1.0)], title="少", xlabel="x")
    many = barchart.hbar_layout([(f"项{i}", float(i)) for i in range(30)], title="多", xlabel="x")
    assert many.height > few.height
    assert few.width == many.width == round(plotting.HBAR_WIDTH * barchart.DPI)


def test_hbar_with_no_items_says_no_data_and_draws_no_bars() -> None:
    chart = barchart.hbar_layout([], title="空", xlabel="次数")
    assert chart.bars == []
    assert plotting.NO_DATA in [t.text for t in chart.texts]


def test_a_non_finite_value_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"乡村振兴.*not finite"):
        barchart.hbar_layout([("乡村振兴", float("nan"))], title="t", xlabel="x")


@pytest.mark.parametrize("text", ["𠀀", "表情😀"])
def test_a_character_the_font_lacks_fails_the_chart(text: str) -> None:
    with pytest.raises(plotting.MissingGlyphError, match="U\\+"):
        barchart.hbar_layout([(text, 1.0)], title="标题", xlabel="次数")
    with pytest.raises(plotting.MissingGlyphError):
        barchart.hbar_layout([("海洋", 1.0)], title=f"标题{text}", xlabel="次数")


def test_the_drawn_image_shows_the_bars_in_their_colour_and_the_labels_in_ink() -> None:
    items = [("威高集团", 8.0), ("山东港口集团", 3.0)]
    chart = barchart.hbar_layout(items, title="企业", xlabel="次数", color="#0072B2")
    image = barchart.draw(chart)
    assert image.size == (chart.width, chart.height)
    for _, _, box in chart.bars:
        assert image.getpixel(_centre(box)) == _rgb("#0072B2")
    # the label left of each bar has dark pixels (the glyphs were drawn, not boxes of nothing)
    for text in chart.texts:
        if text.text in {"威高集团", "山东港口集团"}:
            width = barchart.text_width(text.text, text.points)
            region = image.crop((text.x - width, text.y - 10, text.x, text.y + 10)).convert("L")
            assert region.getextrema()[0] < 100


def test_two_sided_bars_meet_at_a_zero_line() -> None:
    items = [("海洋", 40.0), ("港口", 10.0), ("煤炭", -25.0)]
    colors = ["#4E79A7", "#4E79A7", "#E15759"]
    panel = barchart.Panel(barchart.simple_rows(items, colors), title="关键性", zero_line=True)
    chart = barchart.layout([panel], width_in=8.0, height_in=3.0)
    boxes = {label: box for _, label, box in chart.bars}
    zero = [line for line in chart.lines if line.color == barchart.MUTED]
    assert len(zero) == 1
    x0 = zero[0].x0
    assert boxes["海洋"].x0 == boxes["港口"].x0 == x0
    assert boxes["煤炭"].x1 == x0 and boxes["煤炭"].x0 < x0
    image = barchart.draw(chart)
    assert image.getpixel(_centre(boxes["煤炭"])) == _rgb("#E15759")


def test_stacked_shares_fill_the_axis_and_carry_a_legend() -> None:
    shares = [("总体", [0.1, 0.6, 0.3]), ("第二部分", [0.0, 0.5, 0.5])]
    colors = ["#D55E00", "#BBBBBB", "#009E73"]
    rows = []
    for label, parts in shares:
        left, segments = 0.0, []
        for share, color in zip(parts, colors, strict=True):
            segments.append(barchart.Segment(left, left + share, color))
            left += share
        rows.append(barchart.Row(label, tuple(segments)))
    legend = tuple(zip(["消极", "中性", "积极"], colors, strict=True))
    panel = barchart.Panel(tuple(rows), title="语气", limits=(0.0, 1.0), legend=legend)
    chart = barchart.layout([panel], width_in=8.0, height_in=3.0)
    first = [box for _, label, box in chart.bars if label == "总体"]
    assert [b.color for b in first] == colors
    assert all(a.x1 == b.x0 for a, b in itertools.pairwise(first))  # contiguous
    ticks = [t.text for t in chart.texts if t.anchor == "mt" and t.text[0].isdigit()]
    assert ticks[0] == "0.0" and ticks[-1] == "1.0"
    assert first[-1].x1 == max(line.x1 for line in chart.lines)  # a share of 1 fills the axis
    assert {"消极", "中性", "积极"} <= {t.text for t in chart.texts}


def test_the_same_chart_gives_the_same_bytes(tmp_path: Path) -> None:
    items = [("乡村振兴", 3.0), ("海洋", 1.0)]
    for name in ("a.png", "b.png"):
        plotting.save_image(
            barchart.hbar_image(items, title="标题", xlabel="次数"), tmp_path / name, "k"
        )
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()


def test_a_label_too_long_for_its_column_is_cut_with_an_ellipsis() -> None:
    long = "通州区与北三县一体化高质量发展示范区建设三年行动计划实施方案"
    chart = barchart.hbar_layout([(long, 3.0), ("海洋", 1.0)], title="标题", xlabel="次数")
    labels = [t for t in chart.texts if t.anchor == "rm"]
    cut = next(t.text for t in labels if t.text.startswith("通州区"))
    assert cut.endswith("…") and long.startswith(cut[:-1])
    assert barchart.text_width(cut, barchart.LABEL_PT) <= barchart.LABEL_SHARE * chart.width
    # the bars keep room: the plot area is at least half the chart
    bar = max(b.x1 - b.x0 for _, _, b in chart.bars)
    assert bar > chart.width / 3
    assert barchart.fit_text("海洋", 1000) == "海洋"


def test_a_missing_glyph_names_the_figures_file(tmp_path: Path) -> None:
    task = plotting.FigureTask(
        barchart.hbar_image, ([("𠀀", 1.0)],), tmp_path / "bad.png", "k",
        {"title": "标题", "xlabel": "次数"},
    )  # fmt: skip
    with pytest.raises(plotting.MissingGlyphError, match=r"bad\.png.*U\+20000"):
        plotting.draw_all([task])
    assert not (tmp_path / "bad.png").exists()


def test_the_fonts_character_map_is_read_as_fonttools_reads_it(tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont

    def with_fonttools(path: Path) -> frozenset[int]:
        with TTFont(str(path), lazy=True) as font:
            return frozenset(font.getBestCmap())

    bundled = plotting.font_path()
    assert barchart._format12_groups(bundled.read_bytes())  # the fast path is the one taken
    assert barchart.charmap(str(bundled)) == with_fonttools(bundled)
    assert {ord("威"), ord("海"), 0x20} <= barchart.charmap(str(bundled))
    assert 0x20000 not in barchart.charmap(str(bundled))  # 𠀀: beyond the font
    # a font without a format 12 subtable goes through fontTools, with the same answer
    import matplotlib

    bmp_only = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "cmr10.ttf"
    assert barchart._format12_groups(bmp_only.read_bytes()) is None
    assert barchart.charmap(str(bmp_only)) == with_fonttools(bmp_only)
    # a file that is no font, or a font cut short, is refused naming the file, not read as an
    # empty map
    junk = tmp_path / "junk.otf"
    junk.write_bytes(b"not a font at all" * 10)
    with pytest.raises(ValueError, match=r"junk\.otf: not a readable"):
        barchart.charmap(str(junk))
    cut = tmp_path / "cut.otf"
    cut.write_bytes(bundled.read_bytes()[:200])
    with pytest.raises(ValueError, match=r"cut\.otf: not a readable"):
        barchart.charmap(str(cut))


def test_a_grid_puts_the_panels_in_rows_of_cols_with_one_label_column_width() -> None:
    panels = [
        barchart.Panel(barchart.simple_rows([(f"词{i}", 1.0 + i), ("长一点的词", 0.5)], "#4E79A7"),
                       title=f"T{i}", max_ticks=3)
        for i in range(1, 6)
    ]  # fmt: skip
    chart = barchart.grid_layout(panels, cols=2, width_in=8.0, panel_height_in=1.5, suptitle="主题")
    firsts = {}
    for index, _label, box in chart.bars:
        firsts.setdefault(index, box)
    cols = {index: box.x0 for index, box in firsts.items()}
    rows = {index: box.y0 for index, box in firsts.items()}
    assert cols[0] == cols[2] == cols[4] < cols[1] == cols[3]  # two columns, aligned
    assert rows[0] == rows[1] < rows[2] == rows[3] < rows[4]  # three rows
    assert chart.height == barchart.inch(0.1) + barchart.px(barchart.TITLE_PT) + barchart.inch(
        0.2
    ) + 3 * barchart.inch(1.5)
    tick_rows = {t.y for t in chart.texts if t.anchor == "mt" and t.text[:1].isdigit()}
    assert len(tick_rows) == 3  # each row of panels has its value axes
    assert len([t for t in chart.texts if t.text.startswith("T")]) == 5
    with pytest.raises(plotting.MissingGlyphError):
        barchart.grid_layout(
            [barchart.Panel(barchart.simple_rows([("\U000e0001", 1.0)], "#4E79A7"))],
            cols=1, width_in=4.0, panel_height_in=1.5,
        )  # fmt: skip
    with pytest.raises(ValueError, match="cols"):
        barchart.grid_layout(panels, cols=0, width_in=4.0, panel_height_in=1.5)


def test_a_panel_s_axis_has_at_most_its_max_ticks() -> None:
    items = [("甲", 0.0213), ("乙", 0.0071)]
    few = barchart.layout([barchart.Panel(barchart.simple_rows(items, "#4E79A7"), max_ticks=4)],
                          width_in=4.0, height_in=2.0)  # fmt: skip
    many = barchart.layout([barchart.Panel(barchart.simple_rows(items, "#4E79A7"))],
                           width_in=4.0, height_in=2.0)  # fmt: skip

    def ticks(chart):
        return [t.text for t in chart.texts if t.anchor == "mt" and t.text[:1].isdigit()]

    assert len(ticks(few)) <= 4 < len(ticks(many))


def test_a_pil_chart_is_drawn_and_saved_without_importing_matplotlib(tmp_path: Path) -> None:
    # stages whose figures are all PIL charts never pay matplotlib's import (a second a stage)
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from pipeline import barchart, plotting\n"
        "task = plotting.FigureTask(barchart.hbar_image, ([('威海', 3.0), ('烟台', 1.0)],),\n"
        f"    Path({str(tmp_path / 'bars.png')!r}), plotting.figure_key('bars'),\n"
        "    kwargs={'title': '地名', 'xlabel': '次数'})\n"
        "assert plotting.draw_all([task]) == 1 and task.path.is_file()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
