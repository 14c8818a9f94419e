"""Final check of the gold CSVs: header, labels, scored values, every text is a substring of the
normalized report, no duplicate (label, text) rows, rows sorted by label then first occurrence."""
import csv, pathlib, sys
QUOTES = '“”‘’"「」《》'
norm = lambda s: s.translate({ord(c): None for c in QUOTES}).strip()
base = pathlib.Path(__file__).resolve().parent.parent
ok = True
for p in sorted(base.glob('*.csv')):
    rep = norm((pathlib.Path(__file__).resolve().parents[4] / 'data' / 'raw' / f'{p.stem}.txt').read_text(encoding='utf-8'))
    rows = list(csv.reader(open(p, encoding='utf-8', newline='')))
    assert rows[0] == ['label', 'text', 'scored', 'note'], p
    seen, keys = set(), []
    for lab, txt, sc, note in rows[1:]:
        if lab not in ('COMPANY', 'PLACE', 'PROGRAM') or sc not in ('yes', 'no'):
            print('BAD VALUE', p.name, lab, txt, sc); ok = False
        if txt != norm(txt) or txt not in rep:
            print('NOT SUBSTRING', p.name, lab, txt); ok = False
        if (lab, txt) in seen:
            print('DUPLICATE', p.name, lab, txt); ok = False
        seen.add((lab, txt)); keys.append((lab, rep.find(txt)))
    if keys != sorted(keys):
        print('NOT SORTED', p.name); ok = False
    print(p.name, len(rows) - 1, 'rows')
print('ALL OK' if ok else 'PROBLEMS FOUND'); sys.exit(0 if ok else 1)
