"""`TeamFreeBusy`: a branch's view, one `FreeBusy` per adviser of an office (docs/booking.md, "Any adviser at this
branch"). Data only: `_team.py` says how it is read, `Candidates.from_team` cuts it into candidates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from ._free_busy import FreeBusy


@dataclass(frozen=True)
class TeamFreeBusy:
    """The advisers of an office and each one's free/busy in `[start, end)` (docs/booking.md).

    `views` holds one `FreeBusy` per adviser, in the order booking tries them when nothing else decides:
    the order of `employee_ids=` when given, else by employee id. Each is what `free_busy(employee,
    office_id=office_id)` computes. `unknown` lists given ids that no employee has; `time_zone` is the zone
    candidates are shown in (the one given, else the advisers' own when they share one, else UTC);
    `subject_id` and `meeting_type` are what `Candidates.from_team` asks for by default. `notes` holds the
    branch's notes, then each view's, each prefixed with its employee.
    """

    office_id: str
    start: datetime.datetime
    end: datetime.datetime
    views: tuple[FreeBusy, ...] = ()
    subject_id: str | None = None
    meeting_type: str | None = None
    unknown: tuple[str, ...] = ()
    time_zone: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def employee_ids(self) -> tuple[str, ...]:
        """The advisers, in the order of `views`."""
        return tuple(view.employee_id for view in self.views)

    def view(self, employee_id: str) -> FreeBusy:
        """The adviser's view; `KeyError` for an employee who is no adviser of this view."""
        for each in self.views:
            if each.employee_id == employee_id:
                return each
        raise KeyError(employee_id)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: each view's `to_dict()`, and the branch's fields."""
        return {
            "office_id": self.office_id,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "subject_id": self.subject_id,
            "meeting_type": self.meeting_type,
            "time_zone": self.time_zone,
            "employee_ids": list(self.employee_ids),
            "unknown": list(self.unknown),
            "views": [view.to_dict() for view in self.views],
            "notes": list(self.notes),
        }
