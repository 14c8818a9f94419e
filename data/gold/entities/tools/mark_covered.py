"""Checking aid only: print the normalized report with spans covered by draft rows wrapped in
【】, so the annotator can re-read the uncovered text for missed entities. Produces no annotations.

    python3 mark_covered.py [--gold DIR] stem
"""

from gold_io import args, covered, draft_rows, norm, report

gold, stems, _ = args()
for stem in stems:
    rep = norm(report(stem))
    cov = covered(rep, [ln.split("|")[1] for ln in draft_rows(gold, stem)])
    out, prev = [], False
    for ch, c in zip(rep, cov):
        if c != prev:
            out.append("【" if c else "】")
        out.append(ch)
        prev = c
    print("".join(out) + ("】" if prev else ""))
