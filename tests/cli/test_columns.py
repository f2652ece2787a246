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
