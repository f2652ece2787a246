# Everything starts from a bare clone: the first target that needs a tool installs it. Python tools go into .venv
# (pinned in pyproject.toml), Node tools into node_modules (pinned in package-lock.json).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The other Pythons the package claims (pyproject's classifiers), each in its own venv; .venv uses $(PYTHON).
OTHER_PYTHONS ?= 3.12 3.13
PKG := pexip_engage_client
GENERATED := $(PKG)/_generated
# The generated layer, every file of it (scripts/generate/layer.py): one list of steps for generate,
# check-generated and vendor.
GENERATE_LAYER = $(BIN)/python -m scripts.generate.layer --spec openapi.yaml
# The sync twins, written from their async modules into the `_sync/` folder beside them.
ASYNC_TO_SYNC = $(BIN)/python -m scripts.generate.async_to_sync
# The generated layer's manifest (_generated/SOURCES.sha256): make check's quick staleness check.
GENERATED_MANIFEST = $(BIN)/python -m scripts.generate.manifest
COMMA := ,

.PHONY: docs docs-browser install generate generate-sync check-generated vendor spec-overlay api-diff lint format typecheck spec audit-spec test test-unit test-contract test-random \
	test-matrix test-other-pythons test-floors demo bench package clean check complexity feature-fields drift-fuzz mutation

# What the suite needs; `install` adds mypy's cache of the libraries, which `make test` fills beside the suite.
SUITE_NEEDS := $(VENV)/.installed $(VENV)/.docs-installed node_modules/.installed redis-server postgresql bytecode
install: $(SUITE_NEEDS) $(VENV)/.mypy-libraries

# Byte-compiled in place: an editable install is not compiled, and where PYTHONDONTWRITEBYTECODE is set
# every `pexip-engage` call would compile each module it loads again.
.PHONY: bytecode
bytecode: $(VENV)/.installed
	$(BIN)/python -m compileall -q $(PKG) pexip_engage_cli

# mypy's cache of the installed libraries the project imports: a first `make check` types the project's modules only.
$(VENV)/.mypy-libraries: $(VENV)/.installed
	$(BIN)/python -m scripts.checks.mypy_libraries
	touch $@

# The tests start real redis-server and PostgreSQL servers: Debian's packages, installed when missing and
# apt-get can (as root). Debian keeps PostgreSQL's binaries in `pg_config --bindir`, where the tests look too.
.PHONY: redis-server
redis-server:
	@command -v redis-server >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "install: redis-server is missing; installing Debian's redis-server package"; \
			apt-get install -y -q redis-server >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q redis-server >/dev/null; }; \
		else \
			echo "install: the tests need redis-server on PATH: install it (e.g. sudo apt-get install redis-server, brew install redis) and run make again" >&2; exit 1; \
		fi; \
	}

.PHONY: postgresql
postgresql:
	@command -v initdb >/dev/null 2>&1 || { command -v pg_config >/dev/null 2>&1 && test -x "$$(pg_config --bindir)/initdb"; } || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "install: PostgreSQL is missing; installing Debian's postgresql package"; \
			apt-get install -y -q postgresql >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }; \
		else \
			echo "install: the tests need PostgreSQL (initdb, postgres): install it (e.g. sudo apt-get install postgresql, brew install postgresql) and run make again" >&2; exit 1; \
		fi; \
	}

$(VENV)/.created:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	touch $@

# uv installs the rest, here and in the other venvs, in a quarter of pip's time; a venv made before it gets it too.
$(BIN)/uv: $(VENV)/.created
	$(BIN)/python -m pip install --quiet 'uv==0.13.9'
# `$(INSTALL_INTO) <a venv's python> <what>`: byte-compiled, as pip would (editable installs aside).
INSTALL_INTO = $(BIN)/uv pip install --quiet --compile-bytecode --python

# Development: the package with its extras, and the pinned tools of the `dev` group.
$(VENV)/.installed: pyproject.toml $(BIN)/uv
	$(INSTALL_INTO) $(BIN)/python -e '.[testing]' --group dev
	@# arq for tests/webhooks/test_forward.py, without its dependencies (it declares redis<6; the tests pin 8)
	$(INSTALL_INTO) $(BIN)/python --no-deps arq==0.28.0
	touch $@

# The demo: the package and the fake API (the `testing` extra), nothing of the development toolchain.
$(VENV)/.demo-installed: pyproject.toml $(BIN)/uv
	$(INSTALL_INTO) $(BIN)/python -e '.[testing]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## generate: rewrite pexip_engage_client/_generated/ and api.md from openapi.yaml (and nothing else)
generate: $(VENV)/.installed
	$(GENERATE_LAYER) --output $(GENERATED)
	$(ASYNC_TO_SYNC)
	$(ASYNC_TO_SYNC) --tests
	$(BIN)/python -m scripts.generate.api_surface markdown --generated $(GENERATED) --output api.md
	$(BIN)/python -m scripts.generate.error_code_page

## generate-sync: rewrite the sync twins and the facade's tests converted for them from the async source
generate-sync: $(VENV)/.installed
	$(ASYNC_TO_SYNC) --generated $(GENERATED)
	$(ASYNC_TO_SYNC)
	$(ASYNC_TO_SYNC) --tests

## check-generated: fail when the committed generated code or api.md and openapi.yaml disagree
check-generated: $(VENV)/.installed
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(GENERATE_LAYER) --output "$$tmp/_generated" --runtime $(PKG)/_runtime >/dev/null && \
	$(ASYNC_TO_SYNC) --check && \
	$(ASYNC_TO_SYNC) --tests --check && \
	$(BIN)/python -m scripts.generate.api_surface markdown --generated "$$tmp/_generated" --output "$$tmp/api.md" && \
	if diff -r -x __pycache__ "$$tmp/_generated" $(GENERATED) && diff "$$tmp/api.md" api.md; then \
		echo "check-generated: $(GENERATED) and api.md match openapi.yaml"; \
	else \
		echo "check-generated: $(GENERATED) or api.md is stale; run 'make generate' and commit the result" >&2; exit 1; \
	fi

## vendor: copy the package into another project, or regenerate a copy from SPEC (docs/vendoring.md)
vendor: $(VENV)/.installed
	@test -n "$(TARGET)" -a -n "$(SPEC)" || { echo "usage: make vendor TARGET=<the vendored package's folder> SPEC=<openapi.yaml> [UPDATE=1] [PARTS=client,testing,webhooks,provisioning] [TOP_LEVEL=1]" >&2; exit 2; }
	$(BIN)/python -m scripts.generate.vendor "$(TARGET)" --spec "$(SPEC)" $(if $(UPDATE),--update) $(if $(PARTS),--parts "$(PARTS)") $(if $(TOP_LEVEL),--top-level)

## spec-overlay: apply an OpenAPI Overlay (OVERLAY=file) to openapi.yaml, whole or not at all (docs/spec-drift.md)
spec-overlay: $(VENV)/.installed
	@test -n "$(OVERLAY)" || { echo "usage: make spec-overlay OVERLAY=<overlay.yaml or .json>" >&2; exit 2; }
	$(BIN)/python -m scripts.generate.spec_overlay "$(OVERLAY)" --spec openapi.yaml

## feature-fields: record docs/feature-fields.yaml, the fields of answers each feature reads, from a run of TESTS
feature-fields: $(VENV)/.installed
	PYTHONPATH=$(CURDIR) $(BIN)/python -m scripts.generate.feature_fields $(TESTS)

## drift-fuzz: every field a feature reads planted absent, null and of another type (tests/support/drift.py)
drift-fuzz: $(VENV)/.installed
	PYTHONPATH=$(CURDIR) $(BIN)/python -m tests.support.drift $(if $(SAMPLE),--sample $(SAMPLE))

## api-diff: how the Python API changed since BASE (a git ref); exits 1 on a change that breaks callers
api-diff: $(VENV)/.installed
	@test -n "$(BASE)" || { echo "usage: make api-diff BASE=<git ref> [FORMAT=markdown]" >&2; exit 2; }
	@$(BIN)/python -m scripts.checks.api_diff "$(BASE)" $(if $(FORMAT),--format "$(FORMAT)")

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## check: the quick loop: lint, types, the sync twins, the generated layer's manifest, and every test that starts no
## program, a parametrized one by its first and last case (`pytest --quick`, tests/support/quick.py)
# Six pytest processes, each collecting only its own files (pytest-xdist's workers would each collect the whole
# suite), so that while some wait on the clock (timeouts, pacing) the others run: each group about a sixth of the
# quick tests' processor time and waits, the last every file the others leave, so none is missed. tests/client/_sync is
# left to `make test` (the twin checks prove it). Each group's temporary files are its own.
CHECK_GROUPS := tests/client/test_[a-l]*,tests/processes,tests/observability,tests/docs,tests/leasing,tests/times,tests/limits \
	tests/client/test_[m-z]*,tests/sync,tests/drift tests/cli,tests/tooling tests/provisioning,tests/senders,tests/mirror \
	tests/mcp,tests/fake
CHECK_PYTEST = PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -q -x -p no:cacheprovider -p no:schemathesis -p no:anyio \
	--quick --ignore=tests/client/_sync
CHECK_STARTED := $(shell date +%s.%N)
check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@out=$$(mktemp -d) && trap 'rm -rf "$$out"' EXIT && \
	{ { $(ASYNC_TO_SYNC) --check && $(ASYNC_TO_SYNC) --tests --check && \
	    $(ASYNC_TO_SYNC) --generated $(GENERATED) --check && $(GENERATED_MANIFEST) --check; } > "$$out/twins" 2>&1 & } && \
	jobs=$$! && { $(BIN)/mypy > "$$out/mypy" 2>&1 & } && jobs="$$jobs $$!" && \
	for group in $(CHECK_GROUPS); do \
	    name=tests-$$(echo $$group | tr '/,[]*' '-+___'); \
	    { $(CHECK_PYTEST) --basetemp="$$out/.$$(echo $$name | tr + -)" $$(echo $$group | tr , ' ') > "$$out/$$name" 2>&1 & } && \
	    jobs="$$jobs $$!"; \
	done; \
	$(CHECK_PYTEST) --basetemp="$$out/.tests-rest" tests $(addprefix --ignore-glob=,$(subst $(COMMA), ,$(CHECK_GROUPS))) \
	    > "$$out/tests-rest" 2>&1; \
	failed=$$?; for job in $$jobs; do wait $$job || failed=1; done; \
	for log in "$$out"/*; do echo "$${log#$$out/}:"; cat "$$log"; done; \
	awk "BEGIN { printf \"check: %.1f s\n\", $$(date +%s.%N) - $(CHECK_STARTED) }"; \
	test $$failed = 0

## complexity: the mean cyclomatic complexity of the hand-written code (radon) and its 15 most complex blocks
complexity: $(VENV)/.installed
	$(BIN)/python -m scripts.checks.complexity --worst 15

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## typecheck: mypy --strict, and every public name fully typed for users' type checkers (pyright)
typecheck: $(VENV)/.installed $(VENV)/.docs-installed $(VENV)/.mypy-libraries
	$(BIN)/mypy
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pyright --verifytypes $(PKG) --ignoreexternal

## spec: openapi.yaml must be valid OpenAPI 3.1 for both validators
spec: install
	$(BIN)/openapi-spec-validator openapi.yaml
	node_modules/.bin/redocly lint openapi.yaml --format=stylish

## audit-spec: check openapi.yaml against the copied documentation pages (skipped when they are absent)
DOCS ?= $(or $(PEXIP_ENGAGE_DOCS),../shared)
audit-spec: $(VENV)/.installed
	@if [ -d "$(DOCS)/api-reference/pages" ]; then \
		$(BIN)/python -m scripts.checks.audit_spec --docs "$(DOCS)"; \
	else \
		echo "audit-spec: skipped: no documentation pages at $(DOCS)/api-reference/pages (set DOCS=... or PEXIP_ENGAGE_DOCS)"; \
	fi

test-unit: $(VENV)/.installed
	$(BIN)/pytest -m "not contract and not soak"

test-contract: install
	$(BIN)/pytest -m contract

## test-random: the property tests with newly drawn examples (make test draws the same ones every run)
test-random: $(VENV)/.installed
	HYPOTHESIS_PROFILE=random $(BIN)/pytest -m "not contract and not schemathesis" tests/fake/test_fake_spec.py \
		tests/client/test_forward_compat.py tests/client/test_runtime.py tests/client/test_fast_decode.py

## test: before you push, from a bare clone: lint, types, the generated code and spec checks, and the main Python's
## whole suite but the soak tests; `make test-matrix` and `make soak` run the rest of what CI checks (`.ci/run`)
# One and a half pytest-xdist workers per core (its tests often wait on servers and programs); `WORKERS=0` runs it in
# one process. `worksteal`: an idle worker takes half of a busy one's queue, where `load` fixes each one's first part.
WORKERS ?= $(shell echo $$(( $$(nproc) * 3 / 2 )))
PYTEST_PARALLEL = PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n $(WORKERS)
# The converted tests of what is the same computation in both clients (free/busy, teams, decoding, forward
# compatibility, webhook parsing) run async only: the twin checks prove their sync code is the conversion.
TWINS_LEFT_OUT := $(addprefix tests/client/_sync/,test_team.py test_free_busy.py test_fast_decode.py \
	test_forward_compat.py test_webhooks.py)
INSTALLED := $(addprefix -o ,$(VENV)/.installed $(VENV)/.docs-installed node_modules/.installed)
# Named, not `$(MAKE)` in the recipe's line, which make would run even under `make -n`.
CHECKS_MAKE = $(MAKE)
test: redis-server postgresql docs-browser
	@# Debian's packages first, one apt-get at a time; then the Python and the Node tools side by side.
	@$(CHECKS_MAKE) --no-print-directory -j3 $(SUITE_NEEDS)
	@# The one-tool checks run beside the suite at a lower priority: they take the cores while its tests wait.
	@checks=$$(mktemp) && trap 'rm -f "$$checks"' EXIT && \
	{ nice -n 10 $(CHECKS_MAKE) --no-print-directory -j2 --output-sync=target $(INSTALLED) \
	    lint typecheck check-generated spec audit-spec > "$$checks" 2>&1 & } && checks_pid=$$! && \
	$(PYTEST_PARALLEL) --dist worksteal -p no:cacheprovider --durations=20 -m "not soak" $(addprefix --ignore=,$(TWINS_LEFT_OUT)); suite=$$?; \
	wait $$checks_pid; checks_ok=$$?; echo "the checks beside the suite (lint, typecheck, check-generated, spec, audit-spec):"; \
	cat "$$checks"; test $$checks_ok = 0 || echo "make test: the checks above failed" >&2; \
	test $$suite = 0 && test $$checks_ok = 0

## soak: the tests that run for minutes (broker outages, a paced apply, long randomized runs, big inputs at full
## size, a whole check or a regeneration of the layer in a copy); CI runs it after `make test`
.PHONY: soak
soak: install
	$(PYTEST_PARALLEL) --dist loadfile -p no:cacheprovider --durations=0 -m soak

## test-matrix: the suite on each of OTHER_PYTHONS and at the dependency floors, as CI runs it
test-matrix: install
	$(MAKE) --no-print-directory $(INSTALLED) test-other-pythons
	$(MAKE) --no-print-directory $(INSTALLED) test-floors

## test-other-pythons: the suite on each of OTHER_PYTHONS, but the tests that are slow or run on the main Python only
test-other-pythons: $(BIN)/uv node_modules/.installed redis-server postgresql
	@for version in $(OTHER_PYTHONS); do \
		interpreter=$$(scripts/checks/find_python.sh $$version) || exit 1; \
		venv=.venv-$$version; \
		if [ ! -f $$venv/.installed ] || [ pyproject.toml -nt $$venv/.installed ]; then \
			echo "test-other-pythons: setting up $$venv with $$interpreter"; \
			{ test -x $$venv/bin/python || "$$interpreter" -m venv $$venv; } && \
			$(INSTALL_INTO) $$venv/bin/python -e '.[testing]' --group test --group generate && \
			touch $$venv/.installed || exit 1; \
		fi; \
		echo "test-other-pythons: Python $$version"; \
		PYTHONDONTWRITEBYTECODE= $$venv/bin/python -m pytest -q -p no:cacheprovider -n $(WORKERS) \
			-m "not contract and not schemathesis and not main_python_only and not slow and not soak" || exit 1; \
	done

# The floors: each dependency at the lowest version pyproject.toml allows (scripts/checks/floors.py), for the suites of
# what those dependencies carry; tests/observability and the FastAPI mount need a newer opentelemetry-api.
FLOORS_VENV := .venv-floors
FLOORS_SUITES := tests/client tests/sync tests/senders tests/fake tests/webhooks tests/mirror

## test-floors: the client's suites with every dependency at its declared lower bound
test-floors: $(VENV)/.installed redis-server postgresql
	@if [ ! -f $(FLOORS_VENV)/.installed ] || [ pyproject.toml -nt $(FLOORS_VENV)/.installed ]; then \
		echo "test-floors: setting up $(FLOORS_VENV)"; \
		rm -rf $(FLOORS_VENV) && $(PYTHON) -m venv $(FLOORS_VENV) && \
		$(BIN)/python -m scripts.checks.floors > $(FLOORS_VENV)/floors.txt && \
		$(INSTALL_INTO) $(FLOORS_VENV)/bin/python -e . -r $(FLOORS_VENV)/floors.txt && \
		touch $(FLOORS_VENV)/.installed || exit 1; \
	fi
	@echo "test-floors: $$(tr '\n' ' ' < $(FLOORS_VENV)/floors.txt | cut -c1-200)"
	PYTHONDONTWRITEBYTECODE= $(FLOORS_VENV)/bin/python -m pytest -q -p no:cacheprovider -n $(WORKERS) \
		-m "not contract and not schemathesis and not main_python_only and not soak" $(FLOORS_SUITES) \
		--ignore=tests/webhooks/test_mount.py

## demo: the README's quick start, against the embedded fake API (no network, no credentials)
demo: $(VENV)/.demo-installed
	$(BIN)/python examples/quickstart.py

# Every timestamp in the archives is the last commit's: a build is a function of the commit (docs/releasing.md).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

## package: build the sdist and wheel twice, fail unless byte-identical, and check their metadata and SBOM
package: $(VENV)/.installed
	@test -n "$(SOURCE_DATE_EPOCH)" || { echo "package: no git commit to date the build by; set SOURCE_DATE_EPOCH" >&2; exit 1; }
	$(BIN)/python -m scripts.generate.sbom --check
	rm -rf dist
	@again=$$(mktemp -d) && trap 'rm -rf "$$again"' EXIT && \
	SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) $(BIN)/python -m build --no-isolation --outdir dist . >/dev/null && \
	SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) $(BIN)/python -m build --no-isolation --outdir "$$again" . >/dev/null && \
	cd dist && sha256sum * && \
	if sha256sum * | (cd "$$again" && sha256sum --check --quiet); then \
		echo "package: two builds are byte-identical (SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH))"; \
	else \
		echo "package: the second build differs from the first: the build is not reproducible" >&2; exit 1; \
	fi
	$(BIN)/python -m twine check --strict dist/*

$(VENV)/.bench-installed: pyproject.toml $(VENV)/.installed
	$(INSTALL_INTO) $(BIN)/python -e '.[testing]' --group bench
	touch $@

# Import time is measured in a venv with the package alone, as a user's install is.
FOOTPRINT_VENV := .venv-footprint
$(FOOTPRINT_VENV)/.installed: pyproject.toml $(BIN)/uv $(shell find $(PKG) -name '*.py')
	rm -rf $(FOOTPRINT_VENV)
	$(PYTHON) -m venv $(FOOTPRINT_VENV)
	$(INSTALL_INTO) $(FOOTPRINT_VENV)/bin/python '.'
	touch $@

# One run's results, what it printed, and the charts and table drawn from them: commit the three together.
BENCH_RESULTS := docs/benchmarks/results.json
BENCH_OUTPUT := docs/benchmarks/bench-output.txt

## bench: benchmarks, printing ratios measured in one run, into docs/benchmarks/ (see docs/benchmarks.md)
bench: $(VENV)/.bench-installed $(FOOTPRINT_VENV)/.installed
	mkdir -p $(dir $(BENCH_RESULTS))
	rm -f $(BENCH_RESULTS)
	PYTHONUNBUFFERED=1 bash -o pipefail -c '{ \
		$(BIN)/python -m bench.calls --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.sync --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.parsing --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.footprint --import-python $(FOOTPRINT_VENV)/bin/python --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.pagination --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.team --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.availability --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.tracing --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.provisioning --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.cli --python $(FOOTPRINT_VENV)/bin/python --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.webhooks --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.webhooks_wsgi --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.webhooks_worker --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.webhooks_forward --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.mirror --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.warehouse --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.limits --results $(BENCH_RESULTS) && \
		$(BIN)/python -m bench.limits permit --results $(BENCH_RESULTS); \
	} 2>&1 | tee $(BENCH_OUTPUT)'
	$(BIN)/python -m scripts.generate.bench_charts --results $(BENCH_RESULTS) --page docs/benchmarks.md

$(VENV)/.mutation-installed: pyproject.toml $(VENV)/.installed
	$(INSTALL_INTO) $(BIN)/python --group mutation
	touch $@

## mutation: mutmut over the modules that hold a promise, scored into docs/mutation.md (hours: a weekly workflow)
mutation: $(VENV)/.mutation-installed redis-server postgresql
	$(BIN)/python -m scripts.checks.mutation $(foreach word,$(ONLY),--only $(word))

$(VENV)/.docs-installed: pyproject.toml $(VENV)/.installed
	$(INSTALL_INTO) $(BIN)/python --group docs
	touch $@

## docs: the documentation site, built strictly (a warning or a broken link or anchor fails) into site/
docs: $(VENV)/.docs-installed
	$(BIN)/python -m scripts.generate.docs_pages
	$(BIN)/python -m scripts.generate.docs_code
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

## docs-browser: Debian's chromium for tests/docs/test_browser.py, installed when missing and possible
docs-browser:
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get install -y --no-install-recommends chromium || { apt-get update && apt-get install -y --no-install-recommends chromium; }; \
		else \
			echo "docs-browser: install Chromium (Debian: sudo apt-get install chromium) for the browser check of the docs" >&2; exit 1; \
		fi; }

clean:
	rm -rf site site-screenshots docs/operations $(VENV) $(foreach version,$(OTHER_PYTHONS),.venv-$(version)) $(FLOORS_VENV) $(FOOTPRINT_VENV) node_modules dist .pytest_cache .mypy_cache .ruff_cache
