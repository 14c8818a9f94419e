from __future__ import annotations

import os

import pytest

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


def _failing_initializer() -> None:
    raise ValueError("no model here")


def test_a_failing_initializer_stops_the_run_instead_of_hanging() -> None:
    # multiprocessing.Pool would replace the failed workers forever
    with pytest.raises(RuntimeError, match=r"worker start-up failed.*no model here"):
        map_reports(str.upper, ["a", "b", "c"], jobs=2, initializer=_failing_initializer)


def test_the_initializer_runs_in_each_worker() -> None:
    out = map_reports(_read_marker, ["x", "y", "z"], jobs=2, initializer=_set_marker,
                      initargs=("ready",))  # fmt: skip
    assert out == ["ready:x", "ready:y", "ready:z"]


_MARKER: list[str] = []


def _set_marker(value: str) -> None:
    _MARKER[:] = [value]


def _read_marker(item: str) -> str:
    return f"{_MARKER[0]}:{item}"


STAGES = ("ingest", "segment", "entities", "indicators", "sentiment", "terms", "keywords",
          "keyness", "topics", "compare", "report", "kwic")  # fmt: skip


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.filterwarnings("ignore:'pipeline.*' found in sys.modules:RuntimeWarning")
def test_a_stage_run_as_a_script_runs_its_importable_modules_main(stage, monkeypatch) -> None:
    """``python -m pipeline.<stage>`` must hand typer the function of ``pipeline.<stage>``, not
    of ``__main__``: what that function's workers and caches pickle must load from anywhere
    (a model cached by the stage, then read by ``gwr analyze`` or under a profiler)."""
    import runpy

    import typer

    ran = []
    monkeypatch.setattr(typer, "run", ran.append)
    monkeypatch.setattr("sys.argv", [stage])
    runpy.run_module(f"pipeline.{stage}", run_name="__main__")
    assert [(f.__module__, f.__name__) for f in ran] == [(f"pipeline.{stage}", "main")]
