"""Plotting helpers: the one place that owns the CJK font, the Agg backend and deterministic saving.

Every figure the pipeline writes goes through this module so that figures look the same, render
Chinese text with a pinned font (Noto Sans SC from the ``pylopdf-fonts-zh-cn`` package, never a
system font) and are byte-identical for the same inputs:

* `setup` selects the Agg backend, registers the font and sets the rcParams (cached, idempotent);
* `new_figure` and `hbar` build figures; `save` writes PNG or SVG atomically and deterministically;
* `strict_glyphs` turns matplotlib's missing-glyph warnings into errors (used by `save`), so a
  figure with tofu boxes fails loudly instead of shipping;
* `PALETTE`, `label_color` and `report_colors` keep colours consistent across figures.

Nothing happens at import time; the first call to `setup` (done by every helper here) does the
work.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import json
import logging
import math
import os
import re
import secrets
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

FONT_PACKAGE = "pylopdf_fonts_zh_cn"
FONT_DISTRIBUTION = "pylopdf-fonts-zh-cn==0.1.1"
_FONT_FILE = "NotoSansSC-Regular.otf"

DPI = 150
# zlib level of the PNGs: 1 instead of PIL's 6 takes a quarter off a bar chart's time (its
# compression was a third of it) for files 2–4 % larger; the pixels are the same.
PNG_COMPRESS_LEVEL = 1
SVG_HASHSALT = "gwr"  # fixed salt: SVG element ids are then the same on every run
NO_DATA = "无数据"
SUFFIXES = (".png", ".svg")

# matplotlib >= 3.6 emits, for a character no font in the fallback list has,
#   UserWarning: Glyph 23041 (\N{CJK UNIFIED IDEOGRAPH-5A01}) missing from font(s) DejaVu Sans.
# (matplotlib/_text_helpers.py); older releases said "... missing from current font." (a
# RuntimeWarning). `warnings` matches the message with re.match, hence the leading ".*".
MISSING_GLYPH_MESSAGE = r".*missing from (current )?font"


class MissingGlyphError(RuntimeError):
    """A figure contains a character that the configured fonts cannot draw."""


@dataclass(frozen=True)
class Palette:
    """Fixed colours: one per entity label, a qualitative cycle for reports, a default."""

    entities: Mapping[str, str]
    reports: tuple[str, ...]
    default: str
    muted: str = "#777777"


PALETTE = Palette(
    # Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
    entities=MappingProxyType({"COMPANY": "#0072B2", "PLACE": "#009E73", "PROGRAM": "#D55E00"}),
    # Tableau 10, as hex so the figures do not depend on matplotlib's default colour cycle.
    reports=(
        "#4E79A7",
        "#F28E2B",
        "#E15759",
        "#76B7B2",
        "#59A14F",
        "#EDC948",
        "#B07AA1",
        "#FF9DA7",
        "#9C755F",
        "#BAB0AC",
    ),
    default="#4E79A7",
)


def label_color(label: str) -> str:
    """The fixed colour of an entity label.

    Args:
        label: ``COMPANY``, ``PLACE`` or ``PROGRAM``.

    Returns:
        A ``#RRGGBB`` colour.

    Raises:
        ValueError: If the label has no colour.
    """
    try:
        return PALETTE.entities[label]
    except KeyError:
        known = ", ".join(PALETTE.entities)
        raise ValueError(f"no colour for entity label {label!r}; expected one of {known}") from None


def report_colors(doc_ids: Iterable[str]) -> dict[str, str]:
    """Colours for reports, assigned in sorted ``doc_id`` order (cycling the report palette).

    Pass the full list of reports so that each report gets the same colour in every figure.

    Args:
        doc_ids: Report ids (duplicates are ignored).

    Returns:
        ``{doc_id: colour}``.
    """
    cycle = PALETTE.reports
    return {doc_id: cycle[i % len(cycle)] for i, doc_id in enumerate(sorted(set(doc_ids)))}


def font_path() -> Path:
    """The Noto Sans SC file shipped by the ``pylopdf-fonts-zh-cn`` package.

    Returns:
        The path of the font file.

    Raises:
        RuntimeError: If the package is not installed or the file is missing from it.
    """
    hint = f"install the pinned package: pip install {FONT_DISTRIBUTION}"
    try:
        resource = importlib.resources.files(FONT_PACKAGE) / _FONT_FILE
    except ModuleNotFoundError as exc:
        raise RuntimeError(
            f"the CJK font package {FONT_PACKAGE!r} is not installed; {hint}"
        ) from exc
    # resolved: matplotlib's findfont answers with the real path, and a venv reached through a
    # symlink would otherwise make the font seem to resolve to another file
    path = Path(str(resource)).resolve()
    if not path.is_file():
        raise RuntimeError(
            f"font file {_FONT_FILE!r} is missing from package {FONT_PACKAGE!r}; {hint}"
        )
    return path


def _register_font(path: Path) -> str:
    """Register `path` with matplotlib and make its family name resolve to that very file."""
    # imported here: matplotlib.figure and the font manager take a second to import, which a
    # stage whose figures are all current (see is_current) never needs
    from matplotlib import font_manager

    manager = font_manager.fontManager
    manager.addfont(str(path))
    family = font_manager.FontProperties(fname=path).get_name()
    prop = font_manager.FontProperties(family=family)
    if Path(font_manager.findfont(prop, fallback_to_default=False)) != path:
        # A system font with the same family name wins ties (it comes first in ttflist); put
        # ours first so output never depends on what the machine happens to have installed.
        manager.ttflist.sort(key=lambda entry: Path(entry.fname) != path)
        manager._findfont_cached.cache_clear()  # private, but the only way to drop stale hits
        resolved = Path(font_manager.findfont(prop, fallback_to_default=False))
        if resolved != path:
            raise RuntimeError(f"font family {family!r} resolves to {resolved}, not to {path}")
    return family


@functools.cache
def setup() -> str:
    """Select the Agg backend, register Noto Sans SC and set the shared rcParams.

    Cached: the first call does the work, later calls return the same family name. Safe to call
    after ``matplotlib.pyplot`` has been imported.

    Returns:
        The registered font family name (``"Noto Sans SC"``).

    Raises:
        RuntimeError: If the font package or its font file is missing.
    """
    import matplotlib  # not at module level: stages drawing with PIL only never need it

    path = font_path()
    matplotlib.use("Agg")  # switches pyplot too if it is already imported; no-op if already Agg
    family = _register_font(path)
    matplotlib.rcParams.update(
        {
            # Noto Sans SC covers Latin, digits and CJK punctuation; DejaVu Sans only catches
            # what it lacks, and strict_glyphs() fails if neither has a character.
            "font.family": [family, "DejaVu Sans"],
            "axes.unicode_minus": False,  # ASCII hyphen-minus for negative tick labels
            "svg.fonttype": "path",  # glyphs as paths: the SVG needs no font on the viewer's side
            "svg.hashsalt": SVG_HASHSALT,
            "savefig.dpi": DPI,
        }
    )
    log.debug("plotting: Agg backend, font %r from %s", family, path)
    return family


def new_figure(
    width_in: float,
    height_in: float,
    *,
    layout: Literal["tight", "constrained"] | None = "tight",
) -> tuple[Figure, Axes]:
    """A figure with one axes, set up for Chinese text.

    The figure is not registered with pyplot, so it needs no ``plt.close``; `save` closes it.

    Args:
        width_in: Width in inches.
        height_in: Height in inches.
        layout: Layout engine applied when the figure is drawn.

    Returns:
        ``(figure, axes)``.
    """
    setup()
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), layout=layout)
    ax = fig.add_subplot()
    return fig, ax


# Figures with a row (or column) per report: beyond LABELLED_ROWS_MAX reports the labels could
# not be read anyway and are left out, and no side grows past MAX_FIGURE_INCHES (at 1,000
# reports a heatmap of 0.32 inch a report would be 48,000 pixels square, 9 GB to render).
MAX_FIGURE_INCHES = 40.0
LABELLED_ROWS_MAX = 120


def capped(inches: float) -> float:
    """A figure side in inches, at most `MAX_FIGURE_INCHES`."""
    return min(inches, MAX_FIGURE_INCHES)


def row_labels(labels: Sequence[str]) -> list[str]:
    """Tick labels for rows of reports: the labels, or none when there are too many to read."""
    return list(labels) if len(labels) <= LABELLED_ROWS_MAX else [""] * len(labels)


@contextmanager
def strict_glyphs() -> Iterator[None]:
    """Turn matplotlib's missing-glyph warnings into exceptions within the block.

    Matplotlib only warns when no font in the fallback list has a character, then draws a box;
    inside this block that warning is raised instead (as the warning's own class, ``UserWarning``).
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING_GLYPH_MESSAGE)
        yield


def _temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


FIGURE_KEY = "gwr-key"  # PNG text chunk: the inputs the figure was drawn from
BARCHART_SOURCE = str(Path(__file__).with_name("barchart.py"))  # draws the PIL bar charts


@functools.cache
def _source_digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


@functools.cache
def _matplotlib_version() -> str:
    from importlib.metadata import version

    return version("matplotlib")


def figure_key(*parts: object) -> str:
    """A key for what a figure shows: its data, titles and this module's drawing settings,
    and the drawing code — the source of this module, of `pipeline.barchart` and of the module
    asking for the key (an edit to a chart's layout redraws the charts drawn before it)."""
    caller = sys._getframe(1).f_globals.get("__file__") or ""
    code = (
        _source_digest(__file__),
        _source_digest(BARCHART_SOURCE),
        _source_digest(caller) if caller else "",
    )
    h = hashlib.sha256(
        repr((parts, DPI, FONT_DISTRIBUTION, _matplotlib_version(), code)).encode("utf-8")
    )
    return h.hexdigest()[:32]


FIGURE_VALUES = "gwr-values"  # PNG text chunk: the values drawn, for a tolerant comparison


FIGURE_RANKED = "gwr-ranked"  # PNG text chunk: the (term, value) lists drawn, for `Ranking`


@dataclass(frozen=True)
class Ranking:
    """One ranked list a figure shows ("top N" bars, a word cloud): candidates best first, of
    which the figure shows the first `shown`.

    The candidates beyond those shown let a figure drawn earlier be judged: it is still right
    when each term it shows has kept its value within the tolerance and no term it leaves out
    now beats the weakest term it shows by more than the tolerance (two near-tied terms that
    swap places, in the list or at its end, do not redraw it).
    """

    items: tuple[tuple[str, float], ...]
    shown: int

    @property
    def drawn(self) -> tuple[tuple[str, float], ...]:
        return self.items[: self.shown]


def ranking_within(drawn: Sequence[Sequence], ranking: Ranking, tolerance: float) -> bool:
    """Whether the (term, value) pairs of a figure drawn earlier show `ranking` within
    `tolerance` (see `Ranking`)."""
    if len(drawn) != len(ranking.drawn):
        return False
    new = dict(ranking.items)
    shown = {str(t) for t, _ in drawn}
    if any(t not in new or abs(new[t] - float(v)) > tolerance for t, v in drawn):
        return False
    weakest = min((new[t] for t in shown), default=None)
    left_out = next((v for t, v in ranking.items if t not in shown), None)
    return weakest is None or left_out is None or left_out <= weakest + tolerance


def is_current(
    path: Path,
    key: str,
    values: Sequence[float] = (),
    tolerance: float = 0.0,
    rankings: Sequence[Ranking] = (),
) -> bool:
    """Whether `path` is a PNG drawn from the inputs that give `key` (so need not be redrawn).

    Incremental runs skip the figures of unchanged reports; the file itself records what it
    was drawn from, so there is no cache to go stale beside it. With a `tolerance`, `key`
    covers what the figure shows except its numbers, and the figure is also current when each
    of `values` differs by at most `tolerance` from the value drawn (a corpus-wide weight that
    moves a bar by less than a pixel does not redraw every report's chart). With `rankings`,
    `key` leaves out the ranked terms too, and each ranked list drawn must show its `Ranking`
    within `tolerance` (see `ranking_within`).
    """
    path = Path(path)
    if path.suffix.lower() != ".png" or not path.exists():
        return False
    try:
        text = png_text(path)
        if text.get(FIGURE_KEY) != key:
            return False
        if rankings:
            lists = json.loads(text.get(FIGURE_RANKED, "null"))
            return (
                isinstance(lists, list)
                and len(lists) == len(rankings)
                and all(
                    ranking_within(d, r, tolerance) for d, r in zip(lists, rankings, strict=True)
                )
            )
        if not tolerance:
            return True
        drawn = json.loads(text.get(FIGURE_VALUES, "null"))
    except (OSError, ValueError, TypeError):
        return False
    return (
        isinstance(drawn, list)
        and len(drawn) == len(values)
        and all(abs(a - b) <= tolerance for a, b in zip(drawn, values, strict=True))
    )


def _text_chunks(key: str | None, values: Sequence[float], rankings: Sequence[Ranking]) -> dict:
    """The PNG text chunks that record what a figure was drawn from (ASCII: tEXt is Latin-1)."""
    if key is None:
        return {}
    chunks = {FIGURE_KEY: key}
    if values:
        chunks[FIGURE_VALUES] = json.dumps([round(v, 4) for v in values])
    if rankings:
        lists = [[[t, round(v, 4)] for t, v in r.drawn] for r in rankings]
        chunks[FIGURE_RANKED] = json.dumps(lists, ensure_ascii=True)
    return chunks


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_text(path: Path) -> dict[str, str]:
    """The tEXt chunks of a PNG, read chunk by chunk without decoding the image (the chunks
    matplotlib writes come after the pixel data, where PIL would decode it all first).

    Raises:
        ValueError: If the file is not a well-formed PNG.
    """
    import struct

    out: dict[str, str] = {}
    with open(path, "rb") as fh:
        if fh.read(8) != _PNG_SIGNATURE:
            raise ValueError(f"{path}: not a PNG")
        while True:
            head = fh.read(8)
            if len(head) < 8:
                raise ValueError(f"{path}: truncated PNG")
            length, kind = struct.unpack(">I4s", head)
            if kind == b"IEND":
                return out
            if kind == b"tEXt":
                data = fh.read(length)
                name, _, value = data.partition(b"\0")
                out[name.decode("latin-1")] = value.decode("latin-1")
                fh.seek(4, os.SEEK_CUR)  # CRC
            else:
                fh.seek(length + 4, os.SEEK_CUR)


def save(
    fig: Figure,
    path: Path,
    key: str | None = None,
    values: Sequence[float] = (),
    rankings: Sequence[Ranking] = (),
) -> None:
    """Write a figure as PNG or SVG (by suffix), deterministically and atomically, then close it.

    PNG is written at `DPI` without the ``Software`` tag, SVG with glyphs as paths, no ``Date``
    and the fixed `SVG_HASHSALT`, so the same figure gives the same bytes. The file is written
    to a temporary name in the same folder and renamed into place, so a crash never leaves a
    half-written figure. Parent folders are created.

    Args:
        fig: The figure; closed afterwards, also on error.
        path: Output path ending in ``.png`` or ``.svg``.

    Raises:
        ValueError: If the suffix is not ``.png`` or ``.svg``.
        MissingGlyphError: If a character in the figure cannot be drawn by the configured fonts.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix not in SUFFIXES:
            raise ValueError(f"cannot save figure as {path}: suffix must be one of {SUFFIXES}")
        setup()
        import matplotlib

        if suffix == ".png":
            fmt, metadata = "png", {"Software": None, **_text_chunks(key, values, rankings)}
        else:
            fmt, metadata = "svg", {"Date": None}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temp_path(path)
        try:
            # rc_context pins what savefig reads from rcParams, whatever the caller changed.
            rc = {"svg.fonttype": "path", "svg.hashsalt": SVG_HASHSALT}
            # "xb" rather than mkstemp: the file gets the usual umask permissions, not 0600.
            with matplotlib.rc_context(rc), strict_glyphs(), open(tmp, "xb") as fh:
                extra = (
                    {"pil_kwargs": {"compress_level": PNG_COMPRESS_LEVEL}} if fmt == "png" else {}
                )
                fig.savefig(fh, format=fmt, dpi=DPI, metadata=metadata, **extra)
            os.replace(tmp, path)
        except Warning as exc:
            if re.match(MISSING_GLYPH_MESSAGE, str(exc)):
                raise MissingGlyphError(f"{path}: {exc}") from exc
            raise
        finally:
            tmp.unlink(missing_ok=True)
    finally:
        _close(fig)
    log.info("wrote %s", path)


def save_image(
    image,
    path: Path,
    key: str | None = None,
    values: Sequence[float] = (),
    rankings: Sequence[Ranking] = (),
) -> None:
    """Write a PIL image (a word cloud, drawn without matplotlib) as PNG, deterministically and
    atomically, recording `key` as `save` does."""
    from PIL import PngImagePlugin

    path = Path(path)
    if path.suffix.lower() != ".png":
        raise ValueError(f"cannot save image as {path}: suffix must be .png")
    info = PngImagePlugin.PngInfo()
    for name, text in _text_chunks(key, values, rankings).items():
        info.add_text(name, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_path(path)
    try:
        with open(tmp, "xb") as fh:
            image.save(fh, format="PNG", pnginfo=info, compress_level=PNG_COMPRESS_LEVEL)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    log.info("wrote %s", path)


@dataclass(frozen=True)
class FigureTask:
    """One figure to draw: ``build(*args, **kwargs)`` returns a matplotlib Figure or a PIL
    image, which is saved to `path` with `key`. `build` must be a module-level function (tasks
    are sent to worker processes)."""

    build: Callable[..., object]
    args: tuple
    path: Path
    key: str | None = None
    kwargs: Mapping[str, object] = field(default_factory=dict)
    values: tuple[float, ...] = ()  # with `tolerance`: the numbers drawn (see is_current)
    tolerance: float = 0.0
    rankings: tuple[Ranking, ...] = ()  # with `tolerance`: the ranked lists drawn


def _draw_task(task: FigureTask) -> str:
    try:
        drawn = task.build(*task.args, **task.kwargs)
    except MissingGlyphError as exc:  # raised while laying a PIL chart out: name its file
        raise MissingGlyphError(f"{task.path}: {exc}") from exc
    values = task.values if task.tolerance else ()
    # a PIL image (bar charts, clouds) needs neither matplotlib nor its set-up
    if hasattr(drawn, "savefig"):
        save(drawn, task.path, task.key, values, task.rankings)
    else:
        save_image(drawn, task.path, task.key, values, task.rankings)
    return task.path.name


# Below this many figures to draw, worker start-up (matplotlib, fonts) costs more than it saves.
PARALLEL_MIN_FIGURES = 8


def draw_all(tasks: Sequence[FigureTask], *, jobs: int = 1) -> int:
    """Draw the figures of `tasks` whose file is not current (see `is_current`), in `jobs`
    processes when there are many. Returns how many were drawn."""
    from pipeline.parallel import map_reports

    todo = [
        t
        for t in tasks
        if t.key is None or not is_current(t.path, t.key, t.values, t.tolerance, t.rankings)
    ]
    jobs = jobs if len(todo) >= PARALLEL_MIN_FIGURES else 1
    map_reports(_draw_task, todo, jobs=jobs, desc="figures")
    return len(todo)


def _close(fig: Figure) -> None:
    # Figures made with pyplot stay in its registry until closed; importing pyplot just to
    # close a figure it never saw would be a side effect, so only ask it if it is loaded.
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close(fig)


@functools.cache
def _text_to_path():
    from matplotlib.textpath import TextToPath

    return TextToPath()


def text_width(texts: Iterable[str], fontsize: float) -> float:
    """Width in inches of the widest of `texts` in the project's font at `fontsize` points
    (from the font's metrics, without drawing)."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family=setup(), size=fontsize)
    ttp = _text_to_path()
    widths = [ttp.get_text_width_height_descent(t, prop, ismath=False)[0] for t in texts if t]
    return max(widths, default=0.0) / 72.0


def fixed_margins(fig: Figure, *, ylabels: Sequence[str], fontsize: float = 10.0,
                  xlabel: bool = True, title: bool = True, right: float = 0.3,
                  top: float | None = None) -> None:  # fmt: skip
    """Margins of a one-axes figure from its tick labels' measured width, in place of the tight
    layout, which lays every text out in an extra draw (half of a small figure's time)."""
    width, height = fig.get_size_inches()
    left = text_width(ylabels, fontsize) + 0.25
    top = top if top is not None else 0.45 if title else 0.15
    bottom = 0.55 if xlabel else 0.35
    fig.set_layout_engine("none")
    fig.subplots_adjust(left=min(left / width, 0.6), right=1 - right / width,
                        top=1 - top / height, bottom=bottom / height)  # fmt: skip


def format_value(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4g}"


# hbar geometry, in inches: a fixed width, and a height that grows with the number of bars.
HBAR_WIDTH = 7.0
HBAR_BASE_HEIGHT = 1.0
HBAR_PER_ITEM = 0.32
HBAR_MIN_HEIGHT = 2.0


def hbar_figure(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    xlabel: str,
    color: str | None = None,
) -> Figure:
    """Build a horizontal "top N" bar chart, largest bar at the top.

    Items are ordered by value, largest first (ties keep their input order); each bar carries
    its value at its end. The height grows with the number of items. With no items the figure
    says 无数据 (no data).

    Args:
        items: ``(label, value)`` pairs.
        title: Figure title.
        xlabel: Label of the value axis.
        color: Bar colour; `PALETTE.default` if None.

    Returns:
        The figure (not saved).

    Raises:
        ValueError: If a value is not a finite number.
    """
    for label, value in items:
        if not math.isfinite(value):
            raise ValueError(f"hbar {title!r}: value for {label!r} is not finite: {value!r}")
    ordered = sorted(items, key=lambda item: -item[1])
    height = max(HBAR_MIN_HEIGHT, HBAR_BASE_HEIGHT + HBAR_PER_ITEM * len(ordered))
    fig, ax = new_figure(HBAR_WIDTH, height)
    ax.set_title(title)
    if not ordered:
        ax.text(
            0.5,
            0.5,
            NO_DATA,
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=14,
            color=PALETTE.muted,
        )
        ax.set_axis_off()
        return fig
    labels = [label for label, _ in ordered]
    values = [value for _, value in ordered]
    positions = range(len(ordered))
    bars = ax.barh(positions, values, height=0.7, color=color or PALETTE.default)
    ax.bar_label(bars, labels=[format_value(v) for v in values], padding=3, fontsize=9)
    ax.set_yticks(list(positions), labels)
    ax.invert_yaxis()  # first (largest) item at the top
    ax.margins(x=0.12)  # room for the value labels at the bar ends
    if min(values) >= 0:
        ax.set_xlim(left=0)
    ax.set_xlabel(xlabel)
    ax.spines[["top", "right"]].set_visible(False)
    fixed_margins(fig, ylabels=labels)
    return fig


def hbar_key(
    items: Sequence[tuple[str, float]], *, title: str, xlabel: str, color: str | None = None
) -> str:
    """The `figure_key` of an `hbar` chart."""
    return figure_key("hbar", list(items), title, xlabel, color)


def hbar(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    xlabel: str,
    path: Path,
    color: str | None = None,
) -> None:
    """Draw a horizontal "top N" bar chart (see `hbar_figure`) and `save` it to `path`.

    Args:
        items: ``(label, value)`` pairs.
        title: Figure title.
        xlabel: Label of the value axis.
        path: Output ``.png`` or ``.svg``.
        color: Bar colour; `PALETTE.default` if None.
    """
    key = hbar_key(items, title=title, xlabel=xlabel, color=color)
    if is_current(path, key):
        return
    save(hbar_figure(items, title=title, xlabel=xlabel, color=color), path, key)
