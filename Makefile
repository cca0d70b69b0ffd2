# `make` sets up .venv and builds every issue under issues/; `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Every issue folder under issues/; `make ISSUES=issues/2026-11-26` builds only that one.
ISSUES ?= $(patsubst %/issue.yaml,%,$(wildcard issues/*/issue.yaml))
# `make print FORCE=1`: print files despite overset text; `make proof FORCE=1`: a new
# round even for issues unchanged since their last round.
FORCE ?=
# `make profile PAPER=xinglin`: the paper whose CMYK profile is written.
PAPER ?= xinglin

# The names of pyproject.toml's dependencies (`dependencies`, or an extra such as `test`).
LIST_DEPS = $(PYTHON) -c 'import re, sys, tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
  names = p["dependencies"] if sys.argv[1] == "dependencies" else p["optional-dependencies"][sys.argv[1]]; \
  print(", ".join(re.split("[<>=!~ ;[]", name)[0] for name in names))'

.PHONY: all help build print proof check preview test lint bench fonts profile clean distclean

all: build

help:
	@echo "make                 set up .venv (first time) and build the issues that changed"
	@echo "make check           check every issue without rendering"
	@echo "make print           the printer's PDF/X files of every issue, then preflight"
	@echo "                     FORCE=1: despite overset text (the report records it)"
	@echo "make proof           the next round of proofs, for the issues changed since theirs"
	@echo "                     FORCE=1: a new round for every issue"
	@echo "make test            lint and run the test suite"
	@echo "make lint            ruff"
	@echo "make bench           time cold and warm builds, peak memory"
	@echo "make fonts           regenerate fonts/ (see fonts/README.md)"
	@echo "make profile         write the CMYK profile of layouts/$(PAPER)/ (PAPER=name)"
	@echo "make clean           remove the build's pages and caches; keeps proof/ and print/"
	@echo "make distclean       remove build/ (proof rounds and print files too) and .venv"
	@echo "ISSUES='issues/A issues/B'  limits any target to those issues"

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

# The build decides what is stale from the content of its inputs (the issue's files, the
# layouts, the fonts, the code): file names with spaces, new and deleted files count, and
# reinstalling the package does not.
build: $(BIN)/typeset
	$(BIN)/typeset build --if-changed $(ISSUES)

# The printer's files (PDF/X per page, manifest), then preflight on those that were
# written: one overset issue does not stop the others, and the exit status says it failed.
print: $(BIN)/typeset
	@status=0; \
	$(BIN)/typeset build --print $(if $(FORCE),--force) $(ISSUES) || status=1; \
	printed=$$(for issue in $(ISSUES); do \
		folder=build/$${issue##*/}/print; [ -f $$folder/manifest.json ] && echo $$folder; \
	done); \
	[ -z "$$printed" ] || $(BIN)/typeset preflight $$printed || status=1; \
	exit $$status

# The next round of proofs for the proofreaders (校样), with what changed since the last.
proof: $(BIN)/typeset
	$(BIN)/typeset build --proof $(if $(FORCE),,--if-changed) $(ISSUES)

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
	$(BIN)/python -m typeset.color.newsprint_profile layouts/$(PAPER)

# Proof rounds and print files are the record of what was sent out: `clean` keeps them.
clean:
	@for folder in build/*/; do \
		[ -d "$$folder" ] || continue; \
		find "$$folder" -mindepth 1 -maxdepth 1 ! -name proof ! -name print -exec rm -rf {} +; \
	done
	rm -rf build/.cache

distclean:
	rm -rf build $(VENV)
