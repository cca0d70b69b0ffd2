# `make` sets up .venv and builds every issue under issues/; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ISSUES := $(patsubst %/issue.yaml,%,$(wildcard issues/*/issue.yaml))

.PHONY: all build check test lint bench fonts clean

all: build

$(BIN)/typeset: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.test-deps: $(BIN)/typeset
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

build: $(BIN)/typeset
	$(BIN)/typeset build $(ISSUES)

check: $(BIN)/typeset
	$(BIN)/typeset check $(ISSUES)

test: lint
	$(BIN)/python -m pytest

lint: $(VENV)/.test-deps
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

bench: $(VENV)/.test-deps
	$(BIN)/python tests/benchmark.py

# Needs the Debian font packages named in fonts/README.md.
fonts: $(BIN)/typeset
	$(BIN)/python -m typeset.fonts.subset

clean:
	rm -rf build
