from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.meeting_type import MeetingType

T = TypeVar("T", bound="LeadSegmentSchedulingSettingInput")


@_attrs_define
class LeadSegmentSchedulingSettingInput:
    """
    Attributes:
        meeting_type (MeetingType):
        subject_id (str):
    """

    meeting_type: MeetingType
    subject_id: str

    def to_dict(self) -> dict[str, Any]:
        meeting_type = self.meeting_type.value

        subject_id = self.subject_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "meetingType": meeting_type,
                "subjectId": subject_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        meeting_type = MeetingType(d.pop("meetingType"))

        subject_id = d.pop("subjectId")

        lead_segment_scheduling_setting_input = cls(
            meeting_type=meeting_type,
            subject_id=subject_id,
        )

        return lead_segment_scheduling_setting_input
