"""In this process, what the fork's hook does about imports (`_base/processes.py`): it returns only once every import
in flight has ended, and while the fork lasts no heavy library's import (`LazyModule`) begins. The forks themselves,
thread by thread path: test_fork_while_loading.py."""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pexip_engage_client._base import processes
from pexip_engage_client._base.lazy_module import LazyModule

STARTED = {name: threading.Event() for name in ("heavy_in_flight", "heavy_asked_at_fork", "plain_in_flight")}


@pytest.fixture
def modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A module of each name above, whose import says it started, then takes a while."""
    for name in STARTED:
        (tmp_path / f"{name}.py").write_text(
            f"import time\nfrom {__name__} import STARTED\nSTARTED[{name!r}].set()\ntime.sleep(0.3)\nDONE = True\n"
        )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    for name, started in STARTED.items():
        sys.modules.pop(name, None)
        started.clear()


def test_the_fork_waits_for_a_heavy_import_in_flight_and_lets_none_begin_until_it_is_done(modules: None) -> None:
    loading = threading.Thread(target=LazyModule("heavy_in_flight").load)
    loading.start()
    assert STARTED["heavy_in_flight"].wait(5)
    processes._before_fork()
    try:
        assert sys.modules["heavy_in_flight"].DONE
        asked = threading.Thread(target=LazyModule("heavy_asked_at_fork").load)
        asked.start()
        assert not STARTED["heavy_asked_at_fork"].wait(0.2)  # waits for the fork to be done
    finally:
        processes._after_fork_in_parent()
    assert STARTED["heavy_asked_at_fork"].wait(5)
    for thread in (loading, asked):
        thread.join(5)


def test_the_fork_waits_for_any_import_in_flight(modules: None) -> None:
    loading = threading.Thread(target=importlib.import_module, args=("plain_in_flight",))
    loading.start()
    assert STARTED["plain_in_flight"].wait(5)
    processes._before_fork()
    processes._after_fork_in_parent()
    assert sys.modules["plain_in_flight"].DONE
    loading.join(5)
