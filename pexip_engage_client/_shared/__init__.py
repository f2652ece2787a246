"""The shared ground: what the features and the rooms above the client share, loaded only when one asks for it.

The backends (Redis, PostgreSQL, SQLite), the shared limits' stores, the one consistent listing, the one failure log,
a server's health probe and stop signals, and the one sync-to-async bridge. What each module holds: architecture.toml,
`[rooms.shared]`. The request core below the facade never imports it: the facade hands the governor its shared store.
"""
