#!/bin/sh
# Fail when the committed generated files do not match the committed openapi.yaml.
#
#   examples/ci/check-drift.sh
#
# For a pull request from a fork, whose branch the workflow cannot push to: it regenerates into a
# temporary folder and compares with the checked-out tree (`make check-generated`), never with a
# tree it regenerated itself first, so stale generated code fails here. Called by github-actions.yml
# and gitlab-ci.yml; tests/tooling/test_ci_scripts.py runs it on a temporary repository.
set -eu
MAKE=${MAKE:-make}

if ! $MAKE --no-print-directory check-generated; then
    echo "check-drift: the committed generated files do not match openapi.yaml: run 'make generate' and commit the result (or examples/ci/commit-generated.sh)" >&2
    exit 1
fi
