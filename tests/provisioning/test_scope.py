"""A scope on its own: what it is told apart from, how the plan names it, and each way `scope=` may be given
(the employees it selects: tests/provisioning/test_branches.py)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import partial
from typing import Any

import pytest

from pexip_engage_client.provisioning import WHOLE_ENTERPRISE, Scope
from pexip_engage_client.provisioning._scope import as_scope

# Scope and as_scope as a caller without a type checker calls them.
LOOSE_SCOPE: Any = Scope
LOOSE_AS_SCOPE: Any = as_scope


def in_branch_a(employee: Mapping[str, Any]) -> bool:
    return bool(employee)


def test_a_scope_names_itself_in_the_plans_words() -> None:
    assert Scope(offices=frozenset({"b", "a"})).describe() == "offices a, b"
    assert Scope(key_prefixes=("A-", "B-")).describe() == "key prefixes A-, B-"
    assert Scope(where=in_branch_a).describe() == "where in_branch_a"
    assert Scope(where=partial(in_branch_a)).describe() == "where a predicate"  # no __name__
    every = Scope(offices=frozenset({"a"}), key_prefixes=("A-",), where=in_branch_a)
    assert every.describe() == "offices a and key prefixes A- and where in_branch_a"
    assert WHOLE_ENTERPRISE.describe() == "the whole enterprise"
    parts = Scope(offices=frozenset({"b", "a"}), key_prefixes=("A-",)).parts()
    assert [(part, name) for part, name in parts] == [
        (Scope(offices=frozenset({"a"})), "office 'a'"),
        (Scope(offices=frozenset({"b"})), "office 'b'"),
        (Scope(key_prefixes=("A-",)), "key prefix 'A-'"),
    ]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (LOOSE_SCOPE, "scope is the whole enterprise, or offices, key prefixes or a predicate: one of them"),
        (
            partial(LOOSE_SCOPE, offices=frozenset({"a"}), whole_enterprise=True),
            "scope is the whole enterprise, or offices",
        ),
        (
            partial(LOOSE_SCOPE, key_prefixes=("A-",), whole_enterprise=True),
            "scope is the whole enterprise, or offices",
        ),
        (partial(LOOSE_SCOPE, where=in_branch_a, whole_enterprise=True), "scope is the whole enterprise, or offices"),
        (
            partial(LOOSE_SCOPE, offices="branch-a"),
            "scope takes offices and key prefixes as collections of text (got 'branch-a')",
        ),
        (
            partial(LOOSE_SCOPE, key_prefixes="A-"),
            "scope takes offices and key prefixes as collections of text (got 'A-')",
        ),
        (partial(LOOSE_SCOPE, offices=frozenset({" "})), "scope takes offices and key prefixes as collections of text"),
        (partial(LOOSE_SCOPE, offices=frozenset({""})), "scope takes offices and key prefixes as collections of text"),
        (
            partial(LOOSE_SCOPE, key_prefixes=("A-", 1)),
            "scope takes offices and key prefixes as collections of text (got ('A-', 1))",
        ),
        (partial(LOOSE_AS_SCOPE, "branch-a"), "scope takes office ids as a list, not one text: scope=['branch-a']"),
        (partial(LOOSE_AS_SCOPE, b"branch-a"), "scope takes office ids as a list, not one text: scope=[b'branch-a']"),
        (
            partial(LOOSE_AS_SCOPE, 42),
            "scope must be office ids, a predicate or a Scope (got int)",
        ),
    ],
)
def test_what_cannot_be_a_scope_is_refused_naming_scope(make: Any, message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message)) as refused:
        make()
    assert refused.value.argument == "scope"  # type: ignore[attr-defined]


def test_scope_is_taken_as_office_ids_a_predicate_or_a_scope() -> None:
    assert as_scope(None) is None
    assert as_scope(WHOLE_ENTERPRISE) is WHOLE_ENTERPRISE
    assert as_scope(["a", "b"]) == Scope(offices=frozenset({"a", "b"}))
    assert as_scope(office for office in ("a",)) == Scope(offices=frozenset({"a"}))  # a generator, read once
    assert as_scope(in_branch_a) == Scope(where=in_branch_a)
    assert Scope(offices=["a", "a"]).offices == frozenset({"a"})  # type: ignore[arg-type]
    assert Scope(key_prefixes=["A-"]).key_prefixes == ("A-",)  # type: ignore[arg-type]


def test_a_predicate_that_raises_is_named_as_it_is_when_it_has_no_name() -> None:
    def broken(employee: Mapping[str, Any]) -> bool:
        raise KeyError("officeRelations")

    predicate = partial(broken)
    with pytest.raises(KeyError) as raised:
        Scope(where=predicate).selects({"id": "e-1", "externalId": "A-1"}, "externalId")
    assert raised.value.__notes__ == [f"raised by the scope's predicate {predicate}, for employee e-1"]
    with pytest.raises(KeyError) as new:
        Scope(where=broken).selects({"externalId": "A-2"}, "externalId")
    assert new.value.__notes__ == ["raised by the scope's predicate broken, for the row of A-2 (a new employee)"]


def test_what_a_scope_selects_part_by_part() -> None:
    in_a = {"externalId": "A-1", "officeRelations": [{"role": "AGENT", "office": {"id": "a"}}]}
    in_b = {"externalId": "a-2", "officeRelations": [{"role": "OFFICE_MANAGER", "office": {"id": "b"}}]}
    nowhere = {"externalId": "B-3", "officeRelations": []}
    unread = {"externalId": "A-4", "officeRelations": "a"}  # relations of another type than the spec's
    offices = Scope(offices=frozenset({"a"}))
    assert [offices.selects(e, "externalId") for e in (in_a, in_b, nowhere)] == [True, False, False]
    assert not isinstance(offices.selects(unread, "externalId"), bool)  # an Unread: not known to be in it
    prefixes = Scope(key_prefixes=(" a- ",))
    assert [prefixes.selects(e, "externalId") for e in (in_a, in_b, nowhere, {"externalId": None})] == [
        True,
        True,
        False,
        False,
    ]
    both = Scope(offices=frozenset({"b"}), key_prefixes=("A-",))
    assert [both.selects(e, "externalId") for e in (in_a, in_b, nowhere)] == [False, True, False]
    assert both.selects(unread, "externalId") is not True
    assert Scope(key_prefixes=("B-",), offices=frozenset({"a"})).selects(unread, "externalId") is False
    assert WHOLE_ENTERPRISE.selects(unread, "externalId") is True  # no part: relations never read
    assert Scope(where=lambda employee: employee["externalId"] == "B-3").selects(nowhere, "externalId") is True
    assert offices.selects_any([in_b, unread], "externalId") is True  # one may be in it
    assert offices.selects_any([in_b, nowhere], "externalId") is False
