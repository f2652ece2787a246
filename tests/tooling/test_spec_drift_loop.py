"""The loop of docs/spec-drift.md, end to end: drift records -> overlay -> `make spec-overlay` ->
regenerate -> the regenerated client reads the answers that drifted, strictly, with no difference.

The regeneration is `make vendor`'s (a copy of the package in a temporary project, its whole
generated layer written from the overlaid spec, as `make check-generated` writes it), so this
checkout is left as it is. The copy's own fake serves the answers: its spec is the overlaid one.
Reading strictly and the drift records are `strict_responses=True` and `engage.spec_drift`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client._drift._spec_overlay import overlay_from_records
from scripts.generate import spec_overlay

from ..support.spec import ROOT, SPEC


@dataclass(frozen=True)
class Record:
    operation: str
    pointer: str
    kind: str
    expected: Any
    actual: Any
    count: int = 1


# What a client read from an API that answers appointments otherwise than the spec says.
RECORDS = [
    Record("getAppointmentById", "/data/hybrid", "missing", "boolean", "missing"),
    Record("getAppointments", "/data/*/hybrid", "missing", "boolean", "missing"),
    Record("getAppointmentById", "/data/trailingBufferTime", "type", "integer", "string"),
    Record("getAppointmentById", "/data/office", "null", "object", "null"),
    Record("getAppointmentById", "/data/status", "enum", "string", "ON_HOLD"),
    Record("getAppointmentById", "/data/room", "field", None, "string"),
]
# The drifting appointment, as the API sends it (no `hybrid`).
DRIFT = {"trailingBufferTime": "15", "office": None, "status": "ON_HOLD", "room": "B-12"}

READ_STRICTLY = """
import asyncio, json, sys
from {package} import PexipEngage
from {package}.testing import FakePexipEngage

drift = json.loads(sys.argv[1])
fake = FakePexipEngage()
seeded = fake.add_appointment(**drift)
sent = json.loads(json.dumps(seeded))

async def main():
    async with PexipEngage("acme", token="t", transport=fake, strict_responses=True) as engage:
        one = await engage.appointments.get_appointment_by_id(seeded["id"])
        listed = [item async for item in engage.appointments.get_appointments()]
        return one.to_dict(), [item.to_dict() for item in listed], list(engage.spec_drift.records())

one, listed, records = asyncio.run(main())
print(json.dumps({{"sent": sent, "one": one, "listed": listed, "records": [repr(r) for r in records]}}))
"""


def _run(script: str, cwd: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script, *arguments], cwd=cwd, capture_output=True, text=True, check=False, timeout=120
    )


@pytest.mark.soak  # one generation of the layer
def test_the_overlay_of_what_drifted_regenerates_a_client_that_reads_it_strictly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    (project / "myproj").mkdir(parents=True)
    (project / "myproj" / "__init__.py").write_text("")
    spec = project / "openapi.yaml"
    spec.write_bytes((ROOT / "openapi.yaml").read_bytes())
    overlay = project / "drift.json"
    overlay.write_text(json.dumps(overlay_from_records(RECORDS, SPEC)), encoding="utf-8")

    # This checkout's client, strict, refuses the drifting answer: the loop has something to fix.
    before = _run(READ_STRICTLY.format(package="pexip_engage_client"), ROOT, json.dumps(DRIFT))
    assert before.returncode != 0

    assert spec_overlay.main([str(overlay), "--spec", str(spec)]) == 0, capsys.readouterr().err
    vendored = subprocess.run(
        [sys.executable, "-m", "scripts.generate.vendor", str(project / "myproj" / "engage"), "--spec", str(spec)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert vendored.returncode == 0, vendored.stderr[-3000:]

    after = _run(READ_STRICTLY.format(package="myproj.engage"), project, json.dumps(DRIFT))
    assert after.returncode == 0, after.stderr[-3000:]
    outcome = json.loads(after.stdout)
    assert outcome["records"] == []
    assert "hybrid" not in outcome["sent"]
    # Every field read, and given back as it was sent (date-times as the same instants).
    assert _instants(outcome["one"]) == _instants(outcome["sent"])
    assert _instants(outcome["listed"]) == [_instants(outcome["sent"])]


_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT")


def _instants(value: Any) -> Any:
    """`value` with each date-time text as the instant it names."""
    if isinstance(value, dict):
        return {key: _instants(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_instants(item) for item in value]
    if isinstance(value, str) and _DATE_TIME.match(value):
        return datetime.fromisoformat(value).timestamp()
    return value
