# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `PUT /employees/{id}/office-subject-coverage-regions` (update_office_subject_coverage_regions)."""

from typing import Any

from ...._runtime import Returns, path_segment
from ...models.coverage_regions_input import CoverageRegionsInput
from ...models.office_subject_coverage_region_list import OfficeSubjectCoverageRegionList
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(OfficeSubjectCoverageRegionList)


def build_request(
    id: str,
    *,
    body: list[CoverageRegionsInput] | Unset = UNSET,
    office_id: str,
    subject_id: str,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    params: dict[str, Any] = {}

    params["office-id"] = office_id

    params["subject-id"] = subject_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "operation": "employees.update_office_subject_coverage_regions",
        "statuses": "200 400 401 403 404",
        "template": "/employees/{id}/office-subject-coverage-regions",
        "url": f"/employees/{path_segment(id)}/office-subject-coverage-regions",
        "params": params,
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = []
        for body_item_data in body:
            body_item = body_item_data.to_dict()
            _kwargs["json"].append(body_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "CoverageRegionsInput",
    "RETURNS",
]
