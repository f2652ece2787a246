# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `appointment_participant` (see `__init__.py`)."""

import msgspec

from ..models.participant_role import ParticipantRole
from ..models.participant_type import ParticipantType
from . import ABSENT
from .participant_reference import ParticipantReferenceWire


class AppointmentParticipantWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "role": "role",
        "participant": "participant",
        "type_": "type",
        "video_url": "videoUrl",
        "video_test_url": "videoTestUrl",
    },
):
    """The typed form of `AppointmentParticipant`."""

    role: ParticipantRole
    participant: ParticipantReferenceWire
    type_: ParticipantType
    video_url: str | None = ABSENT
    video_test_url: str | None = ABSENT
