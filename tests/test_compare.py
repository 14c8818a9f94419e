from __future__ import annotations

import math

from pipeline.compare import (
    alignment_rows,
    cluster_order,
    cosine,
    diffusion_rows,
    peer_rows,
    reference_of,
    similarity_matrix,
    similarity_rows,
    tfidf_vectors,
)
from pipeline.config import CompareParams
from pipeline.terms import TermDoc, TermSentence


def _doc(doc_id: str, words: list[str], year: int = 2022, level: str = "city") -> TermDoc:
    terms = [(i, i + 1, w) for i, w in enumerate(words)]
    return TermDoc(doc_id, doc_id, level, year, len(words), [], [TermSentence(1, "", 1, terms)])


DOCS = [
    _doc("a", ["海洋", "海洋", "城市", "港口"]),
    _doc("b", ["海洋", "城市", "港口", "渔业"]),
    _doc("c", ["粮食", "农业", "草原"]),
    _doc("national_guowuyuan_2022", ["海洋", "农业", "城市"], level="national"),
]


def test_vectors_are_unit_length_and_cosine_is_symmetric() -> None:
    v = tfidf_vectors(DOCS)
    for vec in v.values():
        assert math.isclose(sum(x * x for x in vec.values()), 1.0)
    assert math.isclose(cosine(v["a"], v["b"]), cosine(v["b"], v["a"]))
    assert cosine(v["a"], v["c"]) == 0.0  # no shared term


def test_similarity_rows_cover_every_pair_once_and_rank_peers() -> None:
    rows = similarity_rows(DOCS)
    assert len(rows) == 6 and all(r["doc_id_a"] < r["doc_id_b"] for r in rows)
    ids = sorted(d.doc_id for d in DOCS)
    peers = peer_rows(rows, ids, 1)
    nearest = {r["doc_id"]: r["peer"] for r in peers if r["kind"] == "nearest"}
    farthest = {r["doc_id"]: r["peer"] for r in peers if r["kind"] == "farthest"}
    assert nearest["a"] == "b" and farthest["a"] == "c"
    m = similarity_matrix(rows, ids)
    assert m[0][0] == 1.0 and m[0][1] == m[1][0]
    order = cluster_order(ids, m)
    assert sorted(order) == ids and abs(order.index("a") - order.index("b")) == 1


def test_alignment_with_the_reference_report_of_the_year() -> None:
    params = CompareParams(reference_doc="national_guowuyuan_{year}", peers=1, shared_top_n=5)
    ids = {d.doc_id for d in DOCS}
    assert reference_of(DOCS[0], params.reference_doc, ids) == "national_guowuyuan_2022"
    assert reference_of(DOCS[3], params.reference_doc, ids) == ""  # not itself
    sims = {(r["doc_id_a"], r["doc_id_b"]): r["cosine"] for r in similarity_rows(DOCS)}
    rows = alignment_rows(
        DOCS[:1] + DOCS[3:], sims, {"a": ["海洋", "港口"], "national_guowuyuan_2022": ["海洋"]},
        {"a": {"六稳", "乡村振兴"}, "national_guowuyuan_2022": {"六稳"}}, params,
    )  # fmt: skip
    assert rows == [{
        "doc_id": "a", "reference": "national_guowuyuan_2022",
        "cosine": sims[("a", "national_guowuyuan_2022")], "shared_keywords": "海洋",
        "shared_programs": "六稳", "programs": 2, "shared_program_count": 1,
    }]  # fmt: skip


def test_program_diffusion_first_year() -> None:
    summary = [
        {"doc_id": "x", "label": "PROGRAM", "entity": "六稳"},
        {"doc_id": "y", "label": "PROGRAM", "entity": "六稳"},
        {"doc_id": "y", "label": "PLACE", "entity": "威海"},
    ]
    rows = diffusion_rows(summary, {"x": 2021, "y": 2019})
    assert rows == [
        {"label": "PROGRAM", "entity": "六稳", "reports": 2, "first_year": 2019,
         "last_year": 2021, "doc_ids": "x y"},
        {"label": "PLACE", "entity": "威海", "reports": 1, "first_year": 2019, "last_year": 2019,
         "doc_ids": "y"},
    ]  # fmt: skip


def test_similarity_rows_match_the_pairwise_cosine() -> None:
    vectors = tfidf_vectors(DOCS)
    rows = similarity_rows(DOCS)
    assert len(rows) == len(DOCS) * (len(DOCS) - 1) // 2
    for r in rows:
        assert r["doc_id_a"] < r["doc_id_b"]
        expected = cosine(vectors[r["doc_id_a"]], vectors[r["doc_id_b"]])
        assert r["cosine"] == round(expected, 6)
