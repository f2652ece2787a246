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
