# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.actor_type import ActorType
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

T = TypeVar("T", bound="AppointmentDetailsUpdate")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "start",
        "end",
        "officeId",
        "appointmentParticipants",
        "answers",
        "userCommunication",
        "messageForCustomer",
        "updatedByType",
        "updatedById",
    )
)


@_attrs_define
class AppointmentDetailsUpdate:
    """
    Attributes:
        start (datetime.datetime | Unset):
        end (datetime.datetime | Unset):
        office_id (str | Unset):
        appointment_participants (list[AppointmentParticipantInput] | None | Unset):
        answers (list[AnswerInput] | None | Unset):
        user_communication (None | Unset | UserCommunication):
        message_for_customer (None | str | Unset):
        updated_by_type (ActorType | None | Unset):
        updated_by_id (None | str | Unset):
    """

    start: datetime.datetime | Unset = UNSET
    end: datetime.datetime | Unset = UNSET
    office_id: str | Unset = UNSET
    appointment_participants: list[AppointmentParticipantInput] | None | Unset = UNSET
    answers: list[AnswerInput] | None | Unset = UNSET
    user_communication: None | Unset | UserCommunication = UNSET
    message_for_customer: None | str | Unset = UNSET
    updated_by_type: ActorType | None | Unset = UNSET
    updated_by_id: None | str | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "start",
        "end",
        "officeId",
        "appointmentParticipants",
        "answers",
        "userCommunication",
        "messageForCustomer",
        "updatedByType",
        "updatedById",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            start: str | Unset = UNSET
            if not isinstance(self.start, Unset):
                start = self.start.isoformat()

            end: str | Unset = UNSET
            if not isinstance(self.end, Unset):
                end = self.end.isoformat()

            office_id = self.office_id

            appointment_participants: list[dict[str, Any]] | None | Unset
            if isinstance(self.appointment_participants, Unset):
                appointment_participants = UNSET
            elif isinstance(self.appointment_participants, list):
                appointment_participants = []
                for appointment_participants_type_0_item_data in self.appointment_participants:
                    appointment_participants_type_0_item = appointment_participants_type_0_item_data.to_dict()
                    appointment_participants.append(appointment_participants_type_0_item)

            else:
                appointment_participants = self.appointment_participants

            answers: list[dict[str, Any]] | None | Unset
            if isinstance(self.answers, Unset):
                answers = UNSET
            elif isinstance(self.answers, list):
                answers = []
                for answers_type_0_item_data in self.answers:
                    answers_type_0_item = answers_type_0_item_data.to_dict()
                    answers.append(answers_type_0_item)

            else:
                answers = self.answers

            user_communication: dict[str, Any] | None | Unset
            if isinstance(self.user_communication, Unset):
                user_communication = UNSET
            elif isinstance(self.user_communication, UserCommunication):
                user_communication = self.user_communication.to_dict()
            else:
                user_communication = self.user_communication

            message_for_customer: None | str | Unset
            if isinstance(self.message_for_customer, Unset):
                message_for_customer = UNSET
            else:
                message_for_customer = self.message_for_customer

            updated_by_type: None | str | Unset
            if isinstance(self.updated_by_type, Unset):
                updated_by_type = UNSET
            elif isinstance(self.updated_by_type, ActorType):
                updated_by_type = self.updated_by_type.value
            else:
                updated_by_type = self.updated_by_type

            updated_by_id: None | str | Unset
            if isinstance(self.updated_by_id, Unset):
                updated_by_id = UNSET
            else:
                updated_by_id = self.updated_by_id

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update({})
            if start is not UNSET:
                field_dict["start"] = start
            if end is not UNSET:
                field_dict["end"] = end
            if office_id is not UNSET:
                field_dict["officeId"] = office_id
            if appointment_participants is not UNSET:
                field_dict["appointmentParticipants"] = appointment_participants
            if answers is not UNSET:
                field_dict["answers"] = answers
            if user_communication is not UNSET:
                field_dict["userCommunication"] = user_communication
            if message_for_customer is not UNSET:
                field_dict["messageForCustomer"] = message_for_customer
            if updated_by_type is not UNSET:
                field_dict["updatedByType"] = updated_by_type
            if updated_by_id is not UNSET:
                field_dict["updatedById"] = updated_by_id

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
            raise TypeError(f"must be an object (AppointmentDetailsUpdate), not {type(src_dict).__name__}")
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

        _raw_office_id = src_dict.get("officeId", UNSET)
        office_id = _raw_office_id
        if office_id is not UNSET and not isinstance(office_id, str):
            raise TypeError(f"officeId must be str, not {type(office_id).__name__}")

        _raw_appointment_participants = src_dict.get("appointmentParticipants", UNSET)
        try:
            appointment_participants = _raw_appointment_participants
            if appointment_participants is not None and appointment_participants is not UNSET:
                if not isinstance(appointment_participants, list):
                    raise TypeError(
                        f"appointmentParticipants must be list[AppointmentParticipantInput] or None, not {type(appointment_participants).__name__}"
                    )
                appointment_participants_type_0 = []
                _appointment_participants_type_0 = appointment_participants
                for appointment_participants_type_0_item_data in _appointment_participants_type_0:
                    appointment_participants_type_0_item = AppointmentParticipantInput.from_dict(
                        appointment_participants_type_0_item_data
                    )

                    appointment_participants_type_0.append(appointment_participants_type_0_item)

                appointment_participants = appointment_participants_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "appointmentParticipants", locals().get("appointment_participants_type_0")) from None

        _raw_answers = src_dict.get("answers", UNSET)
        try:
            answers = _raw_answers
            if answers is not None and answers is not UNSET:
                if not isinstance(answers, list):
                    raise TypeError(f"answers must be list[AnswerInput] or None, not {type(answers).__name__}")
                answers_type_0 = []
                _answers_type_0 = answers
                for answers_type_0_item_data in _answers_type_0:
                    answers_type_0_item = AnswerInput.from_dict(answers_type_0_item_data)

                    answers_type_0.append(answers_type_0_item)

                answers = answers_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "answers", locals().get("answers_type_0")) from None

        _raw_user_communication = src_dict.get("userCommunication", UNSET)
        try:
            user_communication = _raw_user_communication
            if user_communication is not None and user_communication is not UNSET:
                if not isinstance(user_communication, dict):
                    raise TypeError(
                        f"userCommunication must be UserCommunication or None, not {type(user_communication).__name__}"
                    )
                user_communication_type_0 = UserCommunication.from_dict(user_communication)

                user_communication = user_communication_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "userCommunication") from None

        _raw_message_for_customer = src_dict.get("messageForCustomer", UNSET)
        try:
            message_for_customer = _raw_message_for_customer
            if (
                message_for_customer is not None
                and message_for_customer is not UNSET
                and not isinstance(message_for_customer, str)
            ):
                raise TypeError(f"messageForCustomer must be str or None, not {type(message_for_customer).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "messageForCustomer") from None

        _raw_updated_by_type = src_dict.get("updatedByType", UNSET)
        try:
            updated_by_type = _raw_updated_by_type
            if updated_by_type is not None and updated_by_type is not UNSET:
                if not isinstance(updated_by_type, str):
                    raise TypeError(f"updatedByType must be ActorType or None, not {type(updated_by_type).__name__}")
                updated_by_type_type_0 = updated_by_type
                updated_by_type_type_0 = ActorType._by_value.get(updated_by_type_type_0) or ActorType(
                    updated_by_type_type_0
                )

                updated_by_type = updated_by_type_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "updatedByType") from None

        _raw_updated_by_id = src_dict.get("updatedById", UNSET)
        try:
            updated_by_id = _raw_updated_by_id
            if updated_by_id is not None and updated_by_id is not UNSET and not isinstance(updated_by_id, str):
                raise TypeError(f"updatedById must be str or None, not {type(updated_by_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "updatedById") from None

        unknown = len(src_dict) != 0 + (_raw_start is not UNSET) + (_raw_end is not UNSET) + (
            _raw_office_id is not UNSET
        ) + (_raw_appointment_participants is not UNSET) + (_raw_answers is not UNSET) + (
            _raw_user_communication is not UNSET
        ) + (_raw_message_for_customer is not UNSET) + (_raw_updated_by_type is not UNSET) + (
            _raw_updated_by_id is not UNSET
        )
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            start,
            end,
            office_id,
            appointment_participants,
            answers,
            user_communication,
            message_for_customer,
            updated_by_type,
            updated_by_id,
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
from ..models.answer_input import AnswerInput  # noqa: E402
from ..models.appointment_participant_input import AppointmentParticipantInput  # noqa: E402
from ..models.user_communication import UserCommunication  # noqa: E402
