# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `GET /employees/{id_path}/external-calendar-events` (get_external_calendar_events)."""

import datetime
from typing import Any

from ...._runtime import Returns, path_segment
from ...models.external_calendar_event_list import ExternalCalendarEventList
from ...models.external_calendar_event_show_as import ExternalCalendarEventShowAs
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.model_of(ExternalCalendarEventList)


def build_request(
    id_path: str,
    *,
    external_calendar_id: None | str | Unset = UNSET,
    show_as: list[ExternalCalendarEventShowAs] | Unset = UNSET,
    id_query: list[str] | Unset = UNSET,
    from_: datetime.datetime,
    to: datetime.datetime,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    params: dict[str, Any] = {}

    json_external_calendar_id: None | str | Unset
    if isinstance(external_calendar_id, Unset):
        json_external_calendar_id = UNSET
    else:
        json_external_calendar_id = external_calendar_id
    params["external-calendar-id"] = json_external_calendar_id

    json_show_as: list[str] | Unset = UNSET
    if not isinstance(show_as, Unset):
        json_show_as = []
        for show_as_item_data in show_as:
            show_as_item = show_as_item_data.value
            json_show_as.append(show_as_item)

    params["show-as"] = json_show_as

    json_id_query: list[str] | Unset = UNSET
    if not isinstance(id_query, Unset):
        json_id_query = id_query

    params["id"] = json_id_query

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "operation": "employees.get_external_calendar_events",
        "statuses": "200 400 401 403 404",
        "template": "/employees/{id}/external-calendar-events",
        "url": f"/employees/{path_segment(id_path)}/external-calendar-events",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "ExternalCalendarEventShowAs",
    "RETURNS",
]
