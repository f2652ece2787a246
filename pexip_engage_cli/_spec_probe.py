"""`pexip-engage spec check --probe-inferred`: ask a tenant whether each operation openapi.yaml infers exists,
with the nil UUID only (docs/lifecycle-actions.md, "Asking a tenant").
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pexip_engage_client import PexipEngage

    from ._table import CommandSpec

NIL_ID = "00000000-0000-0000-0000-000000000000"
ACTIONS = "/appointments/{id}/_actions/"
NO_SUCH_ACTION = ACTIONS + "pexip-engage-no-such-action"
# An answer as compared (`_answer`): (status, codes, types), and the messages without path and id.
Answer = tuple[tuple[Any, ...], tuple[str, ...]]


def _actions(groups: dict[str, Any]) -> list[CommandSpec]:
    """The commands of POST actions on an appointment (`/appointments/{id}/_actions/...`)."""
    commands = [spec for group in groups.values() for spec in group["commands"].values()]
    return [spec for spec in commands if spec["http"].startswith("POST " + ACTIONS)]


def documented_control(groups: dict[str, Any]) -> str | None:
    """The path of a documented action on an appointment that takes no body (accept): the known route."""
    paths = sorted(_path(spec) for spec in _actions(groups) if not spec.get("inferred") and spec["body"] is None)
    return next(iter(paths), None)


async def probe(engage: PexipEngage, groups: dict[str, Any]) -> list[dict[str, Any]]:
    """What the tenant answered for each inferred action, and what that says (see the module's text)."""
    actions = [spec for spec in _actions(groups) if spec.get("inferred")]  # the operations openapi.yaml infers
    control = documented_control(groups)
    if not actions or control is None:
        return _undecided(actions, "nothing sent: no documented action to compare with")
    looked_up = await _send(engage, "GET", ACTIONS.removesuffix("/_actions/"))
    if looked_up[0][0] != 404:
        return _undecided(actions, f"nothing sent: GET /appointments/{NIL_ID} answered {looked_up[0][0]}, not 404")
    unknown = await _send(engage, "POST", NO_SUCH_ACTION)
    known = await _send(engage, "POST", control)
    return [_verdict(spec, await _send(engage, "POST", _path(spec)), unknown, known) for spec in actions]


def _undecided(actions: list[CommandSpec], reason: str) -> list[dict[str, Any]]:
    return [_result(spec, None, "undecided", reason) for spec in actions]


def any_absent(probed: list[dict[str, Any]]) -> bool:
    """Whether a tenant was found without an operation openapi.yaml infers: a difference from it."""
    return any(result["verdict"] == "absent" for result in probed)


def print_probed(probed: list[dict[str, Any]]) -> None:
    """One line a probed operation, on stderr beside the table's summary."""
    for result in probed:
        seen = f"HTTP {result['status']} {' '.join(result['codes'])}".rstrip() if result["status"] else "not sent"
        print(
            f"inferred {result['operation']} ({result['http']}): {result['verdict']}: {result['reason']} ({seen})",
            file=sys.stderr,
        )


def _verdict(spec: CommandSpec, answer: Answer, unknown: Answer, known: Answer) -> dict[str, Any]:
    if unknown == known:
        return _result(spec, answer, "undecided", "an unknown route and a missing appointment were answered alike")
    if answer == unknown:
        return _result(spec, answer, "absent", "answered as an unknown route")
    if answer[0][0] == 405:
        return _result(spec, answer, "other method", "405: the route exists for another method")
    if answer[0] == known[0]:
        return _result(spec, answer, "exists", "answered as a documented action for a missing appointment")
    return _result(spec, answer, "likely exists", "answered unlike an unknown route")


def _result(spec: CommandSpec, answer: Answer | None, verdict: str, reason: str) -> dict[str, Any]:
    return {
        "operation": spec["operation"],
        "http": spec["http"],
        "verdict": verdict,
        "status": None if answer is None else answer[0][0],
        "codes": [] if answer is None else list(answer[0][1]),
        "reason": reason,
    }


def _path(spec: CommandSpec) -> str:
    return spec["http"].removeprefix("POST ")


async def _send(engage: PexipEngage, method: str, template: str) -> Answer:
    """The answer to `method template` for the nil id, as compared (status, codes, types, messages)."""
    from pexip_engage_client import errors  # noqa: PLC0415 - imported when a command talks to the API

    path = template.replace("{id}", NIL_ID)
    try:
        await (engage.get(path) if method == "GET" else engage.post(path))
    except errors.APIError as error:  # a 401 too: the reads before it would have stopped on one
        return _answer(error, path)
    return ((200, (), ()), ())  # a success for an id that is nobody's: reported as it is


def _answer(error: Any, path: str) -> Answer:
    """An error answer without what names this request (its path, the id), so that two can be compared."""
    items = error.errors
    codes, types = tuple(item.code for item in items), tuple(item.type for item in items)
    messages = [item.message for item in items] or [error.body.decode("utf-8", "replace")]
    return (error.status_code, codes, types), tuple(m.replace(path, "{path}").replace(NIL_ID, "{id}") for m in messages)
