"""Turn hand-written drafts (label|text|scored|note) into the gold CSVs and check them.
Only sorts/validates manually annotated rows; it does not extract anything.

    python3 build_and_check.py [--gold DIR] stem…
"""

import collections
import csv

from gold_io import ORDER, args, draft_rows, norm, report


def build(gold, stem):
    rep = norm(report(stem))
    rows, seen, errs = [], set(), []
    for ln in draft_rows(gold, stem):
        parts = ln.split("|")
        if len(parts) != 4:
            errs.append(f"bad line: {ln}")
            continue
        lab, txt, sc, note = parts
        txt = norm(txt)
        if lab not in ORDER:
            errs.append(f"bad label {lab}")
        if sc not in ("yes", "no", "neg"):
            errs.append(f"bad scored {ln}")
        if txt not in rep:
            errs.append(f"NOT IN TEXT: {lab} {txt}")
        if (lab, txt) in seen:
            errs.append(f"DUP: {lab} {txt}")
        seen.add((lab, txt))
        rows.append((lab, txt, sc, note))
    rows.sort(key=lambda r: (ORDER.get(r[0], 9), rep.find(r[1]) if r[1] in rep else 10**9))
    with open(gold / f"{stem}.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["label", "text", "scored", "note"])
        w.writerows(rows)
    return errs, collections.Counter((r[0], r[2]) for r in rows)


if __name__ == "__main__":
    gold, stems, _ = args()
    for stem in stems:
        errs, c = build(gold, stem)
        print(stem, {k: c[k] for k in sorted(c)})
        for e in errs:
            print("  ", e)
