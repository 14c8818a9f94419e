"""Topics stage: LDA or NMF topics over the corpus's paragraphs, and topic shares.

Reads: the term files of the terms stage.
Writes: topics.csv (topic_id, rank, term, weight, label), doc_topics.csv (doc_id, topic_id,
share, label), section_topics.csv (doc_id, section_id, heading, topic_id, share; level-1
sections), figures (coherence.png: coherence by K; topic_terms.png: the top terms of every
topic; doc_topics.png: heatmap of topic share by report), the stage metrics (K, how it was
chosen, the coherence of the model and of each topic, the coherence curve).
Params: ``topics.model`` (lda | nmf), ``topics.k`` (0 = choose from ``topics.k_candidates`` by
coherence, fitting them on at most ``topics.k_search_paragraphs``), ``topics.coherence``
(npmi | cv), ``topics.top_terms``, ``topics.min_df``, ``topics.max_df``,
``topics.min_paragraph_terms``, ``topics.iterations``, ``topics.seed``.

The documents of the model are paragraphs with at least ``min_paragraph_terms`` terms of the
vocabulary (terms in at least ``min_df`` paragraphs and at most a ``max_df`` share of them).
LDA is tomotopy's collapsed Gibbs sampler with a fixed seed and a fixed SIMD instruction set
(``TOMOTOPY_ISA=sse2`` unless set: each ISA samples differently): the candidates of the K search
on one thread each; the chosen K's fit on all paragraphs after a search on a sample, and a K
given in params, on `FINAL_FIT_THREADS` threads in tomotopy's partition scheme (deterministic
for a fixed number of threads); so two runs give the same bytes. NMF is scikit-learn's (NNDSVDa
start, coordinate descent) on sublinear TF-IDF paragraph vectors, with BLAS limited to one
thread. Topics are numbered from 1 in order of prevalence and labelled by their three top terms.
A report's (a section's) topic share is the mean of its paragraphs' topic distributions
weighted by their number of terms.

Coherence is measured on the corpus, with the modelled paragraphs as the contexts: NPMI is the
mean normalised PMI of the pairs of a topic's top terms (−1 for a pair never together); C_v is
the mean cosine between each top term's NPMI vector and the sum of the vectors (Röder et al.
2015, with paragraphs in place of their 110-word sliding window). The model's coherence is the
mean over its topics; with ``k: 0`` the K with the highest coherence is kept (ties: the smaller).
"""

from __future__ import annotations

import logging
import os
import warnings
from collections import Counter, defaultdict
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import typer

from pipeline import config
from pipeline.config import TopicsParams
from pipeline.io import write_csv, write_json
from pipeline.terms import TermDoc, load_term_docs, paragraph_terms

log = logging.getLogger(__name__)

TOPIC_COLUMNS = ["topic_id", "rank", "term", "weight", "label"]
DOC_COLUMNS = ["doc_id", "topic_id", "share", "label"]
SECTION_COLUMNS = ["doc_id", "section_id", "heading", "topic_id", "share"]
TOMOTOPY_ISA = "sse2"


# TopicsParams lives in pipeline/config.py with the other params (STYLE point 4).


@dataclass(frozen=True, slots=True)
class Corpus:
    """The model's input: paragraphs as term lists over a fixed vocabulary."""

    vocab: list[str]
    paragraphs: list[list[str]]  # terms of the vocabulary, in text order
    keys: list[tuple[str, str]]  # (doc_id, level-1 section_id) of each paragraph


@dataclass(frozen=True, slots=True)
class TopicModel:
    k: int
    doc_topic: np.ndarray  # paragraphs × topics, rows sum to 1 (0 for an empty NMF row)
    topic_word: np.ndarray  # topics × vocabulary, rows sum to 1


@dataclass(frozen=True, slots=True)
class TopicRow:
    topic_id: int
    rank: int
    term: str
    weight: float
    label: str


@dataclass(frozen=True, slots=True)
class ShareRow:
    doc_id: str
    topic_id: int
    share: float
    label: str


@dataclass(frozen=True, slots=True)
class SectionShareRow:
    doc_id: str
    section_id: str
    heading: str
    topic_id: int
    share: float


# ---------------------------------------------------------------- corpus


def build_corpus(docs: Sequence[TermDoc], *, min_df: int, max_df: float, min_terms: int) -> Corpus:
    """Paragraphs of all reports restricted to the vocabulary; short paragraphs left out."""
    raw = [(d.doc_id, section, terms) for d in docs for _, section, terms in paragraph_terms(d)]
    df = Counter(t for _, _, terms in raw for t in set(terms))
    limit = max_df * len(raw)
    vocab = sorted(t for t, n in df.items() if n >= min_df and n <= limit)
    known = set(vocab)
    paragraphs: list[list[str]] = []
    keys: list[tuple[str, str]] = []
    for doc_id, section, terms in raw:
        kept = [t for t in terms if t in known]
        if len(kept) >= max(min_terms, 1):
            paragraphs.append(kept)
            keys.append((doc_id, section))
    return Corpus(vocab, paragraphs, keys)


def count_matrix(corpus: Corpus):
    """paragraphs × vocabulary counts (scipy CSR, float64)."""
    from scipy import sparse

    index = {t: i for i, t in enumerate(corpus.vocab)}
    rows, cols, vals = [], [], []
    for r, terms in enumerate(corpus.paragraphs):
        for t, n in sorted(Counter(index[t] for t in terms).items()):
            rows.append(r)
            cols.append(t)
            vals.append(float(n))
    shape = (len(corpus.paragraphs), len(corpus.vocab))
    return sparse.csr_matrix((vals, (rows, cols)), shape=shape, dtype=np.float64)


# ---------------------------------------------------------------- models


def _tomotopy():
    # Each SIMD instruction set samples differently: pin one that every x86-64 machine has,
    # before the first import (tomotopy chooses at import time).
    os.environ.setdefault("TOMOTOPY_ISA", TOMOTOPY_ISA)
    try:
        with warnings.catch_warnings():
            # tomotopy's compiled types trip a DeprecationWarning of Python's import machinery
            warnings.simplefilter("ignore", DeprecationWarning)
            import tomotopy
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("topics.model=lda needs tomotopy: pip install tomotopy==0.14.0") from exc
    return tomotopy


def fit_lda(corpus: Corpus, k: int, *, iterations: int, seed: int, threads: int = 1) -> TopicModel:
    """LDA by tomotopy's Gibbs sampler (fixed seed; one thread, or `threads` sampling
    partitions of the vocabulary)."""
    tp = _tomotopy()
    model = tp.LDAModel(k=k, seed=seed)
    for terms in corpus.paragraphs:
        model.add_doc(terms)
    if threads <= 1:
        model.train(iterations, workers=1, parallel=tp.ParallelScheme.NONE)
    else:
        # tomotopy warns that results may differ with several workers: that holds for its
        # copy-merge scheme, whose threads race; in the partition scheme thread i always
        # samples block i (a slice of the vocabulary × a fixed share of the paragraphs) with
        # its own seeded generator, so a given number of threads gives the same model
        # (tested, also under load).
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "The training result may differ", RuntimeWarning)
            model.train(iterations, workers=threads, parallel=tp.ParallelScheme.PARTITION)
    index = {t: i for i, t in enumerate(corpus.vocab)}
    order = np.array([index[w] for w in model.used_vocabs], dtype=np.int64)
    topic_word = np.zeros((k, len(corpus.vocab)))
    for z in range(k):
        topic_word[z, order] = model.get_topic_word_dist(z)
    doc_topic = np.array([d.get_topic_dist() for d in model.docs], dtype=np.float64)
    return TopicModel(k, _rows_to_one(doc_topic), _rows_to_one(topic_word))


def fit_nmf(corpus: Corpus, k: int, *, iterations: int, seed: int) -> TopicModel:
    """NMF (scikit-learn) of the sublinear TF-IDF paragraph vectors."""
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfTransformer

    x = count_matrix(corpus)
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(x)
    nmf = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=iterations)
    w = nmf.fit_transform(tfidf)
    return TopicModel(k, _rows_to_one(w), _rows_to_one(nmf.components_))


def _rows_to_one(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float64)
    sums = m.sum(axis=1, keepdims=True)
    return np.divide(m, sums, out=np.zeros_like(m), where=sums > 0)


def _one_thread():
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - installed with scikit-learn
        return nullcontext()
    return threadpool_limits(limits=1)


def fit(corpus: Corpus, k: int, params: TopicsParams, *, threads: int = 1) -> TopicModel:
    """The model of `params` with `k` topics; LDA samples with `threads` threads (NMF runs on
    one)."""
    if k < 1:
        raise ValueError(f"topics: K must be at least 1, got {k}")
    if not corpus.paragraphs:
        raise ValueError("topics: no paragraph has enough terms of the vocabulary")
    with _one_thread():
        if params.model == "lda":
            return fit_lda(corpus, k, iterations=params.iterations, seed=params.seed,
                           threads=threads)  # fmt: skip
        return fit_nmf(corpus, k, iterations=params.iterations, seed=params.seed)


# ---------------------------------------------------------------- coherence


def top_indices(model: TopicModel, n: int) -> list[list[int]]:
    """Per topic, the vocabulary indices of its `n` best terms (ties by index)."""
    return [
        [int(i) for i in np.lexsort((np.arange(row.size), -np.round(row, 12)))[:n]]
        for row in model.topic_word
    ]


def npmi_matrix(binary, idx: Sequence[int]) -> np.ndarray:
    """NPMI of every pair of the terms `idx`, over the contexts (rows) of `binary`.

    The diagonal is 1; a pair that never occurs together scores −1.
    """
    n = binary.shape[0]
    sub = binary[:, list(idx)]
    co = np.asarray((sub.T @ sub).todense(), dtype=np.float64)
    p = np.diag(co) / n
    pij = co / n
    out = np.full(co.shape, -1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(pij / np.outer(p, p))
        norm = -np.log(pij)
        val = np.where(norm > 0, pmi / norm, 1.0)
    out = np.where(co > 0, val, out)
    np.fill_diagonal(out, 1.0)
    return out


def topic_coherence(binary, tops: Sequence[Sequence[int]], measure: str) -> list[float]:
    """Coherence of each topic (its top-term indices) by NPMI or C_v."""
    out: list[float] = []
    for idx in tops:
        if len(idx) < 2:
            out.append(0.0)
            continue
        m = npmi_matrix(binary, idx)
        if measure == "npmi":
            upper = m[np.triu_indices(len(idx), k=1)]
            out.append(float(upper.mean()))
        elif measure == "cv":
            total = m.sum(axis=0)
            cos = [
                float(row @ total / (np.linalg.norm(row) * np.linalg.norm(total)))
                if np.linalg.norm(row) > 0 and np.linalg.norm(total) > 0
                else 0.0
                for row in m
            ]
            out.append(sum(cos) / len(cos))
        else:
            raise ValueError(f"topics.coherence {measure!r} is not one of ['npmi', 'cv']")
    return out


def binary_matrix(corpus: Corpus):
    """paragraphs × vocabulary presence (CSC, for column slicing)."""
    x = count_matrix(corpus)
    x.data[:] = 1.0
    return x.tocsc()


# A sample costs one more fit (the chosen K on all paragraphs): it pays when it is a small
# share of them. Five candidates on two processes take about 2.5 fits' time, on a sample of
# share f about 2.5 f + 1: below a third, the search costs at most about two thirds.
SEARCH_SAMPLE_MAX_SHARE = 1 / 3
# The chosen K's fit on all paragraphs after a search on a sample, and the fit of a K given in
# params, are one long fit while the other core idles: LDA samples them with this many threads
# (1.5× faster on 2 cores for 23,000 paragraphs). A constant, not base.jobs, so the model does
# not depend on the machine.
FINAL_FIT_THREADS = 2


def search_sample(corpus: Corpus, limit: int) -> Corpus:
    """The paragraphs the candidate Ks are fitted on: a fixed sample of `limit` when that is
    at most `SEARCH_SAMPLE_MAX_SHARE` of them, else all of them (also for `limit` 0); in
    corpus order.

    A paragraph's place in the sample depends only on its report and its position among the
    report's paragraphs (a hash of both; no random state), so a report that joins the corpus
    leaves the other reports' sampled paragraphs as they were, except those it displaces.
    """
    import hashlib

    if limit <= 0 or limit > SEARCH_SAMPLE_MAX_SHARE * len(corpus.paragraphs):
        return corpus
    seen: Counter[str] = Counter()
    ranked = []
    for i, (doc_id, _) in enumerate(corpus.keys):
        digest = hashlib.sha256(f"{doc_id}\0{seen[doc_id]}".encode()).digest()[:8]
        seen[doc_id] += 1
        ranked.append((digest, i))
    keep = sorted(i for _, i in sorted(ranked)[:limit])
    return Corpus(
        corpus.vocab, [corpus.paragraphs[i] for i in keep], [corpus.keys[i] for i in keep]
    )


def search_paragraphs(corpus: Corpus, params: TopicsParams) -> Corpus:
    """The paragraphs the candidate Ks are fitted on (all of them when K is given)."""
    return corpus if params.k > 0 else search_sample(corpus, params.k_search_paragraphs)


_WORKER: dict = {}


def _init_worker(search: Corpus, corpus: Corpus, params: TopicsParams, threads: int) -> None:
    _WORKER.update(search=search, params=params, binary=binary_matrix(corpus), threads=threads)


def _fit_candidate(k: int) -> tuple[TopicModel, list[float]]:
    """One candidate K: its model (fitted on the search sample) and the coherence of each of
    its topics (measured on the whole corpus)."""
    search, params = _WORKER["search"], _WORKER["params"]
    model = fit(search, k, params, threads=_WORKER["threads"])
    tops = top_indices(model, params.top_terms)
    return model, topic_coherence(_WORKER["binary"], tops, params.coherence)


def select_k(
    corpus: Corpus, params: TopicsParams, *, jobs: int = 1, search: Corpus | None = None
) -> tuple[TopicModel, dict[int, float], list[float]]:
    """The model with K from params, or the most coherent of the candidates.

    The candidates are fitted in `jobs` processes (each fit is deterministic on one thread, so
    the choice and the model do not depend on the number of processes), on the paragraphs of
    `search_sample` (``topics.k_search_paragraphs``); when that is not all of them, the
    chosen K is fitted again on all, with `FINAL_FIT_THREADS` threads (as is a K given).
    Coherence is always measured on all paragraphs.

    Returns:
        (model, coherence by K (of the candidates' models), coherence of each topic of the
        model).
    """
    from pipeline.parallel import map_reports

    candidates = [params.k] if params.k > 0 else sorted(set(params.k_candidates))
    if not candidates or min(candidates) < 1:
        raise ValueError("topics.k_candidates must list numbers of topics >= 1 when topics.k=0")
    if params.k_search_paragraphs < 0:
        raise ValueError("topics.k_search_paragraphs must be >= 0 (0 = all paragraphs)")
    if search is None:
        search = search_paragraphs(corpus, params)
    # the largest K first: a fit takes longer the more topics it has, and the processes finish
    # together when the long fits start first (the choice below goes by ascending K)
    by_size = sorted(candidates, reverse=True)
    # a lone candidate (K given) is fitted as the chosen K is after a sampled search
    threads = FINAL_FIT_THREADS if len(candidates) == 1 else 1
    models = map_reports(
        _fit_candidate, by_size, jobs=jobs, initializer=_init_worker,
        initargs=(search, corpus, params, threads), desc="topics",
    )  # fmt: skip
    fitted = [dict(zip(by_size, models, strict=True))[k] for k in candidates]
    best: tuple[float, int, TopicModel, list[float]] | None = None
    curve: dict[int, float] = {}
    for k, (model, per_topic) in zip(candidates, fitted, strict=True):
        score = sum(per_topic) / len(per_topic)
        curve[k] = round(score, 6)
        if best is None or round(score, 9) > round(best[0], 9):
            best = (score, k, model, per_topic)
        log.info("topics: K=%d coherence (%s) %.4f", k, params.coherence, score)
    assert best is not None
    if search is not corpus:
        log.info("topics: K=%d chosen on %d of %d paragraphs; fitted on all", best[1],
                 len(search.paragraphs), len(corpus.paragraphs))  # fmt: skip
        model = fit(corpus, best[1], params, threads=FINAL_FIT_THREADS)
        tops = top_indices(model, params.top_terms)
        return model, curve, topic_coherence(binary_matrix(corpus), tops, params.coherence)
    return best[2], curve, best[3]


# ---------------------------------------------------------------- tables


def topic_order(corpus: Corpus, model: TopicModel) -> list[int]:
    """Model topic indices by prevalence (term-weighted share over paragraphs), descending."""
    lengths = np.array([len(p) for p in corpus.paragraphs], dtype=np.float64)
    prevalence = lengths @ model.doc_topic
    return sorted(range(model.k), key=lambda z: (-round(float(prevalence[z]), 9), z))


def labels_of(corpus: Corpus, model: TopicModel, order: Sequence[int], n: int = 3) -> list[str]:
    tops = top_indices(model, n)
    return ["·".join(corpus.vocab[i] for i in tops[z]) for z in order]


def topic_rows(
    corpus: Corpus, model: TopicModel, order: Sequence[int], labels: Sequence[str], top_n: int
) -> list[TopicRow]:
    tops = top_indices(model, top_n)
    return [
        TopicRow(
            new, rank, corpus.vocab[i], round(float(model.topic_word[z, i]), 6), labels[new - 1]
        )
        for new, z in enumerate(order, 1)
        for rank, i in enumerate(tops[z], 1)
    ]


def _shares(corpus: Corpus, model: TopicModel, order: Sequence[int], key) -> dict:
    """key(paragraph index) → topic share vector (in `order`), weighted by paragraph length."""
    sums: dict = defaultdict(lambda: np.zeros(model.k))
    weights: dict = defaultdict(float)
    for p, terms in enumerate(corpus.paragraphs):
        if model.doc_topic[p].sum() <= 0:
            continue
        k = key(p)
        sums[k] += len(terms) * model.doc_topic[p, list(order)]
        weights[k] += len(terms)
    return {k: sums[k] / weights[k] for k in sums if weights[k] > 0}


def doc_share_rows(
    docs: Sequence[TermDoc], corpus: Corpus, model: TopicModel, order, labels
) -> list[ShareRow]:
    shares = _shares(corpus, model, order, lambda p: corpus.keys[p][0])
    zero = np.zeros(model.k)
    return [
        ShareRow(d.doc_id, t + 1, round(float(shares.get(d.doc_id, zero)[t]), 6), labels[t])
        for d in sorted(docs, key=lambda d: d.doc_id)
        for t in range(model.k)
    ]


def section_share_rows(
    docs: Sequence[TermDoc], corpus: Corpus, model: TopicModel, order
) -> list[SectionShareRow]:
    shares = _shares(corpus, model, order, lambda p: corpus.keys[p])
    headings = {(d.doc_id, sid): h for d in docs for sid, h in d.sections}
    return [
        SectionShareRow(doc_id, sid, headings.get((doc_id, sid), ""), t + 1, round(float(v[t]), 6))
        for (doc_id, sid), v in sorted(shares.items())
        for t in range(model.k)
    ]


# ---------------------------------------------------------------- figures


def coherence_layout(curve: dict[int, float], chosen: int, measure: str):
    """The coherence of each candidate K as bars (`pipeline.barchart`), K ascending from the
    top, the chosen K's bar in its own colour, each bar's value at its end."""
    from pipeline import barchart, plotting

    ks = sorted(curve)
    colors = [plotting.PALETTE.reports[2] if k == chosen else plotting.PALETTE.default for k in ks]
    rows = barchart.simple_rows([(f"K = {k}", curve[k]) for k in ks], colors,
                                lambda v: f"{v:.4f}")  # fmt: skip
    name = "NPMI" if measure == "npmi" else "C_v"
    panel = barchart.Panel(rows, title=f"主题一致性与主题数（选定 K = {chosen}）",
                           xlabel=f"一致性（{name}）", zero_line=True,
                           empty_text=plotting.NO_DATA)  # fmt: skip
    return barchart.layout([panel], width_in=6.4, height_in=max(2.5, 1.4 + 0.4 * len(ks)))


def coherence_figure(curve: dict[int, float], chosen: int, measure: str, path: Path) -> None:
    from pipeline import barchart, plotting

    plotting.save_image(barchart.draw(coherence_layout(curve, chosen, measure)), path)


def topic_terms_layout(rows: Sequence[TopicRow], k: int):
    """The small multiples of the topics' top terms (`pipeline.barchart.Layout`): one panel per
    topic, four to a row, bars of the terms' weights, the topic's label as the panel's title."""
    from pipeline import barchart, plotting

    cols = max(1, min(4, k))
    by_topic: dict[int, list[TopicRow]] = defaultdict(list)
    for r in rows:
        by_topic[r.topic_id].append(r)
    bars = max((len(v) for v in by_topic.values()), default=1)
    palette = plotting.PALETTE.reports
    panels = [
        barchart.Panel(
            barchart.simple_rows(
                [(r.term, r.weight) for r in by_topic.get(t, [])], palette[(t - 1) % len(palette)]
            ),
            title=f"T{t} {by_topic[t][0].label}" if by_topic.get(t) else f"T{t}",
            empty_text=plotting.NO_DATA,
            max_ticks=4,
        )
        for t in range(1, k + 1)
    ]
    return barchart.grid_layout(
        panels, cols=cols, width_in=3.8 * cols, panel_height_in=1.1 + 0.26 * bars,
        suptitle="各主题的主要词（权重）",
    )  # fmt: skip


def topic_terms_figure(rows: Sequence[TopicRow], k: int, path: Path) -> None:
    from pipeline import barchart, plotting

    plotting.save_image(barchart.draw(topic_terms_layout(rows, k)), path)


def doc_topics_figure(rows: Sequence[ShareRow], k: int, path: Path) -> None:
    """Topic shares by report as a heatmap (PIL, `pipeline.heatmap`), reports in doc_id order."""
    from pipeline import plotting
    from pipeline.heatmap import Heatmap, heatmap_image

    doc_ids = sorted({r.doc_id for r in rows})
    matrix = [[0.0] * k for _ in doc_ids]
    labels = [f"T{t}" for t in range(1, k + 1)]
    row_of = {d: i for i, d in enumerate(doc_ids)}
    for r in rows:
        matrix[row_of[r.doc_id]][r.topic_id - 1] = r.share
        labels[r.topic_id - 1] = f"T{r.topic_id} {r.label}"
    chart = Heatmap(tuple(map(tuple, matrix)), tuple(plotting.row_labels(doc_ids)),
                    tuple(labels), title="各报告的主题占比", colorbar_label="占比",
                    cmap="blues")  # fmt: skip
    height = plotting.capped(max(3.0, 2.6 + 0.3 * len(doc_ids)))
    plotting.save_image(
        heatmap_image(chart, width_in=max(6.0, 3.2 + 0.45 * k), height_in=height), path
    )


# ---------------------------------------------------------------- shell


def analyse(docs: Sequence[TermDoc], params: TopicsParams, *, jobs: int = 1) -> dict:
    """Fit (and choose K), then build the tables; the pure core of the stage."""
    if not 0.0 < params.max_df <= 1.0 or params.top_terms < 2:
        raise ValueError("topics.max_df must be in (0, 1] and topics.top_terms at least 2")
    corpus = build_corpus(
        docs, min_df=params.min_df, max_df=params.max_df, min_terms=params.min_paragraph_terms
    )
    search = search_paragraphs(corpus, params)
    model, curve, per_topic = select_k(corpus, params, jobs=jobs, search=search)
    order = topic_order(corpus, model)
    labels = labels_of(corpus, model, order)
    topics = topic_rows(corpus, model, order, labels, params.top_terms)
    return {
        "corpus": corpus,
        "search": search,
        "model": model,
        "curve": curve,
        "coherence": round(sum(per_topic) / len(per_topic), 6),
        "per_topic": [round(per_topic[z], 6) for z in order],
        "topics": topics,
        "docs": doc_share_rows(docs, corpus, model, order, labels),
        "sections": section_share_rows(docs, corpus, model, order),
        "labels": labels,
    }


def run(
    terms_dir: Path, topics_csv: Path, doc_topics_csv: Path, section_topics_csv: Path,
    figures_dir: Path | None, metrics_path: Path, params: TopicsParams, *, jobs: int = 1,
) -> dict:  # fmt: skip
    docs = load_term_docs(terms_dir)
    result = analyse(docs, params, jobs=jobs)
    model: TopicModel = result["model"]
    write_csv(topics_csv, result["topics"], TOPIC_COLUMNS)
    write_csv(doc_topics_csv, result["docs"], DOC_COLUMNS)
    write_csv(section_topics_csv, result["sections"], SECTION_COLUMNS)
    if figures_dir is not None:
        folder = Path(figures_dir)
        coherence_figure(result["curve"], model.k, params.coherence, folder / "coherence.png")
        topic_terms_figure(result["topics"], model.k, folder / "topic_terms.png")
        doc_topics_figure(result["docs"], model.k, folder / "doc_topics.png")
    corpus: Corpus = result["corpus"]
    metrics = {
        "model": params.model,
        "k": model.k,
        "k_chosen_by": "params" if params.k > 0 else "coherence",
        "coherence_measure": params.coherence,
        "coherence": result["coherence"],
        "coherence_by_k": {str(k): v for k, v in result["curve"].items()},
        "topic_coherence": {
            f"T{t} {label}": c
            for t, (label, c) in enumerate(
                zip(result["labels"], result["per_topic"], strict=True), 1
            )
        },
        "paragraphs": len(corpus.paragraphs),
        "k_search_paragraphs": len(result["search"].paragraphs),
        "vocabulary": len(corpus.vocab),
        "documents": len(docs),
    }
    if params.model == "lda":
        metrics["tomotopy_isa"] = _tomotopy().isa
    write_json(metrics_path, metrics)
    return metrics


def main(
    params: Path = typer.Option(Path("params.yaml"), help="params.yaml"),
    terms_dir: Path = typer.Option(..., help="Term files of the terms stage."),
    topics: Path = typer.Option(..., help="topics.csv to write."),
    doc_topics: Path = typer.Option(..., help="doc_topics.csv to write."),
    section_topics: Path = typer.Option(..., help="section_topics.csv to write."),
    figures: Path = typer.Option(..., help="Folder for the topic figures."),
    metrics_path: Path = typer.Option(..., "--metrics", help="Stage metrics JSON."),
) -> None:
    """Run the topics stage."""

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        p = config.load_params(params, "topics")
        m = run(terms_dir, topics, doc_topics, section_topics, figures, metrics_path, p,
                jobs=config.load_params(params, "base").jobs)  # fmt: skip
    except (config.ConfigError, ValueError, RuntimeError, OSError) as exc:
        typer.echo(f"topics: error: {exc}", err=True)
        raise typer.Exit(1) from exc
    log.info("topics: %s, K=%d (%s), coherence %s %.4f", m["model"], m["k"], m["k_chosen_by"],
             m["coherence_measure"], m["coherence"])  # fmt: skip


if __name__ == "__main__":
    from pipeline import run_script

    run_script("pipeline.topics")
