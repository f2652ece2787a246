"""The facade tests, converted for `PexipEngageSync` by `scripts/async_to_sync.py --tests` (test_*.py: generated)."""
