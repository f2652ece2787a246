"""Each step of the fenced lease (`_leasing/_lease.py`) on its own, in the quick loop (issue 78).

What the ensures' and provisioning's turns rely on, without a server: a lock file's fence, its
mode and its holder's words, a turn that is not this process's once it forked, a remote lease's
answers read right (held, busy, lost, of a lost state), a release Redis could not hear sent again
by the next take, and the words and numbers `RedisLeases` and `PostgresLeases` send (the value
every process reads, `token/fence/epoch`; the functions' arguments). The backends' own scripts
are tested on a real redis-server and PostgreSQL: tests/limits/test_shared_ensure.py,
test_ensure_turns.py, test_ensure_faults.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import stat
import sys
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import psycopg
import pytest
import redis

from pexip_engage_client._leasing import _lease, _postgres_leases
from pexip_engage_client._leasing._lease import (
    EPOCH_KEY,
    Busy,
    FileLeases,
    Held,
    LeaseLostError,
    LeaseUnreachableError,
    RedisLeases,
    RemoteLeases,
    default_lock_dir,
    json_object,
)
from pexip_engage_client._leasing._postgres_leases import PostgresLeases

# --- This host's lock files ------------------------------------------------------------------------


async def test_a_lock_files_fence_goes_on_from_the_files_and_its_holders_words_are_kept(tmp_path: Path) -> None:
    leases = FileLeases(tmp_path, file_name=lambda key: f"{key}.lock")
    (tmp_path / "k.lock").write_text(json.dumps({"fence": 7, "pid": 1}))
    held = await leases.take("k", "a", 5)
    assert held == Held("k", "a", 8, "file")
    await leases.describe(held, {"pid": 42})
    assert json.loads((tmp_path / "k.lock").read_text()) == {"pid": 42, "fence": 8}
    assert await leases.holder_of("k") == {"pid": 42}
    await leases.release(held)
    (tmp_path / "k.lock").write_text("not JSON")  # being written by another process, say
    again = await leases.take("k", "b", 5)
    assert isinstance(again, Held)
    assert again.fence == 1
    assert await leases.holder_of("missing") == {}
    assert await leases.holder_of("k") == {}  # a fence alone: no words
    (tmp_path / "bare.lock").write_text('{"pid": 3}')  # words and no fence (an older version's, say)
    assert await leases.holder_of("bare") == {"pid": 3}
    assert leases.description == f"lock files in {tmp_path}"


async def test_a_lock_file_is_the_users_own_and_one_of_the_stripes(tmp_path: Path) -> None:
    leases = FileLeases(tmp_path)
    path = leases.path_of("pexip-engage-ensure:createAppointment:abc")
    assert path.parent == tmp_path
    assert path.name == "pexip-engage-0381.lock"  # the same on every version: processes of two share it
    assert {leases.path_of(f"key-{n}").name for n in range(200)} != {path.name}
    assert leases.path_of("\ud800 a lone surrogate").parent == tmp_path  # any key at all
    held = await leases.take("pexip-engage-ensure:createAppointment:abc", "a", 5)
    assert isinstance(held, Held)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    await leases.release(held)


async def test_a_folder_that_cannot_be_made_is_unreachable_never_a_turn(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    leases = FileLeases(tmp_path / "file" / "locks")
    with pytest.raises(LeaseUnreachableError, match="cannot open the lock file"):
        await leases.take("k", "a", 5)


async def test_one_token_on_another_key_takes_that_keys_own_turn(tmp_path: Path) -> None:
    leases = FileLeases(tmp_path, file_name=lambda key: f"{key}.lock")
    first = await leases.take("k", "mine", 5)
    other = await leases.take("other", "mine", 5)
    assert isinstance(other, Held)
    assert other.key == "other"
    assert first != other
    await leases.release(other)


async def test_one_token_on_two_keys_holds_both_turns_and_gives_each_up_on_its_own(tmp_path: Path) -> None:
    """A token is its holder's, a turn is a key's (as on Redis and PostgreSQL): a take on a second key
    forgets nothing of the first, so releasing one frees its own lock file, not the other's."""
    leases = FileLeases(tmp_path, file_name=lambda key: f"{key}.lock")
    other = FileLeases(tmp_path, file_name=lambda key: f"{key}.lock")  # as another process
    first = await leases.take("k", "mine", 5)
    second = await leases.take("other", "mine", 5)
    assert isinstance(first, Held)
    assert isinstance(second, Held)
    assert await leases.take("k", "mine", 5) == first  # its own turn, taken again
    await leases.describe(first, {"pid": 1})
    assert await other.holder_of("k") == {"pid": 1}
    assert await other.holder_of("other") == {}
    await leases.release(first)
    with pytest.raises(LeaseLostError):
        await leases.confirm(first, 5)
    await leases.confirm(second, 5)  # still held
    assert isinstance(await other.take("other", "theirs", 5), Busy)
    assert isinstance(await other.take("k", "theirs", 5), Held)  # the first lock file is free
    await leases.release(second)
    assert isinstance(await other.take("other", "theirs", 5), Held)


async def test_a_forked_childs_copy_holds_none_of_its_parents_turns(tmp_path: Path) -> None:
    """As a child sees the parent's `FileLeases` after a fork (another process id): not its turns."""
    leases = FileLeases(tmp_path, file_name=lambda key: f"{key}.lock")
    held = await leases.take("k", "mine", 5)
    assert isinstance(held, Held)
    parent = leases._pid
    leases._pid = parent + 1  # as in the child
    with pytest.raises(LeaseLostError, match=r"^the turn on k is no longer this holder's$"):
        await leases.confirm(held, 5)
    assert isinstance(await leases.take("k", "mine", 5), Busy)  # the parent's turn is not the child's own
    await leases.release(held)  # gives nothing of the parent's up
    leases._pid = parent
    await leases.confirm(held, 5)  # still the parent's
    await leases.release(held)
    with pytest.raises(LeaseLostError):
        await leases.confirm(held, 5)


async def test_a_child_takes_turns_of_its_own_once_it_forked(tmp_path: Path) -> None:
    leases = FileLeases(tmp_path, file_name=lambda key: f"{key}.lock")
    await leases.take("k", "parent's", 5)
    leases._pid = -1  # as in the child: the parent's turns are dropped from its copy at its first take
    held = await leases.take("other", "child's", 5)
    assert isinstance(held, Held)
    assert leases._pid == os.getpid()
    assert set(leases._open) == {("child's", "other")}
    await leases.confirm(held, 5)
    await leases.release(held)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork() here")
async def test_a_forked_child_describing_its_parents_turn_writes_to_no_file_of_its_own(tmp_path: Path) -> None:
    """A child's copy of the parent's turn names a descriptor the fork closed, which the child's next file reuses."""
    leases = FileLeases(tmp_path, file_name=lambda key: f"{key}.lock")
    held = await leases.take("k", "mine", 5)
    assert isinstance(held, Held)
    childs = tmp_path / "childs.txt"
    pid = os.fork()
    if pid == 0:  # the child: only os._exit leaves it, so that pytest never runs on here
        code = 1
        try:
            with childs.open("w+") as file:
                file.write("the child's own")
                file.flush()
                describing = leases.describe(held, {"pid": os.getpid()})
                with contextlib.suppress(StopIteration):  # no awaits inside: done at its first step
                    describing.send(None)
                file.seek(0)
                code = 0 if file.read() == "the child's own" else 3
        finally:
            os._exit(code)
    _, status = await asyncio.to_thread(os.waitpid, pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the child's describe wrote over a file of its own"
    assert childs.read_text() == "the child's own"
    await leases.describe(held, {"pid": os.getpid()})  # the turn is still the parent's to describe
    assert await leases.holder_of("k") == {"pid": os.getpid()}
    await leases.release(held)


async def test_each_lock_file_held_is_known_for_a_fork_and_forgotten_once_released(tmp_path: Path) -> None:
    leases = FileLeases(tmp_path)
    held = await leases.take("k", "mine", 5)
    assert isinstance(held, Held)
    descriptor = leases._open["mine", "k"][0]
    assert descriptor in _lease._HELD.held
    await leases.release(held)
    assert descriptor not in _lease._HELD.held


def test_the_descriptors_are_closed_in_a_forked_child(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    registered: list[Any] = []
    monkeypatch.setattr(_lease, "at_fork_in_child", registered.append)  # the one way: `_base/processes.py`
    held = _lease._HeldDescriptors()
    assert registered == [held._after_fork_in_child]
    assert held.held == set()
    with held.guard:
        pass
    descriptor = os.open(tmp_path / "f.lock", os.O_RDWR | os.O_CREAT, 0o600)
    closed = os.open(tmp_path / "g.lock", os.O_RDWR | os.O_CREAT, 0o600)
    os.close(closed)
    held.held = {descriptor, closed}  # one the child has closed already: no error
    held._after_fork_in_child()
    with pytest.raises(OSError, match="Bad file descriptor"):
        os.fstat(descriptor)
    assert held.held == set()
    with held.guard:  # a new lock: a parent thread may have held the old one at the fork
        pass


async def test_a_take_first_notices_a_fork_that_ran_no_hook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Its hooks then close the parent's descriptors before this take's is known (a real fork: test_ensure_fork.py)."""
    noticed: list[set[int]] = []
    monkeypatch.setattr(_lease, "notice_fork", lambda: noticed.append(set(_lease._HELD.held)))
    leases = FileLeases(tmp_path)
    held = await leases.take("k", "mine", 5)
    assert isinstance(held, Held)
    assert len(noticed) == 1
    assert leases._open["mine", "k"][0] not in noticed[0]
    await leases.release(held)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a file that takes no writes")
async def test_a_lock_file_that_cannot_be_written_is_unreachable_and_keeps_no_turn(tmp_path: Path) -> None:
    """A real fault (read-only folders do not stop root): the key's lock file is /dev/full, which opens and
    locks but takes no writes. The backend cannot be trusted, as a Redis that cannot be asked: the
    documented `LeaseUnreachableError`, the OSError its cause, and the lock not kept."""
    leases = FileLeases(tmp_path, file_name=lambda key: f"{key}.lock")
    (tmp_path / "k.lock").symlink_to("/dev/full")
    with pytest.raises(LeaseUnreachableError, match=r"cannot use the lock file .*k\.lock") as raised:
        await leases.take("k", "mine", 5)
    assert isinstance(raised.value.__cause__, OSError)
    assert leases._open == {}
    other = FileLeases(tmp_path, file_name=lambda key: f"{key}.lock")
    with pytest.raises(LeaseUnreachableError):  # not Busy: the failed take let go of the lock
        await other.take("k", "other", 5)


async def test_a_take_that_cannot_write_its_fence_is_unreachable_saying_why(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The take's own words for the fault (a disk full as it writes the fence), as `describe`'s are."""
    leases = FileLeases(tmp_path, file_name=lambda key: f"{key}.lock")
    monkeypatch.setattr(_lease, "_write_state", lambda descriptor, state: _raise(OSError(28, "No space left")))
    with pytest.raises(
        LeaseUnreachableError, match=r"^cannot use the lock file .*k\.lock: \[Errno 28\] No space left$"
    ):
        await leases.take("k", "mine", 5)


async def test_a_lock_folder_is_made_with_its_missing_parents(tmp_path: Path) -> None:
    """The default folder (`pexip-engage/locks` in the user's cache folder) may have none of its folders yet."""
    leases = FileLeases(tmp_path / "cache" / "pexip-engage" / "locks")
    held = await leases.take("k", "a", 5)
    assert isinstance(held, Held)
    assert leases.path_of("k").is_file()
    await leases.release(held)


async def test_a_holders_words_that_cannot_be_written_are_unreachable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`describe` once the disk filled up (a fault made by hand: the turn's lock file was written at its
    take): the same documented error as a take's, which the apply lock's renewal catches."""
    leases = FileLeases(tmp_path, file_name=lambda key: f"{key}.lock")
    held = await leases.take("k", "mine", 5)
    assert isinstance(held, Held)
    monkeypatch.setattr(_lease, "_write_state", lambda descriptor, state: _raise(OSError(28, "No space left")))
    with pytest.raises(LeaseUnreachableError, match=r"cannot use the lock file .*k\.lock: .*No space left") as raised:
        await leases.describe(held, {"pid": 1})
    assert isinstance(raised.value.__cause__, OSError)
    monkeypatch.undo()
    await leases.confirm(held, 5)  # the turn itself still held
    await leases.release(held)


def _raise(error: BaseException) -> None:
    raise error


async def test_a_lock_files_folder_is_the_default_one_unless_given(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_LOCK_DIR", str(tmp_path))
    assert FileLeases().folder == tmp_path
    assert FileLeases(tmp_path / "given").folder == tmp_path / "given"


@pytest.mark.parametrize("locked", [False, True])
def test_on_windows_a_lock_file_is_locked_and_unlocked_by_its_first_byte(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, locked: bool
) -> None:
    """msvcrt.locking locks bytes from the file's position: the first byte, to lock and to unlock."""
    calls: list[tuple[int, int, int, int]] = []
    descriptor = ours = os.open(tmp_path / "f.lock", os.O_RDWR | os.O_CREAT, 0o600)

    def locking(descriptor: int, mode: int, count: int) -> None:
        # Only this test's file: a daemon release timer an earlier test left may fire while the platform is patched.
        if descriptor == ours:
            calls.append((descriptor, mode, count, os.lseek(descriptor, 0, os.SEEK_CUR)))
        if locked and mode == msvcrt.LK_NBLCK:
            raise OSError("locked by another process")

    msvcrt = SimpleNamespace(LK_NBLCK=2, LK_UNLCK=0, locking=locking)
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    monkeypatch.setattr(sys, "platform", "win32")
    try:
        assert _lease._lock_now(descriptor) is not locked
        os.write(descriptor, b'{"fence": 1}')  # the state written after the lock: the position moved
        _lease._unlock(descriptor)
    finally:
        os.close(descriptor)
    assert calls == [(descriptor, 2, 1, 0), (descriptor, 0, 1, 0)]


async def test_a_later_release_runs_on_a_daemon_timer_that_never_keeps_the_process_alive(tmp_path: Path) -> None:
    leases = FileLeases(tmp_path)
    held = await leases.take("k", "mine", 5)
    assert isinstance(held, Held)
    before = set(threading.enumerate())
    await leases.release_later(held, 60.0)
    timers = [thread for thread in threading.enumerate() if thread not in before]
    assert len(timers) == 1
    assert timers[0].daemon
    timers[0].cancel()  # type: ignore[attr-defined] # a threading.Timer
    await leases.release(held)


@pytest.mark.parametrize(
    ("platform", "variables", "expected"),
    [
        ("linux", {"XDG_CACHE_HOME": "xdg"}, Path("xdg")),
        ("linux", {}, Path.home() / ".cache"),
        ("darwin", {"XDG_CACHE_HOME": "xdg"}, Path.home() / "Library" / "Caches"),
        ("win32", {"LOCALAPPDATA": "local"}, Path("local")),
        ("win32", {}, Path.home() / "AppData" / "Local"),
    ],
)
def test_the_lock_folder_is_each_systems_cache(
    monkeypatch: pytest.MonkeyPatch, platform: str, variables: dict[str, str], expected: Path
) -> None:
    for name in ("PEXIP_ENGAGE_LOCK_DIR", "XDG_CACHE_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    assert default_lock_dir() == expected / "pexip-engage" / "locks"
    monkeypatch.setenv("PEXIP_ENGAGE_LOCK_DIR", "")  # set but empty: the default
    assert default_lock_dir() == expected / "pexip-engage" / "locks"


def test_a_json_object_is_read_only_from_an_object() -> None:
    assert json_object(b'{"a": 1}') == {"a": 1}
    assert json_object("[1]") == {}
    assert json_object(None) == {}
    assert json_object("{") == {}


# --- What Redis and PostgreSQL share (`RemoteLeases`) -------------------------------------------------


class Scripted(RemoteLeases):
    """A remote lease whose backend's steps answer what the test says, and are recorded."""

    _NOT_HELD = "not held, as the test says"
    _STATE_LOST = "state the test lost"

    def __init__(self) -> None:
        super().__init__("a scripted backend")
        self.answers: list[Any] = []
        self.steps: list[tuple[str, Any, Any]] = []
        self.unreachable = False

    async def _take(self, key: str, token: str, ms: int) -> Any:
        self.steps.append(("take", key, ms))
        return self.answers.pop(0)

    async def _confirm(self, held: Held, ms: int) -> Any:
        self.steps.append(("confirm", held.token, ms))
        return self.answers.pop(0)

    async def _release(self, held: Held) -> Any:
        self.steps.append(("release", held.token, None))
        if self.unreachable:
            raise LeaseUnreachableError("down")


async def test_a_remote_take_reads_held_and_busy_in_seconds() -> None:
    leases = Scripted()
    leases.answers = [(1, 3, b"epoch", 2500), (1, "4", "other", "0"), (0, 1500, b"epoch", 0), (0, -2, b"epoch", 0)]
    assert await leases.take("k", "t", 2.5) == Held("k", "t", 3, "epoch", 2.5)
    assert await leases.take("k", "t", 0.0001) == Held("k", "t", 4, "other", 0.0)
    assert await leases.take("k", "u", 2.5) == Busy(1.5)
    assert await leases.take("k", "u", 2.5) == Busy(0.0)  # no expiry said (PTTL's -1, -2): no time left
    assert [step[2] for step in leases.steps] == [2500, 1, 2500, 2500]  # whole ms, one at least
    assert leases.description == "a scripted backend"


async def test_a_remote_confirm_is_kept_lost_or_of_a_lost_state() -> None:
    leases = Scripted()
    held = Held("k", "t", 1, "e")
    leases.answers = [1, 0, -1]
    await leases.confirm(held, 1.2)
    with pytest.raises(
        LeaseLostError, match=r"^the lease on k is no longer this holder's \(not held, as the test says\)$"
    ):
        await leases.renew(held, 1.2)
    with pytest.raises(LeaseLostError, match=r"^the lease on k is of a state the test lost$"):
        await leases.confirm(held, 1.2)
    assert leases.steps == [("confirm", "t", 1200)] * 3


async def test_a_release_the_backend_could_not_hear_is_sent_again_by_the_next_take_first() -> None:
    leases = Scripted()
    one, two = Held("k", "one", 1, "e"), Held("k", "two", 2, "e")
    leases.unreachable = True
    await leases.release(one)  # never raises: it expires on its own, else the next take sends it again
    await leases.release(two)
    leases.answers = [(1, 3, "e", 0)]
    await leases.take("j", "three", 1)  # still unreachable: the first failure ends the try, the take goes on
    assert leases.steps[2:] == [("release", "two", None), ("take", "j", 1000)]
    leases.unreachable = False
    leases.answers = [(1, 4, "e", 0)]
    leases.steps.clear()
    await leases.take("j", "four", 1)
    assert sorted(leases.steps[:2]) == [("release", "one", None), ("release", "two", None)]
    assert leases.steps[2:] == [("take", "j", 1000)]
    leases.steps.clear()
    leases.answers = [(1, 5, "e", 0)]
    await leases.take("j", "five", 1)
    assert leases.steps == [("take", "j", 1000)]  # sent once: never again


async def test_a_remote_release_later_leaves_the_lease_to_run_out() -> None:
    leases = Scripted()
    await leases.release_later(Held("k", "t", 1, "e"), 5)
    assert leases.steps == []


# --- What `RedisLeases` sends ----------------------------------------------------------------------


class Recording:
    """A redis-py client that records each command and answers what the test says."""

    def __init__(self, answer: Any = None, error: BaseException | None = None) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self.answer, self.error = answer, error
        self.closed = False

    def _call(self, name: str, *args: Any, **options: Any) -> Any:
        self.calls.append((name, args, options))
        if self.error is not None:
            raise self.error
        return self.answer

    async def eval(self, *args: Any) -> Any:
        return self._call("eval", *args)

    async def set(self, *args: Any, **options: Any) -> Any:
        return self._call("set", *args, **options)

    async def get(self, *args: Any) -> Any:
        return self._call("get", *args)

    async def aclose(self) -> None:
        self.closed = True


async def test_redis_leases_send_the_keys_and_the_value_every_process_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    client = Recording(answer=[1, 3, b"e@1", 0])
    leases = RedisLeases(client, "Redis at a test")
    monkeypatch.setattr(_lease, "new_token", lambda: "new-epoch")
    held = await leases.take("k", "tok", 2.5)
    assert held == Held("k", "tok", 3, "e@1", 0.0)
    name, args, _ = client.calls[0]
    assert (name, args[1:]) == ("eval", (3, "k", "k:fence", EPOCH_KEY, "tok", 2500, "new-epoch", 7 * 24 * 3600 * 1000))
    assert args[0] == _lease._TAKE
    client.answer = 1
    await leases.confirm(held, 1.5)  # the lease's value, while the epoch marker holds the turn's epoch
    assert client.calls[1][1][1:] == (2, "k", EPOCH_KEY, "tok/3/e@1", 1500, "e@1")
    await leases.release(held)
    assert client.calls[2][1][1:] == (1, "k", "tok/3/e@1")
    await leases.describe(held, {"pid": 7}, 2.0)
    assert client.calls[3] == ("set", ("k:holder", '{"pid": 7}'), {"px": 2000})
    client.answer = b'{"pid": 7}'
    assert await leases.holder_of("k") == {"pid": 7}
    assert client.calls[4] == ("get", ("k:holder",), {})
    await leases.aclose()
    assert client.closed


async def test_a_redis_that_cannot_be_asked_is_unreachable_naming_it_and_why() -> None:
    leases = RedisLeases(Recording(error=redis.ConnectionError("refused")), "Redis at a test")
    with pytest.raises(LeaseUnreachableError, match=r"^Redis at a test cannot be reached: ConnectionError: refused$"):
        await leases.take("k", "t", 1)
    await leases.release(Held("k", "t", 1, "e"))  # never raises: the next take sends it again
    with pytest.raises(LeaseUnreachableError):
        await leases.confirm(Held("k", "t", 1, "e"), 1)


# --- What `PostgresLeases` sends (its functions are tested on a real PostgreSQL) ---------------------------


async def test_postgres_leases_send_each_steps_arguments_and_read_its_row(monkeypatch: pytest.MonkeyPatch) -> None:
    leases = PostgresLeases("postgresql://app@127.0.0.1:1/app?schema=leases_test", "PostgreSQL at a test")
    sent: list[tuple[str, Any]] = []
    answers: list[Any] = [(1, 3, "e", 0), (1,), None, None, ('{"pid": 7}',), None, None]

    async def row(statement: str, args: Any = None) -> Any:
        sent.append((statement, args))
        return answers.pop(0)

    monkeypatch.setattr(leases._pool, "row", row)
    monkeypatch.setattr(_postgres_leases, "new_token", lambda: "new-epoch")
    held = await leases.take("k", "tok", 2.5)
    assert held == Held("k", "tok", 3, "e", 0.0)
    await leases.confirm(held, 1.5)
    await leases.release(held)  # nothing answered: released, or not this holder's
    await leases.describe(held, {"pid": 7}, 2.0)
    assert await leases.holder_of("k") == {"pid": 7}
    assert await leases.holder_of("k") == {}  # no holder
    holder = (
        'SELECT about FROM "leases_test".leases WHERE key = %s AND (token IS NOT NULL AND expires > clock_timestamp())'
    )
    assert sent == [
        (
            'SELECT taken, number, epoch_now, settle_ms FROM "leases_test".lease_take(%s, %s, %s, %s)',
            ("k", "tok", 2500, "new-epoch"),
        ),
        ('SELECT "leases_test".lease_confirm(%s, %s, %s, %s, %s)', ("k", "tok", 3, "e", 1500)),
        ('UPDATE "leases_test".leases SET token = NULL WHERE key = %s AND token = %s', ("k", "tok")),
        ('UPDATE "leases_test".leases SET about = %s WHERE key = %s AND token = %s', ('{"pid": 7}', "k", "tok")),
        (holder, ("k",)),
        (holder, ("k",)),
    ]
    with pytest.raises(LeaseUnreachableError, match=r"^PostgreSQL at a test answered nothing$"):
        await leases.take("k", "tok", 2.5)


async def test_a_postgresql_that_cannot_be_asked_is_unreachable_naming_it_never_its_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    leases = PostgresLeases("postgresql://app:s3cret@127.0.0.1:1/app", "PostgreSQL at a test")
    closed: list[bool] = []

    refused = psycopg.OperationalError("connection to 127.0.0.1 failed: password s3cret refused")

    async def row(statement: str, args: Any = None) -> Any:
        raise refused

    async def aclose() -> None:
        closed.append(True)

    monkeypatch.setattr(leases._pool, "row", row)
    monkeypatch.setattr(leases._pool, "aclose", aclose)
    with pytest.raises(LeaseUnreachableError, match=r"^PostgreSQL at a test cannot be reached: ") as raised:
        await leases.confirm(Held("k", "t", 1, "e"), 1)
    assert str(raised.value) == f"PostgreSQL at a test cannot be reached: {leases._pool.described(refused)}"
    assert "s3cret" not in str(raised.value)
    await leases.release(Held("k", "t", 1, "e"))  # never raises: the next take sends it again
    await leases.aclose()
    assert closed == [True]


def test_a_postgresql_lease_fails_within_a_second_so_that_a_holder_learns_before_its_lease_runs_out() -> None:
    """A confirm that cannot be answered must fail well within a lease (LEASE_MARGIN's second above an
    attempt's time): a second to get a connection, a second for a statement or a cut connection."""
    pool = PostgresLeases("postgresql://app@127.0.0.1:1/app", "PostgreSQL at a test")._pool
    assert (pool._size, pool._wait, pool._migrations) == (4, 1.0, _postgres_leases.MIGRATIONS)
    assert pool._kwargs["options"] == "-c statement_timeout=1000"
    assert pool._kwargs["tcp_user_timeout"] == 1000
