"""(Held-out copy, adapted from ../../entities/tools/build_and_check.py: reads the raw texts from /work/main/data/raw.)
Turn a hand-written draft (label|text|scored|note) into the gold CSV and check it.
Only sorts/validates manually annotated rows; it does not extract anything."""

import csv, sys, re, collections, pathlib

QUOTES = '“”‘’"「」《》'


def norm(s):
    return s.translate({ord(c): None for c in QUOTES}).strip()


base = pathlib.Path(__file__).resolve().parent.parent
corpus = (pathlib.Path(__file__).resolve().parents[4] / 'data' / 'raw')  # held-out: same texts as /work/shared/corpus
ORDER = {"COMPANY": 0, "PLACE": 1, "PROGRAM": 2}


def build(stem):
    rep = norm((corpus / f"{stem}.txt").read_text(encoding="utf-8"))
    rows, seen, errs = [], set(), []
    for ln in (base / ".draft" / f"{stem}.txt").read_text(encoding="utf-8").splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        parts = ln.split("|")
        if len(parts) != 4:
            errs.append(f"bad line: {ln}")
            continue
        lab, txt, sc, note = parts
        txt = norm(txt)
        if lab not in ORDER:
            errs.append(f"bad label {lab}")
        if sc not in ("yes", "no"):
            errs.append(f"bad scored {ln}")
        if txt not in rep:
            errs.append(f"NOT IN TEXT: {lab} {txt}")
        if (lab, txt) in seen:
            errs.append(f"DUP: {lab} {txt}")
        seen.add((lab, txt))
        rows.append((lab, txt, sc, note))
    rows.sort(key=lambda r: (ORDER[r[0]], rep.find(r[1]) if r[1] in rep else 10**9))
    with open(base / f"{stem}.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["label", "text", "scored", "note"])
        w.writerows(rows)
    c = collections.Counter((r[0], r[2]) for r in rows)
    return errs, c


if __name__ == "__main__":
    for stem in sys.argv[1:]:
        errs, c = build(stem)
        print(stem, {k: c[k] for k in sorted(c)})
        for e in errs:
            print("  ", e)
