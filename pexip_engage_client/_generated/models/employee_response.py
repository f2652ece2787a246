from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import check_json_type

if TYPE_CHECKING:
    from ..models.employee import Employee


T = TypeVar("T", bound="EmployeeResponse")


@_attrs_define
class EmployeeResponse:
    """
    Attributes:
        data (Employee): An employee. The documentation's schema text is truncated after `username`; the other
            properties are modelled from its examples, as optional.
    """

    data: Employee
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.employee import Employee  # noqa: PLC0415

        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"EmployeeResponse must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)
        _raw_data = d.pop("data")
        check_json_type(_raw_data, dict, "data", "an object")
        data = Employee.from_dict(_raw_data)

        employee_response = cls(
            data=data,
        )

        employee_response.additional_properties = d
        return employee_response

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
