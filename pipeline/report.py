"""Report stage: the corpus metrics file and the browsable HTML report.

Reads: every stage's metrics JSON and the documents table.
Writes: reports/metrics.json (all stage metrics under their stage's name) and reports/index.html.
Params: ``report.title``.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

import typer

from pipeline import config
from pipeline.config import ReportParams
from pipeline.io import atomic_write_text, read_csv, read_json, write_json

log = logging.getLogger(__name__)

DOCUMENT_COLUMNS = (
    ("doc_id", "报告"),
    ("place", "地区"),
    ("level", "层级"),
    ("year", "年份"),
    ("title", "标题"),
    ("date", "日期"),
    ("speaker", "报告人"),
    ("chars", "字数"),
    ("sections", "章节"),
    ("paragraphs", "段落"),
    ("sentences", "句子"),
)


def merge_metrics(stage_metrics: dict[str, dict]) -> dict:
    """One metrics document: the stages' figures under their names, in a stable order."""
    return {name: stage_metrics[name] for name in sorted(stage_metrics)}


def render_index(title: str, documents: list[dict[str, str]], metrics: dict) -> str:
    """A self-contained HTML page (no external scripts, fonts or styles); all text escaped."""
    esc = html.escape
    head = "".join(f"<th>{esc(label)}</th>" for _, label in DOCUMENT_COLUMNS)
    body = "\n".join(
        "<tr>"
        + "".join(f"<td>{esc(str(d.get(k, '')))}</td>" for k, _ in DOCUMENT_COLUMNS)
        + "</tr>"
        for d in documents
    )
    ingest = metrics.get("ingest", {})
    summary = (
        f"{ingest.get('documents', 0)} 份报告，{ingest.get('chars', 0):,} 字，"
        f"{ingest.get('sentences', 0):,} 句"
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>
body {{ font-family: "Noto Sans SC", "Noto Sans CJK SC", sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; font-size: 14px; }}
th, td {{ border: 1px solid #ccc; padding: 4px 8px; text-align: left; }}
th {{ background: #f3f3f3; }}
</style>
</head>
<body>
<h1>{esc(title)}</h1>
<p>{esc(summary)}</p>
<h2>报告一览</h2>
<table>
<thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody>
</table>
</body>
</html>
"""


def run(
    params: ReportParams,
    documents: Path,
    stage_metrics: list[Path],
    metrics_out: Path,
    index_out: Path,
) -> dict:
    merged = merge_metrics({Path(p).stem: read_json(p) for p in stage_metrics})
    write_json(metrics_out, merged)
    atomic_write_text(index_out, render_index(params.title, read_csv(documents), merged))
    log.info("report written to %s", index_out)
    return merged


def main(
    params: Path = typer.Option(Path("params.yaml"), help="params.yaml"),
    documents: Path = typer.Option(..., help="documents.csv"),
    stage_metrics: list[Path] = typer.Option(..., "--stage-metrics", help="A stage's metrics."),
    metrics_out: Path = typer.Option(..., "--metrics", help="The merged metrics.json."),
    index: Path = typer.Option(..., help="index.html to write."),
) -> None:
    """Run the report stage."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        run(config.load_params(params, "report"), documents, stage_metrics, metrics_out, index)
    except (config.ConfigError, FileNotFoundError) as exc:
        typer.echo(f"report: error: {exc}", err=True)
        raise typer.Exit(1) from exc


if __name__ == "__main__":
    typer.run(main)
