# The two commands in the README are the contract: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export INSTANCE_PATH ?= $(CURDIR)/instance

.PHONY: run test install translations catalogs browser-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed catalogs

# Compiled catalogs are built here, never committed.
catalogs: $(VENV)/.installed
	@if ls translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(BIN)/pybabel compile --use-fuzzy -q -d translations; fi

translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k _l -o translations/messages.pot --no-location --sort-output .
	@if ls translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(BIN)/pybabel update -q -i translations/messages.pot -d translations; fi
	$(MAKE) catalogs

run: install
	$(BIN)/flask --app wsgi db upgrade
	DEMO_ACCOUNTS=1 $(BIN)/flask --app wsgi seed-demo --if-empty
	DEMO_ACCOUNTS=1 $(BIN)/flask --app wsgi run --host 127.0.0.1 --port 5000

test: install
	$(BIN)/python -m pytest
