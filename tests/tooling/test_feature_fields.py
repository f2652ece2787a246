"""The fields of answers each feature reads, recorded while the tests run (issue 75, point 1).

docs/feature-fields.yaml lists them, written by `python -m scripts.generate.feature_fields`; every
test of the suite fails when a feature read a field the list does not hold (tests/conftest.py).
These prove the recording itself: who counts as a feature, what is recorded, and the failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client._base.answer_fields import json_field
from pexip_engage_client._generated.models.meta import Meta
from pexip_engage_client._runtime.lenient import model_field
from pexip_engage_client.testing import FakePexipEngage
from scripts.generate import feature_fields as command
from scripts.generate.feature_fields import Read

from ..support import feature_fields
from ..support.clients import TOKEN
from ..support.feature_fields import RECORDER


@pytest.fixture(autouse=True)
def _left_out_of_the_list() -> Iterator[None]:
    """These tests' reads (of fields no feature reads, some) never reach a recording run's list."""
    with RECORDER.aside():
        yield


def _read_in(module: str, source: str, **names: Any) -> Any:
    """`source` evaluated as if written in `module` (its frame's globals name it)."""
    return eval(source, {"__name__": module, **names})  # noqa: S307 - the tests' own text


def test_the_list_is_as_the_command_writes_it() -> None:
    """Sorted, and nothing added by hand that the command would not write (a hand edit shows here)."""
    assert command.LIST.read_text(encoding="utf-8") == command.written(command.listed())
    assert Read("walks", "getAppointments", "/meta/totalCount") in command.listed()


def test_a_feature_module_reading_a_field_of_an_answer_is_recorded() -> None:
    meta = Meta.from_dict({"offset": 0, "limit": 25, "totalCount": 3})
    feature_fields.tag(meta, "getAppointments", "/meta")
    RECORDER.take()
    assert _read_in("pexip_engage_client._ensuring._ensure", "meta.total_count", meta=meta) == 3
    assert _read_in("pexip_engage_client._ensuring._sync._ensure", "meta.offset", meta=meta) == 0  # the sync twin too
    assert _read_in("tests.client.test_ensure", "meta.limit", meta=meta) == 25  # not a feature: not recorded
    assert RECORDER.take() == {
        Read("ensure", "getAppointments", "/meta/totalCount"),
        Read("ensure", "getAppointments", "/meta/offset"),
    }


def test_a_model_not_read_from_an_answer_is_not_recorded() -> None:
    meta = Meta(total_count=1)  # built by hand, as a request body is
    RECORDER.take()
    assert _read_in("pexip_engage_client._ensuring._ensure", "meta.total_count", meta=meta) == 1
    assert RECORDER.take() == set()


def test_a_json_field_read_is_recorded_with_its_operation_and_pointer() -> None:
    RECORDER.take()
    document = {"data": [{"id": "x"}]}
    got = _read_in(
        "pexip_engage_cli._mcp._reads",
        "json_field(item, '/id', str, operation='getOffices', base='/data/*')",
        json_field=json_field,
        item=document["data"][0],
    )
    assert got == "x"
    assert RECORDER.take() == {Read("mcp", "getOffices", "/data/*/id")}


async def test_a_walk_records_the_page_fields_it_reads() -> None:
    fake = FakePexipEngage()
    for _ in range(3):
        fake.add_appointment()
    RECORDER.take()
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        assert len([a async for a in engage.appointments.get_appointments()]) == 3
    assert Read("walks", "getAppointments", "/meta/totalCount") in RECORDER.take()


def test_a_read_the_list_does_not_hold_fails_the_test_naming_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(command.RECORD_VARIABLE, raising=False)  # it checks nothing in a recording run
    RECORDER.take()
    meta = Meta.from_dict({"offset": 0, "limit": 25, "totalCount": 3})
    feature_fields.tag(meta, "getNothingListed", "/meta")
    _read_in("pexip_engage_client._scheduling._free_busy", "meta.total_count", meta=meta)
    with pytest.raises(pytest.fail.Exception) as failure:
        feature_fields.check_test("tests/x.py::test_y")
    message = str(failure.value)
    assert "free_busy: getNothingListed /meta/totalCount" in message
    assert "python -m scripts.generate.feature_fields 'tests/x.py::test_y'" in message


def test_every_module_of_a_feature_maps_to_it() -> None:
    assert feature_fields.feature_of("pexip_engage_client._runtime.pagination") == "walks"
    assert feature_fields.feature_of("pexip_engage_client._runtime._sync.pagination") == "walks"
    assert feature_fields.feature_of("pexip_engage_client.webhooks._reconciling") == "reconcile"
    assert feature_fields.feature_of("pexip_engage_cli._mcp._tools") == "mcp"
    assert feature_fields.feature_of("pexip_engage_cli._spec_check") == "spec_check"
    assert feature_fields.feature_of("pexip_engage_cli._table") == "cli"
    assert feature_fields.feature_of("pexip_engage_client._pipeline._decode") is None
    assert feature_fields.feature_of("pexip_engage_client._runtime.paginationx") is None


def test_a_module_no_feature_names_reading_through_the_helpers_fails_the_test() -> None:
    """A new feature module (or one moved) is never read past: the two helpers are only features'."""
    RECORDER.strangers()
    got = _read_in(
        "pexip_engage_client._new_feature", "json_field({'a': 1}, '/a', int, operation='getX')", json_field=json_field
    )
    assert got == 1
    with pytest.raises(pytest.fail.Exception, match=r"pexip_engage_client\._new_feature read answers through"):
        feature_fields.check_test("tests/x.py::test_y")
    meta = Meta.from_dict({"offset": 0, "limit": 25, "totalCount": 3})
    feature_fields.tag(meta, "getAppointments", "/meta")
    assert model_field(_read_in("pexip_engage_client._another", "lambda: meta.total_count", meta=meta)) == 3
    assert RECORDER.strangers() == {"pexip_engage_client._another"}
    # read directly: not a feature's read
    _read_in("pexip_engage_client._pipeline._decode", "meta.total_count", meta=meta)
    assert RECORDER.strangers() == set()
    RECORDER.take()
