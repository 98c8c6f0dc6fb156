# The README's two commands: `make demo` and `make test`.
# Both work on a fresh Debian machine as root: they install what is missing first.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit system-deps runtime-deps clean

$(STAMP): pyproject.toml scripts/bootstrap.sh
	bash scripts/bootstrap.sh $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

## demo: create .venv, install, run the main job on the embedded default and print what it found
demo: $(STAMP) runtime-deps
	$(VENV)/bin/medaid demo --out demo-output

## test: install what the tests need, then lint, type-check and run the whole suite
test: $(STAMP) system-deps lint typecheck unit

system-deps:
	bash scripts/system-deps.sh test

runtime-deps:
	bash scripts/system-deps.sh runtime

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/ruff format --check src tests benchmarks scripts
	$(VENV)/bin/lint-imports --no-cache

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# The app-state tests run on a throwaway PostgreSQL server when the machine has one.
unit: $(STAMP)
	@url=$$(bash scripts/pg-test-server.sh start 2>/dev/null || true); \
	echo "PostgreSQL for tests: $${url:-none}"; \
	MEDAID_TEST_PG_URL="$$url" $(VENV)/bin/pytest -q; status=$$?; \
	bash scripts/pg-test-server.sh stop >/dev/null 2>&1 || true; \
	exit $$status

clean:
	rm -rf $(VENV) demo-output .pytest_cache .mypy_cache .ruff_cache
