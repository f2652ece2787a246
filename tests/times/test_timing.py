"""`_base/timing.py`, which every room reads: a backoff's growth and jitter, ISO 8601 text read by name, an instant.

The retries' tests reach these through a client; here each rule is pinned by its numbers and words, so that
`make mutation` scores the module (docs/mutation.md).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable

import pytest

from pexip_engage_client._base.timing import aware, backoff, parse_date, parse_datetime

UTC = datetime.UTC


def test_a_backoff_doubles_from_its_first_wait_up_to_its_cap_with_no_jitter_unless_asked() -> None:
    assert [backoff(0.5, attempt, 3.0) for attempt in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 3.0, 3.0]
    # The exponent stops at 64, so a long series never overflows a float.
    assert backoff(1.0, 66, math.inf) == 2.0**64
    assert backoff(1.0, 10_000, math.inf) == 2.0**64


def test_a_jittered_backoff_takes_up_to_its_share_off_or_with_around_adds_or_takes_it() -> None:
    assert backoff(8.0, 1, 8.0, 0.5, draw=0.0) == 8.0
    assert backoff(8.0, 1, 8.0, 0.5, draw=0.5) == 6.0
    assert backoff(8.0, 1, 8.0, 0.25, draw=0.5) == 7.0
    assert backoff(8.0, 1, 8.0, 0.5, around=True, draw=0.0) == 4.0
    assert backoff(8.0, 1, 8.0, 0.5, around=True, draw=0.5) == 8.0
    assert backoff(8.0, 1, 8.0, 0.5, around=True, draw=0.75) == 10.0
    assert backoff(8.0, 1, 8.0, 0.25, around=True, draw=0.25) == 7.0
    drawn = {backoff(8.0, 1, 8.0, 0.5) for _ in range(20)}  # without `draw`, a random share
    assert len(drawn) > 1
    assert all(4.0 <= wait <= 8.0 for wait in drawn)


def test_iso_text_is_read_as_a_date_time_or_a_date() -> None:
    assert parse_datetime("2026-03-29T01:30:00+01:00") == datetime.datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert parse_datetime("2026-03-29T01:30:00Z").utcoffset() == datetime.timedelta(0)
    assert parse_datetime("2026-03-29T01:30:00").tzinfo is None  # naive: each caller refuses or reads it
    day = parse_date("2026-03-29")
    assert (type(day), day) == (datetime.date, datetime.date(2026, 3, 29))


@pytest.mark.parametrize(
    ("parse", "what"), [(parse_datetime, "date-time"), (parse_date, "date")], ids=["date-time", "date"]
)
def test_what_is_not_iso_text_is_refused_by_name(parse: Callable[..., object], what: str) -> None:
    read = parse
    with pytest.raises(TypeError) as refused:
        read(20260329)
    assert str(refused.value) == f"value must be ISO 8601 {what} text, not int"
    with pytest.raises(TypeError) as refused:
        read(None, "start")
    assert str(refused.value) == f"start must be ISO 8601 {what} text, not NoneType"
    with pytest.raises(ValueError, match=r"^value must be ") as wrong:
        read("29/03/2026")
    assert str(wrong.value) == f"value must be ISO 8601 {what} text, not '29/03/2026'"
    with pytest.raises(ValueError, match=r"^start must be ") as wrong:
        read("x" * 300, "start")
    assert str(wrong.value) == f"start must be ISO 8601 {what} text, not '{'x' * 99}"  # the value cut at 100


class RefusedError(Exception):
    """What `aware` raises through the caller's `refuse`: its three arguments, as given."""


def _refuse(why: str, name: str, value: object) -> Exception:
    return RefusedError(why, name, value)


def _refusal(value: object, *, text: bool = False) -> tuple[object, ...]:
    with pytest.raises(RefusedError) as refused:
        aware(value, "at", _refuse, text=text)
    return refused.value.args


def test_an_instant_is_an_aware_datetime_and_with_text_its_iso_text() -> None:
    moment = datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert aware(moment, "at", _refuse) is moment
    assert aware("2026-03-29T01:30:00Z", "at", _refuse, text=True) == moment
    assert aware("2026-03-29T02:30:00+01:00", "at", _refuse, text=True) == moment


def test_what_names_no_instant_is_refused_through_the_callers_refuse_with_why_name_and_value_as_given() -> None:
    naive = datetime.datetime(2026, 3, 29, 1, 30)  # the naive value refused
    assert _refusal(naive) == ("naive", "at", naive)
    assert _refusal("2026-03-29T01:30:00", text=True) == ("naive", "at", "2026-03-29T01:30:00")
    assert _refusal("tomorrow", text=True) == ("text", "at", "tomorrow")
    assert _refusal("2026-03-29T01:30:00Z") == ("type", "at", "2026-03-29T01:30:00Z")  # text only when asked
    with pytest.raises(RefusedError, match="type"):
        aware("2026-03-29T01:30:00Z", "at", _refuse)  # and by default, not
    assert _refusal(1774747800, text=True) == ("type", "at", 1774747800)
    assert _refusal(datetime.date(2026, 3, 29), text=True) == ("type", "at", datetime.date(2026, 3, 29))
