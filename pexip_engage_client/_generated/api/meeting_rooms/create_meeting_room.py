# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `POST /meeting-rooms` (create_meeting_room)."""

from typing import Any

from ...._runtime import Returns
from ...models.meeting_room_create import MeetingRoomCreate
from ...models.meeting_room_response import MeetingRoomResponse
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(MeetingRoomResponse)


def build_request(
    *,
    body: MeetingRoomCreate,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "operation": "meeting_rooms.create_meeting_room",
        "statuses": "201 400 401 403 404",
        "template": "/meeting-rooms",
        "url": "/meeting-rooms",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "MeetingRoomCreate",
    "RETURNS",
]
