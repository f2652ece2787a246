# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `settings` operations, as methods of `SettingsResource`.

Each operation's module (its request, its models) is loaded when the operation is first called: a
program that calls one operation of the tag loads that one's models only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Unpack

from ...._runtime import UNSET, ApiResponse, Invoker, RequestOptions, Unset, coerce_body, lazy_module

if TYPE_CHECKING:
    from ...models.enterprise_settings import EnterpriseSettings
    from ...models.enterprise_settings_response import EnterpriseSettingsResponse
    from ...models.enterprise_settings_update import EnterpriseSettingsUpdate
    from . import update_enterprise_settings as _update_enterprise_settings
else:
    _update_enterprise_settings = lazy_module(f"{__package__}.update_enterprise_settings")


class SettingsResourceWithRawResponse:
    """The `settings` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def update_enterprise_settings(
        self,
        *,
        body: EnterpriseSettingsUpdate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[EnterpriseSettings]:
        """Update enterprise settings, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `SettingsResource.update_enterprise_settings`.
        """
        request = _update_enterprise_settings.build_request(
            body=coerce_body(_update_enterprise_settings.EnterpriseSettingsUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return await self._invoke(request, _update_enterprise_settings.RETURNS, options)


class SettingsResource:
    """The `settings` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = SettingsResourceWithRawResponse(invoke)

    async def update_enterprise_settings(
        self,
        *,
        body: EnterpriseSettingsUpdate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> EnterpriseSettings:
        """Update enterprise settings.

        Update the enterprise's settings, each by its name: only the settings present change. Documented
        on the development site only; the copied page lacks its title and shows the body only by its
        example, where the setting names are the documentation's placeholders for any name
        (`additionalProperty1`); each setting shows only its `manageable` flag, and may carry more (such
        as its value), which is passed on as given. The body is optional, as on the other update
        operations. The answer holds the settings by name (the example shows the two sent).

        `PATCH /settings`

        Args:
            body: The request body: a `EnterpriseSettingsUpdate`, or its JSON object (camelCase keys,
                as documented). The settings to change, by name.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            EnterpriseSettings: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_enterprise_settings.build_request(
            body=coerce_body(_update_enterprise_settings.EnterpriseSettingsUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return (await self._invoke(request, _update_enterprise_settings.RETURNS, options)).data


__all__ = ["SettingsResource", "SettingsResourceWithRawResponse"]
