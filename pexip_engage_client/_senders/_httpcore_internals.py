"""The httpx2 sender's private path: httpcore2's pool given a cheaper assignment pass, and the transport of
the sender's own client called without `AsyncClient.send`.

Nothing else in the package touches a part of httpx2 or httpcore2 that they do not document.

What it works around:

- httpcore2's pool runs an assignment pass whenever a request arrives and whenever a response is
  closed, which looks at every connection each time and gives the same idle connection to every
  queued request (encode/httpcore#1035, #1110); with the connections a busy client keeps, calls
  spent most of their time there. `prompt_pool` swaps the class of the transport's pool
  (`AsyncHTTPTransport._pool`) for a subclass with the pass of `_PromptAssignment`, which also tells
  each exchange whether it got a pooled connection or a new one (the stale-connection rule needs
  to know), and drops a connection made for a request cancelled before opening it, which httpcore2
  keeps, losing that place for good.
- `AsyncClient.send` spends more per call on what a client configured by the sender never has
  (event hooks, authentication, cookies: its cookie jar alone builds two urllib objects per
  response) than the client's whole request pipeline costs; there is no option to skip them.
  `send_direct` builds the request `AsyncClient` would (its headers merged over the client's, its
  timeout as an extension) and calls the transport with it, then sets what `AsyncClient` would on
  the response (its request; `elapsed` when it is closed, see `record_elapsed`).

Written for httpx2 2.16 on httpcore2 2.16 (`make test-floors` runs it on the declared floor, the
other targets on the pinned release; tests/senders/test_private_surface.py fails when a release in
that range no longer has what it uses). httpcore2 2.16 has fixed part of what is worked around
(a connection made for a cancelled request is dropped), not the cost of a pass, which still
looks at every connection (a system call for each idle one). `private_path_fits()` decides once, when the sender is
made, whether the installed ones are such and still have every part used here with the shape used;
when not, the sender takes httpx2's public path: httpcore2's own pool, and `AsyncClient.send`.
"""

from __future__ import annotations

import datetime
import functools
import time
from typing import TYPE_CHECKING, Any

import httpx2

from ._base import IDEMPOTENT_METHODS, Known, known_release

if TYPE_CHECKING:
    from collections.abc import Coroutine

    from httpcore2 import Origin
    from httpcore2._async.connection_pool import AsyncPoolRequest
    from httpcore2._async.interfaces import AsyncConnectionInterface

    from ._base import OutgoingRequest

# The releases this module was written for: (major, minor), from, up to and including.
KNOWN_HTTPX: Known = ((2, 16), (2, 16))
KNOWN_HTTPCORE: Known = ((2, 16), (2, 16))


@functools.cache
def direct_call_fits() -> bool:
    """Whether the installed httpx2 is one `send_direct` was written for (httpcore2 plays no part in it).

    Asked alone for a caller's transport, so that a process sending through one never imports
    httpcore2 (httpx2 imports it with its first pool).
    """
    return known_release(httpx2.__version__, KNOWN_HTTPX)


@functools.cache
def private_path_fits() -> bool:
    """Whether the installed httpx2 and httpcore2 are ones this path was written for, with each part it uses."""
    import httpcore2  # noqa: PLC0415 - httpx2's own dependency, loaded with it

    if not (direct_call_fits() and known_release(httpcore2.__version__, KNOWN_HTTPCORE)):
        return False
    # Read from the classes' code: making a transport to look at would load a TLS context.
    pool_attributes = set(httpcore2.AsyncConnectionPool.__init__.__code__.co_names) | set(
        dir(httpcore2.AsyncConnectionPool)
    )
    # (None when httpcore2 has no such class, which has neither method.)
    request_class = getattr(httpcore2._async.connection_pool, "AsyncPoolRequest", None)
    return (
        {"_pool", "AsyncConnectionPool"} <= set(httpx2.AsyncHTTPTransport.__init__.__code__.co_names)
        and issubclass(httpcore2.AsyncHTTPProxy, httpcore2.AsyncConnectionPool)
        and pool_attributes.issuperset(_POOL_INTERNALS)
        and all(hasattr(request_class, name) for name in ("is_queued", "assign_to_connection"))
    )


def prompt_pool(transport: httpx2.AsyncHTTPTransport) -> None:
    """Give the transport's httpcore2 pool the pass of `_PromptAssignment` (only when `private_path_fits()`)."""
    pool: Any = transport._pool  # httpcore2's AsyncConnectionPool, or its AsyncHTTPProxy (a subclass)
    pool_class: Any = type(pool)
    pool.__class__ = _prompt_class(pool_class)


def send_direct(
    client: httpx2.AsyncClient,
    transport: httpx2.AsyncBaseTransport,
    request: OutgoingRequest,
    extensions: dict[str, Any],
) -> Coroutine[Any, Any, httpx2.Response]:
    """The exchange up to the response head on `transport`, that of `client` (configured by the sender)."""
    headers = httpx2.Headers(client.headers)
    headers.update(request.headers)
    extensions["timeout"] = request.timeout.as_dict()
    http_request = httpx2.Request(
        request.method, request.url, headers=headers, content=request.content, extensions=extensions
    )
    return _answered(transport, http_request)


async def _answered(transport: httpx2.AsyncBaseTransport, request: httpx2.Request) -> httpx2.Response:
    """The transport's answer to `request`, which knows its request (as `AsyncClient.send` makes it)."""
    response = await transport.handle_async_request(request)
    response.request = request
    return response


def record_elapsed(response: httpx2.Response, started: float) -> None:
    """What `AsyncClient` records on a response it closes: the time since `started` (`time.perf_counter()`)."""
    response.elapsed = datetime.timedelta(seconds=time.perf_counter() - started)


# The request extension through which _PromptAssignment tells an exchange which connection it was
# given (an `_ExchangeTrace`); httpcore2 passes a request's extensions through to its pool.
EXCHANGE = "pexip_engage_client.exchange"
# How often, at most, every idle connection of a pool is checked for expiry (see _PromptAssignment).
_EXPIRY_SWEEP = 1.0
# IDEMPOTENT_METHODS as httpcore2's requests spell them.
_IDEMPOTENT_WIRE_METHODS = frozenset(method.encode("ascii") for method in IDEMPOTENT_METHODS)
# What _PromptAssignment uses of httpcore2's pool, besides what every pool offers.
_POOL_INTERNALS = ("_assign_requests_to_connections", "_requests", "_connections", "_max_keepalive_connections")


@functools.cache
def _prompt_class(pool_class: type[Any]) -> type[Any]:
    return type(f"Prompt{pool_class.__name__}", (_PromptAssignment, pool_class), {"__module__": __name__})


class _PromptAssignment:
    """httpcore2's connection pool, with an assignment pass that costs little however many connections it keeps.

    httpcore2 (1.0 to 2.16) runs this pass whenever a request arrives and whenever a response is closed.
    Its own looks at every connection each time: whether it has expired, which for an idle one is a
    system call made through anyio's socket attributes, and how many are idle, counted again for
    each idle one. It also gives the same idle connection to every request queued in one pass: all
    but one find it taken and go round again (encode/httpcore#1035, #1110). With the connections a
    busy client keeps, calls spent most of their time there, and a short deadline ran out in it.

    Here a pass costs one look at each connection and request, and:

    - a connection held by a request (given to it, or serving it) is neither closed nor given to another;
    - an idle connection is given to one request only; to a request that is not idempotent, after
      `has_expired()` (its keep-alive expiry, and a system call to see whether the server closed
      it), so that a write never goes out on a connection known closed; an idempotent request,
      sent again on a fresh connection should the server have closed it, takes it unchecked;
    - every idle connection is checked that way at most every `_EXPIRY_SWEEP` seconds, so that those
      no request takes are still closed once expired;
    - idle connections beyond `max_keepalive_connections` are closed (httpcore2 compares that limit
      with all its connections instead: with ours, equal to `max_connections`, it never closes one);
    - a connection made for a request that went away (cancelled) before opening it is dropped:
      httpcore2 keeps it, neither idle nor closed, and so loses that place for good.

    The pool only speaks HTTP/1.1 (`http2` is off), where an idle connection is an available one.
    """

    _connections: list[AsyncConnectionInterface]
    _requests: list[AsyncPoolRequest]
    _max_connections: int
    _max_keepalive_connections: int
    _next_sweep = 0.0  # on time.monotonic()'s clock

    if TYPE_CHECKING:  # httpcore2's pool class, after this one in the MRO, makes them

        def create_connection(self, origin: Origin) -> AsyncConnectionInterface: ...

    def _assign_requests_to_connections(self) -> list[AsyncConnectionInterface]:
        closing: list[AsyncConnectionInterface] = []
        held = {id(request.connection) for request in self._requests if request.connection is not None}
        now = time.monotonic()
        sweep = now >= self._next_sweep
        if sweep:
            self._next_sweep = now + _EXPIRY_SWEEP
        connections: list[AsyncConnectionInterface] = []
        idle: list[AsyncConnectionInterface] = []
        for connection in self._connections:
            if connection.is_closed():
                continue
            if id(connection) not in held:
                if not connection.is_idle():  # made for a request gone before it was opened: never used
                    closing.append(connection)
                    continue
                if sweep and connection.has_expired():
                    closing.append(connection)
                    continue
                idle.append(connection)
            connections.append(connection)
        surplus = len(idle) - self._max_keepalive_connections
        if surplus > 0:
            closing += idle[:surplus]
            idle = idle[surplus:]
            connections = [connection for connection in connections if connection not in closing]
        self._connections = connections
        for request in self._requests:
            if not request.is_queued():
                continue
            origin = request.request.url.origin
            # A request that may be sent twice is sent again on a fresh connection if the server had
            # closed the one it was given (the stale-connection rule): it needs no look at the socket.
            reused = self._idle_connection_for(
                origin, idle, closing, look_at_socket=request.request.method not in _IDEMPOTENT_WIRE_METHODS
            )
            if reused is not None:
                request.assign_to_connection(reused)
                _report_connection(request, reused=True)
                continue
            if len(connections) >= self._max_connections:
                if not idle:
                    continue  # it waits for a connection to be given back
                closing.append(idle.pop(0))  # an idle one for another origin makes room
                connections.remove(closing[-1])
            created = self.create_connection(origin)
            connections.append(created)
            request.assign_to_connection(created)
            _report_connection(request, reused=False)
        return closing

    def _idle_connection_for(
        self,
        origin: Origin,
        idle: list[AsyncConnectionInterface],
        closing: list[AsyncConnectionInterface],
        *,
        look_at_socket: bool,
    ) -> AsyncConnectionInterface | None:
        """An idle connection to `origin`, taken out of `idle`; None if there is none.

        With `look_at_socket`, one that has not expired (`has_expired()`: its keep-alive expiry, and
        a system call to see whether the server closed it); those found expired on the way are taken
        out of the pool, to be closed. Without, the first one: the sweep closes the expired ones.
        """
        index = 0
        while index < len(idle):
            connection = idle[index]
            if not connection.can_handle_request(origin):
                index += 1
                continue
            del idle[index]
            if not look_at_socket or not connection.has_expired():
                return connection
            closing.append(connection)
            self._connections.remove(connection)
        return None


def _report_connection(request: AsyncPoolRequest, *, reused: bool) -> None:
    """Tell the request's exchange, if it asked, that it begins on a pooled connection or a new one."""
    exchange = request.request.extensions.get(EXCHANGE)
    if exchange is not None:
        exchange.assigned(reused)
