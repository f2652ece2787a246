from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webhook_callback_request_office_type_0 import WebhookCallbackRequestOfficeType0
    from ..models.webhook_callback_request_subject_type_0 import WebhookCallbackRequestSubjectType0


T = TypeVar("T", bound="WebhookCallbackRequest")


@_attrs_define
class WebhookCallbackRequest:
    """The callback request as the event carries it; cut in the documentation after `subject`.

    Attributes:
        id (str):
        status (str):
        subject (None | Unset | WebhookCallbackRequestSubjectType0):
        office (None | Unset | WebhookCallbackRequestOfficeType0):
    """

    id: str
    status: str
    subject: None | Unset | WebhookCallbackRequestSubjectType0 = UNSET
    office: None | Unset | WebhookCallbackRequestOfficeType0 = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True

    def to_dict(self) -> dict[str, Any]:
        from ..models.webhook_callback_request_office_type_0 import WebhookCallbackRequestOfficeType0  # noqa: PLC0415
        from ..models.webhook_callback_request_subject_type_0 import WebhookCallbackRequestSubjectType0  # noqa: PLC0415

        id = self.id

        status = self.status

        subject: dict[str, Any] | None | Unset
        if isinstance(self.subject, Unset):
            subject = UNSET
        elif isinstance(self.subject, WebhookCallbackRequestSubjectType0):
            subject = self.subject.to_dict()
        else:
            subject = self.subject

        office: dict[str, Any] | None | Unset
        if isinstance(self.office, Unset):
            office = UNSET
        elif isinstance(self.office, WebhookCallbackRequestOfficeType0):
            office = self.office.to_dict()
        else:
            office = self.office

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if subject is not UNSET:
            field_dict["subject"] = subject
        if office is not UNSET:
            field_dict["office"] = office

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_callback_request_office_type_0 import WebhookCallbackRequestOfficeType0  # noqa: PLC0415
        from ..models.webhook_callback_request_subject_type_0 import WebhookCallbackRequestSubjectType0  # noqa: PLC0415

        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"WebhookCallbackRequest must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)
        id = d.pop("id")
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        status = d.pop("status")
        if not isinstance(status, str):
            raise TypeError(f"status must be str, not {type(status).__name__}")

        def _parse_subject(data: object) -> None | Unset | WebhookCallbackRequestSubjectType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"subject: {type(data).__name__} matches no allowed type")
            subject_type_0 = WebhookCallbackRequestSubjectType0.from_dict(data)

            return subject_type_0

        subject = _parse_subject(d.pop("subject", UNSET))

        def _parse_office(data: object) -> None | Unset | WebhookCallbackRequestOfficeType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"office: {type(data).__name__} matches no allowed type")
            office_type_0 = WebhookCallbackRequestOfficeType0.from_dict(data)

            return office_type_0

        office = _parse_office(d.pop("office", UNSET))

        webhook_callback_request = cls(
            id=id,
            status=status,
            subject=subject,
            office=office,
        )

        webhook_callback_request.additional_properties = d
        return webhook_callback_request

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
