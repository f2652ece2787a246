"""A directory's employee records (`person`), and Engage employees that match them on the fake API (`seed`)."""

from __future__ import annotations

from typing import Any

from pexip_engage_client.testing import FakePexipEngage


def person(index: int, **fields: Any) -> dict[str, Any]:
    """The directory's record of employee `index`, in wire form."""
    return {
        "externalId": f"EXT-{index:04d}",
        "email": f"person{index}@acme.test",
        "firstName": f"First{index}",
        "lastName": f"Last{index}",
        **fields,
    }


def seed(fake: FakePexipEngage, count: int, **fields: Any) -> list[dict[str, Any]]:
    """`count` employees in Engage that match `person(0..count-1)`; returns the directory records."""
    records = [person(index, **fields) for index in range(count)]
    for record in records:
        fake.add_employee(**record, status="ACTIVE")
    return records


def adviser(prefix: str, index: int, office: str, **fields: Any) -> dict[str, Any]:
    """The directory's record of adviser `index` of a branch: every field Engage requires, its office relation
    in the API's input shape (`{role, officeId}`)."""
    return {
        "externalId": f"{prefix}-{index:03d}",
        "email": f"{prefix.lower()}.adviser{index}@bank.test",
        "firstName": f"Adviser{index}",
        "lastName": f"Of{prefix}",
        "availableRoles": ["AGENT"],
        "officeRelations": [{"role": "AGENT", "officeId": office}],
        **fields,
    }


def as_read(record: dict[str, Any]) -> dict[str, Any]:
    """A directory record as Engage reads it back: office relations as `{role, office: {id}}`."""
    relations = [{"role": r["role"], "office": {"id": r["officeId"]}} for r in record.get("officeRelations", [])]
    return {**record, "officeRelations": relations}


def seed_branch(fake: FakePexipEngage, office: str, count: int, prefix: str) -> list[dict[str, Any]]:
    """An office and its `count` active advisers in Engage; returns their directory records (input shape)."""
    fake.add_office(id=office)
    records = [adviser(prefix, index, office) for index in range(count)]
    for record in records:
        fake.add_employee(**as_read(record), status="ACTIVE")
    return records
