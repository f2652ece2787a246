"""`-o csv` and `-o yaml`: what the command printed, read back by Python's csv module and PyYAML, is what its
JSON says; a walk (`--all`) over several pages streams under one header."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import AsyncIterator
from typing import Any

import pytest
import yaml

from pexip_engage_cli._output import Printer
from pexip_engage_cli._sheets import CsvWriter, cell, flattened
from pexip_engage_client.testing import FakePexipEngage

from ..support.cli import Cli

LISTING = {"id": "listing-9"}


@pytest.fixture
def appointments(fake: FakePexipEngage) -> list[str]:
    """Five appointments, listed in this order: the first two without a listing (null), the others with one."""
    return [
        fake.add_appointment(id=f"a{n}", externalId=f"crm-{n}", **({"listing": LISTING} if n >= 2 else {}))["id"]
        for n in range(5)
    ]


def _json(cli: Cli, *argv: str) -> Any:
    run = cli(*argv, "-o", "json")
    assert run.code == 0, run.err
    return json.loads(run.out)


def _csv_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


@pytest.mark.usefixtures("engage_env", "appointments")
def test_csv_of_a_walk_over_several_pages_reads_back_as_its_json(cli: Cli, fake: FakePexipEngage) -> None:
    walk = ("appointments", "get-appointments", "--limit", "2", "--all")
    items = _json(cli, *walk)
    fake.calls.clear()
    run = cli(*walk, "-o", "csv")
    assert run.code == 0, run.err
    pages = [call for call in fake.calls if call.operation_id == "getAppointments"]
    assert len(pages) >= 4, "the first page (the header's) and the walk's three pages"
    header, rows = _csv_rows(run.out)
    assert len(header) == len(set(header))
    assert {"subject.id", "office.id"} <= set(header)  # nested, by dotted path
    assert "subject" not in header
    assert [row["id"] for row in rows] == [item["id"] for item in items] == [f"a{n}" for n in range(5)]
    for row, item in zip(rows, items, strict=True):
        assert row["subject.id"] == item["subject"]["id"]
        assert row["hybrid"] == json.dumps(item["hybrid"])  # JSON's spelling: false, true
        assert row["start"] == item["start"]  # the date-time as every command prints it
        assert row["internalNotes"] == ""  # null: an empty cell
        assert json.loads(row["appointmentParticipants"]) == item["appointmentParticipants"]  # a list: one cell
        # The first page had no listing (null): later pages' listing is the column's cell, as JSON.
        assert row["listing"] == ("" if item["listing"] is None else json.dumps(item["listing"], separators=(",", ":")))
    assert "note" not in run.err  # nothing was left out: each field fell under a column of the header


@pytest.mark.usefixtures("engage_env", "appointments")
def test_csv_keeps_the_columns_asked_for_by_dotted_path(cli: Cli) -> None:
    columns = "id,subject.id,listing.id"
    run = cli("appointments", "get-appointments", "--limit", "2", "--all", "-o", "csv", "--columns", columns)
    assert run.code == 0, run.err
    header, rows = _csv_rows(run.out)
    assert header == ["id", "subject.id", "listing.id"]
    listed = [(row["id"], row["listing.id"]) for row in rows]
    assert listed == [("a0", ""), ("a1", ""), *((f"a{n}", "listing-9") for n in range(2, 5))]
    one = cli("appointments", "get-appointment-by-id", "a3", "-o", "csv", "--columns", "externalId,office.id")
    assert one.code == 0, one.err
    assert one.out == "externalId,office.id\ncrm-3,office-1\n"


@pytest.mark.usefixtures("engage_env", "appointments")
@pytest.mark.parametrize("walk", [(), ("--all", "--limit", "2")])
@pytest.mark.parametrize(
    ("column", "nearest"),
    [
        ("subjet.id", "subject.id"),
        ("subject.nme", "subject"),
        ("appointmentParticipants.role", "appointmentParticipants"),
    ],
)
def test_an_unknown_csv_column_is_refused_with_the_nearest(
    cli: Cli, walk: tuple[str, ...], column: str, nearest: str
) -> None:
    run = cli("appointments", "get-appointments", *walk, "-o", "csv", "--columns", f"id,{column}")
    assert run.code == 2
    assert f"--columns: no field {column!r} in the result (did you mean {nearest!r}?)" in run.err
    assert run.out == ""  # not even the header


@pytest.mark.usefixtures("engage_env", "appointments")
def test_csv_of_one_page_has_a_header_of_all_its_rows(cli: Cli) -> None:
    run = cli("appointments", "get-appointments", "--limit", "3", "--offset", "1", "-o", "csv")
    assert run.code == 0, run.err
    header, rows = _csv_rows(run.out)
    assert [row["id"] for row in rows] == ["a1", "a2", "a3"]
    assert "listing.id" in header  # from a2 and a3, though a1 had none
    assert [row["listing.id"] for row in rows] == ["", "listing-9", "listing-9"]


@pytest.mark.usefixtures("engage_env", "appointments")
@pytest.mark.parametrize(
    "argv",
    [
        ("appointments", "get-appointments", "--limit", "2", "--all"),
        ("appointments", "get-appointments", "--limit", "2"),
        ("appointments", "get-appointment-by-id", "a2"),
    ],
)
def test_yaml_reads_back_as_the_json(cli: Cli, argv: tuple[str, ...]) -> None:
    expected = _json(cli, *argv)
    run = cli(*argv, "-o", "yaml")
    assert run.code == 0, run.err
    assert yaml.safe_load(run.out) == expected
    assert "!!" not in run.out  # plain YAML: no Python tags


@pytest.mark.usefixtures("engage_env")
def test_yaml_and_csv_of_an_empty_walk(cli: Cli) -> None:
    walk = ("appointments", "get-appointments", "--all")
    assert yaml.safe_load(cli(*walk, "-o", "yaml").out) == []
    assert cli(*walk, "-o", "csv", "--columns", "id,code").out == "id,code\n"  # a header, for a spreadsheet
    assert cli(*walk, "-o", "csv").out == ""  # no item, no field to name


@pytest.mark.usefixtures("engage_env")
def test_yaml_without_pyyaml_says_which_extra_and_sends_nothing(
    cli: Cli, fake: FakePexipEngage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "yaml", None)  # as if PyYAML were not installed: its import fails
    run = cli("appointments", "get-appointments", "-o", "yaml")
    assert run.code == 2
    assert "-o yaml needs the cli extra: pip install 'pexip-engage-client[cli]'" in run.err
    assert fake.requests == []


def test_a_later_field_outside_the_header_is_named_once(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    writer = CsvWriter(out, None, [{"id": "a", "place": None}])
    writer.row({"id": "a", "place": None})
    writer.row({"id": "b", "place": {"city": "Ghent"}, "extra": {"x": 1}})
    writer.row({"id": "c", "extra": {"x": 2}})
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["id", "place"],
        ["a", ""],
        ["b", '{"city":"Ghent"}'],
        ["c", ""],
    ]
    err = capsys.readouterr().err
    assert err.count("field 'extra.x' is not in the CSV header") == 1


def test_cells_and_paths() -> None:
    assert flattened({"a": {"b": {"c": 1}, "d": {}}, "e": [1]}) == {"a.b.c": 1, "a.d": {}, "e": [1]}
    values: list[Any] = [None, "x", True, 1.5, 0, [], {"k": "é"}]
    assert [cell(value) for value in values] == ["", "x", "true", "1.5", "0", "[]", '{"k":"é"}']


class _FirstPage:
    """A walk's first page as `Printer.items` reads it: its `data`, whose fields make the CSV header."""

    def __init__(self, data: list[dict[str, Any]]) -> None:
        self.data = data


ROWS: list[dict[str, Any]] = [{"id": f"a{n}", "subject": {"id": f"s{n}"}} for n in range(3)]


@pytest.mark.parametrize(
    ("output", "columns", "first_lines"),
    [
        ("csv", None, ["id,subject.id", "a0,s0"]),
        ("csv", ["subject.id"], ["subject.id", "s0"]),
        ("yaml", None, ["- id: a0", "  subject:", "    id: s0"]),
        ("jsonl", None, ['{"id": "a0", "subject": {"id": "s0"}}']),
    ],
)
async def test_a_walk_is_written_row_by_row_as_its_items_arrive(
    output: str, columns: list[str] | None, first_lines: list[str]
) -> None:
    # A walk of any length streams: each row is out (header first) before the walk hands out the next item, so
    # a nightly job's pipe sees the first rows while later pages are still being read.
    printer = Printer(output, columns)
    stream = printer.stream = io.StringIO()
    written_before: list[str] = []

    async def walk() -> AsyncIterator[dict[str, Any]]:
        for row in ROWS:
            written_before.append(stream.getvalue())
            yield row

    assert await printer.items(walk(), first=_FirstPage(ROWS[:2]) if output == "csv" else None) == 3
    assert written_before[1].splitlines() == first_lines
    assert len(written_before[2].splitlines()) == 2 * len(first_lines) - (1 if output == "csv" else 0)
    text = stream.getvalue()
    if output == "yaml":
        assert yaml.safe_load(text) == ROWS
    elif output == "csv" and columns is None:
        read = [{"id": r["id"], "subject.id": r["subject"]["id"]} for r in ROWS]
        assert list(csv.DictReader(io.StringIO(text))) == read
