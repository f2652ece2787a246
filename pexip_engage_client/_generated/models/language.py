from enum import StrEnum


class Language(StrEnum):
    DA = "da"
    DE = "de"
    EL = "el"
    EN = "en"
    ES = "es"
    FR = "fr"
    JA = "ja"
    NL = "nl"
    NO = "no"
    PL = "pl"

    def __str__(self) -> str:
        return str(self.value)
