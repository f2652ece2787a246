"""Office relations in their three shapes (`[{role, officeId}]` sent, `[{role, office: {id}}]` answered,
`AGENT:<officeId>;...` in a CSV cell), compared as sets of (role, office) pairs: an answer's order means nothing,
and a PATCH replaces the list whole (docs/provisioning.md, "Office relations").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import models
from .._base.answer_fields import Unread, json_field

ROLES = frozenset(member.value for member in models.OfficeRelationRole)
FIELD = "officeRelations"

Pair = tuple[str, str]  # (role, office id)


def relations_problem(value: Any) -> str | None:
    """Why a directory's relations cannot be written (None: they can), the field named first."""
    pairs = _parsed(value)
    if isinstance(pairs, str):
        return f"{FIELD} {pairs}"
    return next(
        (f"{FIELD}[{at}] {problem}" for at, pair in enumerate(pairs, 1) if (problem := _pair_problem(*pair))), None
    )


def input_shape(value: Any) -> list[dict[str, str]]:
    """Checked relations (`relations_problem` is None) in the input shape, sorted, each once."""
    return [{"role": role, "officeId": office} for role, office in sorted(pairs_of(value) or ())]


def read_pairs(employee: Mapping[str, Any], operation: str) -> frozenset[Pair] | Unread:
    """An answer's relations as (role, office id) pairs, or why they cannot be read."""
    relations = json_field(employee, f"/{FIELD}", list, operation=operation, base="/data/*")
    pairs = None if isinstance(relations, Unread) else pairs_of(relations)
    return pairs if pairs is not None else _unread(relations, operation)


def pairs_of(value: Any) -> frozenset[Pair] | None:
    """Relations in any of their shapes as pairs, for comparing; None when they are none (never equal to any)."""
    pairs = _parsed(value)
    if isinstance(pairs, str) or not all(isinstance(role, str) and isinstance(office, str) for role, office in pairs):
        return None
    return frozenset((str(role).upper(), str(office).strip()) for role, office in pairs)


def shown(value: Any) -> str:
    """`AGENT:branch-a; OFFICE_MANAGER:branch-b` (`(none)` for no relation); as given when it is none of the shapes."""
    pairs = pairs_of(value)
    if pairs is None:
        return repr(value)
    return "; ".join(f"{role}:{office}" for role, office in sorted(pairs)) or "(none)"


def _parsed(value: Any) -> list[tuple[Any, Any]] | str:
    """The (role, office id) of each relation, in any of the three shapes, as given; or why they are none."""
    if value is None:
        return "may not be null ([] for none)"
    if isinstance(value, str):  # a CSV cell: `AGENT:<officeId>;OFFICE_MANAGER:<officeId>`
        return [_cell_pair(part) for part in value.split(";") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(relation, Mapping) for relation in value):
        return "must be a list of {role, officeId} (or ROLE:officeId; ...)"
    return [(relation.get("role"), _office_id(relation)) for relation in value]


def _cell_pair(part: str) -> tuple[str | None, str]:
    """`ROLE:officeId` as its pair; no role (None) for a part without a colon."""
    role, colon, office = part.partition(":")
    return (role.strip().upper(), office.strip()) if colon else (None, part.strip())


def _office_id(relation: Mapping[str, Any]) -> Any:
    """`officeId` (input shape) or `office.id` (read shape)."""
    office = relation.get("office")
    return relation.get("officeId", office.get("id") if isinstance(office, Mapping) else None)


def _pair_problem(role: Any, office: Any) -> str | None:
    if role is None and isinstance(office, str):
        return f"{office!r} is not ROLE:officeId (e.g. AGENT:{office})"
    if role not in ROLES:
        return f"role must be one of {', '.join(sorted(ROLES))} (got {role!r})"
    if not isinstance(office, str) or not office.strip():
        return "needs an office id (officeId, or office.id)"
    if _RUN_TOGETHER & set(office):  # two relations run together (`AGENT:a,OFFICE_MANAGER:b`): no office's id
        return f"office id {office!r} holds ':' or ',' (relations are separated by ';')"
    return None


_RUN_TOGETHER = frozenset(":,")


def _unread(relations: object, operation: str) -> Unread:
    return relations if isinstance(relations, Unread) else Unread(f"/data/*/{FIELD}/*", "type", operation)
