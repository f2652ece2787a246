"""A model as a person reads it: a repr that leads with what matters, IPython's pretty form, JSON, records."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest

from pexip_engage_client import models
from pexip_engage_client._runtime.unset import UNSET
from pexip_engage_client.testing import FakePexipEngage

# A whole documented appointment, as the fake serves it, plus a field a later API might add.
_APPOINTMENT: dict[str, Any] = {
    **FakePexipEngage().add_appointment(
        id="a-1", status="ACCEPTED", start="2030-01-07T09:00:00.000Z", end="2030-01-07T10:00:00.000Z"
    ),
    "someFieldAddedLater": {"x": 1},
}


@pytest.fixture
def appointment() -> models.Appointment:
    return models.Appointment.from_dict(_APPOINTMENT)


def test_the_repr_leads_with_id_status_start_and_end(appointment: models.Appointment) -> None:
    text = repr(appointment)
    assert text.startswith(
        "Appointment(id='a-1', status='ACCEPTED', start=2030-01-07T09:00:00+00:00, end=2030-01-07T10:00:00+00:00, "
    )
    assert "role='PRIMARY'" in text  # enums by their value, not <ParticipantRole.PRIMARY: 'PRIMARY'>
    assert "<" not in text
    assert "UNSET" not in text
    assert "additional_properties={'someFieldAddedLater': {'x': 1}}" in text  # nothing hidden
    assert repr(models.Appointment.from_dict(_APPOINTMENT)) == text  # the same from run to run


def test_ipython_shows_a_field_a_line(appointment: models.Appointment) -> None:
    pretty = pytest.importorskip("IPython.lib.pretty")
    text = pretty.pretty(appointment, max_width=80)
    lines = text.splitlines()
    assert lines[0] == "Appointment("
    assert lines[1] == "    id='a-1',"
    assert lines[2] == "    status='ACCEPTED',"
    assert lines[3] == "    start=2030-01-07T09:00:00+00:00,"
    assert lines[-1].endswith(")")
    assert all(len(line) <= 80 for line in lines), text
    short = models.Reference.from_dict({"id": "office-1"})
    assert pretty.pretty(short) == "Reference(id='office-1')"  # fits: one line


def test_to_json_is_the_wire_form_as_text(appointment: models.Appointment) -> None:
    assert json.loads(appointment.to_json()) == appointment.to_dict()
    assert '"meetingType": "OFFICE"' in appointment.to_json()
    assert appointment.to_json(indent=2).startswith("{\n  ")


def test_a_record_has_python_names_real_times_and_enum_values(appointment: models.Appointment) -> None:
    record = appointment.to_record()
    assert record["id"] == "a-1"
    assert record["start"] == datetime.datetime(2030, 1, 7, 9, tzinfo=datetime.UTC)
    assert isinstance(record["created_at"], datetime.datetime)
    assert record["meeting_type"] == "OFFICE"
    assert type(record["meeting_type"]) is str  # the value, not the enum member
    participant = record["appointment_participants"][0]
    assert (participant["role"], participant["type_"], participant["participant"]) == (
        "PRIMARY",
        "CUSTOMER",
        {"id": "customer-1"},
    )
    assert record["additional_properties"] == {"someFieldAddedLater": {"x": 1}}
    # every field is a column, the unset ones None: rows of one model share their columns
    other = models.Appointment.from_dict({**_APPOINTMENT, "id": "a-2"})
    other.external_id = UNSET
    assert set(other.to_record()) == set(record)
    assert other.to_record()["external_id"] is None


def test_the_repr_leaves_out_none_and_cuts_long_values() -> None:
    employee = models.Employee.from_dict(
        {**FakePexipEngage().add_employee(id="e1", email="e1@example.com"), "lastName": None}
    )
    text = repr(employee)
    assert "=None" not in text
    assert len(text) < 320
    long = models.LeadSegmentCreate(code="RV", description="x" * 500, additional_properties={"n": list(range(9))})
    shown = repr(long)
    assert f"description='{'x' * 77}...'" in shown
    assert "additional_properties={'n': [0, 1, 2, 3, 4, ... 4 more]}" in shown
    assert len(shown) < 200


def test_jupyter_shows_a_table_of_the_fields_escaped(appointment: models.Appointment) -> None:
    table = appointment._repr_html_()
    assert table.startswith("<div><p><code>Appointment</code></p><table><tr><th>id</th><td>&#x27;a-1&#x27;</td></tr>")
    assert "<th>status</th><td>&#x27;ACCEPTED&#x27;</td>" in table
    assert "None" not in table
    marked = models.LeadSegmentCreate(code="<b>RV</b>")._repr_html_()
    assert "&lt;b&gt;RV&lt;/b&gt;" in marked
    assert "<b>" not in marked
