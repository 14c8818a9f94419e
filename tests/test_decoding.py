from __future__ import annotations

import codecs

import pytest

from pipeline.decoding import InputError, decode_bytes, read_report

TEXT = (
    "政府工作报告\n各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。经济运行稳中向好。\n"
)
TRAD = (
    "政府工作報告\n各位代表：\n現在，我代表市人民政府向大會報告工作，請予審議。經濟運行穩中向好。\n"
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8 (BOM)"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16-le (BOM)"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be (BOM)"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_encodings_are_detected(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, "r.txt")
    assert decoded.text.lstrip("\ufeff") == TEXT
    assert decoded.encoding == encoding


def test_big5_traditional_is_detected_not_read_as_gbk() -> None:
    decoded = decode_bytes(TRAD.encode("big5"), "r.txt")
    assert decoded.encoding == "big5"
    assert decoded.text == TRAD


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n\t ", "empty file"),
        (bytes(range(256)) * 4, "binary"),
        (b"hello world, no Chinese here\n", "no Chinese text"),
        (b"\x81\x30\xff\xfe\xfd" * 50, "cannot decode"),
    ],
)
def test_bad_input_is_refused_with_file_and_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as err:
        decode_bytes(data, "data/raw/bad.txt")
    assert "data/raw/bad.txt" in str(err.value)
    assert reason in str(err.value)


def test_read_report_missing_file(tmp_path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_report(tmp_path / "nope.txt")


def test_read_report_directory(tmp_path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_report(tmp_path)
