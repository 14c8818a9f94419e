from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from pipeline.io import read_json, to_csv_text, write_json
from pipeline.terms import TermDoc, TermSentence, term_doc_to_dict
from pipeline.topics import (
    DOC_COLUMNS,
    SECTION_COLUMNS,
    TOPIC_COLUMNS,
    TopicsParams,
    analyse,
    build_corpus,
    npmi_matrix,
    run,
    search_sample,
    topic_coherence,
)

SEA = ["海洋", "渔业", "港口", "牧场", "渔船", "海岸"]
TECH = ["科技", "创新", "人才", "芯片", "研发", "实验室"]
FARM = ["农业", "粮食", "耕地", "种业", "农村", "农民"]


def term_doc(doc_id: str, paragraphs: list[tuple[str, list[str]]]) -> TermDoc:
    sents = [
        TermSentence(i, section, i, [(0, len(t), t, "n") for t in terms])
        for i, (section, terms) in enumerate(paragraphs, 1)
    ]
    sections = sorted({(s, f"{s}、标题") for s, _ in paragraphs})
    return TermDoc(doc_id, "某地", "city", 2022, 5000, sections, sents)


def rotate(words: list[str], k: int) -> list[str]:
    return words[k:] + words[:k]


DOCS = [
    term_doc("a_sea", [("s01", rotate(SEA, i) + rotate(SEA, i + 1)) for i in range(6)]
             + [("s02", rotate(TECH, 1))]),
    term_doc("b_tech", [("s01", rotate(TECH, i) + rotate(TECH, i + 2)) for i in range(6)]),
    term_doc("c_farm", [("s01", rotate(FARM, i) * 2) for i in range(5)] + [("s02", rotate(SEA, 2))]),
    term_doc("d_short", [("s01", ["海洋"])]),  # no paragraph long enough
]  # fmt: skip


def params(**kw) -> TopicsParams:
    base = dict(model="lda", k=3, k_candidates=[2, 3, 4], k_search_paragraphs=0,
                coherence="npmi", top_terms=5,
                min_df=2, max_df=0.9, min_paragraph_terms=3, iterations=60, seed=7)  # fmt: skip
    base.update(kw)
    return TopicsParams(**base)


def tables(result: dict) -> tuple[str, str, str]:
    return (
        to_csv_text(result["topics"], TOPIC_COLUMNS),
        to_csv_text(result["docs"], DOC_COLUMNS),
        to_csv_text(result["sections"], SECTION_COLUMNS),
    )


@pytest.mark.parametrize("model", ["lda", "nmf"])
def test_two_runs_give_identical_tables(model: str) -> None:
    assert tables(analyse(DOCS, params(model=model))) == tables(analyse(DOCS, params(model=model)))


@pytest.mark.parametrize("model", ["lda", "nmf"])
def test_topics_separate_the_themes(model: str) -> None:
    result = analyse(DOCS, params(model=model))
    shares = {(r.doc_id, r.topic_id): r.share for r in result["docs"]}
    dominant = {
        d: max(range(1, 4), key=lambda t: shares[(d, t)]) for d in ("a_sea", "b_tech", "c_farm")
    }
    assert len(set(dominant.values())) == 3  # each report has its own main topic
    for d in ("a_sea", "b_tech", "c_farm"):
        assert sum(shares[(d, t)] for t in range(1, 4)) == pytest.approx(1.0, abs=1e-5)
    assert all(shares[("d_short", t)] == 0.0 for t in range(1, 4))  # row present, no text
    words = {r.term for r in result["topics"] if r.topic_id == dominant["a_sea"]}
    assert words <= set(SEA) | set(TECH)


def test_topic_rows_labels_and_sections() -> None:
    result = analyse(DOCS, params())
    rows = result["topics"]
    assert [r.rank for r in rows if r.topic_id == 1] == [1, 2, 3, 4, 5]
    first = [r.term for r in rows if r.topic_id == 1][:3]
    assert rows[0].label == "·".join(first)
    sections = {(r.doc_id, r.section_id) for r in result["sections"]}
    assert ("a_sea", "s01") in sections and ("a_sea", "s02") in sections
    assert next(r.heading for r in result["sections"] if r.section_id == "s02") == "s02、标题"


def test_k_chosen_by_coherence() -> None:
    result = analyse(DOCS, params(k=0, k_candidates=[2, 3, 4]))
    curve = result["curve"]
    assert set(curve) == {2, 3, 4}
    best = max(curve.values())
    chosen = result["model"].k
    assert curve[chosen] == best and chosen == min(k for k, v in curve.items() if v == best)


def test_npmi_by_hand() -> None:
    # contexts: term 0 and 1 in rows 0, 1; term 2 in row 2; term 3 in rows 0, 2
    b = sparse.csc_matrix(np.array([[1, 1, 0, 1], [1, 1, 0, 0], [0, 0, 1, 1]], dtype=float))
    m = npmi_matrix(b, [0, 1, 2, 3])
    assert m[0, 1] == pytest.approx(1.0)  # always together
    assert m[0, 2] == -1.0  # never together
    p03, p0, p3 = 1 / 3, 2 / 3, 2 / 3
    assert m[0, 3] == pytest.approx(math.log(p03 / (p0 * p3)) / -math.log(p03))
    assert np.all(np.diag(m) == 1.0)
    npmi = topic_coherence(b, [[0, 1], [0, 2]], "npmi")
    assert npmi == pytest.approx([1.0, -1.0])
    cv = topic_coherence(b, [[0, 1, 3]], "cv")
    assert -1.0 <= cv[0] <= 1.0
    with pytest.raises(ValueError, match="coherence"):
        topic_coherence(b, [[0, 1]], "umass")


def test_corpus_vocabulary_filters() -> None:
    corpus = build_corpus(DOCS, min_df=2, max_df=0.9, min_terms=3)
    assert "海洋" in corpus.vocab
    assert ("d_short", "s01") not in corpus.keys
    with pytest.raises(ValueError, match="no paragraph"):
        analyse(DOCS, params(min_df=100))


def test_run_writes_tables_figures_and_coherence(tmp_path: Path) -> None:
    terms = tmp_path / "terms"
    for d in DOCS:
        write_json(terms / f"{d.doc_id}.json", term_doc_to_dict(d))
    fig = tmp_path / "fig"
    m = run(terms, tmp_path / "t.csv", tmp_path / "d.csv", tmp_path / "s.csv", fig,
            tmp_path / "m.json", params(k=0, k_candidates=[2, 3]))  # fmt: skip
    assert m == read_json(tmp_path / "m.json")
    assert m["k_chosen_by"] == "coherence" and set(m["coherence_by_k"]) == {"2", "3"}
    assert m["coherence"] == m["coherence_by_k"][str(m["k"])]
    assert len(m["topic_coherence"]) == m["k"]
    assert sorted(p.name for p in fig.iterdir()) == [
        "coherence.png",
        "doc_topics.png",
        "topic_terms.png",
    ]
    header = (tmp_path / "d.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("doc_id,topic_id,share")


def test_candidates_fitted_in_processes_give_the_same_choice_and_tables() -> None:
    p = params(k=0, k_candidates=[2, 3])
    assert tables(analyse(DOCS, p, jobs=2)) == tables(analyse(DOCS, p, jobs=1))
    assert analyse(DOCS, p, jobs=2)["curve"] == analyse(DOCS, p, jobs=1)["curve"]


def test_the_k_search_sample_is_fixed_and_kept_when_a_report_joins() -> None:
    corpus = build_corpus(DOCS, min_df=2, max_df=0.9, min_terms=3)
    n = len(corpus.paragraphs)
    assert search_sample(corpus, 0) is corpus and search_sample(corpus, n) is corpus
    assert search_sample(corpus, n // 3 + 1) is corpus  # more than a third: not worth a sample
    sample = search_sample(corpus, 5)
    assert len(sample.paragraphs) == 5 and sample.vocab == corpus.vocab and n > 3 * 5
    assert sample == search_sample(corpus, 5)  # no random state
    picked = [corpus.keys.index(k) for k in sample.keys]
    assert picked == sorted(picked)  # in corpus order
    # another report joins: of the earlier reports' paragraphs, only some leave the sample
    extra = term_doc("e_sea", [("s01", rotate(SEA, i) + rotate(FARM, i)) for i in range(6)])
    bigger = build_corpus([*DOCS, extra], min_df=2, max_df=0.9, min_terms=3)
    assert bigger.paragraphs[:n] == corpus.paragraphs  # same paragraphs, same vocabulary use
    kept = [(k, p) for k, p in zip(sample.keys, sample.paragraphs, strict=True)]
    joined = search_sample(bigger, 5)
    old = [(k, p) for k, p in zip(joined.keys, joined.paragraphs, strict=True) if k[0] != "e_sea"]
    assert all(item in kept for item in old)


def test_k_chosen_on_a_sample_is_then_fitted_on_every_paragraph() -> None:
    corpus = build_corpus(DOCS, min_df=2, max_df=0.9, min_terms=3)
    p = params(k=0, k_candidates=[2, 3, 4], k_search_paragraphs=len(corpus.paragraphs) // 3)
    result = analyse(DOCS, p)
    assert len(result["search"].paragraphs) == len(corpus.paragraphs) // 3
    chosen = result["model"].k
    best = max(result["curve"].values())
    assert result["curve"][chosen] == best
    assert result["model"].doc_topic.shape[0] == len(corpus.paragraphs)
    # the tables are those of K fixed to the chosen value, fitted on all paragraphs
    assert tables(result) == tables(analyse(DOCS, params(k=chosen)))
    assert analyse(DOCS, p, jobs=2)["curve"] == result["curve"]
    with pytest.raises(ValueError, match="k_search_paragraphs"):
        analyse(DOCS, params(k=0, k_search_paragraphs=-1))


def test_the_largest_candidates_are_fitted_first(monkeypatch) -> None:
    from pipeline import parallel

    real = parallel.map_reports
    order: list[list[int]] = []

    def recording(fn, items, **kw):
        order.append(list(items))
        return real(fn, items, **kw)

    monkeypatch.setattr(parallel, "map_reports", recording)
    result = analyse(DOCS, params(k=0, k_candidates=[3, 2, 4]))
    assert order == [[4, 3, 2]]
    assert list(result["curve"]) == [2, 3, 4]  # the curve and the choice go by ascending K


def test_the_topic_terms_chart_has_a_panel_per_topic_with_its_label_and_terms() -> None:
    from pipeline.topics import TopicRow, topic_terms_layout

    rows = [
        TopicRow(t, r, term, w, label)
        for t, label, terms in ((1, "港口·海洋", ["港口", "海洋"]), (2, "乡村·农业", ["乡村", "农业"]),
                                (3, "教育·医疗", ["教育", "医疗"]))
        for r, (term, w) in enumerate(zip(terms, (0.04, 0.02), strict=True), 1)
    ]  # fmt: skip
    chart = topic_terms_layout(rows, 3)
    titles = [t.text for t in chart.texts if t.text.startswith("T")]
    assert titles == ["T1 港口·海洋", "T2 乡村·农业", "T3 教育·医疗"]
    bars = {(index, label): box for index, label, box in chart.bars}
    assert set(bars) == {
        (0, "港口"),
        (0, "海洋"),
        (1, "乡村"),
        (1, "农业"),
        (2, "教育"),
        (2, "医疗"),
    }
    assert bars[(0, "港口")].x1 - bars[(0, "港口")].x0 > bars[(0, "海洋")].x1 - bars[(0, "海洋")].x0


def test_lone_fits_use_the_final_fit_threads_and_stay_deterministic(monkeypatch) -> None:
    import pipeline.topics as T

    corpus = build_corpus(DOCS, min_df=2, max_df=0.9, min_terms=3)
    first = T.fit_lda(corpus, 3, iterations=60, seed=7, threads=2)
    again = T.fit_lda(corpus, 3, iterations=60, seed=7, threads=2)
    assert np.array_equal(first.doc_topic, again.doc_topic)
    assert np.array_equal(first.topic_word, again.topic_word)
    real = T.fit_lda
    used: list[int] = []

    def recording(*args, threads: int = 1, **kwargs):
        used.append(threads)
        return real(*args, threads=threads, **kwargs)

    monkeypatch.setattr(T, "fit_lda", recording)
    analyse(DOCS, params(k=3))  # a K given: one fit, on all paragraphs
    assert used == [T.FINAL_FIT_THREADS] and T.FINAL_FIT_THREADS == 2
    used.clear()
    analyse(DOCS, params(k=0, k_candidates=[2, 3]))  # candidates on all paragraphs
    assert used == [1, 1]
    used.clear()
    p = params(k=0, k_candidates=[2, 3], k_search_paragraphs=len(corpus.paragraphs) // 3)
    analyse(DOCS, p)  # candidates on a sample, then the chosen K on all
    assert used == [1, 1, T.FINAL_FIT_THREADS]


def test_the_coherence_chart_has_a_bar_per_k_and_marks_the_chosen_one() -> None:
    from pipeline import plotting
    from pipeline.topics import coherence_layout

    chart = coherence_layout({12: 0.2006, 6: -0.05, 8: 0.1742}, 12, "npmi")
    labels = [label for _, label, _ in chart.bars]
    assert labels == ["K = 6", "K = 8", "K = 12"]
    colors = {label: box.color for _, label, box in chart.bars}
    assert colors["K = 12"] != colors["K = 6"] == colors["K = 8"] == plotting.PALETTE.default
    texts = {t.text for t in chart.texts}
    assert {"0.2006", "-0.0500", "一致性（NPMI）"} <= texts
    assert any("K = 12" in t for t in texts if t.startswith("主题一致性"))
    # a negative coherence is a bar to the left of zero
    box = {label: b for _, label, b in chart.bars}
    assert box["K = 6"].x1 <= box["K = 8"].x0 + 1
