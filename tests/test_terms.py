from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipeline.docstore import document_to_dict
from pipeline.io import read_csv, read_json, write_csv, write_json
from pipeline.terms import (
    EntitySpan,
    TermsParams,
    default_boilerplate,
    default_stopwords,
    entity_spans,
    extract_terms,
    load_term_docs,
    make_filter,
    paragraph_terms,
    read_wordlist,
    run,
    term_counts,
    term_doc_from_dict,
    term_doc_to_dict,
    term_rows,
)
from pipeline.types import Document, Section, Sentence

HEADER = "威海市政府工作报告\n"
# (section_id, paragraph_id, [(word, pos), …]) — one sentence a line
SENTENCES = [
    ("s01", 1, [("一、", "m"), ("海洋", "n"), ("经济", "n")]),
    ("s01.01", 2, [("推进", "v"), ("海洋", "n"), ("牧场", "n"), ("建设", "vn"), ("。", "x")]),
    (
        "s01.01",
        2,
        [("威高", "nz"), ("集团", "n"), ("的", "uj"), ("港", "n"), ("项目", "n"), ("。", "x")],
    ),
    ("s02", 3, [("深化", "v"), ("中韩", "nz"), ("自贸区", "n"), ("合作", "vn"), ("。", "x")]),
]


def make_doc(
    sentences=SENTENCES, header: str = HEADER
) -> tuple[Document, list[tuple[int, int, str]]]:
    """A report built from tokens: the text is the words joined, one sentence a line."""
    text = header
    sents: list[Sentence] = []
    tokens: list[tuple[int, int, str]] = [(0, 3, "ns"), (3, 9, "n")]  # header: 威海市 政府工作报告
    for i, (sec, para, words) in enumerate(sentences, 1):
        start = len(text)
        for w, pos in words:
            tokens.append((len(text), len(text) + len(w), pos))
            text += w
        sents.append(Sentence(i, sec, para, start, len(text), text[start:]))
        text += "\n"
    sections = [
        Section("s01", 1, "一、海洋经济", 0, 0, 0, 0),
        Section("s01.01", 2, "（一）", 0, 0, 0, 0, parent_id="s01"),
        Section("s02", 1, "二、开放", 0, 0, 0, 0),
    ]
    doc = Document(
        doc_id="weihai", place="威海市", level="city", year=2022, title="", date="",
        speaker="", office="", session="", encoding="utf-8", converted_to_simplified=False,
        sha256="", text=text, body_start=len(header), sections=sections, sentences=sents,
    )  # fmt: skip
    return doc, tokens


def params(**kw) -> TermsParams:
    base = dict(
        pos=["n", "nz", "vn", "ns"], min_chars=2, boilerplate=True,
        merge_entities=["COMPANY", "PROGRAM"], entity_max_chars=8, phrase_min_count=0,
        phrase_share=0.5,
    )  # fmt: skip
    base.update(kw)
    return TermsParams(**base)


def filt(**kw):
    return make_filter(params(**kw), default_stopwords(), default_boilerplate())


def words(doc) -> list[str]:
    return [t[2] for s in doc.sentences for t in s.terms]


def test_pos_length_stopword_and_boilerplate_filters() -> None:
    doc, tokens = make_doc()
    td = extract_terms(doc, tokens, filt())
    # 推进/深化 (v) fail the POS filter, 港 the length, 的 the POS; 建设 is boilerplate
    assert words(td) == [
        "海洋",
        "经济",
        "海洋",
        "牧场",
        "威高",
        "集团",
        "项目",
        "中韩",
        "自贸区",
        "合作",
    ]
    assert "政府工作报告" not in words(td)  # header tokens are not terms


def test_boilerplate_list_is_switchable() -> None:
    doc, tokens = make_doc()
    assert "建设" not in words(extract_terms(doc, tokens, filt(boilerplate=True)))
    assert "建设" in words(extract_terms(doc, tokens, filt(boilerplate=False)))


def test_stopwords_apply_to_content_pos(tmp_path: Path) -> None:
    stop = tmp_path / "stop.txt"
    stop.write_text("# a comment line\n牧场\n", encoding="utf-8")
    f = make_filter(params(), stop, default_boilerplate())
    doc, tokens = make_doc()
    assert "牧场" not in words(extract_terms(doc, tokens, f))
    assert "# a comment line" not in f.stopwords


def test_filter_statistics() -> None:
    doc, tokens = make_doc()
    stats: Counter[str] = Counter()
    extract_terms(doc, tokens, filt(), stats=stats)
    assert stats["tokens"] == 19  # the sentences' tokens only
    assert stats["kept"] == 10
    assert stats["dropped:boilerplate"] == 1 and stats["dropped:short"] == 1


def test_entities_are_merged_when_aligned() -> None:
    doc, tokens = make_doc()
    start = doc.text.index("威高集团")
    ents = [
        EntitySpan(start, start + 4, "威高集团", "COMPANY"),
        EntitySpan(doc.text.index("韩自贸"), doc.text.index("韩自贸") + 3, "韩自贸", "PLACE"),
    ]
    stats: Counter[str] = Counter()
    td = extract_terms(doc, tokens, filt(), entities=ents, stats=stats)
    terms = [(t[2], t[3]) for s in td.sentences for t in s.terms]
    assert ("威高集团", "COMPANY") in terms
    assert ("威高", "nz") not in terms and ("集团", "n") not in terms
    assert ("中韩", "nz") in terms  # a mention off the token boundaries stays split
    assert stats["merged:COMPANY"] == 1
    start, end, _, _ = next(t for s in td.sentences for t in s.terms if t[2] == "威高集团")
    assert doc.text[start:end] == "威高集团"


def test_long_entities_stay_split() -> None:
    doc, tokens = make_doc()
    start = doc.text.index("威高集团")
    ents = [EntitySpan(start, start + 4, "威高集团", "COMPANY")]
    td = extract_terms(doc, tokens, filt(), entities=ents, entity_max_chars=3)
    assert "威高集团" not in words(td) and "威高" in words(td)


def test_entity_spans_keep_labels_and_strip_quotes() -> None:
    rows = [
        {
            "doc_id": "d",
            "sentence_id": "3",
            "label": "PROGRAM",
            "text": "“六稳”",
            "start": "5",
            "end": "9",
            "norm": "",
        },
        {
            "doc_id": "d",
            "sentence_id": "0",
            "label": "PLACE",
            "text": "威海市",
            "start": "0",
            "end": "3",
        },
        {
            "doc_id": "d",
            "sentence_id": "4",
            "label": "PLACE",
            "text": "荣成",
            "start": "20",
            "end": "22",
        },
    ]
    out = entity_spans(rows, ["PROGRAM"])
    assert out == {"d": [EntitySpan(5, 9, "六稳", "PROGRAM")]}


def test_level1_sections_and_paragraphs() -> None:
    doc, tokens = make_doc()
    td = extract_terms(doc, tokens, filt())
    assert [s.section_id for s in td.sentences] == ["s01", "s01", "s01", "s02"]
    paras = paragraph_terms(td)
    assert [(p, s) for p, s, _ in paras] == [(1, "s01"), (2, "s01"), (3, "s02")]
    assert paras[1][2] == ["海洋", "牧场", "威高", "集团", "项目"]
    assert td.sections == [("s01", "一、海洋经济"), ("s02", "二、开放")]
    assert td.chars == sum(len(s.text) for s in doc.sentences)


def test_term_rows_and_round_trip() -> None:
    doc, tokens = make_doc()
    td = extract_terms(doc, tokens, filt())
    rows = term_rows(td)
    assert rows[0].term == "海洋" and rows[0].count == 2
    assert rows[0].per_10k == round(2 / td.chars * 10_000, 4)
    again = term_doc_from_dict(term_doc_to_dict(td))
    assert again == td and term_counts(again) == term_counts(td)


def test_bundled_word_lists() -> None:
    stop = read_wordlist(default_stopwords())
    boiler = read_wordlist(default_boilerplate())
    assert {"的", "我们", "以及"} <= stop
    assert {"推进", "加强", "实施", "坚持", "全面", "进一步"} <= boiler
    assert not any(w.startswith("#") for w in stop | boiler)
    assert "海洋" not in boiler and "海洋" not in stop


def test_bad_params_and_lists_fail(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="merge_entities"):
        filt(merge_entities=["PERSON"])
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(ValueError, match="empty"):
        read_wordlist(empty)


def _write_inputs(tmp_path: Path) -> tuple[Path, Path, Path]:
    doc, tokens = make_doc()
    docs, seg = tmp_path / "docs", tmp_path / "seg"
    write_json(docs / "weihai.json", document_to_dict(doc))
    write_json(seg / "weihai.json", {"doc_id": "weihai", "backend": "jieba", "tokens": tokens})
    start = doc.text.index("威高集团")
    ents = tmp_path / "entities.csv"
    write_csv(ents, [{"doc_id": "weihai", "sentence_id": 3, "label": "COMPANY", "text": "威高集团",
                      "start": start, "end": start + 4, "norm": "威高集团"}])  # fmt: skip
    return docs, seg, ents


def test_run_writes_term_files_table_and_metrics(tmp_path: Path) -> None:
    docs, seg, ents = _write_inputs(tmp_path)
    out, table, metrics = tmp_path / "terms", tmp_path / "terms.csv", tmp_path / "m.json"
    (out).mkdir()
    (out / "stale.json").write_text("{}", encoding="utf-8")
    m = run(docs, seg, ents, default_stopwords(), default_boilerplate(), out, table, metrics,
            params())  # fmt: skip
    assert sorted(p.name for p in out.iterdir()) == ["weihai.json"]
    assert m["entities_merged"] == {"COMPANY": 1} and read_json(metrics) == m
    rows = read_csv(table)
    assert list(rows[0]) == ["doc_id", "term", "pos", "count", "per_10k"]
    assert {"威高集团", "海洋"} <= {r["term"] for r in rows}
    (td,) = load_term_docs(out)
    assert td.doc_id == "weihai" and "威高集团" in term_counts(td)


def test_table_is_the_reports_rows_in_doc_id_order(tmp_path: Path) -> None:
    # terms.csv is put together from each report's rows rendered apart (in the workers, or
    # read from the cache): it must be the table write_csv renders from all the rows
    import dataclasses

    from pipeline.io import to_csv_text
    from pipeline.terms import TERM_COLUMNS

    docs, seg, ents = _write_inputs(tmp_path)
    doc = read_json(docs / "weihai.json")
    cut = len(doc["sentences"]) // 2
    doc = {**doc, "doc_id": "a_copy", "sentences": doc["sentences"][:cut]}
    write_json(docs / "a_copy.json", doc)
    write_json(seg / "a_copy.json", {**read_json(seg / "weihai.json"), "doc_id": "a_copy"})
    table = tmp_path / "terms.csv"
    for cache in (None, tmp_path / "cache", tmp_path / "cache"):
        m = run(docs, seg, ents, default_stopwords(), default_boilerplate(), tmp_path / "t",
                table, tmp_path / "m.json", params(), result_cache=cache)  # fmt: skip
        tds = load_term_docs(tmp_path / "t")
        assert [td.doc_id for td in tds] == ["a_copy", "weihai"]
        rows = [r for td in tds for r in term_rows(td)]
        assert {r.doc_id for r in rows} == {"a_copy", "weihai"}
        assert table.read_text(encoding="utf-8") == to_csv_text(rows, TERM_COLUMNS)
        assert [f.name for f in dataclasses.fields(rows[0])] == TERM_COLUMNS
        assert m["vocabulary"] == len({r.term for r in rows})


def test_run_needs_entities_when_merging(tmp_path: Path) -> None:
    docs, seg, _ = _write_inputs(tmp_path)
    with pytest.raises(ValueError, match="does not exist"):
        run(docs, seg, tmp_path / "missing.csv", default_stopwords(), default_boilerplate(),
            tmp_path / "t", tmp_path / "t.csv", tmp_path / "m.json", params())  # fmt: skip
    with pytest.raises(ValueError, match="no term files"):
        load_term_docs(tmp_path / "nothing")


def test_recurring_phrases_of_a_report_become_one_term() -> None:
    from pipeline.terms import phrase_spans

    sentence = "建设精致城市，推进精致城市，打造精致城市，精致城市成效显著，城市更新。"
    text = sentence
    words = [("建设", "v"), ("精致", "a"), ("城市", "ns"), ("，", "x"), ("推进", "v"), ("精致", "a"),
             ("城市", "ns"), ("，", "x"), ("打造", "v"), ("精致", "a"), ("城市", "ns"), ("，", "x"),
             ("精致", "a"), ("城市", "ns"), ("成效", "n"), ("显著", "a"), ("，", "x"),
             ("城市", "ns"), ("更新", "vn"), ("。", "x")]  # fmt: skip
    tokens, pos = [], 0
    for w, p in words:
        tokens.append((pos, pos + len(w), p))
        pos += len(w)
    assert pos == len(text)
    doc = Document(
        doc_id="d", place="", level="", year=None, title="", date="", speaker="", office="",
        session="", encoding="utf-8", converted_to_simplified=False, sha256="", text=text,
        body_start=0, sentences=[Sentence(1, "", 1, 0, len(text), text)],
    )  # fmt: skip
    spans = phrase_spans(doc, tokens, filt(), min_count=4, share=0.5)
    assert [(sp.norm, text[sp.start : sp.end]) for sp in spans] == [("精致城市", "精致城市")] * 4
    assert phrase_spans(doc, tokens, filt(), min_count=5, share=0.5) == []  # only 4 uses
    assert phrase_spans(doc, tokens, filt(), min_count=0, share=0.5) == []  # switched off


def test_result_cache_gives_the_same_files_and_follows_entity_changes(tmp_path, monkeypatch):
    import pipeline.terms as T

    docs, seg, ents = _write_inputs(tmp_path)
    cache = tmp_path / "cache"

    def outputs(name: str, result_cache: Path | None) -> dict[str, bytes]:
        out = tmp_path / name
        run(docs, seg, ents, default_stopwords(), default_boilerplate(), out / "terms",
            out / "terms.csv", out / "m.json", params(), result_cache=result_cache)  # fmt: skip
        return {p.name: p.read_bytes() for p in sorted(out.rglob("*.*"))}

    plain = outputs("plain", None)
    assert outputs("first", cache) == plain
    built: list[str] = []
    real = T.build_corpus

    def counting(docs_, *args, **kwargs):
        built.extend(d.doc_id for d in docs_)
        return real(docs_, *args, **kwargs)

    monkeypatch.setattr(T, "build_corpus", counting)
    assert outputs("second", cache) == plain
    assert built == []
    # no entity to merge any more: the report's terms are recomputed
    write_csv(ents, [], ["doc_id", "sentence_id", "label", "text", "start", "end", "norm"])
    changed = outputs("third", cache)
    assert built == ["weihai"] and changed != plain
    monkeypatch.undo()
    assert changed == outputs("fresh", None)
