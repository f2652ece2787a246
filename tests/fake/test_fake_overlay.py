"""`FakePexipEngage(overlay=...)`: the fake answers and validates with openapi.yaml as an overlay changes
it, so an answer the real API was seen to send is served in a test without editing the spec."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
import pytest
import yaml

from pexip_engage_client._drift._spec_overlay import overlay_from_records
from pexip_engage_client.testing import FakePexipEngage

from ..support.spec import SPEC

BASE = "https://api.pexipengage.com/enterprises/acme"
HEADERS = {"Authorization": "Bearer test"}


@dataclass(frozen=True)
class Record:
    operation: str
    pointer: str
    kind: str
    expected: Any
    actual: Any
    count: int = 1


def _overlay(*records: Record) -> dict[str, Any]:
    return overlay_from_records(records, SPEC)


HYBRID_NOT_REQUIRED = _overlay(Record("getAppointmentById", "/data/hybrid", "missing", "boolean", "missing"))


def _read(fake: FakePexipEngage, path: str) -> httpx2.Response:
    with httpx2.Client(transport=fake, base_url=BASE, headers=HEADERS) as client:
        return client.get(path)


def test_a_field_the_overlay_makes_optional_is_served_absent() -> None:
    fake = FakePexipEngage(overlay=HYBRID_NOT_REQUIRED)
    item = fake.add_appointment()
    assert "hybrid" not in item
    answer = _read(fake, f"/appointments/{item['id']}")
    assert answer.status_code == 200, answer.text
    assert "hybrid" not in answer.json()["data"]
    page = _read(fake, "/appointments")
    assert page.status_code == 200, page.text
    assert [entry["id"] for entry in page.json()["data"]] == [item["id"]]
    assert "hybrid" not in page.json()["data"][0]
    # Without the overlay the spec's required field is filled in, as always.
    assert "hybrid" in FakePexipEngage().add_appointment()


async def test_the_async_transport_serves_with_the_overlay_too() -> None:
    fake = FakePexipEngage(overlay=HYBRID_NOT_REQUIRED)
    item = fake.add_appointment()
    async with httpx2.AsyncClient(transport=fake, base_url=BASE, headers=HEADERS) as client:
        answer = await client.get(f"/appointments/{item['id']}")
    assert answer.status_code == 200, answer.text
    assert "hybrid" not in answer.json()["data"]


@pytest.mark.parametrize(
    ("record", "field", "value"),
    [
        (
            Record("getAppointmentById", "/data/trailingBufferTime", "type", "integer", "string"),
            "trailingBufferTime",
            "15",
        ),
        (Record("getAppointmentById", "/data/office", "null", "object", "null"), "office", None),
        (Record("getAppointmentById", "/data/status", "enum", "string", "ON_HOLD"), "status", "ON_HOLD"),
    ],
)
def test_seeded_data_the_spec_refuses_is_served_with_the_overlay(record: Record, field: str, value: Any) -> None:
    with pytest.raises(ValueError, match=field):
        FakePexipEngage().add_appointment(**{field: value})
    fake = FakePexipEngage(overlay=_overlay(record))
    item = fake.add_appointment(**{field: value})
    answer = _read(fake, f"/appointments/{item['id']}")
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"][field] == value


def test_requests_are_validated_with_the_overlay() -> None:
    """A request the overlaid spec allows (a new value of a shared enum, as a filter) is accepted."""
    plain, overlaid = (
        FakePexipEngage(),
        FakePexipEngage(overlay=_overlay(Record("getAppointmentById", "/data/status", "enum", "string", "ON_HOLD"))),
    )
    for fake, expected in ((plain, 400), (overlaid, 200)):
        with httpx2.Client(transport=fake, base_url=BASE, headers=HEADERS) as client:
            answer = client.get("/appointments", params={"status": "ON_HOLD"})
        assert answer.status_code == expected, answer.text


def test_two_fakes_keep_their_own_spec() -> None:
    overlaid, plain = FakePexipEngage(overlay=HYBRID_NOT_REQUIRED), FakePexipEngage()
    assert "hybrid" not in overlaid.add_appointment()
    assert "hybrid" in plain.add_appointment()
    other = overlaid.in_enterprise("globex").add_appointment()
    assert "hybrid" not in other


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_the_overlay_may_be_a_file(tmp_path: Path, suffix: str) -> None:
    file = tmp_path / f"overlay{suffix}"
    text = json.dumps(HYBRID_NOT_REQUIRED) if suffix == ".json" else yaml.safe_dump(HYBRID_NOT_REQUIRED)
    file.write_text(text, encoding="utf-8")
    assert "hybrid" not in FakePexipEngage(overlay=file).add_appointment()
    assert "hybrid" not in FakePexipEngage(overlay=str(file)).add_appointment()


def test_an_overlay_that_does_not_apply_is_refused_naming_the_action(tmp_path: Path) -> None:
    bad = {"overlay": "1.0.0", "info": {}, "actions": [{"target": "$['components']['nothing']", "remove": True}]}
    with pytest.raises(ValueError, match=r"action 1 \(\$\['components'\]\['nothing'\]\): the target selects nothing"):
        FakePexipEngage(overlay=bad)
    with pytest.raises(ValueError, match="cannot be read"):
        FakePexipEngage(overlay=tmp_path / "missing.yaml")


def test_a_served_fake_answers_with_its_overlay() -> None:
    fake = FakePexipEngage(overlay=HYBRID_NOT_REQUIRED)
    item = fake.add_appointment()
    with fake.serve() as root, httpx2.Client(base_url=f"{root}/enterprises/acme", headers=HEADERS) as client:
        answer = client.get(f"/appointments/{item['id']}")
    assert answer.status_code == 200, answer.text
    assert "hybrid" not in answer.json()["data"]


def test_defined_availability_is_seeded_with_the_overlay() -> None:
    """Seeding a block of defined availability checks it against the fake's spec, as every other seed does."""
    block = {
        "start": "2026-12-01T09:00:00Z",
        "end": "2026-12-01T10:00:00Z",
        "employee": {"id": "e1"},
        "office": {"id": "o1"},
        "subject": {"id": "s1"},
        "meetingType": "OFFICE",
        "forceManualAccept": "yes",
    }
    with pytest.raises(ValueError, match="forceManualAccept"):
        FakePexipEngage().add_defined_availability(**block)
    seen = Record("getDefinedAvailability", "/data/*/forceManualAccept", "type", "boolean", "string")
    fake = FakePexipEngage(overlay=_overlay(seen))
    assert fake.add_defined_availability(**block)["forceManualAccept"] == "yes"


ARCHIVED_SUBJECTS = "/archived-subjects"


def _with_archived_operations() -> dict[str, Any]:
    """An overlay adding operations the bundled spec lacks: a list shaped as `getSubjects`
    (`getArchivedSubjects`) and a document read shaped as `getTimetable` (`getArchivedTimetable`)."""
    listed = {**SPEC["paths"]["/subjects"]["get"], "operationId": "getArchivedSubjects"}
    timetable = {**SPEC["paths"]["/timetable"]["get"], "operationId": "getArchivedTimetable"}
    added = {ARCHIVED_SUBJECTS: {"get": listed}, "/archived-timetable": {"get": timetable}}
    return {"overlay": "1.0.0", "info": {}, "actions": [{"target": "$.paths", "update": added}]}


def test_operations_the_overlay_adds_are_scripted_and_counted() -> None:
    """`fail`, `before_list`, `calls_to` and `set_data` look an operation up in the fake's own spec, not
    the bundled one."""
    fake = FakePexipEngage(overlay=_with_archived_operations())
    added: list[str] = []
    fake.before_list(
        "getArchivedSubjects", lambda enterprise, query: added.append(enterprise.add(ARCHIVED_SUBJECTS)["id"])
    )
    fake.fail("getArchivedSubjects", status=503)
    assert _read(fake, ARCHIVED_SUBJECTS).status_code == 503
    answer = _read(fake, ARCHIVED_SUBJECTS)
    assert answer.status_code == 200, answer.text
    # The faulted call was not served; the hook ran before the one page served, which shows its item.
    assert [item["id"] for item in answer.json()["data"]] == added
    assert len(added) == 1
    assert [call.fault for call in fake.calls_to("getArchivedSubjects")] == [True, False]
    timetable = {"duration": 30, "earliestPossible": "2030-01-07T08:00:00Z", "latestPossible": "2030-01-07T11:00:00Z"}
    assert fake.set_data("getArchivedTimetable", timetable) == fake.data("/archived-timetable") == timetable
    for script in (lambda: fake.fail("getWormholes"), lambda: fake.calls_to("getWormholes")):
        with pytest.raises(ValueError, match="'getWormholes' is not an operation of the API"):
            script()
    with pytest.raises(ValueError, match="'getArchivedSubjects' is not an operation of the API"):
        FakePexipEngage().fail("getArchivedSubjects")  # without the overlay, the API has none of that name
