"""Checks and conversions of what callers pass to operation methods, before anything is sent.

Anything the spec does not allow raises `ArgumentError`, so a typo is never sent silently (docs/calling-operations.md).
"""

import datetime
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol, TypeVar
from urllib.parse import quote

from .._base.arguments import ArgumentError, escaped, template
from .._base.timing import aware, parse_date, parse_datetime
from .json_types import has_utf8_form, joined_path
from .model_types import BODY_MAX_DEPTH, json_kind, json_misfits, walk
from .unset import Unset


class _SpecEnum(Protocol):
    @property
    def is_known(self) -> bool: ...


E = TypeVar("E", bound=_SpecEnum)


class _Model(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


M = TypeVar("M", bound=_Model)
T = TypeVar("T")


def required(value: T, name: str) -> T:
    """A required parameter's argument; `None` is refused (it leaves out only an optional one)."""
    if value is None:
        raise ArgumentError.of(name, "is required, so it cannot be None (None leaves out only optional parameters)")
    return value


def check_scalar(value: T, expected: type, name: str) -> T:
    """An `int` or `bool` parameter's argument (not `True` for an int), else `ArgumentError` naming it; UNSET passes."""
    if isinstance(value, Unset) or (isinstance(value, expected) and not (expected is int and isinstance(value, bool))):
        return value
    raise ArgumentError.of(name, f"must be {expected.__name__} (got {type(value).__name__}: {value!r:.100})")


def coerce_enum(enum: Callable[[str], E], value: Any, name: str) -> Any:
    """A parameter's enum value from the enum or its plain string; refuses what the spec does not list; UNSET passes."""
    if isinstance(value, Unset):
        return value
    member = enum(value) if isinstance(value, str) else None
    if member is None or not member.is_known:
        raise ArgumentError.of(name, f": {value!r} is not a value the API defines")
    return member


def coerce_enums(enum: Callable[[str], E], value: Any, name: str) -> Any:
    """A list parameter's enum values from a list or tuple (or UNSET); a bare string is refused, named."""
    if isinstance(value, Unset):
        return value
    if not isinstance(value, list | tuple):
        hint = f"; for one value, give [{value!r}]" if isinstance(value, str) else ""
        kind = getattr(enum, "__name__", "enum")
        raise ArgumentError.of(name, f"must be a list of {kind} values (got {type(value).__name__}){hint}")
    return [coerce_enum(enum, item, f"{name}[{index}]") for index, item in enumerate(value)]


def coerce_datetime(value: Any, name: str) -> Any:
    """A date-time parameter from a `datetime` or ISO 8601 text, with its UTC offset (UNSET passes through)."""
    if isinstance(value, Unset):
        return value
    return aware(value, name, _refused_datetime, text=True)


def _refused_datetime(why: str, name: str, value: object) -> ArgumentError:
    if why == "naive":
        return ArgumentError.of(name, f"{_NO_OFFSET} (got {value!r:.100})", f"{_NO_OFFSET_PLAIN} (got {value!r:.100})")
    return ArgumentError.of(name, f"must be a datetime.datetime or ISO 8601 text (got {value!r:.100})")


# Why a date-time without an offset is refused, and what to do instead (in Python; in JSON).
_NO_OFFSET, _NO_OFFSET_PLAIN = (
    f"has no timezone, so the API cannot tell which instant it is: {advice} ('2030-01-01T09:00:00+01:00' or '...Z')"
    for advice in (
        "give an aware datetime (tzinfo=datetime.UTC, say) or text with an offset",
        "give it with a UTC offset",
    )
)


def field_datetime(value: object, name: str) -> datetime.datetime:
    """A model's date-time field read from its JSON object: ISO 8601 text, or a `datetime` as the model's own
    constructor takes it (a dict body may hold one, and is then sent as the model sends it: `isoformat()`; a naive
    one is refused by the body's walk, naming the field: `coerce_body`). TypeError/ValueError naming `name`."""
    if isinstance(value, datetime.datetime):
        return value
    return parse_datetime(value, name)


def field_date(value: object, name: str) -> datetime.date:
    """A model's date field read from its JSON object: ISO 8601 text (YYYY-MM-DD), or a `date` as the model takes
    it; a `datetime` is refused (its time and zone would be dropped). TypeError/ValueError naming `name`."""
    if isinstance(value, datetime.datetime):
        raise TypeError(f"{name} must be a datetime.date or ISO 8601 date text, not a datetime")
    if isinstance(value, datetime.date):
        return value
    return parse_date(value, name)


def coerce_date(value: Any, name: str) -> Any:
    """A date parameter from a `date` or ISO 8601 text (UNSET passes through)."""
    if isinstance(value, Unset) or (isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value, name)
        except ValueError:
            pass
    raise ArgumentError.of(name, f"must be a datetime.date or ISO 8601 text (got {value!r})")


def coerce_body(model: Callable[[Mapping[str, Any]], M], value: M | Mapping[str, Any], name: str) -> M:
    """`value`, a request model or its JSON object, as the model; `ArgumentError` naming a missing or wrong field, one
    or an enum value the schema does not define, or nesting deeper than `BODY_MAX_DEPTH` (a model holding itself)."""
    if isinstance(value, Mapping):
        converted = _from_mapping(model, value, name)
        unknown = _keys_lost(value, converted.to_dict(), name)
    else:
        expected = getattr(model, "__self__", None)  # the model class, `model` being its from_dict
        if expected is not None and not isinstance(value, expected):
            raise ArgumentError.of(
                name,
                f"must be a {expected.__name__} or its JSON object (got {type(value).__name__})",
                f"must be a JSON object (got {json_kind(value)})",
            )
        converted, unknown = value, []
    found = walk(converted)
    if found.too_deep is not None:
        raise _too_deep(name, found.too_deep)
    if not isinstance(value, Mapping):
        _written_out(value, name, found.misfits)
    if found.naive:
        raise ArgumentError.of(name, f".{found.naive[0]} {_NO_OFFSET}", f".{found.naive[0]} {_NO_OFFSET_PLAIN}")
    if unknown or found.beyond_spec:
        listed = _listed(unknown + found.beyond_spec, _names(model))
        raise ArgumentError.of(name, f"has fields or values the API does not define: {listed}")
    return converted


def _written_out(model: Any, name: str, wrong: list[str]) -> None:
    """A model built by hand, as `to_dict` writes it (where a wrong type fails): `ArgumentError` naming `wrong`."""
    try:
        model.to_dict()
    except (AttributeError, TypeError):
        if not wrong:
            raise
        raise ArgumentError.of(name, "; ".join(joined_path(name, misfit) for misfit in wrong)[len(name) :]) from None


def _from_mapping(model: Callable[[Mapping[str, Any]], M], value: Mapping[str, Any], name: str) -> M:
    """The model made from its JSON object, or `ArgumentError` naming the field that could not be read (a misspelt
    field most often shows as a required one missing: the unknown fields are named beside it)."""
    try:
        return model(value)
    except KeyError as exc:  # its key is the field's path, `participants[0].email` when nested
        path, _, field = str(exc.args[0]).rpartition(".")
        where = joined_path(name, path) if path else name
        known = _names(model)
        unknown = [key for key in value if isinstance(key, str) and key not in known] if known else []
        also = f"; {{0}} has fields the API does not define: {escaped(_listed(unknown, known))}" if unknown else ""
        raise ArgumentError(
            f"{template(where[len(name) :])} is missing the required field {escaped(repr(field))}{also}", name
        ) from None
    except (TypeError, ValueError) as exc:  # the message leads with the field's path
        python = joined_path(name, str(exc))
        misfits = json_misfits(getattr(model, "__self__", None), value)  # the same, in JSON's words
        # (Python's words of an enum's item: its value after a dot)
        ends = (" ", ".")
        plain = next(
            (
                f"{at} {why}"
                for at, why in misfits
                if python.startswith(tuple(joined_path(name, at) + end for end in ends))
            ),
            "",
        )
        raise ArgumentError.of(name, python[len(name) :], plain and joined_path(name, plain)[len(name) :]) from None


def _names(model: Callable[..., Any]) -> tuple[str, ...]:
    """The JSON names a generated model's `from_dict` defines (its class's `JSON_NAMES`); () if unknown."""
    names = getattr(getattr(model, "__self__", None), "JSON_NAMES", ())
    return names if isinstance(names, tuple) else ()


def _listed(paths: Iterable[str], known: Sequence[str]) -> str:
    return ", ".join(_with_hint(path, known) for path in sorted(paths))


def _with_hint(path: str, known: Sequence[str]) -> str:
    """`path`, with the field it likely meant: the camelCase of a snake_case key, else the nearest known name."""
    key = path.rsplit(".", 1)[-1]
    if "=" in key or "[" in key or " " in path:  # a value's path and what is wrong with it: no name to guess
        return path
    head, *rest = key.split("_")
    camel = head + "".join(word[:1].upper() + word[1:] for word in rest)
    # Nested, the model's names are not at hand: the camelCase is the likely one. At the top, only a real one.
    if rest and head and (path != key or not known or camel in known):
        return f"{path} (did you mean {camel!r}?)"
    import difflib  # noqa: PLC0415 - only for a refused body: a call must not load it

    nearest = difflib.get_close_matches(key, known, n=1, cutoff=0.6) if path == key else []
    return f"{path} (did you mean {nearest[0]!r}?)" if nearest else path


def coerce_bodies(model: Callable[[Mapping[str, Any]], M], value: Any, name: str) -> list[M]:
    """A list request body: each item as `coerce_body` takes it; anything but a list is refused."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence):
        raise ArgumentError.of(
            name, f"must be a list (got {type(value).__name__})", f"must be a JSON array (got {json_kind(value)})"
        )
    return [coerce_body(model, item, f"{name}[{index}]") for index, item in enumerate(value)]


def _too_deep(name: str, path: str) -> ArgumentError:
    return ArgumentError.of(name, f".{path} is nested more than {BODY_MAX_DEPTH} levels deep (or contains itself)")


def _keys_lost(given: Any, kept: Any, name: str, prefix: str = "", depth: int = 0) -> list[str]:
    """Dotted paths of the mapping keys in `given` (the body `name`) that did not survive into `kept`."""
    if given is kept:  # passed through as given (a free-form value, a field beyond the schema): nothing lost
        return []
    if depth >= BODY_MAX_DEPTH:  # a Mapping that makes new values as it is read could go on forever
        raise _too_deep(name, prefix.rstrip("."))
    lost: list[str] = []
    if isinstance(given, Mapping) and isinstance(kept, Mapping):
        for key, value in given.items():
            path = f"{prefix}{key}"
            if key not in kept:
                lost.append(path)
            else:
                lost.extend(_keys_lost(value, kept[key], name, path + ".", depth + 1))
    elif isinstance(given, list) and isinstance(kept, list):
        for index, (item, kept_item) in enumerate(zip(given, kept, strict=False)):
            lost.extend(_keys_lost(item, kept_item, name, f"{prefix.rstrip('.')}[{index}].", depth + 1))
    return lost


# Keeps the request line far below what servers accept (8 KiB), even with every character percent-encoded.
PATH_PARAMETER_MAX_LENGTH = 1024


def validate_path_parameter(value: object, name: str) -> str:
    """A path parameter must be a non-empty string of at most `PATH_PARAMETER_MAX_LENGTH` characters, all UTF-8."""
    if type(value) is not str and not isinstance(value, str):  # the common case in one comparison
        raise ArgumentError.of(name, f"must be a string (got {type(value).__name__}: {value!r:.100})")
    if not value or len(value) > PATH_PARAMETER_MAX_LENGTH:
        raise ArgumentError.of(
            name, f"must be a non-empty string of at most {PATH_PARAMETER_MAX_LENGTH} characters (got {len(value)})"
        )
    if not value.isascii() and not has_utf8_form(value):
        raise ArgumentError.of(name, "holds a lone surrogate character, which cannot be sent as UTF-8")
    return value


# Characters a URL carries as they are (RFC 3986 "unreserved"); ids are nearly always made of these.
UNRESERVED = string.ascii_letters + string.digits + "._~-"


def path_segment(value: str) -> str:
    """A path parameter as one percent-encoded segment: a `/` or `?` in it cannot change the path."""
    # String methods rather than a regular expression, whose code is out of the CPU's caches inside a real call.
    if value.isascii() and (value.isalnum() or not value.strip(UNRESERVED)):
        return value
    return quote(value, safe="")
