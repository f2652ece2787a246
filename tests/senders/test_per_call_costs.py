"""What a call through the default sender must not pay for again and again.

httpcore (httpx's) asked which async library runs (sniffio) whenever it made a lock, several times
per request, and without sniffio installed retried the failed import each time, which searched
every folder of `sys.path` and cost a third of a call's CPU time. httpcore2 looks once, when it is
imported, and the client no longer depends on sniffio; calls on the default sender must still make
no import at all once the first one is done.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage

from ..support.loopback import serve, transport_app


class ImportRecorder(importlib.abc.MetaPathFinder):
    """Sees every import that reaches the finders (one already in `sys.modules` does not)."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        self.names.append(fullname)
        return None


async def test_calls_on_the_default_sender_import_nothing_after_the_first() -> None:
    fake = FakePexipEngage(enterprise="acme")
    appointment_id = fake.add_appointment()["id"]
    with serve(transport_app(fake)) as root:
        async with PexipEngage("acme", token="t", base_url=root) as engage:
            await engage.appointments.get_appointment_by_id(appointment_id)  # imports what the first call needs
            recorder = ImportRecorder()
            sys.meta_path.insert(0, recorder)
            try:
                for _ in range(5):
                    await engage.appointments.get_appointment_by_id(appointment_id)
            finally:
                sys.meta_path.remove(recorder)
    assert recorder.names == []
