"""`decide` on a 404, step by step: the id without a row, a row already gone, and a 404 ordered against the
row's last present read by when the API was asked (the seeded simulation covers the rest of the rule)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pexip_engage_client.mirror._rows import Decision, MirroredAppointment, decide

READ = datetime(2026, 1, 5, 12, tzinfo=UTC)


def row(*, gone_at: datetime | None = None) -> MirroredAppointment:
    """A row last read (present, or as gone at `gone_at`) at READ."""
    return MirroredAppointment(
        id="a-1", status="ACCEPTED", start=None, end=None, updated_at=READ - timedelta(days=1), office_id="office-1",
        subject_id="subject-1", employee_ids=("employee-1",), customer_ids=("customer-1",), external_id=None,
        document={"id": "a-1"}, unreadable=(), gone_at=gone_at, read_at=READ, sequence=4, change="added",
    )  # fmt: skip


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
