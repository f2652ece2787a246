"""Operations openapi.yaml infers rather than copies: a warning the first time each is called.

The operations are `_generated/inferred_operations.py`'s, from the spec's `x-inferred` (docs/lifecycle-actions.md)."""

from __future__ import annotations

import threading

from .._base.caller_warnings import warn_at_caller
from .._errors import InferredOperationWarning
from .._generated.inferred_operations import INFERRED_OPERATIONS

_warned: set[str] = set()
_lock = threading.Lock()


def warn_once(key: str, operation: str) -> None:
    """Warn that `operation` (`key`: "METHOD /path", one of `INFERRED_OPERATIONS`) is inferred, once per process."""
    with _lock:
        if key in _warned:
            return
        _warned.add(key)
    warn_at_caller(f"{operation} ({key}) is inferred. {INFERRED_OPERATIONS[key]}", InferredOperationWarning)


def forget_warnings() -> None:
    """Warn again for every inferred operation (for tests: the warning is once per process)."""
    with _lock:
        _warned.clear()
