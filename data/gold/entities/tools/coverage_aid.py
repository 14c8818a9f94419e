"""Checking aid only: list quoted / book-title spans of a report that do not occur inside any
annotated row, so the annotator can re-read those spots. Does not produce annotations.

    python3 coverage_aid.py [--gold DIR] stem
"""

import re

from gold_io import args, draft_rows, report

gold, stems, _ = args()
for stem in stems:
    rows = [ln.split("|")[1] for ln in draft_rows(gold, stem)]
    seen = set()
    for s in re.findall(r"[“《]([^”》]{1,40})[”》]", report(stem)):
        if s not in seen and not any(s in r for r in rows):
            print(s)
        seen.add(s)
