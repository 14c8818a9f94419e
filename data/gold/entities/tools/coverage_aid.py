"""Checking aid only: list quoted / book-title spans of a report that do not occur inside any annotated row,
so the annotator can re-read those spots. Does not produce annotations."""
import re, sys, pathlib
stem = sys.argv[1]
rep = (pathlib.Path(__file__).resolve().parents[4] / 'data' / 'raw' / f'{stem}.txt').read_text(encoding='utf-8')
rows = [l.split('|')[1] for l in pathlib.Path(f'.draft/{stem}.txt').read_text(encoding='utf-8').splitlines() if l.strip()]
spans = re.findall(r'[“《]([^”》]{1,40})[”》]', rep)
seen = set()
for s in spans:
    if s in seen: continue
    seen.add(s)
    if not any(s in r for r in rows):
        print(s)
