# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `PATCH /static-translation-overrides` (override_static_translations)."""

from typing import Any

from ...._runtime import Returns
from ...models.static_translation_override_input import StaticTranslationOverrideInput
from ...models.static_translation_override_list import StaticTranslationOverrideList
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(StaticTranslationOverrideList)


def build_request(
    *,
    body: list[StaticTranslationOverrideInput] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "operation": "translations.override_static_translations",
        "statuses": "200 400 401 403 422",
        "template": "/static-translation-overrides",
        "url": "/static-translation-overrides",
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
    "RETURNS",
    "StaticTranslationOverrideInput",
]
