"""The hand-written runtime on its own: argument checks, without HTTP or operations."""

from __future__ import annotations

import datetime
import re
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pexip_engage_client import models
from pexip_engage_client._runtime import (
    UNSET,
    check_json_type,
    coerce_bodies,
    coerce_body,
    coerce_date,
    coerce_datetime,
    coerce_enum,
    coerce_enums,
    path_segment,
)

# --- argument checks ---------------------------------------------------------------------------


def test_enum_parameters_take_the_member_or_its_string() -> None:
    status = models.EmployeeStatus
    assert coerce_enum(status, "ACTIVE", "status") is status.ACTIVE
    assert coerce_enum(status, status.ACTIVE, "status") is status.ACTIVE
    assert coerce_enums(status, ["ACTIVE", status.SUSPENDED], "status") == [status.ACTIVE, status.SUSPENDED]
    assert coerce_enums(status, ("ACTIVE",), "status") == [status.ACTIVE]
    assert coerce_enum(status, UNSET, "status") is UNSET
    assert coerce_enums(status, UNSET, "status") is UNSET


@pytest.mark.parametrize(
    ("value", "where"),
    [("ACTIV", "status"), (None, "status"), (["ACTIVE", "active"], r"status\[1\]"), ([1], r"status\[0\]")],
)
def test_enum_values_the_spec_does_not_list_are_refused(value: Any, where: str) -> None:
    check = coerce_enum if not isinstance(value, list) else coerce_enums
    with pytest.raises(ValueError, match=rf"^{where}: .* is not a value the API defines$"):
        check(models.EmployeeStatus, value, "status")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("ACTIVE", "status must be a list of EmployeeStatus values (got str); for one value, give ['ACTIVE']"),
        (None, "status must be a list of EmployeeStatus values (got NoneType)"),
        ({"ACTIVE"}, "status must be a list of EmployeeStatus values (got set)"),
    ],
)
def test_a_list_of_enum_values_must_be_a_list_not_a_bare_value(value: Any, message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        coerce_enums(models.EmployeeStatus, value, "status")


def test_dates_take_objects_or_iso_text() -> None:
    moment = datetime.datetime(2024, 5, 1, 9, 30, tzinfo=datetime.UTC)
    assert coerce_datetime(moment, "from_") is moment
    assert coerce_datetime("2024-05-01T09:30:00+00:00", "from_") == moment
    assert coerce_date("2024-05-01", "day") == datetime.date(2024, 5, 1)
    assert coerce_date(datetime.date(2024, 5, 1), "day") == datetime.date(2024, 5, 1)
    assert coerce_datetime(UNSET, "from_") is UNSET
    assert coerce_date(UNSET, "day") is UNSET


@pytest.mark.parametrize("value", [datetime.datetime(2030, 1, 1), "2030-01-01T00:00:00", "2030-01-01"])
def test_a_date_time_without_an_offset_is_refused_saying_to_add_a_timezone(value: Any) -> None:
    with pytest.raises(ValueError, match=r"^from_ has no timezone, .*give an aware datetime"):
        coerce_datetime(value, "from_")


def test_a_date_time_with_an_offset_or_z_is_taken() -> None:
    assert coerce_datetime("2030-01-01T09:00:00Z", "from_") == datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC)
    moment = datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    assert coerce_datetime(moment, "from_") is moment


@pytest.mark.parametrize(
    ("coerce", "value"),
    [
        (coerce_datetime, "yesterday"),
        (coerce_datetime, 1714555800),
        (coerce_datetime, datetime.date(2024, 5, 1)),
        (coerce_date, "2024-13-01"),
        (coerce_date, datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC)),  # a datetime is not a date here
    ],
)
def test_values_that_are_not_dates_are_refused_naming_the_argument(coerce: Any, value: Any) -> None:
    with pytest.raises(ValueError, match=r"^when must be a datetime\.(date|datetime) or ISO 8601 text"):
        coerce(value, "when")


def test_a_wire_form_body_becomes_the_model() -> None:
    body = coerce_body(models.LeadSegmentCreate.from_dict, {"code": "RV", "description": None}, "body")
    assert body == models.LeadSegmentCreate(code="RV", description=None)


def test_a_model_body_is_passed_as_it_is() -> None:
    model = models.LeadSegmentCreate(code="RV")
    assert coerce_body(models.LeadSegmentCreate.from_dict, model, "body") is model


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"cdoe": "RV"}, "body is missing the required field 'code'"),
        ({"code": "RV", "colour": "red"}, "body has fields or values the API does not define: colour"),
        ({"code": 7}, "body.code must be str, not int"),
        (models.LeadSegmentUpdate(code="RV"), "body must be a LeadSegmentCreate or its JSON object"),
        (
            models.LeadSegmentCreate(code="RV", additional_properties={"x": 1}),
            "body has fields or values the API does not define: x",
        ),
    ],
)
def test_a_body_the_spec_does_not_allow_is_refused_with_what_is_wrong(value: Any, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(")):
        coerce_body(models.LeadSegmentCreate.from_dict, value, "body")


def test_unknown_nested_fields_and_enum_values_are_named_by_path() -> None:
    value = {"meetingType": "TELEPATHY", "regionIds": [], "note": "x"}
    with pytest.raises(ValueError, match=r"does not define: meetingType: 'TELEPATHY' is not one of \[[^]]*\], note$"):
        coerce_body(models.CoverageRegionsInput.from_dict, value, "body")
    with pytest.raises(
        ValueError, match=r"^body\[0\] has fields .*: meetingType: 'TELEPATHY' is not one of \[[^]]*\], note$"
    ):
        coerce_bodies(models.CoverageRegionsInput.from_dict, [value], "body")


def test_list_bodies_check_each_item_and_refuse_anything_but_a_list() -> None:
    item = {"meetingType": "VIDEO", "regionIds": ["r1"]}
    [converted] = coerce_bodies(models.CoverageRegionsInput.from_dict, [item], "body")
    assert converted.region_ids == ["r1"]
    with pytest.raises(ValueError, match=r"^body\[1\] has fields .*: extra$"):
        coerce_bodies(models.CoverageRegionsInput.from_dict, [item, {**item, "extra": 1}], "body")
    for not_a_list in (item, "VIDEO", b"x", 3):
        with pytest.raises(ValueError, match=r"^body must be a list"):
            coerce_bodies(models.CoverageRegionsInput.from_dict, not_a_list, "body")


def test_json_type_check_names_the_field_and_the_kind() -> None:
    check_json_type({}, dict, "meta", "an object")
    with pytest.raises(TypeError, match=r"^meta must be an object, not list$"):
        check_json_type([], dict, "meta", "an object")


@settings(max_examples=500, derandomize=True)
@given(st.text(min_size=1) | st.sampled_from(["123", "a-b_c.d~e", "é", "a/b", "..", "%2F", "a b"]))
def test_a_path_segment_is_what_quote_makes_of_it(value: str) -> None:
    # The fast path (an id of unreserved characters, sent as it is) must agree with quote() everywhere.
    assert path_segment(value) == quote(value, safe="")
