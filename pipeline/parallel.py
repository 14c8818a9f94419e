"""Per-report work spread over processes, with results in input order, and a progress bar.

Each worker builds its models once (the `initializer`), then handles reports one at a time;
the parent gets results in the order of the inputs whatever the order they finish in, so the
outputs do not depend on the number of workers. Workers are spawned, not forked: a forked
ONNX Runtime or jieba state is not worth the risk.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def resolve_jobs(jobs: int) -> int:
    """``base.jobs``: 0 means every core of the machine."""
    return max(1, os.cpu_count() or 1) if jobs <= 0 else jobs


def progress(items: Iterable[T], desc: str, total: int | None = None) -> Iterable[T]:
    """A tqdm bar on a terminal; silent in CI and in logs."""
    quiet = not sys.stderr.isatty() or bool(os.environ.get("CI"))
    if quiet:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, total=total, unit="report", leave=False)


def map_reports(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple = (),
    desc: str = "",
) -> list[R]:
    """``[fn(item) for item in items]``, in `jobs` processes when that pays.

    `fn` and `initializer` must be module-level functions (they are sent to spawned workers).
    With no items nothing runs, not even the initializer (no model is loaded for nothing).
    """
    if not items:
        return []
    jobs = min(resolve_jobs(jobs), len(items))
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        return [fn(item) for item in progress(items, desc, len(items))]
    # The guard keeps an initializer's error and raises it from the first item, in the
    # parent, with its message (an executor would only report a broken pool). A
    # multiprocessing.Pool replaced failed workers forever, and its terminate() after an error
    # hung once in 25 runs here; the executor's shutdown waits for the remaining (failing)
    # calls instead.
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        jobs, mp_context=ctx, initializer=_guarded_init, initargs=(initializer, initargs)
    ) as pool:
        calls = pool.map(_guarded_call, [(fn, item) for item in items], chunksize=1)
        return list(progress(calls, desc, len(items)))


_INIT_ERROR: list[BaseException] = []


def _guarded_init(initializer: Callable[..., Any] | None, initargs: tuple) -> None:
    if initializer is None:
        return
    try:
        initializer(*initargs)
    except Exception as exc:  # raised again by _guarded_call, in the parent
        _INIT_ERROR.append(exc)


def _guarded_call(task: tuple[Callable[[T], R], T]) -> R:
    if _INIT_ERROR:
        raise RuntimeError(f"worker start-up failed: {_INIT_ERROR[0]!r}") from _INIT_ERROR[0]
    fn, item = task
    return fn(item)
