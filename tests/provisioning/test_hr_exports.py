"""HR exports as they are: a spreadsheet's `;` or tab columns found on the header line, values mapped to what the
API takes (`values=`), a wrong delimiter named with the one that fits, and rows the directory itself gives wrong
told apart as rejected (`Plan.rejected`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.provisioning import Plan, parse_csv, plan_employees, read_employees
from pexip_engage_client.testing import FakePexipEngage

from ..support.employees import seed_branch

# A Belgian Excel export: `;` between columns, Dutch names, the office by its name, a BOM first.
BELGIAN = (
    "\ufeffPersoneelsnummer;Mail;Voornaam;Achternaam;Kantoor\r\n"
    "G-001;jan.peeters@bank.test;Jan;Peeters;Gent\r\n"
    "G-002;an.janssens@bank.test;An;Janssens;Antwerpen\r\n"
)
COLUMNS = {
    "Personeelsnummer": "externalId",
    "Mail": "email",
    "Voornaam": "firstName",
    "Achternaam": "lastName",
    "Kantoor": "officeRelations",
}
OFFICES = {"Gent": "AGENT:office-gent", "Antwerpen": "AGENT:office-antwerpen"}


def export(tmp_path: Path, text: str, name: str = "hr.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_found_on_the_header_line(delimiter: str) -> None:
    header = delimiter.join(["externalId", "email", "firstName", "lastName", "availableRoles"])
    # A cell holding another delimiter (roles are `;`-separated, a name may hold a comma) changes nothing.
    row = delimiter.join(["E-1", "a@acme.test", '"Ann, Jr."', "Lee", '"AGENT;OFFICE_MANAGER"'])
    [record] = parse_csv(f"{header}\n{row}\n")
    assert record == {
        "externalId": "E-1",
        "email": "a@acme.test",
        "firstName": "Ann, Jr.",
        "lastName": "Lee",
        "availableRoles": ["AGENT", "OFFICE_MANAGER"],
    }


def test_a_quoted_header_name_holding_another_delimiter_does_not_count() -> None:
    [record] = parse_csv('externalId;"Mail, work";lastName\nE-1;a@acme.test;Lee\n', columns={"Mail, work": "email"})
    assert record == {"externalId": "E-1", "email": "a@acme.test", "lastName": "Lee"}


def test_a_belgian_export_reads_with_its_bom_delimiter_columns_and_mapped_values(tmp_path: Path) -> None:
    records = read_employees(export(tmp_path, BELGIAN), columns=COLUMNS, values={"Kantoor": OFFICES})
    assert [record["officeRelations"] for record in records] == ["AGENT:office-gent", "AGENT:office-antwerpen"]
    assert records[0]["externalId"] == "G-001"  # the BOM is not part of the first column's name
    # A function in place of a column's mapping, or one function of (column, value) for every column.
    upper = read_employees(export(tmp_path, BELGIAN), columns=COLUMNS, values={"Achternaam": str.upper})
    assert upper[0]["lastName"] == "PEETERS"

    def everywhere(column: str, value: Any) -> Any:
        return OFFICES.get(value, value) if column == "Kantoor" else value

    assert read_employees(export(tmp_path, BELGIAN), columns=COLUMNS, values=everywhere) == records


def test_a_value_the_mapping_lacks_is_kept_and_read_as_the_field_reads_it(tmp_path: Path) -> None:
    records = read_employees(export(tmp_path, BELGIAN), columns=COLUMNS, values={"Kantoor": {"Gent": OFFICES["Gent"]}})
    assert [record["officeRelations"] for record in records] == ["AGENT:office-gent", "Antwerpen"]


def test_values_naming_no_column_or_no_rule_are_refused_naming_values(tmp_path: Path) -> None:
    path = export(tmp_path, BELGIAN)
    with pytest.raises(ValueError, match=r"^values: Office is no column of the directory \(Personeelsnummer, ") as no:
        read_employees(path, columns=COLUMNS, values={"Office": OFFICES})
    assert no.value.argument == "values"  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match=r"^values: Kantoor's values must be a mapping or a function"):
        read_employees(path, columns=COLUMNS, values={"Kantoor": "AGENT:office-gent"})  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("given", "fits", "said"),
    [
        (",", ";", "delimiter=';'"),
        (";", "\t", "delimiter='\\t'"),
        ("\t", ",", "delimiter=','"),
        (None, "|", "delimiter='|'"),
    ],  # a pipe is never found by itself, but said when it fits
)
def test_a_header_read_as_one_column_that_another_delimiter_splits_says_which(
    tmp_path: Path, given: str | None, fits: str, said: str
) -> None:
    path = export(tmp_path, fits.join(["externalId", "email", "lastName"]) + "\nE-1" + fits + "a@acme.test\n")
    with pytest.raises(ValueError, match=re.escape(f"{path}: line 1: the header is one column")) as wrong:
        read_employees(path, delimiter=given)
    assert wrong.value.argument == "delimiter"  # type: ignore[attr-defined]
    assert str(wrong.value).endswith(
        f"its columns seem separated by {'tab' if fits == chr(9) else repr(fits)}: give {said}"
    )
    read_employees(path, delimiter=fits)  # and with it, it reads


def test_a_one_column_directory_is_no_wrong_delimiter() -> None:
    assert parse_csv("externalId\nE-1\n") == [{"externalId": "E-1"}]


@pytest.mark.parametrize("delimiter", ["", ";;", '"', "\n"])
def test_a_delimiter_that_is_not_one_character_is_refused(delimiter: str) -> None:
    with pytest.raises(ValueError, match=r"^delimiter must be one character other than a quote or a line break"):
        parse_csv("externalId\nE-1\n", delimiter=delimiter)


def test_a_delimiter_for_records_or_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hr.json"
    path.write_text('[{"externalId": "E-1"}]', encoding="utf-8")
    with pytest.raises(ValueError, match=r"^delimiter is for a CSV file, not JSON \(hr.json\)"):
        read_employees(path, delimiter=";")


async def test_a_belgian_export_plans_against_engage_with_its_offices_mapped(
    engage: PexipEngage, fake: FakePexipEngage, tmp_path: Path
) -> None:
    seed_branch(fake, "office-gent", 1, "G")  # G-000 in Ghent; G-001 and G-002 are new
    fake.add_office(id="office-antwerpen")
    plan = await plan_employees(engage, export(tmp_path, BELGIAN), columns=COLUMNS, values={"Kantoor": OFFICES})
    created = {create.key: create.fields["officeRelations"] for create in plan.creates}
    assert created == {
        "G-001": [{"role": "AGENT", "officeId": "office-gent"}],
        "G-002": [{"role": "AGENT", "officeId": "office-antwerpen"}],
    }
    records = [{"externalId": "G-003", "email": "x@bank.test", "firstName": "X", "lastName": "Y", "Kantoor": "Gent"}]
    in_code = await plan_employees(engage, records, columns={"Kantoor": "officeRelations"}, values={"Kantoor": OFFICES})
    assert in_code.creates[0].fields["officeRelations"] == [{"role": "AGENT", "officeId": "office-gent"}]
    with pytest.raises(ValueError, match=r"^delimiter is for a CSV file, not records"):
        await plan_employees(engage, records, delimiter=";")


async def test_rows_the_directory_gives_wrong_are_rejected_and_other_conflicts_are_not(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    directory = seed_branch(fake, "branch-a", 4, "A")
    seed_branch(fake, "branch-b", 1, "B")
    rows = [
        *directory[:2],
        {**directory[2], "externalId": ""},  # row 3: no key
        {**directory[3], "lastName": "Twice"},  # rows 4 and 5: one key, in two cases
        {**directory[3], "externalId": "a-003", "email": "other@bank.test"},
        {"externalId": "B-000", "lastName": "Elsewhere"},  # row 6: outside the scope, a conflict but no rejection
    ]
    plan = await plan_employees(engage, rows, scope=["branch-a"])
    assert [(conflict.rows, conflict.reason.split(" (")[0]) for conflict in plan.rejected] == [
        ((3,), "invalid row: no externalId"),
        ((4, 5), "the externalId A-003 is given 2 times in the input"),
    ]
    assert len(plan.conflicts) == 3
    assert Plan.from_dict(plan.to_dict()).rejected == plan.rejected  # kept in the saved plan
    saved_before = {**plan.to_dict(), "conflicts": [{**c.saved(), "rejected": None} for c in plan.conflicts]}
    saved_before["conflicts"] = [{k: v for k, v in c.items() if k != "rejected"} for c in saved_before["conflicts"]]
    assert Plan.from_dict(saved_before).rejected == []  # a plan saved before: read as it was
