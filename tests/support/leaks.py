"""Where a secret can still be read once an exception has left the client.

Error reporters (Sentry, `pytest --showlocals`, `traceback.TracebackException(capture_locals=True)`)
record the repr of every local of every frame in a traceback, and some walk an exception's
attributes and its `__cause__`/`__context__` chain. `secret_leaks` looks where they look and
returns where each place is (never the secret itself): an empty list is the pass.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

# How deep the attributes of an exception are followed (exc.request.headers... is three).
_ATTRIBUTE_DEPTH = 5
_TESTS = str(Path(__file__).resolve().parents[1]) + os.sep


def secret_leaks(exc: BaseException, secrets: Iterable[str]) -> list[str]:
    """Every frame local (outside tests/) and exception attribute, in `exc`'s whole chain, that shows a secret."""
    wanted = [secret for secret in secrets if secret]
    leaks: list[str] = []
    for position, error in enumerate(_chain(exc)):
        where = f"exception {position} ({type(error).__name__})"
        for text in (str(error), repr(error)):
            leaks += [f"{where}: its message" for secret in wanted if secret in text]
        for path, value in _attributes(error, f"{where}.", _ATTRIBUTE_DEPTH, set()):
            leaks += [f"{path}" for secret in wanted if secret in _text(value)]
        for frame_name, name, value in _frame_locals(error.__traceback__):
            shown = _safe_repr(value)
            leaks += [f"{where}: local {name!r} of {frame_name}" for secret in wanted if secret in shown]
    return leaks


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        error = pending.pop()
        if id(error) in seen:
            continue
        seen.add(id(error))
        yield error
        pending += [linked for linked in (error.__cause__, error.__context__) if linked is not None]
        if isinstance(error, BaseExceptionGroup):
            pending += list(error.exceptions)


def _frame_locals(traceback: TracebackType | None) -> Iterator[tuple[str, str, Any]]:
    """Every local of every frame in `traceback`, but the tests' own (which hold the secrets they look for)."""
    while traceback is not None:
        frame = traceback.tb_frame
        if not frame.f_code.co_filename.startswith(_TESTS):
            name = f"{frame.f_code.co_name} ({frame.f_code.co_filename}:{traceback.tb_lineno})"
            for local, value in frame.f_locals.items():
                yield name, local, value
        traceback = traceback.tb_next


def _attributes(value: Any, path: str, depth: int, seen: set[int]) -> Iterator[tuple[str, Any]]:
    """(path, value) for every attribute, item and element reachable from `value`, to `depth`."""
    if depth == 0 or id(value) in seen or isinstance(value, TracebackType | type):
        return
    seen.add(id(value))
    if isinstance(value, str | bytes | bytearray | int | float | bool) or value is None:
        yield path.rstrip("."), value
        return
    children: list[tuple[str, Any]] = []
    if isinstance(value, Mapping):
        children = [(f"{path}[{key!r}].", item) for key, item in value.items()]
        children += [(f"{path}<key>.", key) for key in value]
    elif isinstance(value, list | tuple | set | frozenset):
        children = [(f"{path}[{index}].", item) for index, item in enumerate(value)]
    else:
        yield path.rstrip("."), _safe_repr(value)
        names = list(getattr(value, "__dict__", {}))
        for klass in type(value).__mro__:
            slots = klass.__dict__.get("__slots__", ())
            names += [slots] if isinstance(slots, str) else list(slots)
        for name in names:
            if name.startswith("__"):
                continue
            try:
                child = getattr(value, name)
            except Exception:  # noqa: S112 - an attribute that cannot be read shows nothing
                continue
            children.append((f"{path}{name}.", child))
    for child_path, child in children:
        yield from _attributes(child, child_path, depth - 1, seen)


def _text(value: Any) -> str:
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("latin-1")
    return value if isinstance(value, str) else str(value)


def _safe_repr(value: Any) -> str:
    try:
        return repr(value)
    except Exception as exc:  # a repr that fails shows nothing
        return f"<repr failed: {type(exc).__name__}>"


def value_leaks(values: Iterable[tuple[str, Any]], secrets: Iterable[str]) -> list[str]:
    """The names of the `(name, value)` pairs whose value shows a secret (span attributes, metric points, events)."""
    wanted = [secret for secret in secrets if secret]
    return [name for name, value in values for secret in wanted if secret in _safe_repr(value)]
