from enum import StrEnum


class MeetingType(StrEnum):
    OFFICE = "OFFICE"
    ON_LOCATION = "ON_LOCATION"
    PHONE = "PHONE"
    VIDEO = "VIDEO"

    def __str__(self) -> str:
        return str(self.value)
