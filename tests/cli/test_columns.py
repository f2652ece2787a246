"""`-o table`: the columns asked for (`--columns`), else the fields that fit the terminal, never a wall."""

from __future__ import annotations

import pytest

from pexip_engage_client.testing import FakePexipEngage

from ..support.cli import Cli


@pytest.fixture
def employees(fake: FakePexipEngage) -> list[str]:
    return [
        fake.add_employee(id=f"employee-{n}", firstName=f"Name{n}", email=f"e{n}@example.com", status="ACTIVE")["id"]
        for n in range(3)
    ]


@pytest.mark.usefixtures("engage_env", "employees")
def test_a_table_fits_the_terminal_and_names_the_columns_it_left_out(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    run = cli("employees", "get-employees", "-o", "table")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].startswith("id")
    assert all(len(line) <= 80 for line in lines), run.out
    assert "more columns: " in run.err
    assert "email" in run.err.split("more columns: ")[1]  # left out, and said so
    assert "(--columns to choose)" in run.err


@pytest.mark.usefixtures("engage_env", "employees")
def test_columns_are_the_ones_named_in_their_order(cli: Cli) -> None:
    run = cli("employees", "get-employees", "-o", "table", "--columns", "email,id")
    assert run.code == 0, run.err
    header, rule, *rows = run.out.splitlines()
    assert set(rule) == {"-", " "}
    assert header.split() == ["email", "id"]
    assert rows[0].split() == ["e0@example.com", "employee-0"]
    assert "more columns" not in run.err
    one = cli("employees", "get-employee-by-id", "employee-1", "-o", "table", "--columns", "firstName,status")
    assert one.out.split() == ["firstName", "Name1", "status", "ACTIVE"]


@pytest.mark.usefixtures("engage_env", "employees")
def test_an_unknown_column_is_refused_with_the_nearest_field(cli: Cli) -> None:
    run = cli("employees", "get-employees", "-o", "table", "--columns", "id,emial")
    assert run.code == 2
    assert "--columns: no field 'emial' in the result (did you mean 'email'?)" in run.err


@pytest.mark.usefixtures("engage_env")
@pytest.mark.parametrize(
    ("value", "error"),
    [("id,,email", "has an empty column name"), ("id,id", "names 'id' twice"), ("", "has an empty column name")],
)
def test_a_malformed_column_list_is_a_usage_error(fake: FakePexipEngage, cli: Cli, value: str, error: str) -> None:
    run = cli("employees", "get-employees", "-o", "table", f"--columns={value}")
    assert run.code == 2
    assert error in run.err
    assert fake.calls == []


@pytest.mark.usefixtures("engage_env")
def test_columns_need_a_table_and_nothing_is_sent_without_one(fake: FakePexipEngage, cli: Cli) -> None:
    run = cli("employees", "get-employees", "-o", "json", "--columns", "id")
    assert run.code == 2
    assert "use it with --output table" in run.err
    assert fake.calls == []


@pytest.mark.usefixtures("engage_env")
def test_the_columns_asked_for_are_cut_narrower_to_fit_the_terminal(
    fake: FakePexipEngage, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(2):
        fake.add_employee(id=f"employee-{n}", firstName="F" * 30, lastName="L" * 30, email=f"{'e' * 30}{n}@example.com")
    monkeypatch.setenv("COLUMNS", "60")
    run = cli("employees", "get-employees", "-o", "table", "--columns", "id,email,firstName,lastName")
    assert run.code == 0, run.err
    header, _, *rows = run.out.splitlines()
    assert all(len(line) <= 60 for line in run.out.splitlines()), run.out
    assert header.split() == ["id", "email", "firstName", "lastName"]  # every column asked for, none dropped
    assert rows[0].split()[0] == "employee-0"  # the narrow ones whole, the wide ones cut
    assert "…" in rows[0]
    assert "more columns" not in run.err
    monkeypatch.delenv("COLUMNS")
    piped = cli("employees", "get-employees", "-o", "table", "--columns", "id,email,firstName,lastName")  # no cut
    assert max(map(len, piped.out.splitlines())) > 60
