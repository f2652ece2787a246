"""The ground floor: what every other room of the client stands on, and nothing of theirs.

Fork handling, the backends (the one Redis client factory, every Redis client of the package
included, and the one PostgreSQL pool; each room hands them its own scripts and tables), the one
lease (with its fencing token) that ensures and provisioning's applies take turns by, lazy imports,
URLs as they may be shown, the pickling of errors, and a value shared once by an object's copies.
Nothing here imports another room of the package (architecture.toml).

The webhook stores' claims on an event (`claim`, `renew`, then `settle`, `retry` or `park`:
`webhooks/_stores/_contract.py`) are not this lease, and do not fit it. A claim is part of the
event's own record, not a turn on a key beside it: one atomic step of the store (a Lua script, a
conditional SQL update) both checks that it is the event's subject's turn and marks the event as
handled by its owner until a time, and its end writes the outcome and hands the subject's turn on
in the same step. Taken through the lease, each would be two writes (the turn, then the record)
that a crash or a cut can separate, leaving an event claimed by no one or handled twice. The
lease's other parts have nothing to guard there: its epoch tells a taker that the backend lost its
state, and a store that lost its state lost the events too; its fence and `confirm` guard a send
to an API that cannot check them, while a handler's claim is checked by the store itself when
the handler ends. And the SQLite store's claims live in its database file, where a lock file per
event would be the lease's only backend.
"""
