"""Every room's PostgreSQL tables, named where the engine is: what `pexip-engage postgres migrate` runs at deploy.

Each room that keeps state in PostgreSQL declares its tables once, as a `Migrations` named `MIGRATIONS` in a module
of its own room, named here: the command line runs them, and its own (the MCP server's), through `every_room`, never
importing a room's private store itself. Named, not imported: the shared backends stand below the rooms they name.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .postgres import Migrations

# In the order their steps were first released.
ROOMS = (
    "pexip_engage_client.webhooks._stores._postgres",
    "pexip_engage_client._limiting._postgres_limits",
    "pexip_engage_client._leasing._postgres_leases",
    "pexip_engage_client.mirror._database",
    "pexip_engage_client.availability._tables",
)


def every_room() -> tuple[Migrations, ...]:
    """The `MIGRATIONS` of each room named in `ROOMS`, in their order (each module imported now)."""
    found: list[Migrations] = []
    for name in ROOMS:
        tables: Migrations = import_module(name).MIGRATIONS
        found.append(tables)
    return tuple(found)
