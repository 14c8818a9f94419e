"""dvc.yaml, params.yaml, pipeline/ and the README agree (STYLE.md points 1, 3, 5, 13–15)."""

from __future__ import annotations

import ast
import os
import re
import shlex
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml

from pipeline import config

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "pipeline"
RESOURCES = PKG / "resources"
STAGE_NAMES = list(yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"])
PARAM_SECTIONS = list(yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8")))
OUT_KINDS = ("outs", "metrics", "plots")


@pytest.fixture(scope="module")
def stages(load_dvc_stages) -> dict[str, dict[str, Any]]:
    return load_dvc_stages(ROOT)


@pytest.fixture(scope="module")
def params() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- helpers


def _norm(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, "/")


def _covered(path: str, declared: list[str]) -> bool:
    """`path` is one of `declared` or lies inside a declared folder."""
    path = _norm(path)
    return any(path == d or path.startswith(d.rstrip("/") + "/") for d in map(_norm, declared))


def _paths(stage: dict[str, Any], kind: str, entry_path) -> list[str]:
    return [entry_path(e) for e in stage.get(kind, []) or []]


def _module_file(dotted: list[str]) -> Path | None:
    """pipeline/a/b.py or pipeline/a/b/__init__.py for ['a', 'b']; None if neither exists."""
    base = PKG.joinpath(*dotted)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def direct_project_imports(path: Path) -> set[Path]:
    """Project modules `path` imports anywhere (top level or lazily inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = path.parent.relative_to(PKG).parts  # for relative imports
    found: set[Path] = set()

    def add(parts: list[str]) -> None:
        target = _module_file(parts)
        assert target is not None, f"{path}: imports pipeline.{'.'.join(parts)}, which is missing"
        found.add(target)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "pipeline" and len(parts) > 1:
                    add(parts[1:])
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                parts = ["pipeline", *base, *(node.module.split(".") if node.module else [])]
            else:
                parts = (node.module or "").split(".")
            if parts[0] != "pipeline":
                continue
            inner = parts[1:]
            if inner:
                add(inner)
            for alias in node.names:
                sub = _module_file([*inner, alias.name])
                if sub is not None:
                    found.add(sub)  # `from pipeline import x` imports the module x
                elif not inner:
                    add([])  # a name defined in pipeline/__init__.py
    return found


@cache
def import_closure(path: Path) -> frozenset[Path]:
    """`path` and every project module it imports, transitively."""
    seen: set[Path] = set()
    todo = [path]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo.extend(direct_project_imports(current) - seen)
    return frozenset(seen)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _string_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def resource_files() -> list[Path]:
    return sorted(
        p
        for p in RESOURCES.rglob("*")
        if p.is_file() and p.name != "__init__.py" and "__pycache__" not in p.parts
    )


def resources_read_by(modules: frozenset[Path]) -> set[Path]:
    """Resource files whose name appears in a string literal of one of `modules`."""
    literals = [s for m in modules for s in _string_literals(m)]
    return {r for r in resource_files() if any(r.name in s for s in literals)}


def params_sections_loaded(modules: frozenset[Path]) -> set[str]:
    """Sections the modules load: load_params(…, "x") / parse_section("x", …) / load_all()."""
    sections: set[str] = set()
    for module in modules:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0] if node.args else None
            if name == "load_all":
                sections.update(config.SECTIONS)
            elif name == "load_params" and len(node.args) > 1:
                section = node.args[1]
                assert isinstance(section, ast.Constant), f"{module}: load_params section"
                sections.add(section.value)
            elif name == "parse_section" and isinstance(first, ast.Constant):
                sections.add(first.value)
    return sections


def _params_entries(stage: dict[str, Any]) -> list[str]:
    """A stage's `params:` as 'section' or 'section.key' strings (from params.yaml only)."""
    entries: list[str] = []
    for entry in stage.get("params", []) or []:
        if isinstance(entry, dict):
            for file, keys in entry.items():
                assert file == "params.yaml", f"params from {file}: knobs live in params.yaml"
                entries.extend(keys or [])
        else:
            entries.append(entry)
    return entries


def _cmd_tokens(stage_name: str, stage: dict[str, Any]) -> list[str]:
    cmd = stage["cmd"]
    assert isinstance(cmd, str), f"{stage_name}: one command per stage"
    return shlex.split(cmd)


def _cmd_options(tokens: list[str]) -> list[tuple[str, str | None]]:
    """(flag, value) pairs after `python -m pipeline.<stage>`; value None for a bare flag."""
    pairs: list[tuple[str, str | None]] = []
    rest = tokens[3:]
    i = 0
    while i < len(rest):
        token = rest[i]
        assert token.startswith("--"), f"positional argument {token!r}: pass paths as --options"
        flag, eq, inline = token.partition("=")
        if eq:
            pairs.append((flag, inline))
            i += 1
        elif i + 1 < len(rest) and not rest[i + 1].startswith("--"):
            pairs.append((flag, rest[i + 1]))
            i += 2
        else:
            pairs.append((flag, None))
            i += 1
    return pairs


def _git_ignored(path: str) -> bool:
    proc = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=ROOT, check=False)
    assert proc.returncode in (0, 1), "git check-ignore failed"
    return proc.returncode == 0


def _looks_like_path(value: str) -> bool:
    return "/" in value or bool(re.search(r"\.[A-Za-z0-9]{1,5}$", value))


# ---------------------------------------------------------------- stages ↔ modules


def test_there_are_stages() -> None:
    assert "ingest" in STAGE_NAMES and "report" in STAGE_NAMES


@pytest.mark.parametrize("name", STAGE_NAMES)
def test_stage_runs_its_own_module(stages, name: str) -> None:
    tokens = _cmd_tokens(name, stages[name])
    assert tokens[:3] == ["python", "-m", f"pipeline.{name}"]
    assert (PKG / f"{name}.py").is_file()


@pytest.mark.parametrize("name", STAGE_NAMES)
def test_stage_module_and_its_imports_are_deps(stages, dvc_entry_path, name: str) -> None:
    deps = _paths(stages[name], "deps", dvc_entry_path)
    modules = import_closure(PKG / f"{name}.py")
    assert PKG / f"{name}.py" in modules
    missing = sorted(_rel(m) for m in modules if not _covered(_rel(m), deps))
    assert not missing, f"stage {name!r} imports these modules but does not list them in deps"


@pytest.mark.parametrize("name", STAGE_NAMES)
def test_stage_resources_are_deps(stages, dvc_entry_path, name: str) -> None:
    deps = _paths(stages[name], "deps", dvc_entry_path)
    used = resources_read_by(import_closure(PKG / f"{name}.py"))
    missing = sorted(_rel(r) for r in used if not _covered(_rel(r), deps))
    assert not missing, f"stage {name!r} reads these resources but does not list them in deps"


def test_import_and_resource_finders_see_what_ingest_uses() -> None:
    # The two checks above are only as good as these finders.
    closure = {_rel(m) for m in import_closure(PKG / "ingest.py")}
    assert {"pipeline/decoding.py", "pipeline/types.py", "pipeline/io.py"} <= closure
    assert "pipeline/report.py" not in closure
    assert RESOURCES / "common_hanzi.txt" in resources_read_by(import_closure(PKG / "ingest.py"))


def test_every_resource_file_is_read_by_some_module() -> None:
    modules = frozenset(p for p in PKG.rglob("*.py") if "__pycache__" not in p.parts)
    unused = sorted(_rel(r) for r in set(resource_files()) - resources_read_by(modules))
    assert not unused, "resource files no module names"


@pytest.mark.parametrize("name", STAGE_NAMES)
def test_stage_deps_exist_or_are_produced(stages, dvc_entry_path, name: str) -> None:
    produced = [
        p for s in stages.values() for kind in OUT_KINDS for p in _paths(s, kind, dvc_entry_path)
    ]
    for dep in _paths(stages[name], "deps", dvc_entry_path):
        assert (ROOT / dep).exists() or _covered(dep, produced), dep


# ---------------------------------------------------------------- stages ↔ params


@pytest.mark.parametrize("name", STAGE_NAMES)
def test_stage_params_exist(stages, params, name: str) -> None:
    for entry in _params_entries(stages[name]):
        section, _, key = entry.partition(".")
        assert section in params, f"{name}: params entry {entry!r} is not in params.yaml"
        assert section in config.SECTIONS, f"{name}: {section!r} is not in config.SECTIONS"
        if key:
            assert key in params[section], f"{name}: {entry!r} is not in params.yaml"
            assert key in config.SECTIONS[section].__dataclass_fields__, entry


@pytest.mark.parametrize("name", STAGE_NAMES)
def test_stage_declares_the_params_its_code_loads(stages, name: str) -> None:
    declared = {e.partition(".")[0] for e in _params_entries(stages[name])}
    # the stage module's own loads: an imported stage module's main() does not run
    loaded = params_sections_loaded(frozenset({PKG / f"{name}.py"}))
    assert loaded, f"pipeline/{name}.py loads no params section"
    assert loaded <= declared, f"{name} loads {sorted(loaded - declared)} without declaring them"
    if name in config.SECTIONS:  # one name, four places
        assert name in declared


@pytest.mark.parametrize("section", PARAM_SECTIONS)
def test_every_params_section_is_used_by_a_stage(stages, section: str) -> None:
    used = {e.partition(".")[0] for s in stages.values() for e in _params_entries(s)}
    assert section in used


# ---------------------------------------------------------------- stages ↔ paths


@pytest.mark.parametrize("name", STAGE_NAMES)
def test_cmd_paths_are_declared(stages, dvc_entry_path, name: str) -> None:
    stage = stages[name]
    deps = _paths(stage, "deps", dvc_entry_path)
    outs = [p for kind in OUT_KINDS for p in _paths(stage, kind, dvc_entry_path)]
    options = _cmd_options(_cmd_tokens(name, stage))
    assert options, f"{name}: paths are CLI arguments"
    for flag, value in options:
        if value is None or not _looks_like_path(value):
            continue
        if flag == "--params":
            assert value == "params.yaml"
            continue
        if _covered(value, deps) or _covered(value, outs):
            continue
        # an undeclared scratch cache (e.g. jieba's) is tolerated if git and DVC never see it
        assert "cache" in flag and _git_ignored(value), (
            f"{name}: {flag} {value} is neither a dep nor a declared output"
        )


@pytest.mark.parametrize("name", STAGE_NAMES)
def test_declared_outputs_are_cmd_arguments(stages, dvc_entry_path, name: str) -> None:
    stage = stages[name]
    values = {_norm(v) for _, v in _cmd_options(_cmd_tokens(name, stage)) if v}
    for kind in OUT_KINDS:
        for out in _paths(stage, kind, dvc_entry_path):
            assert _norm(out) in values, f"{name}: {kind} {out} is not passed to the command"


@pytest.mark.parametrize("name", STAGE_NAMES)
def test_cmd_flags_are_options_of_the_stage_main(stages, name: str) -> None:
    module = __import__(f"pipeline.{name}", fromlist=["main"])
    app = typer.Typer()
    app.command()(module.main)
    command = typer.main.get_command(app)
    options = {opt for p in command.params for opt in p.opts}
    required = {p.opts[0] for p in command.params if p.required}
    flags = [flag for flag, _ in _cmd_options(_cmd_tokens(name, stages[name]))]
    assert set(flags) <= options, f"{name}: unknown options {sorted(set(flags) - options)}"
    assert required <= set(flags), (
        f"{name}: required options missing {sorted(required - set(flags))}"
    )


# ---------------------------------------------------------------- README, Makefile, CI


def test_readme_shows_the_two_commands_first() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```[a-z]*\n(.*?)```", readme, re.S)
    assert first_block, "README has no code block"
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert "make run" in commands and "make test" in commands


def test_readme_stage_table_lists_every_stage() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\|\s*`(\w+)`\s*\|\s*`pipeline/(\w+)\.py`\s*\|", readme, re.M))
    assert set(rows) == set(STAGE_NAMES)
    assert all(stage == module for stage, module in rows.items())


def _make_recipe(target: str) -> tuple[str, list[str]]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    m = re.search(rf"^{target}:([^\n]*)\n((?:\t[^\n]*\n)*)", makefile, re.M)
    assert m, f"Makefile has no {target!r} target"
    return m.group(1), [line.strip() for line in m.group(2).splitlines()]


def test_makefile_targets_can_fail() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--exit-zero" not in makefile and "|| true" not in makefile
    assert not re.search(r"^\t-", makefile, re.M), "a recipe line ignores its errors"
    _, run = _make_recipe("run")
    assert any(re.search(r"\bdvc repro\b", line) for line in run)
    test_prereqs, test = _make_recipe("test")
    assert any(re.search(r"\bpytest\b", line) for line in test)
    _, lint = _make_recipe("lint")
    assert "lint" in test_prereqs.split()
    assert any("ruff check" in line for line in lint)
    assert any("ruff format --check" in line for line in lint)


def test_ci_runs_make_test_and_stops_on_errors() -> None:
    script = ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK)
    lines = [line.split("#")[0].strip() for line in script.read_text("utf-8").splitlines()]
    lines = [line for line in lines if line]
    set_e = [
        i for i, line in enumerate(lines) if re.match(r"set\s+-[a-z]*e|set\s+-o\s+errexit", line)
    ]
    runs = [i for i, line in enumerate(lines) if re.fullmatch(r"make\s+test", line)]
    assert set_e and runs and set_e[0] < runs[0]


@pytest.mark.parametrize("module", sorted(p.name for p in PKG.glob("*.py")))
def test_module_level_names_are_bound_once(module: str) -> None:
    """A constant bound twice at module level silently changes what the functions above the
    second binding read (ner_rules had two _ORDINAL_RE; the later one won everywhere). Only
    an extension of the name by itself (X = (*X, …)) may rebind it."""
    tree = ast.parse((PKG / module).read_text(encoding="utf-8"))
    seen: set[str] = set()
    twice = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names, value = [node.name], None
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            value = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            names, value = [node.target.id], node.value
        else:
            continue
        for name in names:
            reads_itself = value is not None and any(
                isinstance(n, ast.Name) and n.id == name for n in ast.walk(value)
            )
            if name in seen and not reads_itself:
                twice.append(name)
            seen.add(name)
    assert not twice, f"{module}: bound twice at module level: {twice}"
