"""Python's cyclic garbage collector, paused while a command starts and during a short call, and
the interpreter's teardown skipped at the end of a short call.

Starting a call of the API allocates tens of thousands of objects (modules, classes, functions,
the models) and frees few of them, so each pass of the collector over them finds nothing to
collect: without the passes a call against the served fake took 108 ms rather than 115 ms (best of
15 on the 2-core machine of `python -m bench.cli`). A command that sends a request or two ends
soon after, and reference counting still frees what it stops using. A command that runs on (a
server, a walk through pages, an apply) gets the collector back before its work starts.

When such a short call has ended, the interpreter's own ending (a last collection over every
object, then each module emptied and every object freed, a tenth of the call: 142 ms against 129 ms
of CPU, best of 20) gives nothing back that the operating system does not take back at once, as
Instagram's servers found (`atexit.register(os._exit, 0)`). `end` exits as usual, so that the
`atexit` functions run (logging's flush, an OpenTelemetry exporter's); the first one registered,
which runs last, flushes stdout and stderr and ends the process. Only for the console script and
`python -m` (`pexip_engage_cli._script`), whose process is the command's own: a program that calls
`run()` keeps its collector, its own exit functions and its teardown. Not when the collector was given
back (a command that ran on), another thread still runs (the interpreter would wait for it), or a
flush fails (the interpreter reports a closed pipe its own way): then the interpreter ends as usual.
"""

import atexit
import gc
import os
import sys
from typing import NoReturn

_paused = False
_registered = False
_status: int | None = None  # set by `end` when the teardown may be skipped


def pause() -> None:
    """Stop the collector's passes, if they run (a program that stopped them itself keeps that).

    Called first thing, it also registers `_skip_teardown` as the first exit function: they run
    last registered first, so it runs after every other one (logging's flush, an exporter's).
    """
    global _paused, _registered  # noqa: PLW0603 - one switch per process
    if not _registered:
        atexit.register(_skip_teardown)
        _registered = True
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Let the collector run again, if `pause` stopped it."""
    global _paused  # noqa: PLW0603
    if _paused:
        _paused = False
        gc.enable()


def end(status: int) -> NoReturn:
    """Exit with `status`: after a short call, without the interpreter's teardown (see above)."""
    global _status  # noqa: PLW0603
    threading = sys.modules.get("threading")  # not loaded: no thread was started through it
    others_run = threading is not None and threading.active_count() > 1
    if _paused and not others_run:
        _status = status
    sys.exit(status)


def _skip_teardown() -> None:
    """The last exit function: end the process there, once what stdout and stderr hold is written."""
    if _status is not None and _paused and _flushed():
        os._exit(_status)


def _flushed() -> bool:
    """Whether stdout and stderr wrote what they held."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):  # a closed pipe, a closed file
        return False
    return True
