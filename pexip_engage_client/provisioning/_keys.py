"""Keys as Engage compares them: an email, a username or an external id, without regard to case or surrounding spaces.

Why, from the documentation's evidence, and where it is silent the reading that can never make a second
person: docs/provisioning.md, "Keys". Every comparison of these fields goes through `folded`; every
read by one of them asks for each spelling it may be stored in (`spellings`).
"""

from __future__ import annotations

from collections.abc import Iterable

# The fields Engage keeps one employee to (EMPLOYEE_EMAIL_ALREADY_IN_USE, EMPLOYEE_EXTERNAL_ID_ALREADY_IN_USE,
# EMPLOYEE_USERNAME_ALREADY_IN_USE), each with its GET /employees filter: the keys a plan can match on.
UNIQUE = {"externalId": "external_id", "email": "email", "username": "username"}
# Compared folded as values too: the unique fields, and the other address (an email is one whatever its case).
FOLDED = frozenset({*UNIQUE, "communicationEmail"})


def folded(value: str) -> str:
    """The form two spellings of one key share: no surrounding spaces, case folded (`casefold`, wider than `lower`)."""
    return value.strip().casefold()


def spellings(values: Iterable[str]) -> list[str]:
    """What to ask a filter for so as to find each value however Engage stores it: as given (without its
    surrounding spaces) and lower-cased, each once. A filter that compares exactly finds either; one
    that ignores case finds both; the answers are grouped by `folded` key."""
    return list(dict.fromkeys(form for value in values for form in (value.strip(), value.strip().lower())))
