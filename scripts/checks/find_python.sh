#!/usr/bin/env bash
# Prints the path of a working Python X.Y interpreter, or explains on stderr which one is missing
# and exits 1. Looks at pythonX.Y on PATH first (a pyenv shim counts only if it really runs), then
# at pyenv's installed versions, which these machines carry without putting them on PATH.
set -u
version=${1:?usage: find_python.sh X.Y}
candidates=()
if command -v "python$version" >/dev/null 2>&1; then
    candidates+=("$(command -v "python$version")")
fi
pyenv_root=${PYENV_ROOT:-$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")}
for found in "$pyenv_root"/versions/"$version".*/bin/python"$version"; do
    [ -x "$found" ] && candidates+=("$found")
done
for candidate in "${candidates[@]}"; do
    if "$candidate" -c "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$version'.split('.'))))" \
        >/dev/null 2>&1; then
        echo "$candidate"
        exit 0
    fi
done
echo "Python $version is not installed: no working python$version on PATH or under $pyenv_root/versions." >&2
echo "The package claims Python $version, so 'make test' runs the suite on it: install it (e.g." >&2
echo "'pyenv install $version'), or set OTHER_PYTHONS to the versions you have, knowing they go untested." >&2
exit 1
