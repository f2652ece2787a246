"""Lanes: whether a call is `interactive` (someone waits on its answer) or `background` (a job's).

The governor keeps background work below the whole of the limits: it leaves interactive calls a slot and the part of
the minute's budget beyond its share (docs/limits.md#lanes). The lane travels with the call's context, so that a job
says it once for every request it makes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal, get_args

Lane = Literal["interactive", "background"]

LANE: ContextVar[Lane] = ContextVar("pexip_engage_lane", default="interactive")
# Whose call it is: the enterprise of the client sending it, set around each attempt (`Governor(weights=...)`).
ENTERPRISE: ContextVar[str] = ContextVar("pexip_engage_enterprise", default="")


@contextmanager
def lane(name: Lane) -> Iterator[None]:
    """Every request made within (in this task or thread, and the tasks it starts) waits in lane `name`::

        with pexip_engage_client.lane("background"):
            await nightly_export(engage)

    Calls outside any are `interactive`. The client's own jobs (catch-ups, provisioning's applies, reconcile,
    `spec check`) say `background` themselves. `ValueError` for another name.
    """
    if name not in get_args(Lane):
        raise ValueError(f"name must be 'interactive' or 'background' (got {name!r})")
    token = LANE.set(name)
    try:
        yield
    finally:
        LANE.reset(token)
