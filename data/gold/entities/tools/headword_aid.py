"""Checking aid only: show left contexts of head words whose occurrence is not covered by an
annotated row. Does not produce annotations.

    python3 headword_aid.py [--gold DIR] stem… heads   (heads: comma-separated, e.g. 工程,计划,集团)
"""

import re

from gold_io import args, covered, draft_rows, norm, report

gold, stems, heads = args("heads")
for stem in stems:
    rep = norm(report(stem))
    cov = covered(rep, [ln.split("|")[1] for ln in draft_rows(gold, stem)])
    for h in heads.split(","):
        for m in re.finditer(h, rep):
            if not cov[m.start()]:
                print(h, "|", rep[max(0, m.start() - 14):m.end()])
