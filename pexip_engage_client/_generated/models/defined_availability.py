# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.meeting_type import MeetingType
from ..types import (
    UNSET,
    Unset,
    check_fields,
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

T = TypeVar("T", bound="DefinedAvailability")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "start",
        "end",
        "employee",
        "office",
        "subject",
        "meetingType",
        "forceManualAccept",
        "maxConcurrentAppointments",
    )
)


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
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "start",
        "end",
        "employee",
        "office",
        "subject",
        "meetingType",
        "forceManualAccept",
        "maxConcurrentAppointments",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
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

        except (AttributeError, TypeError):  # pexip: a field given a value of the wrong type is named
            if unread_fields(self):  # pexip: a field check_fields does not check (a const) left unreadable
                return unreadable_to_dict(self)
            raise_misfits(self)
            raise

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"must be an object (DefinedAvailability), not {type(src_dict).__name__}")
        start = field_datetime(src_dict["start"], "start")

        end = field_datetime(src_dict["end"], "end")

        _raw_employee = src_dict["employee"]
        if not isinstance(_raw_employee, dict):
            raise TypeError(f"employee must be an object, not {type(_raw_employee).__name__}")
        try:
            employee = Reference.from_dict(_raw_employee)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "employee") from None

        _raw_office = src_dict["office"]
        if not isinstance(_raw_office, dict):
            raise TypeError(f"office must be an object, not {type(_raw_office).__name__}")
        try:
            office = Reference.from_dict(_raw_office)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "office") from None

        _raw_subject = src_dict["subject"]
        if not isinstance(_raw_subject, dict):
            raise TypeError(f"subject must be an object, not {type(_raw_subject).__name__}")
        try:
            subject = Reference.from_dict(_raw_subject)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "subject") from None

        meeting_type = src_dict["meetingType"]
        meeting_type = MeetingType._by_value.get(meeting_type) or MeetingType(meeting_type)

        _raw_force_manual_accept = src_dict.get("forceManualAccept", UNSET)
        force_manual_accept = _raw_force_manual_accept
        if force_manual_accept is not UNSET and not isinstance(force_manual_accept, bool):
            raise TypeError(f"forceManualAccept must be bool, not {type(force_manual_accept).__name__}")

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

        unknown = len(src_dict) != 6 + (_raw_force_manual_accept is not UNSET) + (
            _raw_max_concurrent_appointments is not UNSET
        )
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()

        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            start,
            end,
            employee,
            office,
            subject,
            meeting_type,
            force_manual_accept,
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


# Imported last: models that refer to each other are defined before either needs the other.
from ..models.reference import Reference  # noqa: E402
