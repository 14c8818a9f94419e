"""How much the topics stage's choice of K depends on the LDA seed: the K search's own noise.

For each seed, the candidates of ``topics.k_candidates`` are fitted and scored exactly as the
topics stage does it (`pipeline.topics.select_k`: the same corpus, params and search sample),
with only ``topics.seed`` changed; the coherence of each K and the K chosen are printed. A K
that changes from seed to seed was chosen within the sampler's noise, and a small change of the
corpus may move it as well.

Needs the term files of ``dvc repro`` (data/interim/terms).
Run: ``python bench/topic_seeds.py [--seeds 42,1,2,3,4] [--jobs 2] [--out FILE.json]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import config  # noqa: E402
from pipeline.terms import TermDoc, load_term_docs  # noqa: E402
from pipeline.topics import TopicsParams, build_corpus, select_k  # noqa: E402


def seed_curves(
    docs: Sequence[TermDoc], params: TopicsParams, seeds: Sequence[int], *, jobs: int = 1
) -> dict[int, dict]:
    """Per seed: the coherence of each candidate K and the K chosen (``{"curve", "k"}``)."""
    if params.k > 0:
        raise ValueError("topics.k is fixed in the params: there is no K to choose")
    corpus = build_corpus(docs, min_df=params.min_df, max_df=params.max_df,
                          min_terms=params.min_paragraph_terms)  # fmt: skip
    out: dict[int, dict] = {}
    for seed in seeds:
        model, curve, _ = select_k(corpus, dataclasses.replace(params, seed=seed), jobs=jobs)
        out[seed] = {"curve": curve, "k": model.k}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="42,1,2,3,4", help="comma-separated LDA seeds")
    parser.add_argument("--params", type=Path, default=ROOT / "params.yaml")
    parser.add_argument("--terms", type=Path, default=ROOT / "data/interim/terms")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=None, help="also write the results as JSON")
    args = parser.parse_args(argv)
    params = config.load_params(args.params, "topics")
    seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    if not args.terms.is_dir():
        raise SystemExit(f"{args.terms}: no term files (run `dvc repro terms` first)")
    result = seed_curves(load_term_docs(args.terms), params, seeds, jobs=args.jobs)
    ks = sorted(next(iter(result.values()))["curve"]) if result else []
    print("seed  " + "".join(f"{'K=' + str(k):>9}" for k in ks) + "   chosen")
    for seed, r in result.items():
        print(f"{seed:<6}" + "".join(f"{r['curve'][k]:>9.4f}" for k in ks) + f"   {r['k']}")
    chosen = sorted({r["k"] for r in result.values()})
    print(f"K chosen over {len(result)} seeds: {', '.join(map(str, chosen))}")
    if args.out:
        args.out.write_text(json.dumps({str(s): r for s, r in result.items()}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
