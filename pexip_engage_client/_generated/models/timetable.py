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

T = TypeVar("T", bound="Timetable")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "duration",
        "earliestPossible",
        "latestPossible",
        "listing",
        "meetingType",
    )
)


@_attrs_define
class Timetable:
    """The bookable slots. The documentation's schema is cut after `listing` (its example shows
    `meetingType` next); the object is closed ("Additional properties are NOT allowed"), and
    the client keeps the properties it does not model.

        Attributes:
            duration (int): Minutes
            earliest_possible (datetime.datetime):
            latest_possible (datetime.datetime):
            listing (None | Reference | Unset):
            meeting_type (MeetingType | Unset):
    """

    duration: int
    earliest_possible: datetime.datetime
    latest_possible: datetime.datetime
    listing: None | Reference | Unset = UNSET
    meeting_type: MeetingType | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "duration",
        "earliestPossible",
        "latestPossible",
        "listing",
        "meetingType",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            duration = self.duration

            earliest_possible = self.earliest_possible.isoformat()

            latest_possible = self.latest_possible.isoformat()

            listing: dict[str, Any] | None | Unset
            if isinstance(self.listing, Unset):
                listing = UNSET
            elif isinstance(self.listing, Reference):
                listing = self.listing.to_dict()
            else:
                listing = self.listing

            meeting_type: str | Unset = UNSET
            if not isinstance(self.meeting_type, Unset):
                meeting_type = self.meeting_type.value

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update(
                {
                    "duration": duration,
                    "earliestPossible": earliest_possible,
                    "latestPossible": latest_possible,
                }
            )
            if listing is not UNSET:
                field_dict["listing"] = listing
            if meeting_type is not UNSET:
                field_dict["meetingType"] = meeting_type

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
            raise TypeError(f"must be an object (Timetable), not {type(src_dict).__name__}")
        duration = src_dict["duration"]
        if isinstance(duration, bool) or not isinstance(duration, int):
            raise TypeError(f"duration must be int, not {type(duration).__name__}")

        earliest_possible = field_datetime(src_dict["earliestPossible"], "earliestPossible")

        latest_possible = field_datetime(src_dict["latestPossible"], "latestPossible")

        _raw_listing = src_dict.get("listing", UNSET)
        try:
            listing = _raw_listing
            if listing is not None and listing is not UNSET:
                if not isinstance(listing, dict):
                    raise TypeError(f"listing must be Reference or None, not {type(listing).__name__}")
                listing_type_0 = Reference.from_dict(listing)

                listing = listing_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "listing") from None

        _raw_meeting_type = src_dict.get("meetingType", UNSET)
        _meeting_type = _raw_meeting_type
        meeting_type: MeetingType | Unset
        if isinstance(_meeting_type, Unset):
            meeting_type = UNSET
        else:
            meeting_type = MeetingType._by_value.get(_meeting_type) or MeetingType(_meeting_type)

        unknown = len(src_dict) != 3 + (_raw_listing is not UNSET) + (_raw_meeting_type is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            duration,
            earliest_possible,
            latest_possible,
            listing,
            meeting_type,
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
