"""A sender per process: after `fork()`, a child's first request builds a sender of its own.

The client's own sender lives in a `PerProcess` (`_base/processes.py`, docs/deploying.md); a
caller's `http_client` or pooled transport used in a child raises `SenderForkedError`, one that
keeps no socket goes on. `before_send` may refuse each request by raising (`_respx.py`).
"""

from __future__ import annotations

from collections.abc import Callable

from .._base.processes import PerProcess, generation
from ._base import OutgoingRequest, ReceivedResponse, Sender, SenderForkedError


class PerProcessSender:
    """`Sender`, with a sender of its own in each process (the first built at once, to refuse a wrong setting)."""

    def __init__(
        self,
        build: Callable[[], Sender],
        *,
        rebuildable: bool = True,
        what: str = "",
        before_send: Callable[[OutgoingRequest], None] | None = None,
    ) -> None:
        self._senders: PerProcess[Sender] = PerProcess(build)
        self._senders.get()
        self._rebuildable = rebuildable
        self._what = what
        self._before_send = before_send
        self._sent_in: int | None = None  # the process generation that last sent through it

    @property
    def current(self) -> Sender:
        """This process's sender, built now if this process has none yet."""
        if self._rebuildable:
            return self._senders.get()
        here = generation()
        # A caller's object that an earlier process sent through holds that process's sockets.
        if self._sent_in not in (None, here):
            raise SenderForkedError(self._what)
        self._sent_in = here
        return self._senders.get()

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        if self._before_send is not None:
            self._before_send(request)
        return await self.current.send(request)

    async def aclose(self) -> None:
        sender = self._senders.current()  # the one this process made, if any: never the parent's
        if sender is not None:
            await sender.aclose()
