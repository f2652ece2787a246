# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.meeting_type import MeetingType
from ..types import (
    UNSET,
    Unset,
    check_fields,
    check_json_type,
    field_datetime,
    in_field,
    model_html,
    model_json,
    model_pretty,
    model_record,
    model_repr,
    model_state,
    note_unknown_field,
    raise_misfits,
    set_model_state,
    unread_fields,
    unreadable_field,
    unreadable_to_dict,
)

T = TypeVar("T", bound="Context")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "externalId",
        "appointmentExternalId",
        "end",
        "metadata",
        "employeeIds",
        "secondaryEmployeeIds",
        "subjectIds",
        "subjectGroupIds",
        "listingIds",
        "leadSegmentIds",
        "meetingRoomIds",
        "meetingTypes",
        "customerIds",
        "secondaryCustomerIds",
        "start",
        "expiresAt",
    )
)


@_attrs_define
class Context:
    """A context: what was sent, its `id`, and when it expires (`expiresAt`). The schema shown is
    cut after `leadSegmentIds`; the properties after it come from the complete example.

        Attributes:
            id (str):
            external_id (None | str | Unset):
            appointment_external_id (None | str | Unset):
            end (datetime.datetime | None | Unset):
            metadata (Metadata | None | Unset):
            employee_ids (list[str] | Unset): ID(s) to be considered for filtering
            secondary_employee_ids (list[str] | Unset): ID(s) to be considered for filtering
            subject_ids (list[str] | Unset): ID(s) to be considered for filtering
            subject_group_ids (list[str] | Unset): ID(s) to be considered for filtering
            listing_ids (list[str] | Unset): ID(s) to be considered for filtering
            lead_segment_ids (list[str] | Unset): ID(s) to be considered for filtering
            meeting_room_ids (list[str] | Unset): ID(s) to be considered for filtering
            meeting_types (list[MeetingType] | Unset):
            customer_ids (list[str] | Unset): ID(s) to be considered for filtering
            secondary_customer_ids (list[str] | Unset): ID(s) to be considered for filtering
            start (datetime.datetime | None | Unset):
            expires_at (datetime.datetime | Unset):
    """

    id: str
    external_id: None | str | Unset = UNSET
    appointment_external_id: None | str | Unset = UNSET
    end: datetime.datetime | None | Unset = UNSET
    metadata: Metadata | None | Unset = UNSET
    employee_ids: list[str] | Unset = UNSET
    secondary_employee_ids: list[str] | Unset = UNSET
    subject_ids: list[str] | Unset = UNSET
    subject_group_ids: list[str] | Unset = UNSET
    listing_ids: list[str] | Unset = UNSET
    lead_segment_ids: list[str] | Unset = UNSET
    meeting_room_ids: list[str] | Unset = UNSET
    meeting_types: list[MeetingType] | Unset = UNSET
    customer_ids: list[str] | Unset = UNSET
    secondary_customer_ids: list[str] | Unset = UNSET
    start: datetime.datetime | None | Unset = UNSET
    expires_at: datetime.datetime | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "id",
        "externalId",
        "appointmentExternalId",
        "end",
        "metadata",
        "employeeIds",
        "secondaryEmployeeIds",
        "subjectIds",
        "subjectGroupIds",
        "listingIds",
        "leadSegmentIds",
        "meetingRoomIds",
        "meetingTypes",
        "customerIds",
        "secondaryCustomerIds",
        "start",
        "expiresAt",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            id = self.id

            external_id: None | str | Unset
            if isinstance(self.external_id, Unset):
                external_id = UNSET
            else:
                external_id = self.external_id

            appointment_external_id: None | str | Unset
            if isinstance(self.appointment_external_id, Unset):
                appointment_external_id = UNSET
            else:
                appointment_external_id = self.appointment_external_id

            end: None | str | Unset
            if isinstance(self.end, Unset):
                end = UNSET
            elif isinstance(self.end, datetime.datetime):
                end = self.end.isoformat()
            else:
                end = self.end

            metadata: dict[str, Any] | None | Unset
            if isinstance(self.metadata, Unset):
                metadata = UNSET
            elif isinstance(self.metadata, Metadata):
                metadata = self.metadata.to_dict()
            else:
                metadata = self.metadata

            employee_ids: list[str] | Unset = UNSET
            if not isinstance(self.employee_ids, Unset):
                employee_ids = self.employee_ids

            secondary_employee_ids: list[str] | Unset = UNSET
            if not isinstance(self.secondary_employee_ids, Unset):
                secondary_employee_ids = self.secondary_employee_ids

            subject_ids: list[str] | Unset = UNSET
            if not isinstance(self.subject_ids, Unset):
                subject_ids = self.subject_ids

            subject_group_ids: list[str] | Unset = UNSET
            if not isinstance(self.subject_group_ids, Unset):
                subject_group_ids = self.subject_group_ids

            listing_ids: list[str] | Unset = UNSET
            if not isinstance(self.listing_ids, Unset):
                listing_ids = self.listing_ids

            lead_segment_ids: list[str] | Unset = UNSET
            if not isinstance(self.lead_segment_ids, Unset):
                lead_segment_ids = self.lead_segment_ids

            meeting_room_ids: list[str] | Unset = UNSET
            if not isinstance(self.meeting_room_ids, Unset):
                meeting_room_ids = self.meeting_room_ids

            meeting_types: list[str] | Unset = UNSET
            if not isinstance(self.meeting_types, Unset):
                meeting_types = []
                for meeting_types_item_data in self.meeting_types:
                    meeting_types_item = meeting_types_item_data.value
                    meeting_types.append(meeting_types_item)

            customer_ids: list[str] | Unset = UNSET
            if not isinstance(self.customer_ids, Unset):
                customer_ids = self.customer_ids

            secondary_customer_ids: list[str] | Unset = UNSET
            if not isinstance(self.secondary_customer_ids, Unset):
                secondary_customer_ids = self.secondary_customer_ids

            start: None | str | Unset
            if isinstance(self.start, Unset):
                start = UNSET
            elif isinstance(self.start, datetime.datetime):
                start = self.start.isoformat()
            else:
                start = self.start

            expires_at: str | Unset = UNSET
            if not isinstance(self.expires_at, Unset):
                expires_at = self.expires_at.isoformat()

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update(
                {
                    "id": id,
                }
            )
            if external_id is not UNSET:
                field_dict["externalId"] = external_id
            if appointment_external_id is not UNSET:
                field_dict["appointmentExternalId"] = appointment_external_id
            if end is not UNSET:
                field_dict["end"] = end
            if metadata is not UNSET:
                field_dict["metadata"] = metadata
            if employee_ids is not UNSET:
                field_dict["employeeIds"] = employee_ids
            if secondary_employee_ids is not UNSET:
                field_dict["secondaryEmployeeIds"] = secondary_employee_ids
            if subject_ids is not UNSET:
                field_dict["subjectIds"] = subject_ids
            if subject_group_ids is not UNSET:
                field_dict["subjectGroupIds"] = subject_group_ids
            if listing_ids is not UNSET:
                field_dict["listingIds"] = listing_ids
            if lead_segment_ids is not UNSET:
                field_dict["leadSegmentIds"] = lead_segment_ids
            if meeting_room_ids is not UNSET:
                field_dict["meetingRoomIds"] = meeting_room_ids
            if meeting_types is not UNSET:
                field_dict["meetingTypes"] = meeting_types
            if customer_ids is not UNSET:
                field_dict["customerIds"] = customer_ids
            if secondary_customer_ids is not UNSET:
                field_dict["secondaryCustomerIds"] = secondary_customer_ids
            if start is not UNSET:
                field_dict["start"] = start
            if expires_at is not UNSET:
                field_dict["expiresAt"] = expires_at

            return field_dict

        except (AttributeError, TypeError):  # pexip: a field given a value of the wrong type is named
            if unread_fields(self):  # pexip: a field check_fields does not check (a const) left unreadable
                return unreadable_to_dict(self)
            raise_misfits(self)
            raise

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"must be an object (Context), not {type(src_dict).__name__}")
        id = src_dict["id"]
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        _raw_external_id = src_dict.get("externalId", UNSET)
        try:
            external_id = _raw_external_id
            if external_id is not None and external_id is not UNSET and not isinstance(external_id, str):
                raise TypeError(f"externalId must be str or None, not {type(external_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "externalId") from None

        _raw_appointment_external_id = src_dict.get("appointmentExternalId", UNSET)
        try:
            appointment_external_id = _raw_appointment_external_id
            if (
                appointment_external_id is not None
                and appointment_external_id is not UNSET
                and not isinstance(appointment_external_id, str)
            ):
                raise TypeError(
                    f"appointmentExternalId must be str or None, not {type(appointment_external_id).__name__}"
                )

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "appointmentExternalId") from None

        _raw_end = src_dict.get("end", UNSET)
        try:
            end = _raw_end
            if end is not None and end is not UNSET:
                if not isinstance(end, str | datetime.datetime):
                    raise TypeError(f"end must be datetime.datetime or None, not {type(end).__name__}")
                end_type_0 = field_datetime(end, "end_type_0")

                end = end_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "end") from None

        _raw_metadata = src_dict.get("metadata", UNSET)
        try:
            metadata = _raw_metadata
            if metadata is not None and metadata is not UNSET:
                if not isinstance(metadata, dict):
                    raise TypeError(f"metadata must be Metadata or None, not {type(metadata).__name__}")
                metadata_type_0 = Metadata.from_dict(metadata)

                metadata = metadata_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "metadata") from None

        _raw_employee_ids = src_dict.get("employeeIds", UNSET)
        check_json_type(_raw_employee_ids, (list, Unset), "employeeIds", "an array")
        try:
            employee_ids = cast(list[str], _raw_employee_ids)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "employeeIds", employee_ids) from None

        _raw_secondary_employee_ids = src_dict.get("secondaryEmployeeIds", UNSET)
        check_json_type(_raw_secondary_employee_ids, (list, Unset), "secondaryEmployeeIds", "an array")
        try:
            secondary_employee_ids = cast(list[str], _raw_secondary_employee_ids)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "secondaryEmployeeIds", secondary_employee_ids) from None

        _raw_subject_ids = src_dict.get("subjectIds", UNSET)
        check_json_type(_raw_subject_ids, (list, Unset), "subjectIds", "an array")
        try:
            subject_ids = cast(list[str], _raw_subject_ids)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "subjectIds", subject_ids) from None

        _raw_subject_group_ids = src_dict.get("subjectGroupIds", UNSET)
        check_json_type(_raw_subject_group_ids, (list, Unset), "subjectGroupIds", "an array")
        try:
            subject_group_ids = cast(list[str], _raw_subject_group_ids)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "subjectGroupIds", subject_group_ids) from None

        _raw_listing_ids = src_dict.get("listingIds", UNSET)
        check_json_type(_raw_listing_ids, (list, Unset), "listingIds", "an array")
        try:
            listing_ids = cast(list[str], _raw_listing_ids)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "listingIds", listing_ids) from None

        _raw_lead_segment_ids = src_dict.get("leadSegmentIds", UNSET)
        check_json_type(_raw_lead_segment_ids, (list, Unset), "leadSegmentIds", "an array")
        try:
            lead_segment_ids = cast(list[str], _raw_lead_segment_ids)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "leadSegmentIds", lead_segment_ids) from None

        _raw_meeting_room_ids = src_dict.get("meetingRoomIds", UNSET)
        check_json_type(_raw_meeting_room_ids, (list, Unset), "meetingRoomIds", "an array")
        try:
            meeting_room_ids = cast(list[str], _raw_meeting_room_ids)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "meetingRoomIds", meeting_room_ids) from None

        _raw_meeting_types = src_dict.get("meetingTypes", UNSET)
        check_json_type(_raw_meeting_types, (list, Unset), "meetingTypes", "an array")
        try:
            _meeting_types = _raw_meeting_types
            meeting_types: list[MeetingType] | Unset = UNSET
            if _meeting_types is not UNSET:
                meeting_types = []
                for meeting_types_item_data in _meeting_types:
                    meeting_types_item = meeting_types_item_data
                    meeting_types_item = MeetingType._by_value.get(meeting_types_item) or MeetingType(
                        meeting_types_item
                    )

                    meeting_types.append(meeting_types_item)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "meetingTypes", meeting_types) from None

        _raw_customer_ids = src_dict.get("customerIds", UNSET)
        check_json_type(_raw_customer_ids, (list, Unset), "customerIds", "an array")
        try:
            customer_ids = cast(list[str], _raw_customer_ids)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "customerIds", customer_ids) from None

        _raw_secondary_customer_ids = src_dict.get("secondaryCustomerIds", UNSET)
        check_json_type(_raw_secondary_customer_ids, (list, Unset), "secondaryCustomerIds", "an array")
        try:
            secondary_customer_ids = cast(list[str], _raw_secondary_customer_ids)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "secondaryCustomerIds", secondary_customer_ids) from None

        _raw_start = src_dict.get("start", UNSET)
        try:
            start = _raw_start
            if start is not None and start is not UNSET:
                if not isinstance(start, str | datetime.datetime):
                    raise TypeError(f"start must be datetime.datetime or None, not {type(start).__name__}")
                start_type_0 = field_datetime(start, "start_type_0")

                start = start_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "start") from None

        _raw_expires_at = src_dict.get("expiresAt", UNSET)
        _expires_at = _raw_expires_at
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = field_datetime(_expires_at, "expiresAt")

        unknown = len(src_dict) != 1 + (_raw_external_id is not UNSET) + (_raw_appointment_external_id is not UNSET) + (
            _raw_end is not UNSET
        ) + (_raw_metadata is not UNSET) + (_raw_employee_ids is not UNSET) + (
            _raw_secondary_employee_ids is not UNSET
        ) + (_raw_subject_ids is not UNSET) + (_raw_subject_group_ids is not UNSET) + (
            _raw_listing_ids is not UNSET
        ) + (_raw_lead_segment_ids is not UNSET) + (_raw_meeting_room_ids is not UNSET) + (
            _raw_meeting_types is not UNSET
        ) + (_raw_customer_ids is not UNSET) + (_raw_secondary_customer_ids is not UNSET) + (
            _raw_start is not UNSET
        ) + (_raw_expires_at is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            id,
            external_id,
            appointment_external_id,
            end,
            metadata,
            employee_ids,
            secondary_employee_ids,
            subject_ids,
            subject_group_ids,
            listing_ids,
            lead_segment_ids,
            meeting_room_ids,
            meeting_types,
            customer_ids,
            secondary_customer_ids,
            start,
            expires_at,
            additional_properties,
        )

    if not TYPE_CHECKING:  # pexip: hidden from type checkers, which would then accept any attribute name
        # pexip: a field an answer left unreadable raises UnreadableFieldError when read (_runtime/lenient.py)
        def __getattr__(self, name: str) -> Any:
            raise unreadable_field(self, name)

    # pexip: pickled and copied without the fields an answer left unreadable
    def __getstate__(self) -> dict[str, Any]:
        return model_state(self)

    def __setstate__(self, state: dict[str, Any]) -> None:
        set_model_state(self, state)

    # pexip: the fields that were set, key fields first, enums by value (see _views/_models.py)
    def __repr__(self) -> str:
        return model_repr(self)

    # pexip: IPython and Jupyter show the same fields a line each
    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        model_pretty(self, printer, cycle)

    # pexip: Jupyter shows a table of the same fields
    def _repr_html_(self) -> str:
        return model_html(self)

    # pexip: the wire form as JSON text
    def to_json(self, *, indent: int | None = None) -> str:
        """The model as the API's JSON text: `to_dict()`'s camelCase keys and ISO date-times."""
        return model_json(self, indent)

    # pexip: a row for a DataFrame
    def to_record(self) -> dict[str, Any]:
        """Every field by its Python (snake_case) name, unset ones as None, with real `datetime`s and
        `date`s, enums as their values and nested models as records: `pandas.DataFrame(rows)` ready."""
        return model_record(self)

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Imported last: models that refer to each other are defined before either needs the other.
from ..models.metadata import Metadata  # noqa: E402
