# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `employee` (see `__init__.py`)."""

import msgspec

from ..models.employee_role import EmployeeRole
from ..models.employee_status import EmployeeStatus
from ..models.language import Language
from . import ABSENT
from .employee_translations import EmployeeTranslationsWire
from .office_relation import OfficeRelationWire
from .translated_value import TranslatedValueWire


class EmployeeWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "function": "function",
        "communication_email": "communicationEmail",
        "external_id": "externalId",
        "username": "username",
        "first_name": "firstName",
        "last_name": "lastName",
        "static_video_url": "staticVideoUrl",
        "phone_number": "phoneNumber",
        "profile_picture_url": "profilePictureUrl",
        "email": "email",
        "language": "language",
        "time_zone": "timeZone",
        "available_roles": "availableRoles",
        "status": "status",
        "online_planning": "onlinePlanning",
        "office_relations": "officeRelations",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "deleted_at": "deletedAt",
        "translations": "translations",
    },
):
    """The typed form of `Employee`."""

    id: str
    function: TranslatedValueWire | None
    communication_email: str | None = ABSENT
    external_id: str | None = ABSENT
    username: str | None = ABSENT
    first_name: str | None = ABSENT
    last_name: str | None = ABSENT
    static_video_url: str | None = ABSENT
    phone_number: str | None = ABSENT
    profile_picture_url: str | None = ABSENT
    email: str | None = ABSENT
    language: Language | None = ABSENT
    time_zone: str | None = ABSENT
    available_roles: list[EmployeeRole] = ABSENT
    status: EmployeeStatus = ABSENT
    online_planning: bool = ABSENT
    office_relations: list[OfficeRelationWire] = ABSENT
    created_at: str = ABSENT
    updated_at: str = ABSENT
    deleted_at: str | None = ABSENT
    translations: EmployeeTranslationsWire = ABSENT
