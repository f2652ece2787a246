"""A request's query string, or a `ValueError` naming the query parameter that cannot go as given.

Written once for every sender, as httpx2's `QueryParams` writes it, refusing what that would send as a
Python repr (`bytes`, a `dict`) and what docs/configuration.md lists.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote_plus

from .._base.arguments import ArgumentError
from .coerce import UNRESERVED

# The request line within the 8 KiB servers and proxies accept (docs/configuration.md), on every sender.
URL_MAX_LENGTH = 8000


def with_query(url: str, params: Mapping[str, Any] | None) -> str:
    """`url` with `params` as its query string, or `ValueError` naming a parameter that cannot go as given."""
    if not params:
        if len(url) > URL_MAX_LENGTH:
            raise ValueError(
                f"the URL would be {len(url):,} characters long, more than the {URL_MAX_LENGTH:,} that servers "
                "commonly accept; its path parameters are too long together"
            )
        return url
    encoded = [(name, _pairs(name, value)) for name, value in params.items()]
    query = "&".join(pair for _, pairs in encoded for pair in pairs)
    if not query:  # only empty lists: nothing to send, not even the "?"
        return with_query(url, None)
    url = f"{url}?{query}"
    if len(url) > URL_MAX_LENGTH:
        name, pairs = max(encoded, key=lambda item: sum(map(len, item[1])))
        raise ArgumentError(
            f"the URL would be {len(url):,} characters long with its query, more than the {URL_MAX_LENGTH:,} that "
            f"servers commonly accept; query parameter {{0}} takes {sum(map(len, pairs)):,} of them",
            name,
        )
    return url


def _pairs(name: str, value: Any) -> list[str]:
    """`name=value` once per value of one parameter (an array parameter has several, or none)."""
    key = _encoded(name, name, None)
    if isinstance(value, list | tuple):
        return [f"{key}={_encoded(item, name, index)}" for index, item in enumerate(value)]
    return [f"{key}={_encoded(value, name, None)}"]


def _encoded(value: object, name: str, index: int | None) -> str:
    """One value as the query carries it; `name` and `index` say which, should it be refused."""
    if isinstance(value, str):  # a subclass, such as a StrEnum member, goes as its text
        text = value
    elif isinstance(value, bool):
        return str(value).lower()
    elif isinstance(value, int):  # an IntEnum member goes as its number
        return _integer(value, name, index)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _refused(name, index, f"is {value!r}, which is not a number a server can read")
        text = float.__repr__(value)  # "1e+16": the "+" is encoded
    else:
        raise _refused(name, index, f"must be text or a number (got {type(value).__name__}: {value!r:.100})")
    # The common value (an id, a number, a date) needs no encoding: string methods tell, without quote_plus.
    if text.isascii() and (text.isalnum() or not text.strip(UNRESERVED)):
        return text
    try:
        return quote_plus(text)
    except UnicodeEncodeError:
        raise _refused(name, index, "holds a lone surrogate character, which cannot be sent as UTF-8") from None


def _integer(value: int, name: str, index: int | None) -> str:
    try:
        return int.__repr__(value)  # digits and a sign: nothing to encode
    except ValueError:  # more digits than Python converts to text (4,300 by default)
        raise _refused(name, index, "is a number too long to send") from None


def _refused(name: str, index: int | None, reason: str) -> ArgumentError:
    return ArgumentError.of(name, reason if index is None else f"(item {index}) {reason}", lead="query parameter ")
