"""What the page text cannot state reliably, kept by hand.

The readers and the checks consult these tables; each says what it stands in for. ``HAND_KEPT`` is
written in the dash layout, so it goes through the same reader as the pages.
"""

from __future__ import annotations

# Facts a page states in prose the readers cannot follow, restated in the dash layout.
HAND_KEPT: dict[str, str] = {
    # The development copy lists the location filter's members after a prose line that stands in
    # for the "Query parameters" heading.
    "gettimetable": """
Query parameters
- location object  Location to be considered for filtering. Additional properties are NOT allowed.
  - latitude number. Minimum value is -90, maximum value is 90.
  - longitude number. Minimum value is -180, maximum value is 180.
""",
    # The appointment event's page sums up the office and the participant variants in prose.
    "postappointment": """
Body Required
- [data]
  - [appointment]
    - [office]
      - [location]
        - [countryCode] Minimum length is 2, maximum length is 2.
        - [geolocation]
        - [translations]
          - [city]
          - [street1]
          - [street2]
          - [state]
      - [translations]
        - [name]
        - [description]
        - [directions]
        - [parkingInfo]
    - [appointmentParticipants]
      - [role, required] Values are PRIMARY or SECONDARY.
      - [type, required] Values are CUSTOMER or EMPLOYEE.
      - [videoUrl] Maximum length is 2000.
      - [videoTestUrl] Maximum length is 2000.
      - [employee] Additional properties are NOT allowed.
        - [availableRoles] Values are ADMIN, AGENT, CENTRAL_PLANNER, or OFFICE_MANAGER.
        - [status, required] Values are ACTIVE, SUSPENDED, or PENDING.
""",
}

# Copies of a page that the page itself marks as an older version: (page, copy label).
SUPERSEDED: set[tuple[str, str]] = {
    ("getregions", "Copy A (older)"),
}

# Parameters a layout leaves unnamed but describes in the documentation's standard words.
DESCRIBED_NAMES: dict[tuple[str, str], str] = {
    ("header", "Unique identifier to allow referencing a particular transaction or event chain"): "X-Correlation-Id",
    ("header", "Bearer token used for authorization"): "Authorization",
    (
        "header",
        "Returns the requested resources translated according to the passed languages (see translatable resources)",
    ): "Accept-Language",
    ("path", "Primary identifier of the requested resource"): "id",
    # getexternalcalendarevents' staging copy names none of its query parameters.
    ("query", "Status to be considered for filtering"): "show-as",
    ("query", "ID(s) to be considered for filtering"): "id",
    ("query", "Start date and time of the event to be considered for filtering (ISO 8601)"): "from",
    ("query", "End date and time of the event to be considered for filtering (ISO 8601)"): "to",
    ("query", "Offset for the results to be returned"): "offset",
    ("query", "Limitation for the number of results to be returned, number between 1 and 1000"): "limit",
}

# Digit patterns the pages put on numeric query text, and the integer range each one spells: an
# integer parameter with exactly these bounds states the same fact.
PATTERN_RANGES: dict[str, tuple[int, int]] = {
    "^([1-9]|[1-9][0-9]{1,2}|1000)$": (1, 1000),
}
