"""The values the MCP tools take for a status or a meeting type are the spec's (issue 70).

They are read from the generated enums, so a value openapi.yaml gains (a status `EXPIRED`) is
accepted by `list_appointments` after `make generate`, with no edit of the server.
"""

from __future__ import annotations

import typing

from pexip_engage_cli._mcp import _reads

from ..support.spec import SPEC


def test_status_and_meeting_type_take_the_spec_s_values() -> None:
    schemas = SPEC["components"]["schemas"]
    assert sorted(typing.get_args(_reads.Status)) == sorted(schemas["AppointmentStatus"]["enum"])
    assert sorted(typing.get_args(_reads.MeetingType)) == sorted(schemas["MeetingType"]["enum"])
