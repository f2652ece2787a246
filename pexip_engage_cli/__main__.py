"""`python -m pexip_engage_cli`: the `pexip-engage` command line."""

from . import run

if __name__ == "__main__":
    run()
