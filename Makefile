# `make` sets up .venv and builds every issue under issues/; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ISSUES := $(patsubst %/issue.yaml,%,$(wildcard issues/*/issue.yaml))
OUTPUTS := $(patsubst issues/%,build/%/issue.pdf,$(ISSUES))
# What every issue's PDFs depend on besides the issue's own files.
PIPELINE := $(shell find src layouts fonts -type f -not -name '*.pyc')

# The names of pyproject.toml's dependencies (`dependencies`, or an extra such as `test`).
LIST_DEPS = $(PYTHON) -c 'import re, sys, tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
  names = p["dependencies"] if sys.argv[1] == "dependencies" else p["optional-dependencies"][sys.argv[1]]; \
  print(", ".join(re.split("[<>=!~ ;[]", name)[0] for name in names))'

.PHONY: all build print proof check preview test lint bench fonts profile clean

all: build

$(BIN)/typeset: pyproject.toml
	@echo "Setting up $(VENV) (about a minute): installing typeset and, from PyPI, $$($(LIST_DEPS) dependencies)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.test-deps: $(BIN)/typeset
	@echo "Installing the test tools: $$($(LIST_DEPS) test)"
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

build: $(OUTPUTS)

# An issue is built again only when one of its files or the pipeline changed.
.SECONDEXPANSION:
build/%/issue.pdf: $(BIN)/typeset $(PIPELINE) $$(shell find issues/$$* -type f)
	$(BIN)/typeset build issues/$*

# The printer's files (PDF/X per page, manifest), then preflight on them: errors fail.
print: $(BIN)/typeset
	$(BIN)/typeset build --print $(ISSUES)
	$(BIN)/typeset preflight $(patsubst issues/%,build/%/print,$(ISSUES))

# The next round of proofs for the proofreaders (校样), with what changed since the last.
proof: $(BIN)/typeset
	$(BIN)/typeset build --proof $(ISSUES)

check: $(BIN)/typeset
	$(BIN)/typeset check $(ISSUES)

# The live preview of one issue in the browser, rebuilt on every save:
# make preview ISSUE=2026-11-26, then open http://127.0.0.1:8765/ (PORT=… to change it).
ISSUE ?= $(notdir $(firstword $(ISSUES)))
PORT ?= 8765
preview: $(BIN)/typeset
	$(BIN)/typeset serve issues/$(ISSUE) --port $(PORT)

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

# Needs Debian's argyll package (colprof); see docs/colour-profile.md.
profile: $(BIN)/typeset
	$(BIN)/python -m typeset.color.newsprint_profile

clean:
	rm -rf build
