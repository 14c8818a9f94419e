"""All file I/O of the pipeline: UTF-8 text, CSV, JSON, atomic writes.

Every output is written to a temporary file in the target's folder and then renamed over the
target, so a crash never leaves a half-written table and an earlier good output survives a failed
run.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (temp file in the same folder, fsync, rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def write_text_if_changed(path: Path, text: str) -> bool:
    """`atomic_write_text` unless `path` already holds `text` (an unchanged report's page is
    not rewritten, nor fsynced). Returns whether it wrote."""
    data = text.encode("utf-8")
    path = Path(path)
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    atomic_write_bytes(path, data)
    return True


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 6))
    return value


def to_csv_text(
    rows: Iterable[Any], columns: Sequence[str] | None = None, *, header: bool = True
) -> str:
    """Render dataclass instances or dicts as CSV text (header row unless `header` is false,
    standard quoting, \\n)."""
    rows = list(rows)
    if columns is None:
        if not rows:
            raise ValueError("columns are required for an empty table")
        first = rows[0]
        columns = (
            [f.name for f in dataclasses.fields(first)]
            if dataclasses.is_dataclass(first)
            else list(first)
        )
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if header:
        writer.writerow(columns)
    plain = (str, int, float, bool, type(None))
    for row in rows:
        if dataclasses.is_dataclass(row):
            values = [getattr(row, c, None) for c in columns]
            if not all(isinstance(v, plain) for v in values):
                # nested records are converted as asdict does (rare; asdict is slow)
                record = dataclasses.asdict(row)
                values = [record.get(c) for c in columns]
        else:
            values = [row.get(c) for c in columns]
        writer.writerow([_cell(v) for v in values])
    return buf.getvalue()


def write_csv(path: Path, rows: Iterable[Any], columns: Sequence[str] | None = None) -> None:
    """Write a table atomically; `columns` is required when `rows` may be empty."""
    atomic_write_text(path, to_csv_text(rows, columns))


def columns_of(record_type: type) -> list[str]:
    return [f.name for f in dataclasses.fields(record_type)]


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def dumps_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_json(path: Path, data: Any) -> None:
    atomic_write_text(path, dumps_json(data))


def fingerprint(paths: Iterable[Path], *, params: object, packages: Iterable[str]) -> str:
    """A key for what a cached result depends on besides its input: files (code, resources),
    params and installed package versions. Files that do not exist are skipped."""
    import hashlib
    from importlib.metadata import version

    h = hashlib.sha256(repr(params).encode("utf-8"))
    for path in paths:
        path = Path(path)
        if path.is_file():
            h.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    for package in packages:
        h.update(f"{package}={version(package)}".encode())
    return h.hexdigest()


def read_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)
