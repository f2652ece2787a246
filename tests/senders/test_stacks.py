"""httpx2 is the client's HTTP stack; httpx objects a caller brings still work (the legacy path).

The default path never imports httpx (a fresh interpreter with httpx installed beside it shows it),
a caller's httpx client or transport is sent through with one `DeprecationWarning` when it is
given, its failures come out as httpx2's, anything else is refused by name, and the fake API
answers the clients of every stack. The sender contract itself runs over every stack in
test_senders.py and test_faults.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import httpx
import httpx2
import pytest

from pexip_engage_client import PexipEngage, SyncPexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.loopback import free_port, serve, transport_app

DEFAULT_PATH = """
import asyncio, json, sys
from pexip_engage_client import PexipEngage, SyncPexipEngage
from pexip_engage_client.testing import FakePexipEngage
fake = FakePexipEngage(enterprise="acme")
found = fake.add_appointment()["id"]
async def main(root):
    async with PexipEngage("acme", token="t", base_url=root) as engage:
        await engage.appointments.get_appointment_by_id(found)
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        await engage.appointments.get_appointment_by_id(found)
    with SyncPexipEngage("acme", token="t", base_url=root) as engage:
        engage.appointments.get_appointment_by_id(found)
from tests.support.loopback import serve, transport_app
with serve(transport_app(fake)) as root:
    asyncio.run(main(root))
print(json.dumps(sorted(name for name in sys.modules if name.partition(".")[0] in ("httpx", "httpcore", "certifi"))))
"""


@pytest.mark.end_to_end
def test_the_default_path_never_imports_httpx() -> None:
    # httpx (and so httpcore and certifi) is installed in the test environment: only an import could load it.
    assert httpx.__version__
    ran = subprocess.run([sys.executable, "-c", DEFAULT_PATH], capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(ran.stdout) == []


async def test_a_default_client_sends_through_httpx2_and_says_nothing() -> None:
    from pexip_engage_client._senders._httpx_sender import HttpxSender

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        engage = PexipEngage("acme", token=TOKEN)
        with_transport = PexipEngage(
            "acme", token=TOKEN, transport=httpx2.MockTransport(lambda _: httpx2.Response(200))
        )
    sender = engage._sender.current
    assert isinstance(sender, HttpxSender)
    assert isinstance(sender._client, httpx2.AsyncClient)
    assert not sender._legacy
    assert not with_transport._sender.current._legacy  # type: ignore[attr-defined]
    assert caught == []
    await engage.close()
    await with_transport.close()


@pytest.mark.parametrize(
    ("argument", "value"),
    [
        ("http_client", httpx.AsyncClient),
        ("transport", httpx.AsyncHTTPTransport),
        ("transport", lambda: httpx.MockTransport(lambda _: httpx.Response(200))),
    ],
)
async def test_an_httpx_object_is_the_legacy_path_and_warns_once_where_it_is_given(argument: str, value: Any) -> None:
    given = value()
    with pytest.warns(DeprecationWarning, match=f"{argument} is an httpx object.*httpx2") as caught:
        engage = PexipEngage("acme", token=TOKEN, **{argument: given})
    assert caught[0].filename == __file__  # pointing at the caller's line
    assert engage._sender.current._legacy  # type: ignore[attr-defined]
    await engage.close()
    if argument == "http_client":
        await given.aclose()


def test_the_sync_client_takes_httpx_objects_too() -> None:
    with pytest.warns(DeprecationWarning, match="http_client is an httpx object"), httpx.Client() as legacy:
        SyncPexipEngage("acme", token=TOKEN, http_client=legacy).close()
    with pytest.warns(DeprecationWarning, match="transport is an httpx object"):
        SyncPexipEngage("acme", token=TOKEN, transport=httpx.HTTPTransport()).close()


@pytest.mark.parametrize(
    ("argument", "value", "expected"),
    [
        ("http_client", object(), "http_client must be an httpx2.AsyncClient"),
        ("transport", "http://proxy", "transport must be an httpx2.AsyncBaseTransport"),
        (
            "http_client",
            httpx2.Client(),
            "http_client must be an httpx2.AsyncClient",
        ),  # a sync client, to the async one
    ],
)
def test_anything_else_is_refused_by_name(argument: str, value: Any, expected: str) -> None:
    with pytest.raises(ValueError, match=expected):
        PexipEngage("acme", token=TOKEN, **{argument: value})


async def test_the_legacy_paths_failures_are_httpx2s() -> None:
    port = free_port()  # nothing listens there
    async with httpx.AsyncClient() as legacy:
        with pytest.warns(DeprecationWarning, match="http_client is an httpx object"):
            engage = PexipEngage("acme", token=TOKEN, base_url=f"http://127.0.0.1:{port}", http_client=legacy)
        async with engage:
            with pytest.raises(errors.APIConnectionError) as caught:
                await engage.appointments.get_appointment_by_id("1", max_retries=0)
    # httpx2's own class, nothing re-classed (test_httpx_migration.py)
    assert type(caught.value.__cause__) is httpx2.ConnectError
    assert caught.value.__cause__.__context__ is None  # nothing of httpx's exception (or its request) kept


async def test_the_legacy_paths_http_response_is_httpx2s_with_what_was_sent() -> None:
    fake = FakePexipEngage(enterprise="acme")
    found = fake.add_appointment()["id"]
    with serve(transport_app(fake)) as root:
        async with httpx.AsyncClient(headers={"X-Team": "billing"}) as legacy:
            with pytest.warns(DeprecationWarning, match="http_client is an httpx object"):
                engage = PexipEngage("acme", token=TOKEN, base_url=root, http_client=legacy)
            async with engage:
                raw = await engage.appointments.with_raw_response.get_appointment_by_id(found)
    assert isinstance(raw.http_response, httpx2.Response)
    assert raw.http_response.request.headers["X-Team"] == "billing"  # the caller's client's own headers
    assert raw.http_response.elapsed.total_seconds() > 0


async def test_the_fake_is_the_transport_of_every_stack() -> None:
    fake = FakePexipEngage(enterprise="acme")
    found = fake.add_appointment()["id"]
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:  # httpx2, the default
        assert (await engage.appointments.get_appointment_by_id(found)).id == found
    # The fake is httpx2's transport, and answers httpx's clients in httpx's classes; a type checker
    # knows only the first (httpx's client is typed for its own transports).
    async with httpx.AsyncClient(transport=fake, base_url="https://api.pexipengage.com") as legacy:  # type: ignore[arg-type]
        with pytest.warns(DeprecationWarning, match="http_client is an httpx object"):
            engage = PexipEngage("acme", token=TOKEN, http_client=legacy)
        async with engage:
            assert (await engage.appointments.get_appointment_by_id(found)).id == found
        plain = await legacy.get(f"/enterprises/acme/appointments/{found}", headers={"Authorization": "Bearer t"})
        assert isinstance(plain, httpx.Response)
        assert plain.json()["data"]["id"] == found
    with httpx.Client(transport=fake) as legacy_sync:  # type: ignore[arg-type]
        with pytest.warns(DeprecationWarning, match="http_client is an httpx object"):
            engage_sync = SyncPexipEngage("acme", token=TOKEN, http_client=legacy_sync)
        with engage_sync:
            assert engage_sync.appointments.get_appointment_by_id(found).id == found
    with serve(transport_app(fake)) as root:  # the one-shot sender reaches it served on loopback
        async with PexipEngage("acme", token=TOKEN, base_url=root, http_backend="one-shot") as engage:
            assert (await engage.appointments.get_appointment_by_id(found)).id == found
    assert len(fake.requests) == 5  # the caller's own GET through its httpx client among them


def test_the_old_name_of_the_default_backend_still_means_the_default() -> None:
    from pexip_engage_client._senders._httpx_sender import HttpxSender

    assert isinstance(PexipEngage("acme", token=TOKEN, http_backend="httpx")._sender.current, HttpxSender)


# What `import httpx2` loads and the package defers until a client is made: httpx2's own code, and
# the standard library it needs (cookies, urllib's request helpers, e-mail headers, the installed
# metadata its version is read from).
HTTPX2_LOADS = (
    "httpx2",
    "httpx2._client",
    "http.cookiejar",
    "urllib.request",
    "http.client",
    "email",
    "importlib.metadata",
)

_LOADED = """
import json, sys
from pexip_engage_client import PexipEngage
print(json.dumps(sorted(name for name in {names!r} if name in sys.modules)))
"""


@pytest.mark.end_to_end
def test_importing_the_client_class_runs_none_of_httpx2() -> None:
    # Why the import costs no more than `import httpx2` (issue 52): it defers all of httpx2's.
    # Counted in modules, which holds on any machine; the times are `python -m bench.footprint`'s
    # (a timed test here failed on a loaded machine at 1.12x for a ratio measured at 1.0).
    script = _LOADED.format(names=HTTPX2_LOADS)
    done = subprocess.run([sys.executable, "-I", "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


@pytest.mark.slow
@pytest.mark.main_python_only  # pyright is a development tool: not in the floors' or other Pythons' venvs
def test_a_program_on_either_stack_type_checks_under_pyright_strict(tmp_path: Path) -> None:
    # mypy --strict checks the same file with the rest of the tests (`make check`).
    config = tmp_path / "pyrightconfig.json"
    config.write_text('{"typeCheckingMode": "strict"}', encoding="utf-8")
    program = Path(__file__).with_name("_typed_user_program.py")
    binaries = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{binaries}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run(
        [str(binaries / "pyright"), "-p", str(config), "--pythonpath", sys.executable, str(program)],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 errors, 0 warnings" in run.stdout
