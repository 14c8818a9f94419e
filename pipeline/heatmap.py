"""Heatmaps drawn with PIL, without matplotlib: report × report similarity, report × topic shares.

These two figures change whenever a report joins the corpus, so every re-run draws them; in
matplotlib that took ~0.9 s each (laying out the turned CJK labels, encoding) plus ~0.7 s to
import and set matplotlib up in a stage that needs it for nothing else. Like the bar charts of
`pipeline.barchart` (whose boxes, texts, font and `draw` this module uses), a heatmap is laid out
in pixels first — every cell, label and colour-bar step a box or a text, so tests check the
geometry without reading pixels — then painted, in a few hundredths of a second.

Every text is checked against the font's character map: a character the font cannot draw raises
`pipeline.plotting.MissingGlyphError`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.barchart import (
    AXIS_COLOR,
    TICK_LEN_PT,
    TICK_PT,
    TITLE_PT,
    Box,
    Layout,
    Text,
    check_glyphs,
    fit_text,
    inch,
    nice_ticks,
    px,
    text_width,
    tick_labels,
    turned_size,
)

CELL_LABEL_PT = 8.0  # row and column labels (matplotlib's fontsize=8 of the earlier figures)
COLORBAR_LABEL_PT = 10.0
LABEL_SHARE = 0.3  # of the width (row labels) or height (column labels), at most, for labels
COLORBAR_STEPS = 256

# Colour maps as evenly spaced anchors, interpolated linearly in RGB: viridis (perceptually
# uniform, for similarities in [0, 1]) and ColorBrewer's sequential Blues (for shares), the
# anchors matplotlib's maps of those names pass through.
COLORMAPS: dict[str, tuple[str, ...]] = {
    "viridis": ("#440154", "#472c7a", "#3b518b", "#2c718e", "#21908d", "#27ad81", "#5cc863",
                "#aadc32", "#fde725"),
    "blues": ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5",
              "#08519c", "#08306b"),
}  # fmt: skip


@dataclass(frozen=True)
class Heatmap:
    """A matrix of values with a label per row and per column.

    `limits` fixes the colour scale (``(0, 1)`` for cosines); otherwise it runs from the smaller
    of 0 and the least value to the largest. `square` keeps the cells square (a report × report
    matrix). Empty labels are not written (too many rows to read, see
    `pipeline.plotting.row_labels`).
    """

    values: tuple[tuple[float, ...], ...]
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    title: str
    colorbar_label: str
    cmap: str = "viridis"
    limits: tuple[float, float] | None = None
    square: bool = False


def color_at(cmap: str, t: float) -> str:
    """The colour of `cmap` at `t` in [0, 1] (clipped) as ``#rrggbb``."""
    anchors = COLORMAPS[cmap]
    t = min(1.0, max(0.0, t)) * (len(anchors) - 1)
    i = min(int(t), len(anchors) - 2)
    a, b = _rgb(anchors[i]), _rgb(anchors[i + 1])
    f = t - i
    return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(a, b, strict=True))


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _check(h: Heatmap) -> tuple[float, float]:
    if h.cmap not in COLORMAPS:
        raise ValueError(f"heatmap {h.title!r}: colour map {h.cmap!r} is not one of "
                         f"{sorted(COLORMAPS)}")  # fmt: skip
    if len(h.values) != len(h.rows) or any(len(r) != len(h.cols) for r in h.values):
        raise ValueError(f"heatmap {h.title!r}: the values are not {len(h.rows)} rows of "
                         f"{len(h.cols)}")  # fmt: skip
    for label, row in zip(h.rows, h.values, strict=True):
        for v in row:
            if not math.isfinite(v):
                raise ValueError(f"heatmap {h.title!r}: value for {label!r} is not finite: {v!r}")
    if h.limits is not None:
        if not h.limits[1] > h.limits[0]:
            raise ValueError(f"heatmap {h.title!r}: colour scale {h.limits} is empty")
        return h.limits
    flat = [v for row in h.values for v in row]
    lo, hi = min([0.0, *flat]), max(flat, default=0.0)
    return (lo, hi if hi > lo else lo + 1.0)


def heatmap_layout(h: Heatmap, *, width_in: float, height_in: float) -> Layout:
    """Lay `h` out in a `width_in` × `height_in` chart: title on top, row labels on the left,
    column labels turned below, the colour bar with its ticks and label on the right.

    Raises:
        ValueError: If a value is not finite, the matrix does not match its labels or the colour
            map is unknown.
        MissingGlyphError: If the font lacks a character of a text.
    """
    lo, hi = _check(h)
    width, height = inch(width_in), inch(height_in)
    out = Layout(width, height)
    top = inch(0.1)
    if h.title:
        out.texts.append(Text(width // 2, top, h.title, TITLE_PT, "mt"))
        top += px(TITLE_PT) + inch(0.15)
    tick = px(TICK_LEN_PT)
    rows = [fit_text(r, int(LABEL_SHARE * width), CELL_LABEL_PT) if r else "" for r in h.rows]
    cols = [fit_text(c, int(LABEL_SHARE * height), CELL_LABEL_PT) if c else "" for c in h.cols]
    label_w = max((text_width(r, CELL_LABEL_PT) for r in rows), default=0)
    label_h = max((turned_size(c, CELL_LABEL_PT)[1] for c in cols if c), default=0)
    ticks = nice_ticks(lo, hi, 6)
    tick_texts = tick_labels(ticks)
    bar_w = inch(0.22)
    right_band = (inch(0.25) + bar_w + tick + inch(0.05)
                  + max((text_width(t, TICK_PT) for t in tick_texts), default=0)
                  + inch(0.15) + px(COLORBAR_LABEL_PT) + inch(0.15))  # fmt: skip
    x0 = inch(0.15) + label_w + tick + inch(0.05)
    x1 = width - right_band
    y0, y1 = top, height - inch(0.15) - label_h - tick - inch(0.05)
    n_rows, n_cols = max(1, len(h.rows)), max(1, len(h.cols))
    cw, ch = (x1 - x0) / n_cols, (y1 - y0) / n_rows
    if h.square:
        cw = ch = min(cw, ch)
        x1, y1 = round(x0 + cw * n_cols), round(y0 + ch * n_rows)
    if x1 - x0 < n_cols or y1 - y0 < n_rows:
        raise ValueError(f"heatmap {h.title!r}: {width_in} × {height_in} inches leave no room "
                         f"for {n_rows} × {n_cols} cells")  # fmt: skip

    def scale(v: float) -> float:
        return (v - lo) / (hi - lo)

    xs = [round(x0 + j * cw) for j in range(n_cols + 1)]
    ys = [round(y0 + i * ch) for i in range(n_rows + 1)]
    for i, row in enumerate(h.values):
        for j, v in enumerate(row):
            out.boxes.append(Box(xs[j], ys[i], xs[j + 1], ys[i + 1], color_at(h.cmap, scale(v))))
    for i, label in enumerate(rows):
        if label:
            cy = (ys[i] + ys[i + 1]) // 2
            out.lines.append(Box(x0 - tick, cy, x0, cy, AXIS_COLOR))
            out.texts.append(Text(x0 - tick - inch(0.03), cy, label, CELL_LABEL_PT, "rm"))
    for j, label in enumerate(cols):
        if label:
            cx = (xs[j] + xs[j + 1]) // 2
            out.lines.append(Box(cx, y1, cx, y1 + tick, AXIS_COLOR))
            out.texts.append(Text(cx, y1 + tick + inch(0.03), label, CELL_LABEL_PT, "mt",
                                  angle=90))  # fmt: skip
    for a, b, c, d in ((x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)):
        out.lines.append(Box(a, b, c, d, AXIS_COLOR))
    _colorbar(out, lo, hi, ticks, tick_texts, h, x1 + inch(0.25), bar_w, y0, y1)
    check_glyphs([t.text for t in out.texts], f"heatmap {h.title!r}")
    return out


def _colorbar(out: Layout, lo: float, hi: float, ticks: Sequence[float], texts: Sequence[str],
              h: Heatmap, bx: int, bar_w: int, y0: int, y1: int) -> None:  # fmt: skip
    """The colour bar: `COLORBAR_STEPS` boxes from `lo` (bottom) to `hi` (top), ticks and
    their values on its right, its label turned beside them."""
    span = y1 - y0
    steps = max(1, min(COLORBAR_STEPS, span))
    for s in range(steps):
        top, bottom = y1 - round(span * (s + 1) / steps), y1 - round(span * s / steps)
        out.boxes.append(Box(bx, top, bx + bar_w, bottom, color_at(h.cmap, (s + 0.5) / steps)))
    for a, b, c, d in ((bx, y0, bx + bar_w, y0), (bx, y1, bx + bar_w, y1), (bx, y0, bx, y1),
                       (bx + bar_w, y0, bx + bar_w, y1)):  # fmt: skip
        out.lines.append(Box(a, b, c, d, AXIS_COLOR))
    tick = px(TICK_LEN_PT)
    widest = 0
    for value, text in zip(ticks, texts, strict=True):
        y = round(y1 - (value - lo) / (hi - lo) * span)
        out.lines.append(Box(bx + bar_w, y, bx + bar_w + tick, y, AXIS_COLOR))
        out.texts.append(Text(bx + bar_w + tick + inch(0.05), y, text, TICK_PT, "lm"))
        widest = max(widest, text_width(text, TICK_PT))
    if h.colorbar_label:
        x = bx + bar_w + tick + inch(0.05) + widest + inch(0.15)
        out.texts.append(Text(x, (y0 + y1) // 2, h.colorbar_label, COLORBAR_LABEL_PT, "lm",
                              angle=270))  # fmt: skip


def heatmap_image(h: Heatmap, *, width_in: float, height_in: float):
    """`heatmap_layout` drawn: a PIL image."""
    from pipeline import barchart

    return barchart.draw(heatmap_layout(h, width_in=width_in, height_in=height_in))
