"""Response bytes to the payload a call returns: JSON decoding, then the generated model.

The generated layer names what a body is read as (`_runtime.Returns`: a model class, and the field
of it that is the payload); this module picks how. With msgspec (a dependency of the package) a
response model with a typed form goes straight into it (the generated `_generated/typed/`), and
only a body that form does not accept (an unknown field or enum value, a type mismatch) takes the
lenient path, with msgspec's decoder. (A small body takes the lenient path with the standard library:
see SMALL_BODY.) Without msgspec (a vendored copy that left it out) the body
is decoded by `json.loads` and read by the model's lenient `from_dict`. Both paths give equal
results and raise the same way.
"""

from __future__ import annotations

import functools
import importlib
import json
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from ._runtime import Returns
from ._runtime.model_types import missing_fields

T = TypeVar("T")

# The fast path's first use costs a process about 6 ms (msgspec's import, the model's typed form
# and its decoder), and on a small body it saves a few microseconds (a single employee: 1 us
# against 5 us): a process that sends a handful of requests, such as a command line call, would
# never earn it back. From a kilobyte on it saves tens (the documented appointment, 1.7 KB: 26 us
# against 71 us). So a body under SMALL_BODY bytes is read with the standard library, and a larger
# one with the fast path: the choice depends on the body alone, never on what the process read
# before. Both give equal results.
SMALL_BODY = 1024


class FastPath(NamedTuple):
    """What the fast path needs from msgspec, and the typed parser per response model."""

    decode: Callable[[bytes], Any]
    decode_error: type[Exception]
    typed_parser: Callable[[type], Callable[[bytes], Any] | None]


@functools.cache
def fast_path() -> FastPath | None:
    """msgspec and the typed parsers, or None without msgspec (a vendored copy may leave it out).

    Imported with the first response rather than with the package: they add about a tenth to the
    package's import time. (The tests replace this function to force the pure-Python path.)
    """
    try:
        import msgspec  # noqa: PLC0415
    except ImportError:
        return None
    return FastPath(msgspec.json.decode, msgspec.DecodeError, typed_parser)


# The typed parser of each response model asked for so far; None for a model with no typed form.
_typed_parsers: dict[type, Callable[[bytes], Any] | None] = {}


def typed_parser(model: type) -> Callable[[bytes], Any] | None:
    """The parser of `model`'s typed form (`_generated/typed/`), imported on first use; None without one.

    A module per model, so that the first response imports only the models it holds.
    """
    if model not in _typed_parsers:
        try:
            typed = importlib.import_module(f"._generated.typed.{model.__module__.rsplit('.', 1)[1]}", __package__)
        except ModuleNotFoundError:
            typed = None
        # The module's model must be this one: a model of another generated copy has its own.
        _typed_parsers[model] = typed.parse if typed is not None and getattr(typed, "MODEL", None) is model else None
    return _typed_parsers[model]


class AnyJSON:
    """A body read as the decoded JSON, whatever it is, and an empty body as None (raw calls without `cast_to`)."""


class NotJSONError(ValueError):
    """The body is not a JSON document."""


class ShapeMismatchError(ValueError):
    """The body is JSON, but not of the shape the operation documents."""


def _fast_path_for(content: bytes) -> FastPath | None:
    """The fast path for a body of this size (see SMALL_BODY)."""
    return None if len(content) < SMALL_BODY else fast_path()


def loads(content: bytes) -> Any:
    """The JSON value in `content`; NotJSONError when it holds none."""
    return _decoded(content, _fast_path_for(content))


def _decoded(content: bytes, fast: FastPath | None) -> Any:
    """`loads`, with msgspec's decoder first when `fast` is given, else the standard library's alone."""
    try:
        if fast is not None:
            try:
                return fast.decode(content)
            except fast.decode_error:
                pass  # json.loads accepts a little more (NaN, a BOM, UTF-16, lone surrogates): let it decide
        return json.loads(content)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise NotJSONError(str(exc) or type(exc).__name__) from None


def parse_body(content: bytes, returns: Returns[T]) -> T:
    """The payload `returns` names, read from the body; NotJSONError or ShapeMismatchError when it cannot be."""
    # The garbage collector is left alone: it is the host application's (issue 68).
    if returns.model is AnyJSON:
        return loads(content) if content else None  # type: ignore[return-value]
    try:
        model = returns.model
        fast = _fast_path_for(content)
        parsed = _typed(content, model, fast)
        if parsed is None:
            parsed = model.from_dict(_decoded(content, fast))
        return returns.payload(parsed)
    except NotJSONError:
        raise
    # The generated model signals a shape it does not expect with whatever Python raises
    # (KeyError, TypeError, ValueError, AttributeError, ...); all of them mean the same here.
    except Exception as exc:
        raise ShapeMismatchError(_mismatch(content, returns.model, exc)) from exc


def _mismatch(content: bytes, model: type, error: Exception) -> str:
    """What is wrong with a body the model could not be read from: every required field it lacks
    (the model's KeyError names the first only), else the error as it was."""
    missing = missing_fields(model, loads(content)) if isinstance(error, KeyError) else []
    if missing:
        return f"required fields missing ({len(missing)}): {', '.join(missing)}"
    return f"{type(error).__name__}: {error}"


def _typed(content: bytes, model: type, fast: FastPath | None) -> Any:
    """The body read through the model's typed form; None without one (or `fast`), or when it refuses the body."""
    typed = None if fast is None else fast.typed_parser(model)
    if typed is not None:
        try:
            return typed(content)
        # Whatever the typed form refuses a body with: msgspec.ValidationError (an Exception, not a
        # ValueError, in msgspec 0.19), a timestamp fromisoformat refuses (ValueError), ...
        except Exception:  # noqa: S110
            pass  # something the typed form does not accept: the lenient path decides
    return None
