"""`python -m pexip_engage_cli`: the `pexip-engage` command line."""

from . import _script

if __name__ == "__main__":
    _script()
