"""A command of an operation openapi.yaml infers (`appointments cancel-appointment`) runs like every
command, says "(inferred)" in the command list, and prints the client's warning as a note."""

from __future__ import annotations

import json

import pytest

from pexip_engage_client._pipeline._inferred import forget_warnings
from pexip_engage_client.testing import FakePexipEngage

from ..support.cli import Cli


@pytest.mark.usefixtures("engage_env")
def test_cancel_appointment_cancels_and_notes_that_it_is_inferred(fake: FakePexipEngage, cli: Cli) -> None:
    fake.add_appointment(id="a-1", status="ACCEPTED")
    forget_warnings()
    run = cli("appointments", "cancel-appointment", "a-1", "--output", "json")
    assert run.code == 0, run.err
    assert json.loads(run.out)["status"] == "CANCELLED"
    assert fake.get("/appointments", "a-1")["status"] == "CANCELLED"
    assert run.err.startswith("pexip-engage: note: appointments.cancel_appointment (POST ")
    assert "is inferred" in run.err


def test_the_command_list_and_help_say_inferred(cli: Cli) -> None:
    listed = cli("appointments", "--help")
    assert "Cancel an appointment (inferred)" in listed.out
    described = cli("appointments", "cancel-appointment", "--help")
    assert "Inferred: the copied documentation does not show this operation" in " ".join(described.out.split())


@pytest.mark.usefixtures("engage_env")
def test_an_accepted_inferred_operation_runs_without_a_note(
    fake: FakePexipEngage, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.add_appointment(id="a-1", status="ACCEPTED")
    forget_warnings()
    monkeypatch.setenv("PEXIP_ENGAGE_ACCEPT_INFERRED", "cancelAppointment")
    run = cli("appointments", "cancel-appointment", "a-1", "--output", "json")
    assert run.code == 0, run.err
    assert run.err == ""
    monkeypatch.setenv("PEXIP_ENGAGE_ACCEPT_INFERRED", "cancelAppointmnt")
    refused = cli("appointments", "cancel-appointment", "a-1", "--output", "json")
    assert refused.code == 2
    assert "PEXIP_ENGAGE_ACCEPT_INFERRED names 'cancelAppointmnt', which is no inferred operation" in refused.err
    assert "(did you mean 'cancelAppointment'?)" in refused.err
    forget_warnings()
