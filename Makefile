# Everything starts from a bare clone: the first target that needs a tool installs it.
# Python tools go into .venv (pinned in pyproject.toml), Node tools into node_modules
# (pinned in package-lock.json).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PKG := pexip_engage_client
GENERATED := $(PKG)/_generated
GENERATE = PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/openapi-python-client generate \
	--path openapi.yaml --config generator-config.yaml --custom-template-path templates \
	--meta none --overwrite
# The spec travels with the package (the fake API validates against it at run time), as JSON so that
# reading it needs no YAML parser; check-generated compares this copy like any generated file.
COPY_SPEC = $(BIN)/python -c 'import json, sys, yaml; \
	json.dump(yaml.safe_load(open("openapi.yaml")), open(sys.argv[1], "w"), indent=1, ensure_ascii=False)'

.PHONY: install generate check-generated lint format typecheck spec test test-unit test-contract demo bench clean

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,testing]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## generate: rewrite pexip_engage_client/_generated/ from openapi.yaml (and nothing else)
generate: $(VENV)/.installed
	rm -rf $(GENERATED)
	$(GENERATE) --output-path $(GENERATED)
	$(COPY_SPEC) $(GENERATED)/openapi.json

## check-generated: fail when the committed generated code and openapi.yaml disagree
check-generated: $(VENV)/.installed
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(GENERATE) --output-path "$$tmp/_generated" >/dev/null && \
	$(COPY_SPEC) "$$tmp/_generated/openapi.json" && \
	if diff -r -x __pycache__ "$$tmp/_generated" $(GENERATED); then \
		echo "check-generated: $(GENERATED) matches openapi.yaml"; \
	else \
		echo "check-generated: $(GENERATED) is stale; run 'make generate' and commit the result" >&2; exit 1; \
	fi

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: $(VENV)/.installed
	$(BIN)/mypy

## spec: openapi.yaml must be valid OpenAPI 3.1 for both validators
spec: install
	$(BIN)/openapi-spec-validator openapi.yaml
	node_modules/.bin/redocly lint openapi.yaml --format=stylish

test-unit: $(VENV)/.installed
	$(BIN)/pytest -m "not contract"

test-contract: install
	$(BIN)/pytest -m contract

## test: everything CI checks, from a bare clone
test: install lint typecheck check-generated spec
	$(BIN)/pytest

## demo: the README's quick start, against the embedded fake API (no network, no credentials)
demo: $(VENV)/.installed
	$(BIN)/python examples/quickstart.py

$(VENV)/.bench-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev,testing,bench]'
	touch $@

## bench: benchmarks, printing ratios measured in one run (see README)
bench: $(VENV)/.bench-installed
	$(BIN)/python -m bench.calls
	$(BIN)/python -m bench.parsing
	$(BIN)/python -m bench.footprint
	$(BIN)/python -m bench.pagination

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
