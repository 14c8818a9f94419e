from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.hanlp_backend import HanlpBackend, map_hanlp_entities, resolve_model_dir

RECORDED = json.loads(
    (Path(__file__).parent / "fixtures" / "hanlp_recorded.json").read_text("utf-8")
)


def _spans(task: str) -> list[list[tuple[str, str]]]:
    out = []
    for i, text in enumerate(RECORDED["texts"]):
        spans = map_hanlp_entities(text, RECORDED["tok/fine"][i], RECORDED[task][i])
        out.append([(text[s:e], tag) for s, e, tag in spans])
    return out


def test_msra_output_maps_to_lac_tags_with_exact_offsets() -> None:
    assert _spans("ner/msra") == [
        [("HanLPv2.1", "ORG")],  # DATE is not a label the entity rules read
        [("北京", "LOC"), ("立方庭", "LOC"), ("自然语义科技公司", "ORG")],
    ]


def test_ontonotes_output_maps_facilities_to_places() -> None:
    assert _spans("ner/ontonotes")[1] == [("北京立方庭", "LOC"), ("自然语义科技公司", "ORG")]


def test_tokens_that_skip_white_space_keep_offsets() -> None:
    text = "威海市 荣成市"
    spans = map_hanlp_entities(text, ["威海市", "荣成市"], [["荣成市", "NS", 1, 2]])
    assert spans == [(4, 7, "LOC")]
    assert text[4:7] == "荣成市"


def test_mismatched_output_is_an_error() -> None:
    with pytest.raises(ValueError, match="not found"):
        map_hanlp_entities("威海市", ["青岛"], [])
    with pytest.raises(ValueError, match="does not match"):
        map_hanlp_entities("威海市荣成市", ["威海市", "荣成市"], [["青岛", "NS", 0, 1]])


def test_missing_local_model_gives_install_hint(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("HANLP_HOME", raising=False)
    with pytest.raises(RuntimeError, match="hanlp_model_dir"):
        resolve_model_dir("")
    with pytest.raises(RuntimeError, match="no local HanLP model folder"):
        HanlpBackend(str(tmp_path / "nope"))
    monkeypatch.setenv("HANLP_HOME", str(tmp_path))
    assert resolve_model_dir("") == tmp_path
