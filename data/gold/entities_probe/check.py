#!/usr/bin/env python3
"""Check the probe gold CSVs (standard library only).
- header is label,text,scored,note
- label in COMPANY/PLACE/PROGRAM, scored in yes/no/neg, text non-empty and stripped
- every text occurs verbatim in the excerpt after removing “ ” ‘ ’ " 「 」 《 》
- no duplicate (label, text) rows
- rows sorted by label (COMPANY, PLACE, PROGRAM) then first occurrence
- excerpt length 3,000-4,000 Chinese characters (Han characters)
Prints per-label yes/no/neg counts."""
import csv, os, re, sys
from collections import Counter
# the folder to check: the first argument, else this file's (python check.py ../entities_probe_heldout)
HERE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
DOCS = sorted(f[:-4] for f in os.listdir(HERE) if f.endswith('.csv'))
MARKS = '“”‘’"「」《》'
LABELS = ['COMPANY', 'PLACE', 'PROGRAM']
SCORED = {'yes', 'no', 'neg'}

def normalize(t):
    return t.translate({ord(c): None for c in MARKS})

def check(doc):
    errs = []
    raw = open(os.path.join(HERE, doc + '.txt'), encoding='utf-8').read()
    text = normalize(raw)
    han = len(re.findall(r'[\u4e00-\u9fff]', raw))
    if not 3000 <= han <= 4000:
        errs.append(f'excerpt has {han} Han characters (want 3000-4000)')
    with open(os.path.join(HERE, doc + '.csv'), encoding='utf-8', newline='') as f:
        rd = csv.reader(f)
        header = next(rd)
        rows = list(rd)
    if header != ['label', 'text', 'scored', 'note']:
        errs.append(f'bad header {header}')
    seen = set()
    counts = Counter()
    prev = None
    for i, r in enumerate(rows, 2):
        if len(r) != 4:
            errs.append(f'line {i}: {len(r)} fields'); continue
        label, t, sc, note = r
        if label not in LABELS: errs.append(f'line {i}: bad label {label}')
        if sc not in SCORED: errs.append(f'line {i}: bad scored {sc}')
        if not t or t != t.strip(): errs.append(f'line {i}: empty or unstripped text {t!r}')
        if any(c in t for c in MARKS): errs.append(f'line {i}: quote/title mark left in {t}')
        pos = text.find(t)
        if pos < 0: errs.append(f'line {i}: not in excerpt: {label} {t}')
        if (label, t) in seen: errs.append(f'line {i}: duplicate {label} {t}')
        seen.add((label, t))
        counts[(label, sc)] += 1
        k = (LABELS.index(label) if label in LABELS else 9, pos)
        if prev is not None and k < prev:
            errs.append(f'line {i}: out of order: {label} {t}')
        prev = k
    return errs, counts, han

def main():
    ok = True
    for d in DOCS:
        errs, counts, han = check(d)
        print(f'== {d} ({han} Han characters)')
        for lab in LABELS:
            print(f'   {lab:8s} yes {counts[(lab,"yes")]:3d}  no {counts[(lab,"no")]:3d}  neg {counts[(lab,"neg")]:3d}')
        for e in errs:
            print('   ERROR', e)
        ok = ok and not errs
    print('ALL OK' if ok else 'FAILED')
    return 0 if ok else 1

if __name__ == '__main__':
    sys.exit(main())
