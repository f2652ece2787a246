"""`SharedOnce`: one value for every holder, made once however many threads ask for the first one."""

from __future__ import annotations

import copy
import threading
import time

from pexip_engage_client._ensuring._shared_once import SharedOnce


def _slowly_made() -> object:
    """A value whose making takes long enough for every racer to be making one at once."""
    time.sleep(0.005)
    return object()


class _Holder:
    def __init__(self) -> None:
        self.shared: SharedOnce[object] = SharedOnce()


def test_threads_racing_for_the_first_value_all_get_the_one_stored() -> None:
    for _ in range(20):  # a race each round; a lost one shows as two values
        box: SharedOnce[object] = SharedOnce()
        start = threading.Barrier(8)
        got: list[object] = []

        def take(box: SharedOnce[object] = box, start: threading.Barrier = start, got: list[object] = got) -> None:
            start.wait(timeout=10)
            got.append(box.get_or_make(_slowly_made))

        threads = [threading.Thread(target=take) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
        assert len(got) == 8
        assert len({id(value) for value in got}) == 1


def test_copies_of_a_holder_share_the_value_made_by_either() -> None:
    holder = _Holder()
    sibling = copy.copy(holder)
    assert holder.shared.get() is None
    made = sibling.shared.get_or_make(object)
    assert holder.shared.get() is made
    assert holder.shared.get_or_make(object) is made
