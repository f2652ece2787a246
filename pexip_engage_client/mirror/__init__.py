"""Engage's appointments as a table in your own database, equal to the API after any outage.

`AppointmentMirror` keeps the table `appointments` (SQLite by default, PostgreSQL for several hosts)
from Engage's webhooks, reading each event's appointment (a page of them at a time), and makes it
whole by catch-ups that read the window's appointments and every other row again; each change is
handed to your hooks, once, in each appointment's order. For example::

    from pexip_engage_client import PexipEngage
    from pexip_engage_client.mirror import AppointmentMirror

    async with PexipEngage("acme", client_id="...", client_secret="...") as engage:
        mirror = AppointmentMirror("sqlite:///crm.db", secret=os.environ["ENGAGE_WEBHOOK_KEY"], client=engage)

        @mirror.on_change
        async def changed(before, after) -> None:
            ...  # after.status, after.start, after.sequence (the change's number)

        await mirror.run(port=8000)  # until SIGTERM

Or from the command line: `pexip-engage mirror run --database sqlite:///crm.db --port 8000`. The
guide: docs/mirror.md.
"""

from typing import TYPE_CHECKING, Any

from ._catching_up import CatchUpResult
from ._change_feed import ChangeLogGapError
from ._checking import CheckResult, Difference
from ._mirror import AppointmentMirror, MirrorStatus
from ._rows import MirroredAppointment
from ._tables import ChangeCursor

if TYPE_CHECKING:
    from ._warehouse import Loaded, dlt_source, export

__all__ = [
    "AppointmentMirror",
    "CatchUpResult",
    "ChangeCursor",
    "ChangeLogGapError",
    "CheckResult",
    "Difference",
    "Loaded",
    "MirrorStatus",
    "MirroredAppointment",
    "dlt_source",
    "export",
]


def __getattr__(name: str) -> Any:
    """The warehouse feed, loaded when asked for: it needs the `dlt` extra, which the mirror does not."""
    if name in {"Loaded", "dlt_source", "export"}:
        from . import _warehouse  # noqa: PLC0415

        return getattr(_warehouse, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
