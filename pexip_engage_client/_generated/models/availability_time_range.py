from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.day_of_week import DayOfWeek
from ..types import UNSET, Unset, check_json_type

if TYPE_CHECKING:
    from ..models.reference import Reference


T = TypeVar("T", bound="AvailabilityTimeRange")


@_attrs_define
class AvailabilityTimeRange:
    """
    Attributes:
        id (str):
        start_time (str): Local time of day, HH:MM
        end_time (str): Local time of day, HH:MM
        availability_template (Reference): A reference to another resource by its ID.
        day_of_week (DayOfWeek | None | Unset):
        created_at (datetime.datetime | Unset):
        updated_at (datetime.datetime | Unset):
    """

    id: str
    start_time: str
    end_time: str
    availability_template: Reference
    day_of_week: DayOfWeek | None | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        start_time = self.start_time

        end_time = self.end_time

        availability_template = self.availability_template.to_dict()

        day_of_week: None | str | Unset
        if isinstance(self.day_of_week, Unset):
            day_of_week = UNSET
        elif isinstance(self.day_of_week, DayOfWeek):
            day_of_week = self.day_of_week.value
        else:
            day_of_week = self.day_of_week

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "startTime": start_time,
                "endTime": end_time,
                "availabilityTemplate": availability_template,
            }
        )
        if day_of_week is not UNSET:
            field_dict["dayOfWeek"] = day_of_week
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reference import Reference  # noqa: PLC0415

        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"AvailabilityTimeRange must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)
        id = d.pop("id")
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        start_time = d.pop("startTime")
        if not isinstance(start_time, str):
            raise TypeError(f"startTime must be str, not {type(start_time).__name__}")

        end_time = d.pop("endTime")
        if not isinstance(end_time, str):
            raise TypeError(f"endTime must be str, not {type(end_time).__name__}")

        _raw_availability_template = d.pop("availabilityTemplate")
        check_json_type(_raw_availability_template, dict, "availabilityTemplate", "an object")
        availability_template = Reference.from_dict(_raw_availability_template)

        def _parse_day_of_week(data: object) -> DayOfWeek | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError(f"dayOfWeek: {type(data).__name__} matches no allowed type")
            day_of_week_type_0 = DayOfWeek.from_value(data)

            return day_of_week_type_0

        day_of_week = _parse_day_of_week(d.pop("dayOfWeek", UNSET))

        _created_at = d.pop("createdAt", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updatedAt", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        availability_time_range = cls(
            id=id,
            start_time=start_time,
            end_time=end_time,
            availability_template=availability_template,
            day_of_week=day_of_week,
            created_at=created_at,
            updated_at=updated_at,
        )

        availability_time_range.additional_properties = d
        return availability_time_range

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
