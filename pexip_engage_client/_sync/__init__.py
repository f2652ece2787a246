"""`SyncPexipEngage` and what it is made of: each module the twin of the facade module of its name.

Generated from the async module named in its first line by `scripts/generate/async_to_sync.py` (`make
generate-sync` writes them, `make check` fails when one differs): change that module, then regenerate.

Written by hand (what differs too much to share a source):

- `_lifecycle.py`: the calls in flight on any thread, and `close()` (the twin of `_lifecycle.py`'s
  event-loop bookkeeping).
"""
