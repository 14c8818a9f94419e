"""A general lexicon of Chinese firms' short names (brands), read from a registry package.

companynameparser (Apache-2.0, shibing624) ships ``data/brand.txt``: about 285,000 brand and
trade names taken from registered company names (威高, 迪尚, 浪潮, 三角, 赛得利…). The package
is never imported; only its data file is read. The list is general — the names of China's
registered firms, not the ones in this corpus — and noisy: it also holds ordinary words
(时代, 现代, 绿色), so the entity rules combine it with word frequency and context.
"""

from __future__ import annotations

import re
from functools import lru_cache

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
    return load_brands_raw() - _read("trade.txt")


@lru_cache(maxsize=1)
def load_brands_raw() -> frozenset[str]:
    return _read("brand.txt")


@lru_cache(maxsize=1)
def load_trades() -> frozenset[str]:
    """Sector words of firm names (新能源, 物流, 演艺, 服务), from ``trade.txt``."""
    return _read("trade.txt")
