# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
# Written by scripts/generate/page_sizes.py.
"""Each GET path taking a `limit` query parameter, and that parameter's `maximum` (None: the spec states none)."""

LARGEST_PAGES: dict[str, int | None] = {
    "/appointments": None,
    "/employees": None,
    "/employees/{id}/applied-templates": None,
    "/employees/{id}/external-calendar-events": 1000,
    "/employees/{id}/favorite-agents": None,
    "/listings/{listingId}/time-slots": None,
    "/meeting-rooms": None,
    "/regions": 1000,
    "/subject-groups": None,
    "/subjects": None,
}
