"""Shared by the gold tools: paths, normalization, drafts. Every tool takes
``[--gold DIR] stem…``: DIR is a gold folder (default: this tools folder's parent,
data/gold/entities; data/gold/entities_heldout for the held-out set), holding the CSVs and
the hand-written drafts in ``.draft/<stem>.txt``; the reports are read from data/raw."""

import argparse
import pathlib

QUOTES = '“”‘’"「」《》'
ORDER = {"COMPANY": 0, "PLACE": 1, "PROGRAM": 2}
ROOT = pathlib.Path(__file__).resolve().parents[4]


def norm(s):
    return s.translate({ord(c): None for c in QUOTES}).strip()


def report(stem):
    return (ROOT / "data" / "raw" / f"{stem}.txt").read_text(encoding="utf-8")


def draft_rows(gold, stem):
    """The (label, text, scored, note) lines of a draft, comments and blank lines skipped."""
    path = gold / ".draft" / f"{stem}.txt"
    return [ln for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


def args(extra=None):
    """(gold folder, stems, extra positional values) from the command line."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parent.parent)
    ap.add_argument("stems", nargs="*")
    if extra:
        ap.add_argument(extra)
    ns = ap.parse_args()
    return ns.gold.resolve(), ns.stems, getattr(ns, extra, None) if extra else None


def covered(rep, texts):
    """Per character of `rep`, whether some annotated text covers it."""
    import re

    cov = [False] * len(rep)
    for t in texts:
        for m in re.finditer(re.escape(t), rep):
            for i in range(m.start(), m.end()):
                cov[i] = True
    return cov
