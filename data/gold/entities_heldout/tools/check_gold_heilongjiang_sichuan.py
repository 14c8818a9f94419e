"""Final check of the held-out gold CSVs (adapted from ../../entities/tools/check_gold.py):
header, labels, scored values, every text is a substring of the normalized report, no duplicate
(label, text) rows, rows sorted by label then first occurrence. Pass stems as arguments; default all CSVs."""
import csv, pathlib, sys
QUOTES = '“”‘’"「」《》'
norm = lambda s: s.translate({ord(c): None for c in QUOTES}).strip()
base = pathlib.Path(__file__).resolve().parent.parent
ORDER = {'COMPANY': 0, 'PLACE': 1, 'PROGRAM': 2}
ok = True
paths = [base / f'{s}.csv' for s in sys.argv[1:]] or sorted(base.glob('*.csv'))
for p in paths:
    rep = norm((pathlib.Path(__file__).resolve().parents[4] / 'data' / 'raw' / f'{p.stem}.txt').read_text(encoding='utf-8'))
    rows = list(csv.reader(open(p, encoding='utf-8', newline='')))
    assert rows[0] == ['label', 'text', 'scored', 'note'], p
    seen, keys = set(), []
    for lab, txt, sc, note in rows[1:]:
        if lab not in ORDER or sc not in ('yes', 'no'):
            print('BAD VALUE', p.name, lab, txt, sc); ok = False
        if txt != norm(txt) or txt not in rep:
            print('NOT SUBSTRING', p.name, lab, txt); ok = False
        if (lab, txt) in seen:
            print('DUPLICATE', p.name, lab, txt); ok = False
        seen.add((lab, txt)); keys.append((ORDER.get(lab, 9), rep.find(txt)))
    if keys != sorted(keys):
        print('NOT SORTED', p.name); ok = False
    print(p.name, len(rows) - 1, 'rows')
print('ALL OK' if ok else 'PROBLEMS FOUND'); sys.exit(0 if ok else 1)
