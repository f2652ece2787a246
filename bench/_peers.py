"""The clients compared by bench/calls.py, each as `async (url_or_id) -> parsed result` callables.

Every peer gets the same server, the same appointment, and does the least a real caller must:
send the GET and decode the JSON (raw clients), or return the parsed model (generated clients).
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import httpx

from pexip_engage_client import PexipEngage

ROOT = Path(__file__).resolve().parent.parent
Call = Callable[[], Awaitable[Any]]


@asynccontextmanager
async def raw_aiohttp(root: str) -> AsyncIterator[Call]:
    url = f"{root}/enterprises/bench/appointments/123"
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100)) as session:

        async def call() -> Any:
            async with session.get(url) as response:
                return json.loads(await response.read())

        yield call


@asynccontextmanager
async def raw_httpx(root: str) -> AsyncIterator[Call]:
    url = f"{root}/enterprises/bench/appointments/123"
    async with httpx.AsyncClient() as client:

        async def call() -> Any:
            return json.loads((await client.get(url)).content)

        yield call


@asynccontextmanager
async def facade(root: str) -> AsyncIterator[Call]:
    """The client as installed: httpx sends (the default)."""
    async with PexipEngage("bench", token="bench-token", base_url=root) as engage:

        async def call() -> Any:
            return await engage.appointments.get_appointment_by_id("123")

        yield call


@asynccontextmanager
async def facade_fast(root: str) -> AsyncIterator[Call]:
    """The client with the `fast` extra, asked to send through aiohttp."""
    async with PexipEngage("bench", token="bench-token", base_url=root, http_backend="aiohttp") as engage:

        async def call() -> Any:
            return await engage.appointments.get_appointment_by_id("123")

        yield call


def generate_stock_client() -> Any:
    """openapi-python-client's stock output for the same openapi.yaml, imported from a temp folder."""
    work = Path(tempfile.mkdtemp(prefix="stock-client-"))
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [str(bin_dir / "openapi-python-client"), "generate", "--path", str(ROOT / "openapi.yaml"),
         "--meta", "none", "--output-path", str(work / "stock_client")],
        check=True, capture_output=True, env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
    )  # fmt: skip
    sys.path.insert(0, str(work))
    return importlib.import_module("stock_client")


@asynccontextmanager
async def stock_generated(root: str) -> AsyncIterator[Call]:
    stock = generate_stock_client()
    operation = importlib.import_module("stock_client.api.appointments.get_appointment_by_id")
    async with stock.Client(base_url=f"{root}/enterprises/bench") as client:

        async def call() -> Any:
            return await operation.asyncio(client=client, id="123")

        yield call
