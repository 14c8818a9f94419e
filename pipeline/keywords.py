"""Keywords stage: TF-IDF and TextRank keywords of every report, a word cloud and a bar chart.

Reads: the term files of the terms stage (one JSON per report).
Writes: keywords.csv (doc_id, method (tfidf | textrank), rank, term, score; the top N of each
method per report), per report ``<doc_id>_cloud.png`` (word cloud of the TF-IDF scores) and
``<doc_id>_bars.png`` (top N of both methods) in the figures folder, the stage metrics.
Params: ``keywords.top_n``, ``keywords.sublinear_tf``, ``keywords.idf`` (auto | corpus |
jieba), ``keywords.idf_min_docs``, ``keywords.textrank_window``, ``keywords.textrank_damping``,
``keywords.cloud_terms``, ``keywords.seed`` (word-cloud layout).

TF-IDF: tf = 1 + ln(count) (sublinear) or the count; idf fitted on the corpus's reports as
ln((1 + N) / (1 + df)) + 1 (scikit-learn's smoothed form), or read from jieba's bundled
jieba/analyse/idf.txt (terms it lacks get its median, as jieba does) — ``idf: auto`` takes the
corpus from ``idf_min_docs`` reports on, jieba's table below; each report's vector is
L2-normalised. TextRank: PageRank (weighted, undirected) over the report's own co-occurrence
graph — two terms are linked when they occur within ``textrank_window`` consecutive terms of a
sentence — scores divided by the maximum, as jieba.analyse does.
"""

from __future__ import annotations

import heapq
import logging
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import typer

from pipeline import config
from pipeline.config import KeywordsParams
from pipeline.io import write_csv, write_json
from pipeline.terms import TermDoc, load_term_docs, sentence_terms, term_counts

log = logging.getLogger(__name__)

METHODS = ("tfidf", "textrank")
COLUMNS = ["doc_id", "method", "rank", "term", "score"]


# KeywordsParams lives in pipeline/config.py with the other params (STYLE point 4).


@dataclass(frozen=True, slots=True)
class KeywordRow:
    doc_id: str
    method: str
    rank: int
    term: str
    score: float


# ---------------------------------------------------------------- TF-IDF


def document_frequencies(docs: Iterable[Counter[str]]) -> Counter[str]:
    """In how many reports each term occurs."""
    df: Counter[str] = Counter()
    for counts in docs:
        df.update(counts.keys())
    return df


def corpus_idf(df: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """Smoothed idf, ln((1 + N) / (1 + df)) + 1, of every term of the corpus."""
    return {t: math.log((1 + n_docs) / (1 + n)) + 1.0 for t, n in df.items()}


def jieba_idf_path() -> Path:
    """jieba's bundled IDF table (jieba/analyse/idf.txt of the installed, pinned jieba)."""
    import jieba

    return Path(jieba.__file__).parent / "analyse" / "idf.txt"


@lru_cache(maxsize=2)
def read_idf_file(path: Path) -> tuple[dict[str, float], float]:
    """(term → idf, median idf) from a ``term idf`` per line file (jieba's format)."""
    table: dict[str, float] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 2:
                table[parts[0]] = float(parts[1])
    if not table:
        raise ValueError(f"{path}: no idf values")
    values = sorted(table.values())
    return table, values[len(values) // 2]


def choose_idf(params: KeywordsParams, n_docs: int) -> Literal["corpus", "jieba"]:
    if params.idf == "auto":
        return "corpus" if n_docs >= params.idf_min_docs else "jieba"
    return params.idf


def tfidf_scores(
    counts: Mapping[str, int],
    idf: Mapping[str, float],
    *,
    default_idf: float = 0.0,
    sublinear: bool = True,
) -> dict[str, float]:
    """L2-normalised TF-IDF of one report's term counts.

    Args:
        counts: term → count in the report.
        idf: term → idf.
        default_idf: idf of a term missing from `idf`.
        sublinear: tf = 1 + ln(count) instead of count.

    Returns:
        term → score (the scores' squares sum to 1; empty for no terms).
    """
    raw = {
        t: (1.0 + math.log(c) if sublinear else float(c)) * idf.get(t, default_idf)
        for t, c in counts.items()
        if c > 0
    }
    norm = math.sqrt(sum(v * v for v in raw.values()))
    return {t: v / norm for t, v in raw.items()} if norm > 0 else {}


# ---------------------------------------------------------------- TextRank


def cooccurrence(
    sentences: Sequence[Sequence[str]], window: int
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The sorted vocabulary and the co-occurrence graph of terms within `window` of each
    other in a sentence: its edges (i, j), i < j, as an (m, 2) array in ascending order, and
    their counts."""
    if window < 2:
        raise ValueError(f"keywords.textrank_window must be at least 2, got {window}")
    vocab = sorted({t for s in sentences for t in s})
    index = {t: i for i, t in enumerate(vocab)}
    ids = np.array([index[t] for s in sentences for t in s], dtype=np.int64)
    sent = np.repeat(np.arange(len(sentences)), [len(s) for s in sentences])
    # every pair of positions 1 … window − 1 apart in one sentence, as one array per distance
    firsts, seconds = [], []
    for k in range(1, window):
        same = sent[:-k] == sent[k:]
        firsts.append(ids[:-k][same])
        seconds.append(ids[k:][same])
    a = np.concatenate([np.empty(0, np.int64), *firsts])
    b = np.concatenate([np.empty(0, np.int64), *seconds])
    keep = a != b
    lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    base = max(len(vocab), 1)  # an edge (lo, hi) as one number, in the order of (lo, hi)
    keys, counts = np.unique(lo * base + hi, return_counts=True)
    return vocab, np.stack([keys // base, keys % base], axis=1), counts


def textrank(
    sentences: Sequence[Sequence[str]],
    *,
    window: int = 5,
    damping: float = 0.85,
    max_iter: int = 200,
    tol: float = 1e-10,
) -> dict[str, float]:
    """TextRank scores of the terms of one report (the best term scores 1).

    Weighted PageRank on the undirected co-occurrence graph: ws(v) = (1 − d) + d · Σ_u
    w(u, v) / w(u) · ws(u), iterated from 1 until the largest change is below `tol`. Nodes and
    edges are in sorted order, so equal input gives equal output bit for bit.
    """
    if not 0.0 < damping < 1.0:
        raise ValueError(f"keywords.textrank_damping must be in (0, 1), got {damping}")
    vocab, edges, counts = cooccurrence(sentences, window)
    if not vocab:
        return {}
    n = len(vocab)
    a, b = edges[:, 0], edges[:, 1]
    w = counts.astype(np.float64)
    src = np.concatenate([a, b])
    dst = np.concatenate([b, a])
    weight = np.concatenate([w, w])
    out = np.bincount(src, weights=weight, minlength=n)
    share = weight / out[src] if len(src) else weight
    ws = np.ones(n)
    for _ in range(max_iter):
        new = (1.0 - damping) + damping * np.bincount(dst, weights=share * ws[src], minlength=n)
        done = np.max(np.abs(new - ws)) < tol
        ws = new
        if done:
            break
    ws = ws / ws.max()
    return {t: float(s) for t, s in zip(vocab, ws, strict=True)}


def top_terms(scores: Mapping[str, float], n: int) -> list[tuple[str, float]]:
    """The `n` best (term, score), ties (to 12 decimals) broken by term."""
    # nsmallest is sorted(…)[:n] without sorting all of a report's terms
    return heapq.nsmallest(n, scores.items(), key=lambda kv: (-round(kv[1], 12), kv[0]))


# ---------------------------------------------------------------- corpus


def keyword_scores(
    docs: Sequence[TermDoc], params: KeywordsParams
) -> tuple[dict[str, dict[str, dict[str, float]]], dict]:
    """doc_id → method → term → score for every report, and facts for the metrics."""
    counts = {d.doc_id: term_counts(d) for d in docs}
    source = choose_idf(params, len(docs))
    if source == "corpus":
        idf = corpus_idf(document_frequencies(counts.values()), len(docs))
        default = 0.0
    else:
        idf, default = read_idf_file(jieba_idf_path())
    vocab = {t for c in counts.values() for t in c}
    out: dict[str, dict[str, dict[str, float]]] = {}
    for d in docs:
        out[d.doc_id] = {
            "tfidf": tfidf_scores(
                counts[d.doc_id], idf, default_idf=default, sublinear=params.sublinear_tf
            ),
            "textrank": textrank(
                sentence_terms(d), window=params.textrank_window, damping=params.textrank_damping
            ),
        }
    facts = {
        "idf": source,
        "vocabulary": len(vocab),
        "terms_without_idf": sum(1 for t in vocab if t not in idf),
    }
    return out, facts


def keyword_rows(
    scores: Mapping[str, Mapping[str, Mapping[str, float]]], top_n: int
) -> list[KeywordRow]:
    """keywords.csv rows: by doc_id, method, rank."""
    rows: list[KeywordRow] = []
    for doc_id in sorted(scores):
        for method in METHODS:
            for rank, (term, score) in enumerate(top_terms(scores[doc_id][method], top_n), 1):
                rows.append(KeywordRow(doc_id, method, rank, term, round(score, 6)))
    return rows


def method_overlap(rows: Sequence[KeywordRow]) -> float:
    """Mean Jaccard overlap of the two methods' top-N sets over the reports."""
    sets: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        sets.setdefault((r.doc_id, r.method), set()).add(r.term)
    values = []
    for doc_id in sorted({r.doc_id for r in rows}):
        a, b = sets.get((doc_id, "tfidf"), set()), sets.get((doc_id, "textrank"), set())
        if a | b:
            values.append(len(a & b) / len(a | b))
    return round(sum(values) / len(values), 4) if values else 0.0


# ---------------------------------------------------------------- figures


def missing_glyphs(words: Iterable[str], font: Path) -> list[str]:
    """Characters of `words` that the font file cannot draw (white space excepted)."""
    from pipeline.barchart import charmap

    cmap = charmap(str(font))
    return sorted({c for w in words for c in w if not c.isspace() and ord(c) not in cmap})


RELATIVE_SCALING = 0.5  # wordcloud: how much a word's size follows its weight
CLOUD_SIZE = (1000, 600)  # pixels (width, height) of a cloud, title band excepted
CLOUD_SCALE = 2


def cloud_array(freqs: Sequence[tuple[str, float]], *, font: Path, seed: int) -> np.ndarray:
    """A word cloud (RGB array) of (term, weight) pairs, laid out by the seeded generator.

    Raises:
        MissingGlyphError: If the font lacks a character of a term (the cloud would show boxes).
    """
    from wordcloud import WordCloud

    from pipeline.plotting import PALETTE, MissingGlyphError

    missing = missing_glyphs([t for t, _ in freqs], font)
    if missing:
        raise MissingGlyphError(f"word cloud: {font.name} has no glyph for {''.join(missing)}")
    rank = {t: i for i, (t, _) in enumerate(freqs)}
    colors = PALETTE.reports[:6]

    def color(word: str, *args, **kwargs) -> str:
        return colors[rank.get(word, 0) % len(colors)]

    # The layout is searched on a canvas CLOUD_SCALE times smaller and drawn at full size
    # (wordcloud's `scale`): three times faster than searching the full canvas, and the same
    # picture at this size.
    wc = WordCloud(
        font_path=str(font),
        width=CLOUD_SIZE[0] // CLOUD_SCALE,
        height=CLOUD_SIZE[1] // CLOUD_SCALE,
        scale=CLOUD_SCALE,
        background_color="white",
        prefer_horizontal=1.0,  # Chinese reads badly turned on its side
        random_state=seed,
        max_words=max(1, len(freqs)),
        relative_scaling=RELATIVE_SCALING,
        margin=4 // CLOUD_SCALE,
        color_func=color,
        collocations=False,
    )
    if freqs:
        with _cached_fonts():
            wc.generate_from_frequencies(dict(freqs))
            return wc.to_array()
    return np.full((CLOUD_SIZE[1], CLOUD_SIZE[0], 3), 255, dtype=np.uint8)


# Fonts loaded for clouds, kept for the process's next clouds: each cloud tries ~280 of the
# same ~300 sizes (most for its first word, from the canvas's height down), 0.3 ms a load — 40 %
# of a cloud's time when each cloud loads its own. A font keeps what it measured and drew (~2 MB
# a size after a cloud, ~4 MB after thirty: 1.2 GB a process), so the fonts are dropped every
# _FONT_CLOUDS clouds (~0.8 GB at most, against 0.55 GB for a cloud's own fonts).
_FONTS: dict[tuple, object] = {}
_FONT_CLOUDS = 4
_font_uses = 0


class _FontCache:
    """Stands in for PIL's ImageFont inside wordcloud: the same fonts, each size loaded once
    (wordcloud loads the font file again for every size it tries)."""

    def __init__(self, image_font) -> None:
        self._image_font = image_font

    def truetype(self, font, size, *args, **kwargs):
        key = (str(font), size, args, tuple(sorted(kwargs.items())))
        if key not in _FONTS:
            _FONTS[key] = self._image_font.truetype(font, size, *args, **kwargs)
        return _FONTS[key]

    def __getattr__(self, name: str):
        return getattr(self._image_font, name)


@contextmanager
def _cached_fonts() -> Iterator[None]:
    # Replaces the name ImageFont in wordcloud's module only, for the duration of one cloud.
    import wordcloud.wordcloud as wc_module

    global _font_uses
    if _font_uses >= _FONT_CLOUDS:
        _FONTS.clear()
        _font_uses = 0
    _font_uses += 1
    real = wc_module.ImageFont
    wc_module.ImageFont = _FontCache(real)
    try:
        yield
    finally:
        wc_module.ImageFont = real


_TITLE_BAND = 64  # pixels above a cloud for its title
_TITLE_SIZE = 30


def cloud_image(freqs: Sequence[tuple[str, float]], *, title: str, font: Path, seed: int):
    """A word cloud with its title above, as a PIL image (drawn without matplotlib: a cloud
    is a picture already, and passing it through a figure cost more than the layout).

    Raises:
        MissingGlyphError: If the font lacks a character of a term or of the title.
    """
    from PIL import Image, ImageDraw, ImageFont

    from pipeline.plotting import MissingGlyphError

    missing = missing_glyphs([title], font)
    if missing:
        raise MissingGlyphError(f"cloud title: {font.name} has no glyph for {''.join(missing)}")
    cloud = Image.fromarray(cloud_array(freqs, font=font, seed=seed))
    canvas = Image.new("RGB", (cloud.width, cloud.height + _TITLE_BAND), "white")
    canvas.paste(cloud, (0, _TITLE_BAND))
    ImageDraw.Draw(canvas).text(
        (canvas.width // 2, _TITLE_BAND // 2), title, fill="#222222", anchor="mm",
        font=ImageFont.truetype(str(font), _TITLE_SIZE),
    )  # fmt: skip
    return canvas


def bars_layout(
    tfidf: Sequence[tuple[str, float]], textrank: Sequence[tuple[str, float]], title: str, n: int
):
    """The layout (`pipeline.barchart.Layout`) of a report's two-panel keyword chart."""
    from pipeline import barchart, plotting

    panels = [
        barchart.Panel(
            barchart.simple_rows(items, color), title=method, xlabel="相对得分（最高 = 100）",
            empty_text=plotting.NO_DATA,
        )
        for items, method, color in (
            (tfidf, "TF-IDF", plotting.PALETTE.reports[0]),
            (textrank, "TextRank", plotting.PALETTE.reports[1]),
        )
    ]  # fmt: skip
    return barchart.layout(panels, width_in=11.0, height_in=max(2.5, 1.2 + 0.3 * n),
                           suptitle=title)  # fmt: skip


def bars_figure(
    tfidf: Sequence[tuple[str, float]], textrank: Sequence[tuple[str, float]], title: str, n: int
):
    """The two-panel bar chart of a report's top `n` keywords by each method (a PIL image)."""
    from pipeline import barchart

    return barchart.draw(bars_layout(tfidf, textrank, title, n))


def _title(doc: TermDoc) -> str:
    year = f"{doc.year}年" if doc.year else ""
    return f"{doc.place or doc.doc_id}{year}政府工作报告"


# Figures show scores relative to the report's top keyword (= 100). TF-IDF moves a little for
# every report whenever a report joins the corpus (idf); a figure whose bars moved by at most
# this many points, with no term left out now beating one shown by more, is kept rather than
# redrawn (plotting.Ranking: near-tied terms that swap places do not redraw it).
FIGURE_TOLERANCE = 2.0
# A cloud's font sizes follow its weights at RELATIVE_SCALING times their rate (0.5: a word 4 %
# lighter than the one before it is set 2 % smaller), so its tolerance in points of weight is
# that of the bars divided by it: the same change in what is seen.
CLOUD_TOLERANCE = FIGURE_TOLERANCE / RELATIVE_SCALING


def relative(items: Sequence[tuple[str, float]]) -> list[tuple[str, float]]:
    """Scores as a share of the largest, in points (largest = 100), one decimal."""
    top = max((v for _, v in items), default=0.0)
    return [(t, round(100 * v / top, 1) if top > 0 else 0.0) for t, v in items]


def ranking(scores: Mapping[str, float], n: int):
    """The `n` best terms, relative, and as many again beyond them (to judge a kept figure)."""
    from pipeline import plotting

    return plotting.Ranking(tuple(relative(top_terms(scores, 2 * n))), n)


def write_figures(
    docs: Sequence[TermDoc],
    scores: Mapping[str, Mapping[str, Mapping[str, float]]],
    folder: Path,
    params: KeywordsParams,
    *,
    jobs: int = 1,
) -> list[Path]:
    """Per report a word cloud and a two-panel bar chart, drawn in `jobs` processes when
    many are new; a report whose keywords did not visibly change keeps its figures; stale
    PNGs of the folder removed."""
    from pipeline import plotting

    font = plotting.font_path()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tasks: list[plotting.FigureTask] = []
    for doc in docs:
        by_method = scores[doc.doc_id]
        cloud = ranking(by_method["tfidf"], params.cloud_terms)
        title = f"{_title(doc)}：关键词云（TF-IDF）"
        tasks.append(
            plotting.FigureTask(
                _cloud_task, (list(cloud.drawn), title, font, params.seed),
                folder / f"{doc.doc_id}_cloud.png",
                plotting.figure_key(
                    "cloud-ranked", title, params.seed, params.cloud_terms, CLOUD_SCALE
                ),
                tolerance=CLOUD_TOLERANCE, rankings=(cloud,),
            )
        )  # fmt: skip
        n = params.top_n
        tfidf = ranking(by_method["tfidf"], n)
        textrank = ranking(by_method["textrank"], n)
        title = f"{_title(doc)}：前{n}个关键词"
        tasks.append(
            plotting.FigureTask(
                bars_figure, (list(tfidf.drawn), list(textrank.drawn), title, n),
                folder / f"{doc.doc_id}_bars.png",
                plotting.figure_key("bars-ranked", _title(doc), n),
                tolerance=FIGURE_TOLERANCE, rankings=(tfidf, textrank),
            )
        )  # fmt: skip
    plotting.draw_all(tasks, jobs=jobs)
    written = [t.path for t in tasks]
    keep = {p.name for p in written}
    for stale in folder.glob("*.png"):
        if stale.name not in keep:
            stale.unlink()
    return written


def _cloud_task(cloud: Sequence[tuple[str, float]], title: str, font: Path, seed: int):
    return cloud_image(cloud, title=title, font=font, seed=seed)


# ---------------------------------------------------------------- shell


def run(
    terms_dir: Path, keywords_csv: Path, figures_dir: Path | None, metrics_path: Path,
    params: KeywordsParams, *, jobs: int = 1,
) -> dict:  # fmt: skip
    if params.top_n < 1 or params.cloud_terms < 1:
        raise ValueError("keywords.top_n and keywords.cloud_terms must be at least 1")
    docs = load_term_docs(terms_dir)
    scores, facts = keyword_scores(docs, params)
    rows = keyword_rows(scores, params.top_n)
    write_csv(keywords_csv, rows, COLUMNS)
    if figures_dir is not None:
        write_figures(docs, scores, figures_dir, params, jobs=jobs)
    metrics = {
        "documents": len(docs),
        **facts,
        "top_n": params.top_n,
        "method_overlap_jaccard": method_overlap(rows),
    }
    write_json(metrics_path, metrics)
    return metrics


def main(
    params: Path = typer.Option(Path("params.yaml"), help="params.yaml"),
    terms_dir: Path = typer.Option(..., help="Term files of the terms stage."),
    keywords: Path = typer.Option(..., help="keywords.csv to write."),
    figures: Path = typer.Option(..., help="Folder for the word clouds and bar charts."),
    metrics_path: Path = typer.Option(..., "--metrics", help="Stage metrics JSON."),
) -> None:
    """Run the keywords stage."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        p = config.load_params(params, "keywords")
        m = run(terms_dir, keywords, figures, metrics_path, p,
                jobs=config.load_params(params, "base").jobs)  # fmt: skip
    except (config.ConfigError, ValueError, RuntimeError, OSError) as exc:
        typer.echo(f"keywords: error: {exc}", err=True)
        raise typer.Exit(1) from exc
    log.info("keywords: %d reports, idf from %s", m["documents"], m["idf"])


if __name__ == "__main__":
    from pipeline import run_script

    run_script("pipeline.keywords")
