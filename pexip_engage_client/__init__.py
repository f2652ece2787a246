"""Async client for the Pexip Engage REST API.

    from pexip_engage_client import PexipEngage

    async with PexipEngage("acme", client_id="...", client_secret="...") as engage:
        appointment = await engage.appointments.get_appointment_by_id("123")
        async for employee in engage.employees.get_employees(limit=100):
            ...

The models (`pexip_engage_client.models`) and the operations are generated from openapi.yaml;
the client, its errors (`pexip_engage_client.errors`), the webhook parser
(`pexip_engage_client.webhooks`) and the test fake (`pexip_engage_client.testing`) are written by
hand around them.
"""

from . import errors, models, webhooks
from ._client import PexipEngage
from ._config import Environment
from ._error_codes import ErrorCode
from ._generated.types import UNSET, ApiResponse, AsyncPages, Page, RequestOptions, Unset
from ._logging import configure_from_environment as _configure_logging

_configure_logging()

__all__ = [
    "UNSET",
    "ApiResponse",
    "AsyncPages",
    "Environment",
    "ErrorCode",
    "Page",
    "PexipEngage",
    "RequestOptions",
    "Unset",
    "errors",
    "models",
    "webhooks",
]
