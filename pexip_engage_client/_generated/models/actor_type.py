from enum import StrEnum


class ActorType(StrEnum):
    CUSTOMER = "CUSTOMER"
    EMPLOYEE = "EMPLOYEE"
    OTHER = "OTHER"

    def __str__(self) -> str:
        return str(self.value)
