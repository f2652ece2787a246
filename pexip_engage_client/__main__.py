"""`python -m pexip_engage_client`: the `pexip-engage` command line.

The console script `pexip-engage` (or `python -m pexip_engage_cli`) starts faster: this way the
whole client is imported first, whatever the command.
"""

from pexip_engage_cli import _script

if __name__ == "__main__":
    _script()
