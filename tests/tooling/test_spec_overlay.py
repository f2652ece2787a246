"""Drift records become an overlay that makes openapi.yaml accept what was seen, and `make spec-overlay`
applies an overlay to the file whole or not at all (docs/spec-drift.md)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from pexip_engage_client._drift._spec_overlay import overlay_from_records
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._overlay import OverlayError, apply_overlay, read_overlay
from scripts.generate import spec_overlay

from ..support.spec import ROOT, SPEC


@dataclass(frozen=True)
class Record:
    """A drift record as `engage.spec_drift.records()` gives them (the overlay reads them duck-typed)."""

    operation: str
    pointer: str
    kind: str
    expected: Any
    actual: Any
    count: int = 1


def _response_pointer(spec: dict[str, Any], operation: str) -> str:
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and op.get("operationId") == operation:
                escaped = path.replace("~", "~0").replace("/", "~1")
                return f"#/paths/{escaped}/{method}/responses/200/content/application~1json/schema"
    raise AssertionError(operation)


def _accepts(spec: dict[str, Any], operation: str, body: Any) -> bool:
    """Whether `spec`'s 200 answer schema of `operation` accepts `body` (jsonschema, `$ref`s followed)."""
    schema = {"$ref": _response_pointer(spec, operation), "paths": spec["paths"], "components": spec["components"]}
    return bool(jsonschema.Draft202012Validator(schema).is_valid(body))


def _overlaid(records: list[Record]) -> tuple[dict[str, Any], dict[str, Any]]:
    overlay = overlay_from_records(records, SPEC)
    json.dumps(overlay)  # a plain JSON document
    spec = copy.deepcopy(SPEC)
    apply_overlay(spec, overlay)
    return overlay, spec


def _appointment(**changes: Any) -> dict[str, Any]:
    item = FakePexipEngage().add_appointment()
    for name, value in changes.items():
        if value is _ABSENT:
            del item[name]
        else:
            item[name] = value
    return item


_ABSENT = object()

# One drifting answer of getAppointmentById per kind, and the record of it.
_BY_KIND: dict[str, tuple[dict[str, Any], Record]] = {
    "missing": ({"hybrid": _ABSENT}, Record("getAppointmentById", "/data/hybrid", "missing", "boolean", "missing")),
    "null (a plain type)": ({"answers": None}, Record("getAppointmentById", "/data/answers", "null", "array", "null")),
    "null (a $ref)": ({"office": None}, Record("getAppointmentById", "/data/office", "null", "object", "null")),
    "type": (
        {"trailingBufferTime": "15"},
        Record("getAppointmentById", "/data/trailingBufferTime", "type", "integer", "string"),
    ),
    "type (a $ref)": ({"office": "42"}, Record("getAppointmentById", "/data/office", "type", "object", "string")),
    "enum": ({"status": "ON_HOLD"}, Record("getAppointmentById", "/data/status", "enum", "string", "ON_HOLD")),
    "field": ({"room": {"floor": 3}}, Record("getAppointmentById", "/data/room", "field", None, "object")),
}


@pytest.mark.parametrize("kind", list(_BY_KIND))
def test_an_overlay_from_each_kind_of_record_makes_the_spec_accept_the_answer(kind: str) -> None:
    changes, record = _BY_KIND[kind]
    body = {"data": _appointment(**changes)}
    if record.kind != "field":  # a new field is accepted already (forward compatible); the others are not
        assert not _accepts(SPEC, "getAppointmentById", body)
    overlay, spec = _overlaid([record])
    assert overlay["overlay"] == "1.0.0"
    assert overlay["actions"]
    assert all(action["target"].startswith("$[") for action in overlay["actions"])
    assert _accepts(spec, "getAppointmentById", body)
    # What the spec already accepted, it still does (a conforming answer).
    assert _accepts(spec, "getAppointmentById", {"data": _appointment()})
    if record.kind == "field":
        assert spec["components"]["schemas"]["Appointment"]["properties"]["room"] == {"type": "object"}


def test_the_change_lands_in_the_component_every_answer_reaches() -> None:
    _, spec = _overlaid([Record("getAppointments", "/data/*/hybrid", "missing", "boolean", "missing")])
    assert "hybrid" not in spec["components"]["schemas"]["Appointment"]["required"]
    page = {"data": [_appointment(), _appointment(hybrid=_ABSENT)], "meta": {"total": 2}}
    assert not _accepts(SPEC, "getAppointments", page) or "meta" not in SPEC["components"]["schemas"]
    assert _accepts(spec, "getAppointmentById", {"data": _appointment(hybrid=_ABSENT)})


def test_several_records_on_one_property_make_one_consistent_change() -> None:
    records = [
        Record("getAppointmentById", "/data/trailingBufferTime", "null", "integer", "null"),
        Record("getAppointmentById", "/data/trailingBufferTime", "type", "integer", "string"),
        Record("getAppointments", "/data/*/trailingBufferTime", "type", "integer", "string"),
    ]
    _, spec = _overlaid(records)
    assert spec["components"]["schemas"]["Appointment"]["properties"]["trailingBufferTime"]["type"] == [
        "integer",
        "null",
        "string",
    ]
    for value in (None, "15", 15):
        assert _accepts(spec, "getAppointmentById", {"data": _appointment(trailingBufferTime=value)})


def test_a_null_enum_value_is_allowed_in_the_enum_too() -> None:
    record = Record("getAppointmentById", "/data/status", "null", "string", "null")
    _, spec = _overlaid([record])
    assert _accepts(spec, "getAppointmentById", {"data": _appointment(status=None)})


def test_undocumented_statuses_and_error_codes_are_documented() -> None:
    records = [
        Record("getAppointmentById", "", "status", None, "503"),
        Record("createAppointment", "", "error_code", None, "APPOINTMENT_TOO_LATE"),
        Record("getAppointmentById", "", "error_code", None, "SOMETHING_NEW"),
    ]
    _, spec = _overlaid(records)
    get = spec["paths"]["/appointments/{id}"]["get"]
    assert "503" in get["responses"]
    assert get["x-business-error-codes"] == ["SOMETHING_NEW"]
    create = spec["paths"]["/appointments"]["post"]
    assert create["x-business-error-codes"][-1] == "APPOINTMENT_TOO_LATE"
    before = SPEC["paths"]["/appointments"]["post"]["x-business-error-codes"]
    assert create["x-business-error-codes"][:-1] == before


def test_a_record_the_spec_has_no_place_for_is_named_not_acted_on() -> None:
    overlay = overlay_from_records([Record("noSuchOperation", "/data/x", "missing", "string", "missing")], SPEC)
    assert overlay["actions"] == []
    assert "noSuchOperation" in overlay["info"]["description"]


def test_targets_quote_names_as_rfc_9535_normalized_paths() -> None:
    name = "it's \\ odd\n"
    schema = {"type": "object", "required": [name], "properties": {name: {"type": "string"}}}
    content = {"application/json": {"schema": schema}}
    spec: dict[str, Any] = {"paths": {"/a": {"get": {"operationId": "op", "responses": {"200": {"content": content}}}}}}
    overlay = overlay_from_records([Record("op", "/" + name, "missing", "string", "missing")], spec)
    (action,) = overlay["actions"]
    assert action["target"] == (
        "$['paths']['/a']['get']['responses']['200']['content']['application/json']['schema']['required']"
        "[?@ == 'it\\'s \\\\ odd\\n']"
    )
    apply_overlay(spec, overlay)
    assert schema["required"] == []


def test_a_property_named_items_is_a_property_not_an_arrays_items() -> None:
    holder = {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}}
    schema = {"type": "object", "properties": {"items": holder}}
    content = {"application/json": {"schema": schema}}
    spec: dict[str, Any] = {"paths": {"/a": {"get": {"operationId": "op", "responses": {"200": {"content": content}}}}}}
    records = [
        Record("op", "/items", "type", "object", "string"),
        Record("op", "/items/n", "missing", "integer", "missing"),
    ]
    overlay = overlay_from_records(records, spec)
    assert "description" not in overlay["info"], overlay["info"]
    apply_overlay(spec, overlay)
    assert holder["type"] == ["object", "string"]
    assert holder["required"] == []


def test_a_webhook_event_record_changes_the_event_schema() -> None:
    record = Record("postAppointment", "/data/appointment/subject", "missing", "object", "missing")
    overlay, spec = _overlaid([record])
    assert overlay["actions"], overlay
    assert "subject" not in spec["components"]["schemas"]["WebhookAppointment"]["required"]
    assert "subject" in spec["components"]["schemas"]["Appointment"]["required"]


# --- make spec-overlay ------------------------------------------------------------------------------


@dataclass
class _Run:
    returncode: int
    stderr: str


def _spec_overlay(
    tmp_path: Path, overlay: Any, *, suffix: str = ".yaml", capsys: pytest.CaptureFixture[str] | None = None
) -> tuple[_Run, Path]:
    """`make spec-overlay` on a copy of openapi.yaml: in this process (capsys), or as its own process."""
    spec = tmp_path / "openapi.yaml"
    if not spec.exists():
        spec.write_bytes((ROOT / "openapi.yaml").read_bytes())
    file = tmp_path / f"overlay{suffix}"
    file.write_text(json.dumps(overlay) if suffix == ".json" else yaml.safe_dump(overlay), encoding="utf-8")
    arguments = [str(file), "--spec", str(spec)]
    if capsys is not None:
        code = spec_overlay.main(arguments)
        return _Run(code, capsys.readouterr().err), spec
    run = subprocess.run(
        [sys.executable, "-m", "scripts.generate.spec_overlay", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return _Run(run.returncode, run.stderr), spec


@pytest.mark.slow  # ruamel.yaml reads and writes the whole spec (about 2 s)
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_make_spec_overlay_writes_the_whole_spec_when_every_action_applies(
    tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    overlay = overlay_from_records([record for _, record in _BY_KIND.values()], SPEC)
    run, spec = _spec_overlay(tmp_path, overlay, suffix=suffix, capsys=capsys)
    assert run.returncode == 0, run.stderr
    expected = copy.deepcopy(SPEC)
    apply_overlay(expected, overlay)
    assert yaml.safe_load(spec.read_text()) == expected
    # The file keeps its own lines where the overlay did not reach: comments, quoting, flow style.
    original, written = (ROOT / "openapi.yaml").read_text().splitlines(), spec.read_text().splitlines()
    assert original[:40] == written[:40]
    assert sum(line not in original for line in written) < 40


@pytest.mark.parametrize(
    ("bad", "named"),
    [
        ({"target": "$['components']['schemas']['NoSuchSchema']", "update": {"x": 1}}, "selects nothing"),
        ({"target": "$[[components", "update": {"x": 1}}, "does not parse"),
        ({"target": "$['info']", "update": {"title": ["a", "list"]}}, "cannot be merged"),
        ({"target": "$['info']"}, "needs `update`"),
    ],
)
def test_make_spec_overlay_leaves_the_file_untouched_and_names_the_action_that_failed(
    tmp_path: Path, bad: dict[str, Any], named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    good = {"target": "$['info']", "update": {"summary": "changed"}}
    overlay = {"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": [good, bad, good]}
    run, spec = _spec_overlay(tmp_path, overlay, capsys=capsys)
    assert run.returncode == 1
    assert spec.read_bytes() == (ROOT / "openapi.yaml").read_bytes()
    assert "action 2 (" in run.stderr
    assert named in run.stderr
    assert "action 1 " not in run.stderr
    assert "action 3 " not in run.stderr


def test_make_spec_overlay_refuses_a_file_that_is_no_overlay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run, spec = _spec_overlay(tmp_path, {"openapi": "3.1.0"}, capsys=capsys)
    assert run.returncode == 1
    assert "not an OpenAPI Overlay" in run.stderr
    assert spec.read_bytes() == (ROOT / "openapi.yaml").read_bytes()


@pytest.mark.end_to_end
def test_make_spec_overlay_runs_as_make_runs_it(tmp_path: Path) -> None:
    bad = {"target": "$['nothing']", "remove": True}
    run, spec = _spec_overlay(tmp_path, {"overlay": "1.0.0", "info": {}, "actions": [bad]})
    assert run.returncode == 1
    assert "action 1 ($['nothing']): the target selects nothing" in run.stderr
    assert spec.read_bytes() == (ROOT / "openapi.yaml").read_bytes()
    good = {"target": "$['info']", "update": {"summary": "changed"}}
    run, spec = _spec_overlay(tmp_path, {"overlay": "1.0.0", "info": {}, "actions": [good]})
    assert run.returncode == 0, run.stderr
    assert yaml.safe_load(spec.read_text())["info"]["summary"] == "changed"


def test_the_overlay_module_refuses_what_is_not_an_overlay() -> None:
    with pytest.raises(OverlayError, match="actions"):
        read_overlay({"overlay": "1.0.0", "info": {}})
    with pytest.raises(OverlayError, match="selects nothing"):
        apply_overlay({}, {"overlay": "1.0.0", "actions": [{"target": "$['x']", "remove": True}]})


def test_a_new_field_of_a_composed_schema_goes_to_its_own_part_not_the_shared_one() -> None:
    record = Record("getOfficeSubjectAvailabilitySettings", "/data/*/note", "field", None, "string")
    _, spec = _overlaid([record])
    schemas = spec["components"]["schemas"]
    assert schemas["OfficeSubjectAvailabilitySetting"]["allOf"][1]["properties"]["note"] == {"type": "string"}
    assert "note" not in schemas["AvailabilitySetting"]["properties"]
