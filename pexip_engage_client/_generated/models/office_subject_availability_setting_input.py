from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.meeting_type import MeetingType
from ..types import UNSET, Unset

T = TypeVar("T", bound="OfficeSubjectAvailabilitySettingInput")


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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False

    def to_dict(self) -> dict[str, Any]:
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

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"OfficeSubjectAvailabilitySettingInput must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)
        meeting_type = MeetingType.from_value(d.pop("meetingType"))

        subject_id = d.pop("subjectId")
        if not isinstance(subject_id, str):
            raise TypeError(f"subjectId must be str, not {type(subject_id).__name__}")

        def _parse_auto_accept(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (bool,)):
                return cast(bool | None | Unset, data)
            raise TypeError(f"autoAccept: {type(data).__name__} matches no allowed type")

        auto_accept = _parse_auto_accept(d.pop("autoAccept", UNSET))

        def _parse_estimated_duration(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (int,)) and not isinstance(data, bool):
                return cast(int | None | Unset, data)
            raise TypeError(f"estimatedDuration: {type(data).__name__} matches no allowed type")

        estimated_duration = _parse_estimated_duration(d.pop("estimatedDuration", UNSET))

        def _parse_time_slot_granularity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (int,)) and not isinstance(data, bool):
                return cast(int | None | Unset, data)
            raise TypeError(f"timeSlotGranularity: {type(data).__name__} matches no allowed type")

        time_slot_granularity = _parse_time_slot_granularity(d.pop("timeSlotGranularity", UNSET))

        def _parse_trailing_buffer_time(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (int,)) and not isinstance(data, bool):
                return cast(int | None | Unset, data)
            raise TypeError(f"trailingBufferTime: {type(data).__name__} matches no allowed type")

        trailing_buffer_time = _parse_trailing_buffer_time(d.pop("trailingBufferTime", UNSET))

        def _parse_time_slot_earliest_possible(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (int,)) and not isinstance(data, bool):
                return cast(int | None | Unset, data)
            raise TypeError(f"timeSlotEarliestPossible: {type(data).__name__} matches no allowed type")

        time_slot_earliest_possible = _parse_time_slot_earliest_possible(d.pop("timeSlotEarliestPossible", UNSET))

        def _parse_time_slot_latest_possible(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (int,)) and not isinstance(data, bool):
                return cast(int | None | Unset, data)
            raise TypeError(f"timeSlotLatestPossible: {type(data).__name__} matches no allowed type")

        time_slot_latest_possible = _parse_time_slot_latest_possible(d.pop("timeSlotLatestPossible", UNSET))

        def _parse_max_concurrent_appointments(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (int,)) and not isinstance(data, bool):
                return cast(int | None | Unset, data)
            raise TypeError(f"maxConcurrentAppointments: {type(data).__name__} matches no allowed type")

        max_concurrent_appointments = _parse_max_concurrent_appointments(d.pop("maxConcurrentAppointments", UNSET))

        office_subject_availability_setting_input = cls(
            meeting_type=meeting_type,
            subject_id=subject_id,
            auto_accept=auto_accept,
            estimated_duration=estimated_duration,
            time_slot_granularity=time_slot_granularity,
            trailing_buffer_time=trailing_buffer_time,
            time_slot_earliest_possible=time_slot_earliest_possible,
            time_slot_latest_possible=time_slot_latest_possible,
            max_concurrent_appointments=max_concurrent_appointments,
        )

        office_subject_availability_setting_input.additional_properties = d
        return office_subject_availability_setting_input

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
