"""Report stage: the corpus metrics file and the browsable report researchers read.

Reads: every stage's metrics JSON, and the tables and figures of the other stages found in the
tables and figures folders (documents.csv, sections.csv, sentences.csv, entity_summary.csv,
and, where those stages have run, keywords, keyness, topics, tone and indicator tables).
Writes: reports/metrics.json (all stage metrics under their stage's name), reports/index.html
(the corpus overview), reports/docs/<doc_id>.html (one page per report) and reports/README.md
(a Markdown summary that renders on a code forge). The pages are self-contained: no script,
font or style is fetched; figures are the PNG files beside them; every text from a report is
HTML-escaped.
Params: ``report.title``.
"""

from __future__ import annotations

import html
import logging
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import typer

from pipeline import config
from pipeline.config import ReportParams
from pipeline.io import (
    atomic_write_bytes,
    atomic_write_text,
    read_csv,
    read_json,
    write_json,
    write_text_if_changed,
)

log = logging.getLogger(__name__)

esc = html.escape

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
LEVEL_NAMES = {
    "national": "全国",
    "province": "省级",
    "city": "市级",
    "district": "区级",
    "county": "县级",
}
LABEL_NAMES = {"COMPANY": "企业", "PLACE": "地名", "PROGRAM": "政策与项目"}
FONT_FILE = "NotoSansSC-Regular.otf"
STYLE = """
body { font-family: "GWR Noto Sans SC", "Noto Sans SC", "Noto Sans CJK SC", sans-serif;
       margin: 0; color: #222; line-height: 1.6; }
select, button, input { font-family: inherit; font-size: 15px; }
header { background: #1f3a5f; color: #fff; padding: 0.8em 2em; }
header a { color: #fff; }
main { padding: 1em 2em 3em; max-width: 1200px; }
table { border-collapse: collapse; font-size: 14px; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; }
td:first-child { white-space: nowrap; }
figure { display: inline-block; margin: 0.5em 1em 1em 0; }
figure img { max-width: 560px; border: 1px solid #eee; }
.outline li { margin: 0.1em 0; }
.muted { color: #777; }
.grid { display: flex; flex-wrap: wrap; gap: 1em; }
"""


@dataclass
class Corpus:
    """What the report shows, read from the tables of the other stages."""

    documents: list[dict[str, str]]
    sections: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    sentences: dict[tuple[str, str], str] = field(default_factory=dict)
    entities: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    headlines: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    tone: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    keywords: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    doc_topics: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    peers: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    alignment: dict[str, dict[str, str]] = field(default_factory=dict)
    side_by_side: list[dict[str, str]] = field(default_factory=list)


def merge_metrics(stage_metrics: dict[str, dict]) -> dict:
    """One metrics document: the stages' figures under their names, in a stable order."""
    return {name: stage_metrics[name] for name in sorted(stage_metrics)}


def _group(rows: Iterable[dict[str, str]], key: str) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        out[row[key]].append(row)
    return dict(out)


@dataclass(frozen=True)
class ReportInputs:
    """The tables and figure folders the report reads; optional ones may be None."""

    documents: Path
    sections: Path | None = None
    sentences: Path | None = None
    entity_summary: Path | None = None
    entity_figures: Path | None = None
    indicator_headlines: Path | None = None
    indicator_figures: Path | None = None
    tone_by_report: Path | None = None
    tone_problems: Path | None = None
    tone_figures: Path | None = None
    keywords: Path | None = None
    keyword_figures: Path | None = None
    keyness_figures: Path | None = None
    doc_topics: Path | None = None
    topic_figures: Path | None = None
    peers: Path | None = None
    alignment: Path | None = None
    side_by_side: Path | None = None
    compare_figures: Path | None = None
    similarity: Path | None = None


def load_corpus(inputs: ReportInputs) -> Corpus:
    """Read the tables the report uses."""
    corpus = Corpus(documents=read_csv(inputs.documents))
    if inputs.sections is not None:
        corpus.sections = _group(read_csv(inputs.sections), "doc_id")
    if inputs.sentences is not None:
        corpus.sentences = {
            (r["doc_id"], r["sentence_id"]): r["text"] for r in read_csv(inputs.sentences)
        }
    if inputs.entity_summary is not None:
        corpus.entities = _group(read_csv(inputs.entity_summary), "doc_id")
    if inputs.indicator_headlines is not None:
        corpus.headlines = _group(read_csv(inputs.indicator_headlines), "doc_id")
    if inputs.tone_by_report is not None:
        corpus.tone = {r["doc_id"]: r for r in read_csv(inputs.tone_by_report)}
    if inputs.tone_problems is not None:
        corpus.problems = _group(read_csv(inputs.tone_problems), "doc_id")
    if inputs.keywords is not None:
        corpus.keywords = _group(read_csv(inputs.keywords), "doc_id")
    if inputs.doc_topics is not None and inputs.doc_topics.exists():
        corpus.doc_topics = _group(read_csv(inputs.doc_topics), "doc_id")
    if inputs.peers is not None:
        corpus.peers = _group(read_csv(inputs.peers), "doc_id")
    if inputs.alignment is not None:
        corpus.alignment = {r["doc_id"]: r for r in read_csv(inputs.alignment)}
    if inputs.side_by_side is not None:
        corpus.side_by_side = read_csv(inputs.side_by_side)
    return corpus


# ---------------------------------------------------------------- HTML pieces


def page(title: str, body: str, *, home: str) -> str:
    """A whole page; `home` is the relative link to index.html (the site's root)."""
    root = home.rsplit("/", 1)[0] + "/" if "/" in home else ""
    font = (
        f'@font-face {{ font-family: "GWR Noto Sans SC"; '
        f'src: url("{root}assets/{FONT_FILE}") format("opentype"); }}'
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>{font}{STYLE}</style>
</head>
<body>
<header><a href="{esc(home)}">政府工作报告分析</a> · {esc(title)}</header>
<main>
{body}
</main>
</body>
</html>
"""


def table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()
) -> str:
    """An HTML table; cells are escaped unless they are marked as markup with ``Markup``."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            content = cell.html if isinstance(cell, Markup) else esc(str(cell))
            cls = ' class="num"' if i in numeric else ""
            cells.append(f"<td{cls}>{content}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(body) + "\n</tbody></table>"
    )


@dataclass(frozen=True)
class Markup:
    """Trusted HTML built by this module (links), not text from a report."""

    html: str


def figure(src: str, caption: str) -> str:
    return (
        f'<figure><img src="{esc(src)}" alt="{esc(caption)}">'
        f'<figcaption class="muted">{esc(caption)}</figcaption></figure>'
    )


def _clip(text: str, n: int = 120) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def doc_label(doc: dict[str, str]) -> str:
    year = f"{doc.get('year')}年" if doc.get("year") else ""
    return f"{doc.get('place') or doc['doc_id']}{year}"


# ---------------------------------------------------------------- pages


def render_index(
    title: str, corpus: Corpus, metrics: dict, inputs: ReportInputs, site: Path
) -> str:
    ingest = metrics.get("ingest", {})
    summary = (
        f"{ingest.get('documents', len(corpus.documents))} 份报告，"
        f"{ingest.get('chars', 0):,} 字，{ingest.get('sentences', 0):,} 句"
    )
    rows = []
    for d in corpus.documents:
        link = Markup(f'<a href="docs/{esc(d["doc_id"])}.html">{esc(doc_label(d))}</a>')
        values = [d.get(k, "") for k, _ in DOCUMENT_COLUMNS[1:]]
        values[1] = LEVEL_NAMES.get(values[1], values[1])  # level
        rows.append([link, *values])
    parts = [
        f"<h1>{esc(title)}</h1>",
        f'<p>{esc(summary)}。<a href="compare.html">两份报告对照</a></p>',
        "<h2>报告一览</h2>",
        table([label for _, label in DOCUMENT_COLUMNS], rows, numeric=(7, 8, 9, 10)),
    ]
    folder = inputs.indicator_figures
    if folder is not None and (folder / "growth_targets.png").exists():
        parts += ["<h2>经济增长预期目标</h2>", '<div class="grid">']
        for f in sorted(folder.glob("*.png")):
            parts.append(figure(os.path.relpath(f, site), f.stem))
        parts.append("</div>")
    labels = {d["doc_id"]: doc_label(d) for d in corpus.documents}
    if corpus.side_by_side:
        parts += [
            "<h2>报告对照（按层级、年份）</h2>",
            table(
                [
                    "报告",
                    "积极",
                    "中性",
                    "消极",
                    "经济增长目标",
                    "上年实际",
                    "主要主题",
                    "主要政策与项目",
                ],
                [
                    [
                        labels.get(r["doc_id"], r["doc_id"]),
                        r["positive"],
                        r["neutral"],
                        r["negative"],
                        r["gdp_target"],
                        r["gdp_previous_actual"],
                        r.get("main_topics", ""),
                        r["top_programs"],
                    ]
                    for r in corpus.side_by_side
                ],
                numeric=(1, 2, 3),
            ),
        ]
    for folder, names, heading in (
        (inputs.compare_figures, ["similarity_heatmap.png"], "报告相似度"),
        (inputs.topic_figures, ["doc_topics.png", "topic_terms.png", "coherence.png"], "主题"),
    ):
        found = [folder / n for n in names if folder is not None and (folder / n).exists()]
        if found:
            parts += [f"<h2>{esc(heading)}</h2>", '<div class="grid">']
            parts += [figure(os.path.relpath(f, site), f.stem) for f in found]
            parts.append("</div>")
    tone_fig = inputs.tone_figures / "tone_across_reports.png" if inputs.tone_figures else None
    if tone_fig is not None and tone_fig.exists():
        parts += ["<h2>语气</h2>", figure(os.path.relpath(tone_fig, site), "各报告的语气构成")]
    gold = metrics.get("entities", {}).get("dev_gold", {}).get("by_label")
    if gold:
        parts += [
            "<h2>实体识别质量（开发集）</h2>",
            table(
                ["类别", "精确率", "召回率", "F1"],
                [
                    [LABEL_NAMES.get(k, k), v["precision"], v["recall"], v["f1"]]
                    for k, v in gold.items()
                ],
                numeric=(1, 2, 3),
            ),
        ]
    return page(title, "\n".join(parts), home="index.html")


def render_doc(doc: dict[str, str], corpus: Corpus, inputs: ReportInputs, site: Path) -> str:
    doc_id = doc["doc_id"]
    title = f"{doc_label(doc)}政府工作报告"
    meta = [
        ["标题", doc.get("title", "")],
        ["日期", doc.get("date", "")],
        ["报告人", f"{doc.get('office', '')} {doc.get('speaker', '')}".strip()],
        ["会议", doc.get("session", "")],
        ["层级", LEVEL_NAMES.get(doc.get("level", ""), "")],
        ["字数", doc.get("chars", "")],
        ["句子", doc.get("sentences", "")],
    ]
    parts = [f"<h1>{esc(title)}</h1>", table(["项目", "内容"], meta)]

    outline = corpus.sections.get(doc_id, [])
    if outline:
        items = []
        for s in outline:
            indent = ' style="margin-left:2em"' if s.get("depth") == "2" else ""
            items.append(f"<li{indent}>{esc(s['heading'])}</li>")
        parts += ["<h2>章节结构</h2>", '<ul class="outline">', *items, "</ul>"]

    kws = corpus.keywords.get(doc_id, [])
    if kws:
        by_method = _group(kws, "method")
        parts += [
            "<h2>关键词</h2>",
            table(
                ["方法", "关键词（按得分）"],
                [[m, "、".join(r["term"] for r in by_method[m][:20])] for m in sorted(by_method)],
            ),
        ]
    figs = []
    for folder, suffixes in ((inputs.keyword_figures, ("_cloud", "_bars")),
                             (inputs.keyness_figures, ("_rest", "_doc"))):  # fmt: skip
        for suffix in suffixes:
            f = folder / f"{doc_id}{suffix}.png" if folder is not None else None
            if f is not None and f.exists():
                figs.append(figure(os.path.relpath(f, site / "docs"), suffix.strip("_")))
    if figs:
        parts += ["<h2>关键词与关键性</h2>", '<div class="grid">', *figs, "</div>"]
    topics = corpus.doc_topics.get(doc_id, [])
    if topics:
        top = sorted(topics, key=lambda r: -float(r["share"]))[:5]
        parts += [
            "<h2>主题构成</h2>",
            table(["主题", "占比"], [[r["label"], f"{float(r['share']):.1%}"] for r in top], (1,)),
        ]
    peers = corpus.peers.get(doc_id, [])
    align = corpus.alignment.get(doc_id)
    if peers or align:
        parts.append("<h2>与其他报告比较</h2>")
        labels = {d["doc_id"]: d for d in corpus.documents}
        if peers:
            parts.append(
                table(
                    ["", "报告", "余弦相似度"],
                    [["最相近" if r["kind"] == "nearest" else "最不同",
                      Markup(f'<a href="{esc(r["peer"])}.html">'
                             f'{esc(doc_label(labels.get(r["peer"], {"doc_id": r["peer"]})))}</a>'),
                      r["cosine"]] for r in peers],
                    numeric=(2,),
                )
            )  # fmt: skip
        if align:
            ref = labels.get(align["reference"], {"doc_id": align["reference"]})
            parts.append(
                f"<p>与{esc(doc_label(ref))}政府工作报告的相似度 {esc(align['cosine'])}；"
                f"共同的政策与项目 {esc(align['shared_program_count'])} 个："
                f"{esc(align['shared_programs'])}</p>"
            )
    heads = corpus.headlines.get(doc_id, [])
    if heads:
        kinds = {"actual": "实际", "target": "目标"}
        parts += [
            "<h2>主要指标与目标</h2>",
            table(
                ["类型", "时期", "指标", "数值", "单位", "增速", "限定词", "措辞", "原文"],
                [
                    [
                        kinds.get(h["kind"], h["kind"]),
                        h["period"],
                        h["indicator"],
                        h["value"],
                        h["unit"],
                        "是" if h["change"] == "true" else "",
                        h["qualifier"],
                        h["modal"],
                        h["text"],
                    ]
                    for h in heads
                ],
                numeric=(3,),
            ),
        ]
    tone = corpus.tone.get(doc_id)
    if tone:
        shares = "，".join(
            f"{name} {float(tone[key]):.0%}"
            for key, name in (("positive", "积极"), ("neutral", "中性"), ("negative", "消极"))
        )
        parts += ["<h2>语气</h2>", f"<p>{esc(shares)}；平均得分 {esc(tone['mean_score'])}</p>"]
        fig = inputs.tone_figures / f"tone_by_section_{doc_id}.png" if inputs.tone_figures else None
        if fig is not None and fig.exists():
            parts.append(figure(os.path.relpath(fig, site / "docs"), "各章节的语气"))
        problems = corpus.problems.get(doc_id, [])
        if problems:
            parts += [
                "<h3>承认问题与不足的句子</h3>",
                table(["句子", "得分"], [[p["text"], p["score"]] for p in problems], numeric=(1,)),
            ]
    ents = corpus.entities.get(doc_id, [])
    if ents:
        parts.append("<h2>实体</h2>")
        by_label = _group(ents, "label")
        for label in ("COMPANY", "PLACE", "PROGRAM"):
            rows = sorted(by_label.get(label, []), key=lambda r: (-int(r["count"]), r["entity"]))
            if not rows:
                continue
            parts.append(f"<h3>{esc(LABEL_NAMES[label])}（{len(rows)}）</h3>")
            parts.append(
                table(
                    ["名称", "提及", "例句"],
                    [
                        [
                            r["entity"],
                            r["count"],
                            _clip(
                                corpus.sentences.get((doc_id, r["first_sentence_id"]), "（标题）")
                            ),
                        ]
                        for r in rows[:30]
                    ],
                    numeric=(1,),
                )
            )
    folder = inputs.entity_figures
    figs = sorted(folder.glob(f"{doc_id}_*.png")) if folder is not None and folder.exists() else []
    if figs:
        parts.append('<h2>图表</h2><div class="grid">')
        for f in figs:
            rel = os.path.relpath(f, site / "docs")
            parts.append(figure(rel, f.stem.replace(doc_id + "_", "")))
        parts.append("</div>")
    return page(title, "\n".join(parts), home="../index.html")


def compare_data(corpus: Corpus, similarity: dict[tuple[str, str], float]) -> dict:
    """What the comparison page shows of each report, as JSON for its script."""
    data = {}
    by_doc: dict[str, dict[str, float]] = defaultdict(dict)
    for (a, b), v in similarity.items():  # once over the pairs, not once per report
        by_doc[a][b] = v
        by_doc[b][a] = v
    for d in corpus.documents:
        doc_id = d["doc_id"]
        kws = [r["term"] for r in corpus.keywords.get(doc_id, []) if r["method"] == "tfidf"]
        programs = [
            r["entity"] for r in sorted(corpus.entities.get(doc_id, []),
                                        key=lambda r: (-int(r["count"]), r["entity"]))
            if r["label"] == "PROGRAM"
        ][:20]  # fmt: skip
        tone = corpus.tone.get(doc_id, {})
        targets = [
            f"{h['indicator']} {h['text']}"
            for h in corpus.headlines.get(doc_id, [])
            if h["kind"] == "target"
        ]
        data[doc_id] = {
            "label": doc_label(d), "level": LEVEL_NAMES.get(d.get("level", ""), ""),
            "speaker": d.get("speaker", ""), "keywords": kws[:20], "programs": programs,
            "tone": {k: tone.get(k, "") for k in ("positive", "neutral", "negative")},
            "targets": targets[:12],
            "similarity": dict(by_doc.get(doc_id, {})),
        }  # fmt: skip
    return data


def render_compare(corpus: Corpus, similarity: dict[tuple[str, str], float]) -> str:
    """A page where the reader picks two reports; a small script, no dependency."""
    import json

    payload = json.dumps(compare_data(corpus, similarity), ensure_ascii=False, sort_keys=True)
    payload = payload.replace("</", "<\\/")  # never closes the script element early
    script = resources.files("pipeline.resources").joinpath("compare.js").read_text("utf-8")
    body = f"""<h1>两份报告对照</h1>
<p><select id="a" aria-label="报告甲"></select> 对照 <select id="b" aria-label="报告乙"></select>
<span id="sim" class="muted"></span></p>
<table><thead><tr><th></th><th>报告甲</th><th>报告乙</th></tr></thead>
<tbody id="rows"></tbody></table>
<script type="application/json" id="gwr-data">{payload}</script>
<script>{script}</script>"""
    return page("两份报告对照", body, home="index.html")


def render_readme(title: str, corpus: Corpus, metrics: dict) -> str:
    """A Markdown summary of the run for a code forge."""
    lines = [f"# {title}", ""]
    ingest = metrics.get("ingest", {})
    lines += [
        f"{ingest.get('documents', len(corpus.documents))} reports, "
        f"{ingest.get('chars', 0):,} characters, {ingest.get('sentences', 0):,} sentences. "
        "Open `index.html` for the full report.",
        "",
        "| report | level | year | date | speaker | characters |",
        "|---|---|---|---|---|---|",
    ]
    for d in corpus.documents:
        lines.append(
            f"| [{doc_label(d)}](docs/{d['doc_id']}.html) | {d.get('level', '')} | "
            f"{d.get('year', '')} | {d.get('date', '')} | {d.get('speaker', '')} | "
            f"{d.get('chars', '')} |"
        )
    gold = metrics.get("entities", {}).get("dev_gold", {}).get("by_label")
    if gold:
        lines += [
            "",
            "Entity recognition on the development gold:",
            "",
            "| label | precision | recall | F1 |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {k} | {v['precision']} | {v['recall']} | {v['f1']} |" for k, v in gold.items()
        ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- shell


@dataclass(frozen=True)
class SiteOutputs:
    """Where the report's files go; docs/ and assets/ sit beside index.html."""

    index: Path
    docs: Path
    assets: Path
    readme: Path
    compare: Path | None = None

    @classmethod
    def under(cls, root: Path) -> SiteOutputs:
        return cls(
            root / "index.html",
            root / "docs",
            root / "assets",
            root / "README.md",
            root / "compare.html",
        )


def run(
    params: ReportParams, inputs: ReportInputs, stage_metrics: list[Path], metrics_out: Path,
    out: SiteOutputs,
) -> dict:  # fmt: skip
    """Write metrics.json and the site: index.html, a page per report, the font, README.md."""
    merged = merge_metrics({Path(p).stem: read_json(p) for p in stage_metrics})
    write_json(metrics_out, merged)
    if out.docs.parent != out.index.parent or out.assets.parent != out.index.parent:
        raise ValueError("report: docs/ and assets/ must sit beside index.html")
    site = out.index.parent
    # the CJK font travels with the pages (OFL, from the pylopdf-fonts-zh-cn wheel), so they
    # render on a machine without Chinese fonts and fetch nothing
    from pipeline.plotting import font_path

    font = font_path()
    target = out.assets / FONT_FILE
    if not target.exists() or target.stat().st_size != font.stat().st_size:
        out.assets.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, font.read_bytes())
    corpus = load_corpus(inputs)
    atomic_write_text(out.index, render_index(params.title, corpus, merged, inputs, site))
    out.docs.mkdir(parents=True, exist_ok=True)
    keep = set()
    for doc in corpus.documents:
        name = f"{doc['doc_id']}.html"
        keep.add(name)
        write_text_if_changed(out.docs / name, render_doc(doc, corpus, inputs, site))
    for stale in out.docs.glob("*.html"):
        if stale.name not in keep:
            stale.unlink()
    atomic_write_text(out.readme, render_readme(params.title, corpus, merged))
    if out.compare is not None:
        similarity: dict[tuple[str, str], float] = {}
        if inputs.similarity is not None:
            for r in read_csv(inputs.similarity):
                similarity[(r["doc_id_a"], r["doc_id_b"])] = float(r["cosine"])
        atomic_write_text(out.compare, render_compare(corpus, similarity))
    log.info("report written to %s", out.index)
    return merged


def main(
    params: Path = typer.Option(Path("params.yaml"), help="params.yaml"),
    documents: Path = typer.Option(..., help="documents.csv"),
    sections: Path = typer.Option(None, help="sections.csv"),
    sentences: Path = typer.Option(None, help="sentences.csv"),
    entity_summary: Path = typer.Option(None, help="entity_summary.csv"),
    entity_figures: Path = typer.Option(None, help="Folder of the entity charts."),
    indicator_headlines: Path = typer.Option(None, help="indicator_headlines.csv"),
    indicator_figures: Path = typer.Option(None, help="Folder of the indicator charts."),
    tone_by_report: Path = typer.Option(None, help="sentiment_by_report.csv"),
    tone_problems: Path = typer.Option(None, help="sentiment_problems.csv"),
    tone_figures: Path = typer.Option(None, help="Folder of the tone charts."),
    keywords: Path = typer.Option(None, help="keywords.csv"),
    keyword_figures: Path = typer.Option(None, help="Folder of the keyword charts."),
    keyness_figures: Path = typer.Option(None, help="Folder of the keyness charts."),
    doc_topics: Path = typer.Option(None, help="doc_topics.csv"),
    topic_figures: Path = typer.Option(None, help="Folder of the topic charts."),
    peers: Path = typer.Option(None, help="peers.csv"),
    alignment: Path = typer.Option(None, help="alignment.csv"),
    side_by_side: Path = typer.Option(None, help="side_by_side.csv"),
    compare_figures: Path = typer.Option(None, help="Folder of the comparison charts."),
    similarity: Path = typer.Option(None, help="similarity.csv"),
    stage_metrics: list[Path] = typer.Option(..., "--stage-metrics", help="A stage's metrics."),
    metrics_out: Path = typer.Option(..., "--metrics", help="The merged metrics.json."),
    index: Path = typer.Option(..., help="index.html to write."),
    docs: Path = typer.Option(..., help="Folder for a page per report (beside index.html)."),
    assets: Path = typer.Option(..., help="Folder for the font (beside index.html)."),
    readme: Path = typer.Option(..., help="README.md to write."),
    compare: Path = typer.Option(None, help="compare.html to write (beside index.html)."),
) -> None:
    """Run the report stage."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    inputs = ReportInputs(
        documents=documents, sections=sections, sentences=sentences,
        entity_summary=entity_summary, entity_figures=entity_figures,
        indicator_headlines=indicator_headlines, indicator_figures=indicator_figures,
        tone_by_report=tone_by_report, tone_problems=tone_problems, tone_figures=tone_figures,
        keywords=keywords, keyword_figures=keyword_figures, keyness_figures=keyness_figures,
        doc_topics=doc_topics, topic_figures=topic_figures, peers=peers, alignment=alignment,
        side_by_side=side_by_side, compare_figures=compare_figures, similarity=similarity,
    )  # fmt: skip
    try:
        out = SiteOutputs(index, docs, assets, readme, compare)
        run(config.load_params(params, "report"), inputs, stage_metrics, metrics_out, out)
    except (config.ConfigError, FileNotFoundError, ValueError) as exc:
        typer.echo(f"report: error: {exc}", err=True)
        raise typer.Exit(1) from exc


if __name__ == "__main__":
    from pipeline import run_script

    run_script("pipeline.report")
