"""Response bytes to the payload a call returns: JSON decoding, then the generated model.

Through msgspec's typed form (`_generated/typed/`) from `SMALL_BODY` bytes on, else through `json.loads`
and `from_dict`; both give equal results and raise the same way (docs/benchmarks.md).
"""

from __future__ import annotations

import functools
import json
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol, TypeVar

from .._base.lazy_module import LazyModule
from .._runtime import Returns, read_lenient, unknown_enum_values, unknown_fields, unread_fields
from .._runtime.lenient import Found
from .._runtime.model_types import missing_fields

T = TypeVar("T")

# Why this size, and why it depends on the body alone: docs/benchmarks.md.
SMALL_BODY = 1024


_msgspec = LazyModule("msgspec")


@functools.cache
def fast_path() -> types.ModuleType | None:
    """msgspec, or None without it (a vendored copy); imported with the first large body, not the package."""
    try:
        return _msgspec.load()
    except ImportError:
        return None


@functools.cache
def typed_parser(model: type) -> Callable[[bytes], Any] | None:
    """The parser of `model`'s typed form (a module per model), imported on first use; None without one."""
    try:
        typed = LazyModule(f"pexip_engage_client._generated.typed.{model.__module__.rsplit('.', 1)[1]}").load()
    except ModuleNotFoundError:
        return None
    # The module's model must be this one: a model of another generated copy has its own.
    return typed.parse if getattr(typed, "MODEL", None) is model else None


class AnswerObserver(Protocol):
    """What records how the answers differ from openapi.yaml (the client gives its own), told as they are read."""

    def read(self, operation: str, found: Found, models: Sequence[tuple[object, str]]) -> None:
        """An answer read: the differences `found` as it was read, and the `models` read leniently whose own
        differences are yet to be walked (each with where it stands in the answer)."""

    def status(self, method: str, template: str, statuses: str, status: int) -> None:
        """An answer's `status`, of an operation that documents `statuses` (space-separated)."""

    def error(self, method: str, template: str, error: Exception) -> None:
        """The error an error status raises, with the business codes it holds."""

    def around(
        self, content: bytes, model: type, typed: Callable[..., Any], refusal: Exception, operation: str
    ) -> tuple[Any, Noted] | None:
        """An answer the typed form refused (`refusal`), read typed around what it refused, with what was noted on
        the way; None when it cannot be (then it is read leniently whole)."""


@dataclass(slots=True)
class Noted:
    """What differed in an answer read in parts: differences found as it was read, and models read leniently whose
    own differences the observer walks (each with where it stands)."""

    found: Found = field(default_factory=list)
    models: list[tuple[object, str]] = field(default_factory=list)


class Reading(NamedTuple):
    """How a call reads its answer: strictly or not (docs/spec-drift.md), and what is told what differs."""

    strict: bool
    method: str  # the operation's, as the request names it (`get`)
    template: str  # the operation's path as openapi.yaml writes it (`/appointments/{id}`)
    answers: AnswerObserver | None

    @property
    def operation(self) -> str:
        """The operationId as openapi.yaml spells it (looked up only once something differed)."""
        from .._base._refs import operation_id  # noqa: PLC0415 - the packaged spec, loaded only then

        return operation_id(self.method, self.template)


STRICT = Reading(strict=True, method="", template="", answers=None)  # a body read outside a call (tests, benchmarks)


class AnyJSON:
    """A body read as the decoded JSON, whatever it is, and an empty body as None (raw calls without `cast_to`)."""


class NotJSONError(ValueError):
    """The body is not a JSON document."""


class ShapeMismatchError(ValueError):
    """The body is JSON, but not of the shape the operation documents."""


def _fast_path_for(content: bytes) -> types.ModuleType | None:
    return None if len(content) < SMALL_BODY else fast_path()


def loads(content: bytes) -> Any:
    """The JSON value in `content`; NotJSONError when it holds none."""
    return _decoded(content, _fast_path_for(content))


def _decoded(content: bytes, fast: types.ModuleType | None) -> Any:
    """`loads`, with msgspec's decoder first when `fast` is given."""
    try:
        if fast is not None:
            try:
                return fast.json.decode(content)
            except fast.DecodeError:
                pass  # json.loads accepts a little more (NaN, a BOM, UTF-16, lone surrogates): let it decide
        return json.loads(content)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise NotJSONError(str(exc) or type(exc).__name__) from None


def parse_body(content: bytes, returns: Returns[T], reading: Reading = STRICT) -> T:
    """The payload `returns` names, read from the body; NotJSONError or ShapeMismatchError when it cannot be."""
    # The garbage collector is left alone: it is the host application's.
    if returns.model is AnyJSON:
        return loads(content) if content else None  # type: ignore[return-value]
    try:
        model = returns.model
        fast = _fast_path_for(content)
        enum_values = unknown_enum_values()
        parsed, refusal = _typed(content, model, fast)
        if parsed is None:
            parsed = _not_typed(content, returns, fast, reading, refusal)
        elif unknown_enum_values() != enum_values:  # the one difference the typed form reads
            _observe(reading, model, parsed, Noted(), counted=True)
        return returns.payload(parsed)
    except NotJSONError:
        raise
    except Exception as exc:  # whatever the generated model raises for a shape it does not expect
        raise ShapeMismatchError(_mismatch(content, returns.model, exc)) from exc


def _mismatch(content: bytes, model: type, error: Exception) -> str:
    """What is wrong with a body the model could not be read from: every required field it lacks
    (the model's KeyError names the first only), else the error as it was."""
    missing = missing_fields(model, loads(content)) if isinstance(error, KeyError) else []
    if missing:
        return f"required fields missing ({len(missing)}): {', '.join(missing)}"
    return f"{type(error).__name__}: {error}"


def _typed(content: bytes, model: type, fast: types.ModuleType | None) -> tuple[Any, Exception | None]:
    """The body read through the model's typed form, or None and what that form said when it refused it."""
    typed = None if fast is None else typed_parser(model)
    if typed is not None:
        try:
            return typed(content), None
        except Exception as exc:  # msgspec.ValidationError is no ValueError: the lenient path decides
            # Its message only: the traceback would hold the models in a cycle (7 us an answer to free).
            return None, exc.with_traceback(None)
    return None, None


def _not_typed(
    content: bytes, returns: Returns[Any], fast: types.ModuleType | None, reading: Reading, refusal: Any
) -> Any:
    """The model from a body the typed form did not read: typed around what it refused, else from the decoded body."""
    model: type = returns.model  # a class: what typed_parser's cache hashes
    typed = None if fast is None else typed_parser(model)  # it refused: something differs, most likely
    answers = None if reading.strict else reading.answers  # what reads around a refusal, and records it
    parsed = None if typed is None or answers is None else _around(content, returns, (typed, refusal), reading, answers)
    return parsed if parsed is not None else _read(_decoded(content, fast), returns, reading, typed is not None)


def _read(document: Any, returns: Returns[Any], reading: Reading, typed_refused: bool = False) -> Any:
    """The model read from a decoded body the typed form did not read, its differences from the spec
    observed; refused, even read leniently, when there is nothing to return (docs/spec-drift.md)."""
    counts = (unknown_fields(), unknown_enum_values())
    parsed, found, failure = _from_document(document, returns.model, reading, typed_refused)
    # New fields or enum values inside, which the strict reader reads: look for them.
    counted = counts != (unknown_fields(), unknown_enum_values())
    _observe(reading, returns.model, parsed, Noted(found), counted=counted)
    if failure is not None and reading.strict:
        raise failure
    if returns.unwrap is not None and returns.unwrap in unread_fields(parsed):  # no payload to return
        raise failure if failure is not None else _strict_error(returns.model, document)
    return parsed


def _from_document(
    document: Any, model: Any, reading: Reading, typed_refused: bool
) -> tuple[Any, Found, Exception | None]:
    """The model read from a decoded body, what differs if it was read leniently, and the strict reader's error."""
    failure = None
    # Read leniently, a body the typed form refused goes field by field at once: strict would most likely fail too.
    if not (typed_refused and not reading.strict and isinstance(document, dict)):
        try:
            return model.from_dict(document), [], None
        except Exception as exc:  # what the strict reader refuses (see parse_body)
            if not isinstance(document, dict):
                raise
            failure = exc
    found: Found = []
    return read_lenient(model, document, reading.operation, found=found, strict_first=False), found, failure


def _observe(reading: Reading, model: type, parsed: Any, noted: Noted, *, counted: bool) -> None:
    """Tell `reading.answers` what differs: what was `noted`, or all `parsed` shows when new fields or values were
    `counted` (the strict reader read them)."""
    if reading.answers is not None and (counted or noted.found or noted.models):
        found, models = ([], [(parsed, "")]) if counted else (noted.found, noted.models)
        reading.answers.read(reading.operation or model.__name__, found, models)


def _strict_error(model: Any, document: Any) -> Exception:
    """What the strict reader says of `document` (raised only if the lenient reading cannot return it)."""
    try:
        model.from_dict(document)
    except Exception as exc:
        return exc
    return ValueError("the answer differs from openapi.yaml")


def _around(
    content: bytes,
    returns: Returns[Any],
    refused: tuple[Callable[[bytes], Any], Exception],
    reading: Reading,
    answers: AnswerObserver,
) -> Any:
    """A page or an object the typed form refused (`refused`: the form, what it said), read typed around its few
    items or fields by what records the differences (`answers`); None when it cannot be."""
    enum_values = unknown_enum_values()
    around = answers.around(content, returns.model, *refused, reading.operation)
    if around is None:
        return None
    parsed, noted = around  # new enum values, which the typed form reads: look for them
    _observe(reading, returns.model, parsed, noted, counted=enum_values != unknown_enum_values())
    return parsed
