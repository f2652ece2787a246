"""openapi.yaml as the tests read it: the repository root, the spec, its documented examples, a check of answers."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx2
import yaml

from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing import _schemas as schemas
from pexip_engage_client.testing._spec import Operation, resolve, spec

ROOT = Path(__file__).resolve().parents[2]
# libyaml's safe loader where PyYAML has it (the same document, in a sixth of the time: every test
# process reads the spec once when it collects).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """A YAML file read anew, a copy a test may change (with libyaml's loader: openapi.yaml in 50 ms, not 300)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 (a safe loader)


def read_spec() -> dict[str, Any]:
    """openapi.yaml read anew (`read_yaml`)."""
    document: dict[str, Any] = read_yaml(ROOT / "openapi.yaml")
    return document


SPEC: dict[str, Any] = read_spec()


def documented_example(name: str) -> dict[str, Any]:
    """A named example from the spec's components (the documentation's own payloads)."""
    copy: dict[str, Any] = json.loads(json.dumps(SPEC["components"]["examples"][name]["value"]))
    return copy  # a deep copy, safe to mutate


def operation_example(path: str, method: str, status: str) -> Any:
    """The documented response example of an operation, resolving a `$ref` to components."""
    content = resolve(SPEC["paths"][path][method]["responses"][status], SPEC)
    example = resolve(content["content"]["application/json"]["examples"]["documented"], SPEC)
    return json.loads(json.dumps(example["value"]))


def field_paths(value: Any, prefix: str = "") -> set[str]:
    """Every key path in a JSON value (list positions included), to compare two documents' shapes."""
    if isinstance(value, dict):
        return {prefix + key for key in value} | {
            path for key, item in value.items() for path in field_paths(item, f"{prefix}{key}.")
        }
    if isinstance(value, list):
        return {path for index, item in enumerate(value) for path in field_paths(item, f"{prefix}{index}.")}
    return set()


def assert_responses_match_spec(fake: FakePexipEngage) -> None:
    """Every answer the fake gave to an operation is one openapi.yaml allows (status, type, schema).

    Answers to scripted faults are the test's own choice, so they are left out.
    """
    problems = [
        problem
        for call in fake.calls
        if call.operation_id is not None and call.response is not None and not call.fault
        for problem in response_problems(
            spec().by_id[call.operation_id], call.response.status_code, call.response.content, call.response.headers
        )
    ]
    assert problems == []


# How the fake's 400 names a field it needs beyond the spec: one its resource must hold (it invents
# nothing), or one an assumption of its requires.
_ASKED = re.compile(r"\bbody\.(?P<field>\w+): required(?:: every | \(the fake's assumption)")


def fields_the_fake_asks_for(answer: httpx2.Response | str) -> list[str]:
    """The top-level body fields the fake's 400 asks for beyond the spec, read from the answer or
    from an error's text (none for any other answer)."""
    if isinstance(answer, httpx2.Response):
        if answer.status_code != 400:
            return []
        answer = " ".join(item.get("message", "") for item in answer.json().get("errors", []))
    return list(dict.fromkeys(found["field"] for found in _ASKED.finditer(answer)))


def response_problems(op: Operation, status: int, body: bytes, headers: dict[str, str] | httpx2.Headers) -> list[str]:
    """What is wrong with a response to `op` according to the spec."""
    response = op.responses.get(str(status))
    if response is None:
        return [f"{op.operation_id}: status {status} is not documented"]
    if "content" not in response:
        return [] if not body else [f"{op.operation_id}: status {status} has no body, but one was sent"]
    media_type = headers.get("content-type", "").split(";")[0].strip()
    if media_type not in response["content"]:
        return [f"{op.operation_id}: content type {media_type!r} is not documented for {status}"]
    try:
        document = json.loads(body)
    except ValueError:
        return [f"{op.operation_id}: the body is not JSON"]
    ref = schemas.content_schema(op, "responses", str(status), media_type=media_type)
    return schemas.errors(ref, document, "response")
