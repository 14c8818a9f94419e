"""Checking aid only: print the normalized report with spans covered by draft rows wrapped in 【】,
so the annotator can re-read the uncovered text for missed entities. Produces no annotations."""
import re, sys, pathlib
QUOTES = '“”‘’"「」《》'
stem = sys.argv[1]
rep = (pathlib.Path(__file__).resolve().parents[4] / 'data' / 'raw' / f'{stem}.txt').read_text(encoding='utf-8').translate({ord(c): None for c in QUOTES})
rows = [l.split('|')[1] for l in (pathlib.Path(__file__).resolve().parent.parent / '.draft' / f'{stem}.txt').read_text(encoding='utf-8').splitlines() if l.strip() and not l.startswith('#')]
cov = [False] * len(rep)
for r in rows:
    for m in re.finditer(re.escape(r), rep):
        for i in range(m.start(), m.end()): cov[i] = True
out, prev = [], False
for ch, c in zip(rep, cov):
    if c and not prev: out.append('【')
    if not c and prev: out.append('】')
    out.append(ch); prev = c
if prev: out.append('】')
print(''.join(out))
