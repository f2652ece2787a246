#!/bin/sh
# Regenerate the client from openapi.yaml and commit every generated file, new ones included.
#
#   examples/ci/commit-generated.sh ["commit message"]
#
# Called by github-actions.yml and gitlab-ci.yml (and by spec-update.sh); tests/tooling/test_ci_scripts.py
# runs it on a temporary repository. It commits (never pushes: the workflow does, with its token) and
# prints the new commit, or says there was nothing to commit. `git add -A` takes the files a change
# adds (a new operation's module, its models, their sync twins) as well as the ones it changes or
# removes: committing only the paths git already tracks would push a client that cannot be imported.
set -eu
MAKE=${MAKE:-make}
message=${1:-"Regenerate the client from openapi.yaml"}

$MAKE --no-print-directory generate
# Everything `make generate` writes: the generated layer, api.md and every sync twin (the package's
# and the tests'). Pathspec magic, quoted, so that no shell expands it.
git add -A -- pexip_engage_client/_generated api.md ':(glob)**/_sync/**'
if git diff --cached --quiet; then
    echo "commit-generated: the generated files already match openapi.yaml; nothing to commit"
    exit 0
fi
git -c user.name="${GIT_AUTHOR_NAME:-api-client bot}" \
    -c user.email="${GIT_AUTHOR_EMAIL:-api-client-bot@users.noreply.github.com}" \
    commit --quiet -m "$message"
echo "commit-generated: committed $(git rev-parse --short HEAD): $message"
