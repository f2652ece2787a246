"""The ground floor: what every other room of the client stands on, and nothing of theirs.

What each module holds: architecture.toml, `[rooms.base]`. Nothing here imports another room.
"""
