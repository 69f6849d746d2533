# Every target creates .venv and installs what it needs: a fresh clone needs
# nothing but Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench bench-deps fuzz clean test-postgres mutate test-spark \
	bench-spark spark-deps test-browser

DEMO_STAMP := $(VENV)/.demo-installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The test toolchain (pytest, mypy, ruff, duckdb, ...).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The demo needs the package and its two dependencies only.
$(DEMO_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(DEMO_STAMP)

demo: $(DEMO_STAMP)
	$(BIN)/agentlevels levels
	$(BIN)/agentlevels badges
	$(BIN)/agentlevels route
	@echo
	$(BIN)/agentlevels qa score --summary
	@echo
	@echo "The command is $(BIN)/agentlevels: try $(BIN)/agentlevels --help"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

test: lint typecheck unit

bench-deps: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'

bench: bench-deps
	$(BIN)/python -m benchmarks

# A deeper hypothesis run than CI's bounded profile.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=deep $(BIN)/pytest -x tests

# Mutation testing of the language core, levels, badges and routing (not part of
# `make test`): SAMPLE=N draws N mutants at random with SEED, JOBS runs that many
# at once. See docs/testing.md.
SAMPLE ?=
SEED ?= 0
JOBS ?= 1
BUDGET ?=
mutate: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutate]'
	nice -n 19 $(BIN)/python tools/mutate.py $(if $(SAMPLE),--sample $(SAMPLE)) $(if $(BUDGET),--budget $(BUDGET)) --seed $(SEED) --jobs $(JOBS)

# The SQL differential suite against a real PostgreSQL: installs the server
# from the system's packages when missing, starts a private one on loopback
# (as the postgres user when run as root), runs tests/test_sql_postgres.py
# and stops the server again.
PG_DIR ?= /tmp/agentlevels-postgres
PG_PORT ?= 54329
test-postgres: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,test-postgres]'
	@command -v pg_ctlcluster >/dev/null 2>&1 || (apt-get update && apt-get install -y postgresql)
	@set -e; pgbin=$$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); \
	as=""; if [ "$$(id -u)" = 0 ]; then as="runuser -u postgres --"; fi; \
	rm -rf $(PG_DIR); mkdir -p $(PG_DIR); if [ -n "$$as" ]; then chown postgres $(PG_DIR); fi; \
	$$as $$pgbin/initdb -D $(PG_DIR)/data -A trust -U postgres >/dev/null; \
	$$as $$pgbin/pg_ctl -D $(PG_DIR)/data -l $(PG_DIR)/server.log -w \
		-o "-p $(PG_PORT) -k $(PG_DIR) -c listen_addresses=127.0.0.1" start >/dev/null; \
	status=0; \
	AGENTLEVELS_TEST_POSTGRES="host=127.0.0.1 port=$(PG_PORT) user=postgres dbname=postgres" \
		$(BIN)/pytest -ra tests/test_sql_postgres.py || status=$$?; \
	$$as $$pgbin/pg_ctl -D $(PG_DIR)/data -m fast stop >/dev/null; \
	exit $$status

# The SQL differential suite on Apache Spark in local mode: installs pyspark (the
# test-spark extra) and, when no java is on PATH, OpenJDK from the system's
# packages; the tests start one local session on loopback for the whole run.
# In `make test` these tests are skipped, and `pytest -ra` prints why.
spark-deps: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,test-spark]'
	@command -v java >/dev/null 2>&1 || (apt-get update && apt-get install -y openjdk-17-jre-headless)

test-spark: spark-deps
	SPARK_LOCAL_IP=127.0.0.1 AGENTLEVELS_TEST_SPARK=1 $(BIN)/pytest -ra tests/test_sql_spark.py \
		tests/test_sql_spark_jobs.py

# The preset scheme over 1,000,000 synthetic agents in local Spark, DuckDB and Python.
bench-spark: spark-deps
	SPARK_LOCAL_IP=127.0.0.1 $(BIN)/python -m benchmarks.spark

# The playground page in a real browser: Chromium from the system's packages
# (installed when missing) driven by Playwright's Python package (the
# test-browser extra), pointed at that executable; Playwright's own browser
# download is never used. In `make test` these tests are skipped, with the
# reason printed, when either is absent.
CHROMIUM ?= /usr/bin/chromium
test-browser: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,test-browser]'
	@test -x $(CHROMIUM) || (apt-get update && apt-get install -y chromium)
	AGENTLEVELS_TEST_CHROMIUM=$(CHROMIUM) $(BIN)/pytest -ra tests/test_playground_browser.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis .mutate
