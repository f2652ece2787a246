# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
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


T = TypeVar("T", bound="ListingTimeSlot")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "listing",
        "date",
        "startTime",
        "endTime",
        "bookable",
        "assignments",
        "createdAt",
        "updatedAt",
    )
)


@_attrs_define
class ListingTimeSlot:
    """A time slot of a listing: a date, a start and an end time (as the examples write them,
    `2022-08-01` and `09:00`), and the employees assigned to it.

        Attributes:
            id (str):
            listing (Reference): A reference to another resource by its ID.
            date (str):
            start_time (str):
            end_time (str):
            bookable (bool):
            assignments (list[ListingTimeSlotAssignment]):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
    """

    id: str
    listing: Reference
    date: str
    start_time: str
    end_time: str
    bookable: bool
    assignments: list[ListingTimeSlotAssignment]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "id",
        "listing",
        "date",
        "startTime",
        "endTime",
        "bookable",
        "assignments",
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

            listing = self.listing.to_dict()

            date = self.date

            start_time = self.start_time

            end_time = self.end_time

            bookable = self.bookable

            assignments = []
            for assignments_item_data in self.assignments:
                assignments_item = assignments_item_data.to_dict()
                assignments.append(assignments_item)

            created_at = self.created_at.isoformat()

            updated_at = self.updated_at.isoformat()

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update(
                {
                    "id": id,
                    "listing": listing,
                    "date": date,
                    "startTime": start_time,
                    "endTime": end_time,
                    "bookable": bookable,
                    "assignments": assignments,
                    "createdAt": created_at,
                    "updatedAt": updated_at,
                }
            )

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
            raise TypeError(f"must be an object (ListingTimeSlot), not {type(src_dict).__name__}")
        id = src_dict["id"]
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        _raw_listing = src_dict["listing"]
        if not isinstance(_raw_listing, dict):
            raise TypeError(f"listing must be an object, not {type(_raw_listing).__name__}")
        try:
            listing = Reference.from_dict(_raw_listing)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "listing") from None

        date = src_dict["date"]
        if not isinstance(date, str):
            raise TypeError(f"date must be str, not {type(date).__name__}")

        start_time = src_dict["startTime"]
        if not isinstance(start_time, str):
            raise TypeError(f"startTime must be str, not {type(start_time).__name__}")

        end_time = src_dict["endTime"]
        if not isinstance(end_time, str):
            raise TypeError(f"endTime must be str, not {type(end_time).__name__}")

        bookable = src_dict["bookable"]
        if not isinstance(bookable, bool):
            raise TypeError(f"bookable must be bool, not {type(bookable).__name__}")

        _raw_assignments = src_dict["assignments"]
        if not isinstance(_raw_assignments, list):
            raise TypeError(f"assignments must be an array, not {type(_raw_assignments).__name__}")
        try:
            assignments = []
            _assignments = _raw_assignments
            for assignments_item_data in _assignments:
                assignments_item = ListingTimeSlotAssignment.from_dict(assignments_item_data)

                assignments.append(assignments_item)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "assignments", assignments) from None

        created_at = field_datetime(src_dict["createdAt"], "createdAt")

        updated_at = field_datetime(src_dict["updatedAt"], "updatedAt")

        unknown = len(src_dict) != 9
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            id,
            listing,
            date,
            start_time,
            end_time,
            bookable,
            assignments,
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

    def starts_at(
        self, zone: Zone, *, nonexistent: Nonexistent = "raise", ambiguous: Ambiguous = "raise"
    ) -> datetime.datetime:
        """When this starts: `date` and `startTime`, a wall clock's reading in `zone`, as an aware datetime there.

        `endTime` earlier than `startTime`, or `"24:00"`, is on the next day.
        The rules and the policies' table: `pexip_engage_client.times`.

        Args:
            zone: the listing's time zone (its `timeZone`): an IANA name such as `"Europe/Brussels"`, or a `tzinfo`.
            nonexistent: a time the clocks skip that night: `"raise"` or `"forward"` (by the gap's length).
            ambiguous: a time the clocks show twice that night: `"raise"`, `"earlier"` or `"later"`.

        Raises:
            NonexistentTimeError: the time is skipped in `zone` that night, and `nonexistent="raise"`.
            AmbiguousTimeError: the time happens twice in `zone` that night, and `ambiguous="raise"`.
            ValueError: a field, `zone` cannot be read (the message names it).
        """
        from ..._local_times import span_edge  # pexip: local times load with their first reading

        return span_edge(
            self.date,
            self.start_time,
            self.end_time,
            zone,
            edge="start",
            nonexistent=nonexistent,
            ambiguous=ambiguous,
            fields=("date", "startTime", "endTime"),
        )

    def ends_at(
        self, zone: Zone, *, nonexistent: Nonexistent = "raise", ambiguous: Ambiguous = "raise"
    ) -> datetime.datetime:
        """When this ends: `date` and `endTime`, a wall clock's reading in `zone`, as an aware datetime there.

        `endTime` earlier than `startTime`, or `"24:00"`, is on the next day.
        The rules and the policies' table: `pexip_engage_client.times`.

        Args:
            zone: the listing's time zone (its `timeZone`): an IANA name such as `"Europe/Brussels"`, or a `tzinfo`.
            nonexistent: a time the clocks skip that night: `"raise"` or `"forward"` (by the gap's length).
            ambiguous: a time the clocks show twice that night: `"raise"`, `"earlier"` or `"later"`.

        Raises:
            NonexistentTimeError: the time is skipped in `zone` that night, and `nonexistent="raise"`.
            AmbiguousTimeError: the time happens twice in `zone` that night, and `ambiguous="raise"`.
            ValueError: a field, `zone` cannot be read (the message names it).
        """
        from ..._local_times import span_edge  # pexip: local times load with their first reading

        return span_edge(
            self.date,
            self.start_time,
            self.end_time,
            zone,
            edge="end",
            nonexistent=nonexistent,
            ambiguous=ambiguous,
            fields=("date", "startTime", "endTime"),
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
from ..models.listing_time_slot_assignment import ListingTimeSlotAssignment  # noqa: E402
from ..models.reference import Reference  # noqa: E402
