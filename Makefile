# Every target creates .venv and installs what it needs: a fresh clone needs
# nothing but Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench bench-deps fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/agentlevels levels
	$(BIN)/agentlevels badges
	$(BIN)/agentlevels route

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

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

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis
