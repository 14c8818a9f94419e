"""Terms stage: the content-word table that keywords, keyness and topics read.

Reads: the ingested documents, the segment stage's tokens (``[start, end, pos]`` per report),
the entity mentions (reports/tables/entities.csv), a Chinese stop-word list and the list of
government-prose boilerplate (pipeline/resources/stopwords_zh.txt, gov_boilerplate.txt).
Writes: one JSON per report in the output folder (the report's place, level, year, body
characters, level-1 sections and, per sentence, its terms as ``[start, end, term, pos]``);
terms.csv (one row per report and term: doc_id, term, pos, count, per_10k); the stage metrics
(tokens kept and dropped by reason, entity mentions merged).
Params: ``terms.pos`` (POS tags kept), ``terms.min_chars``, ``terms.boilerplate`` (drop the
boilerplate list or not), ``terms.merge_entities`` (entity labels made single terms),
``terms.entity_max_chars``.

A term is a token of a sentence (header lines are not terms) that passes, in this order: a kept
POS tag, a word-like form (a Han character or two Latin letters), the minimum length, the stop
words and, when switched on, the boilerplate list. The segmenter already keeps policy-dictionary
terms and place names as single tokens; entity mentions that span several tokens (放管服改革,
威高集团, 中韩自贸区) are merged into one term when their label is listed, so that a program or
a firm is counted as one thing. Merged mentions skip the POS filter (they are names) but not the
word lists. A mention is merged only where it starts and ends on token boundaries.
"""

from __future__ import annotations

import bisect
import csv
import io
import itertools
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import typer

from pipeline import config
from pipeline.config import TermsParams
from pipeline.io import (
    atomic_write_text,
    dumps_json,
    read_csv,
    read_json,
    to_csv_text,
    write_json,
    write_text_if_changed,
)
from pipeline.types import Document

log = logging.getLogger(__name__)

ENTITY_LABELS = ("COMPANY", "PLACE", "PROGRAM")
_WORDLIKE = re.compile(r"[\u3400-\u9fff]|[A-Za-z]{2}")
_QUOTES = "“”‘’\"'《》「」『』〈〉"


# TermsParams lives in pipeline/config.py with the other params (STYLE point 4).


# A term occurrence: (start, end, term, pos), offsets into the document's text. A plain tuple,
# not a NamedTuple: CPython's garbage collector stops tracking tuples of atoms, not instances of
# tuple subclasses, and tracking a corpus's million terms made the stage grow faster than the
# corpus (bench/bench_corpus_stages.py: 14.5x the time for 10x the reports with a NamedTuple,
# 10.5x with tuples).
Term = tuple[int, int, str, str]


@dataclass(frozen=True, slots=True)
class TermSentence:
    sentence_id: int
    section_id: str  # the level-1 section ('' before the first heading)
    paragraph_id: int
    terms: list[Term]


@dataclass(slots=True)
class TermDoc:
    """A report as the corpus stages see it: metadata and the terms of each sentence."""

    doc_id: str
    place: str
    level: str
    year: int | None
    chars: int  # characters of the sentences (the body): the base of per-10k rates
    sections: list[tuple[str, str]] = field(default_factory=list)  # level 1: (id, heading)
    sentences: list[TermSentence] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TermFilter:
    pos: frozenset[str]
    stopwords: frozenset[str]
    boilerplate: frozenset[str]  # empty when the list is switched off
    min_chars: int


@dataclass(frozen=True, slots=True)
class EntitySpan:
    start: int
    end: int
    norm: str
    label: str


@dataclass(frozen=True, slots=True)
class TermRow:
    doc_id: str
    term: str
    pos: str
    count: int
    per_10k: float


# ---------------------------------------------------------------- word lists


def default_stopwords() -> Path:
    return Path(str(resources.files("pipeline.resources").joinpath("stopwords_zh.txt")))


def default_boilerplate() -> Path:
    return Path(str(resources.files("pipeline.resources").joinpath("gov_boilerplate.txt")))


def read_wordlist(path: Path) -> frozenset[str]:
    """Words of a list file: one a line, ``#`` starts a comment line, blank lines ignored."""
    with open(path, encoding="utf-8") as fh:
        words = frozenset(
            line.strip() for line in fh if line.strip() and not line.lstrip().startswith("#")
        )
    if not words:
        raise ValueError(f"{path}: the word list is empty")
    return words


def make_filter(params: TermsParams, stopwords: Path, boilerplate: Path) -> TermFilter:
    unknown = sorted(set(params.merge_entities) - set(ENTITY_LABELS))
    if unknown:
        raise ValueError(f"terms.merge_entities {unknown} are not among {list(ENTITY_LABELS)}")
    if params.min_chars < 1:
        raise ValueError(f"terms.min_chars must be at least 1, got {params.min_chars}")
    return TermFilter(
        pos=frozenset(params.pos),
        stopwords=read_wordlist(stopwords),
        boilerplate=read_wordlist(boilerplate) if params.boilerplate else frozenset(),
        min_chars=params.min_chars,
    )


# ---------------------------------------------------------------- pure core


def reject_reason(term: str, pos: str, filt: TermFilter, *, entity: bool = False) -> str:
    """Why `term` is not a term ('' if it is one): pos, form, short, stopword, boilerplate."""
    if not entity and pos not in filt.pos:
        return "pos"
    if not _WORDLIKE.search(term):
        return "form"
    if len(term) < filt.min_chars:
        return "short"
    if term in filt.stopwords:
        return "stopword"
    if term in filt.boilerplate:
        return "boilerplate"
    return ""


def level1_sections(doc: Document) -> dict[str, str]:
    """section_id → the id of its level-1 ancestor (itself at depth 1)."""
    by_id = {s.section_id: s for s in doc.sections}
    out: dict[str, str] = {}
    for s in doc.sections:
        top = s
        for _ in range(len(by_id)):  # bounded walk: a malformed parent chain cannot loop
            if top.depth <= 1 or top.parent_id not in by_id:
                break
            top = by_id[top.parent_id]
        out[s.section_id] = top.section_id
    return out


def entity_norm(text: str) -> str:
    return text.strip(_QUOTES)


def _merge(
    tokens: Sequence[tuple[int, int, str]],
    text: str,
    entities: Sequence[EntitySpan],
    max_chars: int,
    merged: Counter[str],
) -> list[tuple[int, int, str, str, bool]]:
    """(start, end, word, pos, is_entity) with aligned entity mentions as single items."""
    starts = {t[0]: i for i, t in enumerate(tokens)}
    ends = {t[1]: i for i, t in enumerate(tokens)}
    replace: dict[int, tuple[int, EntitySpan]] = {}  # first token → (last token, entity)
    taken = -1
    for ent in entities:
        i, j = starts.get(ent.start), ends.get(ent.end)
        if i is None or j is None or i <= taken or j < i:
            continue
        if not ent.norm or len(ent.norm) > max_chars:
            continue
        replace[i] = (j, ent)
        taken = j
        if j > i:
            merged[ent.label] += 1
    out: list[tuple[int, int, str, str, bool]] = []
    i = 0
    while i < len(tokens):
        if i in replace:
            j, ent = replace[i]
            out.append((ent.start, ent.end, ent.norm, ent.label, True))
            i = j + 1
        else:
            s, e, pos = tokens[i]
            out.append((s, e, text[s:e], pos, False))
            i += 1
    return out


def extract_terms(
    doc: Document,
    tokens: Sequence[tuple[int, int, str]],
    filt: TermFilter,
    *,
    entities: Sequence[EntitySpan] = (),
    entity_max_chars: int = 8,
    stats: Counter[str] | None = None,
) -> TermDoc:
    """The terms of every sentence of `doc` (header tokens are left out).

    Args:
        doc: The ingested report.
        tokens: Its tokens ``(start, end, pos)`` in text order (the segment stage's output).
        filt: POS tags, word lists and minimum length.
        entities: Mentions to merge into single terms (already limited to the wanted labels).
        entity_max_chars: Mentions longer than this stay split.
        stats: If given, counts of ``tokens``, ``kept``, ``dropped:<reason>`` and
            ``merged:<label>`` are added to it.

    Returns:
        The report's :class:`TermDoc`.
    """
    stats = stats if stats is not None else Counter()
    top = level1_sections(doc)
    sent_starts = [s.start for s in doc.sentences]
    by_sentence: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for tok in tokens:
        k = bisect.bisect_right(sent_starts, tok[0]) - 1
        if k >= 0 and tok[1] <= doc.sentences[k].end:
            by_sentence[k].append(tok)
    ents_by_sentence: dict[int, list[EntitySpan]] = defaultdict(list)
    for ent in sorted(entities, key=lambda e: (e.start, -e.end)):
        k = bisect.bisect_right(sent_starts, ent.start) - 1
        if k >= 0 and ent.end <= doc.sentences[k].end:
            ents_by_sentence[k].append(ent)
    merged: Counter[str] = Counter()
    sentences: list[TermSentence] = []
    for k, sent in enumerate(doc.sentences):
        toks = by_sentence.get(k, [])
        stats["tokens"] += len(toks)
        items = _merge(toks, doc.text, ents_by_sentence.get(k, []), entity_max_chars, merged)
        terms: list[Term] = []
        for s, e, word, pos, is_entity in items:
            reason = reject_reason(word, pos, filt, entity=is_entity)
            if reason:
                stats[f"dropped:{reason}"] += 1
            else:
                terms.append((s, e, word, pos))
        stats["kept"] += len(terms)
        if terms:
            sentences.append(
                TermSentence(
                    sentence_id=sent.sentence_id,
                    section_id=top.get(sent.section_id, ""),
                    paragraph_id=sent.paragraph_id,
                    terms=terms,
                )
            )
    for label, n in merged.items():
        stats[f"merged:{label}"] += n
    return TermDoc(
        doc_id=doc.doc_id,
        place=doc.place,
        level=doc.level,
        year=doc.year,
        chars=sum(len(s.text) for s in doc.sentences),
        sections=[(s.section_id, s.heading) for s in doc.sections if s.depth == 1],
        sentences=sentences,
    )


def entity_spans(
    rows: Iterable[Mapping[str, str]], labels: Iterable[str]
) -> dict[str, list[EntitySpan]]:
    """doc_id → body mentions (sentence_id > 0) of entities.csv rows with one of `labels`."""
    wanted = set(labels)
    out: dict[str, list[EntitySpan]] = defaultdict(list)
    for row in rows:
        if row["label"] not in wanted or int(row["sentence_id"]) <= 0:
            continue
        norm = entity_norm(row.get("norm") or row["text"])
        out[row["doc_id"]].append(
            EntitySpan(int(row["start"]), int(row["end"]), norm, row["label"])
        )
    return dict(out)


def term_counts(doc: TermDoc) -> Counter[str]:
    """How often each term occurs in the report."""
    return Counter(t[2] for s in doc.sentences for t in s.terms)


def sentence_terms(doc: TermDoc) -> list[list[str]]:
    return [[t[2] for t in s.terms] for s in doc.sentences]


def paragraph_terms(doc: TermDoc) -> list[tuple[int, str, list[str]]]:
    """(paragraph_id, level-1 section_id, terms) for every paragraph with terms, in order."""
    out: list[tuple[int, str, list[str]]] = []
    for s in doc.sentences:
        if out and out[-1][0] == s.paragraph_id:
            out[-1][2].extend(t[2] for t in s.terms)
        else:
            out.append((s.paragraph_id, s.section_id, [t[2] for t in s.terms]))
    return out


TERM_COLUMNS = ["doc_id", "term", "pos", "count", "per_10k"]


def term_rows(doc: TermDoc) -> list[TermRow]:
    """terms.csv rows of one report: by count (descending), then term."""
    pos: dict[str, Counter[str]] = defaultdict(Counter)
    for s in doc.sentences:
        for _, _, term, tag in s.terms:
            pos[term][tag] += 1
    rows = [
        TermRow(
            doc_id=doc.doc_id,
            term=term,
            pos=min(tags.items(), key=lambda kv: (-kv[1], kv[0]))[0],
            count=sum(tags.values()),
            per_10k=round(sum(tags.values()) / doc.chars * 10_000, 4) if doc.chars else 0.0,
        )
        for term, tags in pos.items()
    ]
    return sorted(rows, key=lambda r: (-r.count, r.term))


# ---------------------------------------------------------------- serialization


def term_doc_to_dict(doc: TermDoc) -> dict:
    return {
        "doc_id": doc.doc_id,
        "place": doc.place,
        "level": doc.level,
        "year": doc.year,
        "chars": doc.chars,
        "sections": [list(s) for s in doc.sections],
        "sentences": [
            {
                "sentence_id": s.sentence_id,
                "section_id": s.section_id,
                "paragraph_id": s.paragraph_id,
                "terms": [list(t) for t in s.terms],
            }
            for s in doc.sentences
        ],
    }


def term_doc_from_dict(data: Mapping) -> TermDoc:
    return TermDoc(
        doc_id=data["doc_id"],
        place=data["place"],
        level=data["level"],
        year=data["year"],
        chars=data["chars"],
        sections=[(a, b) for a, b in data["sections"]],
        sentences=[
            TermSentence(
                sentence_id=s["sentence_id"],
                section_id=s["section_id"],
                paragraph_id=s["paragraph_id"],
                terms=[(int(a), int(b), str(t), str(p)) for a, b, t, p in s["terms"]],
            )
            for s in data["sentences"]
        ],
    )


def load_term_docs(terms_dir: Path) -> list[TermDoc]:
    """Every report of a terms folder (this stage's output), in doc_id order."""
    paths = sorted(Path(terms_dir).glob("*.json"))
    if not paths:
        raise ValueError(f"no term files in {terms_dir}: run the terms stage first")
    return [term_doc_from_dict(read_json(p)) for p in paths]


def read_tokens(seg_dir: Path, doc_id: str) -> list[tuple[int, int, str]]:
    # The segment stage's file format (pipeline.segment.load_tokens), read here without
    # importing pipeline.segment, whose imports (gazetteer, spaCy glue) the corpus stages
    # would otherwise carry as dependencies.
    path = Path(seg_dir) / f"{doc_id}.json"
    if not path.is_file():
        raise ValueError(f"{path}: no tokens for {doc_id}; run the segment stage first")
    return [(int(s), int(e), str(p)) for s, e, p in read_json(path)["tokens"]]


# ---------------------------------------------------------------- shell


_PHRASE_HEAD_POS = frozenset(["a", "an", "b", "n", "vn", "nz", "ns", "j", "nl", "ng"])
_PHRASE_TAIL_POS = frozenset(["n", "vn", "nz", "ng", "nl", "ns"])


def phrase_spans(
    doc: Document,
    tokens: Sequence[tuple[int, int, str]],
    filt: TermFilter,
    *,
    min_count: int,
    share: float,
) -> list[EntitySpan]:
    """Recurring two-word phrases of one report (精致 + 城市 → 精致城市), as spans to merge.

    A pair qualifies when it occurs `min_count` times or more in the report, its first word
    stands in it at least `share` of the time, neither word is a stop or boilerplate word, and
    the phrase has 3 to 6 characters. Generic: nothing is listed, the report decides.
    """
    if min_count <= 0:
        return []
    text = doc.text
    words = [(s, e, text[s:e], p) for s, e, p in tokens]
    uses: Counter[str] = Counter(w for _, _, w, _ in words)
    pairs: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for (s1, e1, w1, p1), (s2, e2, w2, p2) in itertools.pairwise(words):
        if e1 != s2 or p1 not in _PHRASE_HEAD_POS or p2 not in _PHRASE_TAIL_POS:
            continue
        if not 3 <= len(w1) + len(w2) <= 6:
            continue
        if any(w in filt.stopwords or w in filt.boilerplate for w in (w1, w2)):
            continue
        pairs[(w1, w2)].append((s1, e2))
    spans: list[EntitySpan] = []
    for (w1, w2), where in pairs.items():
        if len(where) >= min_count and len(where) >= share * uses[w1]:
            spans += [EntitySpan(s, e, w1 + w2, "PHRASE") for s, e in where]
    return sorted(spans, key=lambda sp: (sp.start, -sp.end))


def build_corpus(
    docs: Sequence[Document],
    tokens_by_doc: Mapping[str, Sequence[tuple[int, int, str]]],
    filt: TermFilter,
    params: TermsParams,
    entities_by_doc: Mapping[str, Sequence[EntitySpan]] | None = None,
) -> tuple[list[TermDoc], Counter[str]]:
    """Term docs of all reports and the summed filter statistics."""
    stats: Counter[str] = Counter()
    out = [
        extract_terms(
            doc,
            tokens_by_doc[doc.doc_id],
            filt,
            entities=[
                *(entities_by_doc or {}).get(doc.doc_id, ()),
                *phrase_spans(
                    doc,
                    tokens_by_doc[doc.doc_id],
                    filt,
                    min_count=params.phrase_min_count,
                    share=params.phrase_share,
                ),
            ],
            entity_max_chars=params.entity_max_chars,
            stats=stats,
        )
        for doc in docs
    ]
    return out, stats


_WORKER: dict = {}
_CACHE_PARTS = (".json", ".stats.json", ".rows.csv")


def _init_worker(params: TermsParams, stopwords: Path, boilerplate: Path, seg_dir: Path) -> None:
    _WORKER.update(params=params, seg_dir=seg_dir,
                   filt=make_filter(params, stopwords, boilerplate))  # fmt: skip


def _terms_one(job: tuple[Document, list[EntitySpan]]) -> tuple[str, dict[str, int], str]:
    """One report's term file (its text), its filter statistics and its rows of terms.csv
    (CSV text without the header)."""
    doc, spans = job
    stats: Counter[str] = Counter()
    tokens = {doc.doc_id: read_tokens(_WORKER["seg_dir"], doc.doc_id)}
    (td,), stats = build_corpus(
        [doc], tokens, _WORKER["filt"], _WORKER["params"], {doc.doc_id: spans}
    )
    rows = to_csv_text(term_rows(td), TERM_COLUMNS, header=False)
    return dumps_json(term_doc_to_dict(td)), dict(stats), rows


def run(
    docs_dir: Path, seg_dir: Path, entities_csv: Path | None, stopwords: Path, boilerplate: Path,
    out_dir: Path, table: Path, metrics_path: Path, params: TermsParams, *, jobs: int = 1,
    result_cache: Path | None = None,
) -> dict:  # fmt: skip
    """Term files of every report; a report whose document, tokens, entity spans, params,
    word lists and code are those of an earlier run is read from `result_cache`, the others are
    computed in `jobs` processes (when there are enough of them)."""
    import hashlib

    from pipeline.docstore import load_documents
    from pipeline.io import fingerprint
    from pipeline.parallel import map_reports

    make_filter(params, stopwords, boilerplate)  # bad params fail here, before any work
    docs = load_documents(docs_dir)
    if not docs:
        raise ValueError(f"no ingested documents in {docs_dir}")
    entities: dict[str, list[EntitySpan]] = {}
    if params.merge_entities:
        if entities_csv is None or not Path(entities_csv).is_file():
            raise ValueError(f"terms.merge_entities is set but {entities_csv} does not exist")
        entities = entity_spans(read_csv(entities_csv), params.merge_entities)
    base = fingerprint([Path(__file__), stopwords, boilerplate], params=params, packages=())
    keys: dict[str, str] = {}
    for d in docs:
        if not (Path(seg_dir) / f"{d.doc_id}.json").is_file():
            read_tokens(seg_dir, d.doc_id)  # raises, naming the missing file
        h = hashlib.sha256(base.encode("utf-8"))
        h.update((Path(docs_dir) / f"{d.doc_id}.json").read_bytes())
        h.update((Path(seg_dir) / f"{d.doc_id}.json").read_bytes())
        h.update(repr(entities.get(d.doc_id, [])).encode("utf-8"))
        keys[d.doc_id] = h.hexdigest()
    # a cache entry is the report's term file as written, and beside it its statistics and its
    # rows of terms.csv (so an incremental run neither parses nor renders unchanged reports)
    results: dict[str, tuple[str, dict[str, int], str]] = {}
    if result_cache is not None:
        for d in docs:
            files = [Path(result_cache) / f"{keys[d.doc_id]}{ext}" for ext in _CACHE_PARTS]
            if all(f.exists() for f in files):
                hit, part, rows = files
                results[d.doc_id] = (hit.read_text(encoding="utf-8"), read_json(part),
                                     rows.read_text(encoding="utf-8"))  # fmt: skip
    todo = [d for d in docs if d.doc_id not in results]
    done = map_reports(
        _terms_one, [(d, entities.get(d.doc_id, [])) for d in todo],
        jobs=jobs if len(todo) >= 8 else 1, initializer=_init_worker,
        initargs=(params, stopwords, boilerplate, seg_dir), desc="terms",
    )  # fmt: skip
    for d, result in zip(todo, done, strict=True):
        results[d.doc_id] = result
        if result_cache is not None:
            key = keys[d.doc_id]
            write_text_if_changed(Path(result_cache) / f"{key}.json", result[0])
            write_json(Path(result_cache) / f"{key}.stats.json", result[1])
            write_text_if_changed(Path(result_cache) / f"{key}.rows.csv", result[2])
    if result_cache is not None:
        used = {f"{k}{ext}" for k in keys.values() for ext in _CACHE_PARTS}
        for stale in Path(result_cache).iterdir():
            if stale.is_file() and stale.name not in used:
                stale.unlink()
    stats: Counter[str] = Counter()
    for d in docs:
        stats.update(results[d.doc_id][1])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for d in docs:
        write_text_if_changed(out_dir / f"{d.doc_id}.json", results[d.doc_id][0])
    keep = {f"{d.doc_id}.json" for d in docs}
    for stale in out_dir.glob("*.json"):
        if stale.name not in keep:
            stale.unlink()
    # terms.csv: the reports' rows in doc_id order (`docs` is), as write_csv would render them
    chunks = [results[d.doc_id][2] for d in docs]
    atomic_write_text(table, to_csv_text([], TERM_COLUMNS) + "".join(chunks))
    vocabulary = {row[1] for chunk in chunks for row in csv.reader(io.StringIO(chunk))}
    metrics = {
        "documents": len(docs),
        "tokens": stats["tokens"],
        "terms": stats["kept"],
        "kept_share": round(stats["kept"] / stats["tokens"], 4) if stats["tokens"] else 0.0,
        "vocabulary": len(vocabulary),
        "dropped": {k.split(":", 1)[1]: v for k, v in sorted(stats.items()) if ":" in k and
                    k.startswith("dropped:")},
        "entities_merged": {k.split(":", 1)[1]: v for k, v in sorted(stats.items())
                            if k.startswith("merged:")},
        "boilerplate": params.boilerplate,
    }  # fmt: skip
    write_json(metrics_path, metrics)
    return metrics


def main(
    params: Path = typer.Option(Path("params.yaml"), help="params.yaml"),
    docs_dir: Path = typer.Option(..., help="Ingested documents (JSON)."),
    seg_dir: Path = typer.Option(..., help="Token files of the segment stage."),
    entities: Path = typer.Option(..., help="entities.csv (mentions merged into terms)."),
    stopwords: Path = typer.Option(..., help="Stop-word list."),
    boilerplate: Path = typer.Option(..., help="Boilerplate list of government prose."),
    out_dir: Path = typer.Option(..., help="Folder for the term files (one JSON per report)."),
    table: Path = typer.Option(..., help="terms.csv (report × term counts)."),
    result_cache: Path = typer.Option(None, help="Per-report term cache (incremental runs)."),
    metrics_path: Path = typer.Option(..., "--metrics", help="Stage metrics JSON."),
) -> None:
    """Run the terms stage."""

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        p = config.load_params(params, "terms")
        m = run(docs_dir, seg_dir, entities, stopwords, boilerplate, out_dir, table,
                metrics_path, p, jobs=config.load_params(params, "base").jobs,
                result_cache=result_cache)  # fmt: skip
    except (config.ConfigError, ValueError, OSError) as exc:
        typer.echo(f"terms: error: {exc}", err=True)
        raise typer.Exit(1) from exc
    log.info("terms: %d reports, %d terms (%.0f%% of tokens), vocabulary %d",
             m["documents"], m["terms"], 100 * m["kept_share"], m["vocabulary"])  # fmt: skip


if __name__ == "__main__":
    from pipeline import run_script

    run_script("pipeline.terms")
