from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pipeline.docstore import document_to_dict
from pipeline.io import read_csv, write_json
from pipeline.kwic import COLUMNS, format_lines, kwic_lines, main
from pipeline.types import Document, Sentence

HEADER = "威海市政府工作报告\n"
BODY = [
    ("", "各位代表："),
    ("s01", "一、海洋经济"),
    ("s01.01", "发展海洋牧场，壮大海洋经济。"),
    ("s02", "深化与韩国合作。"),
]


def make_doc(doc_id: str = "city_weihai_2022", body=BODY) -> Document:
    text = HEADER
    sents = []
    for i, (sec, s) in enumerate(body, 1):
        sents.append(Sentence(i, sec, i, len(text), len(text) + len(s), s))
        text += s + "\n"
    return Document(doc_id, "威海市", "city", 2022, "政府工作报告", "", "", "", "", "utf-8", False,
                    "", text, len(HEADER), sentences=sents)  # fmt: skip


OTHER = make_doc("province_shanghai_2022", [("s01", "建设国际海洋中心城市。")])


def test_lines_with_offsets_and_context() -> None:
    doc = make_doc()
    lines = kwic_lines([doc, OTHER], "海洋", window=4)
    assert [(x.doc_id, x.section_id) for x in lines] == [
        ("city_weihai_2022", "s01"), ("city_weihai_2022", "s01.01"),
        ("city_weihai_2022", "s01.01"), ("province_shanghai_2022", "s01"),
    ]  # fmt: skip
    for x in lines:
        src = doc if x.doc_id == doc.doc_id else OTHER
        assert src.text[x.start : x.end] == "海洋" == x.term
        assert len(x.left) <= 4 and len(x.right) <= 4
    second = lines[1]
    assert (second.left, second.right) == ("济 发展", "牧场，壮")  # line break shown as a space


def test_header_is_not_searched_nor_used_as_context() -> None:
    doc = make_doc()
    assert kwic_lines([doc], "政府工作报告") == []
    first = kwic_lines([doc], "各位", window=10)[0]
    assert first.left == ""  # the body starts here: the header is not context


def test_doc_filter_and_errors() -> None:
    docs = [make_doc(), OTHER]
    assert {x.doc_id for x in kwic_lines(docs, "海洋", doc_id="province_shanghai_2022")} == {
        "province_shanghai_2022"
    }
    with pytest.raises(ValueError, match="no report"):
        kwic_lines(docs, "海洋", doc_id="nowhere")
    with pytest.raises(ValueError, match="empty"):
        kwic_lines(docs, "  ")
    with pytest.raises(ValueError, match="window"):
        kwic_lines(docs, "海洋", window=-1)


def test_occurrences_do_not_overlap() -> None:
    doc = make_doc(body=[("s01", "哈哈哈哈哈")])
    assert [x.start - doc.body_start for x in kwic_lines([doc], "哈哈")] == [0, 2]


def test_format_aligns_the_term_column() -> None:
    lines = kwic_lines([make_doc()], "海洋", window=6)
    text = format_lines(lines).splitlines()
    assert len(text) == 3 and all("【海洋】" in t for t in text)
    from pipeline.kwic import _width

    columns = {_width(t[: t.index("【")]) for t in text}
    assert len(columns) == 1
    assert format_lines([]) == ""


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command()(main)
    return app


def test_cli_prints_and_writes_csv(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for d in (make_doc(), OTHER):
        write_json(docs / f"{d.doc_id}.json", document_to_dict(d))
    runner = CliRunner()
    result = runner.invoke(_app(), ["韩国", "--doc", "city_weihai_2022", "--window", "3",
                                    "--docs-dir", str(docs)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "深化与【韩国】合作。" in result.stdout
    out = tmp_path / "kwic.csv"
    result = runner.invoke(_app(), ["海洋", "--docs-dir", str(docs), "--out", str(out)])
    assert result.exit_code == 0
    rows = read_csv(out)
    assert list(rows[0]) == COLUMNS and len(rows) == 4
    result = runner.invoke(_app(), ["海洋", "--doc", "nope", "--docs-dir", str(docs)])
    assert result.exit_code == 1 and "no report" in result.stderr
