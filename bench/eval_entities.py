"""Score the entity stage on the gold sets without DVC (development loop).

    python bench/eval_entities.py [--gold data/gold/entities] [--gold data/gold/entities_heldout]
        [--errors] [--kinds] [--jobs 2] [--pos lexicon|posseg] [--wrap WIDTH] [--ascii-punct]
        [--spaced] [--traditional] [--html]

Reads the ingested documents and token files of the last `dvc repro` (data/interim) and runs
the entity recognizer on the gold reports only, with the current code and resources; a gold
folder that holds its reports' texts (`<doc_id>.txt` beside `<doc_id>.csv`, as
data/gold/entities_probe) has them ingested and segmented on the fly. With
`--wrap`, the gold reports are first laid out as a PDF's text layer gives them (lines of WIDTH
characters, indented first lines, page numbers and running heads: bench/wrapped_text.py) and
ingested and segmented again from that; with `--ascii-punct`, their Chinese punctuation is
first written as ASCII (，；：！？（）“” → , ; : ! ? ( ) "), as some converters and typists
leave it; with `--spaced`, every other line is letter-spaced (政 府 工 作 报 告), as PDF
extractors write the lines a justified layout stretched; with `--traditional`, the reports are
first converted to traditional characters (OpenCC s2t); with `--html`, each paragraph is put in
<p>…</p> with its quotes and full-width spaces as character references (&ldquo; &rdquo; &nbsp;),
as a scraper that kept a web page's markup saves it.

With `--kinds`, the false negatives of each gold set are counted by kind, without their strings
(so also for the held-out set, whose errors are not for reading): whether the recognizer found
the same string under another label, a longer entity around it, or a shorter one inside it, or
nothing; and the shape of the name (ends in a zone word, in a natural feature's word, is a
gazetteer place, its length).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's code, whatever the environment has installed

from pipeline import config  # noqa: E402
from pipeline.entities import LABELS, default_stoplist, evaluate, recognize_all  # noqa: E402

ASCII_PUNCT = str.maketrans(
    {
        "，": ",",
        "；": ";",
        "：": ":",
        "！": "!",
        "？": "?",
        "（": "(",
        "）": ")",
        "“": '"',
        "”": '"',
    }
)


def letter_spaced(text: str) -> str:
    """Every other non-empty line of `text` with a space between its characters."""
    lines = text.split("\n")
    at = [i for i, line in enumerate(lines) if line.strip()]
    for i in at[1::2]:
        body = lines[i].lstrip(" \t\u3000")
        lines[i] = lines[i][: len(lines[i]) - len(body)] + " ".join(body)
    return "\n".join(lines)


def as_html(text: str) -> str:
    """Each non-empty line of `text` as a <p> element, quotes and indents as references."""
    refs = str.maketrans({"“": "&ldquo;", "”": "&rdquo;", "\u3000": "&nbsp;", "&": "&amp;"})
    return "\n".join(f"<p>{line.translate(refs)}</p>" for line in text.split("\n") if line.strip())


def relaid(text: str, args: argparse.Namespace) -> str:
    """`text` in the forms the options ask for, in the order a document goes through them:
    script, typing, print layout, extraction, saving."""
    if args.traditional:
        import opencc

        text = opencc.OpenCC("s2t").convert(text)
    if args.ascii_punct:
        text = text.translate(ASCII_PUNCT)
    if args.wrap:
        from wrapped_text import print_layout

        text = print_layout(text, args.wrap, indent=True)
    if args.spaced:
        text = letter_spaced(text)
    if args.html:
        text = as_html(text)
    return text


def _reingest(golds: list[Path], docs_dir: Path, args: argparse.Namespace) -> None:
    """Ingest the gold reports again from their raw files in the forms `args` asks for."""
    from pipeline.docstore import document_to_dict
    from pipeline.ingest import ingest_bytes
    from pipeline.io import write_json
    from pipeline.manifest import read_manifest
    from pipeline.types import ManifestRow

    params = config.load_params(ROOT / "params.yaml", "ingest")
    rows = {r.doc_id: r for r in read_manifest(ROOT / "data/raw/reports.csv")}
    for gold in golds:
        for path in gold.glob("*.csv"):
            own = path.with_suffix(".txt")  # a gold set of texts outside data/raw
            row = ManifestRow(path.stem, str(own)) if own.exists() else rows[path.stem]
            raw = own if own.exists() else ROOT / "data/raw" / row.file
            try:
                text = relaid(raw.read_text(encoding="utf-8"), args)
            except UnicodeDecodeError as exc:
                raise SystemExit(
                    f"{raw}: not UTF-8 text ({exc.reason} at byte {exc.start})"
                ) from exc
            doc = ingest_bytes(text.encode("gb18030"), row, params, f"{row.file} (laid out)")
            write_json(docs_dir / f"{path.stem}.json", document_to_dict(doc))


def _resegment(
    golds: list[Path], seg_params, seg_dir: Path, docs_dir: Path = ROOT / "data/interim/ingest"
) -> None:
    from pipeline.docstore import document_from_dict
    from pipeline.io import read_json, write_json
    from pipeline.segment import load_lexicon, make_segmenter, segment_document

    lexicon = load_lexicon(ROOT / "pipeline/resources/policy_terms.tsv")
    seg = make_segmenter(
        seg_params.backend, lexicon, hmm=seg_params.hmm, pos=seg_params.pos,
        cache_dir=ROOT / "data/cache/jieba-eval",
    )  # fmt: skip
    for gold in golds:
        for path in gold.glob("*.csv"):
            doc = document_from_dict(read_json(docs_dir / f"{path.stem}.json"))
            tokens = [list(t) for t in segment_document(doc, seg)]
            write_json(seg_dir / f"{path.stem}.json", {"tokens": tokens})


def miss_kind(missed: str, found: dict[str, set[str]], is_place) -> tuple[str, str]:
    """The kind of a false negative: what the recognizer found of it in its report (`found`:
    normalized entity → labels) and the shape of the name."""
    from pipeline.ner_rules import NATURAL_SUFFIXES, ZONE_SUFFIXES

    def labels(names) -> str:
        return "/".join(sorted({lab for n in names for lab in found[n]}))

    if missed in found:
        relation = f"same string as {labels([missed])}"
    elif longer := [n for n in found if missed in n]:
        relation = f"inside a found {labels(longer)}"
    elif shorter := [n for n in found if n in missed]:
        relation = f"around a found {labels(shorter)}"
    else:
        relation = "nothing found"
    if missed.endswith(ZONE_SUFFIXES):
        shape = "zone word"
    elif missed.endswith(NATURAL_SUFFIXES):
        shape = "natural feature"
    elif is_place(missed):
        shape = "gazetteer place"
    else:
        shape = "other"
    return relation, f"{shape}, {min(len(missed), 5)}{'+' if len(missed) >= 5 else ''} chars"


def false_kind(wrong: str, missed: Sequence[str], sources: Iterable[str]) -> tuple[str, str]:
    """The kind of a false positive, no strings: whether it overlaps a missed entity of its
    label in its report (a boundary error) and the components that produced it."""
    if any(m in wrong for m in missed):
        relation = "around a missed one"
    elif any(wrong in m for m in missed):
        relation = "inside a missed one"
    else:
        relation = "no missed one near"
    return relation, "/".join(sorted(sources)) or "?"


def _print_kinds(rows, errors: dict) -> None:
    from collections import Counter

    from pipeline.entities import make_lexicons
    from pipeline.segment import default_policy_terms, load_lexicon

    lex = make_lexicons(load_lexicon(default_policy_terms()), default_stoplist())
    found: dict[str, dict[str, set[str]]] = {}
    sources: dict[tuple[str, str, str], set[str]] = {}
    for r in rows:
        found.setdefault(r.doc_id, {}).setdefault(r.norm, set()).add(r.label)
        sources.setdefault((r.doc_id, r.label, r.norm), set()).add(r.source)
    for lab in LABELS:
        kinds = Counter(
            miss_kind(missed, found.get(doc_id, {}), lex.is_place)
            for doc_id, by_label in errors.items()
            for missed in by_label.get(lab, {}).get("fn", [])
        )
        print(f"{lab} false negatives by kind ({sum(kinds.values())}):")
        for (relation, shape), n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:4}  {relation}; {shape}")
        wrong = Counter(
            false_kind(fp, by_label.get(lab, {}).get("fn", []), sources.get((doc_id, lab, fp), ()))
            for doc_id, by_label in errors.items()
            for fp in by_label.get(lab, {}).get("fp", [])
        )
        print(f"{lab} false positives by kind ({sum(wrong.values())}):")
        for (relation, source), n in sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:4}  {relation}; from {source}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", action="append", type=Path)
    ap.add_argument("--errors", action="store_true", help="print false positives and negatives")
    ap.add_argument(
        "--kinds", action="store_true", help="count the false negatives by kind, no strings"
    )
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument(
        "--pos", choices=("posseg", "lexicon"), help="re-segment the gold reports in this mode"
    )
    ap.add_argument("--wrap", type=int, help="score the reports hard-wrapped at this width")
    ap.add_argument(
        "--ascii-punct", action="store_true", help="score the reports with ASCII punctuation"
    )
    ap.add_argument(
        "--spaced", action="store_true", help="score the reports with letter-spaced lines"
    )
    ap.add_argument(
        "--traditional", action="store_true", help="score the reports in traditional characters"
    )
    ap.add_argument("--html", action="store_true", help="score the reports as saved HTML")
    args = ap.parse_args()
    golds = args.gold or [ROOT / "data/gold/entities", ROOT / "data/gold/entities_heldout"]
    params = ROOT / "params.yaml"
    seg_params = config.load_params(params, "segment")
    seg_dir = ROOT / "data/interim/segment"
    docs_dir = ROOT / "data/interim/ingest"
    other_form = args.wrap or args.ascii_punct or args.spaced or args.traditional or args.html
    # A gold set that brings its reports' texts (<doc_id>.txt beside <doc_id>.csv) is ingested
    # and segmented here: its reports are not in data/interim.
    other_form = other_form or any(any(g.glob("*.txt")) for g in golds if g.is_dir())
    with contextlib.ExitStack() as stack:  # the temporary copies go when the run ends
        _score(golds, args, params, seg_params, seg_dir, docs_dir, other_form, stack)


def _score(golds, args, params, seg_params, seg_dir, docs_dir, other_form, stack) -> None:
    if other_form:
        docs_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="gwr-eval-docs-")))
        _reingest(golds, docs_dir, args)
    if args.pos or other_form:
        seg_params = dataclasses.replace(seg_params, pos=args.pos or seg_params.pos)
        seg_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="gwr-eval-seg-")))
        _resegment(golds, seg_params, seg_dir, docs_dir)
    for gold in golds:
        if not gold.is_dir():
            continue
        doc_ids = sorted(p.stem for p in gold.glob("*.csv"))
        rows = recognize_all(
            doc_ids, docs_dir, seg_dir,
            ROOT / "pipeline/resources/policy_terms.tsv", default_stoplist(),
            seg_params, config.load_params(params, "entities"),
            jobs=args.jobs, cache_dir=ROOT / "data/cache/jieba-entities",
        )  # fmt: skip
        scores = evaluate(rows, gold)
        errors = scores.pop("_errors")
        print(f"== {gold} ({len(doc_ids)} reports)")
        for lab in LABELS:
            s = scores["by_label"][lab]
            print(f"{lab:8} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}"
                  f"  (tp {s['tp']} fp {s['fp']} fn {s['fn']})")  # fmt: skip
        for bound in ("lenient", "strict"):  # negatives ignored / not-scored forms counted
            for lab in LABELS:
                s = scores[f"by_label_{bound}"][lab]
                print(f"{lab:8} {bound:7} P {s['precision']:.3f} F1 {s['f1']:.3f}  (fp {s['fp']})")
        if args.kinds:
            _print_kinds(rows, errors)
        if args.errors and "heldout" not in gold.name:  # held-out errors are not for reading
            sources: dict[tuple[str, str, str], set[str]] = {}
            for r in rows:
                sources.setdefault((r.doc_id, r.label, r.norm), set()).add(r.source)
            for doc_id, by_label in errors.items():
                for lab, err in by_label.items():
                    fps = [f"{t}[{'/'.join(sorted(sources.get((doc_id, lab, t), ())))}]"
                           for t in err["fp"]]  # fmt: skip
                    print(f"{doc_id} {lab} FP: {' '.join(fps)}")
                    print(f"{doc_id} {lab} FN: {' '.join(err['fn'])}")
                    if lab == "COMPANY":
                        tps = sorted(
                            f"{t}[{'/'.join(sorted(src))}]"
                            for (d, lb, t), src in sources.items()
                            if d == doc_id and lb == lab and t not in err["fp"]
                        )
                        print(f"{doc_id} {lab} TP/unscored: {' '.join(tps)}")


if __name__ == "__main__":
    main()
