"""The command line against an API whose answers differ from openapi.yaml in one field (issue 75).

The fake is served on loopback behind `Rewriting` (tests/support/rewriting.py): `--all`, its
progress, the table and its footer work without a readable `meta.totalCount`; `spec check`
completes and names the difference; an answer a command cannot use ends with exit code 5 and the
field and operation named, never "unexpected" (docs/cli.md, "Exit codes").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from pexip_engage_cli._exit import UNUSABLE_ANSWER, unusable_answer
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.cli import Cli
from ..support.clients import TOKEN
from ..support.rewriting import DIFFERENCES, Rewrite, Rewriting, on_answers

pytestmark = pytest.mark.slow  # a served fake, as the other command line tests

TOTAL = "/meta/totalCount"


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch, clean_environment: Path, fake: FakePexipEngage) -> Iterator[Rewriting]:
    """The fake on 127.0.0.1 behind a rewriting transport (no rewrite until a test sets `rewrite`),
    read as a user's command line reads it: leniently (the suite reads strictly: tests/conftest.py)."""
    monkeypatch.delenv("PEXIP_ENGAGE_STRICT_RESPONSES", raising=False)
    rewriting = Rewriting(fake, lambda request, document: None)
    with serve(rewriting) as root:
        monkeypatch.setenv("PEXIP_ENGAGE_ENTERPRISE", "acme")
        monkeypatch.setenv("PEXIP_ENGAGE_BASE_URL", root)
        monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", TOKEN)
        yield rewriting


def staff(fake: FakePexipEngage, count: int = 5) -> list[str]:
    return [fake.add_employee(id=f"employee-{n:03}", status="ACTIVE")["id"] for n in range(count)]


def with_rewrite(served: Rewriting, rewrite: Rewrite) -> None:
    served.rewrite = rewrite


@pytest.mark.parametrize("difference", DIFFERENCES)
def test_all_walks_every_row_without_a_total(
    served: Rewriting, fake: FakePexipEngage, cli: Cli, difference: str
) -> None:
    ids = staff(fake)
    with_rewrite(served, on_answers("/employees", TOTAL, difference))
    run = cli("employees", "get-employees", "--limit", "2", "--all", "--progress")
    assert run.code == 0, run.err
    assert [row["id"] for row in json.loads(run.out)] == ids
    assert "5 items" in run.err  # the progress without a total: a count
    assert "unexpected" not in run.err


def test_all_as_a_table_with_a_drifted_field_and_no_total(served: Rewriting, fake: FakePexipEngage, cli: Cli) -> None:
    ids = staff(fake)

    def rewrite(request: object, document: object) -> None:
        on_answers("/employees", TOTAL, "absent")(request, document)  # type: ignore[arg-type]
        on_answers("/employees", "/data/0/email", "true")(request, document)  # type: ignore[arg-type]

    with_rewrite(served, rewrite)
    run = cli("employees", "get-employees", "--limit", "2", "--all", "-o", "table", "--columns", "id,email")
    assert run.code == 0, run.err
    assert [line.split()[0] for line in run.out.splitlines()[2:]] == ids
    assert "true" in run.out  # the field as the API sent it


@pytest.mark.parametrize("pointer", [TOTAL, "/meta/offset", "/meta"])
def test_the_table_footer_without_meta(served: Rewriting, fake: FakePexipEngage, cli: Cli, pointer: str) -> None:
    staff(fake)
    with_rewrite(served, on_answers("/employees", pointer, "null"))
    run = cli("employees", "get-employees", "--limit", "2", "-o", "table")
    assert run.code == 0, run.err
    total, offset = ("?", "?") if pointer == "/meta" else ("?", "0") if pointer == TOTAL else ("5", "?")
    assert f"2 of {total} from offset {offset} (--all for every page)" in run.err


def test_an_answer_a_walk_cannot_use_exits_5_naming_the_field_and_the_operation(
    served: Rewriting, fake: FakePexipEngage, cli: Cli
) -> None:
    staff(fake)
    with_rewrite(served, on_answers("/employees", "/data", "null", offsets={2}))
    run = cli("employees", "get-employees", "--limit", "2", "--all")
    assert run.code == UNUSABLE_ANSWER == 5
    assert "unexpected" not in run.err
    assert "/data in getEmployees's answer was null" in run.err


def test_a_field_read_by_a_command_exits_5_never_unexpected(
    served: Rewriting, fake: FakePexipEngage, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A command that reads a field of its answer (as free-busy, reconcile and ensure do) and meets
    # one the API sent differently: `UnreadableFieldError`, raised inside the client's call.
    appointment = fake.add_appointment()
    with_rewrite(served, on_answers("/appointments/" + appointment["id"], "/data/subject", "absent"))

    def reads_the_subject(self: object, value: object) -> None:
        print(value.subject)  # type: ignore[attr-defined]

    monkeypatch.setattr("pexip_engage_cli._output.Printer.result", reads_the_subject)
    run = cli("appointments", "get-appointment-by-id", appointment["id"])
    assert run.code == UNUSABLE_ANSWER, run.err
    assert "unexpected" not in run.err
    assert "/data/subject in getAppointmentById's body was absent" in run.err


@pytest.mark.parametrize("difference", ["absent", "null", "text"])
def test_spec_check_completes_and_names_a_total_it_cannot_read(
    served: Rewriting, fake: FakePexipEngage, cli: Cli, difference: str
) -> None:
    staff(fake, 3)
    for _ in range(3):
        fake.add_appointment()
    with_rewrite(served, on_answers("/employees", TOTAL, difference))
    run = cli("spec", "check", "--json", "--max-pages", "3", "--operations", "getEmployees", "getAppointments")
    assert run.code == 1, run.err  # something differed
    document = json.loads(run.out)
    kind = {"absent": "missing", "null": "null", "text": "type"}[difference]
    assert {(r["operation"], r["pointer"], r["kind"]) for r in document["records"]} == {("getEmployees", TOTAL, kind)}
    assert {"getEmployees", "getAppointments"} <= set(document["read"])
    table = cli("spec", "check", "--operations", "getEmployees")
    assert table.code == 1, table.err
    assert "getEmployees" in table.out
    assert TOTAL in table.out


def test_spec_check_completes_when_a_page_has_no_items_it_can_read(
    served: Rewriting, fake: FakePexipEngage, cli: Cli
) -> None:
    staff(fake, 3)
    with_rewrite(served, on_answers("/employees", "/data", "absent"))
    run = cli("spec", "check", "--json", "--operations", "getEmployees")
    assert run.code == 1, run.err
    records = json.loads(run.out)["records"]
    assert [(r["operation"], r["pointer"], r["kind"]) for r in records] == [("getEmployees", "/data", "missing")]


def test_an_error_naming_a_field_but_not_saying_where_is_prefixed_with_it() -> None:
    # An error of a feature built on a look-up (an ensure's) may name the field in attributes only.
    class LookUpError(Exception):
        pointer = "/meta/totalCount"
        operation = "getAppointments"

    refused = unusable_answer(LookUpError("the look-up could not count what it found"))
    assert refused is not None
    assert refused.code == UNUSABLE_ANSWER
    assert str(refused) == (
        "the API sent /meta/totalCount of getAppointments's answer unlike openapi.yaml: "
        "the look-up could not count what it found"
    )
    assert unusable_answer(ValueError("no field")) is None
