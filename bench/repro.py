"""Whole-pipeline benchmark (issue 8): `dvc repro` on the bundled corpus and on scaled copies.

For each scale N it builds a throw-away DVC project in a temporary folder (the project's code,
params and gold; N reports made by replicating the bundled ones under new doc_ids), then times:
a full `dvc repro`, a no-op `dvc repro`, and the re-run after adding one report with `gwr add`.
Peak RSS is the largest of the stage processes (getrusage of the children). Results go to
bench/results_repro.json and a table on stdout.

Run: ``python bench/repro.py --scales 30,100`` (each scale takes minutes; 1,000 reports take
tens of minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(cmd: list[str], cwd: Path, env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)  # fmt: skip
    return round(time.perf_counter() - t0, 2)


def make_project(folder: Path, n: int) -> list[dict]:
    """A DVC project in `folder` with `n` reports replicated from data/raw."""
    for name in ("dvc.yaml", "params.yaml"):
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(ROOT / "pipeline", folder / "pipeline",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    shutil.copytree(ROOT / "data" / "gold", folder / "data" / "gold")
    raw = folder / "data" / "raw"
    raw.mkdir(parents=True)
    with open(ROOT / "data" / "raw" / "reports.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for i in range(n):
        src = rows[i % len(rows)]
        copy = i // len(rows)
        doc_id = src["doc_id"] if copy == 0 else f"{src['doc_id']}_r{copy}"
        shutil.copy(ROOT / "data" / "raw" / src["file"], raw / f"{doc_id}.txt")
        out.append({**src, "doc_id": doc_id, "file": f"{doc_id}.txt", "sha256": ""})
    with open(raw / "reports.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(out[0]))
        w.writeheader()
        w.writerows(sorted(out, key=lambda r: r["doc_id"]))
    return out


def bench_scale(n: int, env: dict) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"gwr-bench-{n}-") as tmp:
        folder = Path(tmp)
        rows = make_project(folder, n)
        for cmd in (["git", "init", "-q"], ["dvc", "init", "-q"],
                    ["dvc", "config", "core.analytics", "false"]):  # fmt: skip
            subprocess.run(cmd, cwd=folder, env=env, check=True, capture_output=True)
        chars = sum((folder / "data" / "raw" / r["file"]).stat().st_size for r in rows) // 3
        full = _run(["dvc", "repro"], folder, env)
        noop = _run(["dvc", "repro"], folder, env)
        # one more report: a bundled one under a new id (gwr add refuses identical content,
        # so the copy gets one extra line)
        extra = folder / "extra.txt"
        text = (ROOT / "data" / "raw" / "city_weihai_2022.txt").read_text("utf-8")
        extra.write_text(text + "\n各位代表，让我们共同努力。\n", "utf-8")
        subprocess.run([sys.executable, "-m", "pipeline.cli", "add", str(extra), "--doc-id",
                        "added_report", "--raw-dir", str(folder / "data" / "raw")],
                       cwd=folder, env=env, check=True, capture_output=True)  # fmt: skip
        added = _run(["dvc", "repro"], folder, env)
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "reports": n, "chars": chars, "full_repro_s": full, "noop_repro_s": noop,
        "add_one_report_s": added, "add_one_ratio": round(added / full, 3),
        "full_chars_per_s": round(chars / full), "peak_rss_mb_so_far": round(rss_kb / 1024),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="30", help="comma-separated report counts")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results_repro.json")
    args = parser.parse_args()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    results = [bench_scale(int(n), env) for n in args.scales.split(",")]
    args.out.write_text(json.dumps({"scales": results}, ensure_ascii=False, indent=2) + "\n")
    print(f"{'reports':>8} {'chars':>11} {'full s':>8} {'no-op s':>8} {'+1 s':>7} {'+1/full':>8}"
          f" {'chars/s':>8} {'peak MB':>8}")  # fmt: skip
    for r in results:
        print(f"{r['reports']:>8} {r['chars']:>11,} {r['full_repro_s']:>8} {r['noop_repro_s']:>8}"
              f" {r['add_one_report_s']:>7} {r['add_one_ratio']:>8} {r['full_chars_per_s']:>8,}"
              f" {r['peak_rss_mb_so_far']:>8}")  # fmt: skip
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
