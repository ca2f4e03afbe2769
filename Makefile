# Avis de Quartiers — `make run` for the demo, `make test` for the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
export DJANGO_SETTINGS_MODULE ?= quartiers.config.settings.dev
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install migrate seed test test-postgres lint format messages clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installation des dépendances dans $(VENV)…"
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed

migrate: install
	@mkdir -p var
	@$(MANAGE) migrate --noinput -v 0

seed: migrate
	@$(MANAGE) seed_demo

# Starts the web server, the background worker and the periodic jobs
# (radio live status, classified ads, reminders, stuck media, upkeep)
# together; a worker that stops is started again; Ctrl+C stops them all.
# The demo logins are printed last, once the site answers.
# A second start skips the migrations and the demo already there (seconds).
run: install
	@mkdir -p var
	@echo "Avis de Quartiers : http://$(HOST):$(PORT)/  (administration : http://$(HOST):$(PORT)/admin/)" > var/demo-logins.txt
	@echo "Les emails (codes de connexion, vérifications) s'affichent ici, dans ce terminal." >> var/demo-logins.txt
	@$(MANAGE) run_services --demo --web $(HOST):$(PORT) --banner var/demo-logins.txt

# The suite always runs on the test settings, whatever the shell exports.
test: install
	@DJANGO_SETTINGS_MODULE=quartiers.config.settings.test $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install
	@DJANGO_SETTINGS_MODULE=quartiers.config.settings.test DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/quartiers} $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	@$(PY) -m ruff check .
	@$(PY) -m ruff format --check .
	@DJANGO_SETTINGS_MODULE=quartiers.config.settings.test $(PY) -m mypy

format: install
	@$(PY) -m ruff format .
	@$(PY) -m ruff check --fix .

messages: install
	@cd quartiers && ../$(MANAGE) makemessages -l en --no-obsolete --ignore 'static/*'
	@cd quartiers && ../$(MANAGE) compilemessages -l en

clean:
	rm -rf var/test-media .pytest_cache
