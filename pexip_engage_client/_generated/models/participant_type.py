from enum import StrEnum


class ParticipantType(StrEnum):
    CUSTOMER = "CUSTOMER"
    EMPLOYEE = "EMPLOYEE"

    def __str__(self) -> str:
        return str(self.value)
