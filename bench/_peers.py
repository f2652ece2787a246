"""The clients compared by bench/calls.py, each as an async context yielding `async () -> result`.

Every peer gets the same server, the same appointment, and does the least a real caller must:
send the GET with its bearer token (the API answers nothing without one) and decode the JSON (raw
clients), or return the parsed model (the others). The
generated peers (stock openapi-python-client, OpenAPI Generator) are generated from this
openapi.yaml into a temporary folder when the benchmark runs; none of their code is committed.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import tempfile
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import httpx2
import msgspec

from pexip_engage_client import Governor, PexipEngage

from ._pydantic_models import AppointmentResponse as PydanticAppointmentResponse

ROOT = Path(__file__).resolve().parent.parent
Call = Callable[[], Awaitable[Any]]
AUTHORIZATION = {"Authorization": "Bearer bench-token"}
# httpx's defaults, but no limit on the wait for a pooled connection: with 256 calls in flight on a
# busy machine, httpcore's pool can take longer than its 5 s to hand one out, and a benchmark of
# throughput must not end in PoolTimeout.
RAW_TIMEOUT = httpx.Timeout(5.0, pool=None)


@asynccontextmanager
async def raw_aiohttp(root: str) -> AsyncIterator[Call]:
    url = f"{root}/enterprises/bench/appointments/123"
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100)) as session:

        async def call() -> Any:
            async with session.get(url, headers=AUTHORIZATION) as response:
                return json.loads(await response.read())

        yield call


@asynccontextmanager
async def raw_aiohttp_msgspec(root: str) -> AsyncIterator[Call]:
    """The physical reference: aiohttp, and msgspec's untyped decoder (the fastest JSON decoding we know of)."""
    url = f"{root}/enterprises/bench/appointments/123"
    decode = msgspec.json.Decoder().decode
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100)) as session:

        async def call() -> Any:
            async with session.get(url, headers=AUTHORIZATION) as response:
                return decode(await response.read())

        yield call


@asynccontextmanager
async def aiohttp_pydantic(root: str) -> AsyncIterator[Call]:
    """What a team would hand-roll: aiohttp, and pydantic v2 models of the documented shapes."""
    url = f"{root}/enterprises/bench/appointments/123"
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100)) as session:

        async def call() -> Any:
            async with session.get(url, headers=AUTHORIZATION) as response:
                return PydanticAppointmentResponse.model_validate_json(await response.read()).data

        yield call


class PeerUnavailableError(Exception):
    """A peer that cannot be set up on this machine (a tool is missing)."""


def generate_openapi_generator_client() -> None:
    """OpenAPI Generator's output for openapi.yaml, in a temp folder put on sys.path (as `ogen_client`)."""
    work = Path(tempfile.mkdtemp(prefix="openapi-generator-"))
    command = [
        str(Path(sys.executable).parent / "openapi-generator-cli"),
        "generate",
        "-i",
        str(ROOT / "openapi.yaml"),
        "-g",
        "python",
        "--library",
        "asyncio",
        "--package-name",
        "ogen_client",
        "-o",
        str(work),
    ]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        raise PeerUnavailableError(f"openapi-generator-cli failed: {exc}") from exc
    sys.path.insert(0, str(work))


@asynccontextmanager
async def openapi_generator(root: str) -> AsyncIterator[Call]:
    """OpenAPI Generator's Python client (`--library asyncio`: aiohttp and pydantic), as generated."""
    generate_openapi_generator_client()
    ogen = importlib.import_module("ogen_client")
    configuration = ogen.Configuration(host=f"{root}/enterprises/bench", access_token="bench-token")
    async with ogen.ApiClient(configuration) as api_client:
        appointments = ogen.AppointmentsApi(api_client)

        async def call() -> Any:
            return (await appointments.get_appointment_by_id("123")).data

        yield call


@asynccontextmanager
async def raw_httpx(root: str) -> AsyncIterator[Call]:
    url = f"{root}/enterprises/bench/appointments/123"
    async with httpx.AsyncClient(timeout=RAW_TIMEOUT) as client:

        async def call() -> Any:
            return json.loads((await client.get(url, headers=AUTHORIZATION)).content)

        yield call


@asynccontextmanager
async def raw_httpx2(root: str) -> AsyncIterator[Call]:
    """httpx's maintained continuation (`httpx2`, the client's own stack), used as raw_httpx uses httpx."""
    url = f"{root}/enterprises/bench/appointments/123"
    async with httpx2.AsyncClient(timeout=httpx2.Timeout(RAW_TIMEOUT.connect, pool=None)) as client:

        async def call() -> Any:
            return json.loads((await client.get(url, headers=AUTHORIZATION)).content)

        yield call


@asynccontextmanager
async def facade(root: str) -> AsyncIterator[Call]:
    """The client as installed: httpx2 sends (the default), the governor lifted (overhead, not the API's limits)."""
    async with PexipEngage("bench", token="bench-token", base_url=root, governor=Governor.unlimited()) as engage:

        async def call() -> Any:
            return await engage.appointments.get_appointment_by_id("123")

        yield call


@asynccontextmanager
async def facade_legacy_httpx(root: str) -> AsyncIterator[Call]:
    """The client sending through a caller's `httpx.AsyncClient` (the legacy path, the `httpx` extra)."""
    async with httpx.AsyncClient(
        timeout=RAW_TIMEOUT, limits=httpx.Limits(max_connections=100, max_keepalive_connections=100)
    ) as client:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # the legacy path's warning: measured as used
            engage = PexipEngage(
                "bench", token="bench-token", base_url=root, http_client=client, governor=Governor.unlimited()
            )
        async with engage:

            async def call() -> Any:
                return await engage.appointments.get_appointment_by_id("123")

            yield call


def generate_stock_client() -> Any:
    """openapi-python-client's stock output for the same openapi.yaml, imported from a temp folder."""
    work = Path(tempfile.mkdtemp(prefix="stock-client-"))
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(ROOT / "openapi.yaml"),
            "--meta",
            "none",
            "--output-path",
            str(work / "stock_client"),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
    )
    sys.path.insert(0, str(work))
    return importlib.import_module("stock_client")


@asynccontextmanager
async def stock_generated(root: str) -> AsyncIterator[Call]:
    stock = generate_stock_client()
    operation = importlib.import_module("stock_client.api.appointments.get_appointment_by_id")
    async with stock.Client(base_url=f"{root}/enterprises/bench") as client:

        async def call() -> Any:
            return (await operation.asyncio(client=client, id="123")).data

        yield call
