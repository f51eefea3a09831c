# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export ARVOPOLKU_DEV ?= 1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup lint test-pg worker

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

setup: $(VENV)/.installed
	$(PY) manage.py compile_translations
	$(PY) manage.py migrate --noinput

run: setup
	$(PY) manage.py loaddemo
	@echo ""
	@echo "  Arvopolku is running at http://$(HOST):$(PORT)/"
	@echo "  Demo login: demo / demo"
	@if [ "$(HOST)" = "0.0.0.0" ]; then echo "  Phones on this network join at:"; $(PY) -c "import config.settings as s; print('\n'.join(f'    http://{h}:$(PORT)/join/' for h in s.lan_hosts() if h[0].isdigit()))"; fi
	@echo ""
	$(PY) manage.py db_worker & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

test: setup lint
	$(VENV)/bin/pytest -q -n auto $(PYTEST_ARGS)
