from __future__ import annotations

from pathlib import Path

from pipeline import config, report
from pipeline.io import write_csv, write_json

ROOT = Path(__file__).resolve().parent.parent


def _tables(tmp_path: Path) -> report.ReportInputs:
    tables, figures = tmp_path / "tables", tmp_path / "figures"
    write_csv(
        tables / "documents.csv",
        [{"doc_id": "w", "place": "威海市", "level": "city", "year": "2022", "title": "政府工作报告",
          "date": "2022-02-23", "speaker": "闫剑波<script>", "chars": "10", "sections": "1",
          "paragraphs": "1", "sentences": "1", "office": "市长", "session": ""}],
    )  # fmt: skip
    write_csv(
        tables / "sections.csv",
        [{"doc_id": "w", "section_id": "s01", "depth": "1", "heading": "一、回顾&展望"}],
    )
    write_csv(
        tables / "sentences.csv",
        [{"doc_id": "w", "sentence_id": "1", "text": "威高集团<b>成长</b>。"}],
    )
    write_csv(
        tables / "entity_summary.csv",
        [{"doc_id": "w", "label": "COMPANY", "entity": "威高集团", "count": "1",
          "sentences": "1", "first_sentence_id": "1"}],
    )  # fmt: skip
    (figures / "entities").mkdir(parents=True)
    (figures / "entities" / "w_COMPANY.png").write_bytes(b"\x89PNG")
    return report.ReportInputs(
        tables / "documents.csv",
        tables / "sections.csv",
        tables / "sentences.csv",
        tables / "entity_summary.csv",
        figures / "entities",
    )


def test_site_pages_escape_report_text_and_link_figures(tmp_path: Path) -> None:
    inputs = _tables(tmp_path)
    write_json(tmp_path / "ingest.json", {"documents": 1, "chars": 10, "sentences": 1})
    params = config.load_params(ROOT / "params.yaml", "report")
    site = tmp_path
    merged = report.run(params, inputs, [tmp_path / "ingest.json"],
                        tmp_path / "metrics.json", report.SiteOutputs.under(site))  # fmt: skip
    assert merged == {"ingest": {"documents": 1, "chars": 10, "sentences": 1}}
    index = (site / "index.html").read_text("utf-8")
    doc = (site / "docs" / "w.html").read_text("utf-8")
    assert 'href="docs/w.html"' in index
    assert "<script>" not in index and "闫剑波&lt;script&gt;" in index
    assert "威高集团&lt;b&gt;成长&lt;/b&gt;。" in doc and "<b>成长" not in doc
    assert "一、回顾&amp;展望" in doc
    assert 'src="../figures/entities/w_COMPANY.png"' in doc
    assert (site / "assets" / report.FONT_FILE).stat().st_size > 1_000_000
    assert 'url("../assets/' in doc and 'url("assets/' in index
    assert "[威海市2022年](docs/w.html)" in (site / "README.md").read_text("utf-8")


def test_stale_report_pages_are_removed(tmp_path: Path) -> None:
    inputs = _tables(tmp_path)
    write_json(tmp_path / "ingest.json", {})
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "gone.html").write_text("x")
    params = config.load_params(ROOT / "params.yaml", "report")
    report.run(
        params,
        inputs,
        [tmp_path / "ingest.json"],
        tmp_path / "m.json",
        report.SiteOutputs.under(tmp_path),
    )
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == ["w.html"]


def test_the_command_line_passes_every_input(tmp_path: Path) -> None:
    """Every table the pages can show is an option of the stage's command (dvc.yaml uses it)."""
    import dataclasses

    import typer
    from typer.testing import CliRunner

    inputs = _tables(tmp_path)
    tables = inputs.documents.parent
    write_csv(
        tables / "keywords.csv",
        [{"doc_id": "w", "method": "tfidf", "rank": "1", "term": "海洋", "score": "0.5"}],
    )
    write_csv(tables / "tone.csv",
              [{"doc_id": "w", "positive": "0.3", "neutral": "0.6", "negative": "0.1",
                "mean_score": "0.2"}])  # fmt: skip
    write_json(tmp_path / "ingest.json", {})
    app = typer.Typer()
    app.command()(report.main)
    args = ["--params", str(ROOT / "params.yaml"), "--stage-metrics", str(tmp_path / "ingest.json"),
            "--metrics", str(tmp_path / "m.json"), "--index", str(tmp_path / "index.html"),
            "--docs", str(tmp_path / "docs"), "--assets", str(tmp_path / "assets"),
            "--readme", str(tmp_path / "README.md"), "--keywords", str(tables / "keywords.csv"),
            "--tone-by-report", str(tables / "tone.csv")]  # fmt: skip
    for f in dataclasses.fields(report.ReportInputs):
        value = getattr(inputs, f.name)
        if value is not None:
            args += [f"--{f.name.replace('_', '-')}", str(value)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    page = (tmp_path / "docs" / "w.html").read_text("utf-8")
    assert "关键词" in page and "海洋" in page  # keywords reached the page
    assert "语气" in page and "积极 30%" in page  # and tone
