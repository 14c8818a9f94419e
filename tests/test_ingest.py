from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from pipeline import config
from pipeline.decoding import InputError
from pipeline.docstore import document_from_dict, document_to_dict
from pipeline.ingest import (
    IngestOutputs,
    ingest_bytes,
    ingest_rows,
    run,
)
from pipeline.io import read_csv
from pipeline.manifest import read_manifest
from pipeline.structure import non_space_count
from pipeline.types import ManifestRow

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
PARAMS = config.load_params(ROOT / "params.yaml", "ingest")

REPORT = (
    "政府工作报告\n——2022年2月23日在威海市第十八届人民代表大会第一次会议上\n威海市市长 闫剑波\n"
    "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n一、2021年工作回顾\n"
    "（一）经济运行稳中向好。地区生产总值完成３４６３．９亿元，增长7.5％。\n"
)


def _out(tmp_path: Path) -> IngestOutputs:
    t = tmp_path / "tables"
    return IngestOutputs(
        tmp_path / "docs", t / "documents.csv", t / "sections.csv", t / "sentences.csv",
        t / "rejected.csv", tmp_path / "metrics.json",
    )  # fmt: skip


def test_ingest_bytes_structure_and_offsets() -> None:
    doc = ingest_bytes(REPORT.encode("gbk"), ManifestRow("weihai", "weihai.txt"), PARAMS)
    assert (doc.title, doc.date, doc.speaker, doc.place, doc.level, doc.year) == (
        "政府工作报告", "2022-02-23", "闫剑波", "威海市", "city", 2022,
    )  # fmt: skip
    assert doc.inferred == {"place": "header", "level": "header", "year": "header"}
    assert doc.encoding == "gb18030"
    assert "3463.9亿元，增长7.5%" in doc.text
    assert [s.text for s in doc.sentences] == [
        "各位代表：",
        "现在，我代表市人民政府向大会报告工作，请予审议。",
        "一、2021年工作回顾",
        "（一）经济运行稳中向好。",
        "地区生产总值完成3463.9亿元，增长7.5%。",
    ]
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text


def test_manifest_metadata_wins_over_header() -> None:
    row = ManifestRow("x", "x.txt", place="威海", level="city", year=2021)
    doc = ingest_bytes(REPORT.encode(), row, PARAMS)
    assert (doc.place, doc.year) == ("威海", 2021)
    assert doc.inferred["place"] == "manifest"


def test_document_round_trips_through_json() -> None:
    doc = ingest_bytes(REPORT.encode(), ManifestRow("x", "x.txt"), PARAMS)
    assert document_from_dict(document_to_dict(doc)) == doc


@pytest.fixture(scope="module")
def corpus():
    return ingest_rows(read_manifest(RAW / "reports.csv"), RAW, PARAMS).documents


def test_every_corpus_report_conserves_its_body(corpus) -> None:
    assert len(corpus) == 30
    for doc in corpus:
        body = non_space_count(doc.text[doc.body_start :])
        assert sum(non_space_count(s.text) for s in doc.sentences) == body, doc.doc_id
        ends = [(s.start, s.end) for s in doc.sentences]
        assert ends == sorted(ends)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends)), doc.doc_id


# Golden headers of several corpus styles: blank-line (seed, State Council), single newline
# (provinces), flattened one-line (Shanghai 2021), letter-spaced GBK-origin (Hailar), none (2019).
GOLDEN = {
    "city_weihai_2022": ("政府工作报告", "2022-02-23", "闫剑波", 3),
    "national_guowuyuan_2019": ("", "", "", 3),
    "national_guowuyuan_2024": ("政府工作报告", "2024-03-05", "李强", 3),
    "province_gansu_2026": ("2026年甘肃省政府工作报告", "2026-01-27", "任振鹤", 3),
    "province_guangdong_2026": ("政府工作报告", "2026-01-26", "孟凡利", 3),
    "province_shanghai_2021": ("", "", "龚正", 4),
    "district_hulunbeier_hailaer_2012": ("政府工作报告", "2012-02-29", "张天喜", 2),
    "province_xinjiang_2026": ("2026年新疆维吾尔自治区政府工作报告", "2026-01-27", "艾尔肯·吐尼亚孜", 4),
}  # fmt: skip


@pytest.mark.parametrize("doc_id", sorted(GOLDEN))
def test_golden_headers_and_level_one_sections(corpus, doc_id: str) -> None:
    doc = next(d for d in corpus if d.doc_id == doc_id)
    title, date, speaker, n_l1 = GOLDEN[doc_id]
    assert (doc.title, doc.date, doc.speaker) == (title, date, speaker)
    assert sum(1 for s in doc.sections if s.depth == 1 and not s.appendix) == n_l1


def test_appendices_are_sections(corpus) -> None:
    sichuan = next(d for d in corpus if d.doc_id == "province_sichuan_2026")
    assert [s.heading for s in sichuan.sections if s.appendix] == ["名词解释"]
    last = sichuan.sentences[-1]
    assert last.section_id == "a01"


def test_skip_lists_bad_files_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    rows = [ManifestRow("empty", "empty.txt"), ManifestRow("good", "good.txt"),
            ManifestRow("gone", "gone.txt")]  # fmt: skip
    skip = config.parse_section("ingest", {**PARAMS.__dict__, "on_error": "skip"}, type(PARAMS))
    result = ingest_rows(rows, tmp_path, skip)
    assert [d.doc_id for d in result.documents] == ["good"]
    assert [(r.doc_id, r.reason) for r in result.rejected] == [
        ("empty", "empty file"), ("gone", "file not found"),
    ]  # fmt: skip


def test_fail_stops_and_keeps_earlier_outputs(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(REPORT, encoding="utf-8")
    (raw / "reports.csv").write_text("doc_id,file\ngood,good.txt\n", encoding="utf-8")
    out = _out(tmp_path)
    run(raw / "reports.csv", PARAMS, out)
    before = out.sentences.read_bytes()
    assert len(read_csv(out.documents)) == 1

    (raw / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    (raw / "reports.csv").write_text("doc_id,file\nbad,bad.txt\ngood,good.txt\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        run(raw / "reports.csv", PARAMS, out)
    assert "bad.txt" in str(err.value) and "binary" in str(err.value)
    assert out.sentences.read_bytes() == before
    assert not list(tmp_path.rglob("*.tmp"))


def test_outputs_are_deterministic_and_stale_documents_removed(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("a", "b"):
        (raw / f"{name}.txt").write_text(REPORT, encoding="utf-8")
    (raw / "reports.csv").write_text("doc_id,file\na,a.txt\nb,b.txt\n", encoding="utf-8")
    out = _out(tmp_path)
    run(raw / "reports.csv", PARAMS, out)
    first = {p.name: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and p.parent != raw}
    run(raw / "reports.csv", PARAMS, out)
    second = {
        p.name: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and p.parent != raw
    }
    assert first == second
    (raw / "reports.csv").write_text("doc_id,file\na,a.txt\n", encoding="utf-8")
    run(raw / "reports.csv", PARAMS, out)
    assert sorted(p.name for p in out.docs_dir.iterdir()) == ["a.json"]


def test_cache_gives_the_same_documents_and_recomputes_a_changed_file(tmp_path, monkeypatch):
    import pipeline.ingest as I

    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT.replace("各位代表", "各位代表们", 1), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    rows = [ManifestRow("a", "a.txt"), ManifestRow("b", "b.txt"), ManifestRow("e", "empty.txt")]
    skip = config.parse_section("ingest", {**PARAMS.__dict__, "on_error": "skip"}, type(PARAMS))
    cache = tmp_path / "cache"
    plain = ingest_rows(rows, tmp_path, skip)
    first = I.ingest_cached(rows, tmp_path, skip, result_cache=cache)
    assert first.documents == plain.documents and first.rejected == plain.rejected
    ingested: list[str] = []
    real = I.ingest_bytes

    def counting(data, row, *args, **kwargs):
        ingested.append(row.doc_id)
        return real(data, row, *args, **kwargs)

    monkeypatch.setattr(I, "ingest_bytes", counting)
    again = I.ingest_cached(rows, tmp_path, skip, result_cache=cache)
    assert again.documents == plain.documents and ingested == ["e"]  # errors are not cached
    (tmp_path / "b.txt").write_text(REPORT.replace("各位代表", "代表们", 1), encoding="utf-8")
    ingested.clear()
    changed = I.ingest_cached(rows, tmp_path, skip, result_cache=cache)
    assert ingested == ["b", "e"]
    assert changed.documents == ingest_rows(rows, tmp_path, skip).documents
    assert len(list(cache.glob("*.json"))) == 2
    fail = config.parse_section("ingest", {**PARAMS.__dict__, "on_error": "fail"}, type(PARAMS))
    with pytest.raises(InputError, match="empty file"):
        I.ingest_cached(rows, tmp_path, fail, result_cache=cache)


def _print_layout(text: str, width: int) -> str:
    """`text` as a PDF's text layer gives it: each paragraph cut into lines of `width`
    characters, the first indented, a page number every 40 lines."""
    lines: list[str] = []
    for para in text.split("\n"):
        para = "　　" + para.strip() if para.strip() else para
        while len(para) > width:
            lines.append(para[:width])
            para = para[width:]
            if len(lines) % 40 == 0:
                lines.append(f"- {len(lines) // 40} -")
        lines.append(para)
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("doc_id", "width"), [("province_gansu_2026", 34), ("city_weihai_2022", 30)]
)
def test_a_report_from_a_pdf_s_text_layer_reads_as_the_original(doc_id: str, width: int) -> None:
    # hard-wrapped lines and page numbers: the same sentences, sections and metadata
    original = (RAW / f"{doc_id}.txt").read_text(encoding="utf-8")
    a = ingest_bytes(original.encode("utf-8"), ManifestRow("a", "a.txt"), PARAMS)
    data = _print_layout(original, width).encode("gb18030")
    b = ingest_bytes(data, ManifestRow("b", "b.txt"), PARAMS)
    assert [s.text for s in b.sentences] == [s.text for s in a.sentences]
    assert [s.heading for s in b.sections] == [s.heading for s in a.sections]
    assert (b.title, b.date, b.speaker, b.place) == (a.title, a.date, a.speaker, a.place)


def test_a_report_saved_as_a_web_page_with_ascii_punctuation_and_spaced_lines_reads_as_it_is(
) -> None:  # fmt: skip
    # markup, character references, ASCII punctuation and lines spaced out character by
    # character, saved as GBK: the same sentences, sections and metadata as the original
    original = (RAW / "province_hubei_2026.txt").read_text(encoding="utf-8")
    a = ingest_bytes(original.encode("utf-8"), ManifestRow("a", "a.txt"), PARAMS)
    ascii_marks = str.maketrans("，；：！？（）“”", ',;:!?()""')
    lines = [line.translate(ascii_marks) for line in original.split("\n") if line.strip()]
    lines = [" ".join(x) if k % 2 else x for k, x in enumerate(lines)]
    saved = "\n".join(f"<p>{line.replace('　', '&nbsp;')}</p>" for line in lines)
    b = ingest_bytes(saved.encode("gbk"), ManifestRow("b", "b.txt"), PARAMS)
    assert [s.text for s in b.sentences] == [s.text for s in a.sentences]
    assert [s.heading for s in b.sections] == [s.heading for s in a.sections]
    assert (b.title, b.date, b.speaker, b.place) == (a.title, a.date, a.speaker, a.place)


@pytest.mark.parametrize("doc_id", ["province_hubei_2026", "city_weihai_2022"])
def test_a_report_a_converter_wrote_as_markdown_reads_as_the_original(doc_id: str) -> None:
    original = (RAW / f"{doc_id}.txt").read_text(encoding="utf-8")
    a = ingest_bytes(original.encode("utf-8"), ManifestRow("a", "a.txt"), PARAMS)
    lines = []
    for line in (x.strip() for x in original.split("\n")):
        if re.match(r"[一二三四五六七八九十]+、", line):
            line = "## " + line
        elif re.match(r"[（(][一二三四五六七八九十]+[）)]", line):
            line = "### " + line
        elif len(line) > 60 and "。" in line[:40]:  # a paragraph's lead sentence in bold
            cut = line.index("。") + 1
            line = f"**{line[:cut]}**{line[cut:]}"
        lines.append(line)
    b = ingest_bytes("\n\n".join(lines).encode("utf-8"), ManifestRow("b", "b.txt"), PARAMS)
    assert [s.heading for s in b.sections] == [s.heading for s in a.sections]
    assert [s.text for s in b.sentences] == [s.text for s in a.sentences]
    assert (b.title, b.date, b.speaker, b.place) == (a.title, a.date, a.speaker, a.place)


@pytest.mark.parametrize("line_break", ["\x0b", "\x85", "\u2028", "\r"])
def test_lines_broken_by_word_s_vertical_tab_or_other_line_separators(line_break: str) -> None:
    # Word saves a manual line break as a vertical tab: a report so saved is no binary file
    original = (RAW / "province_hubei_2026.txt").read_text(encoding="utf-8")
    a = ingest_bytes(original.encode("utf-8"), ManifestRow("a", "a.txt"), PARAMS)
    data = original.replace("\n", line_break).encode("utf-8")
    b = ingest_bytes(data, ManifestRow("b", "b.txt"), PARAMS)
    assert [s.text for s in b.sentences] == [s.text for s in a.sentences]
    assert len(b.paragraphs) == len(a.paragraphs) and len(b.sections) == len(a.sections)
