# The two commands in the README are the contract: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export INSTANCE_PATH ?= $(CURDIR)/instance

.PHONY: run serve worker test install translations catalogs browser-deps print-fonts govuk-frontend

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed catalogs print-fonts

# The booklet's Gurmukhi and Gujarati fonts have no wheel on PyPI: they come from Debian's
# fonts-noto-core (every other script's font is a wheel in pyproject.toml). Installed when we
# may; otherwise those scripts' booklet tests are skipped (CI requires them).
NOTO_CORE := /usr/share/fonts/truetype/noto/NotoSansGurmukhi-Regular.ttf
print-fonts:
	@test -e $(NOTO_CORE) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's fonts-noto-core for the booklet (Gurmukhi, Gujarati)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-core >/dev/null; \
	  else \
	    echo "note: run 'apt-get install fonts-noto-core' to print Gurmukhi and Gujarati"; \
	  fi; }

# Compiled catalogs are built here, never committed.
catalogs: $(VENV)/.installed
	@if ls translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(BIN)/pybabel compile --use-fuzzy -d translations >/dev/null; fi

translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k _l -o translations/messages.pot --no-location --sort-output .
	$(BIN)/python tools/message_places.py
	@if ls translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(BIN)/pybabel update --no-fuzzy-matching -i translations/messages.pot -d translations; fi
	$(MAKE) catalogs

# GOV.UK Frontend's precompiled CSS and JS, vendored into portal/static/govuk/ and committed, so
# neither `make run` nor CI needs npm. To move to another version: change the number, run
# `make govuk-frontend`, read the diff of portal/static/govuk/, and match govuk-frontend-jinja
# in pyproject.toml (its README names the GOV.UK Frontend version each release follows).
GOVUK_FRONTEND_VERSION := 6.3.0
govuk-frontend:
	@rm -rf build/govuk-frontend && mkdir -p build/govuk-frontend
	cd build/govuk-frontend && npm pack --silent govuk-frontend@$(GOVUK_FRONTEND_VERSION) >/dev/null
	$(PYTHON) tools/vendor_govuk_frontend.py build/govuk-frontend/govuk-frontend-$(GOVUK_FRONTEND_VERSION).tgz portal/static/govuk
	@cat portal/static/govuk/VERSION.txt

# One booklet worker beside the web server (booklets are made in the background, never by a web
# request); it stops with the server.
run: install
	$(BIN)/flask --app wsgi db upgrade
	DEMO_ACCOUNTS=1 $(BIN)/flask --app wsgi seed-demo --if-empty
	$(BIN)/flask --app worker booklet-worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEMO_ACCOUNTS=1 $(BIN)/flask --app wsgi run --host 127.0.0.1 --port 5000

# Production: migrations first, then gunicorn (gunicorn.conf.py; docs/deployment.md). No demo
# accounts. With several app servers, run `flask --app wsgi db upgrade` once, then start each.
serve: install
	$(BIN)/flask --app wsgi db upgrade
	$(BIN)/gunicorn --config gunicorn.conf.py

# Production's booklet worker (deploy/booklet-worker.service runs this on one or more servers).
worker: install
	$(BIN)/flask --app worker booklet-worker

test: install
	$(BIN)/python -m pytest
