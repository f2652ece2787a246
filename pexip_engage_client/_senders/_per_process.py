"""A sender per process: after `fork()`, a child's first request builds a sender of its own.

A connection pool copied by `fork()` is shared: the parent and the child write to the same
sockets and read each other's answers. A client made at import time in a gunicorn `--preload`
master, a Celery prefork parent or before a `multiprocessing` pool then returns another call's
body without any error (293 to 306 of 400 calls, measured). So the sender the client builds lives
in a `PerProcess`: the child's first request builds a new one, with the same settings, and the
parent's is dropped in the child, never closed there (closing it would close the parent's
sockets too). The parent is unaffected.

What the caller built is not the client's to rebuild. A caller's `http_client`, or a transport
that keeps a connection pool (httpx2's `HTTPTransport`), used in a child raises
`SenderForkedError`: make the client, and what it is given, in the child. A transport that keeps
no socket (a `MockTransport`, an ASGI app, the fake API) goes on in the child as it is.

`before_send`, when given, is called with each request before it is sent, and may refuse it by
raising (the client's own connections are refused while a respx mock is active: `_respx.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from .._base.processes import PerProcess, generation
from ._base import (
    OutgoingRequest,
    ReceivedResponse,
    Sender,
    SyncSender,
)

S = TypeVar("S")


class SenderForkedError(Exception):
    """The sender holds the parent process's connections and cannot be rebuilt in this child."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"this client was given {what} in the parent process, and its connections belong to that "
            "process (a forked child would read the parent's answers): create the client, and what it "
            "is given, in the child (after the fork: gunicorn's post_fork, Celery's worker_process_init)"
        )


class _PerProcess(Generic[S]):
    """What both faces share: the sender for this process, or the reason it cannot be had.

    The first sender is built at once, so that a wrong setting (a TLS option, say) is refused when
    the client is made; what it opened (nothing, until a request) stays the parent's.
    """

    def __init__(
        self,
        build: Callable[[], S],
        *,
        rebuildable: bool = True,
        what: str = "",
        before_send: Callable[[OutgoingRequest], None] | None = None,
    ) -> None:
        self._senders: PerProcess[S] = PerProcess(build)
        self._senders.get()
        self._rebuildable = rebuildable
        self._what = what
        self._before_send = before_send
        self._sent_in: int | None = None  # the process generation that last sent through it

    @property
    def current(self) -> S:
        """This process's sender, built now if this process has none yet."""
        here = generation()
        # A caller's object that an earlier process sent through holds that process's sockets.
        if not self._rebuildable and self._sent_in not in (None, here):
            raise SenderForkedError(self._what)
        self._sent_in = here
        return self._senders.get()


class PerProcessSender(_PerProcess[Sender]):
    """`Sender`, with a sender of its own in each process (see the module's notes)."""

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        if self._before_send is not None:
            self._before_send(request)
        return await self.current.send(request)

    async def aclose(self) -> None:
        sender = self._senders.current()  # the one this process made, if any: never the parent's
        if sender is not None:
            await sender.aclose()


class PerProcessSyncSender(_PerProcess[SyncSender]):
    """`SyncSender`, with a sender of its own in each process (see the module's notes)."""

    def send(self, request: OutgoingRequest) -> ReceivedResponse:
        if self._before_send is not None:
            self._before_send(request)
        return self.current.send(request)

    def close(self) -> None:
        sender = self._senders.current()  # as in `PerProcessSender.aclose`
        if sender is not None:
            sender.close()
