# Two commands on a fresh machine: `make run` and `make test`.
# Every target installs what it needs first; installs are skipped when the
# pinned files have not changed since the last install.

PYTHON ?= python3.11
ifeq (, $(shell command -v $(PYTHON) 2>/dev/null))
PYTHON := python3
endif

VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# checkov and pycep-parser pin packages that clash with the app's: their own venv.
INFRA_VENV := .venv-infra
INFRA_STAMP := $(INFRA_VENV)/.installed

# Debian packages for OCR of scanned supplier documents: Tesseract with Norwegian data and
# poppler's pdftoppm. Installed once (as root, or with sudo) when missing.
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-nor poppler-utils

.PHONY: setup system run test unit texts lint typecheck pytest infra-check manifest bench clean

$(PY_STAMP): requirements.txt requirements-dev.txt
	@echo "Installing the pinned Python packages into $(VENV) (a few minutes the first time)..."
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off -r requirements-dev.txt
	@echo "Python packages installed."
	touch $@

$(INFRA_STAMP): requirements-infra.txt
	test -x $(INFRA_VENV)/bin/python || $(PYTHON) -m venv $(INFRA_VENV)
	$(INFRA_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-infra.txt
	touch $@

$(NODE_STAMP): package.json package-lock.json
	@echo "Installing the Teams Playground and Azurite from npm (pinned in package-lock.json)..."
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

system:
	@if command -v tesseract >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 \
	    && tesseract --list-langs 2>/dev/null | grep -qx nor; then :; else \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive \
	    $$SUDO apt-get install -y -q --no-install-recommends $(SYSTEM_PACKAGES); fi

setup: system $(PY_STAMP) $(NODE_STAMP)

## Start the bot on its embedded defaults and the Teams Playground pointed at it.
run: setup
	$(BIN)/python -m bot.devloop

## Bring the message catalogues in step with the code (docs/languages.md), then compile them.
texts: $(PY_STAMP)
	$(BIN)/python -m skills.locale.build

## Lint, types, the offline infra check and every test.
test: setup lint typecheck infra-check pytest

## The quick tier while working: lint, types and the tests that start no process.
unit: $(PY_STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -m "not integration" -n 2

lint: $(PY_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(PY_STAMP)
	$(BIN)/mypy

# tests/infra runs the infra checker, so pytest needs .venv-infra too.
pytest: setup $(INFRA_STAMP)
	$(BIN)/python -m pytest

## Parse every Bicep file and run checkov over infra/, offline.
infra-check: $(INFRA_STAMP)
	$(INFRA_VENV)/bin/python infra/check.py

## Build the Teams app package (build/appPackage.zip), validated against the official schema.
manifest: setup
	$(BIN)/python -m manifest

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(INFRA_VENV) node_modules build .mypy_cache .ruff_cache .pytest_cache
