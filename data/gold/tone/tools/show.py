"""Locating aid only: print paragraphs (with sentence ids) so a human/AI reader can label them.
usage: show.py DOC [para_from para_to] | show.py DOC --markers"""
import sys, re
import pandas as pd
d = pd.read_csv('/work/main/reports/tables/sentences.csv', dtype=str)
doc = sys.argv[1]
x = d[d.doc_id == doc]
MARK = r'清醒地?认识到|清醒看到|同时也要看到|也要看到|问题和不足|不足和问题|困难和挑战|困难和问题|问题和挑战|存在的问题|差距和不足'
if len(sys.argv) > 2 and sys.argv[2] == '--markers':
    hits = x[x.text.str.contains(MARK)]
    for _, r in hits.iterrows():
        print(r.sentence_id, r.paragraph_id, r.section_id, r.text[:80])
    sys.exit()
if len(sys.argv) > 3:
    a, b = int(sys.argv[2]), int(sys.argv[3])
    x = x[x.paragraph_id.astype(int).between(a, b)]
for p, g in x.groupby(x.paragraph_id.astype(int), sort=True):
    print(f'=== para {p} sec {g.section_id.iloc[0]}')
    for _, r in g.iterrows():
        print(f'{r.sentence_id}\t{r.text}')
