# One entry point. Every target sets up .venv/ itself on first use (Python 3.11+, pip, make).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test check lint format types layers schema figures screenshots bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## The web app on SQLite at http://127.0.0.1:8000 (Ctrl+C stops it)
	$(BIN)/psoas serve

# The suites need system packages too (Chromium, Xvfb, fonts, PostgreSQL): the script installs
# them when it may (root or passwordless sudo), else names the tests that cannot run and the one
# command that installs what they lack.
test:  ## The whole suite
	scripts/setup-system.sh
	$(MAKE) --no-print-directory $(STAMP)
	$(BIN)/python -m pytest

check: lint types layers test  ## Everything CI checks

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

types: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

schema: $(STAMP)  ## Regenerate the JSON Schemas kept in schemas/
	$(BIN)/psoas schema profile > schemas/profile.schema.json
	$(BIN)/psoas schema plan > schemas/plan.schema.json

figures: $(STAMP)  ## Redraw docs/figures/contact-sheet.png from the exercises' pose data
	work=$$(mktemp -d) && trap 'rm -rf "$$work"' EXIT && \
	$(BIN)/psoas exercises figures "$$work" --format png && \
	cp "$$work/contact-sheet.png" docs/figures/contact-sheet.png

screenshots: $(STAMP)  ## Retake docs/screenshots/ (main pages at 360×640 and 1366×900)
	$(BIN)/python scripts/screenshots.py

bench: $(STAMP)  ## Benchmarks; results go to docs/performance.md
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
