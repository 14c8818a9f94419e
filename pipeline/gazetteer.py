"""A general gazetteer of PLACE names for a spaCy ``SpanRuler`` / ``EntityRuler``.

What it holds (``shared/spec/entities.md``, label PLACE):

- every province, prefecture and county-level division of China (and, on request, every
  town, township and sub-district), by full name and by short form: 威海市 / 威海, 荣成市 /
  荣成, 新疆维吾尔自治区 / 新疆, 鄂温克族自治旗 / 鄂温克 / 鄂温克旗. Source: jionlp's
  ``dictionary/china_location.zip`` (Apache-2.0), read with :mod:`zipfile` — jionlp itself is
  never imported (it prints a banner and is slow to import);
- countries by short and full name, and major world cities: jionlp's
  ``dictionary/world_location.txt``;
- named natural features with a strict filter over jieba's ``dict.txt`` (MIT): place-tagged
  (``ns``) words of three or more characters that end in a geographic head word (江 河 湖 山
  岛 湾 海峡 盆地 …), see :func:`jieba_natural_features`;
- hand-written lists for what the packages lack (``pipeline/resources``):
  ``natural_features.tsv`` (rivers, lakes, mountains, islands, seas …),
  ``world_regions.tsv`` (continents, world regions, China's macro and economic regions, the 19
  national-level new areas, free trade zones, regional names such as 齐鲁 or 巴蜀 — each also
  as 齐鲁地区), ``gaz_extra_aliases.tsv`` (country and SAR aliases), ``gaz_not_places.tsv``
  (words never emitted).

Short forms are where a gazetteer goes wrong, so every short form of a county-level division
or a development zone must pass :func:`short_form_verdict`:

1. it has at least two characters (one-character forms such as 渝 or 黔 are never emitted);
2. it is not listed in ``gaz_not_places.tsv``: generic nouns (城区, 新区, 高新区, 平原) and
   short forms that read as ordinary words in report language even though jieba tags them as
   places (朝阳 as in 朝阳产业, 长治 as in 长治久安, 新建, 路桥, 金山 as in 金山银山, 惠农);
3. jieba's dictionary does not mark it as an ordinary word: it is dropped when jieba tags it
   with a common-word part of speech (anything but ``ns nr nrt nrfg nz j``) at frequency
   >= 200 (合作, 比如, 南部, 延长, 新兴 …), or with a proper-name tag at frequency >= 1000
   (武功, 太康). ``ns`` words pass, and so do the distinctive names jieba mis-tags that are
   listed in :data:`KEEP_SHORT_FORMS` (仙桃 ``n`` 3117, 平遥 ``a``).

Province- and prefecture-level short forms (威海, 日照, 孝感, 开封) pass rules 1 and 2 only:
jieba mis-tags many of them (孝感 ``n``, 开封 ``v``, 大连 ``d``), and they are the names
reports use most. So do country and world-city names (jieba tags 莫斯科 ``nr`` 1817, 河内
``s``). Full official names pass rule 2 only, so 城区, 郊区 and 矿区 — full names of
real districts — are never emitted, while 市中区 is (its short form 市中 is not).

Every name maps to one canonical full name: when a name is shared, the higher-level kind wins
(province > prefecture > country > region > natural feature > regional name > county > world
city > town), then a full name over a short form: 黄山 → 黄山市, 泰山 → 泰山 (the mountain,
not 泰山区), 吉林 → 吉林省, 中原 → 中原 (the region, not 中原区).

The patterns are meant for token-aligned matching (a ``SpanRuler`` on jieba tokens): a raw
substring search finds two-character county names inside ordinary words (和政 in 和政府).

Loading is lazy and cached; nothing is read at import time.
"""

from __future__ import annotations

import importlib.util
import logging
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

log = logging.getLogger(__name__)

Kind = Literal[
    "province",
    "prefecture",
    "county",
    "town",
    "country",
    "world_city",
    "natural",
    "region",
    "abbreviation",
]

RESOURCES = Path(__file__).resolve().parent / "resources"
NATURAL_FEATURES_TSV = RESOURCES / "natural_features.tsv"
WORLD_REGIONS_TSV = RESOURCES / "world_regions.tsv"
EXTRA_ALIASES_TSV = RESOURCES / "gaz_extra_aliases.tsv"
NOT_PLACES_TSV = RESOURCES / "gaz_not_places.tsv"
# What the gazetteer reads from the project (a cache key of its users covers these files).
RESOURCE_FILES = (NATURAL_FEATURES_TSV, WORLD_REGIONS_TSV, EXTRA_ALIASES_TSV, NOT_PLACES_TSV)

LABEL = "PLACE"
MIN_LENGTH = 2

# jieba part-of-speech tags for proper names; every other tag marks an ordinary word.
NAME_POS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "j"})
# An ordinary-word tag this frequent means the short form is an everyday word (合作, 东方).
COMMON_WORD_MAX_FREQ = 200
# A proper-name tag this frequent is still an everyday word in running text (和平, 友谊).
NAME_WORD_MAX_FREQ = 1000

# County-level short forms exempt from the jieba rule: distinctive names that jieba mis-tags as
# ordinary words (仙桃 n 3117, 石首 n 30746, 平遥 a 239). General geographic knowledge.
KEEP_SHORT_FORMS = frozenset(
    {
        "平遥",
        "赤壁",
        "仙桃",
        "石首",
        "监利",
        "应城",
        "当阳",
        "保康",
        "麻城",
        "太康",
        "河间",
        "全州",
        "方城",
        "永新",
        "洪山",
        "五峰",
    }
)

# Geographic head words accepted for natural features found in jieba's dictionary.
NATURAL_SUFFIXES = (
    "江",
    "河",
    "湖",
    "山",
    "山脉",
    "岭",
    "峰",
    "岛",
    "群岛",
    "列岛",
    "半岛",
    "湾",
    "海峡",
    "峡",
    "泊",
    "湿地",
    "草原",
    "沙漠",
    "沙地",
    "盆地",
    "平原",
    "高原",
    "三角洲",
    "冰川",
    "瀑布",
)
# jieba place words must be at least this frequent and this long to be taken as features.
NATURAL_MIN_FREQ = 10
NATURAL_MIN_LENGTH = 3

TOWN_SUFFIXES = ("镇", "乡", "街道", "苏木")

# Suffixes of development zones (county-level function areas, adcode xxxx7x) and their usual
# abbreviations: 威海经济技术开发区 → 威海经开区.
_ZONE_ABBREVIATIONS = (
    ("高新技术产业开发区", "高新区"),
    ("高技术产业开发区", "高新区"),
    ("高新技术产业园区", "高新区"),
    ("高新技术开发区", "高新区"),
    ("经济技术开发区", "经开区"),
    ("经济开发区", "经开区"),
)
_PROVINCE_PREFIXES = ("内蒙古", "河北", "山西", "安徽", "河南", "湖南", "吉林", "西藏")

# Lower rank wins when two entries share a name.
KIND_PRIORITY: dict[str, int] = {
    "province": 0,
    "prefecture": 1,
    "country": 2,
    "region": 3,
    "natural": 4,
    "abbreviation": 5,
    "county": 6,
    "world_city": 7,
    "town": 8,
}


@dataclass(frozen=True)
class GazetteerEntry:
    """One name of a place.

    Attributes:
        name: the surface form to match (威海).
        kind: province, prefecture, county, town, country, world_city, natural, region or
            abbreviation (a standalone regional name such as 齐鲁).
        canonical: the full official name of the place (威海市).
    """

    name: str
    kind: str
    canonical: str


@dataclass(frozen=True)
class Division:
    """A Chinese administrative division as read from jionlp's location dictionary."""

    level: int  # 0 province, 1 prefecture, 2 county, 3 town
    name: str
    adcode: str
    aliases: tuple[str, ...]

    @property
    def is_function_zone(self) -> bool:
        """County-level development zones and management areas (adcode xxxx71–xxxx79)."""
        return self.level == 2 and len(self.adcode) == 6 and self.adcode[4] == "7"


# --- package data ---------------------------------------------------------------------------


def _package_dir(package: str) -> Path:
    """The directory of an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(
            f"the gazetteer reads data shipped in {package!r}; install it (pip install {package})"
        )
    return Path(spec.origin).resolve().parent


@lru_cache(maxsize=1)
def _china_location_lines() -> tuple[str, ...]:
    path = _package_dir("jionlp") / "dictionary" / "china_location.zip"
    with zipfile.ZipFile(path) as zf:
        text = zf.read("china_location.txt").decode("utf-8")
    return tuple(text.replace("\r", "").split("\n"))


@lru_cache(maxsize=2)
def china_divisions(*, include_towns: bool = False) -> tuple[Division, ...]:
    """China's divisions from jionlp: provinces, prefectures, counties (and towns if asked).

    The file is a tab-indented tree: the indentation is the level, and levels 0–2 carry
    ``name<TAB>adcode<TAB>alias[/alias]``; towns (level 3) and villages (level 4) carry only a
    name. Pseudo-divisions (省直辖行政区划, 县直辖…) and a municipality repeated as its own
    prefecture are skipped.
    """
    max_level = 3 if include_towns else 2
    out: list[Division] = []
    seen_top: set[str] = set()
    for line in _china_location_lines():
        if not line or line.startswith("\t\t\t\t"):
            continue
        level = len(line) - len(line.lstrip("\t"))
        if level > max_level:
            continue
        parts = line.strip().split("\t")
        name = parts[0]
        if not name or "直辖" in name:
            continue
        adcode = parts[1] if len(parts) > 1 else ""
        aliases = tuple(a for a in parts[2].split("/") if a) if len(parts) > 2 else ()
        if level == 0:
            seen_top.add(name)
        elif level == 1 and (name in seen_top or adcode.endswith("0000")):
            continue  # 北京市 under 北京市, 香港 under 香港特别行政区
        out.append(Division(level, name, adcode, aliases))
    return tuple(out)


@lru_cache(maxsize=1)
def world_locations() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """Countries from jionlp: (short name, full name, capital, other major cities)."""
    path = _package_dir("jionlp") / "dictionary" / "world_location.txt"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.strip().split("\t")
        if len(parts) < 3:
            continue  # continent headers (亚洲:)
        cities = tuple(c for c in parts[3].split("/") if c) if len(parts) > 3 else ()
        rows.append((parts[0], parts[1], parts[2], cities))
    return tuple(rows)


@lru_cache(maxsize=1)
def jieba_lexicon() -> dict[str, tuple[int, str]]:
    """jieba's dictionary as ``word -> (frequency, part of speech)`` (kept in the cache folder
    when there is one: reading dict.txt takes half a second in every process)."""
    return cached("jieba-lexicon", b"", _read_jieba_lexicon, dict)


def _read_jieba_lexicon() -> dict[str, tuple[int, str]]:
    path = _package_dir("jieba") / "dict.txt"
    lexicon: dict[str, tuple[int, str]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                lexicon[parts[0]] = (int(parts[1]), parts[2])
    return lexicon


@lru_cache(maxsize=1)
def _idioms() -> frozenset[str]:
    path = _package_dir("jionlp") / "dictionary" / "chinese_idiom.zip"
    with zipfile.ZipFile(path) as zf:
        text = zf.read("chinese_idiom.txt").decode("utf-8")
    return frozenset(line.split("\t")[0] for line in text.splitlines() if line)


def _read_tsv(path: Path) -> Iterator[list[str]]:
    """Rows of a resource TSV: ``#`` comment lines and the header row are skipped."""
    header_seen = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        yield [cell.strip() for cell in line.split("\t")]


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    """Words never emitted as PLACE (``gaz_not_places.tsv``)."""
    return frozenset(row[0] for row in _read_tsv(NOT_PLACES_TSV) if row and row[0])


@lru_cache(maxsize=1)
def macro_regions() -> frozenset[str]:
    """China's macro-regions (华北, 西部地区, 中西部地区: kind ``china_macro_region`` of
    ``world_regions.tsv``): places of the gazetteer that the spec does not score, and that the
    entity stage does not emit (named regions such as 黄河流域 or 三峡库区 are kind
    ``china_region``)."""
    return frozenset(
        row[0]
        for row in _read_tsv(WORLD_REGIONS_TSV)
        if len(row) > 1 and row[1] == "china_macro_region"
    )


# --- rules ----------------------------------------------------------------------------------


def short_form_verdict(name: str, *, check_jieba: bool = True) -> str | None:
    """Why a short form must not be emitted, or ``None`` when it is safe.

    Args:
        name: the short form (荣成).
        check_jieba: apply the jieba ordinary-word rule (off for province and prefecture
            short forms, see the module docstring).
    """
    if len(name) < MIN_LENGTH:
        return "shorter than 2 characters"
    if name in not_places():
        return "listed in gaz_not_places.tsv"
    if not check_jieba or name in KEEP_SHORT_FORMS:
        return None
    freq, pos = jieba_lexicon().get(name, (0, ""))
    if not pos or pos == "ns":
        return None
    if pos not in NAME_POS and freq >= COMMON_WORD_MAX_FREQ:
        return f"ordinary word in jieba ({pos}, {freq})"
    if pos in NAME_POS and freq >= NAME_WORD_MAX_FREQ:
        return f"frequent word in jieba ({pos}, {freq})"
    return None


def _zone_short_forms(name: str) -> list[str]:
    """Abbreviations of a development zone's full name.

    威海经济技术开发区 → 威海经开区; 河北唐山海港经济开发区 → 唐山海港经济开发区 and
    唐山海港经开区. A form whose place part would be shorter than two characters (吉林经济开发区
    without 吉林) is not made.
    """
    forms = [name]
    for prefix in _PROVINCE_PREFIXES:
        if name.startswith(prefix):
            forms.append(name[len(prefix) :])
    out = []
    for form in forms:
        long, short = next(
            ((lg, sh) for lg, sh in _ZONE_ABBREVIATIONS if form.endswith(lg)), ("", "")
        )
        stem = form[: len(form) - len(long)].removesuffix("市")
        if not long or len(stem) < MIN_LENGTH:
            continue
        out.append(stem + short)
        if form != name:
            out.append(form)
    return out


def _division_short_forms(div: Division) -> list[str]:
    """jionlp's aliases plus a few regular derivations (鄂温克族自治旗 → 鄂温克旗)."""
    forms = [a for a in div.aliases if a != div.name]
    if div.level == 2 and div.name.endswith("旗"):
        for alias in div.aliases:
            if div.name.endswith("自治旗") and not alias.endswith("旗"):
                forms.append(alias + "旗")  # 鄂温克族自治旗 → 鄂温克旗
        stem = div.name.removesuffix("旗")
        if len(stem) >= 3 and stem[-1] not in "左右前后中":
            forms.append(stem)  # 陈巴尔虎旗 → 陈巴尔虎
    if div.is_function_zone:
        forms.extend(_zone_short_forms(div.name))
    for full, short in (("自治州", "州"), ("自治县", "县")):
        if div.name.endswith(full):  # 大理白族自治州 → 大理州, 长阳土家族自治县 → 长阳县
            forms.extend(a + short for a in div.aliases if not a.endswith(short) and len(a) >= 2)
    return list(dict.fromkeys(forms))


def jieba_natural_features() -> list[str]:
    """Named natural features from jieba's dictionary, strictly filtered.

    Kept: ``ns`` words of at least 3 characters and frequency >= 10 that end in a geographic
    head word (:data:`NATURAL_SUFFIXES`) and are not idioms (jionlp's idiom list: 人山人海,
    崇山峻岭). Generic or fictional words that jieba tags ``ns`` (内流河, 湖心岛, 苏星河) are
    listed in ``gaz_not_places.tsv``.
    """
    lexicon = jieba_lexicon()
    idioms = _idioms()
    return sorted(
        word
        for word, (freq, pos) in lexicon.items()
        if pos == "ns"
        and freq >= NATURAL_MIN_FREQ
        and len(word) >= NATURAL_MIN_LENGTH
        and word.endswith(NATURAL_SUFFIXES)
        and word not in idioms
    )


# --- entries --------------------------------------------------------------------------------


def _division_entries(include_towns: bool) -> Iterator[GazetteerEntry]:
    kinds: dict[int, Kind] = {0: "province", 1: "prefecture", 2: "county", 3: "town"}
    for div in china_divisions(include_towns=include_towns):
        if div.level == 3:
            if len(div.name) >= 3 and div.name.endswith(TOWN_SUFFIXES):
                yield GazetteerEntry(div.name, "town", div.name)
            continue
        if div.level == 2 and not div.adcode and len(div.name) < 3:
            continue  # unnumbered two-character districts (中区, 东区)
        kind: Kind = "region" if div.is_function_zone else kinds[div.level]
        yield GazetteerEntry(div.name, kind, div.name)
        check_jieba = div.level == 2
        for form in _division_short_forms(div):
            if short_form_verdict(form, check_jieba=check_jieba) is None:
                yield GazetteerEntry(form, kind, div.name)


def _world_entries() -> Iterator[GazetteerEntry]:
    for short, full, capital, cities in world_locations():
        for name in (short, full):
            yield GazetteerEntry(name, "country", full)
        if short == "中国":
            continue  # Chinese cities come from the division list
        for city in (capital, *cities):
            yield GazetteerEntry(city, "world_city", city)


def _tsv_entries(path: Path, kind: Kind | None) -> Iterator[GazetteerEntry]:
    """Entries of a resource TSV (name, kind, canonical, note).

    Args:
        path: the TSV.
        kind: the gazetteer kind of every row — except rows of kind ``abbreviation`` —, or
            ``None`` when the file's kind column already holds gazetteer kinds.
    """
    for row in _read_tsv(path):
        name, row_kind = row[0], row[1] if len(row) > 1 else ""
        canon = row[2] if len(row) > 2 and row[2] else name
        if row_kind == "abbreviation" or kind is None:
            if row_kind not in KIND_PRIORITY:
                raise ValueError(f"{path.name}: unknown kind {row_kind!r} for {name!r}")
            yield GazetteerEntry(name, row_kind, canon)
            if row_kind == "abbreviation":
                yield GazetteerEntry(name + "地区", row_kind, canon)  # 胶东 → 胶东地区
        else:
            yield GazetteerEntry(name, kind, canon)


def _all_candidates(include_towns: bool) -> Iterator[GazetteerEntry]:
    """Every candidate entry, before the final length and not-places filter."""
    yield from _division_entries(include_towns)
    yield from _world_entries()
    yield from _tsv_entries(NATURAL_FEATURES_TSV, "natural")
    yield from _tsv_entries(WORLD_REGIONS_TSV, "region")
    yield from _tsv_entries(EXTRA_ALIASES_TSV, None)
    for name in jieba_natural_features():
        yield GazetteerEntry(name, "natural", name)


def _sort_key(entry: GazetteerEntry) -> tuple[int, int, str, str]:
    return (KIND_PRIORITY[entry.kind], entry.name != entry.canonical, entry.canonical, entry.name)


_CACHE_DIR: list[Path] = []


def use_cache(folder: Path | None) -> None:
    """Keep the built gazetteer in `folder` for later processes (building it takes about a
    second: every division's short forms are checked against jieba's dictionary). The file is
    keyed by this module's code, its resource files and the versions of the packages it reads."""
    # absolute now: the process may change its working folder before the gazetteer is built
    _CACHE_DIR[:] = [Path(folder).resolve()] if folder is not None else []


def _cache_names() -> dict[bool, str]:
    """The cache file's name for each `include_towns`."""
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in RESOURCE_FILES:
        digest.update(path.read_bytes())
    for package in ("jionlp", "jieba"):
        digest.update(version(package).encode())
    names = {}
    for towns in (False, True):
        kind = digest.copy()
        kind.update(b"towns" if towns else b"no towns")
        names[towns] = f"gazetteer-{kind.hexdigest()[:16]}.pkl"
    return names


def cached(prefix: str, key: bytes, build, kind: type):
    """`build()`, kept in the cache folder (see `use_cache`) under a name made of `prefix`,
    the gazetteer's key and `key` (what else the object depends on); `build()` itself when no
    folder is set. The object is pickled, so its bytes must not depend on string hashing
    (build sorted tuples, not sets)."""
    if not _CACHE_DIR:
        return build()
    import hashlib

    digest = hashlib.sha256(_cache_names()[False].encode() + key).hexdigest()[:16]
    name = f"{prefix}-{digest}.pkl"
    return _pickled(_CACHE_DIR[0] / name, f"{prefix}-*.pkl", {name}, build, kind)


@lru_cache(maxsize=2)
def _load(include_towns: bool) -> tuple[GazetteerEntry, ...]:
    if not _CACHE_DIR:
        return _build(include_towns)
    names = _cache_names()
    return _pickled(
        _CACHE_DIR[0] / names[include_towns], "gazetteer-*.pkl", set(names.values()),
        lambda: _build(include_towns), tuple,
    )  # fmt: skip


def _pickled(path: Path, siblings: str, keep: set[str], build, kind: type):
    """The object pickled at `path`, else `build()` written there (temp file, then rename).

    Files matching `siblings` in the folder whose names are not in `keep` were built by other
    code or resources and are removed; a file that is damaged or not of `kind` is built again.
    """
    import os
    import pickle

    for stale in path.parent.glob(siblings):
        if stale.name not in keep:
            stale.unlink(missing_ok=True)  # never read again
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        if isinstance(data, kind):
            return data
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass  # absent or damaged: build it again
    data = build()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    return data


def _build(include_towns: bool) -> tuple[GazetteerEntry, ...]:
    banned = not_places()
    entries: set[GazetteerEntry] = set()
    for entry in _all_candidates(include_towns):
        if len(entry.name) >= MIN_LENGTH and entry.name not in banned:
            entries.add(entry)
    log.debug("gazetteer: %d entries (include_towns=%s)", len(entries), include_towns)
    return tuple(sorted(entries, key=lambda e: (e.name, *_sort_key(e))))


def load_places(*, include_towns: bool = False) -> list[GazetteerEntry]:
    """All gazetteer entries, sorted by name then by priority.

    A name may appear several times (朝阳区 in Beijing and in Changchun; 黄山 the city and
    the mountain); :func:`canonical` picks one.

    Args:
        include_towns: also load China's towns, townships and sub-districts (about 31,000
            names ending in 镇 乡 街道 苏木; full names only: 华亭镇, never 华亭).
    """
    return list(_load(include_towns))


@lru_cache(maxsize=2)
def _index(include_towns: bool) -> dict[str, str]:
    best: dict[str, GazetteerEntry] = {}
    for entry in _load(include_towns):
        current = best.get(entry.name)
        if current is None or _sort_key(entry) < _sort_key(current):
            best[entry.name] = entry
    return {name: entry.canonical for name, entry in best.items()}


@lru_cache(maxsize=1)
def _provinces_by_name() -> dict[str, frozenset[str]]:
    """Kept in the cache folder beside the gazetteer (reading jionlp's division tree again
    takes a third of a second in every process), under the same key."""
    if not _CACHE_DIR:
        return _build_provinces()
    name = "provinces-" + _cache_names()[False].removeprefix("gazetteer-")
    # sorted tuples, not sets: the file's bytes must not depend on the process's string
    # hashing (it is part of a DVC output)
    stored = _pickled(
        _CACHE_DIR[0] / name, "provinces-*.pkl", {name},
        lambda: {n: tuple(sorted(codes)) for n, codes in _build_provinces().items()}, dict,
    )  # fmt: skip
    return {n: frozenset(codes) for n, codes in stored.items()}


def _build_provinces() -> dict[str, frozenset[str]]:
    names: dict[str, set[str]] = {}
    for div in china_divisions(include_towns=False):
        if len(div.adcode) < 2 or not div.adcode[:2].isdigit():
            continue
        for form in (div.name, *_division_short_forms(div)):
            names.setdefault(form, set()).add(div.adcode[:2])
    return {name: frozenset(codes) for name, codes in names.items()}


@lru_cache(maxsize=1)
def _towns_by_county() -> dict[str, frozenset[str]]:
    """Kept in the cache folder beside the gazetteer, under the same key (see
    `_provinces_by_name`)."""
    if not _CACHE_DIR:
        return _build_towns_by_county()
    name = "towns-" + _cache_names()[True].removeprefix("gazetteer-")
    stored = _pickled(
        _CACHE_DIR[0] / name, "towns-*.pkl", {name},
        lambda: {n: tuple(sorted(t)) for n, t in sorted(_build_towns_by_county().items())}, dict,
    )  # fmt: skip
    return {n: frozenset(towns) for n, towns in stored.items()}


def _build_towns_by_county() -> dict[str, frozenset[str]]:
    """Each county-level division's name and short forms → the short names (two characters
    or more, without 镇/乡/街道/苏木) of the towns, townships and sub-districts under it."""
    towns: dict[str, set[str]] = {}
    forms: list[str] = []
    for line in _china_location_lines():
        if not line.strip() or line.startswith("\t\t\t\t"):
            continue
        level = len(line) - len(line.lstrip("\t"))
        parts = line.strip().split("\t")
        if level < 2:
            forms = []
        elif level == 2:
            aliases = tuple(a for a in parts[2].split("/") if a) if len(parts) > 2 else ()
            div = Division(2, parts[0], parts[1] if len(parts) > 1 else "", aliases)
            forms = [div.name, *_division_short_forms(div)]
        else:
            suffix = next((s for s in TOWN_SUFFIXES if parts[0].endswith(s)), "")
            short = parts[0][: len(parts[0]) - len(suffix)]
            if suffix and len(short) >= 2:
                for form in forms:
                    towns.setdefault(form, set()).add(short)
    return {name: frozenset(t) for name, t in towns.items()}


def towns_of(county: str) -> frozenset[str]:
    """The short names of the towns under the county-level division(s) called `county` (full
    name or short form: 六合 → {竹镇, 龙袍, …}); empty for other names."""
    return _towns_by_county().get(county.strip(), frozenset())


def provinces_of(name: str) -> frozenset[str]:
    """The provinces (first two digits of the adcode) of the divisions called `name` (full
    name or short form: 嘉定 → {"31"}; 朝阳区 → Beijing's and Jilin's); empty for others."""
    return _provinces_by_name().get(name.strip(), frozenset())


def is_place(name: str, *, include_towns: bool = False) -> bool:
    """Whether ``name`` (stripped of surrounding white space) is a gazetteer name."""
    return name.strip() in _index(include_towns)


def canonical(name: str, *, include_towns: bool = False) -> str | None:
    """The canonical full name of ``name`` (威海 → 威海市), or ``None`` if it is not a place."""
    return _index(include_towns).get(name.strip())


def place_patterns(*, include_towns: bool = False) -> list[dict[str, str]]:
    """Phrase patterns for spaCy's ``SpanRuler``/``EntityRuler``, one per name, sorted.

    Each pattern is ``{"label": "PLACE", "pattern": name, "id": canonical}``.
    """
    return [
        {"label": LABEL, "pattern": name, "id": canon}
        for name, canon in sorted(_index(include_towns).items())
    ]


def counts_by_kind(entries: Iterable[GazetteerEntry]) -> dict[str, int]:
    """Number of entries per kind, in :data:`KIND_PRIORITY` order."""
    counts = dict.fromkeys(KIND_PRIORITY, 0)
    for entry in entries:
        counts[entry.kind] += 1
    return counts
