"""One lease concept (issue 98, "One lease"): every lease's holder name, length, renewal and the letting go of a dead
holder come from `pexip_engage_client/_leasing`. A scan of the hand-written modules outside it fails on a second one
creeping back: a liveness check or holder name of its own, a lease length written as a number, a renewal every third
computed by hand, or a lease backend defined elsewhere."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

from pexip_engage_client._leasing import _holders
from pexip_engage_client._limiting._redis_limits import RedisLimits
from pexip_engage_client.webhooks import WebhookReceiver

ROOT = Path(__file__).resolve().parents[2]
ROOM = ROOT / "pexip_engage_client" / "_leasing"
_LEASE_NAME = re.compile(r"lease|LEASE|Lease")
# The one room's helpers and types: defined nowhere else.
_ROOM_DEFINITIONS = {
    "dead", "new_holder", "_host", "host", "new_token", "Terms", "Held", "Busy", "LeaseLostError",
    "LeaseUnreachableError", "LeaseBackend", "FileLeases", "RemoteLeases", "RedisLeases", "PostgresLeases",
    "leases_at", "lease_seconds", "lease_seconds_for", "prepare_lease_state",
}  # fmt: skip


def _modules() -> list[Path]:
    """The hand-written modules outside the room (the generated code and the sync twins follow their sources)."""
    found = []
    for package in ("pexip_engage_client", "pexip_engage_cli"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = set(path.relative_to(ROOT).parts)
            if ROOM in path.parents or "_generated" in parts or "_sync" in parts:
                continue
            found.append(path)
    return found


def _numbers_in(node: ast.AST) -> list[float]:
    """The numbers written in `node`, but for nothing (0) and the milliseconds in a second (a unit, not a length)."""
    return [
        leaf.value
        for leaf in ast.walk(node)
        if isinstance(leaf, ast.Constant)
        and isinstance(leaf.value, int | float)
        and not isinstance(leaf.value, bool)
        and leaf.value not in (0, 1000)
    ]


def _names_in(node: ast.AST) -> str:
    return " ".join(
        leaf.id if isinstance(leaf, ast.Name) else leaf.attr
        for leaf in ast.walk(node)
        if isinstance(leaf, ast.Name | ast.Attribute)
    )


def second_concepts(path: Path) -> list[str]:
    """What in `path` is a lease concept of its own: each as `file:line: what`."""
    tree = ast.parse(path.read_text(), str(path))
    text = path.read_text()
    where = path.relative_to(ROOT)
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.name in _ROOM_DEFINITIONS:
            found.append(f"{where}:{line}: defines {node.name}, the lease room's")
        # A lease length written as a number (`LEASE = 60.0`, `lease = 60.0 + quiet`), not taken from a `Terms`.
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            named = " ".join(_names_in(target) for target in targets)
            if _LEASE_NAME.search(named) and _numbers_in(node.value) and not _holders_terms_used(node.value):
                found.append(f"{where}:{line}: a lease length of its own ({named} = {ast.unparse(node.value)})")
        # A renewal cadence by hand: `lease / 3`.
        divided = isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and isinstance(node.right, ast.Constant)
        if divided and _LEASE_NAME.search(_names_in(node.left)):  # type: ignore[attr-defined]
            found.append(f"{where}:{line}: renews by hand ({ast.unparse(node)})")
        # A liveness check of its own: signal 0 to a process number.
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "os.kill" and ast.unparse(node.args[-1]) == "0":
            found.append(f"{where}:{line}: a liveness check of its own ({ast.unparse(node)})")
        # A holder's name of its own: a process number in an f-string.
        if isinstance(node, ast.JoinedStr) and "os.getpid()" in ast.unparse(node):
            found.append(f"{where}:{line}: a holder name of its own ({ast.unparse(node)})")
    if "/proc/self/ns/pid" in text:
        found.append(f"{where}: reads the PID namespace (the room's `host`)")
    return found


def _holders_terms_used(value: ast.AST) -> bool:
    """Whether `value` takes its length from one of the room's kinds (`MIRROR_CLAIM.seconds + quiet`)."""
    kinds = {name for name, kind in vars(_holders).items() if isinstance(kind, _holders.Terms)}
    return any(isinstance(leaf, ast.Name) and leaf.id in kinds for leaf in ast.walk(value))


def test_no_module_outside_the_room_has_a_lease_concept_of_its_own() -> None:
    found = [line for path in _modules() for line in second_concepts(path)]
    assert found == [], "\n".join(found)


def test_the_scan_finds_each_kind_of_second_lease(tmp_path: Path) -> None:
    """The scan can fail: the old helpers, as they were before the room, are each found."""
    planted = ROOT / "pexip_engage_client" / "_planted_for_the_scan.py"
    planted.write_text(
        "import os, uuid\n"
        "LEASE = 60.0\n"
        "def dead(holder):\n    os.kill(int(holder), 0)\n"
        "owner = f'{os.getpid()}-{uuid.uuid4().hex}'\n"
        "async def renew(lease, sleep):\n    lease_seconds = 10.0\n    await sleep(lease / 3)\n"
        "NAMESPACE = '/proc/self/ns/pid'\n"
    )
    try:
        found = second_concepts(planted)
    finally:
        planted.unlink()
    kinds = {line.split(": ", 1)[1].split(" (")[0].split(",")[0] for line in found}
    assert kinds == {
        "defines dead",
        "a lease length of its own",
        "a liveness check of its own",
        "a holder name of its own",
        "renews by hand",
        "reads the PID namespace",
    }, found
    assert sum("a lease length of its own" in line for line in found) == 2


def test_the_public_defaults_are_the_rooms_lengths() -> None:
    """A public signature shows its default as a number: it must be the room's."""
    lease = inspect.signature(WebhookReceiver.__init__).parameters["lease"].default
    assert lease == _holders.EVENT_CLAIM.seconds
    assert inspect.signature(RedisLimits.__init__).parameters["lease_seconds"].default == _holders.SLOT.seconds
