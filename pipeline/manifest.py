"""Manifests: which report files a run reads, with their ids and known metadata.

A manifest is a CSV with the columns of data/raw/reports.csv. doc_ids are validated so that no
manifest row can make a stage read or write outside the project's folders.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from pipeline.io import read_csv
from pipeline.types import LEVELS, ManifestRow

DOC_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,120}")
MANIFEST_COLUMNS = ("doc_id", "file", "place", "level", "year", "source", "notes", "sha256")


class ManifestError(ValueError):
    """A manifest or a manifest row that cannot be used; the message names the file and row."""


def validate_doc_id(doc_id: str, where: str = "") -> str:
    if not DOC_ID_RE.fullmatch(doc_id or ""):
        prefix = f"{where}: " if where else ""
        raise ManifestError(
            f"{prefix}invalid doc_id {doc_id!r}: use letters, digits, '_' and '-' only"
        )
    return doc_id


def doc_id_from_path(path: Path) -> str:
    """A doc_id from a file name: the stem, with anything outside [A-Za-z0-9_-] made '_'."""
    stem = re.sub(r"[^A-Za-z0-9_-]", "_", Path(path).stem).strip("_") or "doc"
    return stem[:120]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _year(value: str, where: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{4}", value):
        raise ManifestError(f"{where}: year {value!r} is not a four-digit year")
    return int(value)


def read_manifest(path: Path) -> list[ManifestRow]:
    """Read and validate a manifest; files are relative to the manifest's folder."""
    path = Path(path)
    try:
        rows = read_csv(path)
    except FileNotFoundError as exc:
        raise ManifestError(f"{path}: manifest not found") from exc
    if rows and not {"doc_id", "file"} <= set(rows[0]):
        raise ManifestError(f"{path}: a manifest needs at least the columns doc_id and file")
    out: list[ManifestRow] = []
    seen: set[str] = set()
    for n, row in enumerate(rows, start=2):
        where = f"{path}, line {n}"
        doc_id = validate_doc_id((row.get("doc_id") or "").strip(), where)
        if doc_id in seen:
            raise ManifestError(f"{where}: duplicate doc_id {doc_id!r}")
        seen.add(doc_id)
        file = (row.get("file") or "").strip()
        if not file or Path(file).is_absolute() or ".." in Path(file).parts or "/" in file:
            raise ManifestError(
                f"{where}: file {file!r} must be a plain file name in {path.parent}"
            )
        level = (row.get("level") or "").strip()
        if level and level not in LEVELS:
            raise ManifestError(f"{where}: level {level!r} is not one of {list(LEVELS)}")
        out.append(
            ManifestRow(
                doc_id=doc_id,
                file=file,
                place=(row.get("place") or "").strip(),
                level=level,
                year=_year(row.get("year", ""), where),
                source=(row.get("source") or "").strip(),
                notes=(row.get("notes") or "").strip(),
                sha256=(row.get("sha256") or "").strip(),
            )
        )
    return out


def manifest_for_files(paths: Iterable[Path]) -> list[ManifestRow]:
    """Rows for files given without a manifest: doc_id from the stem, metadata from the text."""
    rows: list[ManifestRow] = []
    seen: dict[str, Path] = {}
    for p in paths:
        doc_id = doc_id_from_path(p)
        if doc_id in seen:
            raise ManifestError(
                f"{p}: doc_id {doc_id!r} is also the id of {seen[doc_id]}; "
                "pass a manifest (--manifest) to name them apart"
            )
        seen[doc_id] = p
        rows.append(ManifestRow(doc_id=doc_id, file=str(p)))
    return rows
