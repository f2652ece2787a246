#!/bin/sh
# Fetch the spec from SPEC_URL; when it differs from openapi.yaml, commit it and the regenerated client
# on a new branch, and write the api-diff report for the pull request's body.
#
#   SPEC_URL=https://example.com/openapi.yaml examples/ci/spec-update.sh
#
# Run by the scheduled jobs of github-actions.yml and gitlab-ci.yml, which push the branch and open
# the pull (merge) request; tests/tooling/test_ci_scripts.py runs it on a temporary repository.
# Leaves, when the spec changed: the branch checked out (its name in spec-update-branch.txt, and as
# `branch=` in $GITHUB_OUTPUT on GitHub), api-diff.md (`make api-diff FORMAT=markdown` against the
# commit it started from, a section ready for CHANGELOG.md) and `breaking=true|false`. When the spec
# is the same, it leaves neither file and exits 0.
set -eu
MAKE=${MAKE:-make}
: "${SPEC_URL:?set SPEC_URL to the URL of the upstream openapi.yaml}"
here=$(dirname "$0")
output=${GITHUB_OUTPUT:-/dev/null}

fetched=$(mktemp)
trap 'rm -f "$fetched"' EXIT
curl --fail --silent --show-error --location --max-time 60 "$SPEC_URL" --output "$fetched"
if cmp -s "$fetched" openapi.yaml; then
    echo "spec-update: openapi.yaml is the same as $SPEC_URL; nothing to do"
    echo "changed=false" >> "$output"
    exit 0
fi

base=$(git rev-parse HEAD)
branch=${SPEC_UPDATE_BRANCH:-spec-update/$(date -u +%Y%m%d-%H%M%S)}
git checkout --quiet -b "$branch"
cp "$fetched" openapi.yaml
git add openapi.yaml
"$here/commit-generated.sh" "Update openapi.yaml from $SPEC_URL and regenerate the client"

status=0
$MAKE --no-print-directory api-diff BASE="$base" FORMAT=markdown > api-diff.md || status=$?
if [ "$status" -gt 1 ]; then
    echo "spec-update: api-diff could not run (exit $status)" >&2
    exit "$status"
fi
breaking=false
[ "$status" = 1 ] && breaking=true
echo "$branch" > spec-update-branch.txt
{ echo "changed=true"; echo "branch=$branch"; echo "breaking=$breaking"; } >> "$output"
echo "spec-update: $branch holds the new spec and client (breaking: $breaking); api-diff.md is the pull request's body"
