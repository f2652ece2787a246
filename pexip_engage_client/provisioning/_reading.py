"""What the plan and the apply read of an employee in a `getEmployees` answer (each field with `json_field`:
docs/provisioning.md, "Answers unlike the spec"), and how they compare its fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .._base.answer_fields import Unread, json_field
from ._keys import FOLDED, folded
from ._relations import FIELD as RELATIONS
from ._relations import pairs_of

OPERATION = "getEmployees"


@dataclass
class Found:
    """What direct reads by a key found (docs/provisioning.md, "Answers unlike the spec"), by folded key."""

    by_key: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # the employees carrying each key now
    # The keys an employee of the same look-up may carry, its key unreadable, each with why.
    unsure: dict[str, Unread] = field(default_factory=dict)

    def sort(self, employees: list[dict[str, Any]], key: str, asked: set[str]) -> None:
        """Each employee of a look-up under its folded key; every key `asked` (folded) unsure when one's is unread."""
        for data in employees:
            value = json_field(data, f"/{key}", str, operation=OPERATION, base="/data/*")
            if isinstance(value, Unread):
                self.unsure.update(dict.fromkeys(asked, value))
            elif folded(value) in asked:  # (each once: a look-up's batch is one walk, which keeps an id once)
                self.by_key.setdefault(folded(value), []).append(data)


def unsure_reason(unread: Unread, key: str) -> str:
    """Why a key is left alone: an employee of its look-up whose key could not be read may carry it."""
    return (
        f"cannot tell whether an employee has this {key}: {unread.describe()} for an employee of the look-up "
        "(not created, not changed; plan again once Engage sends it)"
    )


def employee_id(employee: Mapping[str, Any]) -> str | Unread:
    """An employee's `id` (text), or why it cannot be read: an update or removal needs it."""
    return json_field(employee, "/id", str, operation=OPERATION, base="/data/*")


def shown_id(employee: Mapping[str, Any]) -> str:
    """An employee's id as a report shows it: `?` when it cannot be read."""
    ident = employee_id(employee)
    return "?" if isinstance(ident, Unread) else ident


def text_field(employee: Mapping[str, Any], name: str) -> str | None:
    """A field of an employee as text, None when it cannot be read so (compared, never acted on alone)."""
    value = json_field(employee, f"/{name}", str, operation=OPERATION, base="/data/*")
    return None if isinstance(value, Unread) else value


def same_value(name: str, current: Any, wanted: Any) -> bool:
    """Whether a field already holds the value wanted: roles in any order, relations in either shape and any
    order, keys and addresses without regard to case or surrounding spaces."""
    return _COMPARED.get(name, _same_folded if name in FOLDED else _same)(current, wanted)


def _same(current: Any, wanted: Any) -> bool:
    return bool(current == wanted)  # (an answer unlike the spec: compared as sent)


def _same_roles(current: Any, wanted: Any) -> bool:
    """Roles in any order (roles that are not a list, an answer unlike the spec: compared as sent)."""
    if _listed(current) and _listed(wanted):
        return sorted(current or [], key=str) == sorted(wanted or [], key=str)
    return _same(current, wanted)


def _listed(roles: Any) -> bool:
    return isinstance(roles or [], list)


def _same_relations(current: Any, wanted: Any) -> bool:
    pairs = pairs_of(current)
    return pairs is not None and pairs == pairs_of(wanted)


def _same_folded(current: Any, wanted: Any) -> bool:
    if isinstance(current, str) and isinstance(wanted, str):
        return folded(current) == folded(wanted)
    return _same(current, wanted)


_COMPARED: dict[str, Callable[[Any, Any], bool]] = {"availableRoles": _same_roles, RELATIONS: _same_relations}
