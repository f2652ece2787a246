from enum import StrEnum


class ParticipantRole(StrEnum):
    PRIMARY = "PRIMARY"
    SECONDARY = "SECONDARY"

    def __str__(self) -> str:
        return str(self.value)
