"""A keyword an operation does not take, refused with the operation's parameters and the nearest one.

A misspelled parameter (`start=` for `from_=`) lands among the `**options`; named as an unknown
request option, it would point away from its fix. What an operation takes is read from its
generated method (signature and `Args:`), only when a call is refused.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import re
from collections.abc import Callable, Collection, Mapping
from typing import Any

# One parameter of the `Args:` section of a generated method's docstring (after `inspect.getdoc`).
_ARG_LINE = re.compile(r"^ {4}(\w+): (.*)$", re.MULTILINE)


def unknown_keywords_message(unknown: Collection[str], options: Collection[str], operation: str) -> str:
    """The message refusing `unknown` keywords of a call; `operation` is its `tag.method` ("" for none)."""
    words = sorted(unknown)
    plural = "s" if len(words) > 1 else ""
    quoted = ", ".join(map(repr, words))
    listed = ", ".join(sorted(options))
    parameters = operation_parameters(operation)
    hint = _nearest_hint(words, parameters, options)
    if not parameters:
        return f"unknown request option{plural} {quoted};{hint} the options are {listed}"
    method = operation.rpartition(".")[2]
    return (
        f"unknown argument{plural} {quoted} to {method}();{hint} parameters: {', '.join(parameters)}; "
        f"request options: {listed}"
    )


def operation_parameters(operation: str) -> dict[str, str]:
    """The keyword parameters of the operation's method, in order, each with its description's first line."""
    method = _method(operation)
    if method is None:
        return {}
    described = dict(_ARG_LINE.findall(inspect.getdoc(method) or ""))
    kinds = (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)  # `**options` left out
    keywords = [name for name, parameter in inspect.signature(method).parameters.items() if parameter.kind in kinds]
    return {name: described.get(name, "") for name in keywords if name != "self"}


def _method(operation: str) -> Callable[..., Any] | None:
    """The generated resource method `tag.method` names (`AppointmentsResource.get_appointments`), or None."""
    tag, _, name = operation.partition(".")
    try:
        module = importlib.import_module(f"pexip_engage_client._generated.api.{tag}")
    except ImportError:  # not a tag of the spec (or no operation named at all)
        return None
    # The tag's resource class, as its module exports it beside the raw-response one.
    resources = [getattr(module, exported) for exported in getattr(module, "__all__", ()) if "Raw" not in exported]
    method = getattr(resources[0], name, None) if resources else None
    return method if callable(method) else None


def _nearest_hint(unknown: list[str], parameters: Mapping[str, str], options: Collection[str]) -> str:
    """` did you mean 'x'?` (for several: `'x' for 'y', ...`), for the unknown keywords with a near one."""
    found = [(word, nearest) for word in unknown if (nearest := _nearest(word, parameters, options))]
    if not found:
        return ""
    if len(unknown) == 1:
        return f" did you mean {found[0][1]!r}?"
    return f" did you mean {', '.join(f'{nearest!r} for {word!r}' for word, nearest in found)}?"


def _nearest(word: str, parameters: Mapping[str, str], options: Collection[str]) -> str | None:
    """The known keyword nearest to `word`: the one parameter its description starts with, else by spelling.

    The spec's descriptions lead `start` to `from_` with no hand-kept aliases; spelling would say `status`.
    """
    lowered = word.lower().strip("_")
    described = [name for name, text in parameters.items() if text.lower().partition(" ")[0] == lowered]
    if len(described) == 1:
        return described[0]
    close = difflib.get_close_matches(word, [*parameters, *options], n=1)
    return close[0] if close else None
