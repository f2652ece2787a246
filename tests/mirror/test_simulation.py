"""The seeded simulation of the mirror on several hosts (tests/support/mirror_simulation.py): it holds, and it
finds the new-row race and the gone resurrection when either is put back."""

from __future__ import annotations

from typing import Any

import pytest

from pexip_engage_client.mirror import _tables
from pexip_engage_client.mirror._rows import Decision, MirroredAppointment, decide

from ..support.mirror_simulation import SimulatedDialect, Simulation, SimulationFailedError

SEEDS = range(12)  # each of 250 steps, checked after each: a few seconds
STEPS = 250


@pytest.mark.slow  # every step of every seed
def test_the_table_and_the_log_hold_against_the_api_after_every_step_of_every_seed() -> None:
    for seed in SEEDS:
        Simulation(seed).run(STEPS)


def _found(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the seeds find, up to the first (the bug put back is found within the seeds the suite runs)."""
    for seed in SEEDS:
        try:
            Simulation(seed).run(STEPS)
        except SimulationFailedError as failure:
            return [str(failure)]
    return []


def test_it_finds_the_new_row_race_put_back(monkeypatch: pytest.MonkeyPatch) -> None:
    # As before issue 96: nothing locks an appointment without a row, and the write overwrites whatever is there.
    monkeypatch.setattr(SimulatedDialect, "lock_ids", lambda self, statements, ids: None)
    overwrite = _tables._INSERT.replace(
        "DO NOTHING",
        "DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at, document = excluded.document,"
        " gone_at = excluded.gone_at, read_at = excluded.read_at, sequence = excluded.sequence",
    )
    monkeypatch.setattr(_tables, "_INSERT", overwrite)
    found = _found(monkeypatch)
    assert any("creation logged twice" in failure for failure in found), found


def test_it_finds_the_gone_resurrection_put_back(monkeypatch: pytest.MonkeyPatch) -> None:
    # As before issue 96: any read of a gone row brings it back, whenever it was asked.
    def unordered(existing: MirroredAppointment | None, read: MirroredAppointment | str, asked_at: Any) -> Decision:
        if existing is not None and existing.gone_at is not None and not isinstance(read, str):
            return Decision("back", read)
        return decide(existing, read, asked_at)

    monkeypatch.setattr(_tables, "decide", unordered)
    found = _found(monkeypatch)
    assert any("went back" in failure for failure in found), found
