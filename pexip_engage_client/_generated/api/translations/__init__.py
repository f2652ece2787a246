# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `translations` operations, as methods of `TranslationsResource`.

Each operation's module (its request, its models) is loaded when the operation is first called: a
program that calls one operation of the tag loads that one's models only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Unpack

from ...._runtime import UNSET, ApiResponse, Invoker, RequestOptions, Unset, coerce_bodies, lazy_module

if TYPE_CHECKING:
    from ...models.static_translation_override import StaticTranslationOverride
    from ...models.static_translation_override_input import StaticTranslationOverrideInput
    from ...models.static_translation_override_list import StaticTranslationOverrideList
    from . import override_static_translations as _override_static_translations
else:
    _override_static_translations = lazy_module(f"{__package__}.override_static_translations")


class TranslationsResourceWithRawResponse:
    """The `translations` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def override_static_translations(
        self,
        *,
        body: Sequence[StaticTranslationOverrideInput | Mapping[str, Any]] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[list[StaticTranslationOverride]]:
        """Override static translations, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `TranslationsResource.override_static_translations`.
        """
        request = _override_static_translations.build_request(
            body=coerce_bodies(_override_static_translations.StaticTranslationOverrideInput.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return await self._invoke(request, _override_static_translations.RETURNS, options)


class TranslationsResource:
    """The `translations` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = TranslationsResourceWithRawResponse(invoke)

    async def override_static_translations(
        self,
        *,
        body: Sequence[StaticTranslationOverrideInput | Mapping[str, Any]] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> list[StaticTranslationOverride]:
        """Override static translations.

        Override static translations (the texts of the product itself, such as calendar event templates)
        by their module, key and language. The body is a list of overrides (the page collapses its
        schema; the example sends an array); an override replaces the one with the same module, key and
        language, and the others stay. The answer lists the overrides sent. The page shows a plain
        "Body", so it is optional; the documented 422 names no codes.

        `PATCH /static-translation-overrides`

        Args:
            body: The request body: a list of `StaticTranslationOverrideInput`, each the model or its
                JSON object (camelCase keys).
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            list[StaticTranslationOverride]: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _override_static_translations.build_request(
            body=coerce_bodies(_override_static_translations.StaticTranslationOverrideInput.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return (await self._invoke(request, _override_static_translations.RETURNS, options)).data


__all__ = ["TranslationsResource", "TranslationsResourceWithRawResponse"]
