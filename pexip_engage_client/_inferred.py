"""Operations openapi.yaml infers rather than copies: a warning the first time each is called.

The copied documentation does not show every operation the API has: the appointment life-cycle
actions (cancel, complete, no-show, ...) are in openapi.yaml on other evidence, each marked by an
`x-inferred` extension. `make generate` writes their methods and paths to
`_generated/inferred_operations.py`; the request pipeline calls `warn_if_inferred` with the request
of each such operation (and loads this module with the first), so the warning comes from the spec,
never from per-operation code. It is
issued once per process and operation (a program that cancels a thousand appointments is told
once), at the caller's line, as `errors.InferredOperationWarning`, which a warning filter silences.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from ._base.caller_warnings import warn_at_caller
from ._generated.inferred_operations import INFERRED_OPERATIONS
from .errors import InferredOperationWarning

_warned: set[str] = set()
_lock = threading.Lock()


def warn_if_inferred(request: Mapping[str, Any]) -> None:
    """Warn, once per process, when `request` (a generated `build_request`'s) is an inferred operation's."""
    if not INFERRED_OPERATIONS or "template" not in request:  # raw calls carry no template
        return
    key = f"{request['method'].upper()} {request['template']}"
    note = INFERRED_OPERATIONS.get(key)
    if note is None or key in _warned:
        return
    with _lock:
        if key in _warned:
            return
        _warned.add(key)
    warn_at_caller(f"{request.get('operation', key)} ({key}) is inferred. {note}", InferredOperationWarning)


def forget_warnings() -> None:
    """Warn again for every inferred operation (for tests: the warning is once per process)."""
    with _lock:
        _warned.clear()
