"""Build gold.csv from the hand-written rows in rows.txt.

No extraction happens here: every row was written by hand after reading the paragraph.
This script only copies the full sentence text from reports/tables/sentences.csv,
derives `kind` from the paragraph (overview -> actual, targets -> target) and writes the CSV.
Run from anywhere:  python3 data/gold/indicators/build_gold.py
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SENTENCES = os.path.join(ROOT, "reports", "tables", "sentences.csv")
ROWS = os.path.join(HERE, "rows.txt")
OUT = os.path.join(HERE, "gold.csv")

HEADER = ["doc_id", "sentence_id", "sentence_text", "paragraph", "indicator_raw", "indicator",
          "kind", "value", "unit", "change", "qualifier", "modal", "period", "note"]
KIND = {"overview": "actual", "targets": "target"}


def main():
    sents = {}
    with open(SENTENCES, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            sents[(r["doc_id"], r["sentence_id"])] = r["text"]
    out, doc = [], None
    with open(ROWS, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@doc "):
                doc = line.split(None, 1)[1].strip()
                continue
            parts = line.split("|")
            if len(parts) != 11:
                sys.exit(f"rows.txt:{n}: expected 11 fields, got {len(parts)}: {line}")
            sid, para, raw, ind, value, unit, change, qual, modal, period, note = \
                [p.strip() for p in parts]
            key = (doc, sid)
            if key not in sents:
                sys.exit(f"rows.txt:{n}: no sentence {key}")
            out.append({"doc_id": doc, "sentence_id": sid, "sentence_text": sents[key],
                        "paragraph": para, "indicator_raw": raw, "indicator": ind,
                        "kind": KIND[para], "value": value, "unit": unit, "change": change,
                        "qualifier": qual, "modal": modal, "period": period, "note": note})
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER)
        w.writeheader()
        w.writerows(out)
    print(f"wrote {len(out)} rows to {OUT}")


if __name__ == "__main__":
    main()
