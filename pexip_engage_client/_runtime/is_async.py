"""`is_async()`: where the async source and the sync client it is turned into differ.

True here; `scripts/generate/async_to_sync.py` keeps only the `else` branch of `if is_async():`.
"""


def is_async() -> bool:
    """True: this is the async code (its sync twin keeps the other branch)."""
    return True
