"""Tests for pipeline.gazetteer: general assertions, no report-specific answer lists."""

from __future__ import annotations

import pytest

from pipeline import gazetteer as gz


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("威海市", "威海市"),
        ("威海", "威海市"),
        ("荣成市", "荣成市"),
        ("荣成", "荣成市"),
        ("文登区", "文登区"),
        ("文登", "文登区"),
        ("海拉尔区", "海拉尔区"),
        ("海拉尔", "海拉尔区"),
        ("呼伦贝尔", "呼伦贝尔市"),
        ("新疆维吾尔自治区", "新疆维吾尔自治区"),
        ("新疆", "新疆维吾尔自治区"),
        ("内蒙古", "内蒙古自治区"),
        ("延边", "延边朝鲜族自治州"),
        ("鄂温克旗", "鄂温克族自治旗"),
        ("北京市", "北京市"),
        ("北京", "北京市"),
        ("吉林", "吉林省"),
        ("韩国", "大韩民国"),
        ("泰国", "泰王国"),
        ("俄罗斯", "俄罗斯联邦"),
        ("印尼", "印度尼西亚共和国"),
        ("莫斯科", "莫斯科"),
        ("长江", "长江"),
        ("黄河", "黄河"),
        ("青海湖", "青海湖"),
        ("珠峰", "珠穆朗玛峰"),
        ("南太平洋", "南太平洋"),  # a part of an ocean (南太平洋岛国)
        ("东北亚", "东北亚"),
        ("长三角", "长江三角洲地区"),
        ("粤港澳大湾区", "粤港澳大湾区"),
        ("雄安新区", "雄安新区"),
        ("齐鲁", "齐鲁"),
        ("威海经开区", "威海经济技术开发区"),
        ("市中区", "市中区"),
    ],
)
def test_known_places_and_canonical(name: str, expected: str) -> None:
    assert gz.is_place(name)
    assert gz.canonical(name) == expected


@pytest.mark.parametrize(
    "word",
    [
        # generic words (spec: not places)
        "城区",
        "农村",
        "海外",
        "基层",
        "开发区",
        "新区",
        "高新区",
        "郊区",
        # short forms that are ordinary words
        "市中",
        "朝阳",
        "和平",
        "合作",
        "东方",
        "平原",
        "新建",
        "惠民",
        # one-character province abbreviations, fused abbreviations
        "渝",
        "黔",
        "鲁",
        "港澳",
        "中非",
        # jieba ns noise that is not a place
        "钟南山",
        "三角洲",
    ],
)
def test_not_places(word: str) -> None:
    assert not gz.is_place(word)
    assert gz.canonical(word) is None


def test_unknown_word_is_not_a_place() -> None:
    assert not gz.is_place("不存在的地方名字")
    assert gz.canonical("高质量发展") is None


def test_shared_names_resolve_by_priority() -> None:
    assert gz.canonical("黄山") == "黄山市"  # prefecture over mountain
    assert gz.canonical("泰山") == "泰山"  # mountain over 泰山区
    names = {(e.kind, e.canonical) for e in gz.load_places() if e.name == "泰山"}
    assert ("natural", "泰山") in names
    assert ("county", "泰山区") in names


def test_patterns_are_unique_sorted_deterministic_and_long_enough() -> None:
    first = gz.place_patterns()
    second = gz.place_patterns()
    assert first == second
    names = [p["pattern"] for p in first]
    assert len(names) == len(set(names))
    assert names == sorted(names)
    assert all(len(n) >= 2 for n in names)
    assert all(p["label"] == "PLACE" and p["id"] for p in first)
    assert {"label": "PLACE", "pattern": "威海", "id": "威海市"} in first


def test_entries_cover_every_kind_and_no_towns_by_default() -> None:
    counts = gz.counts_by_kind(gz.load_places())
    assert counts["town"] == 0
    assert counts["province"] >= 34
    assert counts["prefecture"] >= 333
    assert counts["county"] >= 2800
    for kind in ("country", "world_city", "natural", "region", "abbreviation"):
        assert counts[kind] > 0, kind


def test_towns_only_on_request() -> None:
    assert not gz.is_place("南翔镇")
    assert gz.is_place("南翔镇", include_towns=True)
    assert gz.canonical("嘉定", include_towns=True) == "嘉定区"  # never a town short form
    assert not gz.is_place("南翔", include_towns=True)


def test_load_places_returns_a_copy() -> None:
    entries = gz.load_places()
    entries.clear()
    assert gz.load_places()


def test_short_form_rule() -> None:
    assert gz.short_form_verdict("渝") == "shorter than 2 characters"
    assert gz.short_form_verdict("新区") == "listed in gaz_not_places.tsv"
    assert gz.short_form_verdict("南部", check_jieba=True) is not None  # jieba: f, 5612
    assert gz.short_form_verdict("南部", check_jieba=False) is None
    assert gz.short_form_verdict("荣成") is None
    assert gz.short_form_verdict("仙桃") is None  # kept although jieba tags it n


def test_resource_files_start_with_a_source_comment() -> None:
    own = [gz.NATURAL_FEATURES_TSV, gz.WORLD_REGIONS_TSV, *sorted(gz.RESOURCES.glob("gaz_*.tsv"))]
    for path in own:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("#"), path.name
        assert "public-domain" in first or "general knowledge" in first, path.name


def test_missing_package_error_names_the_package() -> None:
    with pytest.raises(ModuleNotFoundError, match="no_such_pkg"):
        gz._package_dir("no_such_pkg")


def test_the_built_gazetteer_is_kept_on_disk_and_rebuilt_when_damaged(tmp_path, monkeypatch):
    built = gz.load_places()
    calls = []
    build = gz._build
    monkeypatch.setattr(gz, "_build", lambda towns: calls.append(towns) or build(towns))
    try:
        gz.use_cache(tmp_path)
        gz._load.cache_clear()
        assert gz.load_places() == built and calls == [False]
        (path,) = tmp_path.glob("gazetteer-*.pkl")
        gz._load.cache_clear()
        assert gz.load_places() == built and calls == [False]  # read back, not built
        path.write_bytes(b"not a pickle")
        gz._load.cache_clear()
        assert gz.load_places() == built and calls == [False, False]  # damaged: built again
        # a gazetteer of other code or resources is removed when the folder is next used
        stale = tmp_path / "gazetteer-0000000000000000.pkl"
        stale.write_bytes(path.read_bytes())
        gz._load.cache_clear()
        gz.load_places()
        assert not stale.exists() and path.exists()
        # another resource file is another gazetteer
        monkeypatch.setattr(gz, "RESOURCE_FILES", gz.RESOURCE_FILES[:-1])
        assert gz._cache_names()[False] != path.name
    finally:
        gz.use_cache(None)
        gz._load.cache_clear()


def test_provinces_of_divisions_by_full_name_and_short_form() -> None:
    assert gz.provinces_of("嘉定") == gz.provinces_of("嘉定区") == {"31"}
    assert gz.provinces_of("朝阳区") >= {"11", "22"}  # Beijing's and Changchun's
    assert gz.provinces_of("山东省") == gz.provinces_of("威海市") == {"37"}
    assert gz.provinces_of("国务院") == frozenset()


def test_the_cache_folder_is_fixed_when_it_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    try:
        gz.use_cache("cache")
        monkeypatch.chdir("/")
        assert [tmp_path / "cache"] == gz._CACHE_DIR
    finally:
        gz.use_cache(None)


def test_autonomous_prefectures_and_counties_by_their_short_forms() -> None:
    assert gz.canonical("大理州") == "大理白族自治州"
    assert gz.canonical("恩施州") == "恩施土家族苗族自治州"
    assert gz.canonical("长阳县") == "长阳土家族自治县"


def test_the_provinces_of_division_names_are_kept_on_disk(tmp_path, monkeypatch) -> None:
    built = gz._build_provinces()
    calls = []
    monkeypatch.setattr(gz, "_build_provinces", lambda: calls.append(1) or built)
    try:
        gz.use_cache(tmp_path)
        gz._provinces_by_name.cache_clear()
        assert gz.provinces_of("嘉定") == {"31"} and calls == [1]
        (path,) = tmp_path.glob("provinces-*.pkl")
        gz._provinces_by_name.cache_clear()
        assert gz.provinces_of("嘉定") == {"31"} and calls == [1]  # read back, not built
        path.write_bytes(b"damaged")
        gz._provinces_by_name.cache_clear()
        assert gz.provinces_of("嘉定") == {"31"} and calls == [1, 1]
    finally:
        gz.use_cache(None)
        gz._provinces_by_name.cache_clear()


def test_jieba_lexicon_and_brands_are_kept_in_the_cache_folder(tmp_path, monkeypatch) -> None:
    from pipeline import firms

    words = gz._read_jieba_lexicon()
    brands = firms.load_brands()
    try:
        gz.use_cache(tmp_path)
        gz.jieba_lexicon.cache_clear()
        firms.load_brands.cache_clear()
        assert gz.jieba_lexicon() == words and firms.load_brands() == brands
        (lex_file,) = tmp_path.glob("jieba-lexicon-*.pkl")
        (brand_file,) = tmp_path.glob("brands-*.pkl")
        # read back, not built again: the readers are not called
        monkeypatch.setattr(gz, "_read_jieba_lexicon", lambda: {})
        monkeypatch.setattr(firms, "_read", lambda name: frozenset())
        gz.jieba_lexicon.cache_clear()
        firms.load_brands.cache_clear()
        assert gz.jieba_lexicon() == words and firms.load_brands() == brands
        assert lex_file.exists()
    finally:
        gz.use_cache(None)
        gz.jieba_lexicon.cache_clear()
        firms.load_brands.cache_clear()
    # the file's bytes do not depend on the process's string hashing (it is a DVC output)
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys; from pathlib import Path; from pipeline import gazetteer, firms;"
        "gazetteer.use_cache(Path(sys.argv[1])); firms.load_brands()"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(tmp_path / seed)], env=env, check=True,
                       cwd=Path(gz.__file__).parent.parent)  # fmt: skip
    one, two = ((tmp_path / s / brand_file.name).read_bytes() for s in ("1", "2"))
    assert one == two == brand_file.read_bytes()


def test_towns_of_a_county_by_full_name_and_short_form() -> None:
    # jionlp's tree: 竹镇镇 is a town of 六合区 (Nanjing), 狮岭镇 of 花都区 (Guangzhou)
    assert "竹镇" in gz.towns_of("六合区") and "竹镇" in gz.towns_of("六合")
    assert "狮岭" in gz.towns_of("花都")
    assert "狮岭" not in gz.towns_of("六合")
    assert gz.towns_of("南京市") == frozenset()  # a prefecture: its towns are its counties'
