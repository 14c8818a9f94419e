"""Scaling benchmark of the corpus stages (issue 4): terms, keywords, keyness, topics, kwic.

Times each stage's pure function — no file I/O, no figures — on the processed corpus replicated
×1, ×3 and ×10 under new doc_ids (copy i of a report is ``<doc_id>__r<i>``, its place
``<place>#<i>``, so that per-place trends grow with the copies too), in one process, and prints
the seconds (best of ``--repeat`` runs, garbage collected before each) and the ratio of the last
factor to the first (linear growth: a ratio near the factor).

Needs the outputs of ``dvc repro`` up to the entities stage (data/interim/ingest, segment and
reports/tables/entities.csv) and the terms, keywords, keyness and topics sections of the params
file. Topics are timed with K fixed at the K chosen on the corpus (one fit), and the choice of K
over ``topics.k_candidates`` (one fit per candidate) up to ``--select-max-factor``;
``topics.min_df`` is multiplied by the factor, since replication multiplies every document
frequency and would otherwise grow the vocabulary.

Run: ``python bench/bench_corpus_stages.py [--factors 1,3,10] [--out FILE.json]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """(best of `repeat` wall times, the last result); garbage collected before each run."""
    best, out = float("inf"), None
    for _ in range(max(repeat, 1)):
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--params", type=Path, default=ROOT / "params.yaml")
    parser.add_argument("--docs-dir", type=Path, default=ROOT / "data/interim/ingest")
    parser.add_argument("--seg-dir", type=Path, default=ROOT / "data/interim/segment")
    parser.add_argument("--entities", type=Path, default=ROOT / "reports/tables/entities.csv")
    parser.add_argument("--factors", default="1,3,10", help="comma-separated replication factors")
    parser.add_argument(
        "--select-max-factor", type=int, default=3, help="time the choice of K up to this factor"
    )
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (not for topics)")
    parser.add_argument("--out", type=Path, default=None, help="also write the timings as JSON")
    args = parser.parse_args()

    from pipeline import config
    from pipeline.docstore import load_documents
    from pipeline.io import read_csv
    from pipeline.keyness import KeynessParams, keyness_rows, place_series, trend_rows
    from pipeline.keywords import KeywordsParams, keyword_rows, keyword_scores
    from pipeline.kwic import kwic_lines
    from pipeline.terms import (
        TermsParams,
        build_corpus,
        default_boilerplate,
        default_stopwords,
        entity_spans,
        make_filter,
        read_tokens,
    )
    from pipeline.topics import TopicsParams, analyse

    raw = config.load_raw(args.params)
    tp = config.parse_section("terms", raw.get("terms"), TermsParams)
    kp = config.parse_section("keywords", raw.get("keywords"), KeywordsParams)
    np_ = config.parse_section("keyness", raw.get("keyness"), KeynessParams)
    top = config.parse_section("topics", raw.get("topics"), TopicsParams)

    docs = load_documents(args.docs_dir)
    if not docs:
        raise SystemExit(f"no ingested documents in {args.docs_dir}: run `dvc repro` first")
    tokens = {d.doc_id: read_tokens(args.seg_dir, d.doc_id) for d in docs}
    entities = entity_spans(read_csv(args.entities), tp.merge_entities) if tp.merge_entities else {}
    filt = make_filter(tp, default_stopwords(), default_boilerplate())
    factors = [int(f) for f in args.factors.split(",")]
    chars = sum(len(s.text) for d in docs for s in d.sentences)

    results: dict[str, dict[str, float]] = {}
    fixed_k = analyse(build_corpus(docs, tokens, filt, tp, entities)[0], top)["model"].k

    def record(stage: str, factor: int, seconds: float) -> None:
        results.setdefault(stage, {})[f"x{factor}"] = round(seconds, 3)

    def make_stages(rep_docs, rep_tokens, rep_ents, texts, topics_p):
        corpus: dict[str, Any] = {}

        def terms():
            corpus["docs"] = build_corpus(rep_docs, rep_tokens, filt, tp, rep_ents)[0]

        def keywords():
            scores, _ = keyword_scores(corpus["docs"], kp)
            return keyword_rows(scores, kp.top_n)

        def keyness():
            rows, _ = keyness_rows(corpus["docs"], np_)
            series = place_series(corpus["docs"], np_.trend_min_years)
            trends = [
                trend_rows(ds, texts, np_.trend_top_n, np_.trend_terms) for ds in series.values()
            ]
            return rows, trends

        fixed = dataclasses.replace(topics_p, k=fixed_k)
        return [
            ("terms", terms, args.repeat),
            ("keywords", keywords, args.repeat),
            ("keyness", keyness, args.repeat),
            (f"topics (K={fixed_k}, one fit)", lambda: analyse(corpus["docs"], fixed), 1),
            (f"topics (choose K of {len(set(top.k_candidates))})",
             lambda: analyse(corpus["docs"], topics_p), 1),
            ("kwic (海洋)", lambda: kwic_lines(rep_docs, "海洋"), args.repeat),
        ]  # fmt: skip

    for factor in factors:
        rep_docs = [
            d
            if i == 0
            else dataclasses.replace(d, doc_id=f"{d.doc_id}__r{i}", place=f"{d.place}#{i}")
            for i in range(factor)
            for d in docs
        ]
        rep_tokens = {d.doc_id: tokens[d.doc_id.split("__r")[0]] for d in rep_docs}
        rep_ents = {d.doc_id: entities.get(d.doc_id.split("__r")[0], []) for d in rep_docs}
        texts = {d.doc_id: "\n".join(s.text for s in d.sentences) for d in rep_docs}
        # every document frequency is multiplied by the factor: scale topics.min_df with it,
        # or the replicated corpus would have a larger vocabulary, not just more paragraphs
        topics_p = dataclasses.replace(top, min_df=top.min_df * factor)
        stages = make_stages(rep_docs, rep_tokens, rep_ents, texts, topics_p)
        for name, fn, repeat in stages:
            if name.startswith("topics (choose") and factor > args.select_max_factor:
                continue
            record(name, factor, _timed(fn, repeat)[0])
        print(f"x{factor}: {len(rep_docs)} reports, {chars * factor:,} characters", flush=True)

    header = f"{'stage':<40}" + "".join(f"{'x' + str(f):>9}" for f in factors)
    if len(factors) > 1:
        header += f"{'ratio':>9}"
    print(header)
    for stage, row in results.items():
        cells = "".join(f"{row.get(f'x{f}', float('nan')):>9.3f}" for f in factors)
        first, last = row.get(f"x{factors[0]}"), row.get(f"x{factors[-1]}")
        ratio = f"{last / first:>9.1f}" if first and last and len(factors) > 1 else ""
        print(f"{stage:<40}{cells}{ratio}")
    if args.out:
        payload = {
            "machine": {"python": platform.python_version(), "processor": platform.machine()},
            "reports": len(docs),
            "characters": chars,
            "seconds": results,
        }
        args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
