"""The layers a call goes through are the ones `call_chain`'s docstring names, in its order, for both clients."""

from __future__ import annotations

import inspect

from pexip_engage_client import PexipEngage, SyncPexipEngage
from pexip_engage_client._pipeline import _request
from pexip_engage_client._pipeline._request import RequestPipeline
from pexip_engage_client._pipeline._sync._request import RequestPipeline as SyncRequestPipeline
from pexip_engage_client._senders._base import Sender
from pexip_engage_client._senders._httpx_sender import HttpxSender
from pexip_engage_client._senders._per_process import PerProcessSender
from pexip_engage_client._senders._sync._httpx_sender import HttpxSyncSender
from pexip_engage_client._senders._sync._per_process import PerProcessSyncSender
from pexip_engage_client._telemetry._hooks import EventHooks
from pexip_engage_client._telemetry._stream import ObservedInvoker, ObservedSender
from pexip_engage_client._telemetry._sync._stream import ObservedInvoker as SyncObservedInvoker
from pexip_engage_client._telemetry._sync._stream import ObservedSender as SyncObservedSender
from pexip_engage_client.testing import FakePexipEngage

HOOKS: EventHooks = {"request": [lambda event: None]}  # any hook: the telemetry layers are put in


def test_the_async_chain_is_the_documented_one() -> None:
    client = PexipEngage("acme", token="t", transport=FakePexipEngage(), event_hooks=HOOKS)
    assert [type(layer) for layer in _chain(client)] == [
        ObservedInvoker, RequestPipeline, ObservedSender, PerProcessSender, HttpxSender,
    ]  # fmt: skip


def test_without_telemetry_the_pipeline_is_outermost_and_sends_through_the_sender_as_given() -> None:
    client = PexipEngage("acme", token="t", transport=FakePexipEngage())
    given = []

    def pipeline_for(sender: Sender) -> RequestPipeline:
        given.append(sender)
        return client._pipeline

    pipeline, outermost = _request.call_chain(client._sender, None, pipeline_for)
    assert given == [client._sender]
    assert outermost is pipeline is client._pipeline


def test_the_sync_chain_is_the_documented_one() -> None:
    client = SyncPexipEngage("acme", token="t", transport=FakePexipEngage(), event_hooks=HOOKS)
    assert [type(layer) for layer in _chain(client)] == [
        SyncObservedInvoker, SyncRequestPipeline, SyncObservedSender, PerProcessSyncSender, HttpxSyncSender,
    ]  # fmt: skip


def test_with_options_keeps_every_layer() -> None:
    client = PexipEngage("acme", token="t", transport=FakePexipEngage(), event_hooks=HOOKS)
    assert [type(layer) for layer in _chain(client.with_options(timeout=5))] == [
        type(layer) for layer in _chain(client)
    ]


def test_the_docstring_names_the_layers_in_the_order_they_are_put_together() -> None:
    documented = inspect.getdoc(_request.call_chain) or ""
    client = PexipEngage("acme", token="t", transport=FakePexipEngage(), event_hooks=HOOKS)
    names = [type(layer).__name__ for layer in _chain(client)]
    positions = [documented.find(f"`{name}`") for name in names[:-1]]  # the last: "the HTTP stack's sender"
    assert -1 not in positions, (names, documented)
    assert positions == sorted(positions)


def _outermost(client: PexipEngage | SyncPexipEngage) -> object:
    return client._invoke  # what the generated resources call


def _chain(client: PexipEngage | SyncPexipEngage) -> list[object]:
    layers, layer = [], _outermost(client)
    while layer is not None:
        layers.append(layer)
        if isinstance(layer, PerProcessSender | PerProcessSyncSender):
            layer = layer.current
        else:
            layer = getattr(layer, "_pipeline", None) or getattr(layer, "_sender", None)
    return layers
