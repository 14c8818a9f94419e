"""Turn a report file's bytes into text: detect the encoding, refuse what is not a report.

Detection, not guessing from the file name: a byte-order mark decides; otherwise strict UTF-8;
otherwise the legacy Chinese encodings (GB18030, which covers GBK and GB2312, and Big5) are each
tried strictly and scored by how many of their Han characters are common ones, since a wrong
legacy decoding yields rare characters. Every refusal raises `InputError` naming the file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# C0/C1 control characters other than tab, the line breaks (newline, carriage return, form
# feed, vertical tab — Word's manual line break in text it saves — and NEL).
CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LEGACY = ("gb18030", "big5")


class InputError(ValueError):
    """A report file that cannot be ingested; the message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


@lru_cache(maxsize=1)
def common_hanzi() -> frozenset[str]:
    raw = resources.files("pipeline.resources").joinpath("common_hanzi.txt").read_text("utf-8")
    return frozenset("".join(line for line in raw.splitlines() if not line.startswith("#")))


def _common_share(text: str) -> float:
    han = HAN_RE.findall(text)
    if not han:
        return 0.0
    common = common_hanzi()
    return sum(ch in common for ch in han) / len(han)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: NUL high bytes for ASCII, common Han characters for the rest."""
    if len(data) < 4 or len(data) % 2:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        controls = len(CONTROL_RE.findall(text))
        if _common_share(text) >= 0.8 and controls <= max(3, 0.001 * len(text)):
            return text, enc
    return None


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> Decoded:
    """Decode a report's bytes; raise `InputError` for empty, binary or undecodable input."""
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc), enc.replace("-sig", "") + " (BOM)", path)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"invalid {enc} after a byte-order mark: {exc}") from exc
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise InputError(path, "binary file (contains NUL bytes), not a text report")
        return _checked(found[0], found[1], path)
    try:
        return _checked(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    for enc in _LEGACY:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_share(text), enc, text))
    if not candidates:
        raise InputError(
            path, "cannot decode as UTF-8, UTF-16, GB18030/GBK or Big5 (not a text report?)"
        )
    # Highest share of common characters wins; GB18030 before Big5 on ties (order of _LEGACY).
    best = max(candidates, key=lambda c: (c[0], -_LEGACY.index(c[1])))
    if best[0] < 0.5:
        raise InputError(path, "text decodes only to rare characters (unknown encoding or binary)")
    return _checked(best[2], best[1], path)


def _checked(text: str, encoding: str, path: Path | str) -> Decoded:
    if not text.strip():
        raise InputError(path, "empty file")
    controls = len(CONTROL_RE.findall(text))
    if controls > max(3, 0.001 * len(text)):
        raise InputError(path, f"binary content ({controls} control characters), not a text report")
    if not HAN_RE.search(text):
        raise InputError(path, "no Chinese text")
    return Decoded(text=text, encoding=encoding)


def read_bytes(path: Path) -> bytes:
    """A report file's bytes; `InputError` naming the file when it cannot be read."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(path, "file not found") from exc
    except IsADirectoryError as exc:
        raise InputError(path, "is a directory, not a file") from exc
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from exc


def read_report(path: Path) -> Decoded:
    """Read and decode one report file."""
    return decode_bytes(read_bytes(path), path)
