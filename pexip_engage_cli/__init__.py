"""The `pexip-engage` command line (console script, or `python -m pexip_engage_client`).

A package of its own, beside `pexip_engage_client` rather than inside it: importing a submodule
imports its parent package, and importing the client takes many times an interpreter's start-up,
which `--help` must not pay. The client is imported only to run a command that talks to the API.
"""

from ._app import HAND_WRITTEN, HandWritten, main, run

__all__ = ["HAND_WRITTEN", "HandWritten", "main", "run"]
