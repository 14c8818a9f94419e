from __future__ import annotations

from pipeline.io import fingerprint, write_text_if_changed


def test_write_text_if_changed_leaves_an_unchanged_file_alone(tmp_path) -> None:
    path = tmp_path / "page.html"
    assert write_text_if_changed(path, "政府工作报告")
    before = path.stat().st_mtime_ns
    assert not write_text_if_changed(path, "政府工作报告")
    assert path.stat().st_mtime_ns == before
    assert write_text_if_changed(path, "政府工作报告。")
    assert path.read_text(encoding="utf-8") == "政府工作报告。"


def test_fingerprint_changes_with_files_and_params(tmp_path) -> None:
    code = tmp_path / "stage.py"
    code.write_text("a = 1\n", encoding="utf-8")
    first = fingerprint([code, tmp_path / "missing.tsv"], params={"k": 1}, packages=["numpy"])
    assert first == fingerprint([code], params={"k": 1}, packages=["numpy"])
    assert first != fingerprint([code], params={"k": 2}, packages=["numpy"])
    code.write_text("a = 2\n", encoding="utf-8")
    assert first != fingerprint([code], params={"k": 1}, packages=["numpy"])


def test_csv_of_records_with_nested_values_is_as_asdict_gives() -> None:
    import dataclasses

    from pipeline.io import to_csv_text

    @dataclasses.dataclass
    class Inner:
        a: int

    @dataclasses.dataclass
    class Row:
        name: str
        value: float
        inner: Inner | None = None

    text = to_csv_text([Row("甲", 1.5), Row("乙", 2.0, Inner(3))])
    assert text == "name,value,inner\n甲,1.5,\n乙,2.0,{'a': 3}\n"
