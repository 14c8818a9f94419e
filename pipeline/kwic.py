"""Term in context: concordance lines of a term in the processed corpus (``gwr kwic``).

Reads: the ingested documents (data/interim/ingest/*.json by default).
Writes: nothing, or with ``--out`` a CSV (doc_id, section_id, sentence_id, start, end, left,
term, right); without it the lines are printed, the term aligned in one column.
Params: none (a command, not a stage): ``--doc`` limits the search to one report, ``--window``
sets the characters of context on each side.

Occurrences are found in the report's sentences (headings included, the title and date lines
of the header not), leftmost first and without overlap; the context is taken from the
report's text around them, line breaks shown as spaces, and never crosses into the header.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import typer

from pipeline.io import write_csv
from pipeline.types import Document

log = logging.getLogger(__name__)

COLUMNS = ["doc_id", "section_id", "sentence_id", "start", "end", "left", "term", "right"]
_SPACE = re.compile(r"\s")
DOCS_DIR = "data/interim/ingest"  # where `dvc repro` puts the ingested documents


@dataclass(frozen=True, slots=True)
class KwicLine:
    doc_id: str
    section_id: str
    sentence_id: int
    start: int  # offsets of the term in the document's normalized text
    end: int
    left: str
    term: str
    right: str


def kwic_lines(
    docs: Iterable[Document], term: str, *, doc_id: str | None = None, window: int = 20
) -> list[KwicLine]:
    """Concordance lines of `term` in `docs`, by doc_id and position.

    Args:
        docs: Ingested reports.
        term: The exact string to find (surrounding white space is ignored).
        doc_id: Only this report.
        window: Characters of context on each side.

    Returns:
        One line per occurrence.

    Raises:
        ValueError: If the term is empty, the window negative, or `doc_id` is not in `docs`.
    """
    term = term.strip()
    if not term:
        raise ValueError("the term is empty")
    if window < 0:
        raise ValueError(f"--window must be >= 0, got {window}")
    docs = sorted(docs, key=lambda d: d.doc_id)
    if doc_id is not None:
        docs = [d for d in docs if d.doc_id == doc_id]
        if not docs:
            raise ValueError(f"no report with doc_id {doc_id!r}")
    out: list[KwicLine] = []
    for doc in docs:
        for sent in doc.sentences:
            pos = sent.text.find(term)
            while pos >= 0:
                start = sent.start + pos
                end = start + len(term)
                left = doc.text[max(doc.body_start, start - window) : start]
                right = doc.text[end : end + window]
                out.append(
                    KwicLine(
                        doc.doc_id,
                        sent.section_id,
                        sent.sentence_id,
                        start,
                        end,
                        _SPACE.sub(" ", left),
                        doc.text[start:end],
                        _SPACE.sub(" ", right),
                    )
                )
                pos = sent.text.find(term, pos + len(term))
    return out


def _width(text: str) -> int:
    """Display width in a terminal: CJK and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_lines(lines: Sequence[KwicLine]) -> str:
    """Lines as aligned text: doc_id, section, left context (right-aligned), 【term】, right."""
    if not lines:
        return ""
    id_w = max(len(x.doc_id) for x in lines)
    sec_w = max(len(x.section_id or "-") for x in lines)
    left_w = max(_width(x.left) for x in lines)
    rows = []
    for x in lines:
        pad = " " * (left_w - _width(x.left))
        head = f"{x.doc_id:<{id_w}}  {x.section_id or '-':<{sec_w}}  "
        rows.append(f"{head}{pad}{x.left}【{x.term}】{x.right}")
    return "\n".join(rows) + "\n"


def default_docs_dir() -> Path:
    """data/interim/ingest here, or else in the gwr project this module belongs to."""
    here = Path(DOCS_DIR)
    if here.is_dir():
        return here
    return Path(__file__).resolve().parent.parent / DOCS_DIR


def main(
    term: str = typer.Argument(..., help="The term to find (an exact string)."),
    doc: str | None = typer.Option(None, "--doc", help="Only this report (doc_id)."),
    window: int = typer.Option(20, "--window", help="Characters of context on each side."),
    docs_dir: Path | None = typer.Option(
        None, "--docs-dir", help="Ingested documents (default: data/interim/ingest)."
    ),
    out: Path | None = typer.Option(None, "--out", help="Write a CSV here instead of printing."),
) -> None:
    """Print (or write) the concordance lines of TERM: doc, section, left context, term, right."""
    from pipeline.docstore import load_documents

    try:
        docs_dir = docs_dir or default_docs_dir()
        docs = load_documents(docs_dir)
        if not docs:
            raise ValueError(f"no ingested documents in {docs_dir}: run `dvc repro` first")
        lines = kwic_lines(docs, term, doc_id=doc, window=window)
    except (ValueError, OSError) as exc:
        typer.echo(f"kwic: error: {exc}", err=True)
        raise typer.Exit(1) from exc
    if out is not None:
        write_csv(out, lines, COLUMNS)
        typer.echo(f"{len(lines)} lines → {out}", err=True)
    else:
        typer.echo(format_lines(lines), nl=False)
        typer.echo(f"{len(lines)} lines", err=True)


if __name__ == "__main__":
    from pipeline import run_script

    run_script("pipeline.kwic")
