"""The facade tests of `tests/client/`, converted for `SyncPexipEngage` by `scripts/generate/async_to_sync.py --tests`.

Each `test_*.py` is the twin of the module of its name one folder up (never edit one: change that
module and run `make generate-sync`).

Written by hand:

- `conftest.py`: the sync client's `engage` and `sleeps` fixtures, which replace those of tests/conftest.py.
"""
