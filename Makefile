# contraflow: the two quick-start commands are `make demo` and `make test`.
#
# Everything honours the CONTRAFLOW_* variables, e.g. a second stack beside a running one:
#   CONTRAFLOW_STACK__HOME=/tmp/s2 CONTRAFLOW_STACK__KAFKA_PORT=19092 CONTRAFLOW_STACK__KAFKA_CONTROLLER_PORT=19093 \
#   CONTRAFLOW_STACK__ES_PORT=19200 make test
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
# The first Python >= 3.11 on PATH (override: make PYTHON=/usr/bin/python3.12 venv).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)

# Clients (tests, demo, worker) talk to the stack that `make stack-up` runs, on whatever ports it uses.
KAFKA_PORT := $(or $(CONTRAFLOW_STACK__KAFKA_PORT),9092)
ES_PORT := $(or $(CONTRAFLOW_STACK__ES_PORT),9200)
export CONTRAFLOW_KAFKA__BOOTSTRAP ?= localhost:$(KAFKA_PORT)
export CONTRAFLOW_ES__URL ?= http://localhost:$(ES_PORT)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help venv install system-deps stack-deps stack-up stack-down stack-status demo test test-unit lint format

help:
	@echo "make demo        .venv + install, start Kafka + Elasticsearch, run the demo"
	@echo "make test        .venv + install, start Kafka + Elasticsearch, run the whole test suite and ruff"
	@echo "make venv        create .venv (Python >= 3.11) and install contraflow with its dev extras"
	@echo "make lint        ruff check, ruff format --check, types (mypy), the import contracts (lint-imports)"
	@echo "make stack-up    start the local stack (contraflow stack up)"
	@echo "make stack-down  stop it (contraflow stack down)"

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then echo "no Python >= 3.11 found on PATH; install python3 (3.11+) or pass PYTHON=..." >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

# Reinstalls when pyproject.toml changes; pip's cache (~/.cache/pip) is used when present.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[dev]'
	@touch $@

venv install: $(VENV)/.installed

system-deps:
	@bash deploy/ci/system-deps.sh

stack-deps:
	@bash deploy/ci/system-deps.sh stack

stack-up: $(VENV)/.installed
	$(BIN)/contraflow stack up

stack-down:
	@if [ -x $(BIN)/contraflow ]; then $(BIN)/contraflow stack down; else echo "no .venv: nothing to stop"; fi

stack-status: $(VENV)/.installed
	$(BIN)/contraflow stack status

demo: stack-deps stack-up
	$(BIN)/contraflow demo

test: system-deps stack-up
	$(BIN)/pytest
	$(MAKE) --no-print-directory lint

test-unit: $(VENV)/.installed
	$(BIN)/pytest tests/unit

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(VENV)/.installed
	$(BIN)/ruff format .
