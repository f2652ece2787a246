"""The MCP server's PostgreSQL tables (its spent confirmations), outside the `_mcp` package so that
`pexip-engage postgres migrate` makes them with the `postgres` extra alone, without the MCP SDK."""

from __future__ import annotations

from pexip_engage_client._shared.postgres import Migrations

# A row per confirmation, claimed by the INSERT that makes it; its answer for the repeats, until it expires.
MIGRATIONS = Migrations(
    "mcp",
    (
        """
        CREATE TABLE {schema}.mcp_confirmations (
            key text PRIMARY KEY,
            answer text NOT NULL,
            expires timestamptz NOT NULL
        );
        CREATE INDEX mcp_confirmations_expires ON {schema}.mcp_confirmations (expires);
        """,
    ),
    shared=(4,),
)
