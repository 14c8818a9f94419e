from __future__ import annotations

from pathlib import Path

import jieba
import pytest

from pipeline.segment import (
    Lexicon,
    TermMerger,
    doc_from_tokens,
    make_nlp,
    make_segmenter,
    read_policy_terms,
    segment_document,
    term_coverage,
    tokenize,
)
from pipeline.types import Document, Sentence

LEX = Lexicon(
    programs=("乡村振兴", "揭榜挂帅", "数据要素×", "千村示范、万村整治"),
    concepts=("高质量发展", "新质生产力", "进出口总额", "大数据"),
    places=("威海市", "荣成市", "中亚", "东盟"),
    firms=("科大讯飞", "中国银行"),
)


@pytest.fixture(scope="module")
def seg(tmp_path_factory):
    return make_segmenter("jieba", LEX, cache_dir=tmp_path_factory.mktemp("jieba"))


def _words(seg, text: str) -> list[str]:
    return [text[s:e] for s, e, _ in tokenize(text, seg)]


def test_dictionary_terms_stay_one_token(seg) -> None:
    words = _words(seg, "威海市全面推进乡村振兴，推行揭榜挂帅，推动高质量发展和新质生产力。")
    for term in ("威海市", "乡村振兴", "揭榜挂帅", "高质量发展", "新质生产力"):
        assert term in words


def test_firms_of_the_dictionary_stay_one_token_without_breaking_longer_words(seg) -> None:
    # jieba alone: 科大|讯|飞获 (its HMM glues the unknown 飞 to the verb)
    assert "科大讯飞" in _words(seg, "科大讯飞获国家科技进步一等奖。")
    # a firm's name is no forced cut: 中国银行业协会 is not 中国银行|业|协会
    assert "中国银行" not in _words(seg, "中国银行业协会发布报告。")
    assert ("科大讯飞", "nt") in LEX.words


def test_terms_across_jieba_word_pattern_are_merged(seg) -> None:
    # jieba cuts at × and 、, which are outside its word pattern
    assert "数据要素×" in _words(seg, "实施数据要素×行动")
    assert "千村示范、万村整治" in _words(seg, "深化千村示范、万村整治工程")


def test_leftmost_longest_term_wins(seg) -> None:
    assert "进出口总额" in _words(seg, "货物进出口总额增长7.7%")


def test_the_particle_closing_a_list_is_cut_off_an_unknown_word(seg) -> None:
    # jieba's HMM glues 等 to the unknown character before it (平山|湖等|煤矿)
    words = _words(seg, "加快九龙川、平山湖等煤矿建设，推进南北游等线路。")
    assert words[words.index("平山") : words.index("平山") + 3] == ["平山", "湖", "等"]
    assert "游" in words and "游等" not in words
    assert "男女平等" in _words(seg, "坚持男女平等。")  # a dictionary word ending in 等 stays


def test_a_regions_countries_are_cut_into_the_region_and_its_countries(seg) -> None:
    # jieba's dictionary: 中亚国家, 东盟国家 are one word each (the region would be no token)
    words = _words(seg, "拓展与中亚国家、东盟国家合作，帮助发展中国家。")
    assert words[words.index("中亚") : words.index("中亚") + 2] == ["中亚", "国家"]
    assert "东盟" in words and "东盟国家" not in words
    assert "发展中国家" in words  # 发展中 is no place: the word stays


def test_tokens_rebuild_the_text_and_skip_white_space(seg) -> None:
    text = "PM2.5 浓度  下降，威海市\u3000荣成市。"
    tokens = tokenize(text, seg, offset=100)
    assert all(text[s - 100 : e - 100].strip() == text[s - 100 : e - 100] for s, e, _ in tokens)
    covered = "".join(text[s - 100 : e - 100] for s, e, _ in tokens)
    assert covered == "".join(text.split())


def test_private_tokenizer_leaves_global_jieba_alone(seg, tmp_path) -> None:
    _words(seg, "推行揭榜挂帅")
    assert "揭榜挂帅" not in jieba.dt.FREQ  # the global dictionary is untouched


def test_cache_file_goes_to_the_given_folder(tmp_path) -> None:
    make_segmenter("jieba", LEX, cache_dir=tmp_path / "a")
    # the prepared dictionary is the cache; jieba's own (jieba.cache) served its build only
    prepared = list((tmp_path / "a").glob("gwr-prepared-*.marshal"))
    assert len(prepared) == 1 and not (tmp_path / "a" / "jieba.cache").exists()
    # its bytes depend on the dictionary alone (it is a DVC output)
    keep = [bytes(range(256)) for _ in range(1000)]  # (other objects alive in this process)
    make_segmenter("jieba", LEX, cache_dir=tmp_path / "b")
    again = list((tmp_path / "b").glob("gwr-prepared-*.marshal"))
    assert keep and again[0].read_bytes() == prepared[0].read_bytes()


def test_a_lazy_segmenter_loads_its_dictionary_at_the_first_cut(seg, tmp_path) -> None:
    lazy = make_segmenter("jieba", LEX, cache_dir=tmp_path, lazy=True)
    assert lazy._tk is None  # nothing loaded yet; the signature needs no dictionary
    assert lazy.signature() == make_segmenter("jieba", LEX, lazy=True).signature()
    text = "威海坚持乡村振兴，推进揭榜挂帅。"
    assert lazy.cut(text) == seg.cut(text)
    assert lazy._tk is not None


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match=r"segment\.backend"):
        make_segmenter("thulac", LEX)


def test_term_merger_only_merges_on_token_boundaries() -> None:
    merge = TermMerger({"大数据": "nz"})
    assert merge([("大", "a"), ("数据", "n")]) == [("大数据", "nz")]
    # 扩大数据: 大 belongs to 扩大, so nothing merges
    assert merge([("扩大", "v"), ("数据", "n")]) == [("扩大", "v"), ("数据", "n")]


def _doc(text: str, body_start: int, spans: list[tuple[int, int]]) -> Document:
    sents = [Sentence(i + 1, "", 1, s, e, text[s:e]) for i, (s, e) in enumerate(spans)]
    return Document(
        doc_id="d", place="", level="", year=None, title="", date="", speaker="", office="",
        session="", encoding="utf-8", converted_to_simplified=False, sha256="", text=text,
        body_start=body_start, sentences=sents,
    )  # fmt: skip


def test_segment_document_covers_header_and_sentences_without_crossing(seg) -> None:
    text = "威海市市长 闫剑波\n各位代表：\n推进乡村振兴。推动高质量发展。"
    body = text.index("各位代表")
    spans = [(body, body + 5), (body + 6, body + 13), (body + 13, len(text))]
    doc = _doc(text, body, spans)
    tokens = segment_document(doc, seg)
    assert text[tokens[0][0] : tokens[0][1]] == "威海市"
    bounds = [(0, 5), (6, 9), *spans]
    for s, e, _ in tokens:
        assert any(a <= s and e <= b for a, b in bounds), text[s:e]


def test_term_coverage_counts_split_terms(seg) -> None:
    text = "推进乡村振兴。加快乡村振兴。"
    doc = _doc(text, 0, [(0, 7), (7, 14)])
    tokens = segment_document(doc, seg)
    ok = term_coverage([doc], {"d": tokens}, ["乡村振兴"])
    assert (ok["occurrences"], ok["one_token"], ok["share"]) == (2, 2, 1.0)
    broken = [t for t in tokens if t[:2] != (2, 6)] + [(2, 4, "n"), (4, 6, "n")]
    bad = term_coverage([doc], {"d": broken}, ["乡村振兴"])
    assert (bad["one_token"], bad["share"]) == (1, 0.5)
    # a term inside a longer token (a name that holds it) is whole
    longer = [t for t in tokens if t[:2] != (2, 6)] + [(0, 6, "n")]
    assert term_coverage([doc], {"d": longer}, ["乡村振兴"])["one_token"] == 2
    # two other words over a term's characters are no occurrence of it (人民|生活 and 民生)
    doc = _doc("提高人民生活品质。", 0, [(0, 9)])
    words = [(0, 2, "v"), (2, 4, "n"), (4, 6, "n"), (6, 8, "n"), (8, 9, "x")]
    assert term_coverage([doc], {"d": words}, ["民生"])["occurrences"] == 0


def test_spacy_pipeline_uses_the_segmenter(seg) -> None:
    nlp = make_nlp(seg)
    doc = nlp("威海市实施乡村振兴战略")
    assert [t.text for t in doc][:2] == ["威海市", "实施"]
    rebuilt = doc_from_tokens(nlp.vocab, "威海 市", [(0, 2, "ns"), (3, 4, "n")])
    assert rebuilt.text == "威海 市" and [t.tag_ for t in rebuilt] == ["ns", "n"]


def test_policy_term_file_is_validated(tmp_path: Path) -> None:
    good = tmp_path / "ok.tsv"
    good.write_text("# c\nterm\tkind\n六稳\tprogram\n高质量发展\tconcept\n", encoding="utf-8")
    assert read_policy_terms(good) == (("六稳",), ("高质量发展",))
    bad = tmp_path / "bad.tsv"
    bad.write_text("term\tkind\n六稳\tslogan\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad row 2"):
        read_policy_terms(bad)
    twice = tmp_path / "twice.tsv"
    twice.write_text("term\tkind\n六稳\tprogram\n六保\tprogram\n六稳\tconcept\n", "utf-8")
    with pytest.raises(ValueError, match=r"twice.tsv: row 4 lists '六稳' again \(first in row 2\)"):
        read_policy_terms(twice)
    from pipeline import segment

    read_policy_terms(segment.default_policy_terms())  # the project's own file lists each once


def test_pkuseg_backend_with_the_user_dictionary(tmp_path) -> None:
    seg = make_segmenter("pkuseg", LEX, cache_dir=tmp_path)
    text = "威海市全面推进乡村振兴， 推动高质量发展。"
    words = _words(seg, text)
    assert "乡村振兴" in words and "高质量发展" in words and "威海市" in words
    tags = dict(seg.cut(text))
    assert tags["乡村振兴"] == "nz" and tags["推进"] == "v"


def test_run_reuses_tokens_of_unchanged_reports(tmp_path, monkeypatch) -> None:
    import json

    from pipeline import config, segment
    from pipeline.docstore import document_to_dict

    root = Path(__file__).resolve().parent.parent
    params = config.load_params(root / "params.yaml", "segment")
    text = "各位代表：\n推进乡村振兴。"
    doc = _doc(text, 0, [(0, 5), (6, len(text))])
    docs_dir = tmp_path / "docs"
    docs_dir.mkdir()
    (docs_dir / "d.json").write_text(json.dumps(document_to_dict(doc), ensure_ascii=False))
    args = (docs_dir, tmp_path / "seg", tmp_path / "m.json", params,
            segment.default_policy_terms(), tmp_path / "jieba", tmp_path / "cache")  # fmt: skip
    segment.run(*args)
    first = (tmp_path / "seg" / "d.json").read_bytes()

    def no_segmenter(*_a, **_k):
        raise AssertionError("segmenter built although every report is cached")

    monkeypatch.setattr(segment, "make_segmenter", no_segmenter)
    segment.run(*args)
    assert (tmp_path / "seg" / "d.json").read_bytes() == first


def test_cached_run_matches_a_fresh_one_and_recomputes_only_a_changed_report(
    tmp_path, monkeypatch
) -> None:
    import dataclasses
    import json

    from pipeline import config, segment
    from pipeline.docstore import document_to_dict

    root = Path(__file__).resolve().parent.parent
    params = config.load_params(root / "params.yaml", "segment")
    docs_dir = tmp_path / "docs"
    docs_dir.mkdir()
    texts = {"a": "各位代表：\n推进乡村振兴。", "b": "各位代表：\n推动高质量发展。"}

    def write(doc_id: str, text: str) -> None:
        doc = dataclasses.replace(_doc(text, 0, [(0, 5), (6, len(text))]), doc_id=doc_id)
        (docs_dir / f"{doc_id}.json").write_text(json.dumps(document_to_dict(doc)), "utf-8")

    for doc_id, text in texts.items():
        write(doc_id, text)

    def run(name: str, cache: Path | None) -> dict[str, bytes]:
        out = tmp_path / name
        segment.run(docs_dir, out / "seg", out / "m.json", params,
                    segment.default_policy_terms(), tmp_path / "jieba", cache)  # fmt: skip
        return {p.name: p.read_bytes() for p in sorted(out.rglob("*.json"))}

    cache = tmp_path / "cache"
    first = run("cached", cache)
    assert first == run("fresh", None)
    segmented: list[str] = []
    real = segment.segment_document

    def counting(doc, segmenter):
        segmented.append(doc.doc_id)
        return real(doc, segmenter)

    monkeypatch.setattr(segment, "segment_document", counting)
    write("b", "各位代表：\n推动数字经济发展。")
    changed = run("changed", cache)
    assert segmented == ["b"]
    assert len(list(cache.glob("*.json"))) == 4  # token file and coverage part of each report
    assert changed == run("fresh2", None)
    assert changed["a.json"] == first["a.json"] and changed["b.json"] != first["b.json"]


def test_a_segmenter_from_the_prepared_dictionary_cuts_as_a_fresh_one(tmp_path) -> None:
    text = "威海市全面推进乡村振兴，振兴海洋经济，落实惠农政策。"
    fresh = make_segmenter("jieba", LEX, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("gwr-prepared-*"))) == 1
    again = make_segmenter("jieba", LEX, cache_dir=tmp_path)
    assert again._tk.FREQ == fresh._tk.FREQ and again._tk.total == fresh._tk.total
    for pos in ("posseg", "lexicon"):
        a = make_segmenter("jieba", LEX, cache_dir=tmp_path, pos=pos)
        b = make_segmenter("jieba", LEX, cache_dir=None, pos=pos)
        assert a.cut(text) == b.cut(text)
    # another dictionary replaces the prepared file
    make_segmenter("jieba", Lexicon(programs=("乡村振兴",), concepts=()), cache_dir=tmp_path)
    assert len(list(tmp_path.glob("gwr-prepared-*"))) == 1


def test_cache_keys_depend_on_the_stages_resources_only(monkeypatch, params_path) -> None:
    """The per-report token cache is a DVC output: its keys must move with the stage's deps
    and nothing else, or a fresh build's cache folder differs from the committed lock."""
    import yaml

    from pipeline import config, segment

    root = Path(__file__).resolve().parent.parent
    stage = yaml.safe_load((root / "dvc.yaml").read_text(encoding="utf-8"))["stages"]["segment"]
    declared = {Path(d).name for d in stage["deps"] if str(d).startswith("pipeline/resources/")}
    seen: list[str] = []
    monkeypatch.setattr(
        segment, "fingerprint", lambda paths, **_kw: seen.extend(Path(p).name for p in paths)
    )
    params = config.load_params(params_path, "segment")
    segment._fingerprint(params, root / "pipeline/resources/policy_terms.tsv")
    assert {n for n in seen if n.endswith(".tsv") and n != "policy_terms.tsv"} == declared


def test_lexicon_mode_from_the_prepared_dictionary_never_imports_posseg(tmp_path) -> None:
    # importing jieba.posseg reads jieba's dictionary for a module-level tokenizer (~0.8 s of
    # every stage's start-up); the lexicon mode needs only the tag table of the prepared file
    import subprocess
    import sys

    make_segmenter("jieba", LEX, cache_dir=tmp_path, pos="lexicon")  # writes the file
    code = (
        "import sys; from pathlib import Path; from tests.test_segment import LEX;"
        "from pipeline.segment import make_segmenter;"
        f"s = make_segmenter('jieba', LEX, cache_dir=Path({str(tmp_path)!r}), pos='lexicon');"
        "words = s.cut('威海市全面推进乡村振兴');"
        "print('jieba.posseg' in sys.modules, '|'.join(w for w, _ in words))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).parent.parent, check=True).stdout.split()  # fmt: skip
    assert out[0] == "False"
    assert "乡村振兴" in out[1].split("|")
