# Dateline: `make run` sets everything up and runs the desk; `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The first Python 3.12+ on this machine: explicit PYTHON, then python3.13/3.12 (pyenv or system).
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	for v in 3.13.0 3.12.1 ""; do \
	  if PYENV_VERSION=$$v $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then \
	    echo "env PYENV_VERSION=$$v $$p"; exit 0; fi; done; done)

.PHONY: install run test lint typecheck pytest gates bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "Dateline needs Python 3.12 or newer (Django 6); none found. Install one or set PYTHON=/path/to/python3.12." >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: install
	$(BIN)/dateline migrate --no-input
	$(BIN)/dateline sources load-defaults
	$(BIN)/dateline run

lint: install
	$(BIN)/ruff check dateline tests bench
	$(BIN)/ruff format --check dateline tests bench

typecheck: install
	$(BIN)/mypy dateline

pytest: install
	$(BIN)/pytest

test: lint typecheck pytest

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/geo.py
	$(BIN)/python bench/cluster.py
	$(BIN)/python bench/newsletter.py
	$(BIN)/python bench/images.py
	$(BIN)/python bench/web.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache test-artifacts
