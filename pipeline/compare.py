"""Compare stage: how the reports relate to each other.

Reads: the term files (terms stage), the entity summary (entities stage), the keywords table
(keywords stage), tone by report (sentiment stage) and the indicator comparison (indicators
stage).
Writes: similarity.csv (every pair of reports: TF-IDF cosine over their terms), peers.csv (each
report's nearest and farthest peers), alignment.csv (each report against its reference report:
similarity, shared keywords, shared programs), entity_diffusion.csv (each program, place and
company: the reports and years it appears in, its first year; shared ones first),
side_by_side.csv (tone shares, GDP growth target, main topics and top programs of every report
in one table, grouped by level and year), a clustered similarity heatmap, and the stage's
metrics.
Params: ``compare.reference_doc`` (``{year}`` = the report's year), ``compare.peers``,
``compare.shared_top_n``.
"""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import typer

from pipeline import config
from pipeline.config import CompareParams
from pipeline.io import read_csv, write_csv, write_json
from pipeline.terms import TermDoc, load_term_docs, term_counts

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- pure core


def tfidf_vectors(docs: Sequence[TermDoc]) -> dict[str, dict[str, float]]:
    """Unit-length TF-IDF vectors (sublinear tf, smoothed idf) of every report."""
    counts = {d.doc_id: term_counts(d) for d in docs}
    n = len(docs)
    df: Counter[str] = Counter()
    for c in counts.values():
        df.update(c.keys())
    idf = {t: math.log((1 + n) / (1 + f)) + 1 for t, f in df.items()}
    vectors: dict[str, dict[str, float]] = {}
    for doc_id, c in counts.items():
        v = {t: (1 + math.log(k)) * idf[t] for t, k in c.items() if k > 0}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors[doc_id] = {t: x / norm for t, x in v.items()}
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def similarity_rows(docs: Sequence[TermDoc]) -> list[dict]:
    """similarity.csv: one row per unordered pair of reports (doc_id_a < doc_id_b).

    The cosines come from one sparse matrix product (pairs grow as the square of the reports:
    half a million at 1,000 reports, minutes in a Python loop over the term dicts).
    """
    import numpy as np
    from scipy import sparse

    vectors = tfidf_vectors(docs)
    ids = sorted(vectors)
    vocab = {t: j for j, t in enumerate(sorted({t for v in vectors.values() for t in v}))}
    indptr, indices, data = [0], [], []
    for doc_id in ids:
        items = sorted((vocab[t], x) for t, x in vectors[doc_id].items())
        indices.extend(j for j, _ in items)
        data.extend(x for _, x in items)
        indptr.append(len(indices))
    m = sparse.csr_matrix((np.array(data, dtype=np.float64), indices, indptr),
                          shape=(len(ids), len(vocab)))  # fmt: skip
    sims = (m @ m.T).toarray()
    return [
        {"doc_id_a": a, "doc_id_b": ids[j], "cosine": round(float(sims[i, j]), 6) + 0.0}
        for i, a in enumerate(ids)
        for j in range(i + 1, len(ids))
    ]


def similarity_matrix(rows: Sequence[dict], ids: Sequence[str]) -> list[list[float]]:
    index = {d: i for i, d in enumerate(ids)}
    m = [[1.0 if i == j else 0.0 for j in range(len(ids))] for i in range(len(ids))]
    for r in rows:
        i, j = index[r["doc_id_a"]], index[r["doc_id_b"]]
        m[i][j] = m[j][i] = float(r["cosine"])
    return m


def peer_rows(rows: Sequence[dict], ids: Sequence[str], k: int) -> list[dict]:
    """Each report's k nearest and k farthest peers by cosine."""
    sims: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for r in rows:
        sims[r["doc_id_a"]].append((float(r["cosine"]), r["doc_id_b"]))
        sims[r["doc_id_b"]].append((float(r["cosine"]), r["doc_id_a"]))
    out = []
    for doc_id in ids:
        ranked = sorted(sims[doc_id], key=lambda x: (-x[0], x[1]))
        for rank, (c, peer) in enumerate(ranked[:k], start=1):
            out.append({"doc_id": doc_id, "kind": "nearest", "rank": rank, "peer": peer,
                        "cosine": c})  # fmt: skip
        for rank, (c, peer) in enumerate(reversed(ranked[-k:]), start=1):
            out.append({"doc_id": doc_id, "kind": "farthest", "rank": rank, "peer": peer,
                        "cosine": c})  # fmt: skip
    return out


def reference_of(doc: TermDoc, pattern: str, ids: set[str]) -> str:
    """The reference report named by the pattern for `doc` ('' when absent or itself)."""
    if not pattern:
        return ""
    ref = pattern.replace("{year}", str(doc.year or ""))
    return ref if ref in ids and ref != doc.doc_id else ""


def alignment_rows(
    docs: Sequence[TermDoc],
    sims: dict[tuple[str, str], float],
    keywords: dict[str, list[str]],
    programs: dict[str, set[str]],
    params: CompareParams,
) -> list[dict]:
    """Each report against its reference report (e.g. the State Council report of its year)."""
    ids = {d.doc_id for d in docs}
    out = []
    for d in docs:
        ref = reference_of(d, params.reference_doc, ids)
        if not ref:
            continue
        key = tuple(sorted((d.doc_id, ref)))
        shared_kw = [t for t in keywords.get(d.doc_id, [])[: params.shared_top_n]
                     if t in set(keywords.get(ref, [])[: params.shared_top_n])]  # fmt: skip
        shared_pg = sorted(programs.get(d.doc_id, set()) & programs.get(ref, set()))
        out.append({
            "doc_id": d.doc_id, "reference": ref, "cosine": sims.get(key, 0.0),
            "shared_keywords": "、".join(shared_kw), "shared_programs": "、".join(shared_pg),
            "programs": len(programs.get(d.doc_id, set())), "shared_program_count": len(shared_pg),
        })  # fmt: skip
    return out


def diffusion_rows(summary: Sequence[dict[str, str]], years: dict[str, int | None]) -> list[dict]:
    """Each entity (program, place, company): how many reports name it, which, and the first and
    last year it appears; entities shared between reports come first."""
    where: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in summary:
        where[(r["label"], r["entity"])].append(r["doc_id"])
    out = []
    for (label, entity), doc_ids in where.items():
        ys = sorted(y for y in (years.get(d) for d in doc_ids) if y)
        out.append({
            "label": label, "entity": entity, "reports": len(set(doc_ids)),
            "first_year": ys[0] if ys else "", "last_year": ys[-1] if ys else "",
            "doc_ids": " ".join(sorted(set(doc_ids))),
        })  # fmt: skip
    order = {"PROGRAM": 0, "PLACE": 1, "COMPANY": 2}
    return sorted(
        out, key=lambda r: (order.get(r["label"], 9), -r["reports"], str(r["first_year"]),
                            r["entity"]),
    )  # fmt: skip


def side_by_side_rows(
    docs: Sequence[TermDoc],
    tone: dict[str, dict[str, str]],
    targets: dict[str, dict[str, str]],
    programs: dict[str, list[str]],
    topics: dict[str, list[dict[str, str]]] | None = None,
) -> list[dict]:
    """One row per report, grouped by level and year: tone shares, growth target, main topics,
    programs."""
    rows = []
    topics = topics or {}
    for d in sorted(docs, key=lambda d: (d.level, d.year or 0, d.doc_id)):
        t, g = tone.get(d.doc_id, {}), targets.get(d.doc_id, {})
        top = sorted(topics.get(d.doc_id, []), key=lambda r: (-float(r["share"]), r["topic_id"]))
        main_topics = "；".join(f"{r.get('label', r['topic_id'])} {float(r['share']):.0%}"
                               for r in top[:3])  # fmt: skip
        rows.append({
            "doc_id": d.doc_id, "place": d.place, "level": d.level, "year": d.year or "",
            "positive": t.get("positive", ""), "neutral": t.get("neutral", ""),
            "negative": t.get("negative", ""), "gdp_target": g.get("target_text", ""),
            "gdp_previous_actual": g.get("previous_actual", ""),
            "main_topics": main_topics,
            "top_programs": "、".join(programs.get(d.doc_id, [])[:8]),
        })  # fmt: skip
    return rows


def cluster_order(ids: Sequence[str], matrix: Sequence[Sequence[float]]) -> list[str]:
    """Reports ordered by average-linkage clustering of 1 − cosine (leaves left to right)."""
    if len(ids) < 3:
        return list(ids)
    from scipy.cluster.hierarchy import leaves_list, linkage
    from scipy.spatial.distance import squareform

    dist = [[max(0.0, 1.0 - matrix[i][j]) if i != j else 0.0 for j in range(len(ids))]
            for i in range(len(ids))]  # fmt: skip
    order = leaves_list(linkage(squareform(dist, checks=False), method="average"))
    return [ids[i] for i in order]


def heatmap(ids: Sequence[str], matrix: Sequence[Sequence[float]], labels: dict[str, str],
            path: Path) -> None:  # fmt: skip
    """The similarity matrix as a heatmap (PIL, `pipeline.heatmap`), reports in cluster order."""
    from pipeline import plotting
    from pipeline.heatmap import Heatmap, heatmap_image

    order = cluster_order(ids, matrix)
    index = {d: i for i, d in enumerate(ids)}
    names = tuple(plotting.row_labels([labels.get(d, d) for d in order]))
    chart = Heatmap(
        tuple(tuple(float(matrix[index[a]][index[b]]) for b in order) for a in order),
        names, names, title="报告两两相似度（TF-IDF 余弦，按聚类排序）",
        colorbar_label="余弦相似度", cmap="viridis", limits=(0.0, 1.0), square=True,
    )  # fmt: skip
    size = min(max(4.0, 0.32 * len(order) + 2.5), plotting.MAX_FIGURE_INCHES - 1.2)
    plotting.save_image(heatmap_image(chart, width_in=size + 1.2, height_in=size), path)


# ---------------------------------------------------------------- shell


@dataclass(frozen=True, slots=True)
class CompareInputs:
    terms_dir: Path
    entity_summary: Path
    keywords: Path
    tone_by_report: Path | None = None
    indicator_comparison: Path | None = None
    doc_topics: Path | None = None


@dataclass(frozen=True, slots=True)
class CompareOutputs:
    similarity: Path
    peers: Path
    alignment: Path
    diffusion: Path
    side_by_side: Path
    metrics: Path
    figures: Path | None = None


def run(inputs: CompareInputs, out: CompareOutputs, params: CompareParams) -> dict:
    docs = load_term_docs(inputs.terms_dir)
    ids = [d.doc_id for d in docs]
    rows = similarity_rows(docs)
    write_csv(out.similarity, rows, ["doc_id_a", "doc_id_b", "cosine"])
    write_csv(out.peers, peer_rows(rows, ids, params.peers),
              ["doc_id", "kind", "rank", "peer", "cosine"])  # fmt: skip
    sims = {(r["doc_id_a"], r["doc_id_b"]): r["cosine"] for r in rows}

    summary = read_csv(inputs.entity_summary)
    programs: dict[str, set[str]] = defaultdict(set)
    ranked_programs: dict[str, list[str]] = defaultdict(list)
    for r in summary:
        if r["label"] == "PROGRAM":
            programs[r["doc_id"]].add(r["entity"])
            ranked_programs[r["doc_id"]].append(r["entity"])  # summary rows come by count
    keywords: dict[str, list[str]] = defaultdict(list)
    for r in read_csv(inputs.keywords):  # TF-IDF then TextRank keywords, in rank order
        if r["term"] not in keywords[r["doc_id"]]:
            keywords[r["doc_id"]].append(r["term"])
    alignment = alignment_rows(docs, sims, keywords, programs, params)
    columns = ["doc_id", "reference", "cosine", "shared_keywords", "shared_programs", "programs",
               "shared_program_count"]  # fmt: skip
    write_csv(out.alignment, alignment, columns)
    years = {d.doc_id: d.year for d in docs}
    write_csv(out.diffusion, diffusion_rows(summary, years),
              ["label", "entity", "reports", "first_year", "last_year", "doc_ids"])  # fmt: skip
    tone = (
        {r["doc_id"]: r for r in read_csv(inputs.tone_by_report)} if inputs.tone_by_report else {}
    )
    targets: dict[str, dict[str, str]] = {}
    if inputs.indicator_comparison is not None:
        for r in read_csv(inputs.indicator_comparison):
            if r["indicator"] == "GDP" and r["doc_id"] not in targets:
                targets[r["doc_id"]] = r
    topics: dict[str, list[dict[str, str]]] = defaultdict(list)
    if inputs.doc_topics is not None and inputs.doc_topics.exists():
        for r in read_csv(inputs.doc_topics):
            topics[r["doc_id"]].append(r)
    write_csv(out.side_by_side, side_by_side_rows(docs, tone, targets, ranked_programs, topics),
              ["doc_id", "place", "level", "year", "positive", "neutral", "negative",
               "gdp_target", "gdp_previous_actual", "main_topics", "top_programs"])  # fmt: skip
    if out.figures is not None:
        labels = {d.doc_id: f"{d.place or d.doc_id}{d.year or ''}" for d in docs}
        heatmap(ids, similarity_matrix(rows, ids), labels, out.figures / "similarity_heatmap.png")
    values = [float(r["cosine"]) for r in rows]
    metrics = {
        "documents": len(docs),
        "pairs": len(rows),
        "mean_cosine": round(sum(values) / len(values), 4) if values else None,
        "aligned_with_reference": len(alignment),
    }
    write_json(out.metrics, metrics)
    return metrics


def main(
    params: Path = typer.Option(Path("params.yaml"), help="params.yaml"),
    terms_dir: Path = typer.Option(..., help="Term files of the terms stage."),
    entity_summary: Path = typer.Option(..., help="entity_summary.csv"),
    keywords: Path = typer.Option(..., help="keywords.csv"),
    tone_by_report: Path = typer.Option(None, help="sentiment_by_report.csv"),
    indicator_comparison: Path = typer.Option(None, help="indicator_comparison.csv"),
    doc_topics: Path = typer.Option(None, help="doc_topics.csv"),
    similarity: Path = typer.Option(..., help="similarity.csv"),
    peers: Path = typer.Option(..., help="peers.csv"),
    alignment: Path = typer.Option(..., help="alignment.csv"),
    diffusion: Path = typer.Option(..., help="entity_diffusion.csv"),
    side_by_side: Path = typer.Option(..., help="side_by_side.csv"),
    figures: Path = typer.Option(None, help="Folder for the heatmap."),
    metrics_path: Path = typer.Option(..., "--metrics", help="Stage metrics JSON."),
) -> None:
    """Run the compare stage."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        m = run(
            CompareInputs(terms_dir, entity_summary, keywords, tone_by_report,
                          indicator_comparison, doc_topics),
            CompareOutputs(similarity, peers, alignment, diffusion, side_by_side, metrics_path,
                           figures),
            config.load_params(params, "compare"),
        )  # fmt: skip
    except (config.ConfigError, ValueError, OSError) as exc:
        typer.echo(f"compare: error: {exc}", err=True)
        raise typer.Exit(1) from exc
    log.info("compare: %d reports, %d pairs", m["documents"], m["pairs"])


if __name__ == "__main__":
    from pipeline import run_script

    run_script("pipeline.compare")
