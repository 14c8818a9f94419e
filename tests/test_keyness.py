from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from pipeline.docstore import document_to_dict
from pipeline.io import read_csv, write_json
from pipeline.keyness import (
    KeynessParams,
    compare,
    csv_record,
    g2,
    keyness_figure,
    keyness_rows,
    log_ratio,
    p_value,
    place_series,
    place_slug,
    reference_groups,
    run,
    trend_rows,
)
from pipeline.terms import TermDoc, TermSentence, term_doc_to_dict
from pipeline.types import Document, Sentence


def term_doc(doc_id: str, terms: list[str], *, year: int, level: str, place: str) -> TermDoc:
    sent = TermSentence(1, "s01", 1, [(0, len(t), t, "n") for t in terms])
    return TermDoc(doc_id, place, level, year, 10_000, [], [sent])


WEIHAI = term_doc("city_weihai_2022", ["威海"] * 6 + ["海洋"] * 4 + ["经济"] * 10,
                  year=2022, level="city", place="威海市")  # fmt: skip
NAT22 = term_doc("national_2022", ["经济"] * 18 + ["海洋"] + ["政策"] * 6,
                 year=2022, level="national", place="国务院")  # fmt: skip
NAT23 = term_doc("national_2023", ["经济"] * 15 + ["政策"] * 10 + ["新质生产力"] * 2,
                 year=2023, level="national", place="国务院")  # fmt: skip
SH22 = term_doc("shanghai_2022", ["经济"] * 12 + ["金融"] * 8, year=2022, level="province",
                place="上海市")  # fmt: skip
DOCS = [WEIHAI, NAT22, NAT23, SH22]


def params(**kw) -> KeynessParams:
    base = dict(min_count=3, max_p=1.0, reference="all", reference_doc="national_{year}", top_n=5,
                trend_top_n=2, trend_terms=["新质生产力"], trend_min_years=2)  # fmt: skip
    base.update(kw)
    return KeynessParams(**base)


def test_g2_by_hand() -> None:
    # a=10 of c=1000 terms in the report, b=20 of d=10000 in the reference. Expected cells:
    # E = (30·1000/11000, 30·10000/11000, 10970·1000/11000, 10970·10000/11000).
    e = (30 * 1000 / 11000, 30 * 10000 / 11000, 10970 * 1000 / 11000, 10970 * 10000 / 11000)
    o = (10, 20, 990, 9980)
    hand = 2 * sum(oi * math.log(oi / ei) for oi, ei in zip(o, e, strict=True))
    assert g2(10, 20, 1000, 10000) == pytest.approx(hand, rel=1e-12)
    assert g2(10, 20, 1000, 10000) == pytest.approx(13.637931590306911, rel=1e-12)  # scipy
    # a zero cell contributes 0 (0·ln 0 = 0): scipy's G-test gives 4.890960058958758
    assert g2(0, 50, 500, 10000) == pytest.approx(4.890960058958758, rel=1e-12)
    assert g2(5, 50, 500, 5000) == pytest.approx(0.0, abs=1e-12)  # same relative frequency
    vec = g2(np.array([10, 0]), np.array([20, 50]), 1000, 10000)
    assert vec.shape == (2,) and vec[0] == pytest.approx(13.637931590306911)


def test_p_values() -> None:
    assert p_value(3.8414588206941285) == pytest.approx(0.05, rel=1e-9)
    assert p_value(6.634896601021217) == pytest.approx(0.01, rel=1e-9)
    assert p_value(0.0) == 1.0
    assert p_value(13.637931590306911) == pytest.approx(0.00022166149275293297, rel=1e-9)
    assert list(p_value(np.array([0.0, 3.8414588206941285]))) == pytest.approx([1.0, 0.05])


def test_log_ratio() -> None:
    assert log_ratio(10, 20, 1000, 10000) == pytest.approx(math.log2(5))
    assert log_ratio(0, 20, 1000, 10000) == pytest.approx(-2.0)  # 0 counts as 0.5
    assert log_ratio(20, 0, 10000, 1000) == pytest.approx(2.0)


def test_compare_min_count_max_p_and_direction() -> None:
    vocab = ["甲", "乙", "丙"]
    own, ref = np.array([10, 2, 0]), np.array([20, 0, 50])
    rows = compare(own, ref, vocab, doc_id="d", reference="rest", min_count=3, max_p=1.0)
    assert [r.term for r in rows] == ["甲", "丙"]  # 乙: 2 + 0 < 3
    by = {r.term: r for r in rows}
    assert by["甲"].direction == "over" and by["丙"].direction == "under"
    assert by["甲"].count == 10 and by["甲"].count_rest == 20
    strict = compare(own, ref, vocab, doc_id="d", reference="rest", min_count=1, max_p=1e-6)
    assert all(r.p_value <= 1e-6 for r in strict) and len(strict) < 3


def test_reference_groups() -> None:
    assert reference_groups(DOCS, params(reference="all")) == {}
    year = reference_groups(DOCS, params(reference="year"))
    assert year["city_weihai_2022"] == ("year=2022", "year:2022")
    assert "national_2023" not in year  # alone in 2023
    level = reference_groups(DOCS, params(reference="level"))
    assert set(level) == {"national_2022", "national_2023"}
    doc = reference_groups(DOCS, params(reference="doc"))
    assert doc["city_weihai_2022"] == ("doc=national_2022", "doc:national_2022")
    assert "national_2022" not in doc  # never against itself
    fixed = reference_groups(DOCS, params(reference="doc", reference_doc="shanghai_2022"))
    assert set(fixed) == {"city_weihai_2022", "national_2022", "national_2023"}
    with pytest.raises(ValueError, match="year"):
        reference_groups(DOCS, params(reference="doc", reference_doc="x_{place}"))


def test_keyness_against_rest_and_year_group() -> None:
    rows, labels = keyness_rows(DOCS, params(reference="year"))
    weihai = [r for r in rows if r.doc_id == "city_weihai_2022"]
    rest = {r.term: r for r in weihai if r.reference == "rest"}
    assert rest["威海"].count == 6 and rest["威海"].count_rest == 0
    assert rest["经济"].count_rest == 18 + 15 + 12
    group = {r.term: r for r in weihai if r.reference == "year=2022"}
    assert group["经济"].count_rest == 18 + 12  # 2022 only, the report itself left out
    assert labels["city_weihai_2022"] == "year=2022"
    over = [r.term for r in weihai if r.reference == "rest" and r.direction == "over"]
    assert over[0] == "威海"  # sorted by G², most specific first
    keys = [(r.doc_id, r.reference != "rest", r.reference, r.direction != "over", -r.g2, r.term)
            for r in rows]  # fmt: skip
    assert keys == sorted(keys)


def test_keyness_filters_and_param_errors() -> None:
    rows, _ = keyness_rows(DOCS, params(min_count=7, max_p=0.05))
    assert all(r.count + r.count_rest >= 7 and r.p_value <= 0.05 for r in rows)
    with pytest.raises(ValueError):
        keyness_rows(DOCS, params(min_count=0))


def test_csv_record_keeps_small_p_values() -> None:
    rows, _ = keyness_rows(DOCS, params())
    rec = csv_record(rows[0])
    assert float(rec["p_value"]) == pytest.approx(rows[0].p_value, rel=1e-3)
    assert rec["p_value"] != "0.0"


def test_trends_per_place() -> None:
    series = place_series(DOCS, 2)
    assert list(series) == ["国务院"]
    nat = series["国务院"]
    assert place_slug(nat) == "national"
    texts = {"national_2022": "经济经济政策" * 2, "national_2023": "新质生产力，经济。"}
    rows = trend_rows(nat, texts, 1, ["新质生产力"])
    by = {(r.term, r.year): r for r in rows}
    assert by[("经济", 2022)].count == 4 and by[("经济", 2022)].per_10k == 4.0
    assert by[("经济", 2022)].kind == "top"
    assert by[("新质生产力", 2022)].count == 0 and by[("新质生产力", 2023)].count == 1
    assert by[("新质生产力", 2022)].first_year == 2023 and by[("新质生产力", 2022)].kind == "named"
    assert place_series(DOCS, 3) == {}


def test_keyness_figure_has_no_missing_glyph(tmp_path: Path) -> None:
    rows, _ = keyness_rows(DOCS, params())
    weihai = [r for r in rows if r.doc_id == "city_weihai_2022" and r.reference == "rest"]
    path = tmp_path / "k.png"
    keyness_figure(WEIHAI, weihai, "rest", 5, path)  # plotting.save fails on a missing glyph
    assert path.stat().st_size > 0


def _doc(td: TermDoc, text: str) -> Document:
    sents = [Sentence(1, "s01", 1, 0, len(text), text)]
    return Document(td.doc_id, td.place, td.level, td.year, "", "", "", "", "", "utf-8", False,
                    "", text, 0, sentences=sents)  # fmt: skip


def test_run_writes_tables_figures_and_metrics(tmp_path: Path) -> None:
    terms, docs = tmp_path / "terms", tmp_path / "docs"
    for td in DOCS:
        write_json(terms / f"{td.doc_id}.json", term_doc_to_dict(td))
        text = "".join(t[2] for s in td.sentences for t in s.terms)
        write_json(docs / f"{td.doc_id}.json", document_to_dict(_doc(td, text)))
    fig = tmp_path / "fig"
    m = run(terms, docs, tmp_path / "k.csv", tmp_path / "t.csv", fig, tmp_path / "m.json",
            params(reference="doc"))  # fmt: skip
    header = list(read_csv(tmp_path / "k.csv")[0])
    assert header[:7] == ["doc_id", "term", "count", "count_rest", "g2", "p_value", "log_ratio"]
    assert m["with_reference"] == 2 and m["trend_places"] == {"国务院": [2022, 2023]}
    names = {p.name for p in fig.iterdir()}
    assert {"city_weihai_2022_rest.png", "city_weihai_2022_doc.png", "trends_national.png"} <= names
    trends = read_csv(tmp_path / "t.csv")
    assert {r["term"] for r in trends} >= {"新质生产力", "经济"}
