"""Check gold.csv against reports/tables/sentences.csv and print counts.

Hard checks (exit code 1 on any failure):
  * header is exactly the documented one;
  * (doc_id, sentence_id) exists in sentences.csv and sentence_text equals its text exactly;
  * the sentence lies in one of the covered headline paragraphs (COVERAGE below) of the right type;
  * value parses as a float; kind in {actual, target}; change in {true, false};
    paragraph in {overview, targets}; kind agrees with paragraph;
  * qualifier is empty or in the closed vocabulary; indicator, unit-or-note, period non-empty.
Soft aid (printed, not a failure):
  * numbers printed in covered sentences that no row of that sentence accounts for, so a reader
    can confirm each is a year, ordinal, rank, label or name rather than a missed quantity.
Usage: python3 data/gold/indicators/check_gold.py [--quiet]
"""
import collections
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SENTENCES = os.path.join(ROOT, "reports", "tables", "sentences.csv")
GOLD = os.path.join(HERE, "gold.csv")

HEADER = ["doc_id", "sentence_id", "sentence_text", "paragraph", "indicator_raw", "indicator",
          "kind", "value", "unit", "change", "qualifier", "modal", "period", "note"]
QUALIFIERS = {"", "左右", "以上", "以内", "以下", "超过", "突破", "多", "近", "约", "不低于", "不超过",
              "range_low", "range_high"}
MODALS = {"", "力争", "确保", "努力", "争取", "努力争取"}
KIND_OF = {"overview": "actual", "targets": "target"}

# Headline paragraphs read exhaustively: paragraph_id values from sentences.csv.
COVERAGE = {
    "city_weihai_2022": {"overview": [4, 5], "targets": [37]},
    "province_shandong_2026": {"overview": [4, 5] + list(range(11, 20)), "targets": [31]},
    "national_guowuyuan_2023": {"overview": [4, 5] + list(range(13, 22)), "targets": [74]},
    "national_guowuyuan_2024": {"overview": list(range(4, 12)), "targets": [27]},
    "national_guowuyuan_2025": {"overview": [4, 5, 6], "targets": [21]},
    "district_hulunbeier_hailaer_2014": {"overview": [4, 5], "targets": [28]},
    # supplement: targets paragraphs only (range targets)
    "national_guowuyuan_2019": {"overview": [], "targets": [30]},
    "province_guangdong_2026": {"overview": [], "targets": [57]},
    "province_heilongjiang_2026": {"overview": [], "targets": [38]},
    "province_zhejiang_2026": {"overview": [], "targets": [45]},
}

NUM_RE = re.compile(r"\d+(?:\.\d+)?")


def fmt(x):
    x = abs(float(x))
    return ("%f" % x).rstrip("0").rstrip(".")


def main():
    quiet = "--quiet" in sys.argv
    sents = {}
    with open(SENTENCES, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            sents[(r["doc_id"], r["sentence_id"])] = r
    errors = []
    with open(GOLD, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != HEADER:
            errors.append(f"header mismatch: {reader.fieldnames}")
        rows = list(reader)
    by_sent = collections.defaultdict(list)
    for i, r in enumerate(rows, 2):
        where = f"gold.csv line {i} ({r['doc_id']} s{r['sentence_id']} {r['indicator']})"
        s = sents.get((r["doc_id"], r["sentence_id"]))
        if s is None:
            errors.append(f"{where}: sentence not in sentences.csv")
            continue
        if r["sentence_text"] != s["text"]:
            errors.append(f"{where}: sentence_text differs from sentences.csv")
        try:
            float(r["value"])
        except ValueError:
            errors.append(f"{where}: value {r['value']!r} is not a number")
        if r["kind"] not in ("actual", "target"):
            errors.append(f"{where}: bad kind {r['kind']!r}")
        if r["change"] not in ("true", "false"):
            errors.append(f"{where}: bad change {r['change']!r}")
        if r["paragraph"] not in KIND_OF:
            errors.append(f"{where}: bad paragraph {r['paragraph']!r}")
        elif KIND_OF[r["paragraph"]] != r["kind"]:
            errors.append(f"{where}: kind {r['kind']} does not fit paragraph {r['paragraph']}")
        if r["qualifier"] not in QUALIFIERS:
            errors.append(f"{where}: qualifier {r['qualifier']!r} not in vocabulary")
        if r["modal"] not in MODALS:
            errors.append(f"{where}: modal {r['modal']!r} not in vocabulary")
        if not r["indicator"] or not r["indicator_raw"] or not r["period"]:
            errors.append(f"{where}: empty indicator/indicator_raw/period")
        if not r["unit"] and not r["note"]:
            errors.append(f"{where}: empty unit without a note")
        if r["change"] == "true" and r["unit"] not in ("%", "倍", "成"):
            errors.append(f"{where}: change=true with unit {r['unit']!r}")
        cov = COVERAGE.get(r["doc_id"], {}).get(r["paragraph"], [])
        if int(s["paragraph_id"]) not in cov:
            errors.append(f"{where}: paragraph_id {s['paragraph_id']} not in covered {r['paragraph']} paragraphs")
        by_sent[(r["doc_id"], r["sentence_id"])].append(r)

    # duplicate rows (same sentence, indicator, value, unit, period)
    seen = collections.Counter((r["doc_id"], r["sentence_id"], r["indicator"], r["value"], r["unit"], r["period"])
                               for r in rows)
    for k, c in seen.items():
        if c > 1:
            errors.append(f"duplicate row x{c}: {k}")

    # soft aid: printed digits not accounted for by any row of the sentence
    unexplained = []
    for (doc, sid), s in sorted(sents.items(), key=lambda kv: (kv[0][0], int(kv[0][1]))):
        cov = COVERAGE.get(doc)
        if not cov:
            continue
        pid = int(s["paragraph_id"])
        if not any(pid in v for v in cov.values()):
            continue
        values = {fmt(r["value"]) for r in by_sent.get((doc, sid), [])}
        for m in NUM_RE.finditer(s["text"]):
            if fmt(m.group()) not in values:
                ctx = s["text"][max(0, m.start() - 6):m.end() + 6]
                unexplained.append(f"{doc} s{sid}: {m.group()}  …{ctx}…")

    # counts
    print("rows per report and paragraph (actual/target)")
    cnt = collections.Counter((r["doc_id"], r["paragraph"]) for r in rows)
    docs = list(COVERAGE)
    print(f"{'doc_id':36s} {'overview':>9s} {'targets':>8s} {'total':>6s}")
    for d in docs:
        o, t = cnt[(d, "overview")], cnt[(d, "targets")]
        print(f"{d:36s} {o:9d} {t:8d} {o + t:6d}")
    print(f"{'TOTAL':36s} {sum(cnt[(d, 'overview')] for d in docs):9d} "
          f"{sum(cnt[(d, 'targets')] for d in docs):8d} {len(rows):6d}")
    print("change=true:", sum(r["change"] == "true" for r in rows),
          " qualifier set:", sum(bool(r["qualifier"]) for r in rows),
          " modal set:", sum(bool(r["modal"]) for r in rows),
          " sentences:", len(by_sent))
    if not quiet:
        print(f"\nprinted digits with no row in that sentence ({len(unexplained)}; review: years, ordinals, names, labels):")
        for u in unexplained:
            print("  " + u)
    if errors:
        print(f"\n{len(errors)} ERROR(S):")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("\nOK: all rows pass the hard checks")


if __name__ == "__main__":
    main()
