"""The one lease's rules (`_leasing/_holders.py`): a holder's name, its liveness, each kind's terms, and when a lease
may be taken from its holder."""

from __future__ import annotations

import math
import os
import socket

import pytest

from pexip_engage_client._base.arguments import ArgumentError
from pexip_engage_client._leasing import _holders
from pexip_engage_client._leasing._holders import (
    ENSURE,
    EVENT_CLAIM,
    MIRROR_CLAIM,
    SLOT,
    Terms,
    dead,
    host,
    new_holder,
)
from pexip_engage_client._leasing._shared_leases import lease_seconds_for

# No process has this number: above the largest PID_MAX_LIMIT Linux allows (2**22).
NO_SUCH_PID = 2**22 + 1


def test_a_holder_names_this_host_with_its_pid_namespace_and_this_process() -> None:
    holder = new_holder()
    where, pid, token = holder.rsplit(":", 2)
    assert where == host()
    assert where.startswith(socket.gethostname())
    if os.path.exists("/proc/self/ns/pid"):
        assert where == f"{socket.gethostname()}/{os.stat('/proc/self/ns/pid').st_ino}"
    assert int(pid) == os.getpid()
    assert len(token) == 8
    assert new_holder() != holder


def test_only_a_holder_of_this_host_whose_process_is_gone_is_dead() -> None:
    assert dead(f"{host()}:{NO_SUCH_PID}:abcdef12")
    assert dead(f"{host()}:{NO_SUCH_PID}:abcdef12/3")  # a webhook worker's owner: the holder and its number
    assert not dead(new_holder())  # this process runs
    assert not dead(f"{host()}:1:abcdef12")  # init: alive (another user's, or this one's)
    assert not dead(f"elsewhere:{NO_SUCH_PID}:abcdef12")  # another host's: left to its lease
    assert not dead(f"{socket.gethostname()}/0:{NO_SUCH_PID}:abcdef12")  # this name, another PID namespace
    assert not dead("not a holder")
    assert not dead(f"{host()}:not-a-pid:abcdef12")


def test_a_dead_holders_lease_is_let_go_early_only_here_and_only_if_nothing_it_guarded_outlives_it() -> None:
    gone, alive, remote = f"{host()}:{NO_SUCH_PID}:abcdef12", new_holder(), f"elsewhere:{NO_SUCH_PID}:abcdef12"
    claim = Terms(60.0, outlives_holder=False)
    assert claim.let_go_early(gone)  # its holder died here: at once
    assert not claim.let_go_early(alive)
    assert not claim.let_go_early(remote)  # another host's: only its end
    sent = Terms(60.0, outlives_holder=True)  # a request its holder sent may still be at the server
    assert not sent.let_go_early(gone)


def test_each_kind_says_whether_its_dead_holders_may_be_let_go_early() -> None:
    # What a dead holder sent may still be at the server: a slot, an ensure's create, an apply's write.
    assert SLOT.outlives_holder
    assert ENSURE.outlives_holder
    assert _holders.APPLY.outlives_holder
    # What a dead holder did ended with it: a mirror's read or hook, a webhook handler (run again).
    assert not MIRROR_CLAIM.outlives_holder
    assert not EVENT_CLAIM.outlives_holder
    assert not _holders.CATCH_UP.outlives_holder


def test_a_holder_renews_three_times_a_lease() -> None:
    assert SLOT.renew_every() == pytest.approx(SLOT.seconds / 3)
    assert EVENT_CLAIM.renew_every(1.5) == pytest.approx(0.5)


def test_an_ensure_lease_covers_its_attempt_and_a_margin() -> None:
    assert lease_seconds_for(None) == ENSURE.seconds == 5.0 + 30.0 + _holders.LEASE_MARGIN
    assert lease_seconds_for(2.0) == 2 * 2.0 + _holders.LEASE_MARGIN


@pytest.mark.parametrize("bad", [0, -1.0, math.inf, math.nan, "10", None, True, 0.05])
def test_a_length_out_of_range_is_refused_naming_its_parameter(bad: object) -> None:
    with pytest.raises(ArgumentError, match="lease_seconds"):
        SLOT.checked("lease_seconds", bad, least=0.1)


def test_a_length_in_range_is_kept() -> None:
    assert SLOT.checked("lease_seconds", 0.1, least=0.1) == 0.1
    assert EVENT_CLAIM.checked("lease", 3) == 3.0
