"""Mark `scored=no` rows as `neg` from decision files (the split of session 9, 2026-11-29).

    python3 apply_negatives.py [--gold DIR] DECISIONS_DIR

DECISIONS_DIR holds ``<stem>.tsv`` files, one line per row to mark: label, text, category
(tab-separated). Each named row must be a `scored=no` row of the gold CSV. The row becomes
`neg` and its note gains "; negative: <category>"; the draft line of the same row, if the
report has a draft, changes the same way. Rows are only ever changed from no to neg.
"""

import csv
import pathlib
import re
import sys

from gold_io import args, norm

# Buildings under construction the decisions called generic works: many have names (长江博物馆,
# 东山医院), and the spec counts named construction projects as programs; they stay not scored.
BUILDING_RE = re.compile(
    r"(医院|院区|博物馆|纪念馆|美术馆|图书馆|体育馆|展览馆|科技馆|文化馆|档案馆|剧院|中心|养护院|"
    r"敬老院|福利院|学校|中学|小学|幼儿园|大楼|馆群|体育场|公园)(新建|扩建|改扩建|迁建)?(工程|项目)?$"
)


def decisions(path):
    out = {}
    for ln in path.read_text(encoding="utf-8").splitlines():
        if not ln.strip():
            continue
        parts = ln.split("\t")
        if len(parts) != 3:
            sys.exit(f"{path}: not label<TAB>text<TAB>category: {ln!r}")
        label, text, category = parts
        if label == "PROGRAM" and category == "generic" and BUILDING_RE.search(text):
            continue
        out[(label, text)] = category
    return out


def main():
    gold, _, folder = args("decisions")
    total = 0
    for tsv in sorted(pathlib.Path(folder).glob("*.tsv")):
        csv_path = gold / f"{tsv.stem}.csv"
        if not csv_path.exists():
            continue
        marks = decisions(tsv)
        rows = list(csv.reader(open(csv_path, encoding="utf-8", newline="")))
        done = set()
        for row in rows[1:]:
            key = (row[0], row[1])
            if key in marks:
                if row[2] != "no":
                    sys.exit(f"{csv_path}: {key} is scored={row[2]}, only no rows become neg")
                row[2] = "neg"
                row[3] = f"{row[3]}; negative: {marks[key]}" if row[3] else f"negative: {marks[key]}"
                done.add(key)
        missing = set(marks) - done
        if missing:
            sys.exit(f"{csv_path}: no such rows: {sorted(missing)}")
        with open(csv_path, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
        draft = gold / ".draft" / f"{tsv.stem}.txt"
        if draft.exists():
            lines = draft.read_text(encoding="utf-8").splitlines()
            for i, ln in enumerate(lines):
                parts = ln.split("|")
                if len(parts) == 4 and not ln.startswith("#"):
                    key = (parts[0], norm(parts[1]))
                    if key in marks and parts[2] == "no":
                        note = f"{parts[3]}; negative: {marks[key]}" if parts[3] else f"negative: {marks[key]}"
                        lines[i] = "|".join((parts[0], parts[1], "neg", note))
            draft.write_text("\n".join(lines) + "\n", encoding="utf-8")
        total += len(done)
        print(tsv.stem, len(done), "rows marked neg")
    print("total", total)


if __name__ == "__main__":
    sys.exit(main())
