"""Keyness stage: what each report says more (or less) than other reports, and term trends.

Reads: the term files of the terms stage and the ingested documents (trend counts are counted in
the report text).
Writes: keyness.csv (doc_id, term, count, count_rest, g2, p_value, log_ratio, reference,
direction): every report against the rest of the corpus (reference ``rest``) and against the
group chosen by ``keyness.reference`` (``year=2022``, ``level=province``,
``doc=national_guowuyuan_2022``); term_trends.csv (place, term, year, doc_id, count, per_10k,
first_year, kind) for every place the corpus holds in several years; figures: per report and
reference ``<doc_id>_<reference>.png`` (the most over- and under-used terms, two-sided bars)
and per place ``trends_<place>.png``; the stage metrics.
Params: ``keyness.min_count``, ``keyness.max_p``, ``keyness.reference`` (all | year | level |
doc), ``keyness.reference_doc``, ``keyness.top_n``, ``keyness.trend_top_n``,
``keyness.trend_terms``, ``keyness.trend_min_years``.

Keyness is Dunning's log-likelihood G² of the 2×2 table (term vs other terms, report vs
reference), with the chi-square (1 df) p-value, and Hardie's log ratio, log2 of the ratio of the
relative frequencies (a zero count counts as 0.5). A term is tested when it occurs at least
``min_count`` times in report and reference together; rows with p > ``max_p`` are left out. The
reference never contains the report itself; ``all`` adds no group beyond ``rest``; ``doc`` names
one report, ``{year}`` in the name is replaced by the report's year (national_guowuyuan_{year}:
each report against the State Council report of its year); a report without such a group gets no
rows for it.

Trends: per place with reports in ``trend_min_years`` or more years, the occurrences of a term's
string in the report's sentences per 10,000 characters, for the place's ``trend_top_n`` most
frequent terms and the terms named in ``trend_terms``, and the first year of the place's series
in which the term occurs.
"""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import typer

from pipeline import config
from pipeline.config import KeynessParams
from pipeline.io import write_csv, write_json
from pipeline.terms import TermDoc, load_term_docs, term_counts

log = logging.getLogger(__name__)

COLUMNS = [
    "doc_id", "term", "count", "count_rest", "g2", "p_value", "log_ratio", "reference",
    "direction",
]  # fmt: skip
TREND_COLUMNS = ["place", "term", "year", "doc_id", "count", "per_10k", "first_year", "kind"]


# KeynessParams lives in pipeline/config.py with the other params (STYLE point 4).


@dataclass(frozen=True, slots=True)
class KeynessRow:
    doc_id: str
    term: str
    count: int
    count_rest: int
    g2: float
    p_value: float
    log_ratio: float
    reference: str
    direction: str  # over | under


@dataclass(frozen=True, slots=True)
class TrendRow:
    place: str
    term: str
    year: int
    doc_id: str
    count: int
    per_10k: float
    first_year: int | None
    kind: str  # top | named | top+named


# ---------------------------------------------------------------- statistics


def _xlogx_e(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """o · ln(o / e), 0 where o is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(np.where(o > 0, o, 1.0) / e), 0.0)


def g2(a, b, c, d):
    """Dunning's log-likelihood G² of the 2×2 table [[a, b], [c − a, d − b]].

    Args:
        a: Count of the term in the report.
        b: Count of the term in the reference.
        c: Terms in the report.
        d: Terms in the reference.

    Returns:
        G² (a float for scalars, an array for arrays).
    """
    a, b, c, d = (np.asarray(x, dtype=np.float64) for x in (a, b, c, d))
    n = c + d
    row1 = a + b
    row2 = n - row1
    cells = (
        (a, row1 * c / n),
        (b, row1 * d / n),
        (c - a, row2 * c / n),
        (d - b, row2 * d / n),
    )
    out = 2.0 * sum(_xlogx_e(o, e) for o, e in cells)
    out = np.maximum(out, 0.0)  # rounding can leave -1e-13
    return float(out) if out.ndim == 0 else out


def p_value(g2_value):
    """P(χ²₁ ≥ G²) = erfc(√(G²/2))."""
    if np.ndim(g2_value) == 0:
        return math.erfc(math.sqrt(max(float(g2_value), 0.0) / 2.0))
    x = np.sqrt(np.maximum(np.asarray(g2_value, dtype=np.float64), 0.0) / 2.0)
    return np.array([math.erfc(v) for v in x.tolist()], dtype=np.float64)


def log_ratio(a, b, c, d):
    """Hardie's log ratio log2((a / c) / (b / d)), a zero count taken as 0.5."""
    a, b, c, d = (np.asarray(x, dtype=np.float64) for x in (a, b, c, d))
    a = np.where(a > 0, a, 0.5)
    b = np.where(b > 0, b, 0.5)
    out = np.log2((a / c) / (b / d))
    return float(out) if out.ndim == 0 else out


def compare(
    own: np.ndarray,
    ref: np.ndarray,
    vocab: Sequence[str],
    *,
    doc_id: str,
    reference: str,
    min_count: int,
    max_p: float,
) -> list[KeynessRow]:
    """Keyness rows of one report against one reference (count vectors over `vocab`)."""
    c, d = float(own.sum()), float(ref.sum())
    if c <= 0 or d <= 0:
        return []
    idx = np.flatnonzero(own + ref >= max(min_count, 1))
    a, b = own[idx], ref[idx]
    g = g2(a, b, c, d)
    p = p_value(g)
    lr = log_ratio(a, b, c, d)
    keep = np.flatnonzero(p <= max_p)
    return [
        KeynessRow(
            doc_id=doc_id,
            term=vocab[idx[k]],
            count=int(a[k]),
            count_rest=int(b[k]),
            g2=round(float(g[k]), 4),
            p_value=float(p[k]),
            log_ratio=round(float(lr[k]), 4),
            reference=reference,
            direction="over" if a[k] * d > b[k] * c else "under",
        )
        for k in keep
    ]


# ---------------------------------------------------------------- corpus


def count_matrix(docs: Sequence[TermDoc]):
    """(sorted vocabulary, reports × terms counts as a sparse CSR matrix: a dense one grows
    as reports × vocabulary, gigabytes at a thousand reports)."""
    from scipy import sparse

    counts = [term_counts(d) for d in docs]
    vocab = sorted({t for c in counts for t in c})
    index = {t: i for i, t in enumerate(vocab)}
    indptr, indices, data = [0], [], []
    for c in counts:
        cols = sorted(index[t] for t in c)
        inv = {index[t]: n for t, n in c.items()}
        indices.extend(cols)
        data.extend(inv[j] for j in cols)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.array(data, dtype=np.int64), np.array(indices, dtype=np.int64), indptr),
        shape=(len(docs), len(vocab)),
    )
    return vocab, matrix


def reference_groups(docs: Sequence[TermDoc], params: KeynessParams) -> dict[str, tuple[str, str]]:
    """doc_id → (reference label, group key) of the second reference, where it exists.

    The group key is ``year:<y>``, ``level:<l>`` or ``doc:<doc_id>``.
    """
    ids = {d.doc_id for d in docs}
    years = Counter(d.year for d in docs)
    levels = Counter(d.level for d in docs)
    out: dict[str, tuple[str, str]] = {}
    for d in docs:
        if params.reference == "year" and d.year is not None and years[d.year] > 1:
            out[d.doc_id] = (f"year={d.year}", f"year:{d.year}")
        elif params.reference == "level" and d.level and levels[d.level] > 1:
            out[d.doc_id] = (f"level={d.level}", f"level:{d.level}")
        elif params.reference == "doc":
            try:
                name = params.reference_doc.format(year=d.year if d.year is not None else "")
            except (KeyError, IndexError, ValueError) as exc:
                raise ValueError(
                    f"keyness.reference_doc {params.reference_doc!r}: only {{year}} may be used"
                ) from exc
            if name in ids and name != d.doc_id:
                out[d.doc_id] = (f"doc={name}", f"doc:{name}")
    return out


def keyness_rows(
    docs: Sequence[TermDoc], params: KeynessParams
) -> tuple[list[KeynessRow], dict[str, str]]:
    """Keyness rows of every report against the rest and its reference group.

    Returns:
        The rows (sorted: doc_id, rest first, over-used first, G² descending, term) and
        doc_id → label of the second reference where the report has one.
    """
    if params.min_count < 1 or not 0.0 < params.max_p <= 1.0:
        raise ValueError("keyness.min_count must be >= 1 and keyness.max_p in (0, 1]")
    vocab, matrix = count_matrix(docs)
    total = np.asarray(matrix.sum(axis=0)).ravel()
    groups = reference_groups(docs, params)
    row_of = {d.doc_id: i for i, d in enumerate(docs)}

    def dense(i: int) -> np.ndarray:
        return matrix[i].toarray().ravel()

    # Group sums only for the groups that serve as a reference (year or level)
    needed = {key for _, key in groups.values() if not key.startswith("doc:")}
    sums: dict[str, np.ndarray] = {}
    for d in docs:
        for key in (f"year:{d.year}", f"level:{d.level}"):
            if key in needed:
                sums[key] = sums.get(key, 0) + dense(row_of[d.doc_id])
    rows: list[KeynessRow] = []
    labels: dict[str, str] = {}
    opts = {"min_count": params.min_count, "max_p": params.max_p}
    for i, d in enumerate(docs):
        own = dense(i)
        rows += compare(own, total - own, vocab, doc_id=d.doc_id, reference="rest", **opts)
        if d.doc_id in groups:
            label, key = groups[d.doc_id]
            kind, _, name = key.partition(":")
            ref = dense(row_of[name]) if kind == "doc" else sums[key] - own
            rows += compare(own, ref, vocab, doc_id=d.doc_id, reference=label, **opts)
            labels[d.doc_id] = label
    rows.sort(
        key=lambda r: (r.doc_id, r.reference != "rest", r.reference, r.direction != "over",
                       -r.g2, r.term)
    )  # fmt: skip
    return rows, labels


def csv_record(row: KeynessRow) -> dict:
    """A row for keyness.csv: p-values with 4 significant digits (they reach 1e-50)."""
    record = {c: getattr(row, c) for c in COLUMNS}
    record["p_value"] = f"{row.p_value:.4g}"
    return record


# ---------------------------------------------------------------- trends


def place_series(docs: Sequence[TermDoc], min_years: int) -> dict[str, list[TermDoc]]:
    """place → its reports by year, for places with reports in at least `min_years` years."""
    by_place: dict[str, list[TermDoc]] = defaultdict(list)
    for d in docs:
        if d.place and d.year is not None:
            by_place[d.place].append(d)
    return {
        place: sorted(ds, key=lambda d: (d.year, d.doc_id))
        for place, ds in sorted(by_place.items())
        if len({d.year for d in ds}) >= max(min_years, 2)
    }


def trend_rows(
    series: Sequence[TermDoc], texts: Mapping[str, str], top_n: int, named: Sequence[str]
) -> list[TrendRow]:
    """Trend rows of one place: its `top_n` most frequent terms and the `named` terms.

    Args:
        series: The place's reports, by year.
        texts: doc_id → the report's sentences (the text counted).
        top_n: How many of the place's most frequent terms (term counts) to follow.
        named: Terms followed whatever their frequency.
    """
    total: Counter[str] = Counter()
    for d in series:
        total.update(term_counts(d))
    top = [t for t, _ in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:top_n]]
    kinds: dict[str, str] = {t: "top" for t in top}
    for t in named:
        if t:
            kinds[t] = "top+named" if t in kinds else "named"
    rows: list[TrendRow] = []
    for term, kind in sorted(kinds.items()):
        counts = [(d, texts[d.doc_id].count(term)) for d in series]
        first = next((d.year for d, n in counts if n > 0), None)
        for d, n in counts:
            per = round(n / d.chars * 10_000, 4) if d.chars else 0.0
            rows.append(TrendRow(d.place, term, d.year, d.doc_id, n, per, first, kind))
    return rows


def place_slug(series: Sequence[TermDoc]) -> str:
    """A file-name part for a place: the common doc_id prefix without its year."""
    first, last = min(d.doc_id for d in series), max(d.doc_id for d in series)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n].rstrip("_-0123456789") or "place"


# ---------------------------------------------------------------- figures


def _title(doc: TermDoc) -> str:
    year = f"{doc.year}年" if doc.year else ""
    return f"{doc.place or doc.doc_id}{year}政府工作报告"


def _reference_title(label: str) -> str:
    kind, _, value = label.partition("=")
    return {
        "rest": "其余报告",
        "year": f"{value}年的其他报告",
        "level": f"同级（{value}）的其他报告",
        "doc": value,
    }.get(kind, label)


def _keyness_items(rows: Sequence[KeynessRow], top_n: int) -> list[tuple[str, float]]:
    over = [r for r in rows if r.direction == "over"][:top_n]
    under = [r for r in rows if r.direction == "under"][:top_n]
    return [(r.term, r.g2) for r in over] + [(r.term, -r.g2) for r in reversed(under)]


def keyness_task(doc: TermDoc, rows: Sequence[KeynessRow], label: str, top_n: int, path: Path):
    """The keyness figure of `doc` against `label` as a task for :func:`plotting.draw_all`.

    `rows` are the report's rows against `label` by descending G².
    """
    from pipeline import plotting

    items = _keyness_items(rows, top_n)
    title = f"{_title(doc)}：关键性（对照：{_reference_title(label)}）"
    key = plotting.figure_key("keyness-ranked", _title(doc), _reference_title(label), top_n)
    # G² against the rest of the corpus moves a little for every report when a report joins:
    # a figure whose bars moved by at most 2 % of the longest, with no term left out now
    # beating one shown by more, is kept
    tolerance = 0.02 * max((abs(v) for _, v in items), default=0.0)
    rankings = tuple(
        plotting.Ranking(tuple((r.term, r.g2) for r in side[: 2 * top_n]), min(top_n, len(side)))
        for side in (
            [r for r in rows if r.direction == "over"],
            [r for r in rows if r.direction == "under"],
        )
    )
    return plotting.FigureTask(
        build_keyness_figure, (items, title), path, key, tolerance=tolerance, rankings=rankings,
    )  # fmt: skip


def keyness_figure(doc: TermDoc, rows: Sequence[KeynessRow], label: str, top_n: int, path: Path):
    """Two-sided bars: the `top_n` most over-used terms (right) and under-used (left)."""
    from pipeline import plotting

    plotting.draw_all([keyness_task(doc, rows, label, top_n, path)])


def build_keyness_figure(items: Sequence[tuple[str, float]], title: str):
    """Two-sided bars (a PIL image): over-used terms to the right, under-used to the left."""
    from pipeline import barchart, plotting

    colors = [plotting.PALETTE.reports[0] if v > 0 else plotting.PALETTE.reports[2]
              for _, v in items]  # fmt: skip
    panel = barchart.Panel(
        barchart.simple_rows(items, colors), title=title, xlabel="G²（右：多用；左：少用）",
        zero_line=True, empty_text=plotting.NO_DATA,
    )  # fmt: skip
    return barchart.render([panel], width_in=8.0, height_in=max(2.5, 1.2 + 0.28 * len(items)))


def trend_figure(place: str, rows: Sequence[TrendRow], path: Path) -> None:
    """Two panels of lines, per 10,000 characters by year: top terms, named terms."""
    from pipeline import plotting

    plotting.draw_all([trend_task(place, rows, path)])


def trend_task(place: str, rows: Sequence[TrendRow], path: Path):
    from pipeline import plotting

    key = plotting.figure_key("trends", place, list(rows))
    return plotting.FigureTask(build_trend_figure, (place, list(rows)), path, key)


def build_trend_figure(place: str, rows: Sequence[TrendRow]):
    from matplotlib.figure import Figure

    from pipeline import plotting

    plotting.setup()
    fig = Figure(figsize=(12, 4.8), layout="constrained")
    panels = fig.subplots(1, 2, sharex=True)
    years = sorted({r.year for r in rows})
    for ax, kinds, title in (
        (panels[0], ("top", "top+named"), "高频词"),
        (panels[1], ("named", "top+named"), "指定词"),
    ):
        terms = sorted({r.term for r in rows if r.kind in kinds})
        for k, term in enumerate(terms):
            pts = sorted((r.year, r.per_10k) for r in rows if r.term == term)
            ax.plot(
                [y for y, _ in pts], [v for _, v in pts],
                marker="o", linewidth=1.5, label=term,
                color=plotting.PALETTE.reports[k % len(plotting.PALETTE.reports)],
                linestyle="-" if k < len(plotting.PALETTE.reports) else "--",
            )  # fmt: skip
        ax.set_title(title)
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_xlabel("年份")
        ax.set_ylabel("每万字出现次数")
        ax.set_ylim(bottom=0)
        ax.spines[["top", "right"]].set_visible(False)
        if terms:
            ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.suptitle(f"{place}：词频变化")
    return fig


# ---------------------------------------------------------------- shell


def run(
    terms_dir: Path, docs_dir: Path, keyness_csv: Path, trends_csv: Path,
    figures_dir: Path | None, metrics_path: Path, params: KeynessParams, *, jobs: int = 1,
) -> dict:  # fmt: skip
    from pipeline.docstore import load_documents

    docs = load_term_docs(terms_dir)
    rows, labels = keyness_rows(docs, params)
    write_csv(keyness_csv, [csv_record(r) for r in rows], COLUMNS)

    texts = {d.doc_id: "\n".join(s.text for s in d.sentences) for d in load_documents(docs_dir)}
    missing = sorted({d.doc_id for d in docs} - set(texts))
    if missing:
        raise ValueError(f"{docs_dir}: no ingested document for {', '.join(missing)}")
    series = place_series(docs, params.trend_min_years)
    trends = {
        place: trend_rows(ds, texts, params.trend_top_n, params.trend_terms)
        for place, ds in series.items()
    }
    write_csv(trends_csv, [r for rs in trends.values() for r in rs], TREND_COLUMNS)

    if figures_dir is not None:
        folder = Path(figures_dir)
        folder.mkdir(parents=True, exist_ok=True)
        by_key: dict[tuple[str, str], list[KeynessRow]] = defaultdict(list)
        for r in rows:
            by_key[(r.doc_id, r.reference)].append(r)
        written: set[str] = set()
        tasks = []
        for d in docs:
            for label in ("rest", labels.get(d.doc_id)):
                if label is None:
                    continue
                by_g2 = sorted(by_key[(d.doc_id, label)], key=lambda r: (-r.g2, r.term))
                name = f"{d.doc_id}_{label.partition('=')[0]}.png"
                tasks.append(keyness_task(d, by_g2, label, params.top_n, folder / name))
                written.add(name)
        for place, ds in series.items():
            name = f"trends_{place_slug(ds)}.png"
            tasks.append(trend_task(place, trends[place], folder / name))
            written.add(name)
        from pipeline import plotting

        plotting.draw_all(tasks, jobs=jobs)
        for stale in folder.glob("*.png"):
            if stale.name not in written:
                stale.unlink()

    directions = Counter((r.reference == "rest", r.direction) for r in rows)
    metrics = {
        "documents": len(docs),
        "reference": params.reference,
        "with_reference": len(labels),
        "without_reference": sorted({d.doc_id for d in docs} - set(labels))
        if params.reference != "all"
        else [],
        "rows": len(rows),
        "rest_over": directions[(True, "over")],
        "rest_under": directions[(True, "under")],
        "reference_over": directions[(False, "over")],
        "reference_under": directions[(False, "under")],
        "trend_places": {p: [d.year for d in ds] for p, ds in series.items()},
    }
    write_json(metrics_path, metrics)
    return metrics


def main(
    params: Path = typer.Option(Path("params.yaml"), help="params.yaml"),
    terms_dir: Path = typer.Option(..., help="Term files of the terms stage."),
    docs_dir: Path = typer.Option(..., help="Ingested documents (JSON), for trend counts."),
    keyness: Path = typer.Option(..., help="keyness.csv to write."),
    trends: Path = typer.Option(..., help="term_trends.csv to write."),
    figures: Path = typer.Option(..., help="Folder for the keyness and trend figures."),
    metrics_path: Path = typer.Option(..., "--metrics", help="Stage metrics JSON."),
) -> None:
    """Run the keyness stage."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        p = config.load_params(params, "keyness")
        m = run(terms_dir, docs_dir, keyness, trends, figures, metrics_path, p,
                jobs=config.load_params(params, "base").jobs)  # fmt: skip
    except (config.ConfigError, ValueError, RuntimeError, OSError) as exc:
        typer.echo(f"keyness: error: {exc}", err=True)
        raise typer.Exit(1) from exc
    log.info("keyness: %d reports, %d rows, %d with a %s reference", m["documents"], m["rows"],
             m["with_reference"], m["reference"])  # fmt: skip


if __name__ == "__main__":
    from pipeline import run_script

    run_script("pipeline.keyness")
