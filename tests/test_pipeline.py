"""The whole pipeline under DVC on a mini corpus (STYLE.md point 13).

A throw-away project in tmp_path holds dvc.yaml, params.yaml, pipeline/ (and any other input a
stage declares, e.g. gold sets) and three reports in three layouts: the Weihai report (header
on separate lines), the State Council 2019 report (no header, starts at 各位代表) and Shanghai
2021 (flattened into a few very long lines).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.io import read_csv

DOC_IDS = ("city_weihai_2022", "national_guowuyuan_2019", "province_shanghai_2021")
EDITED = "province_shanghai_2021"
ADDED_SENTENCE = "我们要再接再厉，奋力谱写新篇章。"

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, f"{' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


def _sentence_rows(path: Path) -> dict[str, list[list[str]]]:
    """sentences.csv rows (as written, every cell a string) by doc_id."""
    rows: dict[str, list[list[str]]] = {}
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    header = next(reader)
    assert header[:7] == ["doc_id", "sentence_id", "section_id", "paragraph_id", "start", "end",
                          "text"]  # fmt: skip
    for row in reader:
        rows.setdefault(row[0], []).append(row)
    return rows


@pytest.fixture(scope="module")
def mini_project(tmp_path_factory, project_root: Path, load_dvc_stages, dvc_entry_path):
    """A fresh git + DVC project with the real stages and three bundled reports."""
    root = tmp_path_factory.mktemp("mini")
    for name in ("dvc.yaml", "params.yaml"):
        shutil.copy2(project_root / name, root / name)
    shutil.copytree(
        project_root / "pipeline", root / "pipeline", ignore=shutil.ignore_patterns("__pycache__")
    )
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    manifest = read_csv(project_root / "data" / "raw" / "reports.csv")
    rows = [r for r in manifest if r["doc_id"] in DOC_IDS]
    assert [r["doc_id"] for r in rows] == list(DOC_IDS)
    for r in rows:
        shutil.copy2(project_root / "data" / "raw" / r["file"], raw / r["file"])
    with open(raw / "reports.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(manifest[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    # Any other declared input (a gold set, a lexicon outside pipeline/) comes along.
    stages = load_dvc_stages(root)
    produced = {dvc_entry_path(e) for s in stages.values() for k in ("outs", "metrics", "plots")
                for e in s.get(k, []) or []}  # fmt: skip
    for stage in stages.values():
        for dep in map(dvc_entry_path, stage.get("deps", []) or []):
            src, dst = project_root / dep, root / dep
            if dep in produced or dst.exists() or not src.exists():
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(src, dst)

    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
        "DVC_NO_ANALYTICS": "1",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    _run(["git", "init", "-q"], root, env)
    _run(["dvc", "init", "-q"], root, env)
    _run(["dvc", "config", "core.analytics", "false"], root, env)
    return root, env


@pytest.fixture(scope="module")
def first_run(mini_project):
    root, env = mini_project
    proc = _run(["dvc", "repro"], root, env)
    return root, env, proc


def test_repro_builds_every_output(first_run, load_dvc_stages, dvc_entry_path) -> None:
    root, _, _ = first_run
    stages = load_dvc_stages(root)
    for name, stage in stages.items():
        for kind in ("outs", "metrics", "plots"):
            for out in map(dvc_entry_path, stage.get(kind, []) or []):
                assert (root / out).exists(), f"stage {name}: {out} was not written"
    assert (root / "dvc.lock").is_file()


def test_repro_tables_and_metrics(first_run) -> None:
    root, _, _ = first_run
    documents = read_csv(root / "reports" / "tables" / "documents.csv")
    assert [d["doc_id"] for d in documents] == list(DOC_IDS)
    manifest = read_csv(root / "data" / "raw" / "reports.csv")
    # manifest metadata wins over the header
    assert [(d["place"], d["level"], d["year"]) for d in documents] == [
        (m["place"], m["level"], m["year"]) for m in manifest
    ]
    assert [d["level"] for d in documents] == ["city", "national", "province"]
    assert documents[0]["speaker"] == "闫剑波" and documents[0]["date"] == "2022-02-23"
    metrics = json.loads((root / "reports" / "metrics.json").read_text(encoding="utf-8"))
    ingest = metrics["ingest"]
    assert ingest["documents"] == 3
    assert ingest["rejected"] == 0
    assert ingest["body_chars_in"] == ingest["body_chars_covered"] > 10_000
    html = (root / "reports" / "index.html").read_text(encoding="utf-8")
    assert all(doc_id in html for doc_id in DOC_IDS)


def test_repro_sentence_offsets(first_run) -> None:
    root, _, _ = first_run
    texts = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))["text"]
        for p in (root / "data" / "interim" / "ingest").glob("*.json")
    }
    assert sorted(texts) == list(DOC_IDS)
    for doc_id, rows in _sentence_rows(root / "reports" / "tables" / "sentences.csv").items():
        for row in rows:
            assert texts[doc_id][int(row[4]) : int(row[5])] == row[6]


def test_second_repro_has_nothing_to_do(first_run) -> None:
    root, env, _ = first_run
    proc = _run(["dvc", "repro"], root, env)
    output = proc.stdout + proc.stderr
    assert "Running stage" not in output
    assert "up to date" in output
    status = _run(["dvc", "status"], root, env)
    assert "up to date" in status.stdout, status.stdout


def test_editing_one_report_reruns_and_changes_only_its_rows(first_run) -> None:
    root, env, _ = first_run
    sentences_csv = root / "reports" / "tables" / "sentences.csv"
    docs_dir = root / "data" / "interim" / "ingest"
    before = _sentence_rows(sentences_csv)
    docs_before = {p.name: p.read_bytes() for p in docs_dir.glob("*.json")}

    raw = root / "data" / "raw"
    report = raw / f"{EDITED}.txt"
    with open(report, "a", encoding="utf-8") as fh:
        fh.write(f"\n{ADDED_SENTENCE}\n")
    # keep the manifest's checksum true to the file, as `gwr add` would have written it
    manifest = raw / "reports.csv"
    rows = read_csv(manifest)
    for r in rows:
        if r["doc_id"] == EDITED:
            r["sha256"] = hashlib.sha256(report.read_bytes()).hexdigest()
    with open(manifest, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    status = _run(["dvc", "status"], root, env)
    assert "changed deps" in status.stdout
    proc = _run(["dvc", "repro"], root, env)
    assert "Running stage 'ingest'" in proc.stdout

    after = _sentence_rows(sentences_csv)
    assert sorted(after) == list(DOC_IDS)
    for doc_id in DOC_IDS:
        if doc_id != EDITED:
            assert after[doc_id] == before[doc_id], doc_id
            name = f"{doc_id}.json"
            assert (docs_dir / name).read_bytes() == docs_before[name], name
    assert after[EDITED] != before[EDITED]
    assert after[EDITED][: len(before[EDITED]) - 1] == before[EDITED][:-1]
    assert after[EDITED][-1][6] == ADDED_SENTENCE
    metrics = json.loads((root / "reports" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["ingest"]["body_chars_in"] == metrics["ingest"]["body_chars_covered"]
    assert "up to date" in _run(["dvc", "status"], root, env).stdout


def test_gwr_add_brings_a_report_into_every_comparison(first_run) -> None:
    """issue 7: a report added with `gwr add` is in every comparison table after `dvc repro`."""
    root, env, _ = first_run
    extra = root / "extra.txt"
    source = Path(__file__).resolve().parent.parent / "data" / "raw" / "province_henan_2026.txt"
    extra.write_text(source.read_text("utf-8"), "utf-8")
    _run([sys.executable, "-m", "pipeline.cli", "add", str(extra), "--doc-id", "henan_added",
          "--raw-dir", str(root / "data" / "raw")], root, env)  # fmt: skip
    _run(["dvc", "repro"], root, env)
    tables = root / "reports" / "tables"
    similarity = read_csv(tables / "similarity.csv")
    assert sum("henan_added" in (r["doc_id_a"], r["doc_id_b"]) for r in similarity) == len(DOC_IDS)
    for name in (
        "peers.csv",
        "side_by_side.csv",
        "doc_topics.csv",
        "keywords.csv",
        "sentiment_by_report.csv",
        "indicator_headlines.csv",
        "documents.csv",
    ):
        assert any(r["doc_id"] == "henan_added" for r in read_csv(tables / name)), name
    assert (root / "reports" / "docs" / "henan_added.html").exists()
    assert "henan_added" in (root / "reports" / "compare.html").read_text("utf-8")
