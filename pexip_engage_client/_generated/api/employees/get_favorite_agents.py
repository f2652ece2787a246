# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `GET /employees/{id}/favorite-agents` (get_favorite_agents)."""

from typing import Any

from ...._runtime import Returns, path_segment
from ...models.favorite_agent_list import FavoriteAgentList
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.model_of(FavoriteAgentList)


def build_request(
    id: str,
    *,
    office_id: list[str] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    params: dict[str, Any] = {}

    json_office_id: list[str] | Unset = UNSET
    if not isinstance(office_id, Unset):
        json_office_id = office_id

    params["office-id"] = json_office_id

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "operation": "employees.get_favorite_agents",
        "statuses": "200 400 401 403 404",
        "template": "/employees/{id}/favorite-agents",
        "url": f"/employees/{path_segment(id)}/favorite-agents",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "RETURNS",
]
