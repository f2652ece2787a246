# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.day_of_week import DayOfWeek
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

if TYPE_CHECKING:  # pexip: the names a local-time method's signature takes, never loaded by a call
    from ..._local_times import Ambiguous, Nonexistent, Zone


T = TypeVar("T", bound="AvailabilityTimeRange")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "startTime",
        "endTime",
        "availabilityTemplate",
        "createdAt",
        "updatedAt",
        "dayOfWeek",
    )
)


@_attrs_define
class AvailabilityTimeRange:
    """
    Attributes:
        id (str):
        start_time (str): Local time of day, HH:MM
        end_time (str): Local time of day, HH:MM
        availability_template (Reference): A reference to another resource by its ID.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        day_of_week (DayOfWeek | None | Unset):
    """

    id: str
    start_time: str
    end_time: str
    availability_template: Reference
    created_at: datetime.datetime
    updated_at: datetime.datetime
    day_of_week: DayOfWeek | None | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "id",
        "startTime",
        "endTime",
        "availabilityTemplate",
        "createdAt",
        "updatedAt",
        "dayOfWeek",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            id = self.id

            start_time = self.start_time

            end_time = self.end_time

            availability_template = self.availability_template.to_dict()

            created_at = self.created_at.isoformat()

            updated_at = self.updated_at.isoformat()

            day_of_week: None | str | Unset
            if isinstance(self.day_of_week, Unset):
                day_of_week = UNSET
            elif isinstance(self.day_of_week, DayOfWeek):
                day_of_week = self.day_of_week.value
            else:
                day_of_week = self.day_of_week

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update(
                {
                    "id": id,
                    "startTime": start_time,
                    "endTime": end_time,
                    "availabilityTemplate": availability_template,
                    "createdAt": created_at,
                    "updatedAt": updated_at,
                }
            )
            if day_of_week is not UNSET:
                field_dict["dayOfWeek"] = day_of_week

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
            raise TypeError(f"must be an object (AvailabilityTimeRange), not {type(src_dict).__name__}")
        id = src_dict["id"]
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        start_time = src_dict["startTime"]
        if not isinstance(start_time, str):
            raise TypeError(f"startTime must be str, not {type(start_time).__name__}")

        end_time = src_dict["endTime"]
        if not isinstance(end_time, str):
            raise TypeError(f"endTime must be str, not {type(end_time).__name__}")

        _raw_availability_template = src_dict["availabilityTemplate"]
        if not isinstance(_raw_availability_template, dict):
            raise TypeError(f"availabilityTemplate must be an object, not {type(_raw_availability_template).__name__}")
        try:
            availability_template = Reference.from_dict(_raw_availability_template)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "availabilityTemplate") from None

        created_at = field_datetime(src_dict["createdAt"], "createdAt")

        updated_at = field_datetime(src_dict["updatedAt"], "updatedAt")

        _raw_day_of_week = src_dict.get("dayOfWeek", UNSET)
        try:
            day_of_week = _raw_day_of_week
            if day_of_week is not None and day_of_week is not UNSET:
                if not isinstance(day_of_week, str):
                    raise TypeError(f"dayOfWeek must be DayOfWeek or None, not {type(day_of_week).__name__}")
                day_of_week_type_0 = day_of_week
                day_of_week_type_0 = DayOfWeek._by_value.get(day_of_week_type_0) or DayOfWeek(day_of_week_type_0)

                day_of_week = day_of_week_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "dayOfWeek") from None

        unknown = len(src_dict) != 6 + (_raw_day_of_week is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            id,
            start_time,
            end_time,
            availability_template,
            created_at,
            updated_at,
            day_of_week,
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

    def starts_at(
        self, on: datetime.date | str, zone: Zone, *, nonexistent: Nonexistent = "raise", ambiguous: Ambiguous = "raise"
    ) -> datetime.datetime:
        """When this starts on the date `on`: `startTime`, a wall clock's reading in `zone`, as an aware datetime there.

        `endTime` earlier than `startTime`, or `"24:00"`, is on the next day.
        The rules and the policies' table: `pexip_engage_client.times`.

        Args:
            on: the date (a `datetime.date` or `"YYYY-MM-DD"`), which must fall on `dayOfWeek` when that is set.
            zone: the availability template's time zone (its `timeZone`): an IANA name such as `"Europe/Brussels"`, or a `tzinfo`.
            nonexistent: a time the clocks skip that night: `"raise"` or `"forward"` (by the gap's length).
            ambiguous: a time the clocks show twice that night: `"raise"`, `"earlier"` or `"later"`.

        Raises:
            NonexistentTimeError: the time is skipped in `zone` that night, and `nonexistent="raise"`.
            AmbiguousTimeError: the time happens twice in `zone` that night, and `ambiguous="raise"`.
            ValueError: a field, `zone` or `on` cannot be read (the message names it).
        """
        from ..._local_times import span_edge  # pexip: local times load with their first reading

        return span_edge(
            on,
            self.start_time,
            self.end_time,
            zone,
            edge="start",
            nonexistent=nonexistent,
            ambiguous=ambiguous,
            fields=("on", "startTime", "endTime"),
            weekday=self.day_of_week,
            weekday_field="dayOfWeek",
        )

    def ends_at(
        self, on: datetime.date | str, zone: Zone, *, nonexistent: Nonexistent = "raise", ambiguous: Ambiguous = "raise"
    ) -> datetime.datetime:
        """When this ends on the date `on`: `endTime`, a wall clock's reading in `zone`, as an aware datetime there.

        `endTime` earlier than `startTime`, or `"24:00"`, is on the next day.
        The rules and the policies' table: `pexip_engage_client.times`.

        Args:
            on: the date (a `datetime.date` or `"YYYY-MM-DD"`), which must fall on `dayOfWeek` when that is set.
            zone: the availability template's time zone (its `timeZone`): an IANA name such as `"Europe/Brussels"`, or a `tzinfo`.
            nonexistent: a time the clocks skip that night: `"raise"` or `"forward"` (by the gap's length).
            ambiguous: a time the clocks show twice that night: `"raise"`, `"earlier"` or `"later"`.

        Raises:
            NonexistentTimeError: the time is skipped in `zone` that night, and `nonexistent="raise"`.
            AmbiguousTimeError: the time happens twice in `zone` that night, and `ambiguous="raise"`.
            ValueError: a field, `zone` or `on` cannot be read (the message names it).
        """
        from ..._local_times import span_edge  # pexip: local times load with their first reading

        return span_edge(
            on,
            self.start_time,
            self.end_time,
            zone,
            edge="end",
            nonexistent=nonexistent,
            ambiguous=ambiguous,
            fields=("on", "startTime", "endTime"),
            weekday=self.day_of_week,
            weekday_field="dayOfWeek",
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
