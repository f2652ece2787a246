# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.external_calendar_event_show_as import ExternalCalendarEventShowAs
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

T = TypeVar("T", bound="ExternalCalendarEvent")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "externalId",
        "externalCalendar",
        "start",
        "end",
        "allDay",
        "showAs",
        "title",
        "description",
        "resourceType",
        "resourceId",
        "private",
        "createdAt",
        "updatedAt",
    )
)


@_attrs_define
class ExternalCalendarEvent:
    """An event of an employee's external calendar. The documentation shows it only by its example,
    so its properties are typed from that and only `id` is required.

        Attributes:
            id (str):
            external_id (None | str | Unset):
            external_calendar (None | Reference | Unset):
            start (datetime.datetime | Unset):
            end (datetime.datetime | Unset):
            all_day (bool | Unset):
            show_as (ExternalCalendarEventShowAs | Unset): How an external calendar event shows its time.
            title (None | str | Unset):
            description (None | str | Unset):
            resource_type (None | str | Unset): The kind of Engage resource the event stands for, e.g. APPOINTMENT.
            resource_id (None | str | Unset):
            private (bool | Unset):
            created_at (datetime.datetime | Unset):
            updated_at (datetime.datetime | Unset):
    """

    id: str
    external_id: None | str | Unset = UNSET
    external_calendar: None | Reference | Unset = UNSET
    start: datetime.datetime | Unset = UNSET
    end: datetime.datetime | Unset = UNSET
    all_day: bool | Unset = UNSET
    show_as: ExternalCalendarEventShowAs | Unset = UNSET
    title: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    resource_type: None | str | Unset = UNSET
    resource_id: None | str | Unset = UNSET
    private: bool | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "id",
        "externalId",
        "externalCalendar",
        "start",
        "end",
        "allDay",
        "showAs",
        "title",
        "description",
        "resourceType",
        "resourceId",
        "private",
        "createdAt",
        "updatedAt",
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

            external_calendar: dict[str, Any] | None | Unset
            if isinstance(self.external_calendar, Unset):
                external_calendar = UNSET
            elif isinstance(self.external_calendar, Reference):
                external_calendar = self.external_calendar.to_dict()
            else:
                external_calendar = self.external_calendar

            start: str | Unset = UNSET
            if not isinstance(self.start, Unset):
                start = self.start.isoformat()

            end: str | Unset = UNSET
            if not isinstance(self.end, Unset):
                end = self.end.isoformat()

            all_day = self.all_day

            show_as: str | Unset = UNSET
            if not isinstance(self.show_as, Unset):
                show_as = self.show_as.value

            title: None | str | Unset
            if isinstance(self.title, Unset):
                title = UNSET
            else:
                title = self.title

            description: None | str | Unset
            if isinstance(self.description, Unset):
                description = UNSET
            else:
                description = self.description

            resource_type: None | str | Unset
            if isinstance(self.resource_type, Unset):
                resource_type = UNSET
            else:
                resource_type = self.resource_type

            resource_id: None | str | Unset
            if isinstance(self.resource_id, Unset):
                resource_id = UNSET
            else:
                resource_id = self.resource_id

            private = self.private

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
                }
            )
            if external_id is not UNSET:
                field_dict["externalId"] = external_id
            if external_calendar is not UNSET:
                field_dict["externalCalendar"] = external_calendar
            if start is not UNSET:
                field_dict["start"] = start
            if end is not UNSET:
                field_dict["end"] = end
            if all_day is not UNSET:
                field_dict["allDay"] = all_day
            if show_as is not UNSET:
                field_dict["showAs"] = show_as
            if title is not UNSET:
                field_dict["title"] = title
            if description is not UNSET:
                field_dict["description"] = description
            if resource_type is not UNSET:
                field_dict["resourceType"] = resource_type
            if resource_id is not UNSET:
                field_dict["resourceId"] = resource_id
            if private is not UNSET:
                field_dict["private"] = private
            if created_at is not UNSET:
                field_dict["createdAt"] = created_at
            if updated_at is not UNSET:
                field_dict["updatedAt"] = updated_at

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
            raise TypeError(f"must be an object (ExternalCalendarEvent), not {type(src_dict).__name__}")
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

        _raw_external_calendar = src_dict.get("externalCalendar", UNSET)
        try:
            external_calendar = _raw_external_calendar
            if external_calendar is not None and external_calendar is not UNSET:
                if not isinstance(external_calendar, dict):
                    raise TypeError(
                        f"externalCalendar must be Reference or None, not {type(external_calendar).__name__}"
                    )
                external_calendar_type_0 = Reference.from_dict(external_calendar)

                external_calendar = external_calendar_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "externalCalendar") from None

        _raw_start = src_dict.get("start", UNSET)
        _start = _raw_start
        start: datetime.datetime | Unset
        if isinstance(_start, Unset):
            start = UNSET
        else:
            start = field_datetime(_start, "start")

        _raw_end = src_dict.get("end", UNSET)
        _end = _raw_end
        end: datetime.datetime | Unset
        if isinstance(_end, Unset):
            end = UNSET
        else:
            end = field_datetime(_end, "end")

        _raw_all_day = src_dict.get("allDay", UNSET)
        all_day = _raw_all_day
        if all_day is not UNSET and not isinstance(all_day, bool):
            raise TypeError(f"allDay must be bool, not {type(all_day).__name__}")

        _raw_show_as = src_dict.get("showAs", UNSET)
        _show_as = _raw_show_as
        show_as: ExternalCalendarEventShowAs | Unset
        if isinstance(_show_as, Unset):
            show_as = UNSET
        else:
            show_as = ExternalCalendarEventShowAs._by_value.get(_show_as) or ExternalCalendarEventShowAs(_show_as)

        _raw_title = src_dict.get("title", UNSET)
        try:
            title = _raw_title
            if title is not None and title is not UNSET and not isinstance(title, str):
                raise TypeError(f"title must be str or None, not {type(title).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "title") from None

        _raw_description = src_dict.get("description", UNSET)
        try:
            description = _raw_description
            if description is not None and description is not UNSET and not isinstance(description, str):
                raise TypeError(f"description must be str or None, not {type(description).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "description") from None

        _raw_resource_type = src_dict.get("resourceType", UNSET)
        try:
            resource_type = _raw_resource_type
            if resource_type is not None and resource_type is not UNSET and not isinstance(resource_type, str):
                raise TypeError(f"resourceType must be str or None, not {type(resource_type).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "resourceType") from None

        _raw_resource_id = src_dict.get("resourceId", UNSET)
        try:
            resource_id = _raw_resource_id
            if resource_id is not None and resource_id is not UNSET and not isinstance(resource_id, str):
                raise TypeError(f"resourceId must be str or None, not {type(resource_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "resourceId") from None

        _raw_private = src_dict.get("private", UNSET)
        private = _raw_private
        if private is not UNSET and not isinstance(private, bool):
            raise TypeError(f"private must be bool, not {type(private).__name__}")

        _raw_created_at = src_dict.get("createdAt", UNSET)
        _created_at = _raw_created_at
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = field_datetime(_created_at, "createdAt")

        _raw_updated_at = src_dict.get("updatedAt", UNSET)
        _updated_at = _raw_updated_at
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = field_datetime(_updated_at, "updatedAt")

        unknown = len(src_dict) != 1 + (_raw_external_id is not UNSET) + (_raw_external_calendar is not UNSET) + (
            _raw_start is not UNSET
        ) + (_raw_end is not UNSET) + (_raw_all_day is not UNSET) + (_raw_show_as is not UNSET) + (
            _raw_title is not UNSET
        ) + (_raw_description is not UNSET) + (_raw_resource_type is not UNSET) + (_raw_resource_id is not UNSET) + (
            _raw_private is not UNSET
        ) + (_raw_created_at is not UNSET) + (_raw_updated_at is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()

        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            id,
            external_id,
            external_calendar,
            start,
            end,
            all_day,
            show_as,
            title,
            description,
            resource_type,
            resource_id,
            private,
            created_at,
            updated_at,
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
