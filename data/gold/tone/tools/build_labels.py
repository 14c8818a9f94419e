"""Assemble labels.csv from the hand-written drafts in ../.draft/<doc_id>.txt.

Each draft line is `sentence_id|label|note`, written by a reader after reading the sentence.
This script only joins the exact sentence text from reports/tables/sentences.csv, sorts the rows
and writes labels.csv and split.csv. It assigns no labels itself.
"""
import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent          # data/gold/tone
ROOT = HERE.parents[2]                                   # repo root
SENTENCES = ROOT / 'reports' / 'tables' / 'sentences.csv'
DRAFTS = HERE / '.draft'
HELDOUT = {
    'national_guowuyuan_2024',
    'province_gansu_2026',
    'province_shanghai_2021',
    'district_hulunbeier_hailaer_2014',
}

sent = {}
with open(SENTENCES, encoding='utf-8', newline='') as f:
    for r in csv.DictReader(f):
        sent[(r['doc_id'], int(r['sentence_id']))] = r['text']

rows, errors = [], []
for p in sorted(DRAFTS.glob('*.txt')):
    doc = p.stem
    seen = set()
    for n, line in enumerate(p.read_text(encoding='utf-8').splitlines(), 1):
        if not line.strip():
            continue
        sid, label, note = (line.split('|', 2) + ['', ''])[:3]
        sid = int(sid)
        if sid in seen:
            errors.append(f'{p.name}:{n} duplicate sentence {sid}')
        seen.add(sid)
        if (doc, sid) not in sent:
            errors.append(f'{p.name}:{n} unknown sentence {sid}')
            continue
        rows.append((doc, sid, sent[(doc, sid)], label.strip(), note.strip()))

if errors:
    print('\n'.join(errors))
    sys.exit(1)

rows.sort(key=lambda r: (r[0], r[1]))
with open(HERE / 'labels.csv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f)
    w.writerow(['doc_id', 'sentence_id', 'text', 'label', 'note'])
    w.writerows(rows)

docs = sorted({r[0] for r in rows})
with open(HERE / 'split.csv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f)
    w.writerow(['doc_id', 'split'])
    for d in docs:
        w.writerow([d, 'test' if d in HELDOUT else 'train'])
print(f'wrote {len(rows)} rows from {len(docs)} reports')
