"""One spelling of a date-time in everything the command line prints: the API's own (`...362Z`)."""

from __future__ import annotations

import json

import pytest

from pexip_engage_cli._output import timestamp
from pexip_engage_client.testing import FakePexipEngage

from ..support.cli import Cli


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("2022-08-17T19:05:21.362000+00:00", "2022-08-17T19:05:21.362Z"),
        ("2022-08-17T19:05:21.362Z", "2022-08-17T19:05:21.362Z"),
        ("2022-08-17T19:05:21+00:00", "2022-08-17T19:05:21.000Z"),
        ("2022-08-17T19:05:21.123456+00:00", "2022-08-17T19:05:21.123456Z"),  # finer than ms: kept
        ("2022-08-17T21:05:21.362+02:00", "2022-08-17T21:05:21.362+02:00"),  # an offset the API chose: kept
        ("2022-08-17", "2022-08-17"),
        ("2022-13-17T19:05:21Z", "2022-13-17T19:05:21Z"),  # looks like one, is not: printed as it came
        ("meet at 2022-08-17T19:05:21Z", "meet at 2022-08-17T19:05:21Z"),
    ],
)
def test_a_date_time_is_spelt_as_the_api_spells_it(text: str, printed: str) -> None:
    assert timestamp(text) == printed


@pytest.mark.usefixtures("engage_env")
def test_a_generated_command_and_the_raw_passthrough_print_the_same_instant_the_same_way(
    fake: FakePexipEngage, cli: Cli
) -> None:
    employee_id = fake.add_employee(id="e-1", status="ACTIVE")["id"]
    generated = json.loads(cli("employees", "get-employee-by-id", employee_id, "-o", "json").out)
    raw = json.loads(cli("api", "GET", f"/employees/{employee_id}", "-o", "json").out)["data"]
    assert generated["createdAt"] == raw["createdAt"]
    assert generated["createdAt"].endswith("Z")
    listed = [json.loads(line) for line in cli("employees", "get-employees", "-o", "jsonl").out.splitlines()]
    assert listed[0]["updatedAt"] == raw["updatedAt"]
