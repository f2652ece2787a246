"""`is_async()`: where the async source and the sync client it is turned into differ.

The async modules write the few real differences as `if is_async(): ... else: ...`; this function
is True here, and `scripts/generate/async_to_sync.py` keeps only the `else` branch in the sync modules it
writes (and leaves this import out).
"""


def is_async() -> bool:
    """True: this is the async code (its sync twin keeps the other branch)."""
    return True
