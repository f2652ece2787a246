"""Python's cyclic garbage collector, paused while a command starts and during a short call, and the
interpreter's teardown skipped after a short call (docs/cli.md, "Start-up"), unless the collector was given
back, another thread still runs, or a flush fails.
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
    """Stop the collector's passes, if they run, and register `_skip_teardown` as the first exit function:
    they run last registered first, so it runs after every other one (logging's flush, an exporter's)."""
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
