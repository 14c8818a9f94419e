"""The ingested-document store: one JSON file per report, the format every later stage reads."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pipeline.io import read_json
from pipeline.types import Document, Section, Sentence, Span


def document_to_dict(doc: Document) -> dict:
    return dataclasses.asdict(doc)


def document_from_dict(data: dict) -> Document:
    data = dict(data)
    data["paragraphs"] = [Span(**p) for p in data["paragraphs"]]
    data["sections"] = [Section(**s) for s in data["sections"]]
    data["sentences"] = [Sentence(**s) for s in data["sentences"]]
    return Document(**data)


def load_documents(docs_dir: Path) -> list[Document]:
    """Read every ingested document of a folder, in doc_id order."""
    return [document_from_dict(read_json(p)) for p in sorted(Path(docs_dir).glob("*.json"))]
