from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import barchart, plotting
from pipeline.heatmap import COLORMAPS, Heatmap, color_at, heatmap_image, heatmap_layout

ROWS = ("威海市2022", "烟台市2022", "国务院2024")
VALUES = ((1.0, 0.4, 0.2), (0.4, 1.0, 0.1), (0.2, 0.1, 1.0))


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _chart(**kw) -> Heatmap:
    args = {"values": VALUES, "rows": ROWS, "cols": ROWS, "title": "报告两两相似度",
            "colorbar_label": "余弦相似度", "limits": (0.0, 1.0), "square": True}  # fmt: skip
    return Heatmap(**{**args, **kw})


def _cells(chart: barchart.Layout, n: int) -> list[barchart.Box]:
    # the cells come first among the boxes, row by row; the colour bar's steps follow
    return chart.boxes[:n]


def test_colour_maps_run_from_their_first_to_their_last_anchor() -> None:
    for name, anchors in COLORMAPS.items():
        assert color_at(name, 0.0) == anchors[0] and color_at(name, 1.0) == anchors[-1]
        assert color_at(name, -3.0) == anchors[0] and color_at(name, 7.0) == anchors[-1]
    # halfway between two anchors is their mean, channel by channel
    a, b = _rgb(COLORMAPS["blues"][0]), _rgb(COLORMAPS["blues"][1])
    mid = _rgb(color_at("blues", 0.5 / (len(COLORMAPS["blues"]) - 1)))
    assert all(abs(m - (x + y) / 2) <= 0.5 for m, x, y in zip(mid, a, b, strict=True))


def test_each_cell_is_a_box_in_its_value_s_colour_in_row_order() -> None:
    chart = heatmap_layout(_chart(), width_in=6.0, height_in=5.0)
    cells = _cells(chart, 9)
    for i, row in enumerate(VALUES):
        for j, v in enumerate(row):
            assert cells[3 * i + j].color == color_at("viridis", v)
    # rows go down, columns go right, the cells tile without gaps
    assert cells[0].y0 < cells[3].y0 < cells[6].y0 and cells[0].x0 < cells[1].x0 < cells[2].x0
    assert cells[0].x1 == cells[1].x0 and cells[0].y1 == cells[3].y0


def test_square_cells_are_square_and_shares_fill_the_plot_area() -> None:
    chart = heatmap_layout(_chart(), width_in=9.0, height_in=4.0)
    widths = {c.x1 - c.x0 for c in _cells(chart, 9)}
    heights = {c.y1 - c.y0 for c in _cells(chart, 9)}
    assert max(widths | heights) - min(widths | heights) <= 1
    wide = heatmap_layout(_chart(square=False), width_in=9.0, height_in=4.0)
    assert _cells(wide, 9)[0].x1 - _cells(wide, 9)[0].x0 > 2 * (
        _cells(wide, 9)[0].y1 - _cells(wide, 9)[0].y0
    )


def test_without_limits_the_scale_runs_from_zero_to_the_largest_value() -> None:
    shares = ((0.1, 0.3), (0.2, 0.0))
    chart = heatmap_layout(
        Heatmap(shares, ("甲", "乙"), ("T1", "T2"), "主题占比", "占比", cmap="blues"),
        width_in=5.0, height_in=4.0,
    )  # fmt: skip
    cells = _cells(chart, 4)
    assert cells[1].color == COLORMAPS["blues"][-1] and cells[3].color == COLORMAPS["blues"][0]
    ticks = [t.text for t in chart.texts if t.anchor == "lm" and not t.angle]
    assert float(ticks[0]) == 0.0 and float(ticks[-1]) <= 0.3


def test_labels_are_written_rows_flat_and_columns_turned_and_the_bar_is_labelled() -> None:
    chart = heatmap_layout(_chart(), width_in=6.0, height_in=5.0)
    flat = {t.text for t in chart.texts if t.angle == 0}
    turned = {t.text: t.angle for t in chart.texts if t.angle}
    assert set(ROWS) <= flat and "报告两两相似度" in flat
    assert {r: 90 for r in ROWS}.items() <= turned.items() and turned["余弦相似度"] == 270
    # empty labels (too many reports to read) are not written, nor their ticks
    bare = heatmap_layout(_chart(rows=("", "", ""), cols=("", "", "")), width_in=6, height_in=5)
    assert not set(ROWS) & {t.text for t in bare.texts}
    assert len(bare.lines) < len(chart.lines)


def test_the_drawn_image_has_the_cell_colours_and_ink_where_the_turned_labels_are() -> None:
    chart = heatmap_layout(_chart(), width_in=6.0, height_in=5.0)
    image = heatmap_image(_chart(), width_in=6.0, height_in=5.0)
    assert image.size == (chart.width, chart.height)
    for cell in _cells(chart, 9):
        centre = ((cell.x0 + cell.x1) // 2, (cell.y0 + cell.y1) // 2)
        assert image.getpixel(centre) == _rgb(cell.color)
    for text in chart.texts:
        if text.angle == 90:  # below the matrix, reading upwards: dark pixels under the tick
            w, h = barchart.turned_size(text.text, text.points)
            region = image.crop((text.x - w // 2, text.y, text.x + w // 2 + 1, text.y + h))
            assert region.convert("L").getextrema()[0] < 100, text.text


def test_a_turned_text_takes_the_size_of_its_flat_box_swapped() -> None:
    w, h = barchart.turned_size("威海市2022", 8.0)
    flat = barchart.turned_size("威海市2022", 8.0, angle=0)
    assert (w, h) == (flat[1], flat[0]) and h > w
    assert barchart.turned_size("", 8.0) == (0, 0)


def test_bad_input_is_rejected_with_the_chart_s_title() -> None:
    with pytest.raises(ValueError, match=r"报告两两相似度.*烟台市2022.*not finite"):
        heatmap_layout(_chart(values=((1, 0, 0), (0, float("nan"), 0), (0, 0, 1))),
                       width_in=6, height_in=5)  # fmt: skip
    with pytest.raises(ValueError, match="not 3 rows of 3"):
        heatmap_layout(_chart(values=((1.0, 0.0),) * 3), width_in=6, height_in=5)
    with pytest.raises(ValueError, match="colour map 'jet'"):
        heatmap_layout(_chart(cmap="jet"), width_in=6, height_in=5)
    with pytest.raises(ValueError, match="colour scale"):
        heatmap_layout(_chart(limits=(1.0, 1.0)), width_in=6, height_in=5)
    with pytest.raises(ValueError, match="no room"):
        heatmap_layout(_chart(), width_in=0.5, height_in=0.5)


@pytest.mark.parametrize("text", ["𠀀", "表情😀"])
def test_a_character_the_font_lacks_fails_the_heatmap(text: str) -> None:
    with pytest.raises(plotting.MissingGlyphError, match=r"heatmap.*U\+"):
        heatmap_layout(_chart(cols=(text, "乙", "丙")), width_in=6, height_in=5)


def test_the_same_heatmap_gives_the_same_bytes_without_importing_matplotlib(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from pipeline import plotting\n"
        "from pipeline.heatmap import Heatmap, heatmap_image\n"
        "h = Heatmap(((1.0, 0.3), (0.3, 1.0)), ('威海', '烟台'), ('威海', '烟台'), '相似度',\n"
        "            '余弦', limits=(0.0, 1.0), square=True)\n"
        "for name in ('a.png', 'b.png'):\n"
        f"    plotting.save_image(heatmap_image(h, width_in=4, height_in=3),"
        f" Path({str(tmp_path)!r}) / name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
