"""pipeline/manifest.py: manifests are validated so no row can reach outside the project."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.manifest import (
    MANIFEST_COLUMNS,
    ManifestError,
    doc_id_from_path,
    manifest_for_files,
    read_manifest,
    sha256_file,
    validate_doc_id,
)
from pipeline.types import LEVELS, ManifestRow


@pytest.fixture(scope="module")
def corpus_rows(project_root: Path) -> list[ManifestRow]:
    return read_manifest(project_root / "data" / "raw" / "reports.csv")


def test_bundled_manifest_has_30_valid_rows(corpus_rows: list[ManifestRow]) -> None:
    assert len(corpus_rows) == 30
    ids = [r.doc_id for r in corpus_rows]
    assert len(set(ids)) == 30
    assert ids == sorted(ids)
    for r in corpus_rows:
        assert validate_doc_id(r.doc_id) == r.doc_id
        assert r.file == f"{r.doc_id}.txt"
        assert r.level in LEVELS, r.doc_id
        assert isinstance(r.year, int) and 2000 <= r.year <= 2100, r.doc_id
        assert r.place, r.doc_id


def test_bundled_manifest_names_every_raw_file_with_its_hash(
    project_root: Path, corpus_rows: list[ManifestRow]
) -> None:
    raw = project_root / "data" / "raw"
    assert {r.file for r in corpus_rows} == {p.name for p in raw.glob("*.txt")}
    for r in corpus_rows:
        assert r.sha256 == sha256_file(raw / r.file), r.doc_id


def test_bundled_manifest_columns(project_root: Path) -> None:
    header = (project_root / "data" / "raw" / "reports.csv").read_text("utf-8").splitlines()[0]
    assert tuple(header.split(",")) == MANIFEST_COLUMNS


@pytest.mark.parametrize("doc_id", ["city_weihai_2022", "A-1", "x", "a" * 120, "2022"])
def test_valid_doc_ids(doc_id: str) -> None:
    assert validate_doc_id(doc_id) == doc_id


@pytest.mark.parametrize(
    "doc_id",
    [
        "../x",
        "a/b",
        "a\\b",
        "",
        "x y",
        "威海",
        ".hidden",
        "a.b",
        "a" * 121,
        "abc\n",  # `$` would match before a trailing newline
    ],
)
def test_invalid_doc_ids_are_rejected(doc_id: str) -> None:
    with pytest.raises(ManifestError) as info:
        validate_doc_id(doc_id, "reports.csv, line 7")
    assert repr(doc_id) in str(info.value)
    assert str(info.value).startswith("reports.csv, line 7: ")


def test_read_manifest_reads_and_strips(tmp_path: Path, write_manifest) -> None:
    path = write_manifest(
        tmp_path / "reports.csv",
        [
            {"doc_id": " city_weihai_2022 ", "file": "city_weihai_2022.txt ", "place": " 威海市",
             "level": "city", "year": "2022", "source": "s", "notes": "n", "sha256": "ab"},
            {"doc_id": "unknown_2020", "file": "unknown_2020.txt"},
        ],
    )  # fmt: skip
    rows = read_manifest(path)
    assert rows == [
        ManifestRow("city_weihai_2022", "city_weihai_2022.txt", "威海市", "city", 2022, "s", "n",
                    "ab"),
        ManifestRow("unknown_2020", "unknown_2020.txt", "", "", None, "", "", ""),
    ]  # fmt: skip


def test_read_manifest_with_only_the_required_columns(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("doc_id,file\na,a.txt\n", encoding="utf-8")
    assert read_manifest(path) == [ManifestRow("a", "a.txt")]


def test_read_manifest_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes("doc_id,file,place\na,a.txt,威海市\n".encode("utf-8-sig"))
    assert read_manifest(path) == [ManifestRow("a", "a.txt", "威海市")]


def test_empty_manifest_has_no_rows(tmp_path: Path, write_manifest) -> None:
    assert read_manifest(write_manifest(tmp_path / "m.csv", [])) == []


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="manifest not found"):
        read_manifest(tmp_path / "nope.csv")


def test_manifest_without_file_column(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("doc_id,place\na,威海市\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="doc_id and file"):
        read_manifest(path)


def _bad_second_row(tmp_path: Path, write_manifest, **row: str) -> str:
    good = {"doc_id": "good", "file": "good.txt", "level": "city", "year": "2022"}
    path = write_manifest(tmp_path / "reports.csv", [good, {"doc_id": "bad", **row}])
    with pytest.raises(ManifestError) as info:
        read_manifest(path)
    message = str(info.value)
    assert f"{path}, line 3" in message
    return message


@pytest.mark.parametrize(
    "file", ["/etc/passwd", "../x.txt", "sub/../../x.txt", "sub/x.txt", "..", ""]
)
def test_file_must_be_a_plain_name_in_the_manifest_folder(
    tmp_path: Path, write_manifest, file: str
) -> None:
    message = _bad_second_row(tmp_path, write_manifest, file=file)
    assert repr(file) in message


@pytest.mark.parametrize("doc_id", ["../x", "a/b", "x y", "威海"])
def test_invalid_doc_id_in_manifest(tmp_path: Path, write_manifest, doc_id: str) -> None:
    good = {"doc_id": "good", "file": "good.txt"}
    path = write_manifest(tmp_path / "reports.csv", [good, {"doc_id": doc_id, "file": "x.txt"}])
    with pytest.raises(ManifestError) as info:
        read_manifest(path)
    assert f"{path}, line 3" in str(info.value)
    assert repr(doc_id) in str(info.value)


@pytest.mark.parametrize("level", ["prefecture", "City", "省"])
def test_bad_level(tmp_path: Path, write_manifest, level: str) -> None:
    message = _bad_second_row(tmp_path, write_manifest, file="bad.txt", level=level)
    assert repr(level) in message


@pytest.mark.parametrize("year", ["22", "2022年", "20220", "two", "2022.0"])
def test_bad_year(tmp_path: Path, write_manifest, year: str) -> None:
    message = _bad_second_row(tmp_path, write_manifest, file="bad.txt", year=year)
    assert repr(year) in message


def test_duplicate_doc_id(tmp_path: Path, write_manifest) -> None:
    path = write_manifest(
        tmp_path / "reports.csv",
        [{"doc_id": "a", "file": "a.txt"}, {"doc_id": "b", "file": "b.txt"},
         {"doc_id": "a", "file": "c.txt"}],
    )  # fmt: skip
    with pytest.raises(ManifestError) as info:
        read_manifest(path)
    assert f"{path}, line 4: duplicate doc_id 'a'" in str(info.value)


@pytest.mark.parametrize(
    ("name", "doc_id"),
    [
        ("city_weihai_2022.txt", "city_weihai_2022"),
        ("dir/city-weihai-2022.TXT", "city-weihai-2022"),
        ("a b.c.txt", "a_b_c"),
        ("威海2022.txt", "2022"),
        ("政府工作报告.txt", "doc"),
        ("__x__.txt", "x"),
        ("x" * 200 + ".txt", "x" * 120),
    ],
)
def test_doc_id_from_path(name: str, doc_id: str) -> None:
    assert doc_id_from_path(Path(name)) == doc_id
    assert validate_doc_id(doc_id_from_path(Path(name))) == doc_id


def test_manifest_for_files(tmp_path: Path) -> None:
    paths = [tmp_path / "city_weihai_2022.txt", tmp_path / "other" / "政府 2019.txt"]
    rows = manifest_for_files(paths)
    assert rows == [
        ManifestRow(doc_id="city_weihai_2022", file=str(paths[0])),
        ManifestRow(doc_id="2019", file=str(paths[1])),
    ]


def test_manifest_for_files_refuses_two_files_with_one_doc_id(tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "report.txt", tmp_path / "b" / "report.txt"
    with pytest.raises(ManifestError) as info:
        manifest_for_files([a, b])
    message = str(info.value)
    assert str(a) in message and str(b) in message
    assert "'report'" in message and "--manifest" in message


def test_sha256_file(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    data = "政府工作报告\n".encode() * 1000
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()
