# Two commands on a fresh machine: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast test-faults lint format bench clean

# The pure and unit tests (domain rules, parsers, name resolution): no database, seconds.
FAST_TESTS := tests/identity tests/changes tests/sources tests/test_clock_rule.py

# The fault cases alone (README "Reliability"); `make test` runs them too.
FAULT_TESTS := tests/test_clock_rule.py tests/faults tests/fetch tests/refresh \
	tests/sources/test_bad_input.py tests/sources/test_properties.py \
	tests/ingest/test_hostile_files.py tests/commands/test_console_properties.py \
	tests/commands/test_limits.py tests/commands/test_moderation.py \
	tests/queries/test_reads_never_write.py tests/subscriptions \
	tests/e2e/test_alerts.py tests/e2e/test_discord_faults.py tests/e2e/test_cooldowns.py \
	tests/e2e/test_run_with_token.py tests/e2e/test_rank.py tests/e2e/test_fake_discord.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/podium

test: $(STAMP)
	$(BIN)/pytest -q $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/pytest -q $(FAST_TESTS) $(PYTEST_ARGS)

test-faults: $(STAMP)
	$(BIN)/pytest -q $(FAULT_TESTS) $(wildcard tests/e2e/test_scaleout.py) $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
