"""`is_async()`: where the async source and the sync client it is turned into differ."""


def is_async() -> bool:
    """True: this is the async code (`scripts/generate/async_to_sync.py` keeps the other branch in its sync twin)."""
    return True
