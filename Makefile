# ICTD developer commands. `make run` serves the demo on SQLite; `make test` runs the suite.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
ICTD := $(BIN)/ictd
HOST ?= 127.0.0.1
PORT ?= 8000
# parallel test workers (pytest-xdist); each has its own throw-away databases
TEST_WORKERS ?= 2

.PHONY: run test check lint typecheck imports install install-dev install-bench docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# setup.py builds the matcher's compiled kernel; a change to it rebuilds the install
$(VENV)/.installed: pyproject.toml setup.py ictd/matching/_kernel.c ictd/media/_mih.c | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml setup.py ictd/matching/_kernel.c ictd/media/_mih.c | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev
	@sh scripts/install-ffmpeg.sh >/dev/null 2>&1 || echo "note: no ffmpeg; video tests will fail"

## nomenklatura for `ictd eval --compare`; its PyICU build replaces pyicu-wheels' module.
install-bench: install-dev
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/pip install --quiet --force-reinstall --no-deps 'pyicu-wheels>=2.13,<3'

## Set everything up and serve the demo on ./ictd.db (or ICTD_DATABASE_URL). The demo users
## (kept in ./demo-credentials.txt) are printed last, right before the server's own lines.
run: export ICTD_HOST := $(HOST)
run: export ICTD_PORT := $(PORT)
run: install
	$(ICTD) init
	$(ICTD) demo --if-empty
	@$(ICTD) serve

## The whole suite, on SQLite and (when reachable) PostgreSQL; browser tests in Chromium.
test: install-dev
	@bash scripts/install-browser.sh >/dev/null 2>&1 || echo "note: no Chromium; browser tests will be skipped"
	$(BIN)/pytest -n $(TEST_WORKERS)

lint: install-dev
	$(BIN)/ruff check ictd tests
	$(BIN)/ruff format --check ictd tests

typecheck: install-dev
	$(BIN)/mypy ictd

imports: install-dev
	$(BIN)/lint-imports

docs: install-dev
	$(ICTD) docs --check

check: lint typecheck imports docs test

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
