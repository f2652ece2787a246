"""What one call of a default client loads: at most 7,500 hand-written lines (issue 98, point 7).

Two reads by `PexipEngage(token=...)`, against the fake served from another process (as the API is), in a fresh
interpreter; then the lines of every module of pexip_engage_client it loaded, the generated layer aside. What nothing
asks for loads on first use (telemetry while nothing listens, local times, spec drift, OAuth for a token, display
helpers, the errors' mapping, the shared backends, the command line's one-shot sender): a module made to load again
with every call fails here, and the report says what was loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ..support.served_fake import serving
from ..support.spec import ROOT

# A program of its own, and the fake in another: an interpreter and a server (tests/support/spawn_guard.py).
pytestmark = [pytest.mark.end_to_end, pytest.mark.slow]

BUDGET = 7_500  # hand-written lines one call of a default client loads (9,355 before issue 98)

_TWO_READS = """
import asyncio, json, sys
from pexip_engage_client import PexipEngage

async def main():
    async with PexipEngage(token="t", enterprise="acme", base_url=sys.argv[1]) as engage:
        await engage.appointments.get_appointments()
        await engage.employees.get_employees()

asyncio.run(main())
print(json.dumps(sorted(m.__file__ for m in list(sys.modules.values()) if getattr(m, "__file__", None))))
"""


def loaded_by_two_reads(url: str, *setup: str) -> dict[str, int]:
    """The lines of each hand-written module of the package a fresh interpreter loads for two reads (after `setup`)."""
    program = "\n".join(setup) + _TWO_READS
    ran = subprocess.run(
        [sys.executable, "-c", program, url], capture_output=True, text=True, timeout=120, check=False, cwd=ROOT
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    package = ROOT / "pexip_engage_client"
    files = [Path(name) for name in json.loads(ran.stdout.strip().splitlines()[-1])]
    return {
        str(path.relative_to(package)): len(path.read_text(encoding="utf-8").splitlines())
        for path in files
        if path.is_relative_to(package) and "_generated" not in path.relative_to(package).parts
    }


def test_one_call_of_a_default_client_loads_at_most_the_budget() -> None:
    with serving() as (url, _):
        loaded = loaded_by_two_reads(url)
    heaviest = ", ".join(f"{name} {lines}" for name, lines in sorted(loaded.items(), key=lambda row: -row[1])[:10])
    assert sum(loaded.values()) <= BUDGET, f"{sum(loaded.values())} lines in {len(loaded)} modules; {heaviest}"
    # What a default call needs none of (each checked by name, so that the budget's slack hides none of them).
    for lazy in ("_listening/_logging.py", "_listening/_hooks.py", "_listening/_calls.py", "_listening/_listeners.py",
                 "_drift/_spec_drift.py", "_pipeline/_oauth.py", "_pipeline/_error_mapping.py", "_shared/postgres.py",
                 "_shared/_redis.py", "_one_shot/_sender.py", "_views/_models.py", "_views/_pages.py",
                 "_local_times/_wall_clock.py",
                 "times.py"):  # fmt: skip
        assert lazy not in loaded, lazy


def test_the_measure_sees_what_a_listener_loads() -> None:
    # The check above can fail: with a logger at INFO the same two reads load the log and the calls' streams.
    with serving() as (url, _):
        loaded = loaded_by_two_reads(url, "import logging", "logging.getLogger('pexip_engage_client').setLevel('INFO')")
    assert {"_listening/_logging.py", "_listening/_calls.py", "_listening/_listeners.py"} <= set(loaded)
