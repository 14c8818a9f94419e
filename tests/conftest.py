"""Shared fixtures: the project's paths, tiny inline reports, and a resolver for dvc.yaml."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Three tiny reports, one per level, each with a full header (title, date and session,
# speaker) and numbered sections; the city one also has a run-in level-2 heading.
CITY_REPORT = (
    "政府工作报告\n"
    "——2022年2月23日在威海市第十八届人民代表大会第一次会议上\n"
    "威海市市长 闫剑波\n"
    "各位代表：\n"
    "现在，我代表市人民政府向大会报告工作。\n"
    "一、2021年工作回顾\n"
    "地区生产总值增长7.5%。城乡居民收入稳步增长。\n"
    "（一）经济运行稳中向好。规模以上工业增加值增长10%。\n"
    "二、2022年工作安排\n"
    "今年预期目标是：地区生产总值增长6%左右。\n"
)
PROVINCE_REPORT = (
    "江苏省人民政府工作报告\n"
    "——2023年1月14日在江苏省第十四届人民代表大会第一次会议上\n"
    "江苏省省长 许昆林\n"
    "各位代表：\n"
    "一、过去五年工作回顾\n"
    "全省经济总量跨上新台阶。“十四五”开局良好。\n"
    "二、今后五年目标任务\n"
    "坚持稳中求进工作总基调。\n"
)
NATIONAL_REPORT = (
    "政府工作报告\n"
    "——2019年3月5日在第十三届全国人民代表大会第二次会议上\n"
    "国务院总理 李克强\n"
    "各位代表：\n"
    "现在，我代表国务院，向大会报告政府工作，请予审议。\n"
    "一、2018年工作回顾\n"
    "过去一年是全面贯彻党的十九大精神开局之年。\n"
    "二、2019年经济社会发展总体部署\n"
    "今年发展主要预期目标是：国内生产总值增长6%－6.5%。\n"
)


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def params_path() -> Path:
    return PROJECT_ROOT / "params.yaml"


@pytest.fixture(scope="session")
def city_report() -> str:
    return CITY_REPORT


@pytest.fixture(scope="session")
def province_report() -> str:
    return PROVINCE_REPORT


@pytest.fixture(scope="session")
def national_report() -> str:
    return NATIONAL_REPORT


def _write_manifest(path: Path, rows: Sequence[dict[str, Any]]) -> Path:
    columns = ["doc_id", "file", "place", "level", "year", "source", "notes", "sha256"]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n", extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
    return path


@pytest.fixture(scope="session")
def write_manifest() -> Callable[[Path, Sequence[dict[str, Any]]], Path]:
    """`write_manifest(path, rows)`: a manifest CSV with the columns of data/raw/reports.csv."""
    return _write_manifest


_VAR_RE = re.compile(r"\$\{\s*([A-Za-z0-9_.-]+)\s*\}")


def _lookup(variables: dict[str, Any], dotted: str) -> Any:
    value: Any = variables
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(f"dvc.yaml: ${{{dotted}}} is not defined in vars")
        value = value[part]
    return value


def _resolve(node: Any, variables: dict[str, Any]) -> Any:
    if isinstance(node, str):
        resolved = _VAR_RE.sub(lambda m: str(_lookup(variables, m.group(1))), node)
        if "${" in resolved:
            raise ValueError(f"dvc.yaml: cannot resolve {node!r}")
        return resolved
    if isinstance(node, list):
        return [_resolve(n, variables) for n in node]
    if isinstance(node, dict):
        return {_resolve(k, variables): _resolve(v, variables) for k, v in node.items()}
    return node


def _load_dvc_stages(root: Path) -> dict[str, dict[str, Any]]:
    """The stages of root/dvc.yaml with `${vars}` substituted (vars: mappings or yaml files)."""
    data = yaml.safe_load((root / "dvc.yaml").read_text(encoding="utf-8"))
    variables: dict[str, Any] = {}
    for entry in data.get("vars", []) or []:
        if isinstance(entry, str):  # a params file, optionally file:key1,key2
            name = entry.split(":", 1)[0]
            variables.update(yaml.safe_load((root / name).read_text(encoding="utf-8")) or {})
        else:
            variables.update(entry)
    stages = data.get("stages") or {}
    for name, stage in stages.items():
        if "foreach" in stage or "matrix" in stage:
            raise NotImplementedError(f"dvc.yaml stage {name!r}: extend the resolver for foreach")
    return {name: _resolve(stage, variables) for name, stage in stages.items()}


@pytest.fixture(scope="session")
def load_dvc_stages() -> Callable[[Path], dict[str, dict[str, Any]]]:
    """`load_dvc_stages(root)`: dvc.yaml's stages with `${vars}` resolved."""
    return _load_dvc_stages


def entry_path(entry: str | dict[str, Any]) -> str:
    """The path of a deps/outs/metrics entry (`path` or `{path: {options}}`)."""
    if isinstance(entry, dict):
        (path,) = entry
        return str(path)
    return str(entry)


@pytest.fixture(scope="session")
def dvc_entry_path() -> Callable[[str | dict[str, Any]], str]:
    return entry_path
