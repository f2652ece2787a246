"""Keeps httpx's own command line out of this one's process.

`import httpx` runs `from ._main import main` (httpx 0.23 to 0.28), which imports click, rich and
pygments whenever they are installed, as they often are beside other tools: about a fifth of the
modules a `pexip-engage` call loaded, for a command line this process never runs. Registering a
stand-in for `httpx._main` before httpx is first imported leaves them unloaded.

The stand-in is only a name in `sys.modules`: an httpx that no longer imports `_main` never reads
it, and one that wants more from it than `main` falls back, as it does when click is missing, to
its own message, so httpx works the same either way. A process that imported httpx already keeps
its module untouched.
"""

from __future__ import annotations

import sys
from types import ModuleType

_NAME = "httpx._main"


def keep_out() -> None:
    """Register the stand-in, unless httpx (or its command line) is loaded already."""
    if "httpx" in sys.modules or _NAME in sys.modules:
        return
    stand_in = ModuleType(_NAME)
    stand_in.main = _main  # type: ignore[attr-defined]
    sys.modules[_NAME] = stand_in


def _main() -> None:
    sys.exit("httpx's command line is not available inside pexip-engage; run `httpx` itself")
