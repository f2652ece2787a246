"""The layers a call goes through, in order, for both clients (named in `PexipEngage.__init__`)."""

from __future__ import annotations

from pexip_engage_client import EventHooks, PexipEngage, SyncPexipEngage
from pexip_engage_client._client import _Invoker
from pexip_engage_client._pipeline._request import RequestPipeline
from pexip_engage_client._pipeline._sync._request import RequestPipeline as SyncRequestPipeline
from pexip_engage_client._senders._httpx_sender import HttpxSender
from pexip_engage_client._senders._per_process import PerProcessSender
from pexip_engage_client._senders._sync._httpx_sender import HttpxSyncSender
from pexip_engage_client._senders._sync._per_process import PerProcessSyncSender
from pexip_engage_client._sync._client import _Invoker as _SyncInvoker
from pexip_engage_client._telemetry._stream import ObservedInvoker, ObservedSender
from pexip_engage_client._telemetry._sync._stream import ObservedInvoker as SyncObservedInvoker
from pexip_engage_client._telemetry._sync._stream import ObservedSender as SyncObservedSender
from pexip_engage_client.testing import FakePexipEngage

HOOKS: EventHooks = {"request": [lambda event: None]}  # any hook: the telemetry layers are put in


def test_the_async_chain_is_the_documented_one() -> None:
    client = PexipEngage("acme", token="t", transport=FakePexipEngage(), event_hooks=HOOKS)
    assert [type(layer) for layer in _chain(client)] == [
        _Invoker,
        RequestPipeline,
        ObservedSender,
        PerProcessSender,
        HttpxSender,
    ]
    assert isinstance(_outermost(client), ObservedInvoker)  # the invoker is the call's event stream


def test_the_sync_chain_is_the_documented_one() -> None:
    client = SyncPexipEngage("acme", token="t", transport=FakePexipEngage(), event_hooks=HOOKS)
    assert [type(layer) for layer in _chain(client)] == [
        _SyncInvoker,
        SyncRequestPipeline,
        SyncObservedSender,
        PerProcessSyncSender,
        HttpxSyncSender,
    ]
    assert isinstance(_outermost(client), SyncObservedInvoker)


def test_with_options_keeps_every_layer() -> None:
    client = PexipEngage("acme", token="t", transport=FakePexipEngage(), event_hooks=HOOKS)
    assert [type(layer) for layer in _chain(client.with_options(timeout=5))] == [
        type(layer) for layer in _chain(client)
    ]


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
