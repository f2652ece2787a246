"""`ensure_*` against answers unlike openapi.yaml: each field it reads gets its decided behaviour (issue 75).

The in-memory fake behind a transport that rewrites its answers with one difference each
(`tests/support/rewriting.py`), read leniently: the ensure finds, creates once, or refuses with
`EnsureUnreadableAnswerError` naming the answer's operation and the field. Never a second create,
never a wrong resource, never an `UnreadableFieldError` (or any other error) escaping. The table
these prove is docs/spec-drift.md's "`ensure_*`".
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

import httpx2
import pytest

from pexip_engage_client import EnsureOutcome, Governor, PexipEngage, RetryPolicy, errors
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.ensure_bodies import APPOINTMENT, seed_references
from ..support.rewriting import Rewrite, Rewriting, each_item, on, route

# The three ways a field may differ from openapi.yaml, each planted by a change of its object.
ABSENT, NULL, NUMBER, TEXT = "absent", "null", "number", "text"


def planted(how: str, name: str, value: Any = None) -> Callable[[dict[str, Any]], None]:
    """A change of an object: its `name` dropped, null, a number, or text (`value`)."""

    def change(item: dict[str, Any]) -> None:
        if how == ABSENT:
            item.pop(name, None)
        else:
            item[name] = {NULL: None, NUMBER: 12345, TEXT: value}[how]

    return change


def lookups(change: Callable[[dict[str, Any]], None]) -> Rewrite:
    """The look-up's answers (`GET /appointments`), each item changed."""
    return on("GET", "/appointments", each_item(change))


@pytest.fixture
def fake() -> FakePexipEngage:
    return seed_references(FakePexipEngage(max_in_flight=None, per_minute=None))


def client(fake: FakePexipEngage, rewrite: Rewrite, *, ignored: tuple[str, ...] = ()) -> PexipEngage:
    return PexipEngage(
        "acme",
        token=TOKEN,
        transport=Rewriting(fake, rewrite, ignored=ignored),
        strict_responses=False,
        governor=Governor.unlimited(),
        retry=RetryPolicy(initial_delay=0.001, max_delay=0.001),
    )


def posts(fake: FakePexipEngage) -> int:
    return len(fake.calls_to("createAppointment"))


async def created_then_found(fake: FakePexipEngage, rewrite: Rewrite, **kwargs: Any) -> None:
    """A first ensure creates, a second finds the same one without sending: one create in all."""
    async with client(fake, rewrite, **kwargs) as engage:
        first = await engage.appointments.ensure_appointment(APPOINTMENT)
        again = await engage.appointments.ensure_appointment(APPOINTMENT)
    assert (first.outcome, again.outcome) == (EnsureOutcome.CREATED, EnsureOutcome.FOUND)
    assert again.resource.to_dict().get("id", first.resource.id) == first.resource.id
    assert posts(fake) == 1


async def refused(fake: FakePexipEngage, rewrite: Rewrite, **kwargs: Any) -> errors.EnsureUnreadableAnswerError:
    """The ensure's `EnsureUnreadableAnswerError` once an appointment with the id exists; no create sent."""
    before = posts(fake)
    async with client(fake, rewrite, **kwargs) as engage:
        with pytest.raises(errors.EnsureUnreadableAnswerError) as caught:
            await engage.appointments.ensure_appointment(APPOINTMENT)
    assert posts(fake) == before
    error = caught.value
    assert (error.external_id, error.answer_operation, error.may_have_created) == ("CRM-1", "getAppointments", False)
    assert error.pointer in str(error)
    assert "getAppointments" in str(error)
    assert "Nothing was created by this call" in str(error)
    return error


def existing(fake: FakePexipEngage) -> None:
    """The appointment APPOINTMENT describes, there already (created through the fake, as a create makes it)."""
    fake.add_appointment(
        externalId="CRM-1",
        start=APPOINTMENT["start"],
        end=APPOINTMENT["end"],
        meetingType="VIDEO",
        subject={"id": "subject-9"},
        office={"id": "office-3"},
        appointmentParticipants=[
            {"role": "PRIMARY", "participant": {"id": "employee-1"}, "type": "EMPLOYEE"},
            {"role": "PRIMARY", "participant": {"id": "customer-1"}, "type": "CUSTOMER"},
        ],
    )


# --- The look-up's page: counted as it is ---------------------------------------------------------


@pytest.mark.parametrize("how", [ABSENT, NULL, TEXT])
async def test_a_look_up_page_without_a_readable_total_is_counted_as_it_is(fake: FakePexipEngage, how: str) -> None:
    """`meta.totalCount` is never read: created once, then found."""

    def change(body: Any) -> Any:
        planted(how, "totalCount", "one")(body["meta"])
        return body

    await created_then_found(fake, on("GET", "/appointments", change))


@pytest.mark.parametrize("how", [ABSENT, NULL, NUMBER])
async def test_a_look_up_page_without_readable_data_is_refused_naming_it(fake: FakePexipEngage, how: str) -> None:
    """Whether a resource has the id cannot be known: refused, nothing sent (not a second create)."""
    existing(fake)

    def change(body: Any) -> Any:
        planted(how, "data")(body)
        return body

    error = await refused(fake, on("GET", "/appointments", change))
    assert (error.pointer, error.kind) == ("/data", {ABSENT: "missing", NULL: "null", NUMBER: "type"}[how])
    pickled = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert (type(pickled), pickled.pointer, pickled.needed) == (type(error), error.pointer, error.needed)


# --- Each item's externalId: the filter trusted, or applied here -----------------------------------


@pytest.mark.parametrize("how", [ABSENT, NULL, NUMBER])
async def test_items_that_do_not_echo_their_external_id_are_trusted_to_the_filter(
    fake: FakePexipEngage, how: str
) -> None:
    await created_then_found(fake, lookups(planted(how, "externalId")))


async def test_a_look_up_whose_filter_is_ignored_is_filtered_here(fake: FakePexipEngage) -> None:
    """Other appointments, with other external ids, come back too: they are not the one."""
    for number in range(3):
        fake.add_appointment(externalId=f"OTHER-{number}")
    await created_then_found(fake, lambda request, document: None, ignored=("external-id",))


async def test_a_full_page_of_other_external_ids_is_refused_rather_than_create_a_second(
    fake: FakePexipEngage,
) -> None:
    """The filter ignored and the page full: the one may be on a later page, so nothing is created."""
    for number in range(100):
        fake.add_appointment(externalId=f"OTHER-{number:03}")
    error = await refused(fake, lambda request, document: None, ignored=("external-id",))
    assert (error.pointer, error.kind) == ("/data/*/externalId", "ignored")


async def test_several_items_that_do_not_echo_their_external_id_are_refused(fake: FakePexipEngage) -> None:
    """Duplicates, or other appointments of an ignored filter: it cannot be told, so nothing is claimed."""
    existing(fake)
    fake.add_appointment(externalId="OTHER-1")
    error = await refused(fake, lookups(planted(ABSENT, "externalId")), ignored=("external-id",))
    assert (error.pointer, error.kind) == ("/data/*/externalId", "missing")


async def test_an_item_without_its_external_id_beside_others_of_an_ignored_filter_is_refused(
    fake: FakePexipEngage,
) -> None:
    """The filter evidently ignored (an item says another id): one not saying its own is anyone's, even
    when it looks like the body's."""
    existing(fake)
    fake.add_appointment(externalId="OTHER-1")

    def change(item: dict[str, Any]) -> None:
        if item.get("externalId") == "CRM-1":
            del item["externalId"]

    error = await refused(fake, lookups(change), ignored=("external-id",))
    assert (error.pointer, error.kind) == ("/data/*/externalId", "missing")


async def test_duplicates_whose_ids_cannot_be_read_are_still_duplicates(fake: FakePexipEngage) -> None:
    existing(fake)
    existing(fake)
    async with client(fake, lookups(planted(NULL, "id"))) as engage:
        with pytest.raises(errors.DuplicateExternalIdError) as caught:
            await engage.appointments.ensure_appointment(APPOINTMENT)
    assert caught.value.ids == ("", "")
    assert posts(fake) == 0


# --- The found appointment compared with the body ------------------------------------------------


@pytest.mark.parametrize("how", [ABSENT, NULL, NUMBER, TEXT])
@pytest.mark.parametrize("name", ["start", "end", "meetingType"])
async def test_a_field_the_body_sets_that_the_found_one_does_not_hold_readably_is_refused(
    fake: FakePexipEngage, how: str, name: str
) -> None:
    """Neither the body's (FOUND) nor another (a conflict) can be said: refused, no second create."""
    if how == TEXT and name == "meetingType":
        return  # text is what a meeting type is
    existing(fake)
    error = await refused(fake, lookups(planted(how, name, "next tuesday")))
    assert error.pointer == f"/data/*/{name}"


@pytest.mark.parametrize("how", [ABSENT, NULL, NUMBER])
async def test_a_reference_or_a_participant_that_cannot_be_read_is_refused(fake: FakePexipEngage, how: str) -> None:
    existing(fake)
    error = await refused(fake, lookups(planted(how, "office")))
    assert error.pointer == "/data/*/office/id"

    def participant(item: dict[str, Any]) -> None:
        planted(how, "role")(item["appointmentParticipants"][0])

    error = await refused(fake, lookups(participant))
    assert error.pointer == "/data/*/appointmentParticipants/*/role"
    error = await refused(fake, lookups(planted(how, "appointmentParticipants")))
    assert error.pointer == "/data/*/appointmentParticipants"


async def test_a_readable_difference_is_a_conflict_whatever_else_cannot_be_read(fake: FakePexipEngage) -> None:
    existing(fake)

    def change(item: dict[str, Any]) -> None:
        item["office"] = {"id": "office-4"}
        item.pop("start")
        item["id"] = 5

    async with client(fake, lookups(change)) as engage:
        with pytest.raises(errors.ExternalIdConflictError) as caught:
            await engage.appointments.ensure_appointment(APPOINTMENT)
    assert (caught.value.differences, caught.value.existing_id) == (("office",), "")
    assert posts(fake) == 0


async def test_a_drifted_field_the_body_does_not_set_is_no_conflict(fake: FakePexipEngage) -> None:
    """What identifies the appointment agrees: a field outside it (or one the body leaves out) may drift."""

    def change(item: dict[str, Any]) -> None:
        item["status"], item["createdAt"], item["internalNotes"] = 7, None, ["x"]
        item.pop("updatedAt", None)
        item["leadSegment"] = 7  # the body below sets no lead segment

    body = APPOINTMENT
    async with client(fake, lookups(change)) as engage:
        first = await engage.appointments.ensure_appointment(body)
        again = await engage.appointments.ensure_appointment(body)
    assert (first.outcome, again.outcome, again.resource.id) == (
        EnsureOutcome.CREATED,
        EnsureOutcome.FOUND,
        first.resource.id,
    )
    assert posts(fake) == 1


async def test_a_found_appointment_without_a_readable_id_is_returned(fake: FakePexipEngage) -> None:
    """Its id is not what makes it the body's: it is found (reading `.id` raises as any lenient read does)."""
    existing(fake)
    async with client(fake, lookups(planted(ABSENT, "id"))) as engage:
        found = await engage.appointments.ensure_appointment(APPOINTMENT)
    assert found.outcome is EnsureOutcome.FOUND
    assert found.resource.to_dict()["externalId"] == "CRM-1"
    assert posts(fake) == 0


# --- The create's answer, and after a lost one ------------------------------------------------------


@pytest.mark.parametrize("how", [ABSENT, NULL, NUMBER])
async def test_the_creates_answer_is_returned_as_it_came(fake: FakePexipEngage, how: str) -> None:
    """The ensure reads nothing of what the create answers: it returns it, drifted or not."""
    rewrite = on("POST", "/appointments", lambda body: planted(how, "id")(body) or body)
    async with client(fake, rewrite) as engage:
        created = await engage.appointments.ensure_appointment(APPOINTMENT)
    assert created.outcome is EnsureOutcome.CREATED
    assert posts(fake) == 1


async def test_an_unreadable_look_up_after_a_lost_create_says_it_may_have_landed(fake: FakePexipEngage) -> None:
    """The create's answer lost (a gateway's 504 after it landed), the look-ups after it unreadable."""
    fake.fail("createAppointment", status=504, commit=True)
    seen: list[str] = []

    def after_the_first(request: httpx2.Request, body: Any) -> Any:
        if (request.method, route(request)) == ("GET", "/appointments"):
            seen.append(route(request))
            if len(seen) > 1:
                planted(NULL, "data")(body)
        return body

    rewrite = after_the_first
    async with client(fake, rewrite) as engage:
        with pytest.raises(errors.EnsureUnreadableAnswerError) as caught:
            await engage.appointments.ensure_appointment(APPOINTMENT, reconcile_within=0.1)
    assert caught.value.may_have_created is True
    assert "may have made it" in str(caught.value)
    assert posts(fake) == 1


# --- Employees: their email ----------------------------------------------------------------------


@pytest.mark.parametrize("how", [ABSENT, NULL, NUMBER])
async def test_an_employee_found_without_a_readable_email_is_refused(fake: FakePexipEngage, how: str) -> None:
    fake.add_employee(externalId="HR-1", email="ada@example.com")
    rewrite = on("GET", "/employees", each_item(planted(how, "email")))
    async with client(fake, rewrite) as engage:
        with pytest.raises(errors.EnsureUnreadableAnswerError) as caught:
            await engage.employees.ensure_employee(
                {"externalId": "HR-1", "email": "ada@example.com", "firstName": "Ada", "lastName": "L"}
            )
    assert (caught.value.pointer, caught.value.answer_operation) == ("/data/*/email", "getEmployees")
    assert len(fake.calls_to("createEmployee")) == 0
