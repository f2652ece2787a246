"""How a branch's candidates are merged: each adviser's candidates by time, office, subject and meeting type, the
advisers of each in the order booking tries them, and why each adviser offers none (docs/booking.md, "Any adviser
at this branch"). `Candidates.from_team` cuts each adviser's view with `from_free_busy`'s code and hands the keys
here, so the grid, buffers and DST rules are one adviser's exactly; this module makes no candidate of its own."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from .._base.arguments import ArgumentError
from ._free_busy import FreeBusy

if TYPE_CHECKING:
    from ._team_view import TeamFreeBusy

# How a candidate's advisers are ordered: as the view lists them, or fewest appointments in the window first.
Order = Literal["earliest", "fair"]
ORDERS: tuple[Order, ...] = ("earliest", "fair")
# One adviser's "no defined availability in the window" reads, for a branch, as none at its office.
_AT_OFFICE = "no_defined_availability"

# A candidate's key: its start and end (UTC), office, subject and meeting type.
Key = tuple[datetime.datetime, datetime.datetime, str, str, str]
# A reason as data: its code, message, adviser (None: the branch's) and block (None: the window's).
Reason = tuple[str, str, str | None, Any]


def checked_order(order: Any) -> Order:
    """`order=`, or `ValueError` naming it."""
    if order not in ORDERS:
        raise ArgumentError.of("order", f": expected one of {', '.join(ORDERS)}, not {order!r:.100}")
    return order  # type: ignore[no-any-return]  # one of ORDERS, as checked


def merged(each: Sequence[tuple[FreeBusy, Sequence[Key]]], order: Order) -> list[tuple[Key, list[str]]]:
    """Every adviser's candidates (keys) merged: each, in time order, with the advisers free for it in booking's
    order."""
    rank = {employee_id: n for n, employee_id in enumerate(ranked([view for view, _ in each], order))}
    free_for: dict[Key, list[str]] = {}
    for view, keys in each:
        for at in keys:
            free_for.setdefault(at, []).append(view.employee_id)
    return [(at, sorted(ids, key=rank.__getitem__)) for at, ids in sorted(free_for.items())]


def ranked(views: Sequence[FreeBusy], order: Order) -> list[str]:
    """The advisers in the order booking tries them: the view's order, or (fair) fewest appointments first, ties
    kept in the view's order (`sorted` is stable)."""
    if order == "fair":
        views = sorted(views, key=appointments_in)
    return [view.employee_id for view in views]


def appointments_in(view: FreeBusy) -> int:
    """How many appointments hold time in the view's window: what `order="fair"` evens out."""
    return sum(1 for busy in view.busy if busy.kind == "appointment")


def reasons(team: TeamFreeBusy, each: Sequence[tuple[FreeBusy, Sequence[Any]]]) -> list[Reason]:
    """Each adviser's reasons (blocks that offer none, or why they offer nothing), naming them; then the ids given
    that no employee has; and, without advisers, that the branch has none."""
    found: list[Reason] = [_for_adviser(team, view, reason) for view, why in each for reason in why]
    found += [("unknown_employee", f"no employee has the id {ident!r}", ident, None) for ident in team.unknown]
    if not team.views:
        why = f"office {team.office_id} has no advisers (no employee with a relation to it)"
        found.append(("no_advisers", why, None, None))
    return found


def _for_adviser(team: TeamFreeBusy, view: FreeBusy, reason: Any) -> Reason:
    who = view.employee_id
    if reason.code == _AT_OFFICE:
        why = f"{who}: no defined availability at office {team.office_id} in the window"
        return "no_availability_at_office", why, who, None
    return reason.code, f"{who}: {reason.message}", who, reason.block
