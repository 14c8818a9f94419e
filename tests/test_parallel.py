from __future__ import annotations

import os

from pipeline.parallel import map_reports, resolve_jobs


def test_jobs_zero_means_every_core() -> None:
    assert resolve_jobs(0) == (os.cpu_count() or 1)
    assert resolve_jobs(3) == 3


def test_results_keep_input_order_across_processes() -> None:
    items = ["c", "a", "b", "d", "e"]
    assert map_reports(str.upper, items, jobs=2) == ["C", "A", "B", "D", "E"]


def test_one_job_runs_in_process_and_calls_the_initializer_once() -> None:
    calls: list[int] = []
    out = map_reports(len, ["ab", "c"], jobs=1, initializer=lambda: calls.append(1))
    assert out == [2, 1]
    assert calls == [1]


def test_no_items_builds_no_models() -> None:
    def fail() -> None:
        raise AssertionError("initializer called for no items")

    assert map_reports(len, [], jobs=2, initializer=fail) == []
