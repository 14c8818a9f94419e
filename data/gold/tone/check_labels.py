"""Check data/gold/tone/labels.csv against reports/tables/sentences.csv.

Checks:
  * header is exactly doc_id,sentence_id,text,label,note
  * every (doc_id, sentence_id, text) row matches sentences.csv exactly
  * labels are in {positive, neutral, negative}
  * no duplicate (doc_id, sentence_id) rows and no duplicate (doc_id, text) rows
  * no bare headings (一、… / （一）…) and no bare salutation (各位代表)
Prints counts per label and per report (and per split if split.csv is present).
Exit status 1 on any error.

usage: python data/gold/tone/check_labels.py [labels.csv] [sentences.csv]
"""
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
LABELS = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / 'labels.csv'
SENTENCES = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / 'reports' / 'tables' / 'sentences.csv'
SPLIT = HERE / 'split.csv'

HEADER = ['doc_id', 'sentence_id', 'text', 'label', 'note']
LABEL_SET = {'positive', 'neutral', 'negative'}
HEADING = re.compile(r'^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^。！？；]*[。]?$')
SALUTATION = re.compile(r'^各位代表[：:！!，,]?$')

errors = []

with open(SENTENCES, encoding='utf-8', newline='') as f:
    ref = {(r['doc_id'], r['sentence_id']): r['text'] for r in csv.DictReader(f)}

with open(LABELS, encoding='utf-8', newline='') as f:
    reader = csv.reader(f)
    header = next(reader)
    if header != HEADER:
        errors.append(f'bad header: {header}')
    rows = [dict(zip(header, r)) for r in reader]

seen_id, seen_text = set(), set()
for n, r in enumerate(rows, 2):
    key = (r['doc_id'], r['sentence_id'])
    if key not in ref:
        errors.append(f'line {n}: no sentence {key} in sentences.csv')
    elif ref[key] != r['text']:
        errors.append(f'line {n}: text differs from sentences.csv for {key}')
    if r['label'] not in LABEL_SET:
        errors.append(f'line {n}: bad label {r["label"]!r}')
    if key in seen_id:
        errors.append(f'line {n}: duplicate sentence {key}')
    seen_id.add(key)
    tkey = (r['doc_id'], r['text'])
    if tkey in seen_text:
        errors.append(f'line {n}: duplicate text in {r["doc_id"]}')
    seen_text.add(tkey)
    if HEADING.match(r['text']) or SALUTATION.match(r['text']):
        errors.append(f'line {n}: heading or salutation {r["text"][:30]!r}')

labels = ('negative', 'neutral', 'positive')
by_label = Counter(r['label'] for r in rows)
by_doc = defaultdict(Counter)
for r in rows:
    by_doc[r['doc_id']][r['label']] += 1

print(f'{len(rows)} rows, {len(by_doc)} reports')
print('per label: ' + ', '.join(f'{k} {by_label[k]}' for k in labels))
print()
print(f'{"doc_id":<36}{"neg":>5}{"neu":>5}{"pos":>5}{"all":>6}')
for doc in sorted(by_doc):
    c = by_doc[doc]
    print(f'{doc:<36}{c["negative"]:>5}{c["neutral"]:>5}{c["positive"]:>5}{sum(c.values()):>6}')

if SPLIT.exists():
    with open(SPLIT, encoding='utf-8', newline='') as f:
        split = {r['doc_id']: r['split'] for r in csv.DictReader(f)}
    missing = sorted(set(by_doc) - set(split))
    if missing:
        errors.append(f'reports without a split: {missing}')
    by_split = defaultdict(Counter)
    for r in rows:
        by_split[split.get(r['doc_id'], '?')][r['label']] += 1
    print()
    for s in sorted(by_split):
        c = by_split[s]
        docs = sorted(d for d in by_doc if split.get(d) == s)
        print(f'split {s}: ' + ', '.join(f'{k} {c[k]}' for k in labels)
              + f', total {sum(c.values())} ({len(docs)} reports)')
        if s == 'test':
            print('  held-out reports: ' + ', '.join(docs))

if errors:
    print()
    print(f'{len(errors)} error(s):')
    print('\n'.join(errors[:50]))
    sys.exit(1)
print()
print('OK')
