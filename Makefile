# Every target bootstraps what it needs: a fresh clone only needs `make serve` or `make test`.
# The site (serve, build, check) needs requirements.txt only; tests and tools add requirements-test.txt.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM := /usr/bin/chromium
# The build engine: mkdocs, or properdocs (the maintained MkDocs 1.x fork, from requirements-test.txt).
ENGINE ?= mkdocs
SITE_STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
ENGINE_STAMP := $(if $(filter mkdocs,$(ENGINE)),$(SITE_STAMP),$(TEST_STAMP))
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check
export NO_MKDOCS_2_WARNING := 1
# `make serve PORT=8001` when 8000 is taken
PORT ?= 8000

.PHONY: serve build check test lint unit site browser lock bench bench-preview bench-search audit clean setup setup-test schemas scorm

setup: $(SITE_STAMP)
setup-test: $(TEST_STAMP)

$(SITE_STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

# Both files in one pip run, so the test tools never move a package the site pins.
$(TEST_STAMP): $(SITE_STAMP) requirements-test.txt
	$(PIP_INSTALL) -r requirements.txt -r requirements-test.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's chromium where it is installed (.ci/run installs it); Playwright's own build elsewhere.
browser: $(TEST_STAMP)
	@if [ ! -x $(CHROMIUM) ]; then $(PY) -m playwright install --with-deps chromium; fi

# dev/serve.py runs `mkdocs serve` and says in Chinese what a busy port or a broken build means.
serve: setup
	$(PY) dev/serve.py --port $(PORT)

build: $(ENGINE_STAMP)
	$(PY) -m $(ENGINE) build --strict --site-dir site

# Trainer input, then the settings a fork must change (warnings only, see README).
check: setup
	$(PY) -m macros .
	$(PY) -m tools.fork_settings .

# GitHub workflows, offline: actionlint (syntax, expressions, shell) and zizmor (security);
# the Python code: ruff (ruff.toml) and mypy --strict (mypy.ini).
lint: setup-test
	$(VENV)/bin/actionlint
	$(VENV)/bin/zizmor --offline --no-progress .github/workflows .github/dependabot.yml
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: setup-test node_modules/.installed browser lint
	$(PY) -m macros .
	$(PY) -m pytest

# Regenerate the pinned requirements*.txt from the ranges in requirements*.in.
lock: setup-test
	$(PIP_INSTALL) pip-tools
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-test.txt requirements-test.in

# Build cost against stock MkDocs (issue #22), then what a search costs a phone (issue #30).
bench: setup-test browser
	$(PY) -m benchmarks.build_bench --attribute
	$(PY) -m benchmarks.search_phone

# Save -> visible in the browser under `make serve`, Markdown and data files, against plain
# `mkdocs serve` and stock (issue #22).
bench-preview: setup-test browser
	$(PY) -m benchmarks.preview_bench --plain

# A phone's first search and later searches, slow 4G and 4x CPU, real handbook and 1000 pages
# (issue #30, dev/search.md).
bench-search: setup-test browser
	$(PY) -m benchmarks.search_phone

clean:
	rm -rf site dist .pytest_cache

# SCORM 1.2 packages (one per role track, one per exam) and Moodle XML question banks for the
# company LMS, into $(LMS_OUT) (docs/trainers/lms.md). The deploy workflow puts them in docs/downloads/lms.
LMS_OUT ?= dist
scorm: setup
	$(PY) -m tools.lms . --out $(LMS_OUT)

# Regenerate the editor schemas (schemas/*.schema.json) from macros/models.py; tests/test_schemas.py checks they are current.
schemas: setup
	$(PY) -m macros.schemas

# Lighthouse on one page of each kind (slow; run before a release, not part of `make test`).
# AUDIT_ARGS="--preset desktop" for the desktop preset, "--fail-under 90" to gate on the scores.
# Built for a project-site address: audit/serve.py serves it under that path (tests/helpers.py SITE_URL).
AUDIT_SITE_URL ?= https://example.github.io/trade-handbook/
audit: setup-test node_modules/.installed
	HANDBOOK_SITE_URL=$(AUDIT_SITE_URL) $(PY) -m mkdocs build --strict --site-dir site
	HANDBOOK_SITE_URL=$(AUDIT_SITE_URL) $(PY) audit/run_audit.py $(AUDIT_ARGS)
