"""`pexip-engage spec check --probe-inferred` against the fake on loopback: each operation openapi.yaml
infers is asked about with an appointment id that cannot exist, and reported; nothing is changed.

The fake serves every inferred action (they are in its spec): each "exists". Played with an overlay
that removes cancel, the tenant lacks it: "absent", a difference (exit 1).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from pexip_engage_cli._spec_probe import NIL_ID
from pexip_engage_client.testing import FakePexipEngage

from ..support.cli import Cli
from ..support.spec import SPEC

INFERRED = sorted(
    operation["operationId"]
    for item in SPEC["paths"].values()
    for operation in item.values()
    if "x-inferred" in operation
)
WITHOUT_CANCEL: dict[str, Any] = {
    "overlay": "1.0.0",
    "info": {"title": "a tenant without cancel", "version": "1"},
    "actions": [{"target": "$['paths']['/appointments/{id}/_actions/cancel']", "remove": True}],
}


@pytest.fixture
def fake(request: pytest.FixtureRequest) -> FakePexipEngage:
    """The fake with appointments in every status the actions move from, and the overlay a test names."""
    fake = FakePexipEngage(overlay=getattr(request, "param", None))
    for status in SPEC["components"]["schemas"]["AppointmentStatus"]["enum"]:
        fake.add_appointment(id=f"real-{status.lower()}", status=status)
    fake.add_subject()
    return fake


def _probe(cli: Cli) -> tuple[int, dict[str, Any]]:
    run = cli("spec", "check", "--probe-inferred", "--json", "--operations", "getSubjects")
    return run.code, json.loads(run.out)


@pytest.mark.usefixtures("engage_env")
def test_each_inferred_operation_is_probed_with_an_id_that_cannot_exist(fake: FakePexipEngage, cli: Cli) -> None:
    before = {item_id: dict(item) for item_id, item in fake.items("/appointments").items()}
    code, document = _probe(cli)
    assert code == 0, document
    assert {result["operation"]: result["verdict"] for result in document["inferred"]} == dict.fromkeys(
        INFERRED, "exists"
    )
    # Never a real appointment: every request on an appointment names the nil id, and nothing changed.
    on_appointments = [call for call in fake.calls if "/appointments" in call.request.url.path]
    assert on_appointments
    assert all(f"/appointments/{NIL_ID}" in call.request.url.path for call in on_appointments)
    assert fake.items("/appointments") == before
    assert {call.request.method for call in fake.calls} == {"GET", "POST"}


@pytest.mark.usefixtures("engage_env")
@pytest.mark.parametrize("fake", [WITHOUT_CANCEL], indirect=True)
def test_an_inferred_operation_the_tenant_lacks_is_absent_and_a_difference(fake: FakePexipEngage, cli: Cli) -> None:
    code, document = _probe(cli)
    assert code == 1
    verdicts = {result["operation"]: result for result in document["inferred"]}
    assert verdicts["cancelAppointment"]["verdict"] == "absent"
    assert verdicts["cancelAppointment"]["status"] == 404
    assert {verdicts[name]["verdict"] for name in INFERRED if name != "cancelAppointment"} == {"exists"}
    table = cli("spec", "check", "--probe-inferred", "--operations", "getSubjects")
    assert table.code == 1
    assert "inferred cancelAppointment (POST /appointments/{id}/_actions/cancel): absent" in table.err


@pytest.mark.usefixtures("engage_env")
def test_nothing_is_sent_when_the_nil_id_is_an_appointment(fake: FakePexipEngage, cli: Cli) -> None:
    fake.add_appointment(id=NIL_ID, status="ACCEPTED")
    code, document = _probe(cli)
    assert code == 0
    assert {result["verdict"] for result in document["inferred"]} == {"undecided"}
    assert [call for call in fake.calls if call.request.method == "POST"] == []
    assert fake.get("/appointments", NIL_ID)["status"] == "ACCEPTED"


@pytest.mark.usefixtures("engage_env")
def test_without_the_option_nothing_is_probed(fake: FakePexipEngage, cli: Cli) -> None:
    run = cli("spec", "check", "--json", "--operations", "getSubjects")
    assert run.code == 0
    assert "inferred" not in json.loads(run.out)
    assert {call.request.method for call in fake.calls} == {"GET"}
