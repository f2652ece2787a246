# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.participant_role import ParticipantRole
from ..types import (
    UNSET,
    Unset,
    check_fields,
    check_json_type,
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

T = TypeVar("T", bound="WebhookEmployeeParticipant")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "role",
        "type",
        "videoUrl",
        "videoTestUrl",
        "employee",
    )
)


@_attrs_define
class WebhookEmployeeParticipant:
    """An employee taking part in the appointment.

    Attributes:
        role (ParticipantRole):
        type_ (Literal['EMPLOYEE']):
        video_url (None | str | Unset):
        video_test_url (None | str | Unset):
        employee (WebhookEmployee | Unset): The employee taking part. The page also lists four string properties whose
            names it does
            not render (at most 320, 320, 255 and 2 characters: by their limits the e-mail addresses,
            the external ID and the language); they are not modelled and are kept as received.
    """

    role: ParticipantRole
    type_: Literal["EMPLOYEE"]
    video_url: None | str | Unset = UNSET
    video_test_url: None | str | Unset = UNSET
    employee: WebhookEmployee | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "role",
        "type",
        "videoUrl",
        "videoTestUrl",
        "employee",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            role = self.role.value

            type_ = self.type_

            video_url: None | str | Unset
            if isinstance(self.video_url, Unset):
                video_url = UNSET
            else:
                video_url = self.video_url

            video_test_url: None | str | Unset
            if isinstance(self.video_test_url, Unset):
                video_test_url = UNSET
            else:
                video_test_url = self.video_test_url

            employee: dict[str, Any] | Unset = UNSET
            if not isinstance(self.employee, Unset):
                employee = self.employee.to_dict()

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update(
                {
                    "role": role,
                    "type": type_,
                }
            )
            if video_url is not UNSET:
                field_dict["videoUrl"] = video_url
            if video_test_url is not UNSET:
                field_dict["videoTestUrl"] = video_test_url
            if employee is not UNSET:
                field_dict["employee"] = employee

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
            raise TypeError(f"must be an object (WebhookEmployeeParticipant), not {type(src_dict).__name__}")
        role = src_dict["role"]
        role = ParticipantRole._by_value.get(role) or ParticipantRole(role)

        type_ = cast(Literal["EMPLOYEE"], src_dict["type"])
        if type_ != "EMPLOYEE":
            raise ValueError(f"type must match const 'EMPLOYEE', got '{type_}'")

        _raw_video_url = src_dict.get("videoUrl", UNSET)
        try:
            video_url = _raw_video_url
            if video_url is not None and video_url is not UNSET and not isinstance(video_url, str):
                raise TypeError(f"videoUrl must be str or None, not {type(video_url).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "videoUrl") from None

        _raw_video_test_url = src_dict.get("videoTestUrl", UNSET)
        try:
            video_test_url = _raw_video_test_url
            if video_test_url is not None and video_test_url is not UNSET and not isinstance(video_test_url, str):
                raise TypeError(f"videoTestUrl must be str or None, not {type(video_test_url).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "videoTestUrl") from None

        _raw_employee = src_dict.get("employee", UNSET)
        check_json_type(_raw_employee, (dict, Unset), "employee", "an object")
        try:
            _employee = _raw_employee
            employee: WebhookEmployee | Unset
            if isinstance(_employee, Unset):
                employee = UNSET
            else:
                employee = WebhookEmployee.from_dict(_employee)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "employee") from None

        unknown = len(src_dict) != 2 + (_raw_video_url is not UNSET) + (_raw_video_test_url is not UNSET) + (
            _raw_employee is not UNSET
        )
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()

        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            role,
            type_,
            video_url,
            video_test_url,
            employee,
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
from ..models.webhook_employee import WebhookEmployee  # noqa: E402
