"""The correlation id of each call: a version-4 UUID text, unique, and cheap to make.

A correlation id has to be unique, not unguessable. A random UUID per call cost more than the
rest of preparing a request (`uuid.uuid4()` reads the system's randomness and builds a UUID
object; even `random.getrandbits(128)` and its formatting are not cheap), so each process draws
the first 80 bits once, and the last 48 count up from a random start:

    e3b7c2d4-1f0a-4c5e-9b8d-3a6f00000001  then  ...-3a6f00000002

Every id is a well-formed version-4 UUID (version and variant bits set). Ids of one process do not
repeat before 2**48 calls, and a forked child draws its own prefix (and drops the ids its parent
had made ahead), so that workers forked from one parent do not send the same ids.

The ids are made ahead, a batch at a time, and a call takes one from the batch. Formatting an id
costs far more inside a real call than in a loop: between two calls the event loop, the socket and
aiohttp run, and the formatting code is no longer in the CPU's caches when the next call needs it.
Taking a made id is one `list.pop()`. Threads may share the batches: a pop is atomic, and each
refill takes a block of numbers of its own.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable

from ._base.processes import in_child_after_fork

_LOW_48_BITS = (1 << 48) - 1
# Ids made at a time; about 20 KB of them.
BATCH = 256


class _IdSource:
    __slots__ = ("made", "next_block", "prefix")

    prefix: str
    next_block: Callable[[], int]  # the first number of the next batch
    made: list[str]  # ids made ahead, taken from the end

    def __init__(self) -> None:
        self.draw()

    def draw(self) -> None:
        """A new random prefix (time_low, time_mid, version, clock_seq) and a random counter start.

        Read from the system's randomness (once per process: at import, and in a child after a
        fork), not from `random`, whose state a child shares with its parent and siblings until
        its own fork hook reseeds it: this module's hook may run before that one.
        """
        drawn = int.from_bytes(os.urandom(16))
        bits = drawn >> 48  # 80 bits
        time_low, time_mid = bits >> 48, (bits >> 32) & 0xFFFF
        version_4 = 0x4000 | (bits >> 16) & 0x0FFF
        variant_10 = 0x8000 | bits & 0x3FFF
        self.prefix = f"{time_low:08x}-{time_mid:04x}-{version_4:04x}-{variant_10:04x}-"
        self.next_block = itertools.count(drawn & _LOW_48_BITS, BATCH).__next__  # atomic: no lock needed
        self.made = []  # a new list: a forked child never hands out what its parent made

    def refill(self) -> str:
        """Make the next batch of ids; return its first one."""
        start, prefix = self.next_block(), self.prefix
        # In descending order, so that pop() hands them out counting up.
        batch = [f"{prefix}{(start + offset) & _LOW_48_BITS:012x}" for offset in range(BATCH - 1, -1, -1)]
        first = batch.pop()
        self.made.extend(batch)  # another thread's refill may extend it too: each batch is unique
        return first


_source = _IdSource()
# A forked child draws anew before any of its code runs (the package's one fork hook, `_base/processes.py`).
_fork_listener = in_child_after_fork(_source.draw)


def new_correlation_id() -> str:
    """The next id, such as "e3b7c2d4-1f0a-4c5e-9b8d-3a6f00000001"."""
    try:
        return _source.made.pop()
    except IndexError:
        return _source.refill()
