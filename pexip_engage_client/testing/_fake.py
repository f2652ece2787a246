"""`FakePexipEngage`: the whole API of openapi.yaml, in memory, as an httpx2 transport.

A request goes through the same steps every time: find the operation (404 for no path, 405 for a
method the path does not have), check the token (401) and its scopes (403), apply a fault the test
scripted, validate the request against the spec (400), then serve it (`_api.handle`). Every request
and response is recorded by operationId; a long-lived fake (a server) keeps only the latest.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import os
import re
import sys
import threading
import uuid
import weakref
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any
from urllib.parse import parse_qsl, unquote

import httpx2

from .. import DOCUMENTED_MAX_IN_FLIGHT, DOCUMENTED_PER_MINUTE, ErrorCode
from .._base.arguments import counted, number
from .._base.processes import PerProcess, generation
from .._shared.bridge import run, start_loop
from . import _api, _server
from ._assumptions import in_force
from ._clock import FakeClock, iso
from ._control import Control
from ._enterprise import FakeEnterprise
from ._errors import FakeAPIError
from ._limits import ADMISSION, IN_MEMORY, FakeLimits
from ._overlay import read_overlay
from ._resources import Call, Store
from ._spec import Json, Operation, overlaid, spec, using
from ._validation import request_values
from ._webhooks import WebhookSender, record

_API_PATH = re.compile(r"/enterprises/(?P<enterprise>[^/]+)(?P<path>.*)")  # the path: empty, or from a `/`
_TOKEN_PATH = re.compile(r".*/realms/(?P<enterprise>[^/]+)/protocol/openid-connect/token")

# Methods that change nothing, and so leave the clock where it is.
_READS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class FakeClient:
    """An OAuth client the fake's token endpoint knows: a client of one enterprise's realm, as in Keycloak."""

    client_id: str
    client_secret: str = field(repr=False)
    scopes: frozenset[str] | None
    expires_in: int
    enterprise: str


@dataclass
class Fault:
    """What the next calls of an operation get instead of being served (see `FakePexipEngage.fail`)."""

    times: int
    status: int | None = None
    code: str | None = None
    message: str | None = None
    arguments: Json | None = None
    retry_after: float | str | None = None
    delay: float = 0.0
    disconnect: bool = False
    commit: bool = False  # served first (its effect lands), then answered with the fault


@dataclass
class RecordedCall:
    """One API request the fake received, and what it answered (None: the connection was dropped)."""

    operation_id: str | None
    enterprise: str
    request: httpx2.Request
    response: httpx2.Response | None = None
    fault: bool = False  # answered by a scripted fault, not by the API's rules

    @property
    def json(self) -> Any:
        """The request body as JSON (None without one)."""
        return json.loads(self.request.content) if self.request.content else None

    @property
    def response_json(self) -> Any:
        """The response body as JSON (None without one)."""
        return None if self.response is None or not self.response.content else json.loads(self.response.content)


# `before_list`'s hook: called with the enterprise a page reads and the request's query.
ListHook = Callable[[FakeEnterprise, Mapping[str, Any]], None]


@dataclass
class _Token:
    enterprise: str
    scopes: frozenset[str] | None  # None: any
    lifetime: timedelta | None  # None: as long as the fake
    expires_at: datetime | None = None

    def renew(self, now: datetime) -> _Token:
        """Valid for its lifetime from `now` (when made, and at each reset)."""
        self.expires_at = None if self.lifetime is None else now + self.lifetime
        return self


class FakePexipEngage(httpx2.AsyncBaseTransport, httpx2.BaseTransport, FakeEnterprise):
    """A stateful fake of every operation in openapi.yaml; pass it as `transport=` (docs/testing.md).

    It is a transport for `PexipEngage` and `SyncPexipEngage` alike: for the sync client (or any
    `httpx2.Client`), each request is served by the fake's own event loop, in a thread of its own.

    - `enterprise`: the only enterprise it serves; without it the default one, "acme", and each
      that `in_enterprise`, `add_client` or `add_token` names, each with its own data. A request to
      any other is refused (401), as a token of one enterprise is refused at another's paths.
      Seeding helpers called on the fake itself (`fake.add_appointment(...)`) fill the default one.
    - `max_recorded_calls=N`: `calls`, `requests` and `token_requests` keep only their latest N
      (everything by default), for a fake serving for hours.
    - `max_in_flight`, `per_minute`: the API's documented limits (`None`: off), kept per remote
      address when served and, with `limits=True`, in memory too (docs/testing.md, "Limits").
    - `latency=seconds`: every answer is held back that long (the request served when it arrives);
      in memory, a read timeout shorter than that fails with `httpx2.ReadTimeout`, the effect kept.
    - `overlay=`: an OpenAPI Overlay 1.0.0 (a dict, or a YAML or JSON file) that the fake answers
      and validates with, as it changes openapi.yaml (docs/spec-drift.md); `ValueError` naming each
      action that does not apply.
    - `loosen=["appointment-time", ...]`: lift these of the fake's assumptions (refusals beyond the
      documentation, `_assumptions.ASSUMPTIONS`), for a tenant that takes more; `ValueError` for an
      unknown name. `fake.assumptions` holds those in force.

    It also plays the OAuth server: any bearer token passes until `add_client` or `add_token`.
    """

    def __init__(
        self,
        *,
        enterprise: str | None = None,
        clock: FakeClock | None = None,
        max_recorded_calls: int | None = None,
        max_in_flight: int | None = DOCUMENTED_MAX_IN_FLIGHT,
        per_minute: int | None = DOCUMENTED_PER_MINUTE,
        latency: float = 0.0,
        limits: bool = False,
        overlay: Mapping[str, Any] | str | os.PathLike[str] | None = None,
        loosen: Iterable[str] = (),
    ) -> None:
        if max_recorded_calls is not None:
            counted(max_recorded_calls, "max_recorded_calls", 0, "must be 0 or more, not {!r}")
        if not isinstance(limits, bool):
            raise TypeError(f"limits must be True or False, not {limits!r:.100}")
        # What the fake assumes where the documentation is silent, but those the test loosened.
        self.assumptions: frozenset[str] = in_force(loosen)
        self.limits: FakeLimits = FakeLimits(max_in_flight, per_minute)
        # Whether requests made in memory are held to the limits too (served ones always are).
        self.keeps_documented_limits: bool = limits
        # The loop of the fake's own thread, started on first use (a forked child starts its own): every
        # request of every thread is served on it, so one thread changes the fake's state, and a sync client
        # called inside a running event loop (a notebook cell) waits on another loop, never its own.
        started: list[tuple[int, asyncio.AbstractEventLoop]] = []
        self._loop = PerProcess(partial(_start_loop, started))
        # Once no one holds the loop (the fake, and a webhook sender sharing it, are dropped), its thread
        # ends and closes it: a suite that makes a fake per sync test keeps no thread and no sockets per test.
        weakref.finalize(self._loop, _end_loops, started).atexit = False
        self.max_recorded_calls = max_recorded_calls
        self.enterprise = enterprise
        self.clock: FakeClock = clock or FakeClock()
        FakeEnterprise.__init__(self, enterprise or "acme", self.clock)
        # With an overlay, the spec the fake answers and validates with (openapi.yaml as overlaid).
        self._spec = None if overlay is None else overlaid(read_overlay(overlay))
        self._enterprises: dict[str, FakeEnterprise] = {self.name: self}
        self.clients: dict[tuple[str, str], FakeClient] = {}  # by (enterprise, client id): one realm each
        self.calls: list[RecordedCall] = []
        self.requests: list[httpx2.Request] = []  # every API request, in order (`calls` has more)
        self.token_requests: list[httpx2.Request] = []
        self._tokens: dict[str, _Token] = {}
        self._faults: dict[str, list[Fault]] = {}
        # Faults are scripted from the test's thread or a served control channel's, and taken on the
        # fake's loop thread: one lock for the queues (of this process: a fork's child makes its own).
        self._faults_lock = PerProcess(threading.Lock)
        # Held while a request is checked and served, so that a rule's check (room left in a block of
        # availability) and the write it allows are one step, even for loops of several threads (a
        # lock of this process: a fork's child makes its own).
        self._serving = PerProcess(threading.Lock)
        self._tokens_required = False  # True once a fixed token is registered
        self._list_hooks: dict[str, ListHook] = {}
        self._seed: dict[str, Store] = {}  # what `reset` goes back to, by enterprise (`keep_seed`)
        self.webhooks: WebhookSender | None = None  # see deliver_webhooks
        self.latency = latency

    def __repr__(self) -> str:
        return f"FakePexipEngage(enterprise={self.name!r}, clock={self.clock!r})"

    @property
    def latency(self) -> float:
        """The seconds every answer is held back (0: none)."""
        return self._latency

    @latency.setter
    def latency(self, seconds: float) -> None:
        reason = "must be a finite number of seconds, 0 or more (got {!r})"
        self._latency = number(seconds, "latency", positive=False, finite=True, reason=reason)

    # --- Scripting -------------------------------------------------------------------------------

    def in_enterprise(self, name: str) -> FakeEnterprise:
        """The data of enterprise `name` (created empty on first use, and served from then on); seed it
        like the fake itself. `ValueError` for a fake made to serve only another enterprise."""
        if self.enterprise not in (None, name):
            raise ValueError(f"this fake serves only enterprise {self.enterprise!r}")
        if name not in self._enterprises:
            self._enterprises[name] = FakeEnterprise(name, self.clock)
            self._enterprises[name]._spec = self._spec
        return self._enterprises[name]

    @property
    def enterprises(self) -> tuple[str, ...]:
        """The enterprises this fake serves: the default one, and each that `in_enterprise`, `add_client`
        or `add_token` named since (a request to any other is refused with 401)."""
        return tuple(self._enterprises)

    def add_client(
        self,
        client_id: str,
        client_secret: str,
        *,
        scopes: Iterable[str] | None = None,
        expires_in: int = 300,
        enterprise: str | None = None,
    ) -> FakeClient:
        """Register an OAuth client of `enterprise` (the default one if None), as a Keycloak client of
        that enterprise's realm: its credentials get tokens at that realm's token URL only (elsewhere
        401 `invalid_client`, as Keycloak answers), and its tokens pass at that enterprise's paths only.
        `scopes` limits what it may ask for and do (anything, if None)."""
        realm = self.in_enterprise(enterprise or self.name).name
        scoped = None if scopes is None else frozenset(scopes)
        client = self.clients[realm, client_id] = FakeClient(client_id, client_secret, scoped, expires_in, realm)
        return client

    def add_token(
        self,
        token: str,
        *,
        scopes: Iterable[str] | None = None,
        enterprise: str | None = None,
        expires_in: float | None = None,
    ) -> None:
        """Accept a fixed access token (`PexipEngage(token=...)`): from then on only known tokens pass.

        `scopes` limits what it may do (anything, if None); `enterprise` the enterprise it is for
        (the default one, if None). It lives as long as the fake, or `expires_in` seconds on `fake.clock`
        from now and from each `reset()`.
        """
        if not token:
            raise ValueError("the token must not be empty")
        lifetime = None if expires_in is None else timedelta(seconds=number(expires_in, "expires_in", finite=True))
        realm = self.in_enterprise(enterprise or self.name).name
        scoped = None if scopes is None else frozenset(scopes)
        self._tokens[token] = _Token(realm, scoped, lifetime).renew(self.clock.now())
        self._tokens_required = True

    def revoke_tokens(self) -> None:
        """Invalidate every token issued so far, as a key rotation would."""
        self._tokens.clear()

    def fail(
        self,
        operation_id: str,
        *,
        status: int | None = None,
        code: ErrorCode | str | None = None,
        message: str | None = None,
        arguments: Json | None = None,
        retry_after: float | str | None = None,
        delay: float = 0.0,
        disconnect: bool = False,
        commit: bool = False,
        times: int = 1,
    ) -> None:
        """Make the next `times` calls of `operation_id` fail instead of being served.

        - `status`: answer with this status and the documented error body (default 422 when a
          `code` is given, else 503); `code`, `message` and `arguments` fill its error item (a
          business error: any `ErrorCode` with its arguments);
        - `retry_after`: add a `Retry-After` header (seconds, or an HTTP date);
        - `delay`: stay silent this many real seconds first (a shorter read timeout fails the call with
          `httpx2.ReadTimeout` when it has passed, as with a real server: `_waited`);
        - `disconnect`: drop the connection without answering (after the delay);
        - `commit`: serve the call first, so that its effect lands, then answer with the fault
          (docs/safe-writes.md, "Testing it"); with only a `delay` within the client's timeout, the
          real answer comes after the delay.
        Faults queue up: each call takes the first one left.
        """
        self._operation(operation_id)  # ValueError for an unknown one
        if times < 1 or delay < 0:
            raise ValueError("times must be at least 1 and delay not negative")
        if status is not None and not 100 <= status <= 599:
            raise ValueError(f"status {status} is not an HTTP status")
        fault = Fault(
            times, status, None if code is None else str(code), message, arguments, retry_after, delay, disconnect,
            commit,
        )  # fmt: skip
        with self._faults_lock.get():
            self._faults.setdefault(operation_id, []).append(fault)

    def scripted_faults(self) -> list[dict[str, Any]]:
        """The faults `fail` scripted and not yet used up, by operation in the order they are taken,
        each as `fail`'s arguments (`times`: the calls it still fails)."""
        with self._faults_lock.get():
            return [
                {"operation": operation_id, **asdict(fault)}
                for operation_id, queue in self._faults.items()
                for fault in queue
            ]

    def clear_faults(self, operation_id: str | None = None) -> None:
        """Drop the faults still scripted: every one, or `operation_id`'s."""
        if operation_id is not None:
            self._operation(operation_id)  # ValueError for an unknown one
        with self._faults_lock.get():
            if operation_id is None:
                self._faults.clear()
            else:
                self._faults.pop(operation_id, None)

    def keep_seed(self) -> None:
        """Keep every enterprise's data as it is now as the fake's seed, what `reset` goes back to (`fake serve`
        keeps its `--seed` files' records)."""
        with self._serving.get():
            self._seed = {name: copy.deepcopy(enterprise.store) for name, enterprise in self._enterprises.items()}

    def reset(self) -> None:
        """Back to the seed: each enterprise's data as `keep_seed` kept it (empty, without one), no fault scripted,
        no call or request recorded, every token with a lifetime valid for all of it again; the clock, clients and
        enterprises stay as they are (the served fake's `POST /_fake/reset`)."""
        with self._serving.get():  # (between two requests' writes: none sees half of it)
            for token in self._tokens.values():
                token.renew(self.clock.now())
            for name, enterprise in self._enterprises.items():
                kept = self._seed.get(name)
                # In place: a request already routed holds the store it writes to.
                enterprise.store.items = copy.deepcopy(kept.items) if kept else {}
                enterprise.store.documents = copy.deepcopy(kept.documents) if kept else {}
            self.calls.clear()
            self.requests.clear()
            self.token_requests.clear()
        self.clear_faults()

    def before_list(self, operation_id: str, hook: ListHook | None) -> None:
        """Call `hook(enterprise, query)` before each page of list operation `operation_id` is served.

        The page it precedes shows what it changed (docs/provisioning.md); `query` holds the
        request's parameters by wire name (`offset`, `external-id`, ...). None removes the hook.
        """
        op = self._operation(operation_id)
        with using(self._spec):  # what a list is, the fake's own spec says too
            listed = _api.shape(op) == "list"
        if not listed:
            raise ValueError(f"{operation_id} is not a list operation")
        if hook is None:
            self._list_hooks.pop(operation_id, None)
        else:
            self._list_hooks[operation_id] = hook

    def limit_rate(self, per_second: float | None, *, burst: int | None = None) -> None:
        """Answer 429 with a `Retry-After` beyond `per_second` API requests a second (None: no limit).

        The allowance is a token bucket on real time: `burst` requests at once (default: one
        second's worth), refilled evenly. `Retry-After` is in whole seconds, as HTTP writes it, so
        a refused client waits at least one second. `rate_limited` counts the refusals.
        """
        self.limits.limit_rate(per_second, burst)

    @property
    def rate_limited(self) -> int:
        """How many requests `limit_rate` refused."""
        return 0 if self.limits.rate is None else self.limits.rate.refused

    @property
    def over_limits(self) -> int:
        """How many requests were refused for going beyond `max_in_flight` or `per_minute`."""
        return self.limits.refused

    @property
    def most_in_flight(self) -> int:
        """The most API requests one client had in flight at once (refused ones aside)."""
        return self.limits.most_in_flight

    def deliver_webhooks(self, to: str | Any, *, on_fake_loop: bool = False, **options: Any) -> WebhookSender:
        """POST the documented webhook event to `to` (a receiver's URL with its `?key=`, an ASGI
        app, or a list of them) whenever an appointment changes through the API, with Engage's retries;
        `options` are `WebhookSender`'s (`key`, `fanout`, `time_scale`, `duplicates`, `reorder_window`, ...).
        `await fake.webhooks.drain()` (or, in sync code, `fake.webhooks.wait()`) waits for every delivery.

        A delivery runs on the loop of the code that caused it, and on the fake's own loop when that
        code has none (a sync test). `on_fake_loop=True` runs every delivery there, so that an
        in-process receiver lives on one loop whichever side a test is on (the pytest plugin's
        `engage_webhooks`)."""
        self.webhooks = WebhookSender(to, **options)
        self.webhooks.share_loop(self._loop, always=on_fake_loop)
        return self.webhooks

    def serve(
        self,
        port: int = 0,
        *,
        max_body_size: int = _server.DEFAULT_MAX_BODY_SIZE,
        control_token: str | None = None,
    ) -> AbstractContextManager[str]:
        """Serve this fake over HTTP on 127.0.0.1 for a `with` block, which gets the root URL::

            with fake.serve() as base_url:  # e.g. "http://127.0.0.1:41234"
                engage = SyncPexipEngage("acme", token="test", base_url=base_url)

        On `port` (a free one by default); a request body over `max_body_size` bytes is refused
        with 413. The fake's data as it is now becomes its seed (`keep_seed`), as `fake serve --seed` keeps its
        files': `reset()` goes back to it. With `control_token`, other processes holding it script faults at
        `/_fake/faults`, reset the fake at `/_fake/reset` and move its clock at `/_fake/clock` (docs/testing.md,
        "Scripting a served fake from another process"). What other processes, a
        fork and the block's end see: docs/testing.md, "Serving it".
        """
        self.keep_seed()
        control = None if control_token is None else Control(self, control_token)
        return _server.serve(self, port, max_body_size=max_body_size, control=control)

    def calls_to(self, operation_id: str) -> list[RecordedCall]:
        """The recorded calls of one operation, in order."""
        self._operation(operation_id)  # ValueError for an unknown one
        return [call for call in self.calls if call.operation_id == operation_id]

    def _operation(self, operation_id: str) -> Operation:
        """The operation `operation_id` of the spec the fake serves with (an overlay may add some), as
        every scripting method looks it up; `ValueError` when it has none of that name."""
        with using(self._spec):
            return spec().operation(operation_id)

    # Shortcuts to the default enterprise's collections that tests read most.

    @property
    def appointments(self) -> dict[str, Json]:
        return self.items("/appointments")

    @property
    def employees(self) -> dict[str, Json]:
        return self.items("/employees")

    @property
    def lead_segments(self) -> dict[str, Json]:
        return self.items("/lead-segments")

    # --- Transport -------------------------------------------------------------------------------

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if not isinstance(request, httpx2.Request):  # an httpx client's: see _answer_in_its_library
            return await _answer_in_its_library(self, request)
        await request.aread()
        token_route = _TOKEN_PATH.fullmatch(request.url.path)
        with using(self._spec):  # the fake's own spec, with an overlay (a task of its own sees it too)
            if token_route is not None and request.method == "POST":
                record(self.token_requests, request, self.max_recorded_calls)
                response = self._issue_token(request, token_route["enterprise"])
                await self._hold_back(request)
            elif ADMISSION in request.extensions:  # served: the server admitted it for the whole exchange
                response = await self._serve(request, request.extensions[ADMISSION])
            else:
                refusal = self.limits.admit(IN_MEMORY, enforce=self.keeps_documented_limits)
                try:
                    response = await self._serve(request, refusal)
                finally:
                    if refusal is None:
                        self.limits.done(IN_MEMORY)
        response.request = request
        return response

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        """The fake as a sync transport: the request is served on the fake's own loop, within its timeout."""
        if not isinstance(request, httpx2.Request):  # an httpx client's: see _answer_in_its_library
            request.read()
            answer: httpx2.Response = run(_answer_in_its_library(self, request), self._loop.get())
            return answer
        timeout = request.extensions.get("timeout", {})
        seconds = None if timeout.get("read") is None else (timeout.get("connect") or 0) + timeout["read"]
        try:
            return run(self._handle_for_thread(request), self._loop.get(), seconds)
        except TimeoutError:  # `run` cancelled it
            raise httpx2.ReadTimeout("the fake did not answer within the read timeout", request=request) from None

    async def _handle_for_thread(self, request: httpx2.Request) -> httpx2.Response:
        response = await self.handle_async_request(request)
        if isinstance(response.stream, httpx2.SyncByteStream):  # bytes, as nearly every answer is
            return response
        # A streamed answer: its bytes as received (still Content-Encoded), for a sync client to read.
        raw = b"".join([chunk async for chunk in response.aiter_raw()])
        return httpx2.Response(
            response.status_code,
            headers=response.headers,
            stream=httpx2.ByteStream(raw),
            request=request,
            extensions=response.extensions,
        )

    def is_api_request(self, method: str, path: str) -> bool:
        """Whether a request is counted by the limits: every request but the token endpoint's."""
        return not (method == "POST" and _TOKEN_PATH.fullmatch(path))

    async def _serve(self, request: httpx2.Request, refusal: str | None) -> httpx2.Response:
        raw_path = request.url.raw_path.decode("ascii", "replace").split("?", 1)[0]
        match = _API_PATH.fullmatch(raw_path)
        enterprise = match["enterprise"] if match else ""
        call = RecordedCall(None, enterprise, request)
        record(self.calls, call, self.max_recorded_calls)
        record(self.requests, request, self.max_recorded_calls)
        try:
            if match is None:
                raise FakeAPIError(404, "NOT_FOUND", f"No enterprise or operation at {request.url.path}")
            if enterprise not in self._enterprises:  # no token of this fake can be one of that enterprise
                raise FakeAPIError(401, "UNAUTHORIZED", f"The access token is not valid for enterprise {enterprise!r}")
            response = await self._serve_operation(call, match["path"], refusal)
        except FakeAPIError as error:
            response = httpx2.Response(error.status, json=error.body(), headers=error.headers)
        except httpx2.TransportError:  # a scripted fault of the connection
            raise
        except Exception as error:  # the fake's own bug: still an HTTP answer, never a crash
            bug = FakeAPIError(500, "FAKE_INTERNAL_ERROR", f"{type(error).__name__} in the fake: {error}")
            response = httpx2.Response(500, json=bug.body())
        correlation_id = request.headers.get("X-Correlation-Id")
        if correlation_id is not None and len(correlation_id) <= 36:
            response.headers["X-Correlation-Id"] = correlation_id
        call.response = response
        await self._hold_back(request)
        return response

    async def _serve_operation(self, call: RecordedCall, below: str, refusal: str | None) -> httpx2.Response:
        """The answer to a call of the operation at `below` (the path under the enterprise), or its fault's."""
        request, enterprise = call.request, call.enterprise
        op, path = _route(request, below)
        call.operation_id = op.operation_id
        self._authorize(request, op, enterprise)
        if refusal is not None:  # beyond the limits (`FakeLimits.admit`): not the API's rules, like a scripted fault
            call.fault = True
            raise FakeAPIError(429, "TOO_MANY_REQUESTS", "Too many requests", headers={"Retry-After": refusal})
        fault = self._next_fault(op)
        if fault is None:
            return self._answer(request, op, path, enterprise, below)
        call.fault = True
        served = self._answer(request, op, path, enterprise, below) if fault.commit else None
        return await self._apply(fault, op, request, served)

    async def _hold_back(self, request: httpx2.Request) -> None:
        """Wait `latency` before answering (in memory, within the read timeout: see `_waited`)."""
        if self._latency and not await _waited(request, self._latency):
            raise httpx2.ReadTimeout("the fake's answer was later than the read timeout (latency)", request=request)

    def _answer(
        self, request: httpx2.Request, op: Operation, path: dict[str, str], enterprise: str, below: str
    ) -> httpx2.Response:
        """The answer to a valid call of `op` (at `below`, the path under the enterprise), as documented."""
        query, body = request_values(op, path, request)
        hook = self._list_hooks.get(op.operation_id)
        if hook is not None:
            params = request.url.params  # by wire name: a value, or a list for a repeated parameter
            wire_query = {name: values if len(values := params.get_list(name)) > 1 else values[0] for name in params}
            hook(self.in_enterprise(enterprise), wire_query)
        store = self.in_enterprise(enterprise).store
        segments = [unquote(part) for part in below.strip("/").split("/")]
        now = self.clock.iso() if request.method in _READS else self.clock.write_time()
        with self._serving.get():  # one request's check and write at a time, whichever thread's loop serves it
            status, payload = _api.handle(Call(op, segments, path, query, body, store, now, self.assumptions))
        if self.webhooks is not None and status < 300 and isinstance(payload, dict):
            self.webhooks.appointment_changed(op.operation_id, payload.get("data"))
        return httpx2.Response(status, json=payload)  # no body for a None payload

    def _authorize(self, request: httpx2.Request, op: Operation, enterprise: str) -> None:
        token = _bearer_token(request)
        if not self.clients and not self._tokens_required:
            return
        issued = self._tokens.get(token)
        if issued is None:
            raise FakeAPIError(401, "UNAUTHORIZED", "The access token is invalid: this fake did not issue it")
        if issued.expires_at is not None and issued.expires_at <= self.clock.now():
            raise FakeAPIError(
                401,
                "UNAUTHORIZED",
                f"The access token expired at {iso(issued.expires_at)} (the fake's clock is at "
                f"{self.clock.iso()}); a reset of the fake renews it",
            )
        if issued.enterprise != enterprise:
            raise FakeAPIError(401, "UNAUTHORIZED", f"The access token is not valid for enterprise {enterprise!r}")
        if issued.scopes is not None:
            _check_scopes(op, issued.scopes)

    def _next_fault(self, op: Operation) -> Fault | None:
        with self._faults_lock.get():
            queue = self._faults.get(op.operation_id)
            if not queue:
                return None
            fault = queue[0]
            fault.times -= 1
            if fault.times == 0:
                queue.pop(0)
            return replace(fault)  # a copy: the queued one may be read (`scripted_faults`) meanwhile

    async def _apply(
        self, fault: Fault, op: Operation, request: httpx2.Request, served: httpx2.Response | None = None
    ) -> httpx2.Response:
        """The fault's answer; `served` is the real answer of a `commit` fault (its effect has landed)."""
        if fault.delay and not await _waited(request, fault.delay):
            raise httpx2.ReadTimeout("the fake was silent past the read timeout (scripted delay)", request=request)
        if fault.disconnect:
            raise httpx2.RemoteProtocolError("the fake dropped the connection (scripted fault)", request=request)
        if served is not None and fault.status is None and fault.code is None:
            return served  # committed, and answered late (a delay within the client's timeout)
        return _fault_response(fault, op)

    def _issue_token(self, request: httpx2.Request, enterprise: str) -> httpx2.Response:
        form = dict(parse_qsl(request.content.decode("utf-8", "replace")))  # a repeated field: its last value
        if form.get("grant_type") != "client_credentials":
            return _oauth_error(400, "unsupported_grant_type", "Unsupported grant type")
        client = self.clients.get((enterprise, form.get("client_id", "")))
        if client is None or form.get("client_secret") != client.client_secret:
            # An unknown client, a wrong secret, or another realm's client: Keycloak's one answer.
            return _oauth_error(401, "invalid_client", "Invalid client or Invalid client credentials")
        asked = frozenset(form.get("scope", "").split())
        if client.scopes is not None and not asked <= client.scopes:
            return _oauth_error(400, "invalid_scope", "Invalid scopes: " + " ".join(sorted(asked - client.scopes)))
        granted = asked or client.scopes
        token = f"fake-access-{uuid.uuid4().hex}"
        self._tokens[token] = _Token(enterprise, granted, timedelta(seconds=client.expires_in)).renew(self.clock.now())
        return httpx2.Response(
            200,
            json={
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": client.expires_in,
                "scope": " ".join(sorted(granted or ())),
            },
        )


def _start_loop(started: list[tuple[int, asyncio.AbstractEventLoop]]) -> asyncio.AbstractEventLoop:
    """The fake's loop for this process, noted (with the process it belongs to) for `_end_loops`."""
    loop = start_loop("FakePexipEngage")
    started.append((generation(), loop))
    return loop


def _end_loops(started: list[tuple[int, asyncio.AbstractEventLoop]]) -> None:
    """Stop this process's loop (a forked child's parent's is the parent's); not waited for: a collection
    may run on that loop's own thread. The thread closes the loop once it stops (`_shared/bridge.py`)."""
    for made_in, loop in started:
        if made_in == generation():
            with contextlib.suppress(RuntimeError):  # closed already: nothing left to stop
                loop.call_soon_threadsafe(loop.stop)


async def _answer_in_its_library(fake: FakePexipEngage, request: Any) -> Any:
    """The fake's answer to a request of httpx (a caller's `httpx.AsyncClient` or `httpx.Client` on the fake,
    the legacy path), in httpx's own classes: its client accepts no other. Served as httpx2's request."""
    library = sys.modules[type(request).__module__.partition(".")[0]]
    served = httpx2.Request(
        request.method,
        str(request.url),
        headers=request.headers.raw,
        content=await request.aread(),
        extensions={key: value for key, value in request.extensions.items() if key == "timeout"},
    )
    response = await fake.handle_async_request(served)
    headers = response.headers.raw
    if response.is_stream_consumed:  # read already, and so decoded: sent as it now is
        body = response.content
        headers = [(name, value) for name, value in headers if name.lower() not in _ENCODING_HEADERS]
    else:
        body = b"".join([chunk async for chunk in response.aiter_raw()])  # still Content-Encoded, as sent
    return library.Response(response.status_code, headers=headers, content=body, request=request)


_ENCODING_HEADERS = (b"content-encoding", b"content-length")


def _fault_response(fault: Fault, op: Operation) -> httpx2.Response:
    """The error a fault answers with: its status (422 with a `code`, else 503) and error item."""
    status = fault.status or (422 if fault.code else 503)
    error = FakeAPIError(
        status,
        fault.code or ("SERVICE_UNAVAILABLE" if status == 503 else "ERROR"),
        fault.message or f"Scripted fault for {op.operation_id}",
        fault.arguments,
    )
    headers = {} if fault.retry_after is None else {"Retry-After": str(fault.retry_after)}
    return httpx2.Response(status, json=error.body(), headers=headers)


async def _waited(request: httpx2.Request, seconds: float) -> bool:
    """Wait `seconds` before answering; False once a shorter read timeout has passed instead. In memory no socket
    applies the read timeout a real connection would to a silent server, so it is applied here (served over
    HTTP, the request carries none: the client's own connection applies it)."""
    read_timeout = request.extensions.get("timeout", {}).get("read")
    if read_timeout is not None and seconds > read_timeout:
        await asyncio.sleep(read_timeout)
        return False
    await asyncio.sleep(seconds)
    return True


def _bearer_token(request: httpx2.Request) -> str:
    """The request's bearer token; a 401 without one."""
    authorization = request.headers.get("Authorization", "")
    token = authorization[7:] if authorization[:7].lower() == "bearer " else ""
    if not token.strip():
        raise FakeAPIError(401, "UNAUTHORIZED", "A bearer token is required")
    return token


def _check_scopes(op: Operation, granted: frozenset[str]) -> None:
    """A 403 unless `granted` holds one of the scopes `op` requires (a readWrite scope covers its readOnly one)."""
    if not op.scopes:
        return
    allowed = set(op.scopes) | {scope.replace(":readOnly", ":readWrite") for scope in op.scopes}
    if not allowed & granted:
        raise FakeAPIError(403, "FORBIDDEN", f"{op.operation_id} needs the scope {' or '.join(sorted(allowed))}")


def _route(request: httpx2.Request, below: str) -> tuple[Operation, dict[str, str]]:
    """The operation at `below` (the path under the enterprise) and its path values; else a 405 or 404."""
    op, path, allowed = spec().route(request.method, below)
    if op is not None:
        return op, path
    if allowed:
        raise FakeAPIError(
            405,
            "METHOD_NOT_ALLOWED",
            f"{request.method} is not allowed here; allowed: {', '.join(allowed)}",
            headers={"Allow": ", ".join(allowed)},
        )
    doubled = _API_PATH.fullmatch(below)
    if doubled is not None:  # a base URL given with the enterprise, which the client adds again
        root = f"{request.url.scheme}://{request.url.netloc.decode('ascii')}"
        raise FakeAPIError(
            404,
            "NOT_FOUND",
            f"No operation at {request.url.path}: the path names the enterprise twice "
            f"(/enterprises/{doubled['enterprise']}); the base URL is the server's root ({root}), without "
            "/enterprises/..., which the client adds",
        )
    raise FakeAPIError(404, "NOT_FOUND", f"No operation at {request.url.path}")


def _oauth_error(status: int, error: str, description: str) -> httpx2.Response:
    return httpx2.Response(status, json={"error": error, "error_description": description})
