"""The drift fuzzer (issue 75, point 4): each field a feature reads (docs/feature-fields.yaml), planted
absent, null and of another JSON type in the fake's answers, and the feature run: it does its job or
refuses with its documented error naming the field, never anything else (tests/support/drift.py).

`make check` runs a fixed sample of the pairs; `make test` runs them all. `python -m tests.support.drift`
prints the counts (docs/spec-drift.md shows them from a run).
"""

from __future__ import annotations

import httpx2
import pytest

from pexip_engage_client import errors
from pexip_engage_client.testing import FakePexipEngage

from ..support import drift
from ..support.clients import TOKEN
from ..support.drift import DriftingTransport, Outcome, Pair, Run, classified
from ..support.rewriting import plant

SAMPLE = 36  # pairs in `make check`: a few seconds


@pytest.fixture(autouse=True)
def _lenient(monkeypatch: pytest.MonkeyPatch) -> None:
    """Answers read leniently, as in use: the suite reads strictly (tests/conftest.py)."""
    monkeypatch.setenv("PEXIP_ENGAGE_STRICT_RESPONSES", "0")


def _judged(outcomes: list[Outcome]) -> None:
    wrong = [outcome for outcome in outcomes if outcome.outcome == "wrong"]
    assert not wrong, drift.report(outcomes)


async def test_a_fixed_sample_of_pairs_does_its_job_or_refuses() -> None:
    _judged(await drift.run_pairs(drift.sample(SAMPLE)))


@pytest.mark.soak  # every pair: a long run; make check runs a fixed sample
async def test_every_pair_does_its_job_or_refuses() -> None:
    _judged(await drift.run_pairs(drift.pairs()))


def test_every_feature_of_the_list_has_a_scenario() -> None:
    assert {pair.feature for pair in drift.pairs()} <= set(drift.SCENARIOS)


def test_the_sample_is_fixed_and_spans_the_features() -> None:
    assert drift.sample(SAMPLE) == drift.sample(SAMPLE)
    assert len(drift.sample(SAMPLE)) == min(SAMPLE, len(drift.pairs()))
    assert len({pair.kind for pair in drift.sample(SAMPLE)}) == 3


# --- the harness itself -----------------------------------------------------------------------------


def test_a_difference_is_planted_at_every_item_of_a_pointer() -> None:
    document = {"data": [{"end": "2026-01-01T10:00:00Z"}, {"end": "x"}, {}], "meta": {"totalCount": 3}}
    assert plant(document, "/data/*/end", "missing") == 2
    assert document["data"] == [{}, {}, {}]
    assert plant(document, "/meta/totalCount", "type") == 1
    assert document["meta"] == {"totalCount": "drifted"}
    assert plant(document, "/meta/totalCount", "type") == 1
    assert document["meta"] == {"totalCount": 7}  # text becomes a number
    assert plant(document, "/meta/totalCount", "null") == 1
    assert document["meta"] == {"totalCount": None}
    assert plant(document, "/meta/nothing", "null") == 0
    assert plant(document, "/data/*/end/deeper", "null") == 0


async def test_the_transport_changes_only_the_answers_of_its_operation() -> None:
    fake = FakePexipEngage()
    fake.add_appointment()
    fake.add_employee()
    transport = DriftingTransport(fake, "getAppointments", "/meta/totalCount", "missing")
    async with httpx2.AsyncClient(transport=transport, base_url="https://api.test/enterprises/acme") as http:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        appointments = (await http.get("/appointments", headers=headers)).json()
        employees = (await http.get("/employees", headers=headers)).json()
    assert "totalCount" not in appointments["meta"]
    assert employees["meta"]["totalCount"] == 1
    assert transport.planted == 1


async def test_a_run_is_works_refused_or_wrong_as_its_end_says() -> None:
    pair = Pair("walks", "getAppointments", "/meta/totalCount", "missing")
    run = Run(pair)
    assert classified(pair, run, None).why.startswith("never planted")  # nothing met: the scenario's fault
    run.drifted.planted = 1
    assert classified(pair, run, None).outcome == "works"
    named = errors.UnusableAnswerError(
        feature="walks", operation="getAppointments", pointer=pair.pointer, kind="missing", needed="to walk"
    )
    assert classified(pair, run, named).outcome == "refused"
    other = errors.UnusableAnswerError(
        feature="walks", operation="getAppointments", pointer="/data", kind="missing", needed="to walk"
    )
    assert classified(pair, run, other).outcome == "wrong"  # a refusal naming another field
    assert classified(pair, run, KeyError("totalCount")).outcome == "wrong"
    assert classified(pair, run, drift.Wrong("3 of 5 items")).why == "3 of 5 items"


@pytest.mark.slow
async def test_an_undrifted_run_of_each_scenario_works() -> None:
    """Each scenario's oracle holds when nothing differs: a wrong outcome is the feature's, not the harness's."""
    for feature in sorted(drift.SCENARIOS):
        operation = {
            "ensure": "getAppointments",
            "reconcile": "getAppointments",
            "mirror": "getAppointments",
            "free_busy": "getAppointments",
            "cli": "getEmployees",
            "spec_check": "getAppointments",
            "provisioning": "getEmployees",
            "mcp": "getEmployees",
            "errors": "getAppointments",
            "oauth": "token",
            "walks": "getEmployees",
        }[feature]
        run = Run(Pair(feature, operation, "/nothing/here", "missing"))
        await drift.SCENARIOS[feature](run)  # raises Wrong (or anything) when its oracle fails undrifted
        assert run.drifted.planted == 0
