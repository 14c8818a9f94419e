"""(Held-out copy for province_guangdong_2026 and district_hulunbeier_hailaer_2012, adapted from ../../entities/tools/: reads /work/main/data/raw.)
Checking aid only: show left contexts of programme head words whose occurrence is not covered by an annotated row."""
import re, sys, pathlib
QUOTES = '“”‘’"「」《》'
stem = sys.argv[1]
rep = (pathlib.Path(__file__).resolve().parents[4] / 'data' / 'raw' / f'{stem}.txt').read_text(encoding='utf-8').translate({ord(c): None for c in QUOTES})
rows = [l.split('|')[1] for l in (pathlib.Path(__file__).resolve().parent.parent / '.draft' / f'{stem}.txt').read_text(encoding='utf-8').splitlines() if l.strip() and not l.startswith('#')]
# mark covered char positions
cov = [False]*len(rep)
for r in rows:
    for m in re.finditer(re.escape(r), rep):
        for i in range(m.start(), m.end()): cov[i] = True
heads = sys.argv[2].split(',')
for h in heads:
    for m in re.finditer(h, rep):
        if not cov[m.start()]:
            print(h, '|', rep[max(0, m.start()-14):m.end()])
