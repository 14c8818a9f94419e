"""`gwr analyze`: run the pipeline's stage functions in-process on any report files (no DVC).

The layout under the output folder follows shared/spec/outputs.md: tables in ``tables/``,
figures in ``figures/``, the browsable report in ``index.html``, plus ``metrics.json`` and the
intermediate documents in ``interim/``.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline import (
    compare,
    config,
    entities,
    indicators,
    ingest,
    keyness,
    keywords,
    report,
    segment,
    sentiment,
    terms,
    topics,
)
from pipeline.decoding import InputError
from pipeline.manifest import ManifestError, doc_id_from_path, read_manifest
from pipeline.tone_lexicon import default_lexicon_path
from pipeline.types import ManifestRow

log = logging.getLogger(__name__)

REPORT_SUFFIXES = (".txt", ".text")
STAGES_WITH_METRICS = (
    "ingest",
    "segment",
    "entities",
    "indicators",
    "sentiment",
    "terms",
    "keywords",
    "keyness",
)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where `gwr analyze` writes each artefact under its output folder."""

    root: Path

    @property
    def tables(self) -> Path:
        return self.root / "tables"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def interim(self) -> Path:
        return self.root / "interim"

    @property
    def stage_metrics(self) -> Path:
        return self.interim / "metrics"


def collect_files(inputs: Sequence[Path]) -> list[Path]:
    """Report files named on the command line; a folder gives its *.txt files (sorted)."""
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.suffix.lower() in REPORT_SUFFIXES)
            if not found:
                raise InputError(p, "folder holds no .txt report files")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise InputError(p, "file not found")
    return [f.resolve() for f in files]


def plan_rows(files: Sequence[Path], manifest: Path | None) -> list[ManifestRow]:
    """Manifest rows for the files: from the manifest where it lists them, else from the stem."""
    by_file: dict[str, ManifestRow] = {}
    if manifest is not None:
        for row in read_manifest(manifest):
            by_file[row.file] = dataclasses.replace(
                row, file=str((Path(manifest).parent / row.file).resolve())
            )
    if not files:
        if not by_file:
            raise ManifestError("no report files given and no manifest rows to read")
        return list(by_file.values())
    rows: list[ManifestRow] = []
    seen: dict[str, Path] = {}
    for f in files:
        row = by_file.get(f.name) or ManifestRow(doc_id=doc_id_from_path(f), file=str(f))
        row = dataclasses.replace(row, file=str(f))
        if row.doc_id in seen:
            raise ManifestError(
                f"{f}: doc_id {row.doc_id!r} is also the id of {seen[row.doc_id]}; "
                "give a manifest (--manifest) that names them apart"
            )
        seen[row.doc_id] = f
        rows.append(row)
    return rows


def analyze(
    inputs: Sequence[Path],
    out: Path,
    *,
    params_path: Path,
    manifest: Path | None = None,
    on_error: str | None = None,
) -> dict:
    """Run every stage on `inputs`, writing under `out`; returns the merged metrics."""
    params = config.load_all(params_path)
    ingest_params = params["ingest"]
    if on_error is not None:
        ingest_params = dataclasses.replace(
            ingest_params,
            on_error=config.parse_section(
                "ingest",
                {**dataclasses.asdict(ingest_params), "on_error": on_error},
                config.IngestParams,
            ).on_error,
        )
    layout = Layout(Path(out))
    rows = plan_rows(collect_files(inputs), manifest)
    result = ingest.ingest_rows(rows, Path("/"), ingest_params)
    if not result.documents:
        raise InputError(out, "no report could be ingested")
    stage_metrics = layout.stage_metrics / "ingest.json"
    ingest.write_outputs(
        result,
        ingest.IngestOutputs(
            docs_dir=layout.interim / "ingest",
            documents=layout.tables / "documents.csv",
            sections=layout.tables / "sections.csv",
            sentences=layout.tables / "sentences.csv",
            rejected=layout.tables / "rejected.csv",
            metrics=stage_metrics,
        ),
    )
    docs_dir = layout.interim / "ingest"
    seg_dir = layout.interim / "segment"
    cache = layout.interim / "cache"
    policy_terms = segment.default_policy_terms()
    segment.run(
        docs_dir, seg_dir, layout.stage_metrics / "segment.json", params["segment"],
        policy_terms, cache, cache / "segment",
    )  # fmt: skip
    entities.run(
        docs_dir, seg_dir, policy_terms, entities.default_stoplist(), None,
        params["segment"], params["entities"],
        entities.EntityOutputs(
            entities=layout.tables / "entities.csv",
            summary=layout.tables / "entity_summary.csv",
            metrics=layout.stage_metrics / "entities.json",
            figures=layout.figures / "entities",
        ),
        cache,
        jobs=params["base"].jobs,
        result_cache=cache / "entities",
    )  # fmt: skip
    indicators.run(
        docs_dir,
        indicators.default_names(),
        None,
        params["indicators"],
        indicators.IndicatorOutputs(
            indicators=layout.tables / "indicators.csv",
            headlines=layout.tables / "indicator_headlines.csv",
            comparison=layout.tables / "indicator_comparison.csv",
            metrics=layout.stage_metrics / "indicators.json",
            figures=layout.figures / "indicators",
        ),
    )
    # Outside the DVC project the tone gold's sentences are not among the inputs, so the
    # supervised model has nothing to train on: label with the lexicon method (held-out
    # macro-F1 0.90 against 0.92, README) and skip the evaluation's baseline and cross-validation.
    tone = dataclasses.replace(
        params["sentiment"], method="lexicon", baseline="none", cross_validation="none"
    )
    labels = split = None
    sentiment.run(
        docs_dir, seg_dir, default_lexicon_path(), labels, split, tone,
        sentiment.SentimentOutputs(
            sentiment=layout.tables / "sentiment.csv",
            by_report=layout.tables / "sentiment_by_report.csv",
            by_section=layout.tables / "sentiment_by_section.csv",
            problems=layout.tables / "sentiment_problems.csv",
            metrics=layout.stage_metrics / "sentiment.json",
            figures=layout.figures / "sentiment",
        ),
    )  # fmt: skip
    term_dir = layout.interim / "terms"
    terms.run(
        docs_dir,
        seg_dir,
        layout.tables / "entities.csv",
        terms.default_stopwords(),
        terms.default_boilerplate(),
        term_dir,
        layout.tables / "terms.csv",
        layout.stage_metrics / "terms.json",
        params["terms"],
    )
    keywords.run(
        term_dir,
        layout.tables / "keywords.csv",
        layout.figures / "keywords",
        layout.stage_metrics / "keywords.json",
        params["keywords"],
    )
    keyness.run(
        term_dir,
        docs_dir,
        layout.tables / "keyness.csv",
        layout.tables / "term_trends.csv",
        layout.figures / "keyness",
        layout.stage_metrics / "keyness.json",
        params["keyness"],
    )
    stage_metrics = [layout.stage_metrics / f"{name}.json" for name in STAGES_WITH_METRICS]
    try:
        topics.run(
            term_dir,
            layout.tables / "topics.csv",
            layout.tables / "doc_topics.csv",
            layout.tables / "section_topics.csv",
            layout.figures / "topics",
            layout.stage_metrics / "topics.json",
            params["topics"],
        )
        stage_metrics.append(layout.stage_metrics / "topics.json")
    except ValueError as exc:  # a handful of short reports is too little text for topics
        log.warning("topics skipped: %s", exc)
    compare.run(
        compare.CompareInputs(
            term_dir, layout.tables / "entity_summary.csv", layout.tables / "keywords.csv",
            layout.tables / "sentiment_by_report.csv", layout.tables / "indicator_comparison.csv",
            layout.tables / "doc_topics.csv",
        ),
        compare.CompareOutputs(
            layout.tables / "similarity.csv", layout.tables / "peers.csv",
            layout.tables / "alignment.csv", layout.tables / "entity_diffusion.csv",
            layout.tables / "side_by_side.csv", layout.stage_metrics / "compare.json",
            layout.figures / "compare",
        ),
        params["compare"],
    )  # fmt: skip
    stage_metrics.append(layout.stage_metrics / "compare.json")
    inputs = report.ReportInputs(
        documents=layout.tables / "documents.csv", sections=layout.tables / "sections.csv",
        sentences=layout.tables / "sentences.csv",
        entity_summary=layout.tables / "entity_summary.csv",
        entity_figures=layout.figures / "entities",
        indicator_headlines=layout.tables / "indicator_headlines.csv",
        indicator_figures=layout.figures / "indicators",
        tone_by_report=layout.tables / "sentiment_by_report.csv",
        tone_problems=layout.tables / "sentiment_problems.csv",
        tone_figures=layout.figures / "sentiment",
        keywords=layout.tables / "keywords.csv",
        keyword_figures=layout.figures / "keywords",
        keyness_figures=layout.figures / "keyness",
        doc_topics=layout.tables / "doc_topics.csv",
        topic_figures=layout.figures / "topics",
        peers=layout.tables / "peers.csv",
        alignment=layout.tables / "alignment.csv",
        side_by_side=layout.tables / "side_by_side.csv",
        compare_figures=layout.figures / "compare",
        similarity=layout.tables / "similarity.csv",
    )  # fmt: skip
    merged = report.run(
        params["report"], inputs,
        stage_metrics,
        layout.root / "metrics.json", report.SiteOutputs.under(layout.root),
    )  # fmt: skip
    log.info("analyzed %d reports into %s", len(result.documents), out)
    return merged
