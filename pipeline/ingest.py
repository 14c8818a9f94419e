"""Ingest stage: raw report files → normalized documents with header, sections and sentences.

Reads: the manifest (data/raw/reports.csv) and the report files it names.
Writes: one JSON document per report (the format later stages read), and the tables
documents.csv, sections.csv, sentences.csv and rejected.csv, plus the stage's metrics.
Params: ``ingest.to_simplified``, ``ingest.on_error``, ``ingest.traditional_threshold``.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import typer

from pipeline import config
from pipeline.config import IngestParams
from pipeline.decoding import InputError, decode_bytes, read_bytes
from pipeline.docstore import document_to_dict
from pipeline.io import columns_of, dumps_json, write_csv, write_json, write_text_if_changed
from pipeline.manifest import ManifestError, read_manifest
from pipeline.normalize import normalize_text
from pipeline.structure import (
    find_sections,
    non_space_count,
    parse_header,
    split_paragraphs,
    split_sentences,
)
from pipeline.types import (
    Document,
    DocumentRow,
    ManifestRow,
    RejectedRow,
    SectionRow,
    Sentence,
    SentenceRow,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestResult:
    documents: list[Document]
    rejected: list[RejectedRow]
    # doc_id → the document's JSON as written, where already rendered (by the cache or a worker)
    texts: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- pure core


def ingest_bytes(data: bytes, row: ManifestRow, params: IngestParams, path: str = "") -> Document:
    """Decode, normalize and structure one report. Raises `InputError` naming `path`."""
    where = path or row.file
    decoded = decode_bytes(data, where)
    norm = normalize_text(
        decoded.text,
        to_simplified=params.to_simplified,
        traditional_threshold=params.traditional_threshold,
    )
    text = norm.text
    header = parse_header(text)
    body_end = len(text.rstrip())
    paragraphs = split_paragraphs(text, header.end, body_end)
    if not paragraphs:
        raise InputError(where, "no report body after the header")
    sections = find_sections(text, paragraphs, body_end)
    sentences = split_sentences(text, paragraphs, sections)
    check_conservation(text, header.end, sentences, where)

    inferred: dict[str, str] = {}

    def pick(name: str, given: object, found: object) -> object:
        if given not in ("", None):
            inferred[name] = "manifest"
            return given
        if found not in ("", None):
            inferred[name] = "header"
            return found
        return given

    return Document(
        doc_id=row.doc_id,
        place=str(pick("place", row.place, header.place) or ""),
        level=str(pick("level", row.level, header.level) or ""),
        year=pick("year", row.year, header.year),  # type: ignore[arg-type]
        title=header.title,
        date=header.date,
        speaker=header.speaker,
        office=header.office,
        session=header.session,
        encoding=decoded.encoding,
        converted_to_simplified=norm.converted_to_simplified,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        body_start=header.end,
        paragraphs=paragraphs,
        sections=sections,
        sentences=sentences,
        inferred=inferred,
    )


def check_conservation(text: str, body_start: int, sentences: Sequence[Sentence], where: str):
    """Every non-space character of the body belongs to exactly one sentence, in order."""
    pos = body_start
    for s in sentences:
        if s.start < pos or s.end <= s.start or text[s.start : s.end] != s.text:
            raise InputError(where, f"internal error: sentence {s.sentence_id} overlaps or is bad")
        pos = s.end
    covered = sum(non_space_count(s.text) for s in sentences)
    body = non_space_count(text[body_start:])
    if covered != body:
        raise InputError(
            where, f"internal error: sentences cover {covered} of {body} body characters"
        )


def document_row(doc: Document) -> DocumentRow:
    return DocumentRow(
        doc_id=doc.doc_id,
        place=doc.place,
        level=doc.level,
        year=doc.year,
        title=doc.title,
        date=doc.date,
        speaker=doc.speaker,
        chars=non_space_count(doc.text),
        sections=len(doc.sections),
        paragraphs=len(doc.paragraphs),
        sentences=len(doc.sentences),
        office=doc.office,
        session=doc.session,
        encoding=doc.encoding,
        converted_to_simplified=doc.converted_to_simplified,
        sha256=doc.sha256,
    )


def section_rows(doc: Document) -> list[SectionRow]:
    return [
        SectionRow(
            doc_id=doc.doc_id,
            section_id=s.section_id,
            depth=s.depth,
            heading=s.heading,
            start=s.start,
            end=s.end,
            parent_id=s.parent_id,
            span_start=s.span_start,
            span_end=s.span_end,
            appendix=s.appendix,
        )
        for s in doc.sections
    ]


def sentence_rows(doc: Document) -> list[SentenceRow]:
    return [
        SentenceRow(
            doc_id=doc.doc_id,
            sentence_id=s.sentence_id,
            section_id=s.section_id,
            paragraph_id=s.paragraph_id,
            start=s.start,
            end=s.end,
            text=s.text,
        )
        for s in doc.sentences
    ]


def ingest_rows(rows: Iterable[ManifestRow], raw_dir: Path, params: IngestParams) -> IngestResult:
    """Ingest every manifest row; bad files raise, or are collected when on_error is skip."""
    docs: list[Document] = []
    rejected: list[RejectedRow] = []
    for row in rows:
        path = Path(raw_dir) / row.file
        try:
            docs.append(ingest_bytes(read_bytes(path), row, params, str(path)))
        except InputError as exc:
            if params.on_error == "fail":
                raise
            log.warning("skipped %s", exc)
            rejected.append(RejectedRow(file=str(row.file), doc_id=row.doc_id, reason=exc.reason))
    docs.sort(key=lambda d: d.doc_id)
    return IngestResult(documents=docs, rejected=rejected)


_WORKER: dict = {}


def _init_worker(raw_dir: Path, params: IngestParams) -> None:
    _WORKER.update(raw_dir=Path(raw_dir), params=params)


def _ingest_one(row: ManifestRow) -> tuple[str, str]:
    """("ok", the document's JSON) or ("error", the reason); the error is raised or recorded
    by the parent, in manifest order."""
    path = _WORKER["raw_dir"] / row.file
    try:
        doc = ingest_bytes(read_bytes(path), row, _WORKER["params"], str(path))
    except InputError as exc:
        return "error", exc.reason
    return "ok", dumps_json(document_to_dict(doc))


def ingest_cached(
    rows: Sequence[ManifestRow], raw_dir: Path, params: IngestParams, *, jobs: int = 1,
    result_cache: Path | None = None,
) -> IngestResult:  # fmt: skip
    """`ingest_rows`, with a report read from `result_cache` when its manifest row, its file,
    the params and the code are those of an earlier run; the other reports are ingested in
    `jobs` processes (when there are enough of them)."""
    import json

    from pipeline.docstore import document_from_dict
    from pipeline.io import atomic_write_text, fingerprint
    from pipeline.parallel import map_reports

    here = Path(__file__).parent
    code = [here / f"{m}.py" for m in ("ingest", "decoding", "normalize", "structure", "manifest",
                                        "docstore", "types")]  # fmt: skip
    base = fingerprint([*code, here / "resources" / "common_hanzi.txt"], params=params,
                       packages=("OpenCC",))  # fmt: skip
    keys: dict[int, str] = {}
    texts: dict[int, str] = {}
    for i, row in enumerate(rows):
        path = Path(raw_dir) / row.file
        if result_cache is None or not path.is_file():
            continue
        h = hashlib.sha256(f"{base}\0{row!r}\0".encode())
        h.update(path.read_bytes())
        keys[i] = h.hexdigest()
        hit = Path(result_cache) / f"{keys[i]}.json"
        if hit.exists():
            texts[i] = hit.read_text(encoding="utf-8")
    todo = [i for i in range(len(rows)) if i not in texts]
    done = map_reports(
        _ingest_one, [rows[i] for i in todo], jobs=jobs if len(todo) >= 8 else 1,
        initializer=_init_worker, initargs=(raw_dir, params), desc="ingest",
    )  # fmt: skip
    outcome = dict(zip(todo, done, strict=True))
    docs: list[Document] = []
    rejected: list[RejectedRow] = []
    by_id: dict[str, str] = {}
    for i, row in enumerate(rows):
        if i in texts:
            text = texts[i]
        else:
            status, value = outcome[i]
            if status == "error":
                error = InputError(Path(raw_dir) / row.file, value)
                if params.on_error == "fail":
                    raise error
                log.warning("skipped %s", error)
                rejected.append(RejectedRow(file=str(row.file), doc_id=row.doc_id, reason=value))
                continue
            text = value
            if i in keys:
                atomic_write_text(Path(result_cache) / f"{keys[i]}.json", text)  # type: ignore[operator]
        doc = document_from_dict(json.loads(text))
        docs.append(doc)
        by_id[doc.doc_id] = text
    if result_cache is not None:
        used = {f"{k}.json" for k in keys.values()}
        for stale in Path(result_cache).glob("*.json"):
            if stale.name not in used:
                stale.unlink()
    docs.sort(key=lambda d: d.doc_id)
    return IngestResult(documents=docs, rejected=rejected, texts=by_id)


def metrics(result: IngestResult) -> dict:
    docs = result.documents
    body_in = sum(non_space_count(d.text[d.body_start :]) for d in docs)
    covered = sum(non_space_count(s.text) for d in docs for s in d.sentences)
    return {
        "documents": len(docs),
        "rejected": len(result.rejected),
        "chars": sum(non_space_count(d.text) for d in docs),
        "body_chars_in": body_in,
        "body_chars_covered": covered,
        "sections": sum(len(d.sections) for d in docs),
        "paragraphs": sum(len(d.paragraphs) for d in docs),
        "sentences": sum(len(d.sentences) for d in docs),
        "converted_to_simplified": sum(d.converted_to_simplified for d in docs),
    }


# ---------------------------------------------------------------- shell


@dataclass(frozen=True, slots=True)
class IngestOutputs:
    docs_dir: Path
    documents: Path
    sections: Path
    sentences: Path
    rejected: Path
    metrics: Path


def write_outputs(result: IngestResult, out: IngestOutputs) -> None:
    """Write every output of the stage; each file atomically, stale documents removed."""
    docs = result.documents
    out.docs_dir.mkdir(parents=True, exist_ok=True)
    keep = {f"{d.doc_id}.json" for d in docs}
    for d in docs:
        text = result.texts.get(d.doc_id) or dumps_json(document_to_dict(d))
        write_text_if_changed(out.docs_dir / f"{d.doc_id}.json", text)
    for stale in out.docs_dir.glob("*.json"):
        if stale.name not in keep:
            stale.unlink()
    write_csv(out.documents, [document_row(d) for d in docs], columns_of(DocumentRow))
    write_csv(out.sections, [r for d in docs for r in section_rows(d)], columns_of(SectionRow))
    write_csv(out.sentences, [r for d in docs for r in sentence_rows(d)], columns_of(SentenceRow))
    write_csv(out.rejected, result.rejected, columns_of(RejectedRow))
    write_json(out.metrics, metrics(result))


def run(
    manifest: Path, params: IngestParams, out: IngestOutputs, raw_dir: Path | None = None,
    *, jobs: int = 1, result_cache: Path | None = None,
) -> IngestResult:  # fmt: skip
    """Ingest the reports a manifest names (files relative to the manifest's folder)."""
    rows = read_manifest(manifest)
    result = ingest_cached(
        rows, raw_dir or Path(manifest).parent, params, jobs=jobs, result_cache=result_cache
    )
    if not result.documents:
        raise InputError(manifest, "no report could be ingested")
    write_outputs(result, out)
    log.info("ingested %d reports (%d rejected)", len(result.documents), len(result.rejected))
    return result


def main(
    manifest: Path = typer.Option(..., help="Manifest CSV (data/raw/reports.csv)."),
    params: Path = typer.Option(Path("params.yaml"), help="params.yaml"),
    docs_dir: Path = typer.Option(..., help="Folder for the ingested JSON documents."),
    documents: Path = typer.Option(..., help="documents.csv"),
    sections: Path = typer.Option(..., help="sections.csv"),
    sentences: Path = typer.Option(..., help="sentences.csv"),
    rejected: Path = typer.Option(..., help="rejected.csv"),
    result_cache: Path = typer.Option(None, help="Per-report cache (incremental runs)."),
    metrics_path: Path = typer.Option(..., "--metrics", help="Stage metrics JSON."),
) -> None:
    """Run the ingest stage."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        p = config.load_params(params, "ingest")
        run(
            manifest,
            p,
            IngestOutputs(docs_dir, documents, sections, sentences, rejected, metrics_path),
            jobs=config.load_params(params, "base").jobs,
            result_cache=result_cache,
        )
    except (InputError, ManifestError, config.ConfigError) as exc:
        typer.echo(f"ingest: error: {exc}", err=True)
        raise typer.Exit(1) from exc


if __name__ == "__main__":
    from pipeline import run_script

    run_script("pipeline.ingest")
