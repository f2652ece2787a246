"""`python -m pexip_engage_client`: the `pexip-engage` command line.

Slower to start than the console script `pexip-engage`: this imports the whole client first."""

from pexip_engage_cli import _script

if __name__ == "__main__":
    _script()
