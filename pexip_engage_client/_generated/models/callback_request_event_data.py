from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import check_json_type

if TYPE_CHECKING:
    from ..models.webhook_callback_request import WebhookCallbackRequest


T = TypeVar("T", bound="CallbackRequestEventData")


@_attrs_define
class CallbackRequestEventData:
    """
    Attributes:
        event_type (str):
        callback_request (WebhookCallbackRequest): The callback request as the event carries it; cut in the
            documentation after `subject`.
    """

    event_type: str
    callback_request: WebhookCallbackRequest
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True

    def to_dict(self) -> dict[str, Any]:
        event_type = self.event_type

        callback_request = self.callback_request.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "eventType": event_type,
                "callbackRequest": callback_request,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_callback_request import WebhookCallbackRequest  # noqa: PLC0415

        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"CallbackRequestEventData must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)
        event_type = d.pop("eventType")
        if not isinstance(event_type, str):
            raise TypeError(f"eventType must be str, not {type(event_type).__name__}")

        _raw_callback_request = d.pop("callbackRequest")
        check_json_type(_raw_callback_request, dict, "callbackRequest", "an object")
        callback_request = WebhookCallbackRequest.from_dict(_raw_callback_request)

        callback_request_event_data = cls(
            event_type=event_type,
            callback_request=callback_request,
        )

        callback_request_event_data.additional_properties = d
        return callback_request_event_data

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
