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

.PHONY: help venv install lock system-deps stack-deps stack-up stack-down stack-status demo test test-unit lint format

help:
	@echo "make demo        .venv + install, start Kafka + Elasticsearch, run the demo"
	@echo "make test        .venv + install, start Kafka + Elasticsearch, run the whole test suite and ruff"
	@echo "make venv        create .venv (Python >= 3.11) and install contraflow with its dev extras"
	@echo "make lint        ruff check, ruff format --check, types (mypy), the import contracts (lint-imports)"
	@echo "make lock        refresh requirements*.lock after a change of pyproject.toml's dependencies (UPGRADE=1: newest)"
	@echo "make stack-up    start the local stack (contraflow stack up)"
	@echo "make stack-down  stop it (contraflow stack down)"

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then echo "no Python >= 3.11 found on PATH; install python3 (3.11+) or pass PYTHON=..." >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)

# Supply chain: the venv gets exactly the versions pinned in requirements-dev.lock, each file checked against its
# sha256 there (pip, setuptools and wheel too), then contraflow itself with nothing resolved or downloaded.
# requirements.lock is the runtime subset (the Dockerfile's). Reinstalls when pyproject.toml or the lock changes;
# pip's cache (~/.cache/pip) is used when present.
$(VENV)/.installed: pyproject.toml requirements-dev.lock | $(BIN)/python
	$(BIN)/python -m pip install --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --no-deps --no-build-isolation -e .
	@$(BIN)/python -m pip check >/dev/null || { $(BIN)/python -m pip check; \
		echo "pyproject.toml asks for what requirements-dev.lock lacks: run make lock" >&2; exit 1; }
	@touch $@

# Resolved once for every platform and Python >= 3.11, with every wheel's hash; the versions already pinned are
# kept unless UPGRADE=1. Build tools are locked too: the install above builds contraflow without fetching them.
LOCK_CMD = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	printf 'setuptools>=77\nwheel\npip\n' | $(LOCK_CMD) pyproject.toml - --extra dev -o requirements-dev.lock
	printf 'setuptools>=77\nwheel\npip\n' | $(LOCK_CMD) pyproject.toml - -c requirements-dev.lock -o requirements.lock

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
