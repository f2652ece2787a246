"""Directory files that cannot be read as they are: each is a ValueError naming the file and where
in it (line and column, or the employee and field), never a bare decoding, csv or recursion error,
and nothing of such a file is sent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.provisioning import apply_plan, parse_csv, parse_json, plan_employees, read_employees
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN

HEADER = "externalId,email,firstName,lastName\n"


def test_a_latin_1_csv_names_the_file_line_and_column_of_the_first_byte_not_utf_8(tmp_path: Path) -> None:
    path = tmp_path / "directory.csv"
    path.write_bytes((HEADER + "E-1,a@acme.test,Ann,Lee\nE-2,b@acme.test,José,Núñez\n").encode("latin-1"))
    with pytest.raises(ValueError, match=re.escape(f"{path}: line 3, column 20: not UTF-8")) as caught:
        read_employees(path)
    assert "0xe9" in str(caught.value)  # the byte, and what to do about it
    assert "save it as UTF-8" in str(caught.value)
    assert not isinstance(caught.value, UnicodeDecodeError)


def test_a_cell_larger_than_csv_reads_is_a_value_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "directory.csv"
    path.write_text(HEADER + "E-1,a@acme.test,Ann,Lee\n" + f"E-2,b@acme.test,{'x' * 200_000},Lee\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{path}: line 3: a cell is longer than")):
        read_employees(path)


def test_a_nul_or_control_character_in_a_cell_names_line_column_and_field(tmp_path: Path) -> None:
    path = tmp_path / "directory.csv"
    path.write_text(HEADER + "E-1,a@acme.test,Ann,Lee\nE-2,b@acme.test,Bo\x00b,Lee\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{path}: line 3, column 3 (firstName): a NUL character")):
        read_employees(path)
    with pytest.raises(ValueError, match=re.escape("line 2, column 4 (lastName): a control character")):
        parse_csv(HEADER + "E-1,a@acme.test,Ann,L\x1bee\n")


def test_json_nested_beyond_reading_names_the_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "directory.json"
    path.write_text('[{"externalId": "E-1",\n "email": ' + "[" * 100_000 + "]" * 100_000 + "}]", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{path}: line 2, column ")) as caught:
        read_employees(path)
    assert "nested deeper than" in str(caught.value)
    assert not isinstance(caught.value, RecursionError)


def test_a_nul_in_a_json_value_names_the_employee_and_field(tmp_path: Path) -> None:
    path = tmp_path / "directory.json"
    path.write_text('[{"externalId": "E-1"}, {"externalId": "E-2", "availableRoles": ["AGENT", "AD\\u0000MIN"]}]')
    with pytest.raises(ValueError, match=re.escape(f"{path}: employee 2, field availableRoles: a NUL character")):
        read_employees(path)
    with pytest.raises(ValueError, match=re.escape("employee 1, field firstName: a NUL character")):
        parse_json('{"data": [{"firstName": "A\\u0000"}]}')


def test_invalid_json_and_csv_still_say_where(tmp_path: Path) -> None:
    path = tmp_path / "directory.json"
    path.write_text('[{"externalId": "E-1",\n "email" "x"}]')
    with pytest.raises(ValueError, match=re.escape(f"{path}: line 2, column 10: not valid JSON")):
        read_employees(path)
    csv_path = tmp_path / "directory.csv"
    csv_path.write_text(HEADER + "E-1,a@acme.test,Ann,Lee,extra\n")
    with pytest.raises(ValueError, match=re.escape(f"{csv_path}: line 2 has more cells than the header")):
        read_employees(csv_path)


async def test_records_given_in_code_with_a_nul_are_conflicts_and_never_sent() -> None:
    fake = FakePexipEngage()
    desired: list[dict[str, object]] = [  # two of four: a minority of invalid rows, planned around
        {"externalId": "E-1", "email": "a@acme.test", "firstName": "A\x00nn", "lastName": "Lee"},
        {"externalId": "E-2", "email": "b@acme.test", "firstName": "Bo", "lastName": "Li", "availableRoles": ["\x00"]},
        {"externalId": "E-3", "email": "c@acme.test", "firstName": "C", "lastName": "D"},
        {"externalId": "E-4", "email": "d@acme.test", "firstName": "E", "lastName": "F"},
    ]
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        plan = await plan_employees(engage, desired)
        await apply_plan(engage, plan)
    assert [conflict.reason for conflict in plan.conflicts] == [
        "invalid row: firstName holds a NUL character",
        "invalid row: availableRoles holds a NUL character",
    ]
    assert [call.json["externalId"] for call in fake.calls_to("createEmployee")] == ["E-3", "E-4"]


def test_a_column_given_twice_is_an_error_naming_it_and_its_columns(tmp_path: Path) -> None:
    # Read as it was, the second externalId won: row A-000 planned an update of A-001 with A-000's email.
    path = tmp_path / "directory.csv"
    path.write_text("externalId,email, externalId,firstName,,\nA-000,a@bank.test,A-001,Ann,,\n", encoding="utf-8")
    twice = f"{path}: line 1: column externalId appears 2 times (which is meant cannot be told)"
    with pytest.raises(ValueError, match=re.escape(twice)):
        read_employees(path)
    unnamed = parse_csv("externalId,email,,\nA-000,a@bank.test,,\n")  # an export's trailing commas
    assert unnamed == [{"externalId": "A-000", "email": "a@bank.test", "": None}]


def test_a_json_field_given_twice_is_an_error_naming_the_employee_and_field(tmp_path: Path) -> None:
    path = tmp_path / "directory.json"
    path.write_text('[{"externalId": "A-000"}, {"externalId": "A-000", "email": "a@bank.test", "externalId": "A-001"}]')
    with pytest.raises(ValueError, match=re.escape(f"{path}: employee 2, field externalId: given twice")):
        read_employees(path)
