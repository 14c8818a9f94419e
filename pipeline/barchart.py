"""Horizontal bar charts drawn with PIL, without matplotlib.

A report gets several bar charts per stage (its top entities, keywords, keyness, tone by
section); at 1,000 reports that is thousands of them, and matplotlib spends about 0.09 s on each
(building artists, laying out every text, encoding). These charts have one fixed shape — labelled
rows, bars, a value axis — so they are laid out here in pixels and drawn with PIL in about a
tenth of that time, in the same font (the pinned Noto Sans SC of `pipeline.plotting`), sizes and
colours as the matplotlib figures.

Drawing is in two steps, so tests can check the geometry without reading pixels:

* `layout` turns `Panel`s into a `Layout`: the image size and every bar, text and line as boxes;
* `draw` paints a `Layout` into a PIL image.

Every text is checked against the font's character map first: a character the font cannot draw
raises `pipeline.plotting.MissingGlyphError` (a chart never ships with tofu boxes).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

DPI = 150  # the same as pipeline.plotting.DPI (asserted by the tests)
TITLE_PT, LABEL_PT, TICK_PT, VALUE_PT, LEGEND_PT = 12.0, 10.0, 10.0, 9.0, 8.0
TEXT_COLOR = "#000000"
AXIS_COLOR = "#000000"
MUTED = "#777777"
BAR_HEIGHT = 0.7  # share of a row the bar fills
X_MARGIN = 0.05  # share of the value range added on each open side (matplotlib's default)
VALUE_MARGIN = 0.12  # … on the side of the bar ends when the values are written there
TICK_LEN_PT = 3.5
SPINE_PT = 0.8
MAX_TICKS = 7
LABEL_SHARE = 0.45  # of a panel's share of the width, at most, for its row labels


def px(points: float) -> int:
    """Points (1/72 inch) to pixels at `DPI`."""
    return round(points * DPI / 72)


def inch(inches: float) -> int:
    return round(inches * DPI)


@dataclass(frozen=True)
class Segment:
    """A part of a bar from `start` to `end` in data units (a plain bar starts at 0)."""

    start: float
    end: float
    color: str


@dataclass(frozen=True)
class Row:
    """One labelled row: its segments, and the text written after the bar's end (or none)."""

    label: str
    segments: tuple[Segment, ...]
    value_text: str = ""


@dataclass(frozen=True)
class Panel:
    """One plot area: rows from top to bottom over a horizontal value axis.

    `limits` fixes the value axis (``(0, 1)`` for shares); otherwise it spans the bars with
    `X_MARGIN` on each open side (`VALUE_MARGIN` where value texts are written). `zero_line`
    draws a thin line at 0 (two-sided bars). `legend` is written in one line above the rows.
    `empty_text` is shown, without axes, when there are no rows.
    """

    rows: tuple[Row, ...]
    title: str = ""
    xlabel: str = ""
    limits: tuple[float, float] | None = None
    zero_line: bool = False
    legend: tuple[tuple[str, str], ...] = ()  # (text, colour)
    empty_text: str = "无数据"
    max_ticks: int = MAX_TICKS  # fewer for small multiples


@dataclass(frozen=True)
class Text:
    x: int
    y: int
    text: str
    points: float
    anchor: str  # PIL anchors: "rm" right-middle, "mt" middle-top, "mm" middle-middle, "lm" …
    color: str = TEXT_COLOR
    # 90: turned to read upwards; `anchor` then places the turned text's box (l/m/r, t/m/b)
    angle: int = 0


@dataclass(frozen=True)
class Box:
    x0: int
    y0: int
    x1: int
    y1: int
    color: str


@dataclass
class Layout:
    """Everything a chart draws, in pixels: filled boxes (bars, legend keys), lines (axes,
    ticks, the zero line) as thin boxes, and texts."""

    width: int
    height: int
    boxes: list[Box] = field(default_factory=list)
    lines: list[Box] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    bars: list[tuple[int, str, Box]] = field(default_factory=list)  # (panel, row label, box)


# ---------------------------------------------------------------- fonts and glyphs


@functools.cache
def _font(points: float):
    from PIL import ImageFont

    from pipeline.plotting import font_path

    return ImageFont.truetype(str(font_path()), px(points))


@functools.cache
def charmap(path: str) -> frozenset[int]:
    """The code points the font file at `path` has glyphs for (read once per process).

    A font with a full-Unicode (format 12) cmap subtable, as the bundled Noto Sans SC has, is
    read here directly (a few milliseconds); any other goes through fontTools, whose decoding of
    the whole cmap table costs a quarter of a second in every process that draws.
    """
    try:
        groups = _format12_groups(Path(path).read_bytes())
    except struct.error as exc:  # a font cut short
        raise ValueError(f"{path}: not a readable TrueType/OpenType font ({exc})") from exc
    if groups is not None:
        return frozenset(c for start, end in groups for c in range(start, end + 1))
    from fontTools.ttLib import TTFont, TTLibError  # (only for fonts the fast path cannot read)

    try:
        with TTFont(path, lazy=True) as font:
            return frozenset(font.getBestCmap())
    except TTLibError as exc:  # no font at all
        raise ValueError(f"{path}: not a readable TrueType/OpenType font ({exc})") from exc


# cmap subtables that map all of Unicode with format 12, best first (as fontTools prefers them)
_FORMAT12_ENCODINGS = ((3, 10), (0, 6), (0, 4))


def _format12_groups(data: bytes) -> list[tuple[int, int]] | None:
    """The (first, last) code point ranges of the font's format 12 cmap subtable, or None when
    the file is no single TrueType/OpenType font or has no such subtable."""
    if data[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        return None  # a collection (ttc) or not a font: fontTools decides
    (tables,) = struct.unpack_from(">H", data, 4)
    for i in range(tables):
        tag, _, offset, _ = struct.unpack_from(">4sLLL", data, 12 + 16 * i)
        if tag == b"cmap":
            break
    else:
        return None
    _, subtables = struct.unpack_from(">HH", data, offset)
    found = {}
    for i in range(subtables):
        platform, encoding, sub = struct.unpack_from(">HHL", data, offset + 4 + 8 * i)
        (fmt,) = struct.unpack_from(">H", data, offset + sub)
        if fmt == 12:
            found[platform, encoding] = offset + sub
    start = next((found[e] for e in _FORMAT12_ENCODINGS if e in found), None)
    if start is None:
        return None
    (count,) = struct.unpack_from(">L", data, start + 12)
    return [struct.unpack_from(">LL", data, start + 16 + 12 * i) for i in range(count)]


def _charmap() -> frozenset[int]:
    from pipeline.plotting import font_path

    return charmap(str(font_path()))


def check_glyphs(texts: Sequence[str], what: str) -> None:
    """Raise `MissingGlyphError` naming `what` if the font lacks a character of `texts`."""
    from pipeline.plotting import MissingGlyphError

    cmap = _charmap()
    for text in texts:
        for ch in text:
            if not ch.isspace() and ord(ch) not in cmap:
                raise MissingGlyphError(
                    f"{what}: glyph {ord(ch)} ({ch!r}, U+{ord(ch):04X}) missing from the "
                    f"font; in text {text!r}"
                )


def text_width(text: str, points: float) -> int:
    """Width in pixels of `text` in the project's font at `points`."""
    return math.ceil(_font(points).getlength(text)) if text else 0


def fit_text(text: str, pixels: int, points: float = LABEL_PT) -> str:
    """`text`, or as much of it as fits in `pixels` followed by an ellipsis."""
    if text_width(text, points) <= pixels:
        return text
    for n in range(len(text) - 1, 0, -1):
        cut = text[:n] + "…"
        if text_width(cut, points) <= pixels:
            return cut
    return "…"


# ---------------------------------------------------------------- ticks


def nice_ticks(lo: float, hi: float, max_ticks: int = MAX_TICKS) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) within [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo] if math.isfinite(lo) else []
    raw = (hi - lo) / max(1, max_ticks - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    return [round(i * step, 10) + 0.0 for i in range(first, last + 1)]


def tick_labels(ticks: Sequence[float]) -> list[str]:
    """Tick values written with as few decimals as tell them apart exactly."""
    for decimals in range(5):
        labels = [f"{t:,.{decimals}f}" for t in ticks]
        if all(
            abs(float(s.replace(",", "")) - t) < 1e-9 for s, t in zip(labels, ticks, strict=True)
        ):
            return labels
    return [f"{t:,.4g}" for t in ticks]


def _limits(panel: Panel) -> tuple[float, float]:
    if panel.limits is not None:
        return panel.limits
    ends = [v for row in panel.rows for s in row.segments for v in (s.start, s.end)]
    lo, hi = min(0.0, *ends), max(0.0, *ends)
    if hi == lo:
        hi = lo + 1.0
    span = hi - lo
    right = VALUE_MARGIN if any(r.value_text for r in panel.rows) else X_MARGIN
    return (lo - X_MARGIN * span if lo < 0 else lo, hi + right * span if hi > 0 else hi)


# ---------------------------------------------------------------- layout


def layout(
    panels: Sequence[Panel], *, width_in: float, height_in: float, suptitle: str = ""
) -> Layout:
    """Place `panels` side by side in a `width_in` × `height_in` chart.

    Each panel's label column is as wide as its longest row label; the plot areas share the
    rest equally. Raises `MissingGlyphError` for a character the font lacks, and ValueError
    for a value that is not finite.
    """
    _check_finite(panels, suptitle)
    width, height = inch(width_in), inch(height_in)
    out = Layout(width, height)
    top = inch(0.1)
    if suptitle:
        out.texts.append(Text(width // 2, top, suptitle, TITLE_PT, "mt"))
        top += px(TITLE_PT) + inch(0.2)
    gap, right = inch(0.3), inch(0.3)
    # a label column takes at most LABEL_SHARE of its panel's width; longer labels are cut
    panels = _fit_labels(panels, int(LABEL_SHARE * width / max(1, len(panels))))
    label_cols = [
        max((text_width(r.label, LABEL_PT) for r in p.rows), default=0) + inch(0.25) for p in panels
    ]
    plot_w = (width - sum(label_cols) - gap * (len(panels) - 1) - right) // max(1, len(panels))
    x = 0
    for index, (panel, label_w) in enumerate(zip(panels, label_cols, strict=True)):
        x0 = x + label_w
        _layout_panel(out, index, panel, x0, x0 + plot_w, top, height - inch(0.55))
        x = x0 + plot_w + gap
    check_glyphs([t.text for t in out.texts], f"bar chart {suptitle or panels[0].title!r}")
    return out


def grid_layout(
    panels: Sequence[Panel], *, cols: int, width_in: float, panel_height_in: float,
    suptitle: str = "",
) -> Layout:  # fmt: skip
    """Place `panels` in rows of `cols` (small multiples: the top terms of each topic), each
    `panel_height_in` high in a chart `width_in` wide; the label columns share one width, the
    widest label's (cut at `LABEL_SHARE` of a cell). Raises as `layout` does."""
    if cols < 1:
        raise ValueError(f"bar chart {suptitle!r}: cols must be at least 1, got {cols}")
    _check_finite(panels, suptitle)
    width = inch(width_in)
    top = inch(0.1)
    title_h = px(TITLE_PT) + inch(0.2) if suptitle else 0
    row_h = inch(panel_height_in)
    nrows = max(1, math.ceil(len(panels) / cols))
    out = Layout(width, top + title_h + nrows * row_h)
    if suptitle:
        out.texts.append(Text(width // 2, top, suptitle, TITLE_PT, "mt"))
    gap, right = inch(0.3), inch(0.3)
    panels = _fit_labels(panels, int(LABEL_SHARE * width / cols))
    label_w = max(
        (text_width(r.label, LABEL_PT) for p in panels for r in p.rows), default=0
    ) + inch(0.25)
    plot_w = (width - cols * label_w - gap * (cols - 1) - right) // cols
    for index, panel in enumerate(panels):
        row, col = divmod(index, cols)
        x0 = col * (label_w + plot_w + gap) + label_w
        y0 = top + title_h + row * row_h
        _layout_panel(out, index, panel, x0, x0 + plot_w, y0, y0 + row_h - inch(0.55))
    check_glyphs([t.text for t in out.texts], f"bar chart {suptitle or panels[0].title!r}")
    return out


def _fit_labels(panels: Sequence[Panel], pixels: int) -> list[Panel]:
    """`panels` with each row label cut to `pixels` (an ellipsis ends a cut label)."""
    return [
        dataclasses.replace(
            p, rows=tuple(dataclasses.replace(r, label=fit_text(r.label, pixels)) for r in p.rows)
        )
        for p in panels
    ]


def _check_finite(panels: Sequence[Panel], suptitle: str) -> None:
    for panel in panels:
        for row in panel.rows:
            for seg in row.segments:
                if not (math.isfinite(seg.start) and math.isfinite(seg.end)):
                    raise ValueError(
                        f"bar chart {panel.title or suptitle!r}: value for {row.label!r} "
                        f"is not finite: {seg.end!r}"
                    )


def _layout_panel(out: Layout, index: int, panel: Panel, x0: int, x1: int, top: int,
                  y1: int) -> None:  # fmt: skip
    mid = (x0 + x1) // 2
    if panel.title:
        out.texts.append(Text(mid, top, panel.title, TITLE_PT, "mt"))
        top += px(TITLE_PT) + inch(0.12)
    if panel.legend:
        _layout_legend(out, panel.legend, mid, top)
        top += px(LEGEND_PT) + inch(0.15)
    y0 = top + inch(0.05)
    if not panel.rows:
        out.texts.append(Text(mid, (y0 + y1) // 2, panel.empty_text, 14.0, "mm", MUTED))
        return
    lo, hi = _limits(panel)

    def xpos(v: float) -> int:
        return round(x0 + (v - lo) / (hi - lo) * (x1 - x0))

    slot = (y1 - y0) / len(panel.rows)
    for i, row in enumerate(panel.rows):
        cy = y0 + (i + 0.5) * slot
        b0, b1 = round(cy - BAR_HEIGHT * slot / 2), round(cy + BAR_HEIGHT * slot / 2)
        for seg in row.segments:
            a, b = sorted((xpos(seg.start), xpos(seg.end)))
            box = Box(a, b0, max(a + 1, b), b1, seg.color)
            out.boxes.append(box)
            out.bars.append((index, row.label, box))
        out.lines.append(Box(x0 - px(TICK_LEN_PT), round(cy), x0, round(cy), AXIS_COLOR))
        out.texts.append(Text(x0 - px(TICK_LEN_PT) - inch(0.03), round(cy), row.label,
                              LABEL_PT, "rm"))  # fmt: skip
        if row.value_text:
            end = max((s.end for s in row.segments), default=0.0)
            out.texts.append(Text(xpos(end) + px(3), round(cy), row.value_text, VALUE_PT, "lm"))
    spine = max(1, px(SPINE_PT))
    out.lines.append(Box(x0, y0, x0, y1, AXIS_COLOR))  # left spine
    out.lines.append(Box(x0, y1, x1, y1, AXIS_COLOR))  # bottom spine
    if panel.zero_line and lo < 0 < hi:
        out.lines.append(Box(xpos(0.0), y0, xpos(0.0), y1, MUTED))
    ticks = nice_ticks(lo, hi, panel.max_ticks)
    for value, text in zip(ticks, tick_labels(ticks), strict=True):
        tx = xpos(value)
        out.lines.append(Box(tx, y1, tx, y1 + px(TICK_LEN_PT), AXIS_COLOR))
        out.texts.append(Text(tx, y1 + px(TICK_LEN_PT) + spine + 2, text, TICK_PT, "mt"))
    if panel.xlabel:
        ylab = y1 + px(TICK_LEN_PT) + px(TICK_PT) + inch(0.12)
        out.texts.append(Text(mid, ylab, panel.xlabel, LABEL_PT, "mt"))


def _layout_legend(out: Layout, legend: Sequence[tuple[str, str]], mid: int, top: int) -> None:
    key_w, pad, sep = inch(0.25), inch(0.06), inch(0.2)
    widths = [key_w + pad + text_width(text, LEGEND_PT) for text, _ in legend]
    x = mid - (sum(widths) + sep * (len(widths) - 1)) // 2
    h = px(LEGEND_PT)
    for (text, color), w in zip(legend, widths, strict=True):
        out.boxes.append(Box(x, top + h // 4, x + key_w, top + h - h // 4, color))
        out.texts.append(Text(x + key_w + pad, top + h // 2, text, LEGEND_PT, "lm"))
        x += w + sep


# ---------------------------------------------------------------- drawing


def draw(chart: Layout):
    """Paint `chart` on a white RGB image."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (chart.width, chart.height), "white")
    pen = ImageDraw.Draw(image)
    for box in chart.boxes:
        pen.rectangle((box.x0, box.y0, box.x1 - 1, box.y1 - 1), fill=box.color)
    spine = max(1, px(SPINE_PT))
    for line in chart.lines:
        pen.line((line.x0, line.y0, line.x1, line.y1), fill=line.color, width=spine)
    for text in chart.texts:
        if text.angle:
            _draw_turned(image, text)
        else:
            pen.text((text.x, text.y), text.text, fill=text.color, font=_font(text.points),
                     anchor=text.anchor)  # fmt: skip
    return image


def turned_size(text: str, points: float, angle: int = 90) -> tuple[int, int]:
    """Width and height in pixels of `text` turned by `angle` degrees (0 or 90)."""
    if not text:
        return (0, 0)
    left, top, right, bottom = _font(points).getbbox(text)
    w, h = right - left, bottom - top
    return (h, w) if angle % 180 else (w, h)


def _draw_turned(image, text: Text) -> None:
    """Paint a turned text: drawn flat into a mask, the mask turned, then pasted in colour."""
    from PIL import Image, ImageDraw

    if text.angle not in (90, 270) or not text.text:
        raise ValueError(f"chart text {text.text!r}: angle {text.angle} is not 90 or 270")
    font = _font(text.points)
    left, top, right, bottom = font.getbbox(text.text)
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text.text, fill=255, font=font)
    mask = mask.rotate(text.angle, expand=True)
    horizontal, vertical = text.anchor[0], text.anchor[1]
    x = text.x - {"l": 0, "m": mask.width // 2, "r": mask.width}[horizontal]
    y = text.y - {"t": 0, "m": mask.height // 2, "b": mask.height}[vertical]
    image.paste(text.color, (x, y, x + mask.width, y + mask.height), mask)


def render(panels: Sequence[Panel], *, width_in: float, height_in: float, suptitle: str = ""):
    """`layout` then `draw`: the chart as a PIL image."""
    return draw(layout(panels, width_in=width_in, height_in=height_in, suptitle=suptitle))


def simple_rows(items: Sequence[tuple[str, float]], color: str | Sequence[str],
                value_text=None) -> tuple[Row, ...]:  # fmt: skip
    """Rows of one bar each from ``(label, value)``, in the given order; `color` is one colour
    or one per item; `value_text(value)` gives the text at a bar's end (None: no text)."""
    colors = [color] * len(items) if isinstance(color, str) else list(color)
    return tuple(
        Row(label, (Segment(0.0, float(value), c),), value_text(value) if value_text else "")
        for (label, value), c in zip(items, colors, strict=True)
    )


def hbar_layout(
    items: Sequence[tuple[str, float]], *, title: str, xlabel: str, color: str | None = None
) -> Layout:
    """The layout of a "top N" chart, the PIL twin of `pipeline.plotting.hbar_figure`: largest
    bar at the top (ties in input order), each bar's value at its end, 无数据 when empty."""
    from pipeline import plotting

    ordered = sorted(items, key=lambda item: -item[1])
    height = max(plotting.HBAR_MIN_HEIGHT, plotting.HBAR_BASE_HEIGHT
                 + plotting.HBAR_PER_ITEM * len(ordered))  # fmt: skip
    rows = simple_rows(ordered, color or plotting.PALETTE.default, plotting.format_value)
    panel = Panel(rows, title=title, xlabel=xlabel, empty_text=plotting.NO_DATA)
    return layout([panel], width_in=plotting.HBAR_WIDTH, height_in=height)


def hbar_image(
    items: Sequence[tuple[str, float]], *, title: str, xlabel: str, color: str | None = None
):
    """`hbar_layout` drawn: a PIL image."""
    return draw(hbar_layout(items, title=title, xlabel=xlabel, color=color))
