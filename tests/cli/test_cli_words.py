"""The command line speaks its own words: options, JSON fields and text, never Python argument names."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from pexip_engage_cli._context import in_cli_words
from pexip_engage_client import PexipEngage, models
from pexip_engage_client._runtime.coerce import coerce_body, coerce_datetime
from pexip_engage_client.testing import FakePexipEngage

from ..support.cli import Cli
from ..support.ensure_bodies import APPOINTMENT_NEEDS


def refusal(make: Callable[[], object]) -> ValueError:
    """The client's refusal of what `make` gives it."""
    with pytest.raises(ValueError) as raised:  # noqa: PT011 - each caller checks the message
        make()
    return raised.value


def test_python_argument_names_become_the_options_and_python_advice_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("TOKEN", "CLIENT_ID", "CLIENT_SECRET", "HTTP_BACKEND"):
        monkeypatch.delenv(f"PEXIP_ENGAGE_{variable}", raising=False)
    said = in_cli_words(refusal(lambda: coerce_datetime("2030-01-01T09:00:00", "from_")), [("from_", "--from")])
    assert said.startswith("--from has no timezone")
    assert "tzinfo" not in said
    assert "datetime.UTC" not in said
    assert in_cli_words(refusal(lambda: PexipEngage("acme", client_id="a"))) == (
        "client credentials need both --client-id and --client-secret-file"
    )
    assert in_cli_words(refusal(lambda: PexipEngage("acme", token="t", http_backend="bogus"))).startswith(  # type: ignore[arg-type]
        "PEXIP_ENGAGE_HTTP_BACKEND must be"
    )
    assert in_cli_words(refusal(lambda: PexipEngage("acme"))) == (
        "credentials are required: --client-id and --client-secret-file, or a token (PEXIP_ENGAGE_TOKEN, or"
        " token_file in the profile)"
    )


def test_wire_names_in_quotes_and_body_paths_are_kept() -> None:
    body = {"firstName": "A", "lastName": "B", "email_address": "x", "external_id": 3}
    error = refusal(lambda: coerce_body(models.EmployeeCreate.from_dict, body, "body"))
    assert "body is missing the required field 'email'; body has fields" in str(error)
    assert in_cli_words(error, [("email", "--email"), ("body", "--body"), ("external_id", "--external-id")]) == str(
        error
    )


@pytest.mark.usefixtures("engage_env")
def test_misspelt_body_fields_are_named_with_the_nearest_even_when_a_required_one_is_missing(
    fake: FakePexipEngage, cli: Cli
) -> None:
    run = cli("employees", "create-employee", "--body", '{"firstName": "A", "lastNmae": "B", "emial": "a@b.c"}')
    assert run.code == 2
    assert "missing the required field 'email'" in run.err
    assert "emial (did you mean 'email'?)" in run.err
    assert "lastNmae (did you mean 'lastName'?)" in run.err
    assert fake.calls == []


@pytest.mark.usefixtures("engage_env")
def test_a_body_time_without_an_offset_is_explained_without_python(fake: FakePexipEngage, cli: Cli) -> None:
    body = json.dumps({**APPOINTMENT_NEEDS, "start": "2030-01-01T09:00:00", "end": "2030-01-01T10:00:00"})
    run = cli("appointments", "create-appointment", "--body", body)
    assert run.code == 2
    assert "body.start has no timezone" in run.err
    assert "give it with a UTC offset" in run.err
    assert "tzinfo" not in run.err
    assert fake.calls == []


@pytest.mark.usefixtures("engage_env")
@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["employees", "update-employee-by-id", "x", "--body", "[]"], "body must be a JSON object (got an array)"),
        (
            ["employees", "update-employee-by-id", "x", "--body", '{"firstName": 3}'],
            "body.firstName must be a string, not an integer",
        ),
        (
            ["employees", "update-employee-by-id", "x", "--body", '{"firstName": null}'],
            "body.firstName must be a string, not null",
        ),
        (
            ["employees", "update-employee-by-id", "x", "--body", '{"externalId": 7}'],
            "body.externalId must be a string or null, not an integer",
        ),
        (
            ["employees", "update-employee-by-id", "x", "--body", '{"availableRoles": "AGENT"}'],
            "body.availableRoles must be an array of one of 'ADMIN', 'AGENT', 'CENTRAL_PLANNER', 'OFFICE_MANAGER' or "
            "null, not a string",
        ),
        (
            [
                "employees",
                "update-employee-by-id",
                "x",
                "--body",
                '{"officeRelations": [{"role": "AGENT", "officeId": 3}]}',
            ],
            "body.officeRelations[0].officeId must be a string, not an integer",
        ),
        (
            ["employees", "update-employee-by-id", "x", "--body", '{"availableRoles": ["AGENT", 3]}'],
            "body.availableRoles[1] must be one of 'ADMIN', 'AGENT', 'CENTRAL_PLANNER', 'OFFICE_MANAGER', not an "
            "integer",
        ),
        (
            ["employees", "put-expertise-for-employee", "x", "o", "--body", "{}"],
            "body must be a JSON array (got an object)",
        ),
        (
            ["employees", "put-expertise-for-employee", "x", "o", "--body", "[[]]"],
            "body[0] must be a JSON object (got an array)",
        ),
        (
            [
                "availability",
                "get-timetable",
                "--from",
                "2030-01-01T00:00:00Z",
                "--to",
                "2030-01-02T00:00:00Z",
                "--office-id",
                "o",
                "--subject-id",
                "s",
                "--meeting-type",
                "VIDEO",
                "--location",
                '{"latitude": "x"}',
            ],
            "--location.latitude must be a number, not a string",
        ),
    ],
)
def test_a_value_of_the_wrong_kind_is_named_in_json_words_not_pythons(
    fake: FakePexipEngage, cli: Cli, argv: list[str], said: str
) -> None:
    run = cli(*argv)
    assert run.code == 2
    assert said in run.err
    for python in ("str", "int", "NoneType", "list", "dict", "float", "EmployeeUpdate", "ExpertiseInput"):
        assert not re.search(rf"\b{python}\b", run.err), run.err
    assert fake.calls == []


@pytest.mark.usefixtures("engage_env")
def test_a_snake_case_field_is_offered_its_camel_case_only_when_the_api_has_it(fake: FakePexipEngage, cli: Cli) -> None:
    run = cli("employees", "update-employee-by-id", "x", "--body", '{"first_name": "A", "zzz_yy": 1, "last_nmae": "B"}')
    assert run.code == 2
    assert "first_name (did you mean 'firstName'?)" in run.err
    assert run.err.rstrip().endswith(", zzz_yy")  # no such field as zzzYy: nothing offered
    assert "zzzYy" not in run.err
    assert "last_nmae (did you mean 'lastName'?)" in run.err  # the nearest real name instead
    assert fake.calls == []
