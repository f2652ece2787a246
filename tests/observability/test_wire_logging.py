"""Opt-in wire logging: bodies only when asked (`PEXIP_ENGAGE_LOG=debug,bodies`, `log_bodies=True`),
customer data and secrets masked, checked against every example body of the spec in both directions
and against the fake through the client."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from typing import Any

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client._base.redaction import masked_names, spec_names
from pexip_engage_client._listening._logging import MASK, _shown, masked
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._spec import resolve

from ..support.spec import ROOT, SPEC

# What must never be shown, named here rather than read from the rules that mask it: a person's
# contact details, names, address and free text, and what opens something.
MUST_MASK = frozenset(
    {
        "email",
        "communicationEmail",
        "phoneNumber",
        "firstName",
        "lastName",
        "username",
        "company",
        "customerNumber",
        "notes",
        "internalNotes",
        "description",
        "message",
        "messageForCustomer",
        "title",
        "street1",
        "street2",
        "city",
        "postalCode",
        "formattedAddress",
        "geolocation",
        "latitude",
        "longitude",
        "answers",
        "key",
        "headers",
        "videoUrl",
        "staticVideoUrl",
        "videoTestUrl",
    }
)
# What a reader of the log needs to follow a call: never masked.
MUST_SHOW = frozenset(
    {
        "id",
        "externalId",
        "status",
        "start",
        "end",
        "meetingType",
        "data",
        "meta",
        "totalCount",
        "capacity",
        "name",
    }
)
_METHODS = ("get", "put", "post", "delete", "patch")


def _examples(content: dict[str, Any]) -> list[Any]:
    media = content.get("application/json", {})
    found = [media["example"]] if "example" in media else []
    return found + [resolve(example, SPEC)["value"] for example in media.get("examples", {}).values()]


def example_bodies() -> list[tuple[str, Any]]:
    """(where, body) for each example of every operation: its request's and its answers'."""
    bodies = []
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if method not in _METHODS:
                continue
            where = f"{operation['operationId']} ({method.upper()} {path})"
            request = resolve(operation.get("requestBody", {}), SPEC)
            bodies += [(f"{where} request", body) for body in _examples(request.get("content", {}))]
            for status, reference in operation["responses"].items():
                answer = resolve(reference, SPEC)
                bodies += [(f"{where} {status}", body) for body in _examples(answer.get("content", {}))]
    return bodies


EXAMPLES = example_bodies()


def check(original: Any, shown: Any, where: str, seen: set[str]) -> None:
    """`shown` is `original` with every MUST_MASK value (and no MUST_SHOW one) masked."""
    if isinstance(original, dict):
        assert isinstance(shown, dict), where
        assert shown.keys() == original.keys(), where
        for key, value in original.items():
            if value is None:
                assert shown[key] is None, f"{where}.{key}"
            elif key in MUST_MASK or key not in spec_names():
                assert shown[key] == MASK, f"{where}.{key} is shown: {shown[key]!r}"
                seen.add(key)
            elif shown[key] == MASK:  # masked by a rule beyond the ones named here: never what must show
                assert key in masked_names(), f"{where}.{key}"
                assert key not in MUST_SHOW, f"{where}.{key}"
            else:
                check(value, shown[key], f"{where}.{key}", seen)
    elif isinstance(original, list):
        assert isinstance(shown, list), where
        assert len(shown) == len(original), where
        for index, (item, item_shown) in enumerate(zip(original, shown, strict=True)):
            check(item, item_shown, f"{where}[{index}]", seen)
    else:
        assert shown == original, where


def test_every_example_body_of_the_spec_is_logged_with_customer_data_masked() -> None:
    requests = [where for where, _ in EXAMPLES if where.endswith("request")]
    # Some of each (the error answers of components/responses each have theirs): how many is the spec's.
    assert requests
    assert len(EXAMPLES) > len(requests)
    seen: set[str] = set()
    for where, body in EXAMPLES:
        line = _shown(json.dumps(body).encode())
        if len(line) < 4000:  # a longer one is cut, and no longer JSON
            check(body, json.loads(line), where, seen)
        check(body, masked(body), where, seen)
    # the examples hold the customer data the rules are for: the check above met it
    assert {"email", "phoneNumber", "firstName", "lastName", "description", "city", "postalCode"} <= seen


def test_the_masked_names_are_read_from_the_spec() -> None:
    assert masked_names() >= MUST_MASK
    assert not MUST_SHOW & masked_names()


def test_what_is_not_json_is_not_shown_and_a_long_body_is_cut() -> None:
    assert _shown(b"email=ada@example.com&password=x") == "(32 bytes, not JSON: not shown)"
    assert _shown(None) == _shown(b"") == "(no body)"
    long = _shown(json.dumps({"data": [{"id": f"id-{n}"} for n in range(1000)]}).encode())
    assert long.endswith(" more characters)")
    assert len(long) < 4100


def seeded() -> FakePexipEngage:
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)
    fake.add_customer(
        id="c1",
        email="ada@example.com",
        firstName="Ada",
        lastName="Lovelace",
        phoneNumber="+32 9 123 45 67",
        notes="allergic to cats",
        company="Analytical Engines",
    )
    return fake


SECRETS_AND_DATA = (
    "ada@example.com",
    "Ada",
    "Lovelace",
    "+32 9 123 45 67",
    "allergic",
    "Analytical",
    "bob@",
    "TOKEN-1",
)


async def calls(engage: PexipEngage) -> None:
    await engage.customers.get_customer_by_id("c1")
    await engage.customers.update_customer_by_id("c1", body={"notes": "allergic to dogs too", "email": "bob@x.org"})
    await engage.employees.get_employees(email=["ada@example.com"])


async def test_the_client_logs_both_bodies_masked_when_asked(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="pexip_engage_client")
    async with PexipEngage("acme", token="TOKEN-1", transport=seeded(), log_bodies=True) as engage:
        await calls(engage)
    bodies = [record.getMessage() for record in caplog.records if record.name == "pexip_engage_client.bodies"]
    assert bodies[0] == "> GET /enterprises/acme/customers/c1 (no body)"
    assert bodies[1].startswith('< 200 GET /enterprises/acme/customers/c1 {"data": {"id": "c1", ')
    assert '"email": "<masked>", "firstName": "<masked>"' in bodies[1]
    assert bodies[2] == '> PATCH /enterprises/acme/customers/c1 {"email": "<masked>", "notes": "<masked>"}'
    assert bodies[4] == "> GET /enterprises/acme/employees?email=<masked>&offset=0 (no body)"
    assert len(bodies) == 6
    lines = [record.getMessage() for record in caplog.records if record.name == "pexip_engage_client"]
    assert lines[0].startswith("GET /enterprises/acme/customers/c1 -> 200 in ")  # method, path, status, time
    for secret in SECRETS_AND_DATA:
        assert secret not in caplog.text


async def test_no_body_is_logged_unless_asked(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PEXIP_ENGAGE_LOG", raising=False)
    caplog.set_level(logging.DEBUG, logger="pexip_engage_client")
    async with PexipEngage("acme", token="TOKEN-1", transport=seeded()) as engage:
        await calls(engage)
    assert [record.name for record in caplog.records] == ["pexip_engage_client"] * 3
    # asked, but the logger is not at DEBUG: nothing is decoded or printed
    caplog.clear()
    caplog.set_level(logging.INFO, logger="pexip_engage_client")
    async with PexipEngage("acme", token="TOKEN-1", transport=seeded(), log_bodies=True) as engage:
        await calls(engage)
    assert caplog.records == []


SCRIPT = """
import asyncio
from pexip_engage_client import PexipEngage
from tests.observability.test_wire_logging import calls, seeded

async def main():
    async with PexipEngage("acme", token="TOKEN-1", transport=seeded()) as engage:
        await calls(engage)

asyncio.run(main())
"""


@pytest.mark.end_to_end
@pytest.mark.parametrize(
    ("setting", "bodies"), [("debug,bodies", 6), ("bodies", 6), ("debug", 0), ("DEBUG, Bodies", 6)]
)
def test_the_environment_variable_asks_for_bodies(setting: str, bodies: int) -> None:
    env = {**os.environ, "PEXIP_ENGAGE_LOG": setting, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True, cwd=ROOT)
    assert run.stderr.count("DEBUG pexip_engage_client.bodies: ") == bodies, run.stderr
    assert run.stderr.count("DEBUG pexip_engage_client: ") == 3
    for secret in SECRETS_AND_DATA:
        assert secret not in run.stderr
