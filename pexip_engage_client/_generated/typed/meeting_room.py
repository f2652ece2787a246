# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `meeting_room` (see `__init__.py`)."""

import msgspec

from . import ABSENT


class MeetingRoomWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "external_id": "externalId",
        "active": "active",
        "capacity": "capacity",
        "email": "email",
        "is_wheel_chair_accessible": "isWheelChairAccessible",
        "name": "name",
        "provider": "provider",
        "time_zone": "timeZone",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "deleted_at": "deletedAt",
    },
):
    """The typed form of `MeetingRoom`."""

    id: str
    external_id: str | None = ABSENT
    active: bool = ABSENT
    capacity: int | None = ABSENT
    email: str = ABSENT
    is_wheel_chair_accessible: bool | None = ABSENT
    name: str = ABSENT
    provider: str = ABSENT
    time_zone: str = ABSENT
    created_at: str = ABSENT
    updated_at: str = ABSENT
    deleted_at: str | None = ABSENT
