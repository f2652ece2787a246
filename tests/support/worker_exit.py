"""A pytest-xdist worker's exit, once its session ended: without the interpreter's teardown.

The teardown frees each of a worker's objects one by one (hundreds of megabytes of them at the end of
`make check`): 2 to 3 s of a core per worker, measured, which the controller waited for before it could
report, and which gives back nothing the operating system does not take back at once. The same choice
as the command line's after a short call (pexip_engage_cli/_collector.py).
"""

from __future__ import annotations

import logging
import os
import sys

_finished = False  # set once the worker's session ended: its results are with the controller


def session_finished() -> None:
    global _finished  # noqa: PLW0603 - one flag per process
    _finished = True


def end_without_teardown() -> None:
    """The worker's exit function, registered when it starts (tests/conftest.py): so it runs after every
    one registered later (the finalizers', the temporary folders' locks). Of those registered before it,
    logging's flush runs here, and execnet's (a worker starts no gateway) and certifi's (an installed file)
    have nothing to do. A session that did not end, or a stream that cannot be flushed, ends as usual."""
    if not _finished:
        return
    logging.shutdown()
    try:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
    except (OSError, ValueError):  # a closed pipe
        return
    os._exit(0)
