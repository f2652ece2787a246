# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.meeting_type import MeetingType
from ..types import (
    UNSET,
    Unset,
    check_fields,
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

T = TypeVar("T", bound="OfficeSubjectAvailabilitySettingInput")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "meetingType",
        "subjectId",
        "autoAccept",
        "estimatedDuration",
        "timeSlotGranularity",
        "trailingBufferTime",
        "timeSlotEarliestPossible",
        "timeSlotLatestPossible",
        "maxConcurrentAppointments",
    )
)


@_attrs_define
class OfficeSubjectAvailabilitySettingInput:
    """
    Attributes:
        meeting_type (MeetingType):
        subject_id (str):
        auto_accept (bool | None | Unset):
        estimated_duration (int | None | Unset):
        time_slot_granularity (int | None | Unset):
        trailing_buffer_time (int | None | Unset):
        time_slot_earliest_possible (int | None | Unset):
        time_slot_latest_possible (int | None | Unset):
        max_concurrent_appointments (int | None | Unset):
    """

    meeting_type: MeetingType
    subject_id: str
    auto_accept: bool | None | Unset = UNSET
    estimated_duration: int | None | Unset = UNSET
    time_slot_granularity: int | None | Unset = UNSET
    trailing_buffer_time: int | None | Unset = UNSET
    time_slot_earliest_possible: int | None | Unset = UNSET
    time_slot_latest_possible: int | None | Unset = UNSET
    max_concurrent_appointments: int | None | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "meetingType",
        "subjectId",
        "autoAccept",
        "estimatedDuration",
        "timeSlotGranularity",
        "trailingBufferTime",
        "timeSlotEarliestPossible",
        "timeSlotLatestPossible",
        "maxConcurrentAppointments",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            meeting_type = self.meeting_type.value

            subject_id = self.subject_id

            auto_accept: bool | None | Unset
            if isinstance(self.auto_accept, Unset):
                auto_accept = UNSET
            else:
                auto_accept = self.auto_accept

            estimated_duration: int | None | Unset
            if isinstance(self.estimated_duration, Unset):
                estimated_duration = UNSET
            else:
                estimated_duration = self.estimated_duration

            time_slot_granularity: int | None | Unset
            if isinstance(self.time_slot_granularity, Unset):
                time_slot_granularity = UNSET
            else:
                time_slot_granularity = self.time_slot_granularity

            trailing_buffer_time: int | None | Unset
            if isinstance(self.trailing_buffer_time, Unset):
                trailing_buffer_time = UNSET
            else:
                trailing_buffer_time = self.trailing_buffer_time

            time_slot_earliest_possible: int | None | Unset
            if isinstance(self.time_slot_earliest_possible, Unset):
                time_slot_earliest_possible = UNSET
            else:
                time_slot_earliest_possible = self.time_slot_earliest_possible

            time_slot_latest_possible: int | None | Unset
            if isinstance(self.time_slot_latest_possible, Unset):
                time_slot_latest_possible = UNSET
            else:
                time_slot_latest_possible = self.time_slot_latest_possible

            max_concurrent_appointments: int | None | Unset
            if isinstance(self.max_concurrent_appointments, Unset):
                max_concurrent_appointments = UNSET
            else:
                max_concurrent_appointments = self.max_concurrent_appointments

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update(
                {
                    "meetingType": meeting_type,
                    "subjectId": subject_id,
                }
            )
            if auto_accept is not UNSET:
                field_dict["autoAccept"] = auto_accept
            if estimated_duration is not UNSET:
                field_dict["estimatedDuration"] = estimated_duration
            if time_slot_granularity is not UNSET:
                field_dict["timeSlotGranularity"] = time_slot_granularity
            if trailing_buffer_time is not UNSET:
                field_dict["trailingBufferTime"] = trailing_buffer_time
            if time_slot_earliest_possible is not UNSET:
                field_dict["timeSlotEarliestPossible"] = time_slot_earliest_possible
            if time_slot_latest_possible is not UNSET:
                field_dict["timeSlotLatestPossible"] = time_slot_latest_possible
            if max_concurrent_appointments is not UNSET:
                field_dict["maxConcurrentAppointments"] = max_concurrent_appointments

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
            raise TypeError(f"must be an object (OfficeSubjectAvailabilitySettingInput), not {type(src_dict).__name__}")
        meeting_type = src_dict["meetingType"]
        meeting_type = MeetingType._by_value.get(meeting_type) or MeetingType(meeting_type)

        subject_id = src_dict["subjectId"]
        if not isinstance(subject_id, str):
            raise TypeError(f"subjectId must be str, not {type(subject_id).__name__}")

        _raw_auto_accept = src_dict.get("autoAccept", UNSET)
        try:
            auto_accept = _raw_auto_accept
            if auto_accept is not None and auto_accept is not UNSET and not isinstance(auto_accept, bool):
                raise TypeError(f"autoAccept must be bool or None, not {type(auto_accept).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "autoAccept") from None

        _raw_estimated_duration = src_dict.get("estimatedDuration", UNSET)
        try:
            estimated_duration = _raw_estimated_duration
            if (
                estimated_duration is not None
                and estimated_duration is not UNSET
                and (isinstance(estimated_duration, bool) or not isinstance(estimated_duration, int))
            ):
                raise TypeError(f"estimatedDuration must be int or None, not {type(estimated_duration).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "estimatedDuration") from None

        _raw_time_slot_granularity = src_dict.get("timeSlotGranularity", UNSET)
        try:
            time_slot_granularity = _raw_time_slot_granularity
            if (
                time_slot_granularity is not None
                and time_slot_granularity is not UNSET
                and (isinstance(time_slot_granularity, bool) or not isinstance(time_slot_granularity, int))
            ):
                raise TypeError(f"timeSlotGranularity must be int or None, not {type(time_slot_granularity).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "timeSlotGranularity") from None

        _raw_trailing_buffer_time = src_dict.get("trailingBufferTime", UNSET)
        try:
            trailing_buffer_time = _raw_trailing_buffer_time
            if (
                trailing_buffer_time is not None
                and trailing_buffer_time is not UNSET
                and (isinstance(trailing_buffer_time, bool) or not isinstance(trailing_buffer_time, int))
            ):
                raise TypeError(f"trailingBufferTime must be int or None, not {type(trailing_buffer_time).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "trailingBufferTime") from None

        _raw_time_slot_earliest_possible = src_dict.get("timeSlotEarliestPossible", UNSET)
        try:
            time_slot_earliest_possible = _raw_time_slot_earliest_possible
            if (
                time_slot_earliest_possible is not None
                and time_slot_earliest_possible is not UNSET
                and (isinstance(time_slot_earliest_possible, bool) or not isinstance(time_slot_earliest_possible, int))
            ):
                raise TypeError(
                    f"timeSlotEarliestPossible must be int or None, not {type(time_slot_earliest_possible).__name__}"
                )

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "timeSlotEarliestPossible") from None

        _raw_time_slot_latest_possible = src_dict.get("timeSlotLatestPossible", UNSET)
        try:
            time_slot_latest_possible = _raw_time_slot_latest_possible
            if (
                time_slot_latest_possible is not None
                and time_slot_latest_possible is not UNSET
                and (isinstance(time_slot_latest_possible, bool) or not isinstance(time_slot_latest_possible, int))
            ):
                raise TypeError(
                    f"timeSlotLatestPossible must be int or None, not {type(time_slot_latest_possible).__name__}"
                )

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "timeSlotLatestPossible") from None

        _raw_max_concurrent_appointments = src_dict.get("maxConcurrentAppointments", UNSET)
        try:
            max_concurrent_appointments = _raw_max_concurrent_appointments
            if (
                max_concurrent_appointments is not None
                and max_concurrent_appointments is not UNSET
                and (isinstance(max_concurrent_appointments, bool) or not isinstance(max_concurrent_appointments, int))
            ):
                raise TypeError(
                    f"maxConcurrentAppointments must be int or None, not {type(max_concurrent_appointments).__name__}"
                )

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "maxConcurrentAppointments") from None

        unknown = len(src_dict) != 2 + (_raw_auto_accept is not UNSET) + (_raw_estimated_duration is not UNSET) + (
            _raw_time_slot_granularity is not UNSET
        ) + (_raw_trailing_buffer_time is not UNSET) + (_raw_time_slot_earliest_possible is not UNSET) + (
            _raw_time_slot_latest_possible is not UNSET
        ) + (_raw_max_concurrent_appointments is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            meeting_type,
            subject_id,
            auto_accept,
            estimated_duration,
            time_slot_granularity,
            trailing_buffer_time,
            time_slot_earliest_possible,
            time_slot_latest_possible,
            max_concurrent_appointments,
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
