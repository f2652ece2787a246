# Everything starts from a bare clone: the first target that needs a tool installs it.
# Python tools go into .venv (pinned in pyproject.toml), Node tools into node_modules
# (pinned in package-lock.json).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The other Pythons the package claims (pyproject's classifiers): `make test` runs the unit and
# loopback suite on each, in its own venv (.venv-3.12, ...). .venv itself uses $(PYTHON) (3.11).
OTHER_PYTHONS ?= 3.12 3.13
PKG := pexip_engage_client
GENERATED := $(PKG)/_generated
# The generated layer, every file of it (scripts/generate/layer.py runs each step in order: the generator
# with generator-config.yaml and templates/, the typed parsers of the decode fast path (msgspec), the resource modules'
# sync twins, the spec as JSON for the fake, the command line's table, the page sizes). One list of steps
# for `make generate`, `make check-generated` and `make vendor`.
GENERATE_LAYER = $(BIN)/python -m scripts.generate.layer --spec openapi.yaml
# SyncPexipEngage, written from the async modules (scripts/generate/async_to_sync.py): the facade's twins in
# each package's _sync/ folder (pexip_engage_client/_sync/, _runtime/_sync/), and with --generated DIR each generated
# resource module's twin (in `_generated/api/_sync/`).
ASYNC_TO_SYNC = $(BIN)/python -m scripts.generate.async_to_sync

.PHONY: docs docs-browser install generate generate-sync check-generated vendor spec-overlay api-diff lint format typecheck spec audit-spec test test-unit test-contract test-random \
	test-matrix test-other-pythons test-floors demo bench package clean check complexity feature-fields drift-fuzz mutation

install: $(VENV)/.installed $(VENV)/.docs-installed node_modules/.installed redis-server postgresql bytecode

# The package's modules byte-compiled in place (quick when nothing changed). An editable install is
# not compiled by pip, and where PYTHONDONTWRITEBYTECODE is set (CI images and sandboxes often set
# it) Python never writes the files itself: every `pexip-engage` call would then compile each
# module it loads again, more than doubling its start-up.
.PHONY: bytecode
bytecode: $(VENV)/.installed
	$(BIN)/python -m compileall -q $(PKG) pexip_engage_cli

# The webhook receiver's Redis store is tested against a real redis-server, which the tests start
# themselves: Debian's package, installed here when it is missing and apt-get can (as root).
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

# The PostgreSQL backend is tested against a real server, which the tests start themselves (initdb in a
# temporary folder): Debian's package, installed here when initdb is missing and apt-get can (as root).
# Debian keeps the binaries out of PATH, in `pg_config --bindir`, where the tests look too.
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

# The venv itself, with a pip that knows dependency groups (PEP 735, pip >= 25.1).
$(VENV)/.created:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade 'pip>=25.1'
	touch $@

# Development: the package with its extras, and the pinned tools of the `dev` group.
$(VENV)/.installed: pyproject.toml $(VENV)/.created
	$(BIN)/python -m pip install --quiet -e '.[testing]' --group dev
	# arq for tests/webhooks/test_forward.py, without its dependencies: arq 0.28 declares redis<6,
	# which the pinned redis 8 of the test group does not meet; the test runs a real arq worker on it.
	$(BIN)/python -m pip install --quiet --no-deps arq==0.28.0
	touch $@

# The demo: the package and what the quick start needs (the fake API, so the `testing` extra),
# nothing of the development toolchain.
$(VENV)/.demo-installed: pyproject.toml $(VENV)/.created
	$(BIN)/python -m pip install --quiet -e '.[testing]'
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

## generate-sync: rewrite SyncPexipEngage from the async source (the facade, the runtime's paging, the
## resources) and the facade's tests converted for it (tests/client/_sync/)
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

## vendor: copy the package into another project (TARGET: the folder it is to be, under any package name),
## or regenerate a copy there from SPEC (its generated layer, every file of it); PARTS=client leaves out
## the fake, the webhook receiver and provisioning (any of them may be named back); see docs/vendoring.md
vendor: $(VENV)/.installed
	@test -n "$(TARGET)" -a -n "$(SPEC)" || { echo "usage: make vendor TARGET=<the vendored package's folder> SPEC=<openapi.yaml> [UPDATE=1] [PARTS=client,testing,webhooks,provisioning] [TOP_LEVEL=1]" >&2; exit 2; }
	$(BIN)/python -m scripts.generate.vendor "$(TARGET)" --spec "$(SPEC)" $(if $(UPDATE),--update) $(if $(PARTS),--parts "$(PARTS)") $(if $(TOP_LEVEL),--top-level)

## spec-overlay: apply an OpenAPI Overlay (OVERLAY: a YAML or JSON file, as `pexip-engage spec check --overlay`
## writes) to openapi.yaml, written whole only when every action applied; then `make generate` (docs/spec-drift.md)
spec-overlay: $(VENV)/.installed
	@test -n "$(OVERLAY)" || { echo "usage: make spec-overlay OVERLAY=<overlay.yaml or .json>" >&2; exit 2; }
	$(BIN)/python -m scripts.generate.spec_overlay "$(OVERLAY)" --spec openapi.yaml

## feature-fields: docs/feature-fields.yaml, the fields of answers each feature reads, recorded from a run of
## the suite (TESTS=<pytest arguments>: what those tests read, added to the list); a test fails when one is missing
feature-fields: $(VENV)/.installed
	PYTHONPATH=$(CURDIR) $(BIN)/python -m scripts.generate.feature_fields $(TESTS)

## drift-fuzz: the drift fuzzer's counts (pairs, works, refused, wrong) and each wrong pair: every field a feature
## reads planted absent, null and of another type (tests/support/drift.py; SAMPLE=N for the fixed sample of `make check`)
drift-fuzz: $(VENV)/.installed
	PYTHONPATH=$(CURDIR) $(BIN)/python -m tests.support.drift $(if $(SAMPLE),--sample $(SAMPLE))

## api-diff: how the Python API changed since BASE (a git ref); exits 1 on a change that breaks callers;
## FORMAT=markdown prints it as a section for CHANGELOG.md
api-diff: $(VENV)/.installed
	@test -n "$(BASE)" || { echo "usage: make api-diff BASE=<git ref> [FORMAT=markdown]" >&2; exit 2; }
	@$(BIN)/python -m scripts.checks.api_diff "$(BASE)" $(if $(FORMAT),--format "$(FORMAT)")

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## check: the inner loop, within a minute once installed: lint, the sync twins against their async source,
## types, and the tests that start no program and use no redis-server or PostgreSQL (markers `slow`,
## `end_to_end` and `servers` in pyproject.toml say which do; tests/support/spawn_guard.py fails a test that
## starts a program unmarked)
# `costly`: quick tests of half a second of a core or more (the mutation runs keep them, as quick enough
# for each mutant): about 17 s of the 89 s of a core these tests took (issue 98).
FAST_TESTS := not slow and not costly and not end_to_end and not servers and not contract and not schemathesis and not main_python_only
# And the facade's tests converted for the sync client (tests/client/_sync: 990 tests, 12% of these tests'
# CPU), left to `make test`: here the twin checks show that they and SyncPexipEngage are what the async
# source makes, and the async tests they are made from run; tests/sync (what only the sync client does:
# threads, blocking I/O) stays.
NOT_FOR_FAST_FOLDERS := --ignore=tests/client/_sync
# The pytest plugins only the left-out tests use (schemathesis's; anyio's, which no test marks): each
# hooks the collection and the run of every test, a few seconds of a core together.
NOT_FOR_FAST_TESTS := -p no:schemathesis -p no:anyio
# The suites run in pytest-xdist workers, one and a half per core (`make check WORKERS=0` runs them in
# one process): three on two cores. The tests wait (on loopback sockets, the servers and programs they
# start, leases, real-time limits) often enough that one worker per core leaves the cores idle: measured
# for `make check`'s tests below; `make test`'s wait more (redis-server, PostgreSQL, subprocesses).
# What workers share is made once, under a lock (the docs site: tests/docs/conftest.py): `xdist_group` marks,
# which `loadgroup` would keep on one worker, have no effect with pytest 9.2 (pytest-xdist issue 1386).
WORKERS ?= $(shell echo $$(( $$(nproc) * 3 / 2 )))
XDIST = -n $(WORKERS) --dist loadgroup
# Where PYTHONDONTWRITEBYTECODE is set (see `bytecode`) pytest would rewrite and compile every test
# module again in every worker on every run (9 s of a core to collect, 4 s with the files kept):
# the test runs write their bytecode (into __pycache__/, ignored by git).
PYTEST_PARALLEL = PYTHONDONTWRITEBYTECODE= $(BIN)/pytest $(XDIST)
# From a fresh clone too: `install` first, as `make test` does (the fast tests need the docs group's
# griffe, node's ajv and redocly; a second or so when everything is there already). Its time, from
# when make read this file, is printed at its end (issue 77: within 60 s on the 2-core machine).
# Measured step by step on that machine while busy (load 3 to 6, 2026-11-26): ruff, the three twin
# checks and a warm mypy 2.5 s together; the tests 89.9 s of CPU and 108 s at 38deb2db, 73.2 s and
# 86 s after issue 77's speed-ups (a loopback server's stop, the collector's thresholds, the lock folders).
# Its tests run in one and a half workers per core: they wait on loopback sockets often enough
# that one per core leaves the cores idle, and each worker pays its own start and collection (about
# 5 s of a core). Measured on the 2-core machine on 2026-11-27, once the tests that start programs
# left (spawn_guard): 72.3 s with two workers, 56.9-59.7 s with three, 56.7-60.9 s with four (more
# CPU: 98-109 s against 86-92 s). make check: 57.9 s, the median of three at 78cb7848. Issue 98 found it at
# about 100 s (its tests 72 s) as the suites grew; measured test by test in one run (2026-11-28, load 20-25),
# the `costly` tests and tests/client/_sync were 29% of its tests' worker time and 26 of their 89 s of a core.
CHECK_STARTED := $(shell date +%s.%N)
check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# Beside the tests, their reports printed after the tests': every sync twin as its async source
	@# makes it (a stale or hand-edited twin fails; 2 s of one core, which waited alone for it
	@# before the tests began), and mypy (a cold cache, on a fresh clone, costs it ~15 s of one
	@# core, a warm one, .mypy_cache kept between runs, about one).
	@twins=$$(mktemp) && report=$$(mktemp) && trap 'rm -f "$$twins" "$$report"' EXIT && \
	{ { $(ASYNC_TO_SYNC) --check && $(ASYNC_TO_SYNC) --tests --check && \
	    $(ASYNC_TO_SYNC) --generated $(GENERATED) --check; } > "$$twins" 2>&1 & } && sync=$$! && \
	{ $(BIN)/mypy > "$$report" 2>&1 & } && mypy=$$! && \
	$(PYTEST_PARALLEL) -q -x -p no:cacheprovider $(NOT_FOR_FAST_TESTS) $(NOT_FOR_FAST_FOLDERS) -m "$(FAST_TESTS)"; tests=$$?; \
	wait $$sync; twins_ok=$$?; wait $$mypy; types=$$?; \
	echo "sync twins:"; cat "$$twins"; echo "mypy:"; cat "$$report"; \
	awk "BEGIN { printf \"check: %.1f s\n\", $$(date +%s.%N) - $(CHECK_STARTED) }"; \
	test $$tests = 0 && test $$twins_ok = 0 && test $$types = 0

## complexity: the mean cyclomatic complexity of the hand-written code (radon) and its 15 most complex blocks
# A ratchet: the mean now, rounded up. Lower it as the code gets simpler, never raise it (issue 42
# asked for 3.1 or less; httpx measures 2.71 and anthropic-sdk-python 3.06 the same way). Raised
# once, from 3.03 to 3.12, when issues 67-71 landed together; back at 3.03 since their most
# complex blocks were split (3.029 measured). Raised to 3.05 by issue 77, which made the code
# simpler and the mean higher: it deleted 88 blocks, most of them one-line forwarders and second
# copies of complexity 1, and the total fell from 7,855 to 7,677 (3.014 over 2,606 blocks at
# b2d06c3f; 3.049 over 2,518 after). Back at 3.03 once the rest of issue 77 landed (3.026 over
# 2,528 blocks at eda80bc0: the ensure's run, the limits' turn and the sender's head each read one way).
# Raised to 3.06 by issue 77's third round, for the same reason: it deleted 63 blocks (one-use
# helpers and forwarders folded into their callers, classes of one branch) and the total fell from
# 7,654 to 7,550 (3.024 over 2,531 blocks at b57bcad4; 3.059 over 2,468 after).
# Raised to 3.08 by issue 77's fifth round, for the same reason: the command line, the fake, the
# webhooks and provisioning lost 44 blocks (forwarders, one-use helpers, a private type of one field)
# and the total fell from 7,553 to 7,485 (3.049 over 2,477 blocks at 8412df64; 3.076 over 2,433 after),
# with the command line's most branching blocks split already. Lower it by splitting the blocks
# `make complexity` lists first.
COMPLEXITY_MAX := 3.08
complexity: $(VENV)/.installed
	$(BIN)/python -m scripts.checks.complexity --worst 15 --max $(COMPLEXITY_MAX)

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## typecheck: mypy --strict, and every public name fully typed for users' type checkers (pyright)
typecheck: $(VENV)/.installed $(VENV)/.docs-installed
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
	$(BIN)/pytest -m "not contract"

test-contract: install
	$(BIN)/pytest -m contract

## test-random: the property tests with newly drawn examples (make test draws the same ones every run)
test-random: $(VENV)/.installed
	HYPOTHESIS_PROFILE=random $(BIN)/pytest -m "not contract and not schemathesis" tests/fake/test_fake_spec.py \
		tests/client/test_forward_compat.py tests/client/test_runtime.py tests/client/test_fast_decode.py

## test: before you push, from a bare clone: lint, types, the generated code and spec checks, and the main Python's
## whole suite (tests/docs builds the site strictly and checks it in Chromium); `make test-matrix` runs the rest of
## what CI checks (the other Pythons, the dependency floors), and `.ci/run` runs both
# The tests that wait on the clock for minutes and barely use a core: the broker outages (30 s and 3
# minutes of real outage, 48 s and 199 s in CI's last run) and the 2,000-change apply held to 20
# requests a second (121 s, a few seconds of a core). In the suite's workers they held one each for
# minutes; here a process of their own runs them one after the other beside the suite, from its start
# (about 6 minutes in all, less than the suite).
BESIDE_TESTS := tests/webhooks/test_broker_outage.py tests/provisioning/test_rate_limit.py
INSTALLED := $(addprefix -o ,$(VENV)/.installed $(VENV)/.docs-installed node_modules/.installed)
# CI's last run, with one worker per core and the apply among the suite's: 987 s of pytest, 1,090 s in all
# (issue 98 asks for 15 minutes with the setup). A fresh clone at 2f05aef4: 16 min 6 s, the suite 851 s of it.
# The suite is about 1,250 s of CPU (measured 2026-11-28: 1,079 s user, 168 s sys; 771 s of it in the programs
# the tests start), so on 2 cores about a quarter of its time has a core idle; the checks (53 s of CPU on a
# fresh clone, mypy's cache cold) fill it now, beside the suite, instead of running first.
# make, for the checks beside the suite: named so, not `$(MAKE)` in the recipe's line, which make would run
# even under `make -n` (and this line runs the suite too)
CHECKS_MAKE = $(MAKE)
test: install docs-browser
	@# The checks of one tool each (lint, types, generated code, spec), two at a time, none being more than one
	@# core, run beside the suite from its start at a lower priority (nice): they take the cores while the
	@# suite's tests wait (on servers, subprocesses, sockets) and yield them when it computes, so they no
	@# longer hold the suite back (about 1.5 minutes of the two cores before it, on a fresh clone's cold mypy
	@# cache). Their reports are printed after the suite's, and any failure fails `make test`. `install` has
	@# run (above), so the tools are taken as installed.
	@checks=$$(mktemp) && beside=$$(mktemp) && trap 'rm -f "$$checks" "$$beside"' EXIT && \
	{ nice -n 10 $(CHECKS_MAKE) --no-print-directory -j2 --output-sync=target $(INSTALLED) \
	    lint typecheck check-generated spec audit-spec > "$$checks" 2>&1 & } && checks_pid=$$! && \
	{ PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -q -p no:cacheprovider --durations=5 $(BESIDE_TESTS) > "$$beside" 2>&1 & } && pid=$$! && \
	$(PYTEST_PARALLEL) --durations=20 $(addprefix --ignore=,$(BESIDE_TESTS)); suite=$$?; \
	wait $$pid; beside_ok=$$?; echo "beside the suite, $(BESIDE_TESTS):"; cat "$$beside"; \
	wait $$checks_pid; checks_ok=$$?; echo "the checks beside the suite (lint, typecheck, check-generated, spec, audit-spec):"; \
	cat "$$checks"; test $$checks_ok = 0 || echo "make test: the checks above failed" >&2; \
	test $$suite = 0 && test $$beside_ok = 0 && test $$checks_ok = 0

## test-matrix: what CI checks beside `make test`: the suite on each of OTHER_PYTHONS (`test-other-pythons`) and at
## the dependency floors (`test-floors`); run it when a change may behave differently on another Python or at an
## older dependency (a dependency's range, the packaging, a use of a newer language or library feature)
test-matrix: install
	$(MAKE) --no-print-directory $(INSTALLED) test-other-pythons
	$(MAKE) --no-print-directory $(INSTALLED) test-floors

## test-other-pythons: the unit and loopback suite on each of OTHER_PYTHONS, each in its own venv (part of
## `make test-matrix`); the `slow` tests (timing, processes, long runs) stay on the main Python's `make test`
test-other-pythons:
	@for version in $(OTHER_PYTHONS); do \
		interpreter=$$(scripts/checks/find_python.sh $$version) || exit 1; \
		venv=.venv-$$version; \
		if [ ! -f $$venv/.installed ] || [ pyproject.toml -nt $$venv/.installed ]; then \
			echo "test-other-pythons: setting up $$venv with $$interpreter"; \
			{ test -x $$venv/bin/python || "$$interpreter" -m venv $$venv; } && \
			$$venv/bin/python -m pip install --quiet --upgrade 'pip>=25.1' && \
			$$venv/bin/python -m pip install --quiet -e '.[testing]' --group test --group generate && \
			touch $$venv/.installed || exit 1; \
		fi; \
		echo "test-other-pythons: Python $$version"; \
		PYTHONDONTWRITEBYTECODE= $$venv/bin/python -m pytest -q -p no:cacheprovider $(XDIST) \
			-m "not contract and not schemathesis and not main_python_only and not slow" || exit 1; \
	done

# The floors: each dependency and extra at the lowest version pyproject.toml allows (scripts/checks/floors.py
# writes the list), beside the pins the other targets test. The suites of what those dependencies
# carry (the client and SyncPexipEngage, both senders and their private paths, the fake, the webhook
# receiver and its Redis store, the appointment mirror and its server) run there; the rest (CLI, provisioning, docs, tooling) only drives the client, and
# tests/observability and the FastAPI mount need a newer opentelemetry-api than its floor (see the script).
FLOORS_VENV := .venv-floors
FLOORS_SUITES := tests/client tests/sync tests/senders tests/fake tests/webhooks tests/mirror

## test-floors: the client's suites with every dependency at its declared lower bound
test-floors: $(VENV)/.installed redis-server postgresql
	@if [ ! -f $(FLOORS_VENV)/.installed ] || [ pyproject.toml -nt $(FLOORS_VENV)/.installed ]; then \
		echo "test-floors: setting up $(FLOORS_VENV)"; \
		rm -rf $(FLOORS_VENV) && $(PYTHON) -m venv $(FLOORS_VENV) && \
		$(FLOORS_VENV)/bin/python -m pip install --quiet --upgrade 'pip>=25.1' && \
		$(BIN)/python -m scripts.checks.floors > $(FLOORS_VENV)/floors.txt && \
		$(FLOORS_VENV)/bin/python -m pip install --quiet -e . -r $(FLOORS_VENV)/floors.txt && \
		touch $(FLOORS_VENV)/.installed || exit 1; \
	fi
	@echo "test-floors: $$(tr '\n' ' ' < $(FLOORS_VENV)/floors.txt | cut -c1-200)"
	PYTHONDONTWRITEBYTECODE= $(FLOORS_VENV)/bin/python -m pytest -q -p no:cacheprovider $(XDIST) \
		-m "not contract and not schemathesis and not main_python_only" $(FLOORS_SUITES) \
		--ignore=tests/webhooks/test_mount.py

## demo: the README's quick start, against the embedded fake API (no network, no credentials)
demo: $(VENV)/.demo-installed
	$(BIN)/python examples/quickstart.py

# Every timestamp in the archives is the last commit's, so that a build is a function of the commit:
# anyone can rebuild a release from its tag and compare hashes (docs/releasing.md).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

## package: build the sdist and wheel into dist/ twice, fail unless the two builds are byte-identical,
## and check their metadata; the wheel carries its SBOM (sbom/, written by scripts/generate/sbom.py)
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
	$(BIN)/python -m pip install --quiet -e '.[testing]' --group bench
	touch $@

# Import time is measured where a user's install would be: a venv with the package alone
# (the development venv holds more, and httpx imports its command-line extras if present).
FOOTPRINT_VENV := .venv-footprint
$(FOOTPRINT_VENV)/.installed: pyproject.toml $(shell find $(PKG) -name '*.py')
	rm -rf $(FOOTPRINT_VENV)
	$(PYTHON) -m venv $(FOOTPRINT_VENV)
	$(FOOTPRINT_VENV)/bin/python -m pip install --quiet '.'
	touch $@

# One run's results: every bench module adds its rows to the results file (`--results`, see
# bench/_harness.py's `record`), what the run prints is kept beside it, and scripts/generate/bench_charts.py
# draws the charts and docs/benchmarks.md's table from the file. Commit the three together.
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
	$(BIN)/python -m pip install --quiet --group mutation
	touch $@

## mutation: mutmut over the modules that hold a promise, each with the tests that guard it, scored against
## the floor and written to docs/mutation.md (scripts/checks/mutation.py; hours on two cores, so not part of
## `make test`: .github/workflows/mutation.yml runs it every week); ONLY="_governor _retry" narrows it
mutation: $(VENV)/.mutation-installed redis-server postgresql
	$(BIN)/python -m scripts.checks.mutation $(foreach word,$(ONLY),--only $(word))

$(VENV)/.docs-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --group docs
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
