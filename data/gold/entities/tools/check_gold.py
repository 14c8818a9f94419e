"""Final check of the gold CSVs: header, labels, scored values, every text is a substring of the
normalized report, no duplicate (label, text) rows, rows sorted by label then first occurrence.

    python3 check_gold.py [--gold DIR] [stem…]      (no stems: every CSV of DIR)
"""

import csv
import sys

from gold_io import ORDER, args, norm, report

gold, stems, _ = args()
ok = True
for p in [gold / f"{s}.csv" for s in stems] or sorted(gold.glob("*.csv")):
    rep = norm(report(p.stem))
    rows = list(csv.reader(open(p, encoding="utf-8", newline="")))
    assert rows[0] == ["label", "text", "scored", "note"], p
    seen, keys = set(), []
    for lab, txt, sc, note in rows[1:]:
        if lab not in ORDER or sc not in ("yes", "no", "neg"):
            print("BAD VALUE", p.name, lab, txt, sc); ok = False
        if txt != norm(txt) or txt not in rep:
            print("NOT SUBSTRING", p.name, lab, txt); ok = False
        if (lab, txt) in seen:
            print("DUPLICATE", p.name, lab, txt); ok = False
        seen.add((lab, txt)); keys.append((ORDER.get(lab, 9), rep.find(txt)))
    if keys != sorted(keys):
        print("NOT SORTED", p.name); ok = False
    print(p.name, len(rows) - 1, "rows")
print("ALL OK" if ok else "PROBLEMS FOUND"); sys.exit(0 if ok else 1)
