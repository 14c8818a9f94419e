"""How ingest reads reports taken from a PDF's text layer (hard-wrapped lines, page numbers).

    python bench/wrapped_text.py [DOC_ID …]

Each report of data/raw (or those named) is cut into lines of 26, 30, 34, 38 and 44 characters,
with and without indented first lines, a page number and a running head every 38 lines,
encoded as GB18030, and
ingested; the sentences, sections and header are compared with those of the original file.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's code, whatever the environment has installed

from pipeline import config  # noqa: E402
from pipeline.ingest import ingest_bytes  # noqa: E402
from pipeline.manifest import read_manifest  # noqa: E402
from pipeline.types import ManifestRow  # noqa: E402

WIDTHS = (26, 30, 34, 38, 44)


def print_layout(text: str, width: int, indent: bool) -> str:
    lines: list[str] = []
    for para in text.split("\n"):
        if indent and para.strip():
            para = "　　" + para.strip()
        while len(para) > width:
            lines.append(para[:width])
            para = para[width:]
            if len(lines) % 38 == 0:  # a page's foot and the next page's head
                lines += [f"- {len(lines) // 38} -", "政府工作报告"]
        lines.append(para)
    return "\n".join(lines)


def main(doc_ids: list[str]) -> None:
    params = config.load_params(ROOT / "params.yaml", "ingest")
    raw = ROOT / "data" / "raw"
    rows = [r for r in read_manifest(raw / "reports.csv") if not doc_ids or r.doc_id in doc_ids]
    runs = same_sentences = same_sections = same_header = same_paragraphs = 0
    print(f"{'doc_id':34} width indent  sentences  sections  paragraphs")
    for row in rows:
        text = (raw / row.file).read_text(encoding="utf-8")
        a = ingest_bytes(text.encode("utf-8"), ManifestRow("a", "a.txt"), params)
        for width in WIDTHS:
            for indent in (False, True):
                data = print_layout(text, width, indent).encode("gb18030")
                b = ingest_bytes(data, ManifestRow("b", "b.txt"), params)
                sent = [s.text for s in b.sentences] == [s.text for s in a.sentences]
                secs = [s.heading for s in b.sections] == [s.heading for s in a.sections]
                head = (b.title, b.date, b.speaker, b.place) == (
                    a.title,
                    a.date,
                    a.speaker,
                    a.place,
                )
                runs += 1
                same_sentences += sent
                same_sections += secs
                same_header += head
                same_paragraphs += len(b.paragraphs) == len(a.paragraphs)
                if not (sent and secs and head):
                    print(
                        f"{row.doc_id:34} {width:5} {indent!s:6} "
                        f"{len(a.sentences):4}→{len(b.sentences):<4}  "
                        f"{len(a.sections):3}→{len(b.sections):<4} "
                        f"{len(a.paragraphs):4}→{len(b.paragraphs)}"
                    )
    print(
        f"{runs} wrapped files: the original's sentences in {same_sentences}, sections in "
        f"{same_sections}, header in {same_header}, number of paragraphs in {same_paragraphs}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
