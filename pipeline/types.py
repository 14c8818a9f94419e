"""Record types: one dataclass per artefact row.

Every table the pipeline writes is a list of one of these records; the column order of the CSV
is the field order here, so outputs diff cleanly and the output contract
(shared/spec/outputs.md) is visible in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["city", "province", "national", "district", "county"]
LEVELS: tuple[str, ...] = ("city", "province", "national", "district", "county")


@dataclass(frozen=True, slots=True)
class ManifestRow:
    """One row of a manifest (data/raw/reports.csv): a report file and what is known of it."""

    doc_id: str
    file: str
    place: str = ""
    level: str = ""
    year: int | None = None
    source: str = ""
    notes: str = ""
    sha256: str = ""


@dataclass(frozen=True, slots=True)
class Header:
    """What the report's own header says; empty strings where the text says nothing."""

    title: str = ""
    date: str = ""  # ISO 8601
    session: str = ""  # e.g. 威海市第十八届人民代表大会第一次会议
    speaker: str = ""
    office: str = ""  # 市长, 省长, 区长, 国务院总理, 自治区主席 …
    place: str = ""
    level: str = ""
    year: int | None = None
    end: int = 0  # offset where the body starts


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character span [start, end) into a document's normalized text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered heading (depth 1: 一、… ; depth 2: （一）…) or an appendix (depth 1)."""

    section_id: str
    depth: int
    heading: str
    start: int  # heading span
    end: int
    span_start: int  # the whole section, heading included
    span_end: int
    parent_id: str = ""
    appendix: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    sentence_id: int
    section_id: str
    paragraph_id: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Document:
    """An ingested report: normalized text plus its structure.

    This is the intermediate format every later stage reads (data/interim/ingest/<doc_id>.json).
    """

    doc_id: str
    place: str
    level: str
    year: int | None
    title: str
    date: str
    speaker: str
    office: str
    session: str
    encoding: str
    converted_to_simplified: bool
    sha256: str
    text: str
    body_start: int
    paragraphs: list[Span] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    inferred: dict[str, str] = field(default_factory=dict)  # field → where its value came from


# ---- table rows (shared/spec/outputs.md) ----


@dataclass(frozen=True, slots=True)
class DocumentRow:
    doc_id: str
    place: str
    level: str
    year: int | None
    title: str
    date: str
    speaker: str
    chars: int
    sections: int
    paragraphs: int
    sentences: int
    office: str = ""
    session: str = ""
    encoding: str = ""
    converted_to_simplified: bool = False
    sha256: str = ""


@dataclass(frozen=True, slots=True)
class SectionRow:
    doc_id: str
    section_id: str
    depth: int
    heading: str
    start: int
    end: int
    parent_id: str
    span_start: int
    span_end: int
    appendix: bool


@dataclass(frozen=True, slots=True)
class SentenceRow:
    doc_id: str
    sentence_id: int
    section_id: str
    paragraph_id: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class RejectedRow:
    file: str
    doc_id: str
    reason: str
