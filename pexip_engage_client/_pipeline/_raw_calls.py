"""`engage.get/post/put/patch/delete(path, ...)`: calls the spec does not describe, through the same pipeline.

See docs/calling-operations.md#per-call-options-and-raw-calls."""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from .._base.arguments import mapping
from .._runtime import RequestOptions, Returns
from ._decode import AnyJSON

if TYPE_CHECKING:
    from typing import Unpack

    from typing_extensions import TypeVar

    from .._runtime import Invoker

    # What `cast_to` is read as (Any without one); never evaluated at run time.
    M = TypeVar("M", default=Any)

# What a path may hold as it is: RFC 3986's path characters; the caller percent-encodes the rest.
_PATH_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@/%")


_JSON_VALUE: Returns[Any] = Returns.model_of(AnyJSON)
# A raw call's name in traces and hooks.
_OPERATIONS = {method: f"engage.{method.lower()}" for method in ("GET", "POST", "PUT", "PATCH", "DELETE")}


class RawCalls:
    """The raw-call methods of `PexipEngage`, one per HTTP method."""

    _invoke: Invoker  # the client's pipeline, observed when telemetry is on (set by `Resources`)

    async def get(
        self,
        path: str,
        *,
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        cast_to: type[M] | None = None,
        **options: Unpack[RequestOptions],
    ) -> M:
        """`GET <enterprise>/<path>`, for what the generated operations do not cover.

        Args:
            path: Relative to the enterprise (`"/appointments/123"`), percent-encoded where needed;
                no query: that goes in `params`.
            params: Query parameters by wire name: text, numbers, or lists of them.
            headers: More headers, as the `extra_headers` option (the client's own cannot be replaced).
            cast_to: A generated model (`pexip_engage_client.models`) the whole body is read as
                (the API's `{"data": ...}` answers are the `...Response` models); without one, the
                decoded JSON is returned as it is (None for an empty body).
            **options: Per-call `RequestOptions`.

        Raises:
            ValueError: The path, a parameter or a header cannot be sent as given.
            TypeError: `cast_to` is not a generated model.
            pexip_engage_client.errors.PexipEngageError: As any operation raises (`APIError` per
                status, `APIConnectionError`, `UnexpectedResponseError`).
        """
        return await self._raw("GET", path, params, None, headers, cast_to=cast_to, options=options)

    async def delete(
        self,
        path: str,
        *,
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        cast_to: type[M] | None = None,
        **options: Unpack[RequestOptions],
    ) -> M:
        """`DELETE <enterprise>/<path>`; the arguments and errors are those of `get`."""
        return await self._raw("DELETE", path, params, None, headers, cast_to=cast_to, options=options)

    async def post(
        self,
        path: str,
        *,
        params: Mapping[str, object] | None = None,
        json: object = None,
        headers: Mapping[str, str] | None = None,
        cast_to: type[M] | None = None,
        **options: Unpack[RequestOptions],
    ) -> M:
        """`POST <enterprise>/<path>` with `json` as the body (None: no body), sent as given (wire names).

        The body must be JSON (a `ValueError` names the path of a value that is not); the other arguments
        and the errors are those of `get`. A POST is retried only where the server said it did not process it.
        """
        return await self._raw("POST", path, params, json, headers, cast_to=cast_to, options=options)

    async def put(
        self,
        path: str,
        *,
        params: Mapping[str, object] | None = None,
        json: object = None,
        headers: Mapping[str, str] | None = None,
        cast_to: type[M] | None = None,
        **options: Unpack[RequestOptions],
    ) -> M:
        """`PUT <enterprise>/<path>`; the arguments and errors are those of `post`."""
        return await self._raw("PUT", path, params, json, headers, cast_to=cast_to, options=options)

    async def patch(
        self,
        path: str,
        *,
        params: Mapping[str, object] | None = None,
        json: object = None,
        headers: Mapping[str, str] | None = None,
        cast_to: type[M] | None = None,
        **options: Unpack[RequestOptions],
    ) -> M:
        """`PATCH <enterprise>/<path>`; the arguments and errors are those of `post`."""
        return await self._raw("PATCH", path, params, json, headers, cast_to=cast_to, options=options)

    async def _raw(
        self,
        method: str,
        path: str,
        params: Mapping[str, object] | None,
        json: object,
        headers: Mapping[str, str] | None,
        *,
        cast_to: type[M] | None,
        options: RequestOptions,
    ) -> M:
        request: dict[str, Any] = {"method": method, "url": _checked_path(path), "operation": _OPERATIONS[method]}
        if params is not None:
            request["params"] = dict(mapping(params, "params"))
        if json is not None:
            request["json"] = json
        if headers is not None:
            if "extra_headers" in options:
                raise ValueError("pass headers or the extra_headers option, not both")
            options = {**options, "extra_headers": headers}
        response = await self._invoke(request, _JSON_VALUE if cast_to is None else _returns(cast_to), options)
        return cast("M", response.data)


def _checked_path(path: object) -> str:
    if not isinstance(path, str):
        raise ValueError(f"path must be a string (got {type(path).__name__}: {path!r:.100})")
    if not path.startswith("/"):
        raise ValueError(f"path must start with '/', relative to the enterprise (got {path!r:.100})")
    if not _PATH_CHARACTERS.issuperset(path):
        raise ValueError(
            f"path may hold only URL path characters (got {path!r:.100}); percent-encode the others, "
            "and pass a query as params"
        )
    return path


def _returns(cast_to: type[Any]) -> Returns[Any]:
    """What the body is read as for a `cast_to`: only a generated model, whose reading the pipeline knows."""
    generated = isinstance(cast_to, type) and cast_to.__module__.startswith("pexip_engage_client._generated.models")
    if not generated or not hasattr(cast_to, "from_dict"):
        raise TypeError(f"cast_to must be a model of pexip_engage_client.models, or None for JSON (got {cast_to!r})")
    return Returns.model_of(cast_to)
