"""The correlation id of each call: a version-4 UUID text, unique, and cheap to make.

A correlation id has to be unique, not unguessable. A random UUID per call cost more than the
rest of preparing a request (`uuid.uuid4()` reads the system's randomness and builds a UUID
object; even `random.getrandbits(128)` and its formatting took 2 us on the benchmark machine), so
each process draws the first 80 bits once, and the last 48 count up from a random start:

    e3b7c2d4-1f0a-4c5e-9b8d-3a6f00000001  then  ...-3a6f00000002

Every id is a well-formed version-4 UUID (version and variant bits set). Ids of one process do not
repeat before 2**48 calls, and a forked child draws its own prefix, so that workers forked from
one parent do not send the same ids.
"""

from __future__ import annotations

import itertools
import os
import random
from collections.abc import Callable

_LOW_48_BITS = (1 << 48) - 1


class _IdSource:
    __slots__ = ("next_number", "prefix")

    prefix: str
    next_number: Callable[[], int]

    def __init__(self) -> None:
        self.draw()

    def draw(self) -> None:
        """A new random prefix (time_low, time_mid, version, clock_seq) and a random counter start."""
        bits = random.getrandbits(80)
        time_low, time_mid = bits >> 48, (bits >> 32) & 0xFFFF
        version_4 = 0x4000 | (bits >> 16) & 0x0FFF
        variant_10 = 0x8000 | bits & 0x3FFF
        self.prefix = f"{time_low:08x}-{time_mid:04x}-{version_4:04x}-{variant_10:04x}-"
        self.next_number = itertools.count(random.getrandbits(48)).__next__  # atomic: no lock needed


_source = _IdSource()
if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    # Runs after `random` has reseeded itself in the child (callbacks run in registration order).
    os.register_at_fork(after_in_child=_source.draw)


def new_correlation_id() -> str:
    """The next id, such as "e3b7c2d4-1f0a-4c5e-9b8d-3a6f00000001"."""
    return f"{_source.prefix}{_source.next_number() & _LOW_48_BITS:012x}"
