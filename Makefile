# nok: two commands for a fresh machine (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test install install-test demo lint bench clean-data

$(BIN)/nok: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

install: $(BIN)/nok

$(VENV)/.test-deps: $(BIN)/nok
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

install-test: $(VENV)/.test-deps

## Install, create the SQLite database, load the demo data on first start, serve on :8501
## with one ingest worker beside the app (stopped with it).
run: install
	$(BIN)/nok init
	$(BIN)/nok demo --if-empty
	$(BIN)/nok worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/nok serve --port $(PORT)

## Install test dependencies and run the whole suite (SQLite and, when reachable, PostgreSQL).
test: install-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: install-test
	$(BIN)/python benchmarks/run_all.py
