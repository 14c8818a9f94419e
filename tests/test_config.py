"""pipeline/config.py: params.yaml is typed, complete and checked on load."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline import config
from pipeline.config import ConfigError


@pytest.fixture(scope="module")
def real_params(params_path: Path) -> dict[str, Any]:
    return yaml.safe_load(params_path.read_text(encoding="utf-8"))


def _dump(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_real_params_load_into_their_dataclasses(params_path: Path) -> None:
    loaded = config.load_all(params_path)
    assert set(loaded) == set(config.SECTIONS)
    for name, cls in config.SECTIONS.items():
        assert type(loaded[name]) is cls, name
        assert config.load_params(params_path, name) == loaded[name]
    assert loaded["ingest"].on_error in ("fail", "skip")
    assert loaded["ingest"].to_simplified in ("auto", "always", "never")
    assert isinstance(loaded["ingest"].traditional_threshold, float)


def test_every_dataclass_field_has_a_value_in_params_yaml(real_params: dict[str, Any]) -> None:
    # Defaults live in params.yaml only: the file holds every key and nothing else.
    assert set(real_params) == set(config.SECTIONS)
    for name, cls in config.SECTIONS.items():
        fields = set(cls.__dataclass_fields__)
        assert set(real_params[name]) == fields, name


def _delete(section: str, key: str) -> Callable[[dict], None]:
    return lambda p: p[section].pop(key)


def _set(section: str, key: str, value: Any) -> Callable[[dict], None]:
    return lambda p: p[section].__setitem__(key, value)


BAD_PARAMS = [
    pytest.param(_delete("ingest", "on_error"), ["missing", "ingest.on_error"], id="missing-key"),
    pytest.param(_delete("base", "seed"), ["missing", "base.seed"], id="missing-key-base"),
    pytest.param(_set("ingest", "on_eror", "skip"), ["unknown", "ingest.on_eror"], id="unknown"),
    pytest.param(lambda p: p.__setitem__("segmnt", {"x": 1}), ["segmnt"], id="unknown-section"),
    pytest.param(lambda p: p.pop("report"), ["'report'"], id="missing-section"),
    pytest.param(lambda p: p.__setitem__("report", "x"), ["'report'"], id="section-not-mapping"),
    pytest.param(_set("base", "seed", "42"), ["base.seed", "int"], id="str-for-int"),
    pytest.param(_set("base", "jobs", True), ["base.jobs", "int"], id="bool-for-int"),
    pytest.param(_set("base", "jobs", 1.5), ["base.jobs"], id="float-for-int"),
    pytest.param(
        _set("ingest", "traditional_threshold", "0.05"),
        ["ingest.traditional_threshold", "float"],
        id="str-for-float",
    ),
    pytest.param(_set("report", "title", 7), ["report.title", "str"], id="int-for-str"),
    pytest.param(_set("ingest", "on_error", "abort"), ["ingest.on_error", "'abort'"], id="choice"),
    # YAML 1.1 reads a bare `no` as False: still a bad choice, not a silent default.
    pytest.param(_set("ingest", "on_error", False), ["ingest.on_error"], id="yaml-no"),
    pytest.param(
        _set("ingest", "to_simplified", "Auto"), ["ingest.to_simplified", "'Auto'"], id="case"
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), BAD_PARAMS)
def test_bad_params_fail_naming_the_key(
    tmp_path: Path, real_params: dict[str, Any], mutate, expected: list[str]
) -> None:
    data = copy.deepcopy(real_params)
    mutate(data)
    path = _dump(tmp_path, data)
    with pytest.raises(ConfigError) as info:
        config.load_all(path)
    for fragment in expected:
        assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [
        ("ingest", "on_error", "abort"),
        ("ingest", "traditional_threshold", [0.05]),
        ("report", "title", None),
    ],
)
def test_load_params_checks_the_section_a_stage_reads(
    tmp_path: Path, real_params: dict[str, Any], section: str, key: str, value: Any
) -> None:
    data = copy.deepcopy(real_params)
    data[section][key] = value
    path = _dump(tmp_path, data)
    with pytest.raises(ConfigError, match=rf"{section}\.{key}"):
        config.load_params(path, section)


def test_int_is_accepted_for_a_float(tmp_path: Path, real_params: dict[str, Any]) -> None:
    data = copy.deepcopy(real_params)
    data["ingest"]["traditional_threshold"] = 0
    loaded = config.load_all(_dump(tmp_path, data))
    assert loaded["ingest"].traditional_threshold == 0.0
    assert isinstance(loaded["ingest"].traditional_threshold, float)


def test_load_params_unknown_section(params_path: Path) -> None:
    with pytest.raises(ConfigError, match="'segmnt'"):
        config.load_params(params_path, "segmnt")


def test_missing_params_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        config.load_all(tmp_path / "nope.yaml")


@pytest.mark.parametrize("text", ["", "- a\n- b\n", "just a string\n"])
def test_params_file_that_is_not_a_mapping(tmp_path: Path, text: str) -> None:
    path = tmp_path / "params.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="mapping"):
        config.load_all(path)


def test_params_are_frozen(params_path: Path) -> None:
    ingest = config.load_params(params_path, "ingest")
    with pytest.raises(AttributeError):
        ingest.on_error = "skip"  # type: ignore[misc]
