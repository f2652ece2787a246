"""A directory that cannot be read is an error, before anything is read from Engage: a header naming no
field the plan manages, no key column, columns that are no field, rows mostly invalid. Each says why and
the nearest field names. The probe's figure: HR's `name,email,office` planned 20 conflicts, each listing
the 14 fields twice, then "No changes." A column mapping lets such an export be used as it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.provisioning import DirectoryError, apply_plan, plan_employees, read_employees
from pexip_engage_client.testing import FakePexipEngage

from ..support.employees import seed_branch


def hr_export(tmp_path: Path, header: str, rows: list[str]) -> Path:
    path = tmp_path / "hr.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


async def test_hr_s_name_email_office_is_an_error_naming_the_key_and_the_nearest_fields(
    engage: PexipEngage, fake: FakePexipEngage, tmp_path: Path
) -> None:
    seed_branch(fake, "branch-a", 20, "A")
    path = hr_export(tmp_path, "name,email,office", [f"Adviser {i},a.adviser{i}@bank.test,Antwerp" for i in range(20)])
    with pytest.raises(DirectoryError) as refused:
        await plan_employees(engage, path)
    message = str(refused.value)
    assert message.startswith(f"{path}: ")
    assert "no column externalId (the key; or choose another with key=)" in message
    assert "name is no field of an employee (nearest: username, firstName, lastName)" in message
    assert "office is no field of an employee (nearest: officeRelations)" in message
    assert "map the export's columns with columns=" in message
    assert message.count("communicationEmail") == 0  # no list of every field, let alone one per row
    assert fake.calls == []


async def test_a_header_naming_no_field_at_all(engage: PexipEngage, fake: FakePexipEngage, tmp_path: Path) -> None:
    path = hr_export(tmp_path, "Personnel number;Mail;Given name", ["1;a@bank.test;Ann"])  # semicolons: one column
    with pytest.raises(DirectoryError, match=re.escape("names no field the plan manages")):
        await plan_employees(engage, path)


async def test_rows_mostly_invalid_are_an_error_with_the_first_reasons(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    directory = seed_branch(fake, "branch-a", 10, "A")
    broken = [{**record, "language": "Dutch"} for record in directory[:6]]
    with pytest.raises(DirectoryError) as refused:
        await plan_employees(engage, [*broken, *directory[6:]])
    assert str(refused.value).startswith(
        "the employees: 6 of 10 rows are invalid, more than half: row 1: language must be one of"
    )
    assert fake.calls == []
    # A minority of invalid rows is planned around, each a conflict.
    plan = await plan_employees(engage, [*broken[:2], *directory[2:]])
    assert len(plan.conflicts) == 2


async def test_an_empty_directory_is_an_error(engage: PexipEngage, tmp_path: Path) -> None:
    path = hr_export(tmp_path, "externalId,email", [])
    with pytest.raises(DirectoryError, match="holds no employee"):
        await plan_employees(engage, path, scope=["branch-a"], missing="deactivate")


async def test_a_column_mapping_takes_an_hr_export_as_it_is(
    engage: PexipEngage, fake: FakePexipEngage, tmp_path: Path
) -> None:
    directory = seed_branch(fake, "branch-a", 3, "A")
    rows = [
        f"{r['externalId']},{r['email'].upper()},{r['firstName']},{r['lastName']},AGENT:branch-a,Sales"
        for r in directory
    ]
    path = hr_export(tmp_path, "Personnel number,Mail,Given name,Surname,Office,Department", rows)
    columns = {
        "Personnel number": "externalId",
        "Mail": "email",
        "Given name": "firstName",
        "Surname": "lastName",
        "Office": "officeRelations",
        "Department": None,
    }
    plan = await plan_employees(engage, path, columns=columns)
    assert (plan.has_changes, plan.conflicts, plan.unchanged) == (False, [], 3)
    assert read_employees(path, columns=columns)[0]["officeRelations"] == "AGENT:branch-a"
    report = await apply_plan(engage, plan)
    assert report.ok


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"Mail": "mail"}, "columns: Mail -> mail: mail is no field of an employee (nearest: email"),
        ({"Phone": "phoneNumber"}, "columns: Phone is no column of the directory"),
        ({"Mail": "email", "E-mail": "email"}, "columns: Mail and E-mail both map to email"),
    ],
)
async def test_a_column_mapping_that_cannot_be_followed_is_refused(
    engage: PexipEngage, tmp_path: Path, columns: dict[str, str], message: str
) -> None:
    path = hr_export(tmp_path, "externalId,Mail,E-mail", ["A-1,a@bank.test,a@bank.test"])
    with pytest.raises(ValueError, match=re.escape(message)):
        await plan_employees(engage, path, columns=columns)


async def test_a_str_naming_a_csv_or_json_file_is_read_as_that_file_and_a_file_s_text_is_refused(
    engage: PexipEngage, fake: FakePexipEngage, tmp_path: Path
) -> None:
    # The docstring's "the path of a CSV or JSON file", as a str too, as read_employees takes one.
    fake.add_office(id="branch-a")
    path = hr_export(tmp_path, "externalId,firstName,email", ["HR-1,Ann,ann@bank.test", "HR-2,Bob,bob@bank.test"])
    as_str = await plan_employees(engage, str(path))
    as_path = await plan_employees(engage, path)
    assert [create.key for create in as_str.creates] == [create.key for create in as_path.creates] == ["HR-1", "HR-2"]
    calls = len(fake.calls)
    # A str that is not such a path is never misread: a file's text, or a name that does not say how to read it.
    with pytest.raises(ValueError, match=r"^desired is text of more than one line, not a file's path: .*parse_csv"):
        await plan_employees(engage, path.read_text())
    with pytest.raises(ValueError, match=r"^desired as a str is the path of a \.csv or \.json file \(got 'hr'\)"):
        await plan_employees(engage, "hr")
    assert len(fake.calls) == calls  # refused before anything is read from Engage
