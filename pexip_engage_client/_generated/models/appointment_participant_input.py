from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.participant_role import ParticipantRole
from ..models.participant_type import ParticipantType

T = TypeVar("T", bound="AppointmentParticipantInput")


@_attrs_define
class AppointmentParticipantInput:
    """
    Attributes:
        role (ParticipantRole):
        participant_id (str):
        type_ (ParticipantType):
    """

    role: ParticipantRole
    participant_id: str
    type_: ParticipantType

    def to_dict(self) -> dict[str, Any]:
        role = self.role.value

        participant_id = self.participant_id

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
                "participantId": participant_id,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        role = ParticipantRole(d.pop("role"))

        participant_id = d.pop("participantId")

        type_ = ParticipantType(d.pop("type"))

        appointment_participant_input = cls(
            role=role,
            participant_id=participant_id,
            type_=type_,
        )

        return appointment_participant_input
