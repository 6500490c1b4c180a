# The two commands that matter: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Every link in e-mails and feeds is built from it (portal.public_url); `run` and `demo` give it
# (and so the server, the worker and load_demo) the address served.
PUBLIC_BASE_URL ?= http://$(HOST):$(PORT)
PYTEST_ARGS ?=

.PHONY: run install migrate demo test test-e2e test-all lint format messages bench ci clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(MANAGE) migrate --noinput

run demo: export PUBLIC_BASE_URL := $(PUBLIC_BASE_URL)

demo: migrate
	$(MANAGE) load_demo
	$(MANAGE) ensure_demo_users

## Set everything up and serve the demo site on http://127.0.0.1:8000 (SQLite by default).
## The task worker (e-mail, reminders) runs in the background and stops with the server; it does
## not reload on code changes (its reloader would outlive the kill), so restart after editing tasks.
run: demo
	@$(MANAGE) db_worker --backend scheduled --queue-name '*' --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

## The test suite (unit, integration, browser) on the database in DATABASE_URL (SQLite by default).
## loadgroup: the cluster tests (tests/cluster) share one cluster, so they run on one worker.
## --no-loadscope-reorder: groups keep their place in pytest-django's order (transactional tests,
## which empty the database, after the others); reordered, the largest groups would run first.
test: install
	$(PY) -m pytest -n 2 --dist loadgroup --no-loadscope-reorder $(PYTEST_ARGS)

test-e2e: install
	$(PY) -m pytest tests/e2e $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Regenerate the Russian catalogue after changing translatable strings (needs GNU gettext).
messages: install
	$(MANAGE) makemessages -l ru --no-obsolete -i ".venv/*" -i "benchmarks/*"
	$(MANAGE) compilemessages -l ru -i ".venv"

## Benchmarks (see benchmarks/README.md): SQLite, and PostgreSQL on 127.0.0.1:5432; needs wrk
## (and nginx for the two-node row).
## Options for run.py: make bench BENCH_ARGS="--database sqlite --postgres-prefix pcc_bench_"
bench: install
	@command -v wrk >/dev/null || { echo "make bench needs wrk (apt-get install wrk)"; exit 1; }
	$(PY) benchmarks/run.py $(BENCH_ARGS)
	$(PY) benchmarks/bench_voting.py
	$(PY) benchmarks/bench_cluster.py

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) db.sqlite3 media static_collected var
