"""`pexip-engage ensure NAME`: the client's `ensure_*` methods as commands, against the served fake.

Run twice with one externalId, `ensure appointment` makes one appointment: created, then found.
"""

from __future__ import annotations

import json
from functools import cached_property

from pexip_engage_cli import _table
from pexip_engage_client._generated.api import Resources
from pexip_engage_client.testing import FakePexipEngage

from ..support.cli import Cli
from ..support.ensure_bodies import APPOINTMENT, seed_references


def test_twice_with_one_external_id_creates_one_appointment(cli: Cli, fake: FakePexipEngage, engage_env: str) -> None:
    seed_references(fake)
    body = json.dumps(APPOINTMENT)
    first = cli("ensure", "appointment", "--body", body, "-o", "json")
    assert first.code == 0, first.err
    second = cli("ensure", "appointment", "--body", body, "-o", "json")
    assert second.code == 0, second.err
    created, found = json.loads(first.out), json.loads(second.out)
    assert (created["outcome"], found["outcome"]) == ("created", "found")
    assert created["externalId"] == found["externalId"] == "CRM-1"
    assert created["resource"]["id"] == found["resource"]["id"]
    assert [item["externalId"] for item in fake.appointments.values()] == ["CRM-1"]
    assert len(fake.calls_to("createAppointment")) == 1


def test_the_table_output_says_the_outcome_on_stderr(cli: Cli, fake: FakePexipEngage, engage_env: str) -> None:
    seed_references(fake)
    run = cli("ensure", "appointment", "--body", json.dumps(APPOINTMENT), "-o", "table")
    assert run.code == 0, run.err
    assert run.err.startswith("created: externalId CRM-1\n")
    assert "CRM-1" in run.out


def test_a_differing_resource_with_the_external_id_is_an_api_error_and_nothing_is_sent(
    cli: Cli, fake: FakePexipEngage, engage_env: str
) -> None:
    seed_references(fake)
    assert cli("ensure", "appointment", "--body", json.dumps(APPOINTMENT)).code == 0
    changed = {**APPOINTMENT, "meetingType": "PHONE"}
    run = cli("ensure", "appointment", "--body", json.dumps(changed))
    assert run.code != 0
    assert "CRM-1" in run.err
    assert len(fake.calls_to("createAppointment")) == 1


def test_a_body_without_an_external_id_is_a_usage_error(cli: Cli, fake: FakePexipEngage, engage_env: str) -> None:
    body = {key: value for key, value in APPOINTMENT.items() if key != "externalId"}
    run = cli("ensure", "appointment", "--body", json.dumps(body))
    assert run.code == 2
    assert "externalId" in run.err
    assert fake.calls_to("createAppointment") == []


def test_every_ensure_method_of_the_client_is_a_command_and_its_create_points_to_it() -> None:
    groups = _table.load()
    resources = Resources(invoke=None)  # type: ignore[arg-type] # only looked at, never called
    namespaces = [name for name, value in vars(Resources).items() if isinstance(value, cached_property)]
    methods = {
        (namespace, name)
        for namespace in namespaces
        for name in dir(getattr(resources, namespace))
        if name.startswith("ensure_")
    }
    commands = groups["ensure"]["commands"]
    assert {(command["namespace"], command["method"]) for command in commands.values()} == methods
    assert len(methods) == 5
    for name, command in commands.items():
        group, create = command["ensures"].split()
        assert f"`pexip-engage ensure {name}`" in groups[group]["commands"][create]["description"]
        create_body = groups[group]["commands"][create]["body"]
        assert create_body is not None
        assert command["body"] == {"required": True, "help": create_body["help"]}


def test_the_create_commands_help_names_the_ensure_command(cli: Cli, clean_environment: object) -> None:
    run = cli("appointments", "create-appointment", "--help")
    assert run.code == 0
    assert "pexip-engage ensure appointment" in " ".join(run.out.split())
