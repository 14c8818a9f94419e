"""The `gwr` command: add reports to the project, analyze reports outside it."""

from __future__ import annotations

import dataclasses
import logging
import shutil
from pathlib import Path

import typer

from pipeline import analyze as analyze_mod
from pipeline import config
from pipeline import kwic as kwic_mod
from pipeline.decoding import InputError, decode_bytes
from pipeline.io import columns_of, write_csv
from pipeline.manifest import (
    ManifestError,
    read_manifest,
    sha256_file,
    validate_doc_id,
)
from pipeline.normalize import normalize_text
from pipeline.structure import parse_header
from pipeline.types import LEVELS, ManifestRow

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
log = logging.getLogger("gwr")

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_params() -> Path:
    here = Path("params.yaml")
    if here.exists():
        return here
    project = PROJECT_ROOT / "params.yaml"
    if project.exists():
        return project
    raise config.ConfigError("no params.yaml here or in the gwr project; pass --params")


def _fail(exc: Exception) -> None:
    typer.echo(f"gwr: error: {exc}", err=True)
    raise typer.Exit(1)


@app.command()
def add(
    file: Path = typer.Argument(..., help="The report's text file (UTF-8, GBK, UTF-16…)."),
    place: str = typer.Option("", help="Place, e.g. 威海市 (inferred from the header if empty)."),
    level: str = typer.Option("", help=f"One of {', '.join(LEVELS)} (inferred if empty)."),
    year: int | None = typer.Option(None, help="Year of the report (inferred if empty)."),
    doc_id: str = typer.Option("", "--doc-id", help="Id (default: the file's stem)."),
    source: str = typer.Option("", help="Where the text comes from."),
    notes: str = typer.Option("", help="Free notes for the manifest."),
    raw_dir: Path = typer.Option(Path("data/raw"), help="The project's raw-data folder."),
) -> None:
    """Copy a report into data/raw/ and add its row to data/raw/reports.csv."""
    try:
        _add(file, place, level, year, doc_id, source, notes, raw_dir)
    except (InputError, ManifestError, OSError) as exc:
        _fail(exc)


def _add(file, place, level, year, doc_id, source, notes, raw_dir) -> None:
    file = Path(file)
    if not file.is_file():
        raise InputError(file, "file not found")
    doc_id = validate_doc_id(doc_id or file.stem, f"{file}")
    if level and level not in LEVELS:
        raise ManifestError(f"level {level!r} is not one of {list(LEVELS)}")
    if year is not None and not 1000 <= year <= 9999:
        raise ManifestError(f"year {year} is not a four-digit year")
    manifest = Path(raw_dir) / "reports.csv"
    rows = read_manifest(manifest) if manifest.exists() else []
    if any(r.doc_id == doc_id for r in rows):
        raise ManifestError(f"{file}: doc_id {doc_id!r} is already in {manifest}")
    digest = sha256_file(file)
    for r in rows:
        other = r.sha256 or sha256_file(Path(raw_dir) / r.file)
        if other == digest:
            raise ManifestError(f"{file}: identical content is already in {manifest} as {r.doc_id}")
    target_name = f"{doc_id}{file.suffix.lower() or '.txt'}"
    target = Path(raw_dir) / target_name
    if target.exists():
        raise ManifestError(f"{target} exists already; choose another --doc-id")

    data = file.read_bytes()
    header = parse_header(normalize_text(decode_bytes(data, file).text).text)
    inferred = []
    if not place and header.place:
        place = header.place
        inferred.append(f"place={place}")
    if not level and header.level:
        level = header.level
        inferred.append(f"level={level}")
    if year is None and header.year:
        year = header.year
        inferred.append(f"year={year}")
    missing = [k for k, v in (("place", place), ("level", level), ("year", year)) if not v]

    new = ManifestRow(
        doc_id=doc_id,
        file=target_name,
        place=place,
        level=level,
        year=year,
        source=source,
        notes=notes,
        sha256=digest,
    )
    Path(raw_dir).mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(file, tmp)
    tmp.replace(target)
    try:
        all_rows = sorted([*rows, new], key=lambda r: r.doc_id)
        write_csv(manifest, [dataclasses.asdict(r) for r in all_rows], columns_of(ManifestRow))
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    typer.echo(f"added {doc_id} → {target}")
    if inferred:
        typer.echo(f"inferred from the header: {', '.join(inferred)}")
    if missing:
        typer.echo(f"unknown (pass them as options to record them): {', '.join(missing)}")


@app.command()
def analyze(
    inputs: list[Path] = typer.Argument(None, help="Report files or folders of .txt files."),
    out: Path = typer.Option(..., "--out", help="Output folder (tables/, figures/, index.html)."),
    manifest: Path | None = typer.Option(None, help="A manifest CSV like data/raw/reports.csv."),
    params: Path | None = typer.Option(None, help="params.yaml (default: the project's)."),
    on_error: str | None = typer.Option(None, help="fail or skip (default: from params)."),
) -> None:
    """Analyze report files outside the DVC project; writes the same tables under OUT/tables/."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        metrics = analyze_mod.analyze(
            inputs or [],
            out,
            params_path=params or _default_params(),
            manifest=manifest,
            on_error=on_error,
        )
    except (InputError, ManifestError, config.ConfigError, OSError) as exc:
        _fail(exc)
        return
    n = metrics.get("ingest", {}).get("documents", 0)
    typer.echo(f"analyzed {n} reports; open {Path(out) / 'index.html'}")


app.command("kwic", help="Concordance lines of a term in the processed corpus.")(kwic_mod.main)


if __name__ == "__main__":
    app()
