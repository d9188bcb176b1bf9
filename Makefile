# Every target bootstraps what it needs: a fresh clone only needs `make serve` or `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM := /usr/bin/chromium
# `make serve PORT=8001` when 8000 is taken
PORT ?= 8000

.PHONY: serve build check test unit site browser lock bench audit clean setup schemas

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's chromium where it is installed (.ci/run installs it); Playwright's own build elsewhere.
browser: $(VENV)/.installed
	@if [ ! -x $(CHROMIUM) ]; then $(PY) -m playwright install --with-deps chromium; fi

# dev/serve.py runs `mkdocs serve` and says in Chinese what a busy port or a broken build means.
serve: setup
	$(PY) dev/serve.py --port $(PORT)

build: setup
	$(PY) -m mkdocs build --strict --site-dir site

check: setup
	$(PY) -m macros .

test: setup node_modules/.installed browser
	$(PY) -m macros .
	$(PY) -m pytest

# Regenerate the pinned requirements.txt from the ranges in requirements.in.
lock: setup
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in

bench: setup
	$(PY) -m benchmarks.build_bench --attribute

clean:
	rm -rf site .pytest_cache

# Regenerate the editor schemas (schemas/*.schema.json) from macros/models.py; tests/test_schemas.py checks they are current.
schemas: setup
	$(PY) -m macros.schemas

# Lighthouse on one page of each kind (slow; run before a release, not part of `make test`).
# AUDIT_ARGS="--preset desktop" for the desktop preset, "--fail-under 90" to gate on the scores.
audit: setup node_modules/.installed
	$(PY) -m mkdocs build --strict --site-dir site
	$(PY) audit/run_audit.py $(AUDIT_ARGS)
