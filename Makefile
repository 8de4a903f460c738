# Two commands do all set-up on a fresh Debian machine: `make serve` and `make test`.
# Each installs what it needs (virtualenv, pinned packages, Debian's chromium, nginx, wrk and LibreOffice Calc) the first time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Material for MkDocs prints an end-of-life banner on every build; it is not an error.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test bench clean deps chromium serve-nginx nginx libreoffice

serve: deps check
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

# Strict (any warning fails it), into a new folder swapped into place at the end (scripts/publish_site.py):
# a server reading site/ never sees half a build, and a failed build leaves site/ as it was.
build: deps check
	$(BIN)/python scripts/publish_site.py --site-dir site

# What `make build` wrote to site/, through the shipped nginx configuration (deploy/), in the foreground.
serve-nginx: nginx
	$(PYTHON) scripts/nginx_run.py --port $(PORT) site

# Content checks: every problem as `path:line: what is wrong — how to fix it`.
check: deps
	$(BIN)/python scripts/check_content.py

test: deps chromium nginx libreoffice check
	$(BIN)/python -m pytest tests

bench: deps chromium nginx libreoffice
	$(BIN)/python scripts/bench_engine.py
	$(BIN)/python scripts/bench_wizard.py
	$(BIN)/python scripts/bench_nginx.py
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

# The tests open the roster's result files in a real spreadsheet program: Debian's LibreOffice Calc, headless.
libreoffice:
	@command -v soffice >/dev/null 2>&1 || { \
	  echo "Installing Debian's libreoffice-calc-nogui (needs root)"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	    libreoffice-calc-nogui; }

# Debian's nginx with its brotli_static module (the tests and `make serve-nginx` run deploy/nginx.conf), wrk
# (the load test) and openssl (a throw-away certificate for deploy/tls.conf.example's test). Installing nginx
# must not start Debian's own nginx service on port 80: policy-rc.d holds it back during the install.
NGINX_BROTLI := /usr/lib/nginx/modules/ngx_http_brotli_static_module.so
nginx:
	@if [ ! -x /usr/sbin/nginx ] || [ ! -e $(NGINX_BROTLI) ] || ! command -v wrk >/dev/null 2>&1 \
	  || ! command -v openssl >/dev/null 2>&1; then \
	  echo "Installing Debian's nginx, libnginx-mod-http-brotli-static, wrk and openssl (needs root)"; \
	  held=; if [ ! -e /usr/sbin/policy-rc.d ]; then \
	    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && held=1; fi; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	    nginx libnginx-mod-http-brotli-static wrk openssl; status=$$?; \
	  if [ -n "$$held" ]; then rm -f /usr/sbin/policy-rc.d; fi; exit $$status; fi

clean:
	rm -rf site build site.new-* site.old-*
