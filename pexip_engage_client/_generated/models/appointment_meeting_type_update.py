from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.meeting_type import MeetingType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.location_input import LocationInput


T = TypeVar("T", bound="AppointmentMeetingTypeUpdate")


@_attrs_define
class AppointmentMeetingTypeUpdate:
    """
    Attributes:
        meeting_type (MeetingType):
        location (LocationInput | None | Unset):
    """

    meeting_type: MeetingType
    location: LocationInput | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False

    def to_dict(self) -> dict[str, Any]:
        from ..models.location_input import LocationInput  # noqa: PLC0415

        meeting_type = self.meeting_type.value

        location: dict[str, Any] | None | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        elif isinstance(self.location, LocationInput):
            location = self.location.to_dict()
        else:
            location = self.location

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "meetingType": meeting_type,
            }
        )
        if location is not UNSET:
            field_dict["location"] = location

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.location_input import LocationInput  # noqa: PLC0415

        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"AppointmentMeetingTypeUpdate must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)
        meeting_type = MeetingType.from_value(d.pop("meetingType"))

        def _parse_location(data: object) -> LocationInput | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"location: {type(data).__name__} matches no allowed type")
            location_type_0 = LocationInput.from_dict(data)

            return location_type_0

        location = _parse_location(d.pop("location", UNSET))

        appointment_meeting_type_update = cls(
            meeting_type=meeting_type,
            location=location,
        )

        appointment_meeting_type_update.additional_properties = d
        return appointment_meeting_type_update

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
