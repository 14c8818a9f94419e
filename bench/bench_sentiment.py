"""Time the sentiment stage's parts on the corpus: lexicon evidence, fitting, labelling, baseline.

usage: python bench/bench_sentiment.py [--docs-dir DIR] [--seg-dir DIR] [--params FILE]

Needs the ingest and segment outputs (`dvc repro segment`). Prints seconds per part; writes nothing.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pipeline import sentiment as S
from pipeline.docstore import load_documents
from pipeline.tone_lexicon import load_tone_lexicon


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs-dir", type=Path, default=Path("data/interim/ingest"))
    ap.add_argument("--seg-dir", type=Path, default=Path("data/interim/segment"))
    ap.add_argument("--gold", type=Path, default=Path("data/gold/tone"))
    ap.add_argument("--params", type=Path, default=Path("params.yaml"))
    args = ap.parse_args()
    params = S.load_sentiment_params(args.params)
    timings: dict[str, float] = {}

    t = time.perf_counter()
    docs = load_documents(args.docs_dir)
    lexicon = load_tone_lexicon(None, params.generic_lexicon)
    items = [
        it
        for d in docs
        for it in S.document_items(d, lexicon, S.load_tokens(args.seg_dir, d.doc_id))
    ]
    timings["lexicon evidence"] = time.perf_counter() - t

    pairs, _ = S.match_gold(S.read_gold(args.gold / "labels.csv", args.gold / "split.csv"), items)
    train = [(g, it) for g, it in pairs if g.split == "train"]
    t = time.perf_counter()
    S.lexicon_predict(items, params.generic_weight)
    timings["lexicon labels"] = time.perf_counter() - t
    t = time.perf_counter()
    model = S.SupervisedModel(ngram_max=params.ngram_max, c=params.c, generic_weight=0.0)
    model.fit([it for _, it in train], [g.label for g, _ in train])
    timings["supervised fit"] = time.perf_counter() - t
    t = time.perf_counter()
    model.predict(items)
    timings["supervised labels"] = time.perf_counter() - t
    if params.baseline == "snownlp":
        t = time.perf_counter()
        S.snownlp_predict([it.text for g, it in pairs if g.split == "test"])
        timings["snownlp (held-out only)"] = time.perf_counter() - t
    print(f"{len(items)} sentences in {len(docs)} reports")
    for name, seconds in timings.items():
        print(f"{name:>26}: {seconds:6.2f} s")


if __name__ == "__main__":
    main()
