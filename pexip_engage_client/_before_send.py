"""What the request pipeline calls right before each attempt is sent, when an ensure set it.

An ensure sets `before_send` around its look-ups and creates (`_ensure_lock.Turn.before_send`):
called with the method after the governor's turn and the token, right before the bytes leave, so
that a create is sent only once its turn is confirmed. What it raises propagates: nothing was
sent. Beside it, `keep_turn` (`_ensure_lock.Turn.keep`): called with the seconds about to be
waited, before an attempt waits for the governor's turn and before a retry's backoff, so that the
turn's lease outlives every wait between attempts; it never raises. One variable each for both
clients: the async pipeline awaits what an async ensure set, the sync pipeline calls what a sync
ensure set (each ensure runs on its own client's pipeline).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

before_send: ContextVar[Callable[[str], Any] | None] = ContextVar("before_send", default=None)
keep_turn: ContextVar[Callable[[float], Any] | None] = ContextVar("keep_turn", default=None)
