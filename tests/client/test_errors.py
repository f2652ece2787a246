"""Error statuses, unreadable answers and transport failures become the documented error types."""

from __future__ import annotations

import json
import pickle

import httpx2
import pytest

from pexip_engage_client import ErrorCode, PexipEngage, errors
from pexip_engage_client._errors import error_class_for_status

from ..support.clients import TOKEN, answer, client_for
from ..support.spec import documented_example

ERROR_BODY = {"errors": [{"message": "Nope", "code": "SOME_CODE", "type": "SOME_TYPE", "statusCode": "400"}]}


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, errors.BadRequestError),
        (401, errors.AuthenticationError),
        (403, errors.PermissionDeniedError),
        (404, errors.NotFoundError),
        (409, errors.ConflictError),
        (422, errors.BusinessValidationError),
        (429, errors.RateLimitError),
        (500, errors.ServerError),
        (503, errors.ServerError),
        (520, errors.ServerError),  # outside http.HTTPStatus: still mapped, never a ValueError
        (405, errors.APIError),
        (418, errors.APIError),
    ],
)
async def test_error_status_raises_its_class_with_everything_the_server_said(
    status: int, error_class: type[errors.APIError]
) -> None:
    engage, _ = client_for(answer(status, ERROR_BODY), max_retries=0)
    async with engage:
        with pytest.raises(error_class) as caught:
            await engage.lead_segments.update_lead_segment_by_id("7", body={"code": "X"}, correlation_id="corr-1")

    error = caught.value
    assert type(error) is error_class
    assert isinstance(error, errors.PexipEngageError)
    assert error.status_code == status
    assert error.correlation_id == "corr-1"
    assert error.method == "PATCH"
    assert error.url == "https://api.pexipengage.com/enterprises/acme/lead-segments/7"
    assert error.errors == (
        errors.ErrorItem(
            message="Nope", code="SOME_CODE", type="SOME_TYPE", status_code="400", raw=ERROR_BODY["errors"][0]
        ),
    )
    assert b'"SOME_CODE"' in error.body
    assert f"HTTP {status}" in str(error)
    assert "SOME_CODE: Nope" in str(error)
    assert "corr-1" in str(error)


async def test_business_validation_error_exposes_codes_and_arguments() -> None:
    body = {
        "errors": [
            {
                "message": "status does not allow it",
                "code": "APPOINTMENT_STATUS_INVALID",
                "type": "BUSINESS",
                "statusCode": "422",
                "arguments": {"allowedStates": ["INCOMING_REQUEST"]},
            },
            {
                "message": "new rule",
                "code": "SOME_FUTURE_CODE",
                "type": "BUSINESS",
                "statusCode": "422",
                "arguments": None,
            },
        ]
    }
    engage, _ = client_for(answer(422, body))
    async with engage:
        with pytest.raises(errors.BusinessValidationError) as caught:
            await engage.appointments.accept_appointment("1")
    error = caught.value
    assert error.codes == [ErrorCode.APPOINTMENT_STATUS_INVALID, "SOME_FUTURE_CODE"]
    assert isinstance(error.codes[0], ErrorCode)
    assert error.errors[0].arguments == {"allowedStates": ["INCOMING_REQUEST"]}
    assert error.errors[1].arguments is None


async def test_every_api_error_has_its_codes() -> None:
    body = {
        "errors": [{"message": "no such appointment", "code": "NOT_FOUND", "type": "NOT_FOUND", "statusCode": "404"}]
    }
    engage, _ = client_for(answer(404, body))
    async with engage:
        with pytest.raises(errors.NotFoundError) as caught:
            await engage.appointments.get_appointment_by_id("1")
    assert caught.value.codes == ["NOT_FOUND"]
    assert caught.value.codes == [item.code for item in caught.value.errors]


@pytest.mark.parametrize(
    "body",
    [b"<html><body>Bad gateway</body></html>", b"", b'{"errors": "not a list"}', b"[1, 2]", b'{"errors": [1, {}]}'],
)
async def test_error_with_an_undocumented_body_keeps_the_raw_body(body: bytes) -> None:
    engage, _ = client_for(lambda request: httpx2.Response(404, content=body))
    async with engage:
        with pytest.raises(errors.NotFoundError) as caught:
            await engage.appointments.get_appointment_by_id("1")
    assert caught.value.body == body
    assert all(isinstance(item, errors.ErrorItem) for item in caught.value.errors)


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (httpx2.Response(200, content=b"<html>maintenance</html>"), "not JSON"),
        (httpx2.Response(200, content=b'{"data": {"id": "1"'), "not JSON"),  # truncated
        (httpx2.Response(200, json={"data": {"id": "1"}}), "does not match"),  # required fields missing
        (httpx2.Response(200, json=["not", "an", "object"]), "does not match"),
        (
            httpx2.Response(
                200, json={"data": {**documented_example("Appointment")["data"], "createdAt": "not a date"}}
            ),
            "does not match",
        ),
        (httpx2.Response(302, headers={"Location": "https://elsewhere.example"}), "not a success or error status"),
    ],
)
async def test_unreadable_answer_raises_unexpected_response_error_with_status_and_body(
    response: httpx2.Response, reason: str
) -> None:
    engage, _ = client_for(lambda request: response)
    async with engage:
        with pytest.raises(errors.UnexpectedResponseError) as caught:
            await engage.appointments.get_appointment_by_id("1", correlation_id="c-9")
    error = caught.value
    assert error.status_code == response.status_code
    assert error.body == response.content
    assert error.correlation_id == "c-9"
    assert reason in str(error)


async def test_connection_failure_raises_api_connection_error() -> None:
    def refuse(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("connection refused", request=request)

    engage, recorder = client_for(refuse, max_retries=0)
    async with engage:
        with pytest.raises(errors.APIConnectionError) as caught:
            await engage.appointments.get_appointment_by_id("1")
    assert not isinstance(caught.value, errors.APITimeoutError)
    assert "ConnectError" in str(caught.value)
    assert len(recorder.requests) == 1


async def test_timeout_raises_api_timeout_error() -> None:
    def hang(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ReadTimeout("timed out", request=request)

    engage, _ = client_for(hang, max_retries=0)
    async with engage:
        with pytest.raises(errors.APITimeoutError) as caught:
            await engage.appointments.get_appointment_by_id("1")
    assert isinstance(caught.value, errors.APIConnectionError)


async def test_errors_never_contain_the_token() -> None:
    engage, _ = client_for(
        answer(401, {"errors": [{"message": "bad token", "code": "UNAUTHORIZED", "type": "AUTH", "statusCode": "401"}]})
    )
    async with engage:
        with pytest.raises(errors.AuthenticationError) as caught:
            await engage.appointments.get_appointment_by_id("1")
    rendered = f"{caught.value!s} {caught.value!r} {caught.value.errors!r} {caught.value.__dict__!r}"
    assert TOKEN not in rendered


def test_error_code_lists_every_documented_code() -> None:
    from ..support.spec import SPEC

    documented = SPEC["components"]["responses"]["BusinessValidationFailed"]["x-business-error-codes"]
    assert set(documented) <= {member.value for member in ErrorCode}
    assert "x-business-error-codes" in (ErrorCode.__doc__ or "")
    assert ErrorCode("LEAD_SEGMENT_EARLIEST_CALLBACK_HOURS_GREATHER_THAN_LATEST_CALLBACK_HOURS")
    assert ErrorCode.APPOINTMENT_STATUS_INVALID == "APPOINTMENT_STATUS_INVALID"
    assert ErrorCode.parse("NOT_DOCUMENTED") == "NOT_DOCUMENTED"


def test_error_code_matches_the_spec_operations() -> None:
    from ..support.spec import SPEC

    documented = {
        code
        for path in SPEC["paths"].values()
        for operation in path.values()
        for code in operation.get("x-business-error-codes", [])
    }
    assert documented <= {member.value for member in ErrorCode}


# Error bodies unlike the spec's ErrorResponse (docs/spec-drift.md, "error bodies"): each raises the
# status's class with the body kept whole; what could be read of the entries is read.
DRIFTED_ERROR_BODIES = [
    # id, body, the entries read as (message, code, type, status_code, arguments)
    ("entry empty", {"errors": [{}]}, [("", "", "", "", None)]),
    (
        "entry all null",
        {"errors": [{"message": None, "code": None, "type": None, "statusCode": None}]},
        [("", "", "", "", None)],
    ),
    (
        "statusCode a number",
        {"errors": [{"message": "Nope", "code": "X", "type": "T", "statusCode": 404}]},
        [("Nope", "X", "T", "404", None)],
    ),
    (
        "message an object, code a number",
        {"errors": [{"message": {"en": "Nope"}, "code": 7}]},
        [('{"en": "Nope"}', "7", "", "", None)],
    ),
    (
        "arguments a list",
        {"errors": [{"message": "Nope", "code": "X", "arguments": [1, 2]}]},
        [("Nope", "X", "", "", None)],
    ),
    ("errors one object", {"errors": {"message": "Nope", "code": "X"}}, [("Nope", "X", "", "", None)]),
    ("errors text entries", {"errors": ["Nope", 3, None]}, [("Nope", "", "", "", None)]),
    ("errors null", {"errors": None}, []),
    ("errors text", {"errors": "Nope"}, []),
    ("no errors", {"message": "Nope"}, []),
    ("a list", [1, 2], []),
]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 429, 500])
@pytest.mark.parametrize(
    ("body", "read"), [case[1:] for case in DRIFTED_ERROR_BODIES], ids=[case[0] for case in DRIFTED_ERROR_BODIES]
)
async def test_an_error_body_unlike_the_spec_still_raises_the_status_class_with_the_body_kept(
    status: int, body: object, read: list[tuple[str, str, str, str, object]]
) -> None:
    engage, _ = client_for(answer(status, body), max_retries=0)
    async with engage:
        with pytest.raises(errors.APIError) as caught:
            await engage.appointments.get_appointment_by_id("7")
    error = caught.value
    assert type(error) is error_class_for_status(status)
    assert error.status_code == status
    assert json.loads(error.body) == body
    assert [(i.message, i.code, i.type, i.status_code, i.arguments) for i in error.errors] == read
    assert f"HTTP {status}: " in str(error)
    assert not str(error).split(f"HTTP {status}: ")[1].startswith(";")  # no empty entry shown
    assert error.codes == [item.code for item in error.errors]


@pytest.mark.parametrize(
    ("url", "enterprise", "credentials"),
    [
        ("https://api.pexipengage.com/enterprises/acmee/employees?offset=0", "acmee", "the token"),
        ("http://127.0.0.1:8080/proxied/enterprises/acme/appointments/7", "acme", "the token"),
        (
            "https://auth.pexipengage.com/realms/acmee/protocol/openid-connect/token",
            "acmee",
            "the client id and secret",
        ),
        ("http://127.0.0.1:9/elsewhere", None, "the token"),
    ],
)
def test_a_401_names_the_enterprise_it_was_for_and_that_it_may_be_the_mistake(
    url: str, enterprise: str | None, credentials: str
) -> None:
    item = errors.ErrorItem(message="Refused", code="UNAUTHORIZED", type="", status_code="401")
    error = errors.AuthenticationError(
        status_code=401, errors=(item,), body=b"", correlation_id="c", method="GET", url=url
    )
    named = "the enterprise" if enterprise is None else f"enterprise {enterprise!r}"
    assert str(error).endswith(
        f"UNAUTHORIZED: Refused (correlation id c); refused for {named}: the enterprise may be wrong, as well as "
        f"{credentials}"
    )
    assert error.enterprise == enterprise


def test_an_unusable_token_answer_does_not_blame_the_enterprise() -> None:
    token_url = "https://auth.pexipengage.com/realms/acme/protocol/openid-connect/token"
    error = errors.AuthenticationError(
        status_code=200, errors=(), body=b"{}", correlation_id="c", method="POST", url=token_url
    )
    assert "enterprise may be wrong" not in str(error)
    assert error.enterprise == "acme"


async def test_an_errors_message_repr_and_url_hide_the_query_values_debug_hides() -> None:
    from pexip_engage_client.testing import FakePexipEngage

    query = {"email": "jane@example.com", "username": "jane.doe", "access_token": "tok-123", "limit": "5"}
    async with PexipEngage("acme", token="t", transport=FakePexipEngage()) as engage:
        with pytest.raises(errors.APIError) as raised:
            await engage.get("/employees", params=query)
    error = raised.value
    shown = [str(error), repr(error), error.url, str(pickle.loads(pickle.dumps(error)))]  # noqa: S301 - its own bytes
    for value in ("jane", "tok-123"):
        assert not [text for text in shown if value in text], value
    assert "limit=5" in error.url  # a value named like neither stays, for the reader
