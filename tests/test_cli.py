"""pipeline/cli.py: `gwr add` and `gwr analyze`, run in-process with typer's CliRunner."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml
from opencc import OpenCC
from typer.testing import CliRunner, Result

from pipeline.cli import app
from pipeline.io import read_csv
from pipeline.manifest import read_manifest

runner = CliRunner()


def gwr(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every output file; caches (jieba's pickled dictionary) are not outputs."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and "cache" not in p.relative_to(folder).parts
    }


# ---------------------------------------------------------------- gwr add


@pytest.fixture
def raw_dir(tmp_path: Path, write_manifest, national_report: str, province_report: str) -> Path:
    """A project raw folder with two reports; one manifest row has no sha256 recorded."""
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    national = national_report.encode("utf-8")
    (raw / "national_guowuyuan_2019.txt").write_bytes(national)
    (raw / "province_jiangsu_2023.txt").write_text(province_report, encoding="utf-8")
    write_manifest(
        raw / "reports.csv",
        [
            {"doc_id": "national_guowuyuan_2019", "file": "national_guowuyuan_2019.txt",
             "place": "全国", "level": "national", "year": 2019, "source": "gov.cn",
             "notes": "总理 李克强, 第十三届", "sha256": _sha(national)},
            {"doc_id": "province_jiangsu_2023", "file": "province_jiangsu_2023.txt",
             "place": "江苏省", "level": "province", "year": 2023},
        ],
    )  # fmt: skip
    return raw


@pytest.fixture
def incoming(tmp_path: Path) -> Path:
    folder = tmp_path / "incoming"
    folder.mkdir()
    return folder


def test_add_copies_the_file_and_adds_a_sorted_row(
    raw_dir: Path, incoming: Path, city_report: str
) -> None:
    before = (raw_dir / "reports.csv").read_text(encoding="utf-8").splitlines()
    src = incoming / "city_weihai_2022.txt"
    data = city_report.encode("gb18030")  # inference must decode, the copy must not re-encode
    src.write_bytes(data)

    result = gwr("add", src, "--raw-dir", raw_dir, "--source", "www.weihai.gov.cn")

    assert result.exit_code == 0, result.output
    assert (raw_dir / "city_weihai_2022.txt").read_bytes() == data
    rows = read_csv(raw_dir / "reports.csv")
    assert [r["doc_id"] for r in rows] == [
        "city_weihai_2022",
        "national_guowuyuan_2019",
        "province_jiangsu_2023",
    ]
    assert rows[0] == {
        "doc_id": "city_weihai_2022",
        "file": "city_weihai_2022.txt",
        "place": "威海市",
        "level": "city",
        "year": "2022",
        "source": "www.weihai.gov.cn",
        "notes": "",
        "sha256": _sha(data),
    }
    # the rows that were there are kept as they were
    after = (raw_dir / "reports.csv").read_text(encoding="utf-8").splitlines()
    assert after[0] == before[0]
    assert after[2:] == before[1:]
    assert len(read_manifest(raw_dir / "reports.csv")) == 3
    assert "added city_weihai_2022" in result.output
    inferred = next(line for line in result.output.splitlines() if "inferred" in line)
    for fragment in ("place=威海市", "level=city", "year=2022"):
        assert fragment in inferred
    assert sorted(p.name for p in raw_dir.iterdir()) == [
        "city_weihai_2022.txt",
        "national_guowuyuan_2019.txt",
        "province_jiangsu_2023.txt",
        "reports.csv",
    ]


def test_add_options_win_over_the_header(raw_dir: Path, incoming: Path, city_report: str) -> None:
    src = incoming / "weihai.TXT"
    src.write_text(city_report, encoding="utf-8")
    result = gwr(
        "add", src, "--raw-dir", raw_dir, "--doc-id", "wh-2022", "--place", "威海",
        "--level", "county", "--year", "2021", "--notes", "见 附件，第1页",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "inferred" not in result.output
    row = next(r for r in read_manifest(raw_dir / "reports.csv") if r.doc_id == "wh-2022")
    assert (row.file, row.place, row.level, row.year) == ("wh-2022.txt", "威海", "county", 2021)
    assert row.notes == "见 附件，第1页"
    assert (raw_dir / "wh-2022.txt").read_text(encoding="utf-8") == city_report


def test_add_without_header_reports_what_is_unknown(raw_dir: Path, incoming: Path) -> None:
    src = incoming / "untitled_2020.txt"
    src.write_text("各位代表：\n一、工作回顾\n我们努力工作。\n", encoding="utf-8")
    result = gwr("add", src, "--raw-dir", raw_dir)
    assert result.exit_code == 0, result.output
    unknown = next(line for line in result.output.splitlines() if "unknown" in line)
    assert "place" in unknown and "level" in unknown and "year" in unknown
    row = next(r for r in read_manifest(raw_dir / "reports.csv") if r.doc_id == "untitled_2020")
    assert (row.place, row.level, row.year) == ("", "", None)


def test_add_creates_the_manifest(tmp_path: Path, incoming: Path, city_report: str) -> None:
    raw = tmp_path / "new" / "raw"
    src = incoming / "city_weihai_2022.txt"
    src.write_text(city_report, encoding="utf-8")
    result = gwr("add", src, "--raw-dir", raw)
    assert result.exit_code == 0, result.output
    rows = read_manifest(raw / "reports.csv")
    assert [(r.doc_id, r.place, r.level, r.year) for r in rows] == [
        ("city_weihai_2022", "威海市", "city", 2022)
    ]


def _assert_refused(result: Result, raw_dir: Path, before: dict[str, bytes], *fragments: str):
    assert result.exit_code == 1, result.output
    assert "gwr: error:" in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr
    assert _snapshot(raw_dir) == before  # manifest and raw files untouched, no temp files left


def test_add_refuses_a_doc_id_already_present(
    raw_dir: Path, incoming: Path, city_report: str
) -> None:
    before = _snapshot(raw_dir)
    src = incoming / "national_guowuyuan_2019.txt"  # another text under a taken id
    src.write_text(city_report, encoding="utf-8")
    result = gwr("add", src, "--raw-dir", raw_dir)
    _assert_refused(result, raw_dir, before, "'national_guowuyuan_2019'", "already")


def test_add_refuses_a_doc_id_already_present_given_as_option(
    raw_dir: Path, incoming: Path, city_report: str
) -> None:
    before = _snapshot(raw_dir)
    src = incoming / "weihai.txt"
    src.write_text(city_report, encoding="utf-8")
    result = gwr("add", src, "--raw-dir", raw_dir, "--doc-id", "province_jiangsu_2023")
    _assert_refused(result, raw_dir, before, "'province_jiangsu_2023'", "already")


@pytest.mark.parametrize(
    "existing",
    [
        "national_guowuyuan_2019",  # its sha256 is in the manifest
        "province_jiangsu_2023",  # no sha256 recorded: hashed from the file
    ],
)
def test_add_refuses_identical_content_under_another_name(
    raw_dir: Path,
    incoming: Path,
    national_report: str,
    province_report: str,
    existing: str,
) -> None:
    text = national_report if existing.startswith("national") else province_report
    before = _snapshot(raw_dir)
    src = incoming / "copy_of_a_report.txt"
    src.write_text(text, encoding="utf-8")
    result = gwr("add", src, "--raw-dir", raw_dir)
    _assert_refused(result, raw_dir, before, str(src), "identical content", existing)


@pytest.mark.parametrize(
    "doc_id",
    [
        "../evil",
        "a/b",
        "x y",
        "威海",
        "abc\n",  # `$` would match before a trailing newline
    ],
)
def test_add_refuses_an_invalid_doc_id(
    raw_dir: Path, incoming: Path, city_report: str, doc_id: str
) -> None:
    before = _snapshot(raw_dir)
    src = incoming / "weihai.txt"
    src.write_text(city_report, encoding="utf-8")
    result = gwr("add", src, "--raw-dir", raw_dir, "--doc-id", doc_id)
    _assert_refused(result, raw_dir, before, "invalid doc_id", repr(doc_id))
    assert not (raw_dir.parent / "evil.txt").exists()


def test_add_refuses_a_file_name_that_is_no_doc_id(
    raw_dir: Path, incoming: Path, city_report: str
) -> None:
    before = _snapshot(raw_dir)
    src = incoming / "威海2022.txt"
    src.write_text(city_report, encoding="utf-8")
    result = gwr("add", src, "--raw-dir", raw_dir)
    _assert_refused(result, raw_dir, before, "invalid doc_id", "威海2022")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\r\n\t", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"Government work report\nNothing Chinese here.\n", "no Chinese text"),
    ],
)
def test_add_refuses_a_file_that_is_not_a_report(
    raw_dir: Path, incoming: Path, data: bytes, reason: str
) -> None:
    before = _snapshot(raw_dir)
    src = incoming / "city_x_2022.txt"
    src.write_bytes(data)
    result = gwr("add", src, "--raw-dir", raw_dir)
    _assert_refused(result, raw_dir, before, str(src), reason)


def test_add_refuses_a_missing_file(raw_dir: Path, incoming: Path) -> None:
    before = _snapshot(raw_dir)
    result = gwr("add", incoming / "nope.txt", "--raw-dir", raw_dir)
    _assert_refused(result, raw_dir, before, "nope.txt", "file not found")


def test_add_refuses_a_bad_level(raw_dir: Path, incoming: Path, city_report: str) -> None:
    before = _snapshot(raw_dir)
    src = incoming / "weihai.txt"
    src.write_text(city_report, encoding="utf-8")
    result = gwr("add", src, "--raw-dir", raw_dir, "--level", "prefecture")
    _assert_refused(result, raw_dir, before, "'prefecture'")


@pytest.mark.parametrize("year", ["20220", "999"])
def test_add_refuses_a_year_the_manifest_cannot_hold(
    raw_dir: Path, incoming: Path, city_report: str, year: str
) -> None:
    # read_manifest accepts four-digit years only: a row it cannot read would break the project
    before = _snapshot(raw_dir)
    src = incoming / "weihai.txt"
    src.write_text(city_report, encoding="utf-8")
    result = gwr("add", src, "--raw-dir", raw_dir, "--year", year)
    _assert_refused(result, raw_dir, before, year)
    assert len(read_manifest(raw_dir / "reports.csv")) == 2


def test_add_refuses_a_broken_manifest(raw_dir: Path, incoming: Path, city_report: str) -> None:
    manifest = raw_dir / "reports.csv"
    manifest.write_text(manifest.read_text("utf-8") + "bad id,x.txt\n", encoding="utf-8")
    before = _snapshot(raw_dir)
    src = incoming / "weihai.txt"
    src.write_text(city_report, encoding="utf-8")
    result = gwr("add", src, "--raw-dir", raw_dir)
    _assert_refused(result, raw_dir, before, f"{manifest}, line 4", "'bad id'")


# ---------------------------------------------------------------- gwr analyze

EXPECTED = {
    "city_weihai_2022": {
        "place": "威海市", "level": "city", "year": "2022", "title": "政府工作报告",
        "date": "2022-02-23", "speaker": "闫剑波", "encoding": "gb18030",
        "converted_to_simplified": "false",
        "sections": [("s01", "1", "一、2021年工作回顾"), ("s01.01", "2", "（一）经济运行稳中向好"),
                     ("s02", "1", "二、2022年工作安排")],
    },
    "national_guowuyuan_2019": {
        "place": "全国", "level": "national", "year": "2019", "title": "政府工作报告",
        "date": "2019-03-05", "speaker": "李克强", "encoding": "utf-16",
        "converted_to_simplified": "false",
        "sections": [("s01", "1", "一、2018年工作回顾"), ("s02", "1", "二、2019年经济社会发展总体部署")],
    },
    "province_jiangsu_2023": {
        "place": "江苏省", "level": "province", "year": "2023", "title": "江苏省人民政府工作报告",
        "date": "2023-01-14", "speaker": "许昆林", "encoding": "utf-8",
        "converted_to_simplified": "true",
        "sections": [("s01", "1", "一、过去五年工作回顾"), ("s02", "1", "二、今后五年目标任务")],
    },
}  # fmt: skip


def _make_reports(folder: Path, city: str, province: str, national: str) -> Path:
    """Three reports in three encodings: GBK/GB18030, traditional UTF-8, UTF-16 with a BOM."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "city_weihai_2022.txt").write_bytes(city.encode("gb18030"))
    traditional = OpenCC("s2t").convert(province)
    assert traditional != province  # the fixture really is traditional
    (folder / "province_jiangsu_2023.txt").write_bytes(traditional.encode("utf-8"))
    (folder / "national_guowuyuan_2019.txt").write_bytes(national.encode("utf-16"))
    assert (folder / "national_guowuyuan_2019.txt").read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    return folder


@pytest.fixture
def reports_dir(tmp_path: Path, city_report: str, province_report: str, national_report: str):
    return _make_reports(tmp_path / "in", city_report, province_report, national_report)


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory, params_path: Path, city_report, province_report, national_report):
    """One `gwr analyze` run over the three reports, shared by the read-only tests."""
    root = tmp_path_factory.mktemp("analyze")
    folder = _make_reports(root / "in", city_report, province_report, national_report)
    out = root / "out"
    result = gwr("analyze", folder, "--out", out, "--params", params_path)
    assert result.exit_code == 0, result.output
    assert "analyzed 3 reports" in result.output
    return out


TABLES = ("documents", "sections", "sentences", "rejected")


def test_analyze_writes_the_tables_and_the_report(analyzed: Path) -> None:
    for table in TABLES:
        assert (analyzed / "tables" / f"{table}.csv").is_file(), table
    assert read_csv(analyzed / "tables" / "rejected.csv") == []
    assert (analyzed / "tables" / "rejected.csv").read_text("utf-8") == "file,doc_id,reason\n"
    assert sorted(p.name for p in (analyzed / "interim" / "ingest").iterdir()) == [
        f"{d}.json" for d in sorted(EXPECTED)
    ]
    html = (analyzed / "index.html").read_text(encoding="utf-8")
    assert "<title>政府工作报告分析</title>" in html
    for doc_id in EXPECTED:
        assert f'href="docs/{doc_id}.html"' in html
    metrics = json.loads((analyzed / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["ingest"]["documents"] == 3
    assert metrics["ingest"]["body_chars_in"] == metrics["ingest"]["body_chars_covered"] > 0


def test_analyze_documents_have_their_header_fields(analyzed: Path) -> None:
    docs = {r["doc_id"]: r for r in read_csv(analyzed / "tables" / "documents.csv")}
    assert list(docs) == sorted(EXPECTED)
    for doc_id, expected in EXPECTED.items():
        row = docs[doc_id]
        for key in ("place", "level", "year", "title", "date", "speaker"):
            assert row[key] == expected[key], (doc_id, key)
        assert row["encoding"].startswith(expected["encoding"]), doc_id
        assert row["converted_to_simplified"] == expected["converted_to_simplified"], doc_id
        assert row["sections"] == str(len(expected["sections"]))


def test_analyze_section_headings(analyzed: Path) -> None:
    rows = read_csv(analyzed / "tables" / "sections.csv")
    for doc_id, expected in EXPECTED.items():
        got = [(r["section_id"], r["depth"], r["heading"]) for r in rows if r["doc_id"] == doc_id]
        assert got == expected["sections"], doc_id


def test_analyze_traditional_text_is_simplified(analyzed: Path) -> None:
    texts = [
        r["text"]
        for r in read_csv(analyzed / "tables" / "sentences.csv")
        if r["doc_id"] == "province_jiangsu_2023"
    ]
    assert "全省经济总量跨上新台阶。" in texts
    assert "“十四五”开局良好。" in texts


def test_analyze_offsets_index_the_normalized_text(analyzed: Path) -> None:
    docs = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in (analyzed / "interim" / "ingest").glob("*.json")
    }
    documents = {r["doc_id"]: r for r in read_csv(analyzed / "tables" / "documents.csv")}
    sentences = read_csv(analyzed / "tables" / "sentences.csv")
    assert sentences
    for row in sentences:
        text = docs[row["doc_id"]]["text"]
        assert text[int(row["start"]) : int(row["end"])] == row["text"], row
    for doc_id, doc in docs.items():
        rows = [r for r in sentences if r["doc_id"] == doc_id]
        assert [int(r["sentence_id"]) for r in rows] == list(range(1, len(rows) + 1))
        assert documents[doc_id]["sentences"] == str(len(rows))
        # sentences before the first heading belong to no section, all later ones to one
        first = min(s["start"] for s in doc["sections"])
        for r in rows:
            assert bool(r["section_id"]) == (int(r["start"]) >= first), r
    for row in read_csv(analyzed / "tables" / "sections.csv"):
        text = docs[row["doc_id"]]["text"]
        assert text[int(row["start"]) : int(row["end"])] == row["heading"], row


def test_analyze_is_deterministic(
    analyzed: Path, tmp_path: Path, reports_dir: Path, params_path: Path
) -> None:
    out = tmp_path / "again"
    assert gwr("analyze", reports_dir, "--out", out, "--params", params_path).exit_code == 0
    assert _snapshot(out) == _snapshot(analyzed)


def test_analyze_skip_lists_bad_files_and_goes_on(
    tmp_path: Path, reports_dir: Path, params_path: Path
) -> None:
    (reports_dir / "broken.txt").write_bytes(b"\x00\x01\x02\x03binary\xff\xfe\x00")
    (reports_dir / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = gwr(
        "analyze", reports_dir, "--out", out, "--params", params_path, "--on-error", "skip"
    )
    assert result.exit_code == 0, result.output
    rejected = read_csv(out / "tables" / "rejected.csv")
    assert [(Path(r["file"]).name, r["doc_id"]) for r in rejected] == [
        ("broken.txt", "broken"),
        ("empty.txt", "empty"),
    ]
    assert "binary" in rejected[0]["reason"]
    assert "empty" in rejected[1]["reason"]
    docs = read_csv(out / "tables" / "documents.csv")
    assert [r["doc_id"] for r in docs] == sorted(EXPECTED)


def test_analyze_fails_on_a_bad_file_by_default(
    tmp_path: Path, reports_dir: Path, params_path: Path
) -> None:
    bad = reports_dir / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02\x03binary\xff\xfe\x00")
    out = tmp_path / "out"
    result = gwr("analyze", reports_dir, "--out", out, "--params", params_path)
    assert result.exit_code == 1
    assert str(bad) in result.stderr
    assert "binary" in result.stderr
    assert not out.exists() or not list(out.rglob("*.csv"))
    assert not (out / "index.html").exists()


def test_analyze_on_error_from_params(tmp_path: Path, reports_dir: Path, params_path: Path) -> None:
    data = yaml.safe_load(params_path.read_text(encoding="utf-8"))
    data["ingest"]["on_error"] = "skip"
    params = tmp_path / "params.yaml"
    params.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (reports_dir / "broken.txt").write_bytes(b"\x00\x01\x02\x03binary\xff\xfe\x00")
    ok = gwr("analyze", reports_dir, "--out", tmp_path / "a", "--params", params)
    assert ok.exit_code == 0, ok.output
    fail = gwr("analyze", reports_dir, "--out", tmp_path / "b", "--params", params,
               "--on-error", "fail")  # fmt: skip
    assert fail.exit_code == 1
    assert "broken.txt" in fail.stderr


def test_analyze_bad_on_error_value(tmp_path: Path, reports_dir: Path, params_path: Path) -> None:
    result = gwr(
        "analyze", reports_dir, "--out", tmp_path / "out", "--params", params_path,
        "--on-error", "ignore",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "ingest.on_error" in result.stderr and "'ignore'" in result.stderr


def test_analyze_manifest_metadata_wins_over_the_header(
    tmp_path: Path, reports_dir: Path, params_path: Path, write_manifest
) -> None:
    manifest = write_manifest(
        reports_dir / "my.csv",
        [{"doc_id": "wh", "file": "city_weihai_2022.txt", "place": "测试县", "level": "county",
          "year": 1999}],
    )  # fmt: skip
    out = tmp_path / "out"
    result = gwr(
        "analyze", reports_dir, "--out", out, "--manifest", manifest, "--params", params_path
    )
    assert result.exit_code == 0, result.output
    docs = {r["doc_id"]: r for r in read_csv(out / "tables" / "documents.csv")}
    assert sorted(docs) == ["national_guowuyuan_2019", "province_jiangsu_2023", "wh"]
    wh = docs["wh"]
    assert (wh["place"], wh["level"], wh["year"]) == ("测试县", "county", "1999")
    assert (wh["date"], wh["speaker"]) == ("2022-02-23", "闫剑波")  # the rest still from the text
    assert docs["province_jiangsu_2023"]["place"] == "江苏省"
    doc = json.loads((out / "interim" / "ingest" / "wh.json").read_text("utf-8"))
    assert doc["inferred"]["place"] == "manifest"


def test_analyze_reads_the_files_a_manifest_names(
    tmp_path: Path, reports_dir: Path, params_path: Path, write_manifest
) -> None:
    manifest = write_manifest(
        reports_dir / "reports.csv",
        [{"doc_id": "a", "file": "city_weihai_2022.txt"},
         {"doc_id": "b", "file": "national_guowuyuan_2019.txt"}],
    )  # fmt: skip
    out = tmp_path / "out"
    result = gwr("analyze", "--manifest", manifest, "--out", out, "--params", params_path)
    assert result.exit_code == 0, result.output
    docs = read_csv(out / "tables" / "documents.csv")
    assert [(r["doc_id"], r["speaker"]) for r in docs] == [("a", "闫剑波"), ("b", "李克强")]


def test_analyze_uses_params_yaml_of_the_working_folder(
    tmp_path: Path, reports_dir: Path, params_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    # no params.yaml here: the project's is used
    assert gwr("analyze", reports_dir, "--out", "out1").exit_code == 0
    assert "<title>政府工作报告分析</title>" in (work / "out1" / "index.html").read_text("utf-8")
    data = yaml.safe_load(params_path.read_text(encoding="utf-8"))
    data["report"]["title"] = "我的分析"
    (work / "params.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert gwr("analyze", reports_dir, "--out", "out2").exit_code == 0
    assert "<title>我的分析</title>" in (work / "out2" / "index.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ([], "no report files"),
        (["missing.txt"], "file not found"),
        (["empty_folder"], "no .txt"),
    ],
)
def test_analyze_refuses_bad_inputs(
    tmp_path: Path, params_path: Path, monkeypatch: pytest.MonkeyPatch, args, fragment: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty_folder").mkdir()
    result = gwr("analyze", *args, "--out", "out", "--params", params_path)
    assert result.exit_code == 1
    assert fragment in result.stderr
    assert not (tmp_path / "out").exists()


def test_analyze_out_that_is_a_file_is_a_clean_error(
    tmp_path: Path, reports_dir: Path, params_path: Path
) -> None:
    out = tmp_path / "out.txt"
    out.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(
        app, ["analyze", str(reports_dir), "--out", str(out), "--params", str(params_path)]
    )
    assert result.exit_code == 1
    assert "gwr: error:" in result.stderr and str(out) in result.stderr
    assert not isinstance(result.exception, OSError)


def test_analyze_refuses_two_files_with_one_doc_id(
    tmp_path: Path, params_path: Path, city_report: str
) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(city_report, encoding="utf-8")
    result = gwr(
        "analyze", tmp_path / "a" / "report.txt", tmp_path / "b" / "report.txt",
        "--out", tmp_path / "out", "--params", params_path,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "'report'" in result.stderr
