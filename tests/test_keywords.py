from __future__ import annotations

import math
from pathlib import Path

import pytest

from pipeline import plotting
from pipeline.io import read_csv, write_json
from pipeline.keywords import (
    KeywordsParams,
    choose_idf,
    cloud_array,
    cooccurrence,
    corpus_idf,
    document_frequencies,
    jieba_idf_path,
    keyword_rows,
    keyword_scores,
    missing_glyphs,
    read_idf_file,
    run,
    textrank,
    tfidf_scores,
    top_terms,
)
from pipeline.terms import TermDoc, TermSentence, term_counts, term_doc_to_dict


def term_doc(doc_id: str, sentences: list[list[str]], place: str = "威海市") -> TermDoc:
    sents = [
        TermSentence(i, "s01", i, [(0, len(t), t, "n") for t in words])
        for i, words in enumerate(sentences, 1)
    ]
    return TermDoc(doc_id, place, "city", 2022, 1000, [("s01", "一、")], sents)


WEIHAI = term_doc(
    "weihai", [["海洋", "渔业", "港口"], ["海洋", "牧场", "韩国"], ["海洋", "经济", "企业"]]
)
SHANGHAI = term_doc("shanghai", [["金融", "经济", "企业"], ["金融", "科技", "企业"]], "上海市")
NATIONAL = term_doc("national", [["经济", "企业", "就业"], ["经济", "科技"]], "国务院")


def params(**kw) -> KeywordsParams:
    base = dict(top_n=3, sublinear_tf=True, idf="auto", idf_min_docs=3, textrank_window=3,
                textrank_damping=0.85, cloud_terms=10, seed=1)  # fmt: skip
    base.update(kw)
    return KeywordsParams(**base)


def test_tfidf_sublinear_tf_by_hand() -> None:
    idf = {"海洋": 1.0, "港口": 2.0}
    raw_a, raw_b = (1 + math.log(4)) * 1.0, 1.0 * 2.0
    norm = math.hypot(raw_a, raw_b)
    got = tfidf_scores({"海洋": 4, "港口": 1}, idf, sublinear=True)
    assert got["海洋"] == pytest.approx(raw_a / norm)
    assert got["港口"] == pytest.approx(raw_b / norm)
    plain = tfidf_scores({"海洋": 4, "港口": 1}, idf, sublinear=False)
    assert plain["海洋"] == pytest.approx(4 / math.hypot(4, 2))
    assert tfidf_scores({}, idf) == {}


def test_corpus_idf_is_smoothed() -> None:
    counts = [term_counts(d) for d in (WEIHAI, SHANGHAI, NATIONAL)]
    idf = corpus_idf(document_frequencies(counts), 3)
    assert idf["海洋"] == pytest.approx(math.log(4 / 2) + 1)
    assert idf["经济"] == pytest.approx(1.0)  # in every report


def test_idf_falls_back_to_jieba_for_a_small_corpus() -> None:
    assert choose_idf(params(idf="auto", idf_min_docs=3), 2) == "jieba"
    assert choose_idf(params(idf="auto", idf_min_docs=3), 3) == "corpus"
    assert choose_idf(params(idf="jieba"), 100) == "jieba"
    scores, facts = keyword_scores([WEIHAI, SHANGHAI], params(idf_min_docs=3))
    assert facts["idf"] == "jieba"
    table, median = read_idf_file(jieba_idf_path())
    counts = term_counts(WEIHAI)
    expected = tfidf_scores(counts, table, default_idf=median)
    assert scores["weihai"]["tfidf"] == pytest.approx(expected)
    assert "海洋" in table  # jieba's table knows ordinary words


def test_read_idf_file_median(tmp_path: Path) -> None:
    path = tmp_path / "idf.txt"
    path.write_text("甲 1.0\n乙 3.0\n丙 2.0\n", encoding="utf-8")
    table, median = read_idf_file(path)
    assert table == {"甲": 1.0, "乙": 3.0, "丙": 2.0} and median == 2.0


def test_textrank_is_deterministic_and_order_free() -> None:
    sents = [["海洋", "渔业", "港口"], ["海洋", "牧场"], ["海洋", "韩国", "港口"]]
    a = textrank(sents, window=3)
    b = textrank(list(reversed(sents)), window=3)
    assert a == b  # bit for bit: nodes and edges are sorted
    assert max(a.values()) == 1.0 and a["海洋"] == 1.0  # the hub
    assert a["港口"] > a["牧场"]


def test_cooccurrence_window_and_errors() -> None:
    vocab, edges, counts = cooccurrence([["甲", "乙", "丙"]], window=2)
    assert vocab == ["丙", "乙", "甲"]
    assert edges.tolist() == [[0, 1], [1, 2]] and counts.tolist() == [1, 1]  # not 甲–丙
    vocab, edges, counts = cooccurrence([[], ["甲"]], window=3)
    assert vocab == ["甲"] and edges.shape == (0, 2) and counts.tolist() == []
    with pytest.raises(ValueError, match="window"):
        textrank([["甲"]], window=1)
    with pytest.raises(ValueError, match="damping"):
        textrank([["甲"]], damping=1.0)
    assert textrank([]) == {}


def test_cooccurrence_counts_pairs_within_the_window_of_one_sentence() -> None:
    # the vectorised counting against the pair loop it replaced, on random sentences with
    # repeated terms (self-pairs are not edges) and pairs that would straddle two sentences
    import random
    from collections import Counter

    rng = random.Random(7)
    for _ in range(50):
        sentences = [[rng.choice("甲乙丙丁戊己") for _ in range(rng.randrange(0, 9))]
                     for _ in range(rng.randrange(0, 6))]  # fmt: skip
        window = rng.randrange(2, 6)
        vocab, edges, counts = cooccurrence(sentences, window)
        index = {t: i for i, t in enumerate(vocab)}
        expected: Counter[tuple[int, int]] = Counter()
        for sent in sentences:
            ids = [index[t] for t in sent]
            for i, a in enumerate(ids):
                for b in ids[i + 1 : i + window]:
                    if a != b:
                        expected[(min(a, b), max(a, b))] += 1
        assert vocab == sorted({t for s in sentences for t in s})
        assert [tuple(e) for e in edges.tolist()] == sorted(expected)
        assert counts.tolist() == [expected[k] for k in sorted(expected)]


def test_keyword_rows_are_ranked_and_ties_broken_by_term() -> None:
    scores = {"d": {"tfidf": {"乙": 0.5, "甲": 0.5, "丙": 0.9}, "textrank": {"甲": 1.0}}}
    rows = keyword_rows(scores, 2)
    assert [(r.method, r.rank, r.term) for r in rows] == [
        ("tfidf", 1, "丙"), ("tfidf", 2, "乙"), ("textrank", 1, "甲"),
    ]  # fmt: skip
    assert top_terms({"b": 1.0, "a": 1.0 + 1e-15}, 1) == [("a", 1.0 + 1e-15)]


def test_corpus_keywords_favour_specific_terms() -> None:
    scores, facts = keyword_scores([WEIHAI, SHANGHAI, NATIONAL], params())
    assert facts["idf"] == "corpus"
    best = top_terms(scores["weihai"]["tfidf"], 1)[0][0]
    assert best == "海洋"
    assert top_terms(scores["shanghai"]["tfidf"], 1)[0][0] == "金融"


def test_missing_glyphs_are_refused() -> None:
    font = plotting.font_path()
    assert missing_glyphs(["海洋经济"], font) == []
    assert missing_glyphs(["\U000f0000"], font) == ["\U000f0000"]  # private use: no glyph
    with pytest.raises(plotting.MissingGlyphError):
        cloud_array([("\U000f0000", 1.0)], font=font, seed=1)


def test_word_cloud_layout_is_seeded() -> None:
    font = plotting.font_path()
    freqs = [("海洋", 1.0), ("渔业", 0.6), ("港口", 0.5), ("韩国", 0.3)]
    first = cloud_array(freqs, font=font, seed=3)
    assert first.shape == (600, 1000, 3)
    assert (cloud_array(freqs, font=font, seed=3) == first).all()


def test_clouds_reuse_the_fonts_of_earlier_clouds(monkeypatch) -> None:
    """A process's next clouds load no font size an earlier cloud loaded, and look the same as
    when drawn with fonts of their own; every _FONT_CLOUDS clouds the fonts are dropped (a font
    keeps what it drew: kept for good they held 1.2 GB a process)."""
    from PIL import ImageFont

    from pipeline import keywords

    font = plotting.font_path()
    freqs = [("高质量发展", 1.0), ("乡村振兴", 0.7), ("新质生产力", 0.5), ("威海", 0.3)]
    monkeypatch.setattr(keywords, "_FONTS", {})
    monkeypatch.setattr(keywords, "_font_uses", 0)
    first = cloud_array(freqs, font=font, seed=3)
    loads = []
    real = ImageFont.truetype
    monkeypatch.setattr(ImageFont, "truetype", lambda *a, **k: loads.append(a[1]) or real(*a, **k))
    for _ in range(keywords._FONT_CLOUDS - 1):
        assert (cloud_array(freqs, font=font, seed=3) == first).all()
    assert loads == []
    assert (cloud_array(freqs, font=font, seed=3) == first).all() and len(loads) > 50


def test_cloud_image_has_its_title_above_the_cloud_and_refuses_missing_glyphs() -> None:
    from pipeline.keywords import cloud_image

    font = plotting.font_path()
    freqs = [("海洋", 1.0), ("渔业", 0.6), ("港口", 0.5)]
    img = cloud_image(freqs, title="威海市：关键词云", font=font, seed=3)
    assert img.size == (1000, 664)
    band = img.crop((0, 0, 1000, 64)).convert("L")
    assert band.getextrema()[0] < 128  # the title's ink
    assert (
        img.tobytes() == cloud_image(freqs, title="威海市：关键词云", font=font, seed=3).tobytes()
    )
    # the cloud below the band is the same as the plain cloud
    assert img.crop((0, 64, 1000, 664)).tobytes() == cloud_array(freqs, font=font, seed=3).tobytes()
    with pytest.raises(plotting.MissingGlyphError):
        cloud_image(freqs, title="\U000f0000", font=font, seed=3)


def test_run_writes_table_figures_and_metrics(tmp_path: Path, monkeypatch) -> None:
    terms = tmp_path / "terms"
    for d in (WEIHAI, SHANGHAI):
        write_json(terms / f"{d.doc_id}.json", term_doc_to_dict(d))
    figures = tmp_path / "fig"
    (figures / "old_cloud.png").parent.mkdir()
    (figures / "old_cloud.png").write_bytes(b"")
    m = run(terms, tmp_path / "keywords.csv", figures, tmp_path / "m.json", params(idf_min_docs=2))
    rows = read_csv(tmp_path / "keywords.csv")
    assert list(rows[0]) == ["doc_id", "method", "rank", "term", "score"]
    assert {r["method"] for r in rows} == {"tfidf", "textrank"}
    assert len([r for r in rows if r["doc_id"] == "weihai" and r["method"] == "tfidf"]) == 3
    assert m["idf"] == "corpus" and 0.0 <= m["method_overlap_jaccard"] <= 1.0
    names = sorted(p.name for p in figures.iterdir())
    assert names == [
        "shanghai_bars.png",
        "shanghai_cloud.png",
        "weihai_bars.png",
        "weihai_cloud.png",
    ]
    run(terms, tmp_path / "keywords2.csv", None, tmp_path / "m.json", params(idf_min_docs=2))
    assert (tmp_path / "keywords.csv").read_bytes() == (tmp_path / "keywords2.csv").read_bytes()
    # figures drawn in worker processes are the same files
    many = tmp_path / "fig2"
    monkeypatch.setattr(plotting, "PARALLEL_MIN_FIGURES", 1)
    run(terms, tmp_path / "k3.csv", many, tmp_path / "m.json", params(idf_min_docs=2), jobs=2)
    for name in names:
        assert (many / name).read_bytes() == (figures / name).read_bytes()


def test_relative_scores_put_the_top_keyword_at_100() -> None:
    from pipeline.keywords import relative

    assert relative([("精致城市", 0.5), ("威海", 0.25), ("海洋", 0.0)]) == [
        ("精致城市", 100.0), ("威海", 50.0), ("海洋", 0.0)
    ]  # fmt: skip
    assert relative([]) == []


def test_figures_are_kept_when_the_corpus_moves_scores_a_little(tmp_path: Path) -> None:
    from pipeline.keywords import write_figures

    docs = [WEIHAI, SHANGHAI]
    p = params(idf_min_docs=2, top_n=3, cloud_terms=4)
    scores, _ = keyword_scores(docs, p)
    folder = tmp_path / "fig"
    write_figures(docs, scores, folder, p)
    stamps = {f.name: f.stat().st_mtime_ns for f in folder.iterdir()}

    def redrawn() -> list[str]:
        return sorted(f.name for f in folder.iterdir() if f.stat().st_mtime_ns != stamps[f.name])

    # a report joined elsewhere: Weihai's second keyword, tied with others, now a little lower,
    # so it leaves the top 3 and the cloud's 4 terms; the figures shown stay right: kept
    nudged = {d: {m: dict(s) for m, s in by.items()} for d, by in scores.items()}
    ranked = top_terms(scores["weihai"]["tfidf"], 5)
    assert ranked[1][1] == ranked[4][1]  # tied
    nudged["weihai"]["tfidf"][ranked[1][0]] *= 0.995
    assert top_terms(nudged["weihai"]["tfidf"], 5)[4][0] == ranked[1][0]
    write_figures(docs, nudged, folder, p)
    assert redrawn() == []
    # a new top keyword: both of Weihai's figures redrawn, Shanghai's kept
    nudged["weihai"]["tfidf"]["新兴产业"] = 2 * ranked[0][1]
    write_figures(docs, nudged, folder, p)
    assert redrawn() == ["weihai_bars.png", "weihai_cloud.png"]


def test_bars_leave_room_for_each_panels_labels_and_do_not_overlap() -> None:
    from pipeline import barchart
    from pipeline.keywords import bars_figure, bars_layout

    long = [("新质生产力发展示范区", 100.0), ("海洋", 50.0)]
    chart = bars_layout(long, [("港口", 100.0)], "标题", 2)
    left = [box for panel, _, box in chart.bars if panel == 0]
    right = [box for panel, _, box in chart.bars if panel == 1]
    assert [len(left), len(right)] == [2, 1]
    # room for the longest label left of each panel; the panels do not overlap
    assert min(b.x0 for b in left) >= barchart.text_width("新质生产力发展示范区", 10.0)
    assert min(b.x0 for b in right) - max(b.x1 for b in left) >= barchart.text_width("港口", 10.0)
    assert max(b.x1 for b in right) < chart.width
    # each panel's largest bar spans the same width (equal panels)
    assert left[0].x1 - left[0].x0 == right[0].x1 - right[0].x0
    image = bars_figure(long, [("港口", 100.0)], "标题", 2)
    assert image.size == (chart.width, chart.height) == (11 * 150, round(2.5 * 150))


def test_a_cloud_tolerates_what_moves_its_words_as_little_as_the_bars(tmp_path: Path) -> None:
    from pipeline.keywords import CLOUD_TOLERANCE, FIGURE_TOLERANCE, write_figures

    assert CLOUD_TOLERANCE == 2 * FIGURE_TOLERANCE  # font sizes follow weights at half rate
    docs = [WEIHAI]
    p = params(idf="jieba", top_n=3, cloud_terms=4)
    scores, _ = keyword_scores(docs, p)
    folder = tmp_path / "fig"
    write_figures(docs, scores, folder, p)
    stamps = {f.name: f.stat().st_mtime_ns for f in folder.iterdir()}
    # the third keyword 3 points lighter: its bar is redrawn, the cloud kept
    ranked = top_terms(scores["weihai"]["tfidf"], 3)
    moved = {"weihai": {m: dict(s) for m, s in scores["weihai"].items()}}
    moved["weihai"]["tfidf"][ranked[2][0]] -= 0.03 * ranked[0][1]
    assert top_terms(moved["weihai"]["tfidf"], 3)[2][0] == ranked[2][0]
    write_figures(docs, moved, folder, p)
    changed = sorted(f.name for f in folder.iterdir() if f.stat().st_mtime_ns != stamps[f.name])
    assert changed == ["weihai_bars.png"]
