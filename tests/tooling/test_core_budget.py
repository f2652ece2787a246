"""The request core is what a call needs: at most 9,300 hand-written lines (issue 98, point 7).

Counted as issue 90 counted it, with `wc -l`: every hand-written module of pexip_engage_client (the generated layer and
the sync twins aside) that belongs to a room of architecture.toml's `core`. The features' rooms, the rooms a call loads
only when asked for (`on_demand`: the shared backends, leases and the like) and the rooms built on the public client
(webhooks, the mirror, provisioning, testing) are not the core. A module added to a core room counts at once, and so
does one no room names (it falls to the facade's room, which claims the package's root).
"""

from __future__ import annotations

from pathlib import Path

from ..support.spec import ROOT
from .test_architecture import ARCHITECTURE, module_of, room_of

CEILING = 9_300  # issue 98 (13,144 before the shared ground, listeners, one-shot sender, views and local times left)


def core_modules() -> dict[str, int]:
    """Each module of the request core, by path, with its lines."""
    core = set(ARCHITECTURE["core"])
    found: dict[str, int] = {}
    for path in sorted((ROOT / "pexip_engage_client").rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "_generated" in parts or "_sync" in parts:
            continue
        if room_of(module_of(path)) in core:
            found[str(Path(*parts))] = len(path.read_bytes().splitlines())
    return found


def test_the_request_core_stays_within_its_lines() -> None:
    modules = core_modules()
    biggest = sorted(modules.items(), key=lambda item: -item[1])[:10]
    assert sum(modules.values()) <= CEILING, f"{sum(modules.values())} lines; the biggest: {biggest}"


def test_the_count_takes_a_core_module_and_leaves_the_rest() -> None:
    modules = core_modules()
    assert "pexip_engage_client/_pipeline/_request.py" in modules
    assert "pexip_engage_client/_client.py" in modules
    assert not any("/_generated/" in path or "/_sync/" in path for path in modules)
    assert not any(path.startswith("pexip_engage_client/mirror/") for path in modules)
