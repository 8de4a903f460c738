# Two commands do all set-up on a fresh Debian machine: `make serve` and `make test`.
# Each installs what it needs (virtualenv, pinned packages, Debian's chromium) the first time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Material for MkDocs prints an end-of-life banner on every build; it is not an error.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test bench clean deps chromium

serve: deps check
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

build: deps check
	$(BIN)/mkdocs build --strict

# Content checks: every problem as `path:line: what is wrong — how to fix it`.
check: deps
	$(BIN)/python scripts/check_content.py

test: deps chromium check
	$(BIN)/python -m pytest tests

bench: deps chromium
	$(BIN)/python scripts/bench_engine.py
	$(BIN)/python scripts/bench_wizard.py
	$(BIN)/python scripts/bench_roster.py

deps: $(VENV)/.installed node_modules/.installed

# The virtualenv is rebuilt whenever the pinned requirements change.
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

# The Pyodide runtime (served from the site itself) and axe-core, exactly as package-lock.json pins them.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Browser tests drive Debian's chromium; Playwright cannot download its own browser here.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium (needs root)"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }

clean:
	rm -rf site build
