# The two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.gwr-installed
export PATH := $(abspath $(BIN)):$(PATH)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup run test lint format bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	# pkuseg (segment.backend=pkuseg) compiles against numpy and needs cython at build time, and
	# the venv's setuptools (65.5) needs the wheel package for bdist_wheel (wheel 0.46+ dropped it)
	$(BIN)/python -m pip install -q -c requirements.lock cython wheel==0.45.1
	$(BIN)/python -m pip install -q -c requirements.lock --no-build-isolation pkuseg
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/dvc repro
	@echo "Report: $(abspath reports/index.html)  (tables in reports/tables/, metrics in reports/metrics.json)"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python bench/run.py

# Regenerate the lock from a fresh venv (after changing dependencies in pyproject.toml).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install -q -e '.[dev]' cython wheel==0.45.1
	.venv-lock/bin/python -m pip install -q --no-build-isolation pkuseg
	.venv-lock/bin/python -m pip freeze --exclude-editable | LC_ALL=C sort > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
