# The README's two commands: `make demo` and `make test`.
# Both work on a fresh Debian machine as root: they install what is missing first.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit system-deps clean

$(STAMP): pyproject.toml scripts/bootstrap.sh
	bash scripts/bootstrap.sh $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

## demo: create .venv, install, run the main job on the embedded default and print what it found
demo: $(STAMP)
	$(VENV)/bin/medaid demo --out demo-output

## test: install what the tests need, then lint, type-check and run the whole suite
test: $(STAMP) system-deps lint typecheck unit

system-deps:
	bash scripts/system-deps.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests

typecheck: $(STAMP)
	$(VENV)/bin/mypy

unit: $(STAMP)
	$(VENV)/bin/pytest -q

clean:
	rm -rf $(VENV) demo-output .pytest_cache .mypy_cache .ruff_cache
