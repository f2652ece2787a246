"""A plan's scope: the live employees it manages, and so the only ones it may change or deactivate.

As `kubectl apply --prune` prunes only what its label selector selects: offices (any relation to one of
them), key prefixes, a predicate of your own, all of those given at once, or the whole enterprise, which is
said plainly (`WHOLE_ENTERPRISE`). What a scope means for each kind of change: docs/provisioning.md, "Scope".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .._base.answer_fields import Unread
from .._base.arguments import ArgumentError
from ._keys import folded
from ._relations import read_pairs

Predicate = Callable[[Mapping[str, Any]], bool]
OPERATION = "getEmployees"


@dataclass(frozen=True)
class Scope:
    """The employees a plan manages. Each part given must hold (an office *and* a key prefix, ...).

    Attributes:
        offices: Office ids: an employee with a relation (any role) to one of them.
        key_prefixes: An employee whose key starts with one of them (ignoring case and surrounding spaces).
        where: A predicate over the live employee, in wire form (`employee["officeRelations"]`, ...);
            its `__name__` shows in the plan. A new employee is judged on the directory's row in
            the same form (its relations as `{role, office: {id}}`). What it raises stops the plan, with a
            note of the employee it judged.
        whole_enterprise: Every employee (`WHOLE_ENTERPRISE`), never together with a part.
    """

    offices: frozenset[str] = frozenset()
    key_prefixes: tuple[str, ...] = ()
    where: Predicate | None = None
    whole_enterprise: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "offices", frozenset(_texts(self.offices)))
        object.__setattr__(self, "key_prefixes", _texts(self.key_prefixes))
        if self.whole_enterprise == bool(self.offices or self.key_prefixes or self.where):
            raise ArgumentError.of(
                "scope", "is the whole enterprise, or offices, key prefixes or a predicate: one of them"
            )

    def selects(self, employee: Mapping[str, Any], key: str) -> bool | Unread:
        """Whether the scope selects `employee` (wire form); an `Unread` when its relations cannot be read."""
        # (The whole enterprise has none of the parts: each holds.)
        parts = [
            _prefixed(self.key_prefixes, employee.get(key)),
            _related(self.offices, employee),
        ]
        if False in parts:
            return False
        unread = next((part for part in parts if isinstance(part, Unread)), None)
        return unread or self.where is None or _judged(self.where, employee, key)

    def selects_any(self, employees: Iterable[Mapping[str, Any]], key: str) -> bool:
        """Whether it may select one of `employees` (one whose relations cannot be read may be in it)."""
        return any(self.selects(employee, key) is not False for employee in employees)

    def parts(self) -> list[tuple[Scope, str]]:
        """Each office and key prefix alone, with its name (`office 'branch-a'`): what each selects by itself."""
        offices = [(Scope(offices=frozenset({office})), f"office {office!r}") for office in sorted(self.offices)]
        return offices + [(Scope(key_prefixes=(prefix,)), f"key prefix {prefix!r}") for prefix in self.key_prefixes]

    def describe(self) -> str:
        """`offices a, b`, `key prefixes A-`, `where in_branch_a`, `the whole enterprise`: for the plan."""
        named = {
            "offices": sorted(self.offices),
            "key prefixes": self.key_prefixes,
            "where": [getattr(self.where, "__name__", "a predicate")] if self.where else [],
        }
        return " and ".join(f"{label} {', '.join(values)}" for label, values in named.items() if values) or (
            "the whole enterprise"
        )


def _judged(where: Predicate, employee: Mapping[str, Any], key: str) -> bool:
    """What the predicate says of `employee`; what it raises is raised as it is, with a note of whom it judged."""
    try:
        return bool(where(employee))
    except Exception as error:
        judged = (
            f"employee {employee['id']}" if "id" in employee else f"the row of {employee.get(key)} (a new employee)"
        )
        error.add_note(f"raised by the scope's predicate {getattr(where, '__name__', where)}, for {judged}")
        raise


def _texts(values: Iterable[str]) -> tuple[str, ...]:
    """Offices or key prefixes as given, each checked to be text (a lone text is refused: it is no collection)."""
    given = tuple(values)  # (read once: a generator is read here)
    if isinstance(values, str) or not all(isinstance(value, str) and value.strip() for value in given):
        raise ArgumentError.of("scope", f"takes offices and key prefixes as collections of text (got {values!r})")
    return given


def _prefixed(prefixes: tuple[str, ...], key: object) -> bool:
    """Whether the key starts with one of the prefixes (ignoring case and spaces); True when none is given."""
    return not prefixes or (isinstance(key, str) and folded(key).startswith(tuple(map(folded, prefixes))))


def _related(offices: frozenset[str], employee: Mapping[str, Any]) -> bool | Unread:
    """Whether the employee has a relation to one of the offices; True when none is given."""
    pairs = read_pairs(employee, OPERATION) if offices else frozenset()
    return pairs if isinstance(pairs, Unread) else not offices or any(office in offices for _, office in pairs)


WHOLE_ENTERPRISE = Scope(whole_enterprise=True)
"""The scope of every employee of the enterprise: what a plan that may deactivate anyone must say."""

ScopeLike = Scope | Predicate | Iterable[str]


def as_scope(scope: ScopeLike | None) -> Scope | None:
    """`scope=` as a `Scope`: office ids (a list, set or tuple of text), a predicate, or a `Scope`."""
    if scope is None or isinstance(scope, Scope):
        return scope
    if isinstance(scope, str | bytes):
        raise ArgumentError.of("scope", f"takes office ids as a list, not one text: scope=[{scope!r}]")
    if callable(scope):
        return Scope(where=scope)
    if isinstance(scope, Iterable):
        return Scope(offices=frozenset(scope))
    raise ArgumentError.of("scope", f"must be office ids, a predicate or a Scope (got {type(scope).__name__})")
