from enum import StrEnum


class AppointmentStatus(StrEnum):
    ACCEPTED = "ACCEPTED"
    ALTERNATIVE_DATE_REQUESTED = "ALTERNATIVE_DATE_REQUESTED"
    CANCELLED = "CANCELLED"
    COMPLETED = "COMPLETED"
    INCOMING_REQUEST = "INCOMING_REQUEST"
    NO_SHOW = "NO_SHOW"
    OUTGOING_INVITE = "OUTGOING_INVITE"

    def __str__(self) -> str:
        return str(self.value)
