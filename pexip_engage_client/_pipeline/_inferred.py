"""Operations openapi.yaml infers rather than copies: a warning the first time each is called, unless accepted.

The operations are `_generated/inferred_operations.py`'s, from the spec's `x-inferred` (docs/lifecycle-actions.md).
A program that relies on one knowingly accepts it by its operationId (`accept_inferred=[...]` or
`PEXIP_ENGAGE_ACCEPT_INFERRED`): from then on the process warns no more of it, as if it had warned already.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from .._base.arguments import ArgumentError
from .._base.caller_warnings import warn_at_caller
from .._errors import InferredOperationWarning
from .._generated.inferred_operations import INFERRED_NAMES, INFERRED_OPERATIONS

# The variable naming the inferred operations a process accepts, comma-separated operationIds.
ACCEPT_VARIABLE = "PEXIP_ENGAGE_ACCEPT_INFERRED"

_warned: set[str] = set()  # "METHOD /path" of those warned of, or accepted
_lock = threading.Lock()


def warn_once(key: str, operation: str) -> None:
    """Warn that `operation` (`key`: "METHOD /path", one of `INFERRED_OPERATIONS`) is inferred, once per process."""
    with _lock:
        if key in _warned:
            return
        _warned.add(key)
    name = next((name for name, named in INFERRED_NAMES.items() if named == key), None)
    accepting = f" Once read, accept it with accept_inferred=[{name!r}] (or {ACCEPT_VARIABLE}={name})." if name else ""
    warn_at_caller(f"{operation} ({key}) is inferred. {INFERRED_OPERATIONS[key]}{accepting}", InferredOperationWarning)


def accept(names: object, source: str) -> None:
    """Warn of none of the inferred operations `names` (operationIds) in this process; `source` (the argument or the
    variable) is named when `names` is not a list of them."""
    if isinstance(names, str | bytes) or not isinstance(names, Iterable):
        hint = f"; for one, give [{names!r}]" if isinstance(names, str) else ""
        raise ArgumentError.of(source, f"must be a list of operationIds (got {type(names).__name__}){hint}")
    keys = [_key(name, source) for name in names]
    with _lock:
        _warned.update(keys)


def accept_from_environment(text: str) -> None:
    """`PEXIP_ENGAGE_ACCEPT_INFERRED`'s operationIds, separated by commas (spaces and empty parts ignored)."""
    accept([name.strip() for name in text.split(",") if name.strip()], ACCEPT_VARIABLE)


def _key(name: object, source: str) -> str:
    if isinstance(name, str) and name in INFERRED_NAMES:
        return INFERRED_NAMES[name]
    known = sorted(INFERRED_NAMES)
    listed = ", ".join(known) if known else "none (openapi.yaml infers no operation)"
    hint = ""
    if isinstance(name, str) and known:
        import difflib  # noqa: PLC0415 - only for a refused name

        nearest = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
        hint = f" (did you mean {nearest[0]!r}?)" if nearest else ""
    raise ArgumentError.of(
        source, f"names {name!r:.100}, which is no inferred operation{hint}; the inferred are: {listed}"
    )


def forget_warnings() -> None:
    """Warn again for every inferred operation, accepted or not (for tests: the warning is once per process)."""
    with _lock:
        _warned.clear()
