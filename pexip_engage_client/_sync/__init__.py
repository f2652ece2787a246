"""`PexipEngageSync` and what it is made of, generated from the async modules by `scripts/async_to_sync.py`.

Every module here but this one is written by `make generate-sync` and checked by `make
check-generated`: change the async module it names in its first line, then regenerate.
"""
