"""Smoke test of the benchmark's helpers (bench/run.py is a script, loaded from its path)."""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _eval_entities():
    spec = importlib.util.spec_from_file_location("eval_entities", ROOT / "bench/eval_entities.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# eval_entities' relaying options, all off: the gold texts as they are
_AS_WRITTEN = dict(traditional=False, ascii_punct=False, wrap=0, spaced=False, html=False)


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_stage_times_from_dvc_output() -> None:
    bench = _bench()
    events = [
        (0.0, "Running stage 'ingest':\n"),
        (0.1, "> python -m pipeline.ingest …\n"),
        (2.0, "Running stage 'segment':\n"),
        (3.0, "Stage 'entities' didn't change, skipping\n"),
    ]
    assert bench.stage_times(events, end=5.5) == {"ingest": 2.0, "segment": 3.5}
    assert bench.stage_times([(0.0, "Data and pipelines are up to date.\n")], end=1.0) == {}


def test_make_project_replicates_reports_under_new_ids(tmp_path) -> None:
    bench = _bench()
    with open(ROOT / "data" / "raw" / "reports.csv", encoding="utf-8") as fh:
        bundled = len(list(csv.DictReader(fh)))
    rows = bench.make_project(tmp_path, bundled + 2)
    ids = [r["doc_id"] for r in rows]
    assert len(set(ids)) == bundled + 2
    assert ids[bundled].endswith("_r1") and ids[bundled][:-3] == ids[0]
    assert (tmp_path / "dvc.yaml").exists() and (tmp_path / "pipeline" / "segment.py").exists()
    with open(tmp_path / "data" / "raw" / "reports.csv", encoding="utf-8") as fh:
        manifest = list(csv.DictReader(fh))
    assert sorted(r["doc_id"] for r in manifest) == sorted(ids)
    assert all((tmp_path / "data" / "raw" / r["file"]).exists() for r in manifest)


def test_table_prints_scales_with_and_without_the_add_one_run(capsys) -> None:
    bench = _bench()
    run = {"seconds": 10.0, "stages": {"ingest": 4.0, "report": 6.0}, "peak_rss_mb": 100,
           "peak_tree_rss_mb": 150}  # fmt: skip
    noop = {"seconds": 1.0, "stages": {}, "peak_rss_mb": 50, "peak_tree_rss_mb": 50}
    small = bench._scale_result(30, 600_000, run, noop, {**run, "seconds": 2.0})
    big = bench._scale_result(1000, 20_000_000, {**run, "seconds": 100.0}, noop, None)
    assert small["add_one_ratio"] == 0.2 and big["add_one_ratio"] is None
    # each scale says which commit it measured (a file filled by --append mixes runs)
    assert re.fullmatch(r"(?:[0-9a-f]{7,}|unknown)(?:\+dirty)?", small["measured"]["commit"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", small["measured"]["date"])
    assert small["per_stage"]["ingest"] == {"seconds": 4.0, "chars_per_s": 150_000, "share": 0.4}
    bench.print_table({"machine": {"cpus": 2}, "scales": [small, big]})
    out = capsys.readouterr().out
    assert "1000" in out and "×10.0" in out
    assert f"30 reports at {small['measured']['commit']}" in out
    # per stage: the add-one seconds where that run was made, "-" where it was not
    ingest = next(line for line in out.splitlines() if line.startswith("ingest"))
    cells = re.findall(r"(\d+\.\d) /\s+(\S+)\s+\(", ingest)
    assert cells == [("4.0", "4.0"), ("4.0", "-")]
    assert "dvc repro -f" not in out and "forced" not in small  # no floor measured


def test_the_floor_of_a_rerun_is_recorded_and_printed(capsys) -> None:
    bench = _bench()
    run = {"seconds": 10.0, "stages": {"ingest": 4.0, "report": 6.0}, "peak_rss_mb": 100,
           "peak_tree_rss_mb": 150}  # fmt: skip
    noop = {"seconds": 1.0, "stages": {}, "peak_rss_mb": 50, "peak_tree_rss_mb": 50}
    forced = {**run, "seconds": 4.5, "peak_rss_mb": 120}
    r = bench._scale_result(30, 600_000, run, noop, {**run, "seconds": 5.0}, forced)
    assert r["forced"] == forced and r["forced_ratio"] == 0.45
    bench.print_table({"machine": {"cpus": 2}, "scales": [r]})
    out = capsys.readouterr().out
    assert "30 reports, dvc repro -f with every report cached" in out and "4.5 s (45 %" in out


def _wrapped_text():
    spec = importlib.util.spec_from_file_location(
        "wrapped_text", ROOT / "bench" / "wrapped_text.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_print_layout_generator_and_its_report(capsys) -> None:
    wt = _wrapped_text()
    text = "标题\n" + "这是一个很长的段落，" * 10 + "结束。\n短段落。"
    lines = wt.print_layout(text, 20, indent=True).split("\n")
    assert (
        lines[0] == "\u3000\u3000标题"
        and len(lines[1]) == 20
        and lines[1].startswith("\u3000\u3000")
    )
    assert "".join(x.strip() for x in lines) == "".join(text.split())  # nothing added or lost
    wt.main(["province_gansu_2026"])
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("10 wrapped files: the original's sentences in 10, sections in 10")


def test_per_report_total_uses_the_pipelines_pos_mode(tmp_path) -> None:
    # "all per-report stages" must add up the rows of the POS mode `dvc repro` runs with
    # (params segment.pos), not the other mode's
    import yaml

    bench = _bench()
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    for mode in ("lexicon", "posseg"):
        params["segment"]["pos"] = mode
        path = tmp_path / f"params_{mode}.yaml"
        path.write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
        rows = bench.bench_throughput(path, limit=1)["rows"]
        parts = ("ingest", f"segment (pos={mode})", f"entities (pos={mode})", "indicators",
                 "sentiment (labelling)", "terms")  # fmt: skip
        total = rows["all per-report stages"]["seconds"]
        assert abs(total - sum(rows[p]["seconds"] for p in parts)) < 0.01


def test_the_letter_spacing_perturbation_of_the_entity_evaluation() -> None:
    module = _eval_entities()
    text = "标题\n\n\u3000\u3000第一行文字\n第二行\n第三行"
    assert module.letter_spaced(text) == "标题\n\n\u3000\u3000第 一 行 文 字\n第二行\n第 三 行"
    assert "，".translate(module.ASCII_PUNCT) == ","


def test_false_negatives_are_counted_by_kind_without_their_strings() -> None:
    module = _eval_entities()
    found = {"长沙": {"PLACE"}, "长沙经开区建设": {"PROGRAM"}, "海螺": {"COMPANY"}}
    places = {"长沙"}.__contains__
    kind = module.miss_kind
    assert kind("长沙经开区", found, places) == ("inside a found PROGRAM", "zone word, 5+ chars")
    assert kind("长沙县城", found, places) == ("around a found PLACE", "other, 4 chars")
    assert kind("海螺", {"海螺": {"PROGRAM"}}, places) == (
        "same string as PROGRAM",
        "other, 2 chars",
    )
    assert kind("洞庭湖", found, places) == ("nothing found", "natural feature, 3 chars")
    assert kind("长沙", {}, places) == ("nothing found", "gazetteer place, 2 chars")


def test_false_positives_are_counted_by_kind_without_their_strings() -> None:
    kind = _eval_entities().false_kind
    assert kind("长沙经开区建设", ["长沙经开区"], {"rules"}) == ("around a missed one", "rules")
    assert kind("长沙", ["长沙经开区"], {"ruler", "model"}) == (
        "inside a missed one",
        "model/ruler",
    )
    assert kind("海螺", [], ()) == ("no missed one near", "?")


def test_topic_seeds_choose_k_for_each_seed_as_the_topics_stage_does() -> None:
    from pipeline.terms import TermDoc, TermSentence
    from pipeline.topics import TopicsParams, analyse

    spec = importlib.util.spec_from_file_location("topic_seeds", ROOT / "bench/topic_seeds.py")
    seeds_mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(seeds_mod)
    themes = (
        ["海洋", "渔业", "港口", "牧场", "渔船", "海岸"],
        ["科技", "创新", "人才", "芯片", "研发", "实验室"],
    )

    def doc(doc_id: str, words: list[str]) -> TermDoc:
        paragraphs = [words[i:] + words[:i] for i in range(6)]
        sents = [
            TermSentence(i, "s01", i, [(0, len(t), t, "n") for t in terms])
            for i, terms in enumerate(paragraphs, 1)
        ]
        return TermDoc(doc_id, "某地", "city", 2022, 5000, [("s01", "一、标题")], sents)

    docs = [doc("a", themes[0]), doc("b", themes[1]), doc("c", themes[0][:3] + themes[1][:3])]
    params = TopicsParams(model="lda", k=0, k_candidates=[2, 3, 4], k_search_paragraphs=0,
                          coherence="npmi", top_terms=4, min_df=2, max_df=0.9,
                          min_paragraph_terms=3, iterations=40, seed=7)  # fmt: skip
    result = seeds_mod.seed_curves(docs, params, [7, 8, 9])
    assert list(result) == [7, 8, 9]
    for seed, r in result.items():
        stage = analyse(docs, dataclasses.replace(params, seed=seed))
        assert r["curve"] == stage["curve"] and r["k"] == stage["model"].k
    with pytest.raises(ValueError, match=r"topics\.k is fixed"):  # a fixed K: nothing to choose
        seeds_mod.seed_curves(docs, dataclasses.replace(params, k=3), [7])


def test_a_gold_set_that_brings_its_texts_is_ingested_from_them(tmp_path) -> None:
    import argparse

    from pipeline.docstore import document_from_dict
    from pipeline.io import read_json

    module = _eval_entities()
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "probe_x.txt").write_text("某市政府工作报告\n各位代表：\n推进莱荣高铁建设。\n", "utf-8")
    (gold / "probe_x.csv").write_text("label,text,scored,note\nPROGRAM,莱荣高铁,yes,\n", "utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    module._reingest([gold], docs, argparse.Namespace(**_AS_WRITTEN))
    doc = document_from_dict(read_json(docs / "probe_x.json"))
    assert doc.doc_id == "probe_x"
    assert "推进莱荣高铁建设。" in doc.text


def test_a_gold_text_that_is_not_utf8_is_refused_naming_the_file(tmp_path) -> None:
    import argparse

    module = _eval_entities()
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "probe_x.txt").write_bytes("某市政府工作报告".encode("gb18030"))
    (gold / "probe_x.csv").write_text("label,text,scored,note\n", "utf-8")
    with pytest.raises(SystemExit, match=r"probe_x\.txt: not UTF-8 text"):
        module._reingest([gold], tmp_path, argparse.Namespace(**_AS_WRITTEN))
