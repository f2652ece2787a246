from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AppliedTemplate")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "startDate",
        "endDate",
        "availabilityTemplate",
        "timeZone",
        "createdAt",
        "updatedAt",
    )
)


@_attrs_define
class AppliedTemplate:
    """
    Attributes:
        start_date (datetime.date):
        end_date (datetime.date):
        availability_template (Reference): A reference to another resource by its ID.
        time_zone (str | Unset):
        created_at (datetime.datetime | Unset):
        updated_at (datetime.datetime | Unset):
    """

    start_date: datetime.date
    end_date: datetime.date
    availability_template: Reference
    time_zone: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True
    # pexip: each field's JSON name, in the constructor's order (the fast path's typed decoding reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "startDate",
        "endDate",
        "availabilityTemplate",
        "timeZone",
        "createdAt",
        "updatedAt",
    )

    def to_dict(self) -> dict[str, Any]:
        start_date = self.start_date.isoformat()

        end_date = self.end_date.isoformat()

        availability_template = self.availability_template.to_dict()

        time_zone = self.time_zone

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
                "startDate": start_date,
                "endDate": end_date,
                "availabilityTemplate": availability_template,
            }
        )
        if time_zone is not UNSET:
            field_dict["timeZone"] = time_zone
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            # pexip: a response body not decoded yet (see _decode.py) picks the fastest way to this model
            parse_as_model = getattr(src_dict, "parse_as_model", None)
            if parse_as_model is not None:
                return parse_as_model(cls)
            raise TypeError(f"AppliedTemplate must be an object, not {type(src_dict).__name__}")
        start_date = datetime.date.fromisoformat(src_dict["startDate"])

        end_date = datetime.date.fromisoformat(src_dict["endDate"])

        _raw_availability_template = src_dict["availabilityTemplate"]
        if not isinstance(_raw_availability_template, dict):
            raise TypeError(f"availabilityTemplate must be an object, not {type(_raw_availability_template).__name__}")
        availability_template = Reference.from_dict(_raw_availability_template)

        _raw_time_zone = src_dict.get("timeZone", UNSET)
        time_zone = _raw_time_zone
        if time_zone is not UNSET and not isinstance(time_zone, str):
            raise TypeError(f"timeZone must be str, not {type(time_zone).__name__}")

        _raw_created_at = src_dict.get("createdAt", UNSET)
        _created_at = _raw_created_at
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _raw_updated_at = src_dict.get("updatedAt", UNSET)
        _updated_at = _raw_updated_at
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        unknown = len(src_dict) != 3 + (_raw_time_zone is not UNSET) + (_raw_created_at is not UNSET) + (
            _raw_updated_at is not UNSET
        )

        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            start_date,
            end_date,
            availability_template,
            time_zone,
            created_at,
            updated_at,
            additional_properties,
        )

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
from ..models.reference import Reference  # noqa: E402
