# Diogel: run `make help` to see what each target does.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
STATIC := src/diogel/web/core/static
POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/diogel
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per core. The attack suite shares one warehouse, so it
# runs in a single process (--dist loadgroup); browser tests run after, in one process.
PYTEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --dist loadgroup

.PHONY: help
help: ## Show this help.
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The versions CI tested: requirements.lock pins every dependency (make lock renews it).
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet --constraint requirements.lock -e '.[dev]'
	touch $@

.PHONY: lock
lock: ## Resolve requirements.lock again from pyproject.toml (newest versions; then run make test).
	$(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/pip install --quiet pip-tools
	CUSTOM_COMPILE_COMMAND="make lock" var/lock-venv/bin/pip-compile --quiet --upgrade \
		--extra dev --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock pyproject.toml

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(STATIC)/diogel/diogel.css: node_modules/.package-lock.json src/diogel/web/core/assets/diogel.scss package.json
	mkdir -p $(STATIC)/diogel $(STATIC)/govuk/assets
	npx sass --pkg-importer=node --style=compressed --no-source-map --quiet-deps \
		src/diogel/web/core/assets/diogel.scss $@
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(STATIC)/govuk/
	cp -r node_modules/govuk-frontend/dist/govuk/assets/images $(STATIC)/govuk/assets/
	mkdir -p $(STATIC)/leaflet
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map \
		node_modules/leaflet/dist/leaflet.css \
		node_modules/leaflet/dist/images $(STATIC)/leaflet/

.PHONY: install
install: $(VENV)/.installed assets messages ## Create .venv, install Diogel and its tools, build assets.

.PHONY: assets
assets: $(STATIC)/diogel/diogel.css ## Build static assets from the GOV.UK Frontend npm package.

.PHONY: messages
messages: $(VENV)/.installed ## Compile the Welsh message catalogues.
	cd src/diogel/web && ../../../$(BIN)/python -m django compilemessages --settings=diogel.web.settings.test -v 0

.PHONY: demo
demo: install ## Install, prepare demo content and serve it on http://127.0.0.1:$(PORT).
	$(BIN)/diogel demo --port $(PORT)

.PHONY: serve
serve: install ## Serve the site without loading demo content.
	$(BIN)/diogel manage migrate --no-input
	$(BIN)/diogel manage collectstatic --no-input -v 0
	$(BIN)/diogel serve --port $(PORT)

.PHONY: lint
lint: install ## ruff and mypy.
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

.PHONY: format
format: install ## Reformat the code with ruff.
	$(BIN)/ruff format src tests benchmarks scripts
	$(BIN)/ruff check --fix src tests benchmarks scripts

.PHONY: browser
browser: ## Install Debian's Chromium for the browser tests when it is missing.
	@bash scripts/ensure-chromium

.PHONY: test
test: install browser lint ## Lint, then every test on SQLite and on PostgreSQL when reachable.
	$(BIN)/pytest $(PYTEST_PARALLEL) -m "not browser" $(PYTEST_ARGS)
	@# Playwright's event loop must not share a process with the database tests (Django
	@# refuses synchronous queries beside it), so the browser tests run on their own.
	$(BIN)/pytest -m browser tests/e2e $(PYTEST_ARGS)
	@if $(BIN)/python scripts/postgres_reachable.py "$(POSTGRES_URL)"; then \
		echo "PostgreSQL is reachable at $(POSTGRES_URL): running the web and command-line tests (everything that uses the database) on it"; \
		DATABASE_URL="$(POSTGRES_URL)" $(BIN)/pytest $(PYTEST_PARALLEL) -m "not browser" tests/web tests/cli $(PYTEST_ARGS); \
	else \
		echo "PostgreSQL is not reachable at $(POSTGRES_URL): database tests ran on SQLite only"; \
	fi

.PHONY: bench
bench: install ## Run the side-by-side benchmarks and print the ratios.
	$(BIN)/python benchmarks/run.py

.PHONY: bench-reports
bench-reports: install ## Time all 27 monthly reports with 12, 24 and 36 months of data.
	PYTHONPATH=. $(BIN)/python benchmarks/bench_reports.py 12 24 36

.PHONY: bench-api
bench-api: install ## Load-test the JSON API with wrk (demo data x1 and x10) against a static-file floor.
	PYTHONPATH=. $(BIN)/python benchmarks/bench_api.py

.PHONY: docs
docs: install ## Regenerate the generated docs (settings, categories).
	$(BIN)/diogel settings --markdown > docs/settings.md
	$(BIN)/python -c "from diogel.sources.categories import categories_markdown as m; print(m(), end='')" > docs/categories.md

.PHONY: clean
clean: ## Remove the virtualenv, built assets and ./var.
	rm -rf $(VENV) node_modules $(STATIC)/diogel $(STATIC)/govuk $(STATIC)/leaflet var
