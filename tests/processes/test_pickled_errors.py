"""The client's errors cross process boundaries as themselves: pickled, and through a real process pool."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pytest

from pexip_engage_client import ErrorCode, SyncPexipEngage, errors
from pexip_engage_client._runtime.coerce import check_scalar
from pexip_engage_client.testing import FakePexipEngage


def _raised(call: str) -> errors.PexipEngageError:
    fake = FakePexipEngage()
    accepted = fake.add_appointment(status="ACCEPTED")["id"]
    with SyncPexipEngage("acme", token="test", transport=fake, max_retries=0) as engage:
        try:
            if call == "not found":
                engage.appointments.get_appointment_by_id("no-such-appointment")
            else:
                engage.appointments.accept_appointment(accepted)
        except errors.PexipEngageError as error:
            return error
    raise AssertionError("no error")


def _raise_in_worker(call: str) -> None:
    raise _raised(call)


@pytest.mark.parametrize("call", ["not found", "business rule"])
def test_an_api_error_round_trips_through_pickle_with_everything_it_keeps(call: str) -> None:
    error = _raised(call)
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes, as a process pool sends them
    assert isinstance(copy, errors.APIError)
    assert isinstance(error, errors.APIError)
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    for name in ("status_code", "errors", "codes", "correlation_id", "method", "url", "body"):
        assert getattr(copy, name) == getattr(error, name), name
    assert dict(copy.headers) == dict(error.headers)


@pytest.mark.parametrize(
    "error",
    [
        errors.ClientClosedError("the client is closed"),
        errors.ForkedClientError("made in the parent"),
        errors.TablesMissingError("/nowhere/mirror.db", "mirror", "`mirror run`"),
        errors.APITimeoutError("no answer in 5 s", correlation_id="c-1", method="GET", url="https://example.invalid/x"),
        errors.ExternalIdConflictError(
            "appointments.ensure_appointment: a-1 differs",
            operation="appointments.ensure_appointment",
            external_id="CRM-1",
            existing_id="a-1",
            differences=("start",),
        ),
        errors.DuplicateExternalIdError(
            "two have it", operation="employees.ensure_employee", external_id="HR-1", ids=("e-1", "e-2")
        ),
        errors.EnsureTurnError(
            "no turn",
            operation="appointments.ensure_appointment",
            external_id="CRM-2",
            may_have_created=True,
            url="https://api.example.invalid/acme",
        ),
        errors.EnsureNoAnswerError(
            "no answer",
            operation="appointments.ensure_appointment",
            external_id="CRM-4",
            may_have_created=True,
            url="https://api.example.invalid/acme",
        ),
        errors.EnsureRefusedError(
            "a 429 asked for 30 s", operation="appointments.ensure_appointment", external_id="CRM-5", retry_after=30.0
        ),
        errors.EnsureUnreadableAnswerError(
            "unreadable",
            operation="appointments.ensure_appointment",
            external_id="CRM-6",
            may_have_created=True,
            answer_operation="getAppointments",
            pointer="/data/*/start",
            kind="missing",
            needed="to tell whether the resource found is the one the body describes",
        ),
        errors.NoSlotBookedError("every candidate was taken", external_id="CRM-7"),
    ],
)
def test_errors_without_an_answer_round_trip_too(error: errors.PexipEngageError) -> None:
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert (type(copy), str(copy), vars(copy)) == (type(error), str(error), vars(error))


def test_a_refused_argument_round_trips_with_the_arguments_it_names() -> None:
    with pytest.raises(ValueError, match="limit must be int") as raised:
        check_scalar("all", int, "limit")
    copy = pickle.loads(pickle.dumps(raised.value))  # noqa: S301 - our own bytes
    assert (type(copy), str(copy), vars(copy)) == (type(raised.value), str(raised.value), vars(raised.value))
    assert copy.argument == "limit"


_ENSURE_ERRORS: dict[type[errors.EnsureError], dict[str, object]] = {
    errors.ExternalIdConflictError: {"existing_id": "a-1", "differences": ("start",)},
    errors.DuplicateExternalIdError: {"ids": ("a-1", "a-2")},
    errors.EnsureTurnError: {},
    errors.EnsureNoAnswerError: {},
    errors.EnsureRefusedError: {},
    errors.EnsureUnreadableAnswerError: {"answer_operation": "getAppointments", "pointer": "/data", "kind": "null"},
    errors.NoSlotBookedError: {"refused": (), "reasons": ()},
}


def test_every_public_ensure_error_is_in_the_table_above() -> None:
    public = {getattr(errors, name) for name in errors.__all__}
    ensure_errors = {kind for kind in public if isinstance(kind, type) and issubclass(kind, errors.EnsureError)}
    assert ensure_errors - {errors.EnsureError} == set(_ENSURE_ERRORS)


@pytest.mark.parametrize("kind", list(_ENSURE_ERRORS))
def test_every_ensure_error_is_an_api_error_with_its_code_and_external_id(kind: type[errors.EnsureError]) -> None:
    """One `except errors.APIError` catches what an ensure raises (issue 59, point 4)."""
    extra = _ENSURE_ERRORS[kind]
    error = kind("it failed", operation="appointments.ensure_appointment", external_id="CRM-3", **extra)  # type: ignore[arg-type]
    assert isinstance(error, errors.APIError)
    assert error.codes == [kind.code]
    assert error.external_id == "CRM-3"
    assert str(error) == "it failed"
    assert error.may_have_created is False


@pytest.mark.slow
def test_a_not_found_raised_in_a_process_pool_is_caught_as_not_found_in_the_parent() -> None:
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        with pytest.raises(errors.NotFoundError) as caught:
            pool.submit(_raise_in_worker, "not found").result(timeout=60)
        with pytest.raises(errors.BusinessValidationError) as refused:
            pool.submit(_raise_in_worker, "business rule").result(timeout=60)
    assert caught.value.status_code == 404
    assert caught.value.correlation_id
    assert ErrorCode.APPOINTMENT_STATUS_INVALID in refused.value.codes
