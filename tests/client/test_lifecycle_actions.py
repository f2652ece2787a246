"""The appointment life-cycle actions openapi.yaml infers (cancel, complete, ...), through the client.

They are generated like every operation; what sets them apart is said by the spec's `x-inferred`:
the method's docstring says the operation is inferred, and its first call in a process issues an
`InferredOperationWarning` at the caller's line, which a warning filter silences.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import warnings
from datetime import timedelta

import pytest

from pexip_engage_client import ErrorCode, PexipEngage, errors
from pexip_engage_client._pipeline._inferred import forget_warnings
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import answer, client_for
from ..support.spec import SPEC, operation_example

_APPOINTMENT = {
    "appointmentParticipants": [
        {"role": "PRIMARY", "participant": {"id": "c1"}, "type": "CUSTOMER"},
        {"role": "PRIMARY", "participant": {"id": "e1"}, "type": "EMPLOYEE"},
    ],
}


def _inferred_paths() -> list[str]:
    return [path for path, item in SPEC["paths"].items() for op in item.values() if "x-inferred" in op]


def _seed(fake: FakePexipEngage, status: str, start_in: timedelta = timedelta(hours=1)) -> str:
    fake.add_customer(id="c1")
    fake.add_employee(id="e1")
    start = fake.clock.now() + start_in
    fake.add_appointment(
        id="a1", status=status, start=start.isoformat(), end=(start + timedelta(hours=1)).isoformat(), **_APPOINTMENT
    )
    return "a1"


async def test_cancel_moves_an_accepted_appointment_to_cancelled(engage: PexipEngage, fake: FakePexipEngage) -> None:
    appointment_id = _seed(fake, "ACCEPTED")
    cancelled = await engage.appointments.cancel_appointment(appointment_id)
    assert cancelled.status == "CANCELLED"
    assert fake.get("/appointments", appointment_id)["status"] == "CANCELLED"
    [call] = fake.calls_to("cancelAppointment")
    assert call.request.url.path == "/enterprises/acme/appointments/a1/_actions/cancel"
    assert call.request.content == b""  # no body unless one is given


async def test_cancel_refuses_a_cancelled_appointment_naming_the_allowed_states(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    appointment_id = _seed(fake, "CANCELLED")
    with pytest.raises(errors.BusinessValidationError) as refused:
        await engage.appointments.cancel_appointment(appointment_id)
    assert refused.value.codes == [ErrorCode.APPOINTMENT_STATUS_INVALID]
    [item] = refused.value.errors
    allowed = SPEC["paths"]["/appointments/{id}/_actions/cancel"]["post"]["x-inferred"]["transition"]["from"]
    assert item.arguments == {"allowedStates": allowed}


async def test_complete_before_the_start_is_too_early(engage: PexipEngage, fake: FakePexipEngage) -> None:
    appointment_id = _seed(fake, "ACCEPTED", start_in=timedelta(hours=1))
    with pytest.raises(errors.BusinessValidationError) as refused:
        await engage.appointments.complete_appointment(appointment_id)
    assert refused.value.codes == [ErrorCode.APPOINTMENT_COMPLETION_TOO_EARLY]
    assert refused.value.errors[0].arguments == {"completionAllowedDaysBeforeStart": 0}
    fake.clock.advance(3600)
    completed = await engage.appointments.complete_appointment(appointment_id)
    assert completed.status == "COMPLETED"


async def test_cancel_sends_the_answers_it_models_and_the_rest_through_extra_body() -> None:
    engage, recorder = client_for(answer(200, operation_example("/appointments/{id}", "get", "200")))
    async with engage:
        await engage.appointments.cancel_appointment(
            "a1", body={"answers": []}, extra_body={"message": "Sorry, the office is closed."}
        )
    assert recorder.last.url.path == "/enterprises/acme/appointments/a1/_actions/cancel"
    assert json.loads(recorder.last.content) == {"answers": [], "message": "Sorry, the office is closed."}


async def test_the_first_call_warns_once_at_the_callers_line(engage: PexipEngage, fake: FakePexipEngage) -> None:
    _seed(fake, "ACCEPTED")
    fake.add_appointment(id="a2", status="ACCEPTED", **_APPOINTMENT)
    forget_warnings()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # shown every time: only the client's own once-per-process holds it back
        await engage.appointments.cancel_appointment("a1")
        await engage.appointments.cancel_appointment("a2")
    [warning] = caught
    assert warning.category is errors.InferredOperationWarning
    assert warning.filename == __file__  # the user's line, not the client's
    message = str(warning.message)
    assert "appointments.cancel_appointment (POST /appointments/{id}/_actions/cancel) is inferred" in message
    assert "spec check --probe-inferred" in message


async def test_an_accepted_inferred_operation_warns_no_more_and_the_others_still_do(fake: FakePexipEngage) -> None:
    _seed(fake, "ACCEPTED")
    forget_warnings()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            async with PexipEngage("acme", token="t", transport=fake, accept_inferred=["cancelAppointment"]) as engage:
                await engage.appointments.cancel_appointment("a1")
                await engage.appointments.reopen_appointment("a1")
            # For the process: another client, accepting nothing, warns of it no more either.
            async with PexipEngage("acme", token="t", transport=fake) as other:
                await other.appointments.cancel_appointment("a1")
        [warning] = caught  # the reopen's: not accepted
        assert "appointments.reopen_appointment (POST /appointments/{id}/_actions/reopen) is inferred" in str(
            warning.message
        )
        assert "accept it with accept_inferred=['reopenAppointment']" in str(warning.message)
    finally:
        forget_warnings()


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (
            ["cancelAppointmnt"],
            "accept_inferred names 'cancelAppointmnt', which is no inferred operation "
            "(did you mean 'cancelAppointment'?); the inferred are: cancelAppointment, completeAppointment, ",
        ),
        (["getEmployees"], "accept_inferred names 'getEmployees', which is no inferred operation; the inferred are: "),
        (
            "cancelAppointment",
            "accept_inferred must be a list of operationIds (got str); for one, give ['cancelAppointment']",
        ),
    ],
)
def test_an_unknown_name_to_accept_is_refused_naming_the_inferred_ones(names: object, message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        PexipEngage("acme", token="t", accept_inferred=names)  # type: ignore[arg-type]


def test_every_inferred_operation_says_so_in_its_docstring(engage: PexipEngage) -> None:
    methods = [method for name, method in vars(type(engage.appointments)).items() if not name.startswith("_")]
    assert _inferred_paths()
    for path in _inferred_paths():
        [method] = [method for method in methods if f"`POST {path}`" in (method.__doc__ or "")]
        assert "Inferred: the copied documentation does not show this operation" in " ".join(method.__doc__.split())
        assert "InferredOperationWarning" in method.__doc__


# A process of its own: the warning is once per process, and silenced by a filter.
_SCRIPT = """
import warnings
from pexip_engage_client import SyncPexipEngage
from pexip_engage_client.testing import FakePexipEngage

fake = FakePexipEngage()
for appointment_id in ("a1", "a2"):
    fake.add_appointment(id=appointment_id, status="ACCEPTED")
{silence}
with SyncPexipEngage("acme", token="t", transport=fake{accept}) as engage:
    for appointment_id in ("a1", "a2"):
        engage.appointments.cancel_appointment(appointment_id)  # the user's line
print("cancelled")
"""


@pytest.mark.end_to_end
@pytest.mark.parametrize("silenced", [False, "filter", "argument", "variable"])
def test_the_warning_is_once_per_process_and_a_filter_or_an_acceptance_silences_it(silenced: str | bool) -> None:
    silence = (
        "warnings.filterwarnings('ignore', category=__import__('pexip_engage_client.errors').errors"
        ".InferredOperationWarning)"
    )
    script = _SCRIPT.format(
        silence=silence if silenced == "filter" else "",
        accept=", accept_inferred=['cancelAppointment']" if silenced == "argument" else "",
    )
    environment = {k: v for k, v in os.environ.items() if k != "PEXIP_ENGAGE_ACCEPT_INFERRED"}
    if silenced == "variable":
        environment["PEXIP_ENGAGE_ACCEPT_INFERRED"] = "reopenAppointment,cancelAppointment"
    run = subprocess.run(
        [sys.executable, "-W", "always", "-c", textwrap.dedent(script)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == "cancelled\n"
    shown = run.stderr.count("InferredOperationWarning")
    assert shown == (0 if silenced else 1), run.stderr
    if not silenced:
        assert "<string>:12: InferredOperationWarning" in run.stderr, run.stderr  # the user's line
