"""`ensure_*`: creates keyed by `externalId` that are safe to retry, against the fake's scripted faults.

The fault runs are the issue's proof: 1,000 runs for each of commit-then-drop, a 504 after the
commit and a timeout before the commit leave exactly one appointment per external id and raise
nothing. They run in process (the fake as the transport, the limits lifted on both sides), with a
fixed seed for the retry jitter, in a few seconds.
"""

from __future__ import annotations

import asyncio
import importlib
import pickle
import random
import re
from collections import Counter
from collections.abc import AsyncIterator
from functools import cached_property
from typing import Any

import httpx2
import pytest

from pexip_engage_client import (
    Ensured,
    EnsureEvent,
    EnsureOutcome,
    ErrorCode,
    Governor,
    PexipEngage,
    RetryPolicy,
    errors,
)
from pexip_engage_client._ensuring._ensure_identity import KINDS
from pexip_engage_client._generated.api import Resources
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.ensure_bodies import APPOINTMENT, seed_references
from ..support.spec import read_spec


def seeded(fake: FakePexipEngage) -> FakePexipEngage:
    return seed_references(fake)


@pytest.fixture
def unlimited_fake() -> FakePexipEngage:
    return seeded(FakePexipEngage(max_in_flight=None, per_minute=None))


@pytest.fixture
async def fast(unlimited_fake: FakePexipEngage) -> AsyncIterator[PexipEngage]:
    """A client for many runs: no limits, and retries that wait a millisecond."""
    async with PexipEngage(
        "acme",
        token=TOKEN,
        transport=unlimited_fake,
        governor=Governor.unlimited(min_retries=10_000),
        retry=RetryPolicy(initial_delay=0.001, max_delay=0.001),
    ) as client:
        yield client


def posts(fake: FakePexipEngage) -> int:
    return len(fake.calls_to("createAppointment"))


def by_external_id(fake: FakePexipEngage) -> Counter[str]:
    return Counter(str(item["externalId"]) for item in fake.appointments.values() if item.get("externalId"))


# --- What qualifies ------------------------------------------------------------------------------


def test_every_create_with_an_external_id_and_a_look_up_by_it_has_an_ensure() -> None:
    """The table of ensures is the spec's: a POST whose body has `externalId`, and a list of the same
    collection (an action's too: /appointments/_actions/invite) filtering by `external-id`."""
    spec = read_spec()
    schemas = spec["components"]["schemas"]

    def properties(schema: dict[str, Any]) -> set[str]:
        if "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
        return set(schema.get("properties", {}))

    def parameter_names(operation: dict[str, Any]) -> set[str]:
        parameters = spec["components"]["parameters"]
        return {
            (parameters[p["$ref"].rsplit("/", 1)[1]] if "$ref" in p else p)["name"]
            for p in operation.get("parameters", [])
        }

    lookups = {
        path: item["get"]["operationId"]
        for path, item in spec["paths"].items()
        if "get" in item and "external-id" in parameter_names(item["get"])
    }
    qualifying = {}
    for path, item in spec["paths"].items():
        create = item.get("post")
        if create is None or "requestBody" not in create:
            continue
        body = next(iter(create["requestBody"]["content"].values()))["schema"]
        collection = path.split("/_actions/")[0]
        if "externalId" in properties(body) and collection in lookups:
            qualifying[create["operationId"]] = lookups[collection]
    assert set(qualifying) == {
        "createAppointment",
        "createAppointmentInvite",
        "createEmployee",
        "createSubjectGroup",
        "createMeetingRoom",
    }

    def snake(operation_id: str) -> str:
        return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()

    # the generated ensures (templates/endpoint_init.py.jinja), and what identifies what each makes (_ensure.py)
    tags = [name for name, value in vars(Resources).items() if isinstance(value, cached_property)]
    generated = {name for tag in tags for name in dir(_resource_class(tag)) if name.startswith("ensure_")}
    assert generated == {"ensure_" + snake(operation_id).removeprefix("create_") for operation_id in qualifying}
    assert {kind.create: kind.lookup for kind in KINDS.values()} == {
        snake(create): snake(lookup) for create, lookup in qualifying.items()
    }


# --- Created, found, refused ---------------------------------------------------------------------


async def test_a_first_ensure_creates_and_a_second_finds_without_sending(
    fast: PexipEngage, unlimited_fake: FakePexipEngage
) -> None:
    fake = unlimited_fake
    first = await fast.appointments.ensure_appointment(APPOINTMENT)
    assert isinstance(first, Ensured)
    assert first.outcome is EnsureOutcome.CREATED
    assert first.external_id == "CRM-1"
    assert first.resource.external_id == "CRM-1"
    # the same booking, written another way: the model, an offset instead of Z
    again = await fast.appointments.ensure_appointment({**APPOINTMENT, "start": "2026-03-01T11:00:00+01:00"})
    assert (again.outcome, again.resource.id) == (EnsureOutcome.FOUND, first.resource.id)
    assert posts(fake) == 1


async def test_an_ensure_without_an_external_id_is_refused_naming_the_body_path(
    fast: PexipEngage, unlimited_fake: FakePexipEngage
) -> None:
    fake = unlimited_fake
    for body in ({k: v for k, v in APPOINTMENT.items() if k != "externalId"}, {**APPOINTMENT, "externalId": None}):
        with pytest.raises(ValueError, match=r"body\.externalId"):
            await fast.appointments.ensure_appointment(body)
    for wrong in (-1, float("nan"), float("inf"), True, "10"):
        with pytest.raises(ValueError, match="reconcile_within"):
            await fast.appointments.ensure_appointment(APPOINTMENT, reconcile_within=wrong)  # type: ignore[arg-type]
    assert fake.calls == []


async def test_a_conflicting_second_ensure_sends_no_post(fast: PexipEngage, unlimited_fake: FakePexipEngage) -> None:
    fake = unlimited_fake
    created = (await fast.appointments.ensure_appointment(APPOINTMENT)).resource
    conflicting = {
        **APPOINTMENT,
        "start": "2026-03-02T10:00:00Z",
        "officeId": "office-4",
        "appointmentParticipants": [{"role": "PRIMARY", "participantId": "customer-2", "type": "CUSTOMER"}],
    }
    with pytest.raises(errors.ExternalIdConflictError) as caught:
        await fast.appointments.ensure_appointment(conflicting)
    assert posts(fake) == 1  # the first ensure's only
    error = caught.value
    assert (error.external_id, error.existing_id) == ("CRM-1", created.id)
    assert error.differences == ("start", "office", "primary participants")
    assert "nothing was sent" in str(error)
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert (type(copy), str(copy), copy.differences) == (type(error), str(error), error.differences)


async def test_several_matches_raise_naming_them_and_send_nothing(
    fast: PexipEngage, unlimited_fake: FakePexipEngage
) -> None:
    fake = unlimited_fake
    ids = [fake.add_appointment(externalId="CRM-1")["id"] for _ in range(2)]
    with pytest.raises(errors.DuplicateExternalIdError) as caught:
        await fast.appointments.ensure_appointment(APPOINTMENT)
    assert set(caught.value.ids) == set(ids)
    assert all(id_ in str(caught.value) for id_ in ids)
    assert posts(fake) == 0
    copy = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 - our own bytes
    assert (type(copy), copy.ids) == (errors.DuplicateExternalIdError, caught.value.ids)


async def test_a_refused_create_is_an_ensure_error_naming_the_id_with_the_refusal_as_its_cause(
    fast: PexipEngage, unlimited_fake: FakePexipEngage
) -> None:
    fake = unlimited_fake
    fake.fail("createAppointment", code="APPOINTMENT_NO_AVAILABILITY")
    with pytest.raises(errors.EnsureRefusedError) as caught:
        await fast.appointments.ensure_appointment(APPOINTMENT)
    refused = caught.value
    assert isinstance(refused.__cause__, errors.BusinessValidationError)
    assert (refused.external_id, refused.may_have_created, refused.status_code) == ("CRM-1", False, 422)
    assert refused.codes == ["ENSURE_REFUSED", ErrorCode.APPOINTMENT_NO_AVAILABILITY]
    assert "'CRM-1'" in str(refused)
    assert "Nothing was created by this call" in str(refused)
    assert by_external_id(fake) == Counter()


async def test_the_outcome_reaches_the_span_and_the_ensure_hook(unlimited_fake: FakePexipEngage) -> None:
    seen: list[EnsureEvent] = []
    async with PexipEngage(
        "acme", token=TOKEN, transport=unlimited_fake, event_hooks={"ensure": [seen.append]}
    ) as engage:
        created = await engage.appointments.ensure_appointment(APPOINTMENT)
        await engage.appointments.ensure_appointment(APPOINTMENT)
        unlimited_fake.fail("createAppointment", status=504, commit=True)
        await engage.appointments.ensure_appointment({**APPOINTMENT, "externalId": "CRM-2"})
    assert [(e.operation, e.outcome, e.external_id) for e in seen] == [
        ("appointments.ensure_appointment", "created", "CRM-1"),
        ("appointments.ensure_appointment", "found", "CRM-1"),
        ("appointments.ensure_appointment", "reconciled", "CRM-2"),
    ]
    assert seen[0].resource_id == created.resource.id


# --- Lost answers --------------------------------------------------------------------------------

FAULTS: dict[str, dict[str, Any]] = {
    "commit-then-drop": {"disconnect": True, "commit": True},
    "504-after-commit": {"status": 504, "commit": True},
    "timeout-before-commit": {"delay": 1.0},
}


@pytest.mark.slow
@pytest.mark.parametrize("mode", sorted(FAULTS))
async def test_two_hundred_lost_answers_leave_exactly_one_appointment_per_external_id(
    fast: PexipEngage, unlimited_fake: FakePexipEngage, mode: str
) -> None:
    # One at a time, each on an id of its own: every run takes the same path, and the seeded retry jitter
    # varies its pauses; more runs would repeat, not widen, what is proven.
    random.seed(54)  # the retry jitter
    fake = unlimited_fake
    # The fake, silent past the read timeout, answers nothing for that long (in memory, only the
    # scripted silence waits for the read timeout): a short one makes the timeouts take a moment,
    # while every call keeps seconds to be done in. The look-up after the timeout sees that nothing
    # landed, and the create is sent again.
    timeout = httpx2.Timeout(5.0, read=0.001)
    options: dict[str, Any] = {"timeout": timeout, "reconcile_within": 0.0} if "timeout" in mode else {}
    outcomes: Counter[EnsureOutcome] = Counter()
    runs = 200
    for run in range(runs):
        fake.fail("createAppointment", **FAULTS[mode])
        result = await fast.appointments.ensure_appointment({**APPOINTMENT, "externalId": f"CRM-{run}"}, **options)
        assert result.resource.external_id == f"CRM-{run}"
        outcomes[result.outcome] += 1
    assert by_external_id(fake) == Counter({f"CRM-{run}": 1 for run in range(runs)})
    expected = EnsureOutcome.CREATED if "timeout" in mode else EnsureOutcome.RECONCILED
    assert outcomes == Counter({expected: runs})
    assert posts(fake) == (2 * runs if "timeout" in mode else runs)


async def test_a_lost_answer_with_no_retries_left_raises_and_creates_nothing_more(
    fast: PexipEngage, unlimited_fake: FakePexipEngage
) -> None:
    fake = unlimited_fake
    fake.fail("createAppointment", delay=1.0)
    with pytest.raises(errors.EnsureNoAnswerError) as caught:
        await fast.appointments.ensure_appointment(
            APPOINTMENT, timeout=httpx2.Timeout(5.0, read=0.001), reconcile_within=0.0, max_retries=0
        )
    assert (posts(fake), by_external_id(fake)) == (1, Counter())
    assert_no_answer(caught.value, errors.APITimeoutError, may_have_created=True)


def assert_no_answer(error: errors.EnsureNoAnswerError, cause: type[Exception], *, may_have_created: bool) -> None:
    """One error family (issue 59, point 4): an APIError naming the id, whether a create may have
    landed, the API's root, the failure as its cause; and it pickles as itself."""
    assert isinstance(error, errors.APIError)
    assert isinstance(error.__cause__, cause)
    assert (error.external_id, error.may_have_created, error.codes) == ("CRM-1", may_have_created, ["ENSURE_NO_ANSWER"])
    assert error.url == "https://api.pexipengage.com/enterprises/acme"
    assert "'CRM-1'" in str(error)
    said = "may have made it" if may_have_created else "Nothing was created by this call"
    assert said in str(error)
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert (type(copy), str(copy), vars(copy)) == (type(error), str(error), vars(error))


async def test_a_lost_post_answer_raises_no_answer_saying_the_create_may_have_happened(
    fast: PexipEngage, unlimited_fake: FakePexipEngage
) -> None:
    """The create's connection breaks after it landed, the look-ups after it fail too: the ensure
    cannot tell, and says a create may have landed (it did: one appointment)."""
    fake = unlimited_fake
    looks: list[int] = []

    def blind_after_the_first(enterprise: Any, query: Any) -> None:
        looks.append(1)
        if len(looks) == 1:  # the first look-up answers (nothing yet); the polls after the lost answer fail
            fake.fail("getAppointments", disconnect=True, times=100)

    fake.before_list("getAppointments", blind_after_the_first)
    fake.fail("createAppointment", disconnect=True, commit=True)
    with pytest.raises(errors.EnsureNoAnswerError) as caught:
        await fast.appointments.ensure_appointment(APPOINTMENT, reconcile_within=0.2)
    assert_no_answer(caught.value, errors.APIConnectionError, may_have_created=True)
    assert (posts(fake), by_external_id(fake)) == (1, Counter({"CRM-1": 1}))


async def test_a_failed_look_up_raises_no_answer_saying_nothing_was_created(
    fast: PexipEngage, unlimited_fake: FakePexipEngage
) -> None:
    fake = unlimited_fake
    fake.fail("getAppointments", disconnect=True, times=100)
    with pytest.raises(errors.EnsureNoAnswerError) as caught:
        await fast.appointments.ensure_appointment(APPOINTMENT, max_retries=1)
    assert_no_answer(caught.value, errors.APIConnectionError, may_have_created=False)
    assert "its look-up got no answer" in str(caught.value)
    assert (posts(fake), by_external_id(fake)) == (0, Counter())


async def test_the_look_up_is_polled_until_the_create_shows(fast: PexipEngage, unlimited_fake: FakePexipEngage) -> None:
    """An answer lost while the create was still under way: the look-ups see it once it lands."""
    fake = unlimited_fake
    looked: list[int] = []

    def late_commit(enterprise: Any, query: Any) -> None:
        looked.append(1)
        if len(looked) == 3:  # the initial look-up, one poll that sees nothing, then the create lands
            enterprise.add_appointment(**{**_stored(APPOINTMENT), "externalId": "CRM-1"})

    fake.before_list("getAppointments", late_commit)
    fake.fail("createAppointment", status=502)
    result = await fast.appointments.ensure_appointment(APPOINTMENT)
    assert (result.outcome, len(looked), posts(fake)) == (EnsureOutcome.RECONCILED, 3, 1)
    assert by_external_id(fake) == Counter({"CRM-1": 1})


async def test_a_failure_before_sending_is_not_reconciled(fast: PexipEngage, unlimited_fake: FakePexipEngage) -> None:
    """A 500 is the API's own answer: not ambiguous, raised at once, with one POST."""
    fake = unlimited_fake
    fake.fail("createAppointment", status=500)
    with pytest.raises(errors.EnsureRefusedError) as caught:
        await fast.appointments.ensure_appointment(APPOINTMENT)
    assert isinstance(caught.value.__cause__, errors.ServerError)
    assert caught.value.status_code == 500
    assert len(fake.calls_to("getAppointments")) == 1


async def test_concurrent_ensures_of_one_external_id_in_one_client_create_one(
    fast: PexipEngage, unlimited_fake: FakePexipEngage
) -> None:
    fake = unlimited_fake
    results = await asyncio.gather(*(fast.appointments.ensure_appointment(APPOINTMENT) for _ in range(20)))
    assert Counter(result.outcome for result in results) == Counter({EnsureOutcome.CREATED: 1, EnsureOutcome.FOUND: 19})
    assert (posts(fake), by_external_id(fake)) == (1, Counter({"CRM-1": 1}))


# --- The other ensures ---------------------------------------------------------------------------


async def test_an_employee_whose_external_id_is_taken_after_a_lost_answer_is_fetched(
    fast: PexipEngage, unlimited_fake: FakePexipEngage
) -> None:
    """EMPLOYEE_EXTERNAL_ID_ALREADY_IN_USE after a lost answer: the first create landed."""
    fake = unlimited_fake
    body = {"email": "ada@example.com", "externalId": "HR-7", "firstName": "Ada"}
    lookups: list[int] = []

    def blind_after_the_first(enterprise: Any, query: Any) -> None:
        lookups.append(1)
        if len(lookups) == 1:  # the reconciling look-up fails (both attempts): only Engage's own check can tell
            fake.fail("getEmployees", status=500, times=2)

    fake.before_list("getEmployees", blind_after_the_first)
    fake.fail("createEmployee", disconnect=True, commit=True)
    result = await fast.employees.ensure_employee(body, reconcile_within=0.0, max_retries=1)
    assert result.outcome is EnsureOutcome.RECONCILED
    assert (result.resource.email, result.resource.external_id) == ("ada@example.com", "HR-7")
    answers = [call.response and call.response.status_code for call in fake.calls_to("createEmployee")]
    assert answers == [None, 422]  # dropped (after the commit), then refused: the id is taken
    assert [e["externalId"] for e in fake.employees.values()].count("HR-7") == 1


async def test_an_employee_with_the_external_id_and_another_email_conflicts(
    fast: PexipEngage, unlimited_fake: FakePexipEngage
) -> None:
    fake = unlimited_fake
    fake.add_employee(email="grace@example.com", externalId="HR-8")
    found = await fast.employees.ensure_employee({"email": "GRACE@example.com", "externalId": "HR-8"})
    assert found.outcome is EnsureOutcome.FOUND
    with pytest.raises(errors.ExternalIdConflictError, match="email"):
        await fast.employees.ensure_employee({"email": "hopper@example.com", "externalId": "HR-8"})
    assert fake.calls_to("createEmployee") == []


async def test_subject_groups_meeting_rooms_and_invites_are_ensured_too(fast: PexipEngage) -> None:
    group = {"externalId": "SG-1", "translations": {"name": [{"language": "en", "value": "Loans"}]}}
    room = {"externalId": "MR-1", "email": "room@example.com", "name": "Room 1"}
    invite = {k: v for k, v in APPOINTMENT.items() if k not in ("start", "end")} | {"externalId": "INV-1"}
    for ensure, body in (
        (fast.subject_groups.ensure_subject_group, group),
        (fast.meeting_rooms.ensure_meeting_room, room),
        (fast.appointments.ensure_appointment_invite, invite),
    ):
        first, second = await ensure(body), await ensure(body)
        assert (first.outcome, second.outcome) == (EnsureOutcome.CREATED, EnsureOutcome.FOUND)
        assert first.resource.id == second.resource.id


def _resource_class(tag: str) -> type:
    module = importlib.import_module(f"pexip_engage_client._generated.api.{tag}")
    resource: type = getattr(module, "".join(part.title() for part in tag.split("_")) + "Resource")
    return resource


def _stored(body: dict[str, Any]) -> dict[str, Any]:
    """APPOINTMENT as the fake stores an appointment (references rather than ids)."""
    return {
        "start": body["start"],
        "end": body["end"],
        "subject": {"id": body["subjectId"]},
        "office": {"id": body["officeId"]},
        "meetingType": body["meetingType"],
        "appointmentParticipants": [
            {"role": p["role"], "type": p["type"], "participant": {"id": p["participantId"]}}
            for p in body["appointmentParticipants"]
        ],
    }


async def test_an_employee_refused_for_an_email_someone_else_has_is_raised_at_once(
    fast: PexipEngage, unlimited_fake: FakePexipEngage
) -> None:
    unlimited_fake.add_employee(email="taken@example.com", externalId="HR-other")
    started = asyncio.get_running_loop().time()
    with pytest.raises(errors.EnsureRefusedError) as caught:
        await fast.employees.ensure_employee({"email": "taken@example.com", "externalId": "HR-mine"})
    assert isinstance(caught.value.__cause__, errors.BusinessValidationError)
    assert caught.value.codes == ["ENSURE_REFUSED", "EMPLOYEE_EMAIL_ALREADY_IN_USE"]
    assert asyncio.get_running_loop().time() - started < 5  # one look, not the reconcile window
    assert len(unlimited_fake.calls_to("getEmployees")) == 2  # before the create, and once after its refusal


# --- Every error an ensure raises is an EnsureError (issue 69, point 3) ---------------------------


async def test_429s_are_ridden_out_within_the_calls_time(unlimited_fake: FakePexipEngage) -> None:
    """A 429 processed nothing: the look-up and the create are sent again after its Retry-After, past
    the request's own retries, while the call's time lasts (the shared limits down: every process
    takes the whole allowance)."""
    fake = unlimited_fake
    fake.fail("getAppointments", status=429, retry_after=0.05, times=2)
    fake.fail("createAppointment", status=429, retry_after=0.05, times=3)
    async with PexipEngage("acme", token=TOKEN, transport=fake, max_retries=0, timeout=1) as engage:
        result = await engage.appointments.ensure_appointment(APPOINTMENT)
    assert result.outcome == EnsureOutcome.CREATED
    assert (len(fake.calls_to("getAppointments")), posts(fake)) == (3, 4)
    assert by_external_id(fake) == Counter({"CRM-1": 1})


async def test_a_429_past_the_calls_time_is_an_ensure_error_naming_the_id(unlimited_fake: FakePexipEngage) -> None:
    fake = unlimited_fake
    fake.fail("createAppointment", status=429, retry_after=30)
    async with PexipEngage("acme", token=TOKEN, transport=fake, max_retries=0, timeout=1) as engage:
        with pytest.raises(errors.EnsureRefusedError) as caught:
            await engage.appointments.ensure_appointment(APPOINTMENT)
    refused = caught.value
    assert isinstance(refused.__cause__, errors.RateLimitError)
    assert (refused.external_id, refused.may_have_created, refused.status_code) == ("CRM-1", False, 429)
    assert "'CRM-1'" in str(refused)
    assert "a 429 lasted past the call's time" in str(refused)
    assert "Nothing was created by this call" in str(refused)
    assert posts(fake) == 1
    copy = pickle.loads(pickle.dumps(refused))  # noqa: S301 - our own bytes
    assert (type(copy), copy.external_id, copy.codes) == (errors.EnsureRefusedError, "CRM-1", refused.codes)


async def test_an_error_after_a_lost_create_says_it_may_have_landed(unlimited_fake: FakePexipEngage) -> None:
    """A create's answer lost (a gateway's 504), then the look-up after it refused (a 403): the ensure's
    error names the id, has the refusal as its cause, and says a create of this call may have landed."""
    fake = unlimited_fake

    def refuse_the_next(enterprise: object, query: object) -> None:
        fake.fail("getAppointments", status=403)  # the look-ups after the first

    fake.before_list("getAppointments", refuse_the_next)
    fake.fail("createAppointment", status=504)
    async with PexipEngage("acme", token=TOKEN, transport=fake, max_retries=0, timeout=1) as engage:
        with pytest.raises(errors.EnsureRefusedError) as caught:
            await engage.appointments.ensure_appointment(APPOINTMENT)
    refused = caught.value
    assert isinstance(refused.__cause__, errors.PermissionDeniedError)
    assert (refused.external_id, refused.may_have_created) == ("CRM-1", True)
    assert "may have made it" in str(refused)


# --- The client's retry policy holds in an ensure too (issue 76, point 4) --------------------------


async def test_a_429_asking_longer_than_max_retry_after_ends_the_ensure_at_once(
    unlimited_fake: FakePexipEngage,
) -> None:
    """`create_appointment` on a client with `max_retry_after=2` fails at once on a 429 asking for 30 s;
    the ensure did too little of the same: it waited the 30 s out (30.06 s measured). Now it ends at
    once, nothing created, with the wait asked for."""
    fake = unlimited_fake
    fake.fail("createAppointment", status=429, retry_after=30)
    async with PexipEngage(
        "acme", token=TOKEN, transport=fake, timeout=60, retry=RetryPolicy(max_retry_after=2.0)
    ) as engage:
        started = asyncio.get_running_loop().time()
        with pytest.raises(errors.EnsureRefusedError) as caught:
            await engage.appointments.ensure_appointment(APPOINTMENT)
        took = asyncio.get_running_loop().time() - started
    assert took < 15  # at once: half the 30 s it waited, room for a loaded machine's stalls
    refused = caught.value
    assert isinstance(refused.__cause__, errors.RateLimitError)
    assert (refused.may_have_created, refused.status_code, refused.retry_after) == (False, 429, 30.0)
    assert "Retry-After asks for 30 s, beyond the client's max_retry_after of 2 s" in str(refused)
    assert "Nothing was created by this call" in str(refused)
    assert posts(fake) == 1
    copy = pickle.loads(pickle.dumps(refused))  # noqa: S301 - our own bytes
    assert copy.retry_after == 30.0


async def test_a_429_asking_longer_than_the_calls_time_left_ends_the_ensure_at_once(
    unlimited_fake: FakePexipEngage,
) -> None:
    """A wait within `max_retry_after` but past the call's time left: the ensure ends at once too."""
    fake = unlimited_fake
    # A minute asked, 20 s (10 to connect, 10 to read) left: ending at once is told from waiting out the
    # call's time by a margin no loaded machine's stall closes (with 5 s asked and 2 s left, it was 2 s).
    fake.fail("getAppointments", status=429, retry_after=60)
    async with PexipEngage("acme", token=TOKEN, transport=fake, max_retries=0, timeout=10) as engage:
        started = asyncio.get_running_loop().time()
        with pytest.raises(errors.EnsureRefusedError) as caught:
            await engage.appointments.ensure_appointment(APPOINTMENT)
        took = asyncio.get_running_loop().time() - started
    assert took < 10
    refused = caught.value
    assert (refused.may_have_created, refused.status_code, refused.retry_after) == (False, 429, 60.0)
    assert "a 429 lasted past the call's time" in str(refused)
    assert posts(fake) == 0
