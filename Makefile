# Upstander: the two commands a new user needs are `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev lint bench eval clean help

help:
	@echo "make run    - install, load demo data and serve http://$(HOST):$(PORT)/ (SQLite)"
	@echo "make test   - lint, type checks, architecture contract and the test suite on SQLite and PostgreSQL"
	@echo "make bench  - run the benchmarks in bench/"
	@echo "make eval   - score the assessment engine on the shared labelled corpus"

$(BIN)/activate:
	@scripts/bootstrap-python.sh "$(PYTHON)" "$(VENV)"

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	UPSTANDER_HTTPS=0 $(BIN)/upstander demo
	UPSTANDER_HTTPS=0 $(BIN)/upstander serve --host $(HOST) --port $(PORT)

test: install-dev
	scripts/test.sh

lint: install-dev
	scripts/test.sh --lint-only

bench: install-dev
	$(BIN)/python bench/run.py

eval: install-dev
	$(BIN)/upstander eval

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
