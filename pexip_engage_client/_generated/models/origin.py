from enum import StrEnum


class Origin(StrEnum):
    BACKOFFICE_APP = "BACKOFFICE_APP"
    OTHER = "OTHER"
    PARTNER_BOOKING_APP = "PARTNER_BOOKING_APP"
    PLUGIN = "PLUGIN"

    def __str__(self) -> str:
        return str(self.value)
