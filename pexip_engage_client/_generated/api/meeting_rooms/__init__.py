# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `meeting_rooms` operations, as methods of `MeetingRoomsResource`.

Each operation's module (its request, its models) is loaded when the operation is first called: a
program that calls one operation of the tag loads that one's models only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Unpack

from ...._runtime import (
    UNSET,
    ApiResponse,
    AsyncPages,
    EnsureCall,
    Ensured,
    Invoker,
    RequestOptions,
    Unset,
    check_scalar,
    coerce_body,
    lazy_module,
    validate_path_parameter,
)

if TYPE_CHECKING:
    from ...models.meeting_room import MeetingRoom
    from ...models.meeting_room_create import MeetingRoomCreate
    from ...models.meeting_room_list import MeetingRoomList
    from ...models.meeting_room_response import MeetingRoomResponse
    from ...models.meeting_room_update import MeetingRoomUpdate
    from . import create_meeting_room as _create_meeting_room
    from . import get_meeting_rooms as _get_meeting_rooms
    from . import update_meeting_room_by_id as _update_meeting_room_by_id
else:
    _get_meeting_rooms = lazy_module(f"{__package__}.get_meeting_rooms")
    _create_meeting_room = lazy_module(f"{__package__}.create_meeting_room")
    _update_meeting_room_by_id = lazy_module(f"{__package__}.update_meeting_room_by_id")


class MeetingRoomsResourceWithRawResponse:
    """The `meeting_rooms` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def get_meeting_rooms(
        self,
        *,
        id: list[str] | None | Unset = UNSET,
        external_id: list[str] | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[MeetingRoomList]:
        """Get meeting rooms, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `MeetingRoomsResource.get_meeting_rooms`.
        """
        request = _get_meeting_rooms.build_request(
            id=UNSET if id is None else id,
            external_id=UNSET if external_id is None else external_id,
            offset=check_scalar(UNSET if offset is None else offset, int, "offset"),
            limit=check_scalar(UNSET if limit is None else limit, int, "limit"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _get_meeting_rooms.RETURNS, options)

    async def create_meeting_room(
        self,
        *,
        body: MeetingRoomCreate | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[MeetingRoom]:
        """Create a meeting room, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `MeetingRoomsResource.create_meeting_room`.
        """
        request = _create_meeting_room.build_request(
            body=coerce_body(_create_meeting_room.MeetingRoomCreate.from_dict, body, "body"),
        )
        return await self._invoke(request, _create_meeting_room.RETURNS, options)

    async def update_meeting_room_by_id(
        self,
        id: str,
        *,
        body: MeetingRoomUpdate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[MeetingRoom]:
        """Update a meeting room, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `MeetingRoomsResource.update_meeting_room_by_id`.
        """
        request = _update_meeting_room_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_meeting_room_by_id.MeetingRoomUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return await self._invoke(request, _update_meeting_room_by_id.RETURNS, options)


class MeetingRoomsResource:
    """The `meeting_rooms` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = MeetingRoomsResourceWithRawResponse(invoke)

    def get_meeting_rooms(
        self,
        *,
        id: list[str] | None | Unset = UNSET,
        external_id: list[str] | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> AsyncPages[MeetingRoom]:
        """Get meeting rooms.

        Get meeting rooms with filtering, a page at a time. One more filter's name is not rendered in
        the documentation; it is not modelled.

        `GET /meeting-rooms`

        Args:
            id: ID(s) to be considered for filtering
            external_id: External ID(s) to be considered for filtering
            offset: Zero-based index of the first result to return. Left out, the server's default
                applies: 0.
            limit: The most results to return in one page. Left out, the server's default applies: 25.
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AsyncPages[MeetingRoom]: await it for the first page (`.data`, `.meta`, `.next_page()`), or `async for` every item across pages.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        async def fetch(page_offset: int) -> MeetingRoomList:
            response = await self.with_raw_response.get_meeting_rooms(
                id=id,
                external_id=external_id,
                offset=page_offset,
                limit=limit,
                accept_language=accept_language,
                **options,
            )
            return response.data

        return AsyncPages(fetch, offset or 0)

    async def create_meeting_room(
        self,
        *,
        body: MeetingRoomCreate | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> MeetingRoom:
        """Create a meeting room.

        Create a meeting room. The body is modelled from the documentation's example.

        `POST /meeting-rooms`

        Args:
            body: The request body: a `MeetingRoomCreate`, or its JSON object (camelCase keys, as
                documented). createMeetingRoom's page collapses its body (the example names its six
                fields): nothing is shown required.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            MeetingRoom: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _create_meeting_room.build_request(
            body=coerce_body(_create_meeting_room.MeetingRoomCreate.from_dict, body, "body"),
        )
        return (await self._invoke(request, _create_meeting_room.RETURNS, options)).data

    async def ensure_meeting_room(
        self,
        body: MeetingRoomCreate | Mapping[str, Any],
        *,
        reconcile_within: float | None = None,
        **options: Unpack[RequestOptions],
    ) -> Ensured[MeetingRoom]:
        """`create_meeting_room` once per `externalId`: safe to retry.

        Looks `body.externalId` up first (`get_meeting_rooms` filtered by `external-id`): a resource the body
        describes is returned (`EnsureOutcome.FOUND`); one it does not describe raises
        `ExternalIdConflictError`, several raise `DuplicateExternalIdError`, and nothing is sent.
        Otherwise it creates (`CREATED`). When the create's answer is lost (a timeout, a dropped
        connection, a 502, 503 or 504), the look-up is polled with backoff for up to `reconcile_within`
        seconds and what it finds is returned (`RECONCILED`); when it finds nothing, the create is sent
        again within `max_retries`. Concurrent ensures of one external id take turns, across processes
        through the governor's shared Redis. See docs/safe-writes.md.

        Args:
            body: The request body: a `MeetingRoomCreate`, or its JSON object (camelCase keys), with `externalId`.
            reconcile_within: Seconds to poll the look-up after a lost answer (default 10), at most the
                call's timeout.
            **options: Per-call `RequestOptions`; `timeout` and `max_retries` apply to each call it makes.

        Returns:
            Ensured[MeetingRoom]: `.resource`, and `.outcome` (created, found or reconciled).

        Raises:
            ValueError: The body has no `externalId`, or cannot be sent as the API defines it.
            pexip_engage_client.errors.EnsureError: Every other failure, naming the external id and
                saying whether a create of this call may have landed (`may_have_created`), the
                original as `__cause__`: `ExternalIdConflictError` (a resource has the external id and
                differs from the body; nothing was sent), `DuplicateExternalIdError` (several have it),
                `EnsureTurnError` (no sure turn in time), `EnsureNoAnswerError` (the answer was lost and
                the look-ups could not tell), `EnsureRefusedError` (the API refused the look-up or the
                create; a 429 is ridden out while the call's time lasts, unless its `Retry-After` is
                beyond the retry policy's `max_retry_after`), `EnsureUnreadableAnswerError` (a field of
                the look-up's answer it needs could not be read: docs/spec-drift.md).
        """
        checked = coerce_body(_create_meeting_room.MeetingRoomCreate.from_dict, body, "body")

        async def create(call: RequestOptions) -> MeetingRoom:
            return await self.create_meeting_room(body=checked, **call)

        async def page(external_id: str, call: RequestOptions) -> ApiResponse[Any]:
            # a hundred matches: one is the answer, more are duplicates to name
            return await self.with_raw_response.get_meeting_rooms(external_id=[external_id], limit=100, **call)

        ensure: EnsureCall[MeetingRoom] = EnsureCall(
            "meeting_rooms.ensure_meeting_room", "create_meeting_room", checked, create, page, reconcile_within
        )
        return await self._invoke.ensure(ensure, options)

    async def update_meeting_room_by_id(
        self,
        id: str,
        *,
        body: MeetingRoomUpdate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> MeetingRoom:
        """Update a meeting room.

        `PATCH /meeting-rooms/{id}`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `MeetingRoomUpdate`, or its JSON object (camelCase keys, as
                documented).
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            MeetingRoom: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_meeting_room_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_meeting_room_by_id.MeetingRoomUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return (await self._invoke(request, _update_meeting_room_by_id.RETURNS, options)).data


__all__ = ["MeetingRoomsResource", "MeetingRoomsResourceWithRawResponse"]
