"""Tests for pipeline.plotting: the pinned CJK font, the glyph guard, deterministic atomic saving."""

from __future__ import annotations

import dataclasses
import io
import warnings
from pathlib import Path

import matplotlib
import pylopdf_fonts_zh_cn
import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure

from pipeline import plotting

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHINESE = "威海市 政府工作报告 乡村振兴 高质量发展 “六稳”“六保” 一、（一）—— ％ % − minus"


def _chinese_figure() -> Figure:
    fig, ax = plotting.new_figure(6, 3)
    ax.plot([-2, -1, 0, 1], [-1.5, 0.5, -0.5, 2])  # negative tick labels exercise the minus
    ax.set_title(CHINESE)
    ax.set_xlabel("年份（年）")
    ax.set_ylabel("增速 ％")
    ax.text(0, 0, "一、（一）—— −3.5%")
    return fig


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _resolve(family: str) -> Path:
    prop = font_manager.FontProperties(family=family)
    return Path(font_manager.findfont(prop, fallback_to_default=False))


def test_setup_registers_the_packaged_font() -> None:
    family = plotting.setup()
    assert plotting.setup() == family == "Noto Sans SC"
    path = _resolve(family)
    assert path.is_file()
    assert path == plotting.font_path()
    assert path.parent == Path(pylopdf_fonts_zh_cn.__file__).resolve().parent
    assert matplotlib.rcParams["font.family"][0] == family
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    assert matplotlib.rcParams["svg.fonttype"] == "path"
    assert matplotlib.get_backend().lower() == "agg"


def test_font_path_names_the_package_when_the_file_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(plotting, "_FONT_FILE", "NoSuchFont.otf")
    with pytest.raises(RuntimeError, match=r"NoSuchFont\.otf.*pylopdf_fonts_zh_cn"):
        plotting.font_path()


def test_font_path_names_the_package_when_it_is_not_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(plotting, "FONT_PACKAGE", "no_such_font_package")
    with pytest.raises(RuntimeError, match=r"no_such_font_package.*pip install pylopdf-fonts-zh"):
        plotting.font_path()


def test_font_reached_through_a_symlink_registers_as_its_real_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a venv reached through a symlink: findfont answers with the real path, which must be
    # the path registered (it once failed every figure worker of such a venv)
    real = Path(pylopdf_fonts_zh_cn.__file__).resolve().parent
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "linked_font_pkg").symlink_to(real, target_is_directory=True)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(plotting, "FONT_PACKAGE", "linked_font_pkg")
    path = plotting.font_path()
    assert path == real / "NotoSansSC-Regular.otf"
    assert plotting._register_font(path) == "Noto Sans SC"
    assert _resolve("Noto Sans SC") == path


def test_packaged_font_wins_over_a_same_named_system_font(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plotting.setup()
    manager = font_manager.fontManager
    # A "system" Noto Sans SC listed before ours, identical in every scored property.
    ours = font_manager.ttfFontProperty(font_manager.get_font(plotting.font_path()))
    impostor = dataclasses.replace(ours, fname=str(pylopdf_fonts_zh_cn.serif_path()))
    monkeypatch.setattr(manager, "ttflist", [impostor, *manager.ttflist])
    manager._findfont_cached.cache_clear()
    try:
        assert _resolve("Noto Sans SC") == pylopdf_fonts_zh_cn.serif_path().resolve()  # the trap
        assert plotting._register_font(plotting.font_path()) == "Noto Sans SC"
        assert _resolve("Noto Sans SC") == plotting.font_path()
    finally:
        monkeypatch.undo()
        manager._findfont_cached.cache_clear()


def test_chinese_text_saves_without_any_warning(tmp_path: Path) -> None:
    out = tmp_path / "nested" / "dir" / "chinese.png"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plotting.save(_chinese_figure(), out)
    assert out.read_bytes().startswith(PNG_SIGNATURE)


def test_strict_glyphs_raises_for_text_the_font_cannot_draw() -> None:
    plotting.setup()
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        fig = Figure()
        fig.text(0.5, 0.5, "威海市")
        # Without the guard matplotlib only warns (and draws boxes) ...
        with pytest.warns(UserWarning, match=plotting.MISSING_GLYPH_MESSAGE):
            fig.savefig(io.BytesIO(), format="png")
        # ... with it, the same draw fails.
        expected = (
            r"Glyph 23041 \(\\N\{CJK UNIFIED IDEOGRAPH-5A01\}\) missing from font\(s\) DejaVu"
        )
        with plotting.strict_glyphs(), pytest.raises(UserWarning, match=expected):
            fig.savefig(io.BytesIO(), format="png")


def test_save_fails_loudly_and_keeps_the_old_file_on_a_missing_glyph(tmp_path: Path) -> None:
    out = tmp_path / "tofu.png"
    out.write_bytes(b"previous")
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        fig, ax = plotting.new_figure(3, 2)
        ax.set_title("乡村振兴")
    with pytest.raises(plotting.MissingGlyphError, match=r"tofu\.png: Glyph \d+ .*missing from"):
        plotting.save(fig, out)
    assert out.read_bytes() == b"previous"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_save_is_byte_for_byte_deterministic(tmp_path: Path, suffix: str) -> None:
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    plotting.save(_chinese_figure(), first)
    plotting.save(_chinese_figure(), second)
    assert first.read_bytes() == second.read_bytes()
    if suffix == ".svg":
        svg = first.read_text(encoding="utf-8")
        assert "<text" not in svg  # glyphs are paths: self-contained
        assert "dc:date" not in svg


def test_save_is_atomic_and_closes_pyplot_figures(tmp_path: Path) -> None:
    import matplotlib.pyplot as plt

    plotting.setup()
    fig, ax = plt.subplots()
    ax.set_title(CHINESE)
    plotting.save(fig, tmp_path / "one.png")
    plotting.save(_chinese_figure(), tmp_path / "two.svg")
    plotting.save(_chinese_figure(), tmp_path / "one.png")  # overwrite in place
    assert not plt.fignum_exists(fig.number)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.png", "two.svg"]
    assert _leftovers(tmp_path) == []


def test_save_rejects_an_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"figure\.pdf"):
        plotting.save(_chinese_figure(), tmp_path / "figure.pdf")
    assert list(tmp_path.iterdir()) == []


def _bars_top_to_bottom(fig: Figure) -> list[tuple[str, float]]:
    """(tick label, bar width) in display order, top first."""
    (ax,) = fig.axes
    labels = {round(t.get_position()[1]): t.get_text() for t in ax.get_yticklabels()}
    bars = sorted(ax.patches, key=lambda bar: -bar.get_window_extent().y1)
    return [(labels[round(bar.get_y() + bar.get_height() / 2)], bar.get_width()) for bar in bars]


def test_hbar_puts_the_first_and_largest_item_at_the_top() -> None:
    items = [("乡村振兴", 42.0), ("高质量发展", 37.0), ("营商环境", 7.0)]
    shown = _bars_top_to_bottom(plotting.hbar_figure(items, title="主题词", xlabel="次数"))
    assert shown == items


def test_hbar_orders_unsorted_items_largest_first_ties_in_input_order() -> None:
    items = [("威海市", 3.0), ("烟台市", 9.0), ("青岛市", 3.0), ("济南市", 5.0)]
    shown = _bars_top_to_bottom(plotting.hbar_figure(items, title="地名", xlabel="次数"))
    assert shown == [("烟台市", 9.0), ("济南市", 5.0), ("威海市", 3.0), ("青岛市", 3.0)]


def test_hbar_height_grows_with_the_number_of_items() -> None:
    few = plotting.hbar_figure([("甲", 1.0)], title="少", xlabel="x")
    many = plotting.hbar_figure([(f"项{i}", float(i)) for i in range(30)], title="多", xlabel="x")
    assert many.get_figheight() > few.get_figheight()


def test_hbar_writes_files_for_items_and_for_no_items(tmp_path: Path) -> None:
    items = [("乡村振兴", 42), ("“六稳”“六保”", 21.5), ("高质量发展", 37)]
    plotting.hbar(items, title="政府工作报告", xlabel="次数", path=tmp_path / "top.png")
    plotting.hbar([], title="空", xlabel="次数", path=tmp_path / "empty.svg")
    assert (tmp_path / "top.png").read_bytes().startswith(PNG_SIGNATURE)
    assert (tmp_path / "empty.svg").stat().st_size > 0
    empty = plotting.hbar_figure([], title="空", xlabel="次数")
    assert [t.get_text() for t in empty.axes[0].texts] == [plotting.NO_DATA]
    assert _leftovers(tmp_path) == []


def test_hbar_rejects_a_non_finite_value() -> None:
    with pytest.raises(ValueError, match=r"乡村振兴.*nan"):
        plotting.hbar_figure([("乡村振兴", float("nan"))], title="t", xlabel="x")


def test_label_colors_are_fixed_and_distinct() -> None:
    colors = [plotting.label_color(label) for label in ("COMPANY", "PLACE", "PROGRAM")]
    assert len(set(colors)) == 3
    assert all(matplotlib.colors.is_color_like(c) for c in colors)
    with pytest.raises(ValueError, match="'ORG'"):
        plotting.label_color("ORG")


def test_report_colors_do_not_depend_on_input_order() -> None:
    ids = ["weihai-2022", "jiangsu-2023", "national-2019"]
    assert plotting.report_colors(ids) == plotting.report_colors(reversed(ids))
    assert plotting.report_colors(ids)["jiangsu-2023"] == plotting.PALETTE.reports[0]


def test_a_figure_records_what_it_was_drawn_from(tmp_path) -> None:
    items = [("乡村振兴", 3.0), ("六稳", 2.0)]
    path = tmp_path / "bars.png"
    plotting.hbar(items, title="标题", xlabel="次数", path=path)
    key = plotting.hbar_key(items, title="标题", xlabel="次数")
    assert plotting.is_current(path, key)
    assert not plotting.is_current(path, plotting.hbar_key(items[:1], title="标题", xlabel="次数"))
    before = path.stat().st_mtime_ns
    plotting.hbar(items, title="标题", xlabel="次数", path=path)  # same inputs: not redrawn
    assert path.stat().st_mtime_ns == before
    plotting.hbar(items[:1], title="标题", xlabel="次数", path=path)  # new inputs: redrawn
    assert plotting.is_current(path, plotting.hbar_key(items[:1], title="标题", xlabel="次数"))
    assert not plotting.is_current(tmp_path / "missing.png", key)


def test_png_text_reads_the_key_without_decoding_and_rejects_broken_files(tmp_path) -> None:
    from PIL import Image

    path = tmp_path / "bars.png"
    plotting.hbar([("乡村振兴", 3.0)], title="标题", xlabel="次数", path=path)
    with Image.open(path) as img:
        assert plotting.png_text(path) == dict(img.text)
    assert plotting.FIGURE_KEY in plotting.png_text(path)
    cut = tmp_path / "cut.png"
    cut.write_bytes(path.read_bytes()[:100])
    with pytest.raises(ValueError, match="truncated"):
        plotting.png_text(cut)
    assert not plotting.is_current(cut, plotting.png_text(path)[plotting.FIGURE_KEY])
    other = tmp_path / "other.png"
    other.write_bytes(b"not a png at all")
    assert not plotting.is_current(other, "x")


def test_draw_all_in_processes_gives_the_same_files_and_skips_current_ones(
    tmp_path, monkeypatch
) -> None:
    def tasks(folder):
        return [
            plotting.FigureTask(
                plotting.hbar_figure,
                ([("乡村振兴", float(i + 1))],),
                folder / f"f{i}.png",
                plotting.figure_key("t", i),
                {"title": "标题", "xlabel": "次数"},
            )
            for i in range(3)
        ]

    assert plotting.draw_all(tasks(tmp_path / "one"), jobs=1) == 3
    monkeypatch.setattr(plotting, "PARALLEL_MIN_FIGURES", 1)
    assert plotting.draw_all(tasks(tmp_path / "two"), jobs=2) == 3
    for i in range(3):
        assert (tmp_path / "one" / f"f{i}.png").read_bytes() == (
            tmp_path / "two" / f"f{i}.png"
        ).read_bytes()
    assert plotting.draw_all(tasks(tmp_path / "two"), jobs=2) == 0


def test_figures_with_a_row_per_report_stay_bounded() -> None:
    assert plotting.capped(5.0) == 5.0
    assert plotting.capped(320.0) == plotting.MAX_FIGURE_INCHES
    few = [f"r{i}" for i in range(plotting.LABELLED_ROWS_MAX)]
    assert plotting.row_labels(few) == few
    assert plotting.row_labels([*few, "one more"]) == [""] * (len(few) + 1)


def test_fixed_margins_leave_room_for_the_longest_label() -> None:
    narrow = plotting.hbar_figure([("甲", 1.0)], title="标题", xlabel="次数")
    wide = plotting.hbar_figure(
        [("甲", 1.0), ("一个很长很长的项目名称", 2.0)], title="标题", xlabel="次数"
    )
    from matplotlib.layout_engine import TightLayoutEngine

    assert not isinstance(wide.get_layout_engine(), TightLayoutEngine)  # no extra layout draw
    assert wide.subplotpars.left > narrow.subplotpars.left
    assert plotting.text_width(["一个很长很长的项目名称"], 10) > plotting.text_width(["甲"], 10) > 0


def test_a_figure_within_tolerance_is_current(tmp_path) -> None:
    def task(values, tolerance=2.0, key="k"):
        items = [("乡村振兴", values[0]), ("高质量发展", values[1])]
        return plotting.FigureTask(
            plotting.hbar_figure, (items,), tmp_path / "f.png", plotting.figure_key(key),
            {"title": "标题", "xlabel": "相对得分"}, values=tuple(values), tolerance=tolerance,
        )  # fmt: skip

    assert plotting.draw_all([task((100.0, 60.0))]) == 1
    assert plotting.draw_all([task((100.0, 61.5))]) == 0  # a bar moved by 1.5 points: kept
    assert plotting.draw_all([task((100.0, 63.0))]) == 1  # by 3 points: redrawn
    assert plotting.draw_all([task((100.0, 63.0), key="other")]) == 1  # other terms: redrawn
    assert plotting.draw_all([task((100.0, 63.0, 10.0), key="other")]) == 1  # other count
    assert plotting.draw_all([task((100.0, 63.1), tolerance=0.0, key="exact")]) == 1
    assert plotting.draw_all([task((100.0, 63.2), tolerance=0.0, key="exact")]) == 0  # key only


def test_figure_key_changes_with_the_drawing_code(tmp_path, monkeypatch) -> None:
    key = plotting.figure_key("hbar", [("乡村振兴", 1.0)])
    assert key == plotting.figure_key("hbar", [("乡村振兴", 1.0)])
    assert key != plotting.figure_key("hbar", [("乡村振兴", 2.0)])
    edited = tmp_path / "plotting_edited.py"
    edited.write_text(Path(plotting.__file__).read_text(encoding="utf-8") + "\\n# edit\\n")
    monkeypatch.setattr(plotting, "__file__", str(edited))
    assert plotting.figure_key("hbar", [("乡村振兴", 1.0)]) != key  # plotting.py was edited
    monkeypatch.undo()
    assert plotting.figure_key("hbar", [("乡村振兴", 1.0)]) == key
    bars = tmp_path / "barchart_edited.py"
    bars.write_text(Path(plotting.BARCHART_SOURCE).read_text(encoding="utf-8") + "\n# edit\n")
    monkeypatch.setattr(plotting, "BARCHART_SOURCE", str(bars))
    assert plotting.figure_key("hbar", [("乡村振兴", 1.0)]) != key  # barchart.py was edited


def test_a_ranking_is_drawn_within_tolerance_when_near_ties_swap() -> None:
    drawn = [["乡村振兴", 100.0], ["高质量发展", 60.0], ["海洋", 59.0]]
    same = plotting.Ranking((("乡村振兴", 100.0), ("高质量发展", 60.0), ("海洋", 59.0)), 3)
    assert plotting.ranking_within(drawn, same, 2.0)
    # two near-tied terms swap places: the figure drawn still shows them within tolerance
    swapped = plotting.Ranking((("乡村振兴", 100.0), ("海洋", 60.5), ("高质量发展", 59.5)), 3)
    assert plotting.ranking_within(drawn, swapped, 2.0)
    assert not plotting.ranking_within(drawn, swapped, 0.1)
    # the last term shown and the first left out swap: kept while within tolerance
    edge = plotting.Ranking(
        (("乡村振兴", 100.0), ("高质量发展", 60.0), ("港口", 59.5), ("海洋", 58.9)), 3
    )
    assert plotting.ranking_within(drawn, edge, 2.0)
    # a term left out that now beats the weakest shown by more than the tolerance: redrawn
    beaten = plotting.Ranking(
        (("乡村振兴", 100.0), ("港口", 70.0), ("高质量发展", 60.0), ("海洋", 59.0)), 3
    )
    assert not plotting.ranking_within(drawn, beaten, 2.0)
    moved = plotting.Ranking((("乡村振兴", 100.0), ("高质量发展", 63.0), ("海洋", 59.0)), 3)
    assert not plotting.ranking_within(drawn, moved, 2.0)  # a bar moved by 3 points
    gone = plotting.Ranking((("乡村振兴", 100.0), ("高质量发展", 60.0), ("港口", 58.5)), 3)
    assert not plotting.ranking_within(drawn, gone, 2.0)  # a term shown is no candidate now
    fewer = plotting.Ranking((("乡村振兴", 100.0), ("高质量发展", 60.0)), 2)
    assert not plotting.ranking_within(drawn, fewer, 2.0)
    assert plotting.ranking_within([], plotting.Ranking((), 0), 2.0)


def test_a_figure_of_rankings_records_them_and_is_kept_within_tolerance(tmp_path) -> None:
    def task(items, shown=2):
        ranking = plotting.Ranking(tuple(items), shown)
        return plotting.FigureTask(
            plotting.hbar_figure, (list(ranking.drawn),), tmp_path / "f.png",
            plotting.figure_key("ranked"), {"title": "标题", "xlabel": "相对得分"},
            tolerance=2.0, rankings=(ranking,),
        )  # fmt: skip

    assert plotting.draw_all([task([("乡村振兴", 100.0), ("海洋", 60.0), ("港口", 59.5)])]) == 1
    recorded = plotting.png_text(tmp_path / "f.png")[plotting.FIGURE_RANKED]
    assert recorded.isascii() and '"\\u4e61\\u6751\\u632f\\u5174"' in recorded
    assert plotting.draw_all([task([("乡村振兴", 100.0), ("港口", 60.2), ("海洋", 59.9)])]) == 0
    assert plotting.draw_all([task([("乡村振兴", 100.0), ("港口", 65.0), ("海洋", 59.9)])]) == 1
    assert plotting.draw_all([task([("乡村振兴", 100.0), ("港口", 65.0)], shown=1)]) == 1
    # a figure drawn without its rankings recorded is not current for rankings
    plain = tmp_path / "plain.png"
    plotting.save(plotting.hbar_figure([("海洋", 1.0)], title="t", xlabel="x"), plain, "k")
    assert not plotting.is_current(plain, "k", rankings=(plotting.Ranking((("海洋", 1.0),), 1),))


def _zlib_level(path: Path) -> int:
    """FLEVEL of the first IDAT chunk's zlib header (0 = fastest … 3 = best)."""
    import struct

    data = path.read_bytes()
    at = data.index(b"IDAT")
    assert struct.unpack(">I", data[at - 4 : at])[0] > 2
    return data[at + 5] >> 6


def test_pngs_are_written_with_the_fast_zlib_level(tmp_path: Path) -> None:
    from PIL import Image

    assert plotting.PNG_COMPRESS_LEVEL == 1
    fig_path, image_path = tmp_path / "f.png", tmp_path / "i.png"
    plotting.save(plotting.hbar_figure([("海洋", 1.0)], title="标题", xlabel="次数"), fig_path)
    plotting.save_image(Image.new("RGB", (40, 30), "white"), image_path, key="k")
    assert _zlib_level(fig_path) == _zlib_level(image_path) == 0  # zlib levels 0–1
    assert plotting.png_text(image_path)[plotting.FIGURE_KEY] == "k"
