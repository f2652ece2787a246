"""The ground floor: what every other room of the client stands on, and nothing of theirs.

What each module holds: architecture.toml, `[rooms.base]`. Nothing here imports another room.

The webhook stores' claims on an event (`webhooks/_stores/_contract.py`) are not this lease: a claim
is part of the event's record, checked and written with it in one atomic step of the store, where
the lease would be two writes that a crash can separate (an event claimed by no one, or handled
twice); and a store that lost its state lost the events, which an epoch could not bring back.
"""
