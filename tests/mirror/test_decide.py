"""`decide` step by step: a 404 (the id without a row, a row already gone, a 404 ordered against the row's last
present read by when the API was asked), a present read of a gone row at the 404's own instant, and the time a
written row was read (the seeded simulation covers the rest of the rule)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pexip_engage_client.mirror._rows import Decision, MirroredAppointment, decide

READ = datetime(2026, 1, 5, 12, tzinfo=UTC)


def row(*, gone_at: datetime | None = None) -> MirroredAppointment:
    """A row last read (present, or as gone at `gone_at`) at READ."""
    return MirroredAppointment(
        id="a-1",
        status="ACCEPTED",
        start=None,
        end=None,
        updated_at=READ - timedelta(days=1),
        office_id="office-1",
        subject_id="subject-1",
        employee_ids=("employee-1",),
        customer_ids=("customer-1",),
        external_id=None,
        document={"id": "a-1"},
        unreadable=(),
        gone_at=gone_at,
        read_at=READ,
        sequence=4,
        change="added",
    )


def test_a_404_of_an_id_the_table_does_not_hold_writes_nothing() -> None:
    decision = decide(None, "a-1", READ)
    assert decision == Decision("not_found")
    assert not decision.is_change


def test_a_404_of_a_row_already_gone_leaves_it_as_it_was_gone() -> None:
    for asked in (READ - timedelta(seconds=1), READ, READ + timedelta(seconds=1)):
        assert decide(row(gone_at=READ), "a-1", asked) == Decision("unchanged")


@pytest.mark.parametrize(
    ("asked", "outcome"),
    [(READ - timedelta(microseconds=1), "older"), (READ, "gone"), (READ + timedelta(seconds=1), "gone")],
)
def test_a_404_asked_before_the_rows_last_present_read_is_older_and_from_then_on_marks_it_gone(
    asked: datetime, outcome: str
) -> None:
    decision = decide(row(), "a-1", asked)
    assert decision.outcome == outcome
    if outcome == "older":
        assert (decision.row, decision.is_change) == (None, False)
    else:
        assert decision.is_change
        assert decision.row == MirroredAppointment(**{**row().__dict__, "gone_at": asked, "read_at": asked})


def present(*, read_at: datetime) -> MirroredAppointment:
    """A present read of the appointment, as `row_from` makes it with `read_at`: newer than `row()`."""
    return MirroredAppointment(**{**row().__dict__, "updated_at": READ, "read_at": read_at, "sequence": 0})


@pytest.mark.parametrize("made_at", [READ - timedelta(seconds=5), READ + timedelta(seconds=5)])
@pytest.mark.parametrize(
    "existing", [None, row(), row(gone_at=READ - timedelta(seconds=9))], ids=["new", "present", "gone"]
)
def test_the_row_a_read_writes_was_read_when_the_api_was_asked_whatever_it_was_made_with(
    made_at: datetime, existing: MirroredAppointment | None
) -> None:
    # `read_at` is when the API was asked (a catch-up that began after it must read the row again), whatever the
    # row was made with: an answer received late must not pass for one asked late.
    decision = decide(existing, present(read_at=made_at), READ)
    assert decision.row is not None
    assert decision.row.read_at == READ


@pytest.mark.parametrize(
    ("asked", "outcome"),
    [(READ - timedelta(seconds=1), "older"), (READ, "older"), (READ + timedelta(microseconds=1), "back")],
)
def test_a_read_asked_no_later_than_the_404_that_marked_a_row_gone_never_brings_it_back(
    asked: datetime, outcome: str
) -> None:
    decision = decide(row(gone_at=READ), present(read_at=asked), asked)
    assert decision.outcome == outcome
    assert (decision.row is not None) == (outcome == "back")
