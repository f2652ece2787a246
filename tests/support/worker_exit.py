"""A test process's exit, once its session ended: without the interpreter's teardown.

The teardown frees each of the process's objects one by one (hundreds of megabytes of them at the end of
a run): seconds of a core per process, which gives back nothing the operating system does not take back
at once. The same choice as the command line's after a short call (pexip_engage_cli/_collector.py).
"""

from __future__ import annotations

import logging
import os
import sys

_exit_status: int | None = None  # set once the session ended: its results are reported (or with xdist's controller)


def session_finished(exit_status: int) -> None:
    global _exit_status  # noqa: PLW0603 - one status per process
    _exit_status = exit_status


def end_without_teardown() -> None:
    """The process's exit function, registered when it starts (tests/conftest.py): so it runs after every
    one registered later (the finalizers', the temporary folders' locks). Of those registered before it,
    logging's flush runs here, and execnet's (a worker starts no gateway) and certifi's (an installed file)
    have nothing to do. A session that did not end, or a stream that cannot be flushed, ends as usual."""
    if _exit_status is None:
        return
    logging.shutdown()
    try:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
    except (OSError, ValueError):  # a closed pipe
        return
    os._exit(_exit_status)
