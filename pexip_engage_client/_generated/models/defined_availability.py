from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.meeting_type import MeetingType
from ..types import UNSET, Unset, check_json_type

if TYPE_CHECKING:
    from ..models.reference import Reference


T = TypeVar("T", bound="DefinedAvailability")


@_attrs_define
class DefinedAvailability:
    """
    Attributes:
        start (datetime.datetime):
        end (datetime.datetime):
        employee (Reference): A reference to another resource by its ID.
        office (Reference): A reference to another resource by its ID.
        subject (Reference): A reference to another resource by its ID.
        meeting_type (MeetingType):
        force_manual_accept (bool | Unset):
        max_concurrent_appointments (int | None | Unset):
    """

    start: datetime.datetime
    end: datetime.datetime
    employee: Reference
    office: Reference
    subject: Reference
    meeting_type: MeetingType
    force_manual_accept: bool | Unset = UNSET
    max_concurrent_appointments: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True

    def to_dict(self) -> dict[str, Any]:
        start = self.start.isoformat()

        end = self.end.isoformat()

        employee = self.employee.to_dict()

        office = self.office.to_dict()

        subject = self.subject.to_dict()

        meeting_type = self.meeting_type.value

        force_manual_accept = self.force_manual_accept

        max_concurrent_appointments: int | None | Unset
        if isinstance(self.max_concurrent_appointments, Unset):
            max_concurrent_appointments = UNSET
        else:
            max_concurrent_appointments = self.max_concurrent_appointments

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "start": start,
                "end": end,
                "employee": employee,
                "office": office,
                "subject": subject,
                "meetingType": meeting_type,
            }
        )
        if force_manual_accept is not UNSET:
            field_dict["forceManualAccept"] = force_manual_accept
        if max_concurrent_appointments is not UNSET:
            field_dict["maxConcurrentAppointments"] = max_concurrent_appointments

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reference import Reference  # noqa: PLC0415

        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"DefinedAvailability must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)
        start = datetime.datetime.fromisoformat(d.pop("start"))

        end = datetime.datetime.fromisoformat(d.pop("end"))

        _raw_employee = d.pop("employee")
        check_json_type(_raw_employee, dict, "employee", "an object")
        employee = Reference.from_dict(_raw_employee)

        _raw_office = d.pop("office")
        check_json_type(_raw_office, dict, "office", "an object")
        office = Reference.from_dict(_raw_office)

        _raw_subject = d.pop("subject")
        check_json_type(_raw_subject, dict, "subject", "an object")
        subject = Reference.from_dict(_raw_subject)

        meeting_type = MeetingType.from_value(d.pop("meetingType"))

        force_manual_accept = d.pop("forceManualAccept", UNSET)
        if not isinstance(force_manual_accept, Unset) and not isinstance(force_manual_accept, bool):
            raise TypeError(f"forceManualAccept must be bool, not {type(force_manual_accept).__name__}")

        def _parse_max_concurrent_appointments(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (int,)) and not isinstance(data, bool):
                return cast(int | None | Unset, data)
            raise TypeError(f"maxConcurrentAppointments: {type(data).__name__} matches no allowed type")

        max_concurrent_appointments = _parse_max_concurrent_appointments(d.pop("maxConcurrentAppointments", UNSET))

        defined_availability = cls(
            start=start,
            end=end,
            employee=employee,
            office=office,
            subject=subject,
            meeting_type=meeting_type,
            force_manual_accept=force_manual_accept,
            max_concurrent_appointments=max_concurrent_appointments,
        )

        defined_availability.additional_properties = d
        return defined_availability

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
