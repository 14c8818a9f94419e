"""gwr: reproducible NLP analytics for Chinese government work reports (政府工作报告)."""

from __future__ import annotations

__version__ = "0.1.0"


def run_script(module: str, function: str = "main") -> None:
    """Run ``module``'s typer command `function`, for ``python -m module``.

    The function is taken from the imported module, not from ``__main__``: what its workers and
    caches pickle is then named ``module.…``, which any entry point can load (a model a stage
    cached is read again by ``gwr analyze`` or under a profiler).
    """
    import importlib

    import typer

    typer.run(getattr(importlib.import_module(module), function))
