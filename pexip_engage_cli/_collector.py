"""Python's cyclic garbage collector, paused while a command starts and during a short call.

Starting a call of the API allocates tens of thousands of objects (modules, classes, functions,
the models) and frees few of them, so each pass of the collector over them finds nothing to
collect: without the passes a call against the served fake took 108 ms rather than 115 ms (best of
15 on the 2-core machine of `python -m bench.cli`). A command that sends a request or two ends
soon after, and reference counting still frees what it stops using. A command that runs on (a
server, a walk through pages, an apply) gets the collector back before its work starts.
"""

import gc

_paused = False


def pause() -> None:
    """Stop the collector's passes, if they run (a program that stopped them itself keeps that)."""
    global _paused  # noqa: PLW0603 - one switch per process
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Let the collector run again, if `pause` stopped it."""
    global _paused  # noqa: PLW0603
    if _paused:
        _paused = False
        gc.enable()
