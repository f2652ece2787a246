"""Client construction: where requests go, what is refused, and what never prints."""

from __future__ import annotations

import importlib.metadata
import inspect
import logging
import tomllib

import httpx2
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import pexip_engage_client
from pexip_engage_client import PexipEngage, models
from pexip_engage_client._configuration._config import enterprise_url
from pexip_engage_client._senders._base import USER_AGENT

from ..support.clients import TOKEN, answer, client_for
from ..support.ensure_bodies import APPOINTMENT
from ..support.spec import ROOT, documented_example


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "https://api.pexipengage.com/enterprises/acme/"),
        ({"environment": "staging"}, "https://api.staging.pexipengage.com/enterprises/acme/"),
        ({"environment": "development"}, "https://api.development.pexipengage.com/enterprises/acme/"),
        ({"base_url": "http://127.0.0.1:4010"}, "http://127.0.0.1:4010/enterprises/acme/"),
        ({"base_url": "http://localhost:8080/"}, "http://localhost:8080/enterprises/acme/"),
        ({"base_url": "http://[::1]:9000"}, "http://[::1]:9000/enterprises/acme/"),
        ({"base_url": "https://proxy.example.com/engage"}, "https://proxy.example.com/engage/enterprises/acme/"),
    ],
)
def test_base_url_is_the_enterprise_root(kwargs: dict[str, str], expected: str) -> None:
    assert str(PexipEngage("acme", token=TOKEN, **kwargs).base_url) == expected  # type: ignore[arg-type]


def _read_by_httpx2(url: str) -> str:
    """What `enterprise_url` gave for `url` when httpx2.URL read every root (before it read plain ones itself)."""
    root = httpx2.URL(url)
    return str(root.copy_with(path=root.path.rstrip("/") + "/enterprises/acme/"))


# Roots of every shape: the plain ones `_config` reads itself, and those it leaves to httpx2.URL.
_ROOTS = st.builds(
    "{}://{}{}{}".format,
    st.sampled_from(["http", "https", "HTTP", "Https"]),
    st.sampled_from(
        [
            "localhost",
            "127.0.0.1",
            "api.example.com",
            "API.Example.com",
            "a-b.c1",
            "xn--bcher-kva.de",
            "127.000.0.1",
            "256.1.1.1",
            "10.0.0.1",
            "[::1]",
            "bücher.de",
            "ex_ample.com",
        ]
    ),
    st.sampled_from(["", ":80", ":443", ":8080", ":0080", ":65535", ":65536", ":99999"]),
    st.sampled_from(
        [
            "",
            "/",
            "/engage",
            "/engage/",
            "/a/./b",
            "/a/../b",
            "/a%20b",
            "/a b",
            "/~x-y_z.w!$&'()*+,;=:@",
            "//double",
            "/a?q=1",
            "/a#f",
            "/x/.",
            "/x/..",
        ]
    ),
)


@settings(derandomize=True, max_examples=400, deadline=None)
@given(_ROOTS)
@example("https://user:pw@api.example.com")
def test_a_root_read_without_httpx2_is_what_httpx2_would_make_of_it(url: str) -> None:
    # `_config` reads a plain root itself, so that making a client does not run httpx2; for every
    # root, plain or not, the result (or the refusal) is what httpx2.URL's reading gave.
    try:
        expected: object = _read_by_httpx2(url)
        httpx2_refused = None
    except httpx2.InvalidURL:
        expected, httpx2_refused = None, True
    try:
        got: object = enterprise_url("acme", "production", url)
    except ValueError as refusal:
        got = refusal
    if isinstance(got, ValueError):  # refused: a bad URL, or one that is not a root (http elsewhere, a query, ...)
        assert httpx2_refused or not _plain_root(str(expected)), (url, got)
    else:
        assert got == expected, url


def _plain_root(url: str) -> bool:
    """Whether httpx2 reads `url` as an allowed root: http(s), http on loopback only, nothing after the path."""
    parsed = httpx2.URL(url)
    loopback = parsed.host in ("localhost", "127.0.0.1", "::1") or parsed.host.startswith("127.")
    return (
        parsed.scheme in ("http", "https")
        and (parsed.scheme == "https" or loopback)
        and not (parsed.query or parsed.fragment or parsed.userinfo)
    )


async def test_requests_go_under_the_enterprise_of_a_custom_base_url() -> None:
    engage, recorder = client_for(answer(200, documented_example("Appointment")), base_url="http://127.0.0.1:4010/api")
    async with engage:
        await engage.appointments.get_appointment_by_id("9")
    assert str(recorder.last.url) == "http://127.0.0.1:4010/api/enterprises/acme/appointments/9"


@pytest.mark.parametrize(
    "enterprise", ["", ".", "..", "a/b", "acme/../other", "a?b", "a#b", "a b", "ac%2Fme", "ac\r\nme", "é", 42, None]
)
def test_enterprise_that_could_change_the_path_is_refused(enterprise: object) -> None:
    with pytest.raises(ValueError, match="enterprise"):
        PexipEngage(enterprise, token=TOKEN)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"environment": "prod"}, "environment must be one of"),
        ({"base_url": "http://api.example.com"}, "plain http is only allowed for loopback"),
        ({"base_url": "ftp://127.0.0.1"}, "absolute http"),
        ({"base_url": "not a url"}, "absolute http"),
        ({"base_url": "https://user:pw@example.com"}, "credentials"),
        ({"timeout": 0}, "timeout must be a positive number"),
        ({"timeout": -1.0}, "timeout must be a positive number"),
        ({"timeout": httpx2.Timeout(None)}, "never time out"),
        ({"max_retries": -1}, "max_retries"),
        ({"token": ""}, "token must not be empty"),
        ({"token": 123}, "token must be a string or an async callable"),
        ({"token": "abc\r\nX-Evil: 1"}, "CR, LF"),
        ({"accept_language": "en\nX: y"}, "CR, LF"),
        (
            {"transport": httpx2.MockTransport(lambda r: httpx2.Response(200)), "http_client": httpx2.AsyncClient()},
            "either transport or http_client",
        ),
    ],
)
def test_invalid_arguments_are_refused_with_a_clear_message(kwargs: dict[str, object], message: str) -> None:
    kwargs.setdefault("token", TOKEN)
    with pytest.raises(ValueError, match=message):
        PexipEngage("acme", **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call_kwargs", "message"),
    [
        ({"correlation_id": ""}, "correlation_id must be 1 to 36"),
        ({"correlation_id": "x" * 37}, "correlation_id must be 1 to 36"),
        ({"correlation_id": "abc\r\nX-Evil: 1"}, "CR, LF"),
        ({"accept_language": "en\r\nX-Evil: 1"}, "CR, LF"),
        ({"extra_headers": {"Authorization": "Bearer other"}}, "cannot set Authorization"),
        ({"extra_headers": {"X-Note": "a\nb"}}, "CR, LF"),
        ({"timeout": 0}, "timeout"),
        ({"max_retries": -2}, "max_retries"),
        # A misspelled option would otherwise be ignored without a word (they arrive as **options).
        (
            {"max_retry": 3},
            r"^unknown argument 'max_retry' to get_appointment_by_id\(\); did you mean 'max_retries'\? "
            r"parameters: id, accept_language; request options: correlation_id, extra_body, extra_headers, ",
        ),
        ({"timeout": 5, "retries": 1, "headers": {}}, r"^unknown arguments 'headers', 'retries' to "),
    ],
)
async def test_invalid_call_options_are_refused_before_sending(call_kwargs: dict[str, object], message: str) -> None:
    engage, recorder = client_for(answer(200, documented_example("Appointment")))
    async with engage:
        with pytest.raises(ValueError, match=message):
            await engage.appointments.get_appointment_by_id("1", **call_kwargs)  # type: ignore[arg-type]
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("keyword", "nearest"),
    [
        ("start", "from_"),  # by the spec's description of `from_` ("Start date and time ..."), not by spelling
        ("end", "to"),
        ("employe_id", "employee_id"),
        ("max_retry", "max_retries"),
    ],
)
async def test_an_unknown_keyword_names_the_operations_parameters_and_the_nearest(keyword: str, nearest: str) -> None:
    """`get_appointments(start=...)` points at `from_`, and lists what the operation takes, read from its method."""
    engage, recorder = client_for(answer(200, documented_example("Appointment")))
    taken = [
        name
        for name, parameter in inspect.signature(engage.appointments.get_appointments).parameters.items()
        if parameter.kind is parameter.KEYWORD_ONLY
    ]
    async with engage:
        with pytest.raises(ValueError, match=r"^unknown argument ") as refused:
            await engage.appointments.get_appointments(**{keyword: "2026-03-02T09:00:00Z"})  # type: ignore[arg-type]
    message = str(refused.value)
    assert f"'{keyword}' to get_appointments(); did you mean '{nearest}'? " in message
    assert f"parameters: {', '.join(taken)}; request options: correlation_id, " in message
    assert recorder.requests == []


async def test_an_unknown_keyword_of_an_ensure_names_the_ensures_parameters() -> None:
    engage, recorder = client_for(answer(200, documented_example("Appointment")))
    async with engage:
        with pytest.raises(ValueError, match=r"^unknown argument 'reconcile' to ensure_appointment\(\); did you mean "):
            await engage.appointments.ensure_appointment(APPOINTMENT, reconcile=1)  # type: ignore[call-arg]
    assert recorder.requests == []


@pytest.mark.parametrize("identifier", [".", ".."])
async def test_ids_that_are_dot_segments_are_refused(identifier: str) -> None:
    engage, recorder = client_for(answer(200, documented_example("Appointment")))
    async with engage:
        with pytest.raises(ValueError, match="path parameters"):
            await engage.appointments.get_appointment_by_id(identifier)
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"description": "x", "cdoe": "typo"}, "fields or values the API does not define: cdoe"),
        ({"code": 5}, "code must be str, not int"),
        ({"description": ["a"]}, "description must be str or None, not list"),
        ({"description": None, "code": "RV"}, None),
    ],
)
async def test_wire_form_bodies_are_checked_against_the_model(body: dict[str, object], message: str | None) -> None:
    engage, recorder = client_for(
        answer(
            200,
            {
                "data": {
                    "id": "1",
                    "code": "c",
                    "createdAt": "2022-08-17T19:05:21Z",
                    "updatedAt": "2022-08-17T19:05:21Z",
                }
            },
        )
    )
    async with engage:
        if message is None:
            await engage.lead_segments.update_lead_segment_by_id("1", body=body)
            assert len(recorder.requests) == 1
        else:
            with pytest.raises(ValueError, match=message):
                await engage.lead_segments.update_lead_segment_by_id("1", body=body)
            assert recorder.requests == []


async def test_invite_body_with_missing_field_or_bad_enum_is_refused() -> None:
    engage, recorder = client_for(answer(201, documented_example("InvitedAppointment")))
    async with engage:
        with pytest.raises(ValueError, match="missing the required field 'subjectId'"):
            await engage.appointments.create_appointment_invite(body={"officeId": "o"})
        with pytest.raises(ValueError, match=r"does not define: meetingType: 'TELEPATHY' is not one of \['OFFICE', "):
            await engage.lead_segments.update_lead_segment_scheduling_settings(
                "1", body=[{"meetingType": "TELEPATHY", "subjectId": "s"}]
            )
        with pytest.raises(ValueError, match=r"does not define: meetingType: 'TELEPATHY' is not one of \['OFFICE', "):
            await engage.lead_segments.update_lead_segment_scheduling_settings(
                "1",
                body=[
                    models.LeadSegmentSchedulingSettingInput(
                        meeting_type=models.MeetingType("TELEPATHY"), subject_id="s"
                    )
                ],
            )
        with pytest.raises(ValueError, match=r"location\.translations\.citty"):
            await engage.appointments.create_appointment_invite(
                body={
                    "subjectId": "s",
                    "officeId": "o",
                    "meetingType": "OFFICE",
                    "appointmentParticipants": [],
                    "location": {"countryCode": "BE", "translations": {"city": [], "street1": [], "citty": []}},
                }
            )
    assert recorder.requests == []


def test_repr_never_shows_the_token() -> None:
    engage = PexipEngage("acme", token=TOKEN)
    assert TOKEN not in repr(engage)
    assert TOKEN not in repr(engage.auth)
    assert repr(engage) == (
        "PexipEngage(enterprise='acme', base_url='https://api.pexipengage.com/enterprises/acme/', "
        "auth=BearerAuth(token=<redacted>))"
    )


async def test_logs_carry_method_path_status_and_correlation_id_but_not_the_token(
    caplog: pytest.LogCaptureFixture,
) -> None:
    engage, _ = client_for(answer(200, documented_example("Appointment")))
    with caplog.at_level(logging.DEBUG, logger="pexip_engage_client"):
        async with engage:
            await engage.appointments.get_appointment_by_id("1", correlation_id="log-corr")
    lines = [record.getMessage() for record in caplog.records if record.name == "pexip_engage_client"]
    assert any("GET /enterprises/acme/appointments/1 -> 200" in line and "log-corr" in line for line in lines)
    assert all(TOKEN not in line for line in caplog.text.splitlines())


async def test_token_provider_is_awaited_for_each_request() -> None:
    tokens = iter(["first-token", "second-token"])

    async def provide() -> str:
        return next(tokens)

    engage, recorder = client_for(answer(200, documented_example("Appointment")), token=provide)
    async with engage:
        await engage.appointments.get_appointment_by_id("1")
        await engage.appointments.get_appointment_by_id("1")
    assert [r.headers["Authorization"] for r in recorder.requests] == ["Bearer first-token", "Bearer second-token"]


async def test_a_caller_supplied_http_client_is_used_and_left_open() -> None:
    seen: list[httpx2.Request] = []

    def respond(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(200, json=documented_example("Appointment"))

    http_client = httpx2.AsyncClient(transport=httpx2.MockTransport(respond), headers={"User-Agent": "mine/1"})
    async with PexipEngage("acme", token=TOKEN, http_client=http_client) as engage:
        await engage.appointments.get_appointment_by_id("1")
    assert seen[0].headers["User-Agent"] == "mine/1"
    assert seen[0].headers["Authorization"] == f"Bearer {TOKEN}"
    assert not http_client.is_closed
    await http_client.aclose()


def test_public_surface_is_exactly_all() -> None:
    public = {name for name in dir(pexip_engage_client) if not name.startswith("_")}
    # `testing`, `provisioning`, `mirror`, `availability` and `spec_drift` (the spec drift's face, whose names the
    # package hands out itself) are public too, but imported on demand only: importing the package must not load the
    # fake, the provisioning feature, the mirror or the availability store.
    on_demand = {"testing", "provisioning", "mirror", "availability", "spec_drift"}
    assert public - on_demand == set(pexip_engage_client.__all__)
    assert pexip_engage_client.__all__ == sorted(pexip_engage_client.__all__, key=lambda n: (not n.isupper(), n))


@pytest.mark.slow
def test_pexip_engage_log_switches_debug_logging_on_without_code() -> None:
    import os
    import subprocess
    import sys

    script = (
        "import asyncio\n"
        "from pexip_engage_client import PexipEngage\n"
        "from pexip_engage_client.testing import FakePexipEngage\n"
        "async def main():\n"
        "    fake = FakePexipEngage(); appointment = fake.add_appointment()\n"
        f"    async with PexipEngage('acme', token={TOKEN!r}, transport=fake) as engage:\n"
        "        await engage.appointments.get_appointment_by_id(appointment['id'], correlation_id='env-log')\n"
        "asyncio.run(main())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PEXIP_ENGAGE_LOG": "debug"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "DEBUG pexip_engage_client: GET /enterprises/acme/appointments/" in result.stderr
    assert "-> 200" in result.stderr
    assert "env-log" in result.stderr
    assert TOKEN not in result.stderr + result.stdout


@pytest.mark.slow
def test_importing_the_package_loads_no_model_operation_or_webhook_module() -> None:
    """Models, each tag's operations and the webhook parser load on first use (import time)."""
    import subprocess
    import sys

    script = (
        "import sys, pexip_engage_client\n"
        "loaded = [name for name in sys.modules if name.startswith(('pexip_engage_client.', 'aiohttp'))]\n"
        "print('\\n'.join(loaded))\n"
        "pexip_engage_client.webhooks.parse_event\n"  # still there when asked for
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert "pexip_engage_client._version" in loaded  # the package itself was imported
    assert "pexip_engage_client._client" not in loaded  # the client loads when first named (start-up)
    lazy = [
        name
        for name in loaded
        if name.startswith(("pexip_engage_client._generated.models.", "pexip_engage_client._generated.api."))
    ]
    assert lazy == []
    assert "pexip_engage_client.webhooks" not in loaded
    assert "aiohttp" not in loaded


@pytest.mark.parametrize(
    ("languages", "header"),
    [("nl", "nl"), (["nl", "en"], "nl, en"), ([models.Language.FR, "*"], "fr, *"), ("en *", "en *")],
)
async def test_accept_language_takes_one_tag_or_a_preference_list(languages: object, header: str) -> None:
    engage, recorder = client_for(answer(200, documented_example("Appointment")), accept_language=languages)
    async with engage:
        await engage.appointments.get_appointment_by_id("1")
    assert recorder.last.headers["Accept-Language"] == header


@pytest.mark.parametrize("languages", [[], [""], ["nl", 3], 5, b"nl", object()])
def test_an_empty_or_malformed_language_list_is_refused(languages: object) -> None:
    with pytest.raises(ValueError, match="accept_language"):
        PexipEngage("acme", token=TOKEN, accept_language=languages)  # type: ignore[arg-type]


@pytest.mark.parametrize("body", [None, ["code"], "code=X", models.LeadSegmentCreate(code="X")])
async def test_a_body_of_the_wrong_kind_is_refused_before_sending(body: object) -> None:
    engage, recorder = client_for(answer(200, {}))
    async with engage:
        with pytest.raises(ValueError, match="body must be a LeadSegmentUpdate or its JSON object"):
            await engage.lead_segments.update_lead_segment_by_id("1", body=body)  # type: ignore[arg-type]
    assert recorder.requests == []


@pytest.mark.parametrize("body", [None, {"meetingType": "OFFICE", "subjectId": "s"}, "OFFICE", [None]])
async def test_a_list_body_must_be_a_list_of_items(body: object) -> None:
    engage, recorder = client_for(answer(200, {"data": []}))
    async with engage:
        with pytest.raises(ValueError, match=r"body(\[0\])? must be a"):
            await engage.lead_segments.update_lead_segment_scheduling_settings("1", body=body)  # type: ignore[arg-type]
    assert recorder.requests == []


def test_the_user_agent_names_the_installed_version() -> None:
    # pyproject.toml reads the version from _version.py (tests/tooling/test_release.py), which the
    # development install's metadata carries.
    assert "version" in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dynamic"]
    assert f"pexip-engage-client/{importlib.metadata.version('pexip-engage-client')}" == USER_AGENT
