"""General lexicons of firms: brands from a registry package, and well-known firms.

companynameparser (Apache-2.0, shibing624) ships ``data/brand.txt``: about 285,000 brand and
trade names taken from registered company names (威高, 迪尚, 浪潮, 三角, 赛得利…). The package
is never imported; only its data file is read. The list is general — the names of China's
registered firms, not the ones in this corpus — and noisy: it also holds ordinary words
(时代, 现代, 绿色), so the entity rules combine it with word frequency and context.

``resources/known_firms.tsv`` lists well-known firms by name (国家电网, 中国石化, 比亚迪, 惠普),
compiled from public lists of central SOEs, large listed, private and foreign firms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pipeline.gazetteer import _package_dir

_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,6}")


def _read(name: str) -> frozenset[str]:
    path = _package_dir("companynameparser") / "data" / name
    with path.open(encoding="utf-8") as fh:
        return frozenset(w for w in (ln.strip() for ln in fh) if _NAME_RE.fullmatch(w))


@lru_cache(maxsize=1)
def load_brands() -> frozenset[str]:
    """Brand names of two to six Chinese characters, without the package's trade words.

    Its ``trade.txt`` lists the sector words of firm names (新能源, 光伏, 数字, 文化); a sector
    word registered as a brand too names a sector in government prose, not a firm.
    """
    from importlib.metadata import version

    from pipeline.gazetteer import cached

    key = version("companynameparser").encode() + Path(__file__).read_bytes()
    # sorted: the cache file's bytes must not depend on the process's string hashing
    brands = cached("brands", key, lambda: tuple(sorted(_read("brand.txt") - _read("trade.txt"))),
                    tuple)  # fmt: skip
    return frozenset(brands)


# Words of ``trade.txt`` opening with these name what a firm builds, not its trade: read as
# trades, they made a firm's project its name (京东方|项目 → 京东方项目, 华为|工程建设).
NOT_TRADE_OPENINGS = ("项目", "工程")


@lru_cache(maxsize=1)
def load_trades() -> frozenset[str]:
    """Sector words of firm names (新能源, 物流, 演艺, 服务), from ``trade.txt``, without the
    words of a project (`NOT_TRADE_OPENINGS`)."""
    return frozenset(w for w in _read("trade.txt") if not w.startswith(NOT_TRADE_OPENINGS))


@dataclass(frozen=True, slots=True)
class KnownFirm:
    name: str
    kind: str
    ambiguous: bool
    canonical: str


KINDS = frozenset(
    ("central_soe", "local_soe", "bank", "insurer", "securities", "private", "foreign", "listed")
)


def default_known_firms() -> Path:
    return Path(str(resources.files("pipeline.resources").joinpath("known_firms.tsv")))


@lru_cache(maxsize=1)
def firm_names() -> frozenset[str]:
    """Every name that can be a firm's short name: the brands and the known firms."""
    return load_brands() | frozenset(load_known_firms())


@lru_cache(maxsize=4)
def load_known_firms(path: Path | None = None) -> dict[str, KnownFirm]:
    """Well-known firms (central and local SOEs, banks, major private and foreign firms).

    TSV ``name, kind, ambiguous, canonical``; ``ambiguous`` forms (联想, 长安, 大唐) are also
    ordinary words or places and count as firms only where the context names firms.
    """
    path = path or default_known_firms()
    firms: dict[str, KnownFirm] = {}
    with open(path, encoding="utf-8") as fh:
        rows = [ln.rstrip("\n").split("\t") for ln in fh if ln.strip() and not ln.startswith("#")]
    if not rows or rows[0] != ["name", "kind", "ambiguous", "canonical"]:
        raise ValueError(f"{path}: expected the header 'name, kind, ambiguous, canonical'")
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != 4 or row[1] not in KINDS or row[2] not in ("yes", "no"):
            raise ValueError(f"{path}: bad row {n}: {row!r}")
        firms[row[0]] = KnownFirm(row[0], row[1], row[2] == "yes", row[3])
    return firms
