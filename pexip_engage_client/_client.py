"""`PexipEngage`: the async client for one enterprise of the Pexip Engage API."""

from __future__ import annotations

import os
import ssl
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, TypedDict, TypeVar, cast, get_args
from urllib.parse import urlsplit

from ._base.arguments import ArgumentError, counted
from ._base.is_async import is_async
from ._base.lazy_httpx import httpx2
from ._base.proxies import proxy_configured, proxy_for
from ._configuration._config import (
    Environment,
    accept_language_header,
    enterprise_url,
    strict_responses_requested,
    token_url,
)
from ._drift._recorder import AnswerRecorder
from ._ensuring._shared_once import SharedOnce
from ._errors import ClientClosedError
from ._generated.api import Resources
from ._limiting._governor import Governor
from ._pipeline._auth import BearerAuth, TokenProvider
from ._pipeline._lifecycle import Lifecycle
from ._pipeline._raw_calls import RawCalls
from ._pipeline._request import RequestPipeline
from ._pipeline._retry import RetryPolicy
from ._runtime.options import client_settings
from ._senders._base import DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_RESPONSE_SIZE, OutgoingRequest
from ._senders._per_process import PerProcessSender
from ._senders._tls import Verify, plain_http_context, ssl_context
from ._telemetry._stream import ObservedInvoker, ObservedSender, Telemetry

if TYPE_CHECKING:
    from ._drift._spec_drift import SpecDrift
    from ._ensuring._ensure_lock import EnsureLocks
    from ._ensuring._events import EnsureEvent
    from ._listening._events import ErrorEvent, RequestEvent, ResponseEvent, RetryEvent
    from ._listening._hooks import HookResult
    from ._listening._listeners import Listeners
    from ._pipeline._oauth import ClientCredentialsAuth
    from ._runtime import EnsureCall, Ensured, RequestOptions
    from ._runtime.options import AtSend, Middleware
    from ._scheduling._availability import Availability
    from ._senders._stacks import LegacyAsyncClient, LegacyAsyncTransport

DEFAULT_MAX_RETRIES = 2

# "httpx" is the name the default stack had before it moved to httpx2: it still means the default.
HttpBackend = Literal["httpx2", "httpx", "one-shot"]

T = TypeVar("T")


class EventHooks(TypedDict, total=False):
    """The callbacks a client's `event_hooks` takes, by kind, in the order they are called.

    Attributes:
        request: Called with a `RequestEvent` before each attempt (and each token request).
        response: Called with a `ResponseEvent` after each answer.
        retry: Called with a `RetryEvent` before the wait for a retry.
        error: Called with an `ErrorEvent` when a call fails.
        ensure: Called with an `EnsureEvent` when an `ensure_*` call succeeds (created, found or reconciled).
    """

    request: Sequence[Callable[[RequestEvent], HookResult]]
    response: Sequence[Callable[[ResponseEvent], HookResult]]
    retry: Sequence[Callable[[RetryEvent], HookResult]]
    error: Sequence[Callable[[ErrorEvent], HookResult]]
    ensure: Sequence[Callable[[EnsureEvent], HookResult]]


class PexipEngage(Resources, RawCalls):
    """The Pexip Engage API of one enterprise.

    Operations are grouped by tag, one attribute each (`engage.appointments`, ...), and are async
    methods named after their operationId; a path they do not cover is a raw call (`get`, `post`,
    `put`, `patch`, `delete`; docs/calling-operations.md#per-call-options-and-raw-calls)::

        async with PexipEngage("acme", client_id="...", client_secret="...") as engage:
            appointment = await engage.appointments.get_appointment_by_id("123")

    An argument left out is read from its environment variable, where it has one
    (docs/configuration.md#configuration lists each argument's default and variable).

    Args:
        enterprise: The enterprise identifier; every request goes to `/enterprises/<enterprise>`.
        client_id: OAuth 2.0 client id; with `client_secret`, tokens are obtained, cached and renewed.
        client_secret: OAuth 2.0 client secret.
        scopes: Scopes to ask for, e.g. `["engage:appointments:readWrite"]`; the client's defaults if None.
        auth_url: The OAuth server root instead of the environment's (needed with another `base_url`).
        token: Instead of client credentials: an access token, or an async callable returning one.
        environment: "production" (default), "staging" or "development".
        base_url: The API root instead of the environment's (`PEXIP_ENGAGE_BASE_URL`); plain http for loopback only.
        timeout: Seconds, or an `httpx2.Timeout`, for each attempt; None means 30 s, 5 s to connect.
        max_retries: How often a failed call is retried where that is safe (default 2).
        retry: How the retries wait: a `RetryPolicy`; None means `RetryPolicy()`.
        accept_language: Default `Accept-Language`: a language tag or tags in order of preference.
        http_backend: "httpx2" (default), or "one-shot": a connection per request
            (docs/choosing-the-sender.md).
        verify: The CA bundle to trust, or an `ssl.SSLContext`; verification cannot be switched off.
        max_connections: At most this many connections open at once (default 100).
        max_response_size: The largest decoded response body accepted, in bytes (default 64 MiB).
        governor: The `Governor` every request goes through; None: the API's documented limits,
            shared by the process's clients of the API host (docs/limits.md).
        transport: An httpx2 transport to send through (for instance `testing.FakePexipEngage`).
        http_client: An `httpx2.AsyncClient` to use as it is configured; not closed by `close()`.
        tracer_provider: The OpenTelemetry `TracerProvider` instead of the global one (docs/observability.md).
        meter_provider: The OpenTelemetry `MeterProvider` instead of the global one.
        event_hooks: Callbacks by kind (`"request"`, `"response"`, `"retry"`, `"error"`, `"ensure"`;
            docs/observability.md#event-hooks).
        middleware: Async functions `(request, call_next) -> response` run around each attempt of
            every call, the first given outermost (docs/middleware.md).
        log_bodies: Log each call's bodies at DEBUG, customer data and secrets masked.
        strict_responses: Refuse an answer that differs from openapi.yaml with
            `errors.UnexpectedResponseError`, as tests do (docs/spec-drift.md).
        accept_inferred: The operations openapi.yaml infers that this program relies on knowingly, by
            operationId (`["cancelAppointment"]`): the process warns of them no more
            (`PEXIP_ENGAGE_ACCEPT_INFERRED`, comma-separated, when left out; docs/lifecycle-actions.md).

    Attributes:
        spec_drift: What the API's answers were seen to send unlike openapi.yaml
            (`spec_drift.records()`, `spec_drift.overlay()`), shared with `with_options()` clients.

    Raises:
        ValueError: An argument is invalid or missing (the message says which and why).
    """

    def __init__(
        self,
        enterprise: str | None = None,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        scopes: Sequence[str] | None = None,
        auth_url: str | None = None,
        token: str | TokenProvider | None = None,
        environment: Environment | None = None,
        base_url: str | None = None,
        timeout: float | httpx2.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry: RetryPolicy | None = None,
        accept_language: str | Sequence[str] | None = None,
        transport: httpx2.AsyncBaseTransport | LegacyAsyncTransport | None = None,
        http_client: httpx2.AsyncClient | LegacyAsyncClient | None = None,
        http_backend: HttpBackend | None = None,
        verify: Verify = None,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        tracer_provider: Any = None,
        meter_provider: Any = None,
        event_hooks: EventHooks | None = None,
        middleware: Sequence[Middleware | AtSend[Middleware]] | None = None,
        governor: Governor | None = None,
        log_bodies: bool | None = None,
        strict_responses: bool | None = None,
        accept_inferred: Sequence[str] | None = None,
    ) -> None:
        if transport is not None and http_client is not None:
            raise ValueError("pass either transport or http_client, not both")
        governor = _optional("governor", governor, Governor)
        if governor is None and getattr(transport, "keeps_documented_limits", True) is False:
            governor = Governor.unlimited()  # the transport (the fake) says it keeps no limits
        # Which middleware the client calls: async functions, or plain ones (SyncPexipEngage).
        settings = client_settings(timeout, max_retries, middleware, asynchronous=True if is_async() else False)  # noqa: SIM210
        _accept_inferred(accept_inferred)
        retry = _optional("retry", retry, RetryPolicy) or RetryPolicy()
        accept_language = accept_language_header(accept_language)
        location = _located(enterprise, environment, base_url)
        self.enterprise: str = location.enterprise
        enterprise = self.enterprise
        self._base_url = location.url
        if governor is not None:  # a shared limit is one per enterprise and API host unless named
            scheme, host_and_port = urlsplit(self._base_url)[:2]
            governor.name_by_default(f"{enterprise}@{scheme}://{host_and_port}")
        self.auth: BearerAuth | ClientCredentialsAuth = _choose_auth(
            location,
            token=token,
            client_id=client_id,
            client_secret=client_secret,
            scopes=scopes,
            auth_url=_setting(auth_url, "AUTH_URL"),
        )
        if transport is None and http_client is None:
            _refuse_under_respx(self._base_url)
        self._sender = _choose_sender(
            transport,
            http_client,
            http_backend=http_backend,
            verify=verify,
            plain_http=verify is None and _plain_http_only(self._base_url, self.auth),
            max_connections=counted(max_connections, "max_connections"),
            max_response_size=counted(max_response_size, "max_response_size"),
        )
        self._lifecycle = Lifecycle()
        self._telemetry = Telemetry(
            _listeners(
                event_hooks,
                tracer_provider=tracer_provider,
                meter_provider=meter_provider,
                log_bodies=log_bodies,
                token_url=None if isinstance(self.auth, BearerAuth) else self.auth.token_url,
                enterprise=enterprise,
            ),
            now=event_hooks is not None or (log_bodies is None and bool(os.environ.get("PEXIP_ENGAGE_LOG"))),
            traced=tracer_provider is not None or meter_provider is not None,
        )
        self._ensure_locks: SharedOnce[EnsureLocks] = SharedOnce()  # the ensures' turns, shared with siblings
        self._spec_drift: SharedOnce[SpecDrift] = SharedOnce()  # made when first read or first seen, shared too
        # The layers of a call, from the generated method down: `_Invoker` (the call's event stream), the pipeline,
        # `ObservedSender` (each attempt's events), the `PerProcessSender` over the HTTP stack's sender.
        self._pipeline = RequestPipeline(
            ObservedSender(self._sender),
            self.auth,
            lifecycle=self._lifecycle,
            base_url=self._base_url,
            settings=settings,
            accept_language=accept_language,
            retry_policy=retry,
            governor=governor,
            enterprise=enterprise,
            strict_responses=strict_responses_requested(strict_responses),
            answers=AnswerRecorder(lambda: self.spec_drift),
        )
        super().__init__(_Invoker(self._pipeline, self._telemetry, self._ensure_locks))

    def with_options(
        self,
        *,
        timeout: float | httpx2.Timeout | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        middleware: Sequence[Middleware | AtSend[Middleware]] | None = None,
    ) -> PexipEngage:
        """This client with another timeout, retry budget, retry policy or middleware (which replaces this one's:
        `[*engage.middleware, more]` adds to it); what is left out (None) stays as it is.

        The new client shares this one's connections, tokens, lifecycle, telemetry and event loop:
        closing either closes both. Per-call options still win (docs/errors-and-retries.md#timeouts-and-retries).

        Raises:
            ValueError: `timeout` or `max_retries` is invalid, `retry` is not a `RetryPolicy`, or `middleware`
                holds something that is not an async function.
        """
        pipeline = self._pipeline.with_settings(
            self._pipeline.settings.with_client(timeout, max_retries, middleware),
            _optional("retry", retry, RetryPolicy),
        )
        sibling = object.__new__(type(self))
        sibling.enterprise, sibling._base_url, sibling.auth = self.enterprise, self._base_url, self.auth
        sibling._sender, sibling._lifecycle, sibling._pipeline = self._sender, self._lifecycle, pipeline
        sibling._telemetry, sibling._ensure_locks = self._telemetry, self._ensure_locks
        sibling._spec_drift = self._spec_drift
        Resources.__init__(sibling, _Invoker(pipeline, self._telemetry, self._ensure_locks))
        return sibling

    def __repr__(self) -> str:
        name = type(self).__name__  # SyncPexipEngage's too
        return f"{name}(enterprise={self.enterprise!r}, base_url={self._base_url!r}, auth={self.auth!r})"

    @property
    def spec_drift(self) -> SpecDrift:
        """What the API's answers were seen to send unlike openapi.yaml (`spec_drift.records()`,
        `spec_drift.overlay()`), shared with `with_options()` clients (docs/spec-drift.md)."""
        return self._spec_drift.get_or_make(self._new_spec_drift)

    def _new_spec_drift(self) -> SpecDrift:
        """The record of the differences, made by the first read of `spec_drift` or the first difference seen: a
        program whose answers match openapi.yaml never loads spec drift's module."""
        from ._drift._spec_drift import SpecDrift, drift_counter  # noqa: PLC0415

        return SpecDrift(drift_counter(self._telemetry.instruments))

    @cached_property
    def availability(self) -> Availability:
        """The `availability` operations, and `free_busy`: an employee's free and busy time (docs/free-busy.md)."""
        from ._scheduling._availability import Availability  # noqa: PLC0415 (loaded when first used, as the resources are)

        return Availability(self._invoke)

    @property
    def middleware(self) -> tuple[Middleware | AtSend[Middleware], ...]:
        """The middleware run around each attempt of every call, in order (docs/middleware.md)."""
        return self._pipeline.settings.middleware

    @property
    def base_url(self) -> httpx2.URL:
        """The URL every operation's path is relative to: `<api root>/enterprises/<enterprise>/`."""
        return httpx2.URL(self._base_url)

    async def close(self) -> None:
        """Close the client: end the calls in flight, then close the connections it opened.

        Each call in flight, and every later call, raises `ClientClosedError`; an `http_client` passed
        in is left open (docs/errors-and-retries.md#lifecycle).

        Raises:
            WrongEventLoopError: The client was used in another event loop, whose connections
                cannot be closed from this one (the client is closed all the same).
        """
        await self._lifecycle.close(self._release)

    async def _release(self) -> None:
        """What the calls used, once none is left: the pipeline's (a token request, the sender), the ensures'."""
        await self._pipeline.aclose()
        locks = self._ensure_locks.get()
        if locks is not None:
            await locks.aclose()  # the lease backends (a Redis connection pool)

    async def __aenter__(self) -> PexipEngage:
        if self._lifecycle.closed:
            raise ClientClosedError("the client is closed; create a new PexipEngage to use it in async with")
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()


class _Invoker(ObservedInvoker):
    """What the generated resources call (`Invoker`): each call, observed; an `ensure_*` through its room."""

    def __init__(self, pipeline: RequestPipeline, telemetry: Telemetry, locks: SharedOnce[EnsureLocks]) -> None:
        super().__init__(pipeline, telemetry)
        self._settings, self._locks = pipeline, locks

    async def ensure(self, call: EnsureCall[T], options: RequestOptions) -> Ensured[T]:
        """An `ensure_*` method (`Invoker.ensure`), with this client's settings (docs/safe-writes.md)."""
        from ._ensuring._ensure import ensure_call  # noqa: PLC0415 - loaded by the first ensure only

        return await ensure_call(call, options, self._settings, self._telemetry, self._locks)


def _listeners(
    event_hooks: EventHooks | None,
    *,
    tracer_provider: Any,
    meter_provider: Any,
    token_url: str | None,
    enterprise: str,
    log_bodies: bool | None,
) -> Callable[[], Listeners]:
    """What makes the listeners of a client's calls (`_listening`, loaded on demand), which its `Telemetry` calls only
    once something may listen (docs/observability.md#cost)."""

    def made() -> Listeners:
        from ._listening._listeners import Listeners  # noqa: PLC0415

        return Listeners(
            tracer_provider,
            meter_provider,
            event_hooks,
            token_url,
            enterprise,
            hook_kinds=tuple(EventHooks.__annotations__),
            log_bodies=log_bodies,
        )

    return made


@dataclass(frozen=True)
class _Location:
    """Where a client's calls go: the `enterprise`, its `environment`'s name, the API's `url` for it, and whether that
    URL is the caller's `own` (`base_url`) rather than the environment's."""

    enterprise: str
    environment: str
    url: str
    own: bool


def _located(enterprise: str | None, environment: str | None, base_url: str | None) -> _Location:
    """Where a client's calls go, each argument left out read from the environment's variable."""
    enterprise = _setting(enterprise, "ENTERPRISE")
    if not enterprise:
        raise ValueError("enterprise is required (or set PEXIP_ENGAGE_ENTERPRISE)")
    environment_name = _setting(environment, "ENVIRONMENT") or "production"
    # A string: `base_url`, an httpx2.URL, is made when read (see _base/lazy_httpx.py).
    url = enterprise_url(enterprise, environment_name, _setting(base_url, "BASE_URL"))
    return _Location(enterprise, environment_name, url, own=url != enterprise_url(enterprise, environment_name, None))


def _accept_inferred(given: Sequence[str] | None) -> None:
    """`accept_inferred`, else `PEXIP_ENGAGE_ACCEPT_INFERRED`: the inferred operations the process warns of no more
    (`_pipeline/_inferred.py`, loaded only when some are named)."""
    named = None if given is not None else os.environ.get("PEXIP_ENGAGE_ACCEPT_INFERRED")
    if given is None and not named:
        return
    from ._pipeline import _inferred  # noqa: PLC0415

    if given is not None:
        _inferred.accept(given, "accept_inferred")
    elif named:
        _inferred.accept_from_environment(named)


def _setting(given: str | None, name: str) -> str | None:
    """An argument, or when it is left out (or empty) the environment's `PEXIP_ENGAGE_<name>`."""
    return given or os.environ.get(f"PEXIP_ENGAGE_{name}")


def _refuse_under_respx(target: str | OutgoingRequest) -> None:
    """Refuse to open connections of its own while a respx mock is active that would not see them: when
    the client is made (`target` its URL), and for each request of one made before such a mock started."""
    if "respx" in sys.modules:  # a test's: respx's module is loaded only then
        from ._senders._respx import refuse_under_respx  # noqa: PLC0415

        refuse_under_respx(target if isinstance(target, str) else target.url)


def _choose_sender(
    transport: httpx2.AsyncBaseTransport | LegacyAsyncTransport | None,
    http_client: httpx2.AsyncClient | LegacyAsyncClient | None,
    *,
    http_backend: str | None,
    verify: Verify,
    plain_http: bool,
    max_connections: int,
    max_response_size: int,
) -> PerProcessSender:
    """httpx2 unless another sender is asked for; a given transport or client means its own library."""
    given = transport is not None or http_client is not None
    backend = _checked_backend(http_backend, verify, given=given)

    def tls() -> ssl.SSLContext:
        return plain_http_context() if plain_http else ssl_context(verify)

    if not given and backend == "one-shot":
        return _one_shot_sender(tls, max_connections, max_response_size)
    # Imported here, as creating a client is where httpx2 is first used (see _base/lazy_httpx.py).
    from ._senders._httpx_sender import HttpxSender  # noqa: PLC0415

    if given:
        from ._senders._stacks import stack_of  # noqa: PLC0415 - the library of a caller's object: httpx2, or httpx's
    if http_client is not None:
        client_stack = stack_of(http_client, "http_client", httpx2.AsyncClient.__name__)
        return PerProcessSender(
            lambda: HttpxSender(
                cast(httpx2.AsyncClient, http_client),  # or httpx's, read as `client_stack` says
                owns_client=False,
                max_connections=max_connections,
                max_response_size=max_response_size,
                stack=client_stack,
            ),
            rebuildable=False,
            what="an http_client",
        )
    # The library of a caller's transport: httpx2, or httpx's on the legacy path.
    stack = httpx2 if transport is None else stack_of(transport, "transport", httpx2.AsyncBaseTransport.__name__)
    return PerProcessSender(
        lambda: HttpxSender.create(
            cast(httpx2.AsyncBaseTransport | None, transport),  # or httpx's, read as `stack` says
            ssl_context=tls,
            max_connections=max_connections,
            max_response_size=max_response_size,
            stack=stack,
        ),
        # httpx2's (or httpx's) own transport keeps a pool of the process that used it; other transports keep no socket
        rebuildable=not isinstance(transport, stack.AsyncHTTPTransport),
        what="a transport with a connection pool (httpx2's HTTPTransport)",
        # The client's own connections, unless the caller gave a transport (theirs to mock).
        before_send=_refuse_under_respx if transport is None else None,
    )


def _checked_backend(http_backend: str | None, verify: Verify, *, given: bool) -> str:
    """The sender asked for (the argument, else `PEXIP_ENGAGE_HTTP_BACKEND`), refused where it cannot be had."""
    backend = _setting(http_backend, "HTTP_BACKEND") or "httpx2"
    if backend == "aiohttp":  # faster only at 64 in flight, where the governor allows 4 (docs/choosing-the-sender.md)
        raise ValueError(
            "http_backend='aiohttp' was removed with the `fast` extra: at the API's limits (4 in flight, 50 a second) "
            "it was no faster. Leave http_backend out (httpx2), or use 'one-shot' for a short program; "
            "see docs/choosing-the-sender.md"
        )
    if backend not in get_args(HttpBackend):
        raise ArgumentError.of("http_backend", f"must be 'httpx2' or 'one-shot' (got {backend!r})")
    if given and verify is not None:
        raise ValueError(
            "verify applies to the connections the client opens; configure TLS on your transport or http_client"
        )
    if given and http_backend == "one-shot":  # asked for in code; the environment's yields to a given transport
        raise ValueError(
            "transport and http_client are httpx2 (or httpx) objects: they cannot be used with "
            f"http_backend={http_backend!r}"
        )
    return backend


def _one_shot_sender(
    tls: Callable[[], ssl.SSLContext], max_connections: int, max_response_size: int
) -> PerProcessSender:
    if not is_async():
        raise ValueError("http_backend='one-shot' needs an event loop: SyncPexipEngage sends through httpx2")
    if proxy_configured():
        raise ValueError(
            "http_backend='one-shot' connects directly, and a proxy is configured (a *_proxy variable): "
            "leave http_backend out to send through it"
        )
    from ._one_shot._sender import OneShotSender  # noqa: PLC0415 - loaded only for it

    return PerProcessSender(
        lambda: OneShotSender(ssl_context=tls, max_connections=max_connections, max_response_size=max_response_size),
        before_send=_refuse_under_respx,
    )


def _plain_http_only(base_url: str, auth: BearerAuth | ClientCredentialsAuth) -> bool:
    """Whether every request the client makes goes to a plain http URL (and through no proxy, which might be https)."""
    if not base_url.startswith("http://") or proxy_for("http"):
        return False
    return isinstance(auth, BearerAuth) or auth.token_url.startswith("http://")


def _optional(name: str, value: object, kind: type[T]) -> T | None:
    if value is not None and not isinstance(value, kind):
        raise ArgumentError.of(name, f"must be a {kind.__name__} (got {type(value).__name__})")
    return value


def _choose_auth(
    location: _Location,
    *,
    token: str | TokenProvider | None,
    client_id: str | None,
    client_secret: str | None,
    scopes: Sequence[str] | None,
    auth_url: str | None,
) -> BearerAuth | ClientCredentialsAuth:
    """Arguments win over the environment; client credentials win over a static token. The client secret is never sent
    to the environment's auth server for an API elsewhere."""
    if token is not None:
        if client_id or client_secret:
            raise ArgumentError("pass either token or {0} and {1}, not both", "client_id", "client_secret")
        return BearerAuth(token)
    from ._base.secret_file import client_secret_from_environment  # noqa: PLC0415 - never for a token

    client_id = _setting(client_id, "CLIENT_ID")
    client_secret = client_secret or client_secret_from_environment()
    if client_id or client_secret:
        if not (client_id and client_secret):
            raise ArgumentError("client credentials need both {0} and {1}", "client_id", "client_secret")
        if location.own and not auth_url:
            raise ArgumentError(
                "with client credentials and a {0} of your own, give {1} too (or set PEXIP_ENGAGE_AUTH_URL): "
                "the client secret is not sent to the environment's auth server for an API elsewhere",
                "base_url",
                "auth_url",
            )
        from ._pipeline._oauth import ClientCredentialsAuth  # noqa: PLC0415 - loaded only for client credentials

        return ClientCredentialsAuth(
            token_url=token_url(location.enterprise, location.environment, auth_url),
            client_id=client_id,
            client_secret=client_secret,
            scopes=scopes,
        )
    token = os.environ.get("PEXIP_ENGAGE_TOKEN")
    if token is None:
        raise ArgumentError(
            "credentials are required: {0} and {1} (or PEXIP_ENGAGE_CLIENT_ID and PEXIP_ENGAGE_CLIENT_SECRET or "
            "PEXIP_ENGAGE_CLIENT_SECRET_FILE), or token (or PEXIP_ENGAGE_TOKEN)",
            "client_id",
            "client_secret",
            plain="credentials are required: {0} and {1}, or a token (PEXIP_ENGAGE_TOKEN, or token_file in the "
            "profile)",
        )
    return BearerAuth(token)
