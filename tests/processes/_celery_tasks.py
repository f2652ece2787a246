"""A Celery app whose task uses a module-level `SyncPexipEngage` made and used at import.

The prefork worker imports this module in its main process, then forks its pool: the client and
its first connection are copied into every child. The task asks Engage (the served fake at
ENGAGE_URL) for one appointment and returns `<appointment id> <pid>`, or the error it met.
"""

from __future__ import annotations

import os

from celery import Celery  # type: ignore[import-untyped]

from pexip_engage_client import SyncPexipEngage, errors

app = Celery("preforked", broker=os.environ["CELERY_REDIS_URL"], backend=os.environ["CELERY_REDIS_URL"])
app.conf.update(broker_connection_retry_on_startup=True, worker_hijack_root_logger=False)

engage = SyncPexipEngage("acme", token="test", base_url=os.environ["ENGAGE_URL"])
engage.appointments.get_appointment_by_id(os.environ["ENGAGE_FIRST_ID"])  # a pooled connection, before the fork


def read(appointment_id: str) -> str:
    try:
        return f"{engage.appointments.get_appointment_by_id(appointment_id).id} {os.getpid()}"
    except errors.PexipEngageError as exc:
        return f"{type(exc).__name__}: {exc}"


app.task(name="preforked.read")(read)
