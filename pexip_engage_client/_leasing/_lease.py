"""The one lease: a turn on a key that at most one holder has, across the processes a backend reaches.

For ensures and provisioning's applies: `RedisLeases`, `PostgresLeases` or `FileLeases` (one host). Why fenced,
with an epoch and its settling wait: docs/safe-writes.md, "Concurrent ensures of one id". A take never waits (a
waiter polls); a confirm checks the token and the epoch, so a reused fence never lets a former holder through.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import sys
import threading
import uuid
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from .._base.is_async import is_async
from .._base.processes import at_fork_in_child, notice_fork
from .._base.waiting import waited_within
from .._shared._redis import CLAIM, let_go, redis_errors, renew

# The pauses between a waiter's attempts at a turn another holder has (seconds).
FIRST_PAUSE, LONGEST_PAUSE = 0.005, 0.1


class LeaseLostError(Exception):
    """The turn is no longer this holder's: taken over after it expired, or the backend lost its state."""


class LeaseUnreachableError(Exception):
    """The lease's backend could not be asked (down, cut off, too slow): whether the turn holds is unknown."""


@dataclass(frozen=True)
class Held:
    """A turn this holder has: its key and token, its fence, the backend's epoch, and any settling wait."""

    key: str
    token: str
    fence: int
    epoch: str
    settle_seconds: float = 0.0  # wait this long before trusting a look-up: the backend's state is new


@dataclass(frozen=True)
class Busy:
    """Another holder has the turn; `left_seconds`: how long its lease has left, None when unknown."""

    left_seconds: float | None


class LeaseBackend(Protocol):
    """Where turns are taken. `LeaseUnreachableError`: the backend could not be asked, nothing is known."""

    @property
    def description(self) -> str:
        """What the backend is, for messages: never a password."""
        ...

    async def take(self, key: str, token: str, seconds: float) -> Held | Busy:
        """`Held` for `seconds` of the backend's clock, or `Busy`; never waits."""

    async def confirm(self, held: Held, seconds: float) -> None:
        """Right before an irreversible step: check atomically that the turn is still this holder's (token,
        fence, epoch) and extend it over the step; `LeaseLostError` if not, and then the step is not taken."""

    async def renew(self, held: Held, seconds: float) -> None:
        """`confirm` between steps, to keep a living holder's turn (its errors may be noted and carried on from)."""

    async def release(self, held: Held) -> None:
        """Give the turn up if still this holder's; never raises (a remote lease not released expires)."""

    async def release_later(self, held: Held, seconds: float) -> None:
        """Give the turn up `seconds` from now, not before: what it guarded may still be in flight."""

    async def aclose(self) -> None: ...


class Renewing:
    """`renew()` every `every` seconds (`Terms.renew_every`) from `start()` to `stop()` (or over an `async with`): a
    task, or for the sync twin a daemon thread named `name`. A claim so outlives every wait of a holder that lives."""

    def __init__(self, renew: Callable[[], Awaitable[object]], every: float, name: str = "pexip-engage-lease") -> None:
        self._renew, self._every, self._name = renew, every, name
        self._running: Any = None  # the task or thread, and the event that stops it

    def start(self) -> None:
        stop = asyncio.Event()
        if is_async():
            self._running = (asyncio.ensure_future(self._renewing(stop)), stop)
        else:
            thread = threading.Thread(target=self._renewing, args=(stop,), name=self._name, daemon=True)
            thread.start()
            self._running = (thread, stop)

    async def _renewing(self, stop: asyncio.Event) -> None:
        while not await waited_within(stop.wait, self._every):
            await self._renew()

    async def stop(self) -> None:
        running, self._running = self._running, None
        if running is not None:
            renewing, stop = running
            stop.set()
            if is_async():
                await renewing
            else:
                renewing.join()

    async def __aenter__(self) -> None:
        self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()


def new_token() -> str:
    """A holder's token: random, so that only its holder can confirm, renew or release a turn."""
    return uuid.uuid4().hex


# How many lock files a folder holds at most: each key hashes to one of them, so the folder stays
# small whatever the number of keys; two keys that share a file only take turns with each other.
FILE_STRIPES = 4096
LOCK_DIR_VARIABLE = "PEXIP_ENGAGE_LOCK_DIR"


def default_lock_dir() -> Path:
    """`$PEXIP_ENGAGE_LOCK_DIR`, else `pexip-engage/locks` in the user's cache folder (docs/safe-writes.md)."""
    chosen = os.environ.get(LOCK_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "pexip-engage" / "locks"


def _lock_now(descriptor: int) -> bool:
    """Lock the open file without waiting: True when locked, False when another holder has it."""
    if sys.platform == "win32":
        import msvcrt  # noqa: PLC0415 - Windows only

        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl  # noqa: PLC0415 - POSIX only

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(descriptor: int) -> None:
    if sys.platform == "win32":
        import msvcrt  # noqa: PLC0415 - Windows only

        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl  # noqa: PLC0415 - POSIX only

        fcntl.flock(descriptor, fcntl.LOCK_UN)


class FileLeases:
    """Turns among the processes of one host: a kernel lock (`flock`, `msvcrt.locking`) on a file per key.

    A turn here never expires (`seconds` is not used): the kernel frees it when its process ends. The
    file holds a JSON object: the last fence and what its holder said (`describe`). Files are never
    removed (that would race the next taker). `file_name(key)`: a key's file (by default, one of `FILE_STRIPES`).
    """

    def __init__(self, folder: Path | None = None, *, file_name: Callable[[str], str] | None = None) -> None:
        self.folder = folder if folder is not None else default_lock_dir()
        self._file_name = file_name
        # (token, key) -> descriptor and turn, while held: a token is its holder's, and one holder may hold
        # turns on several keys (as on Redis and PostgreSQL), each given up on its own.
        self._open: dict[tuple[str, str], tuple[int, Held]] = {}
        self._pid = os.getpid()

    @property
    def description(self) -> str:
        return f"lock files in {self.folder}"

    def path_of(self, key: str) -> Path:
        if self._file_name is not None:
            return self.folder / self._file_name(key)
        stripe = int(hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:8], 16) % FILE_STRIPES
        return self.folder / f"pexip-engage-{stripe:04d}.lock"

    async def take(self, key: str, token: str, seconds: float) -> Held | Busy:
        notice_fork()  # a fork that ran no hook closes its copies now, before this take's descriptor is known
        with _HELD.guard:
            mine = self._open.get((token, key)) if os.getpid() == self._pid else None
        if mine is not None:
            return mine[1]  # this holder's own turn, taken again
        path = self.path_of(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise LeaseUnreachableError(f"cannot open the lock file {path}: {error}") from error
        try:
            if not _lock_now(descriptor):
                os.close(descriptor)
                return Busy(None)
            last = _read_state(descriptor).get("fence")
            fence = (last if isinstance(last, int) else 0) + 1
            _write_state(descriptor, {"fence": fence})
        except BaseException as error:
            os.close(descriptor)  # closing lets the kernel drop the lock too
            if isinstance(error, OSError):  # a disk full, a file that takes no writes: no turn is known to hold
                raise _unusable(path, error) from error
            raise
        turn = Held(key, token, fence, "file")
        with _HELD.guard:
            if os.getpid() != self._pid:  # a forked child: the parent's descriptors are not its turns
                self._pid, self._open = os.getpid(), {}
            self._open[token, key] = (descriptor, turn)
            _HELD.held.add(descriptor)
        return turn

    async def confirm(self, held: Held, seconds: float) -> None:
        with _HELD.guard:
            if os.getpid() != self._pid or (held.token, held.key) not in self._open:
                raise LeaseLostError(f"the turn on {held.key} is no longer this holder's")

    async def describe(self, held: Held, about: Mapping[str, Any], seconds: float = 0.0) -> None:
        """Say who holds the turn (JSON-able `about`: pid, host, ...), for a waiter's message (for good: a file)."""
        with _HELD.guard:
            # Not in a forked child: the fork closed the parent's descriptors, and the child's next file reuses them.
            mine = self._open.get((held.token, held.key)) if os.getpid() == self._pid else None
            if mine is not None:
                try:
                    _write_state(mine[0], {**about, "fence": held.fence})
                except OSError as error:
                    raise _unusable(self.path_of(held.key), error) from error

    async def holder_of(self, key: str) -> dict[str, Any]:
        """What the key's last holder said about itself (`describe`), without the fence; {} when nothing."""
        try:
            state = json_object(self.path_of(key).read_bytes())
        except OSError:
            return {}
        state.pop("fence", None)
        return state

    renew = confirm

    async def release(self, held: Held) -> None:
        self._release_now(held)

    async def release_later(self, held: Held, seconds: float) -> None:
        """`release` on a timer (a daemon thread: it never keeps the process alive): a lock file never expires."""
        timer = threading.Timer(seconds, self._release_now, (held,))
        timer.daemon = True
        timer.start()

    def _release_now(self, held: Held) -> None:
        with _HELD.guard:
            mine = self._open.pop((held.token, held.key), None) if os.getpid() == self._pid else None
            if mine is not None:
                _HELD.held.discard(mine[0])
        if mine is not None:
            try:
                _unlock(mine[0])
            finally:
                os.close(mine[0])

    async def aclose(self) -> None:
        return None


def _unusable(path: Path, error: OSError) -> LeaseUnreachableError:
    """A lock file that could not be locked, read or written, as a remote backend that cannot be asked."""
    return LeaseUnreachableError(f"cannot use the lock file {path}: {error}")


class _HeldDescriptors:
    """The lock files' descriptors this process holds turns by, closed in a child at the fork (`at_fork_in_child`):
    its copies would keep the parent's turns held after the parent let go or died (closing them unlocks nothing)."""

    def __init__(self) -> None:
        self.held: set[int] = set()
        self.guard = threading.Lock()
        at_fork_in_child(self._after_fork_in_child)

    def _after_fork_in_child(self) -> None:
        self.guard = threading.Lock()  # a parent thread may have held it at the fork
        for descriptor in self.held:
            with contextlib.suppress(OSError):
                os.close(descriptor)
        self.held = set()


_HELD = _HeldDescriptors()


def json_object(text: str | bytes | None) -> dict[str, Any]:
    """The JSON object `text` holds; {} when it is empty, unreadable, or not an object."""
    try:
        state = json.loads(text or b"{}")
    except ValueError:
        return {}
    return state if isinstance(state, dict) else {}


def _read_state(descriptor: int) -> dict[str, Any]:
    """The lock file's JSON object; {} when it is empty or unreadable (being written)."""
    os.lseek(descriptor, 0, os.SEEK_SET)
    return json_object(os.read(descriptor, 65536))


def _write_state(descriptor: int, state: Mapping[str, Any]) -> None:
    os.ftruncate(descriptor, 0)
    os.lseek(descriptor, 0, os.SEEK_SET)
    os.write(descriptor, json.dumps(state).encode())


# The Redis keys beside the leases: one epoch marker per database, one fence counter per key.
EPOCH_KEY = "pexip-engage-lease:epoch"
_FENCE_SUFFIX = ":fence"
_HOLDER_SUFFIX = ":holder"
_FENCE_KEPT_MS = 7 * 24 * 3600 * 1000  # an idle key's counter goes after a week (the token still guards)

# KEYS: lease, fence counter, epoch marker. ARGV: token, lease ms, a new epoch's id, the fence counter's life (ms).
# Returns {1, fence, epoch, ms to settle} when taken, {0, ms left, epoch, ms to settle} when busy; a
# marker younger than a lease settles its taker; a lease carrying the token is the caller's own. The one claim
# (`_redis.CLAIM`) held by `token/fence/epoch`, in one script: a fence is counted only by the taker that gets the
# key, and the epoch it carries is the one read with it, whatever flush or failover comes between.
_TAKE = (
    CLAIM
    + """
local now = claim_clock()
local ms = math.floor(now * 1000)
local epoch = redis.call('GET', KEYS[3])
if not epoch then
  epoch = ARGV[3] .. '@' .. ms
  redis.call('SET', KEYS[3], epoch)
end
local born = tonumber(string.match(epoch, '@(%d+)$')) or 0
local settle = math.max(0, tonumber(ARGV[2]) - (ms - born))
local ends = now + tonumber(ARGV[2]) / 1000
local current = claim_holder(KEYS[1], nil, now)
local mine = ARGV[1] .. '/'
if current and string.sub(current, 1, #mine) == mine then
  local fence, of = string.match(string.sub(current, #mine + 1), '^(%d+)/(.*)$')
  if of == epoch then
    claim_renew(KEYS[1], nil, current, ends)
    return {1, tonumber(fence), epoch, settle}
  end
  claim_let_go(KEYS[1], nil, current, now)  -- its own turn of a state since lost: a new one
elseif current then
  return {0, redis.call('PTTL', KEYS[1]), epoch, settle}
end
local fence = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
claim_take(KEYS[1], nil, ARGV[1] .. '/' .. fence .. '/' .. epoch, now, ends)
return {1, fence, epoch, settle}
"""
)


class RemoteLeases(ABC):
    """What the leases of Redis and PostgreSQL share: a lease with an expiry on the backend's clock."""

    _NOT_HELD: str  # why a lease may no longer be the holder's
    _STATE_LOST: str  # how the backend's state is lost

    def __init__(self, description: str) -> None:
        self._description = description
        self._unreleased: list[Held] = []  # released by the next take that reaches the backend

    @property
    def description(self) -> str:
        return self._description

    async def take(self, key: str, token: str, seconds: float) -> Held | Busy:
        while self._unreleased:  # the first failure ends the try: still unreachable
            left_over = self._unreleased.pop()  # taken before the await: another task never takes it too
            try:
                await self._release(left_over)
            except LeaseUnreachableError:
                self._unreleased.append(left_over)
                break
        taken, number, epoch, settle_ms = await self._take(key, token, _ms(seconds))
        if not taken:
            return Busy(max(0, int(number)) / 1000)
        epoch = epoch.decode() if isinstance(epoch, bytes) else str(epoch)
        return Held(key, token, int(number), epoch, int(settle_ms) / 1000)

    async def confirm(self, held: Held, seconds: float) -> None:
        kept = await self._confirm(held, _ms(seconds))
        if kept == 0:
            raise LeaseLostError(f"the lease on {held.key} is no longer this holder's ({self._NOT_HELD})")
        if kept == -1:
            raise LeaseLostError(f"the lease on {held.key} is of a {self._STATE_LOST}")

    renew = confirm

    async def release(self, held: Held) -> None:
        try:
            await self._release(held)
        except LeaseUnreachableError:
            self._unreleased.append(held)  # tried again by the next take (else it expires on its own)

    async def release_later(self, held: Held, seconds: float) -> None:
        return None  # the lease runs out on its own: its last confirm extended it over the send

    # The backend's steps: a take's (taken, fence or the holder's ms left, epoch, settle ms); a
    # confirm's 1 (still held, extended), 0 (not this holder's) or -1 (the epoch changed); a release.
    @abstractmethod
    async def _take(self, key: str, token: str, ms: int) -> Any: ...
    @abstractmethod
    async def _confirm(self, held: Held, ms: int) -> Any: ...
    @abstractmethod
    async def _release(self, held: Held) -> Any: ...


class RedisLeases(RemoteLeases):
    """Turns among every process that reaches one Redis (`client`: `_redis.redis_client`'s, whose short timeouts
    make a stopped Redis `LeaseUnreachableError` within a second). The lease is the one claim held by
    `token/fence/epoch`: a confirm is its `renew` while the epoch marker holds, so it checks all three at once;
    a release, its `let_go`."""

    _NOT_HELD = "it expired, or was lost"
    _STATE_LOST = "Redis state that was lost (a restart, FLUSHALL)"

    def __init__(self, client: Any, description: str) -> None:
        super().__init__(description)
        self._client = client

    async def _take(self, key: str, token: str, ms: int) -> Any:
        keys = (key, key + _FENCE_SUFFIX, EPOCH_KEY)
        return await self._run(self._client.eval, _TAKE, len(keys), *keys, token, ms, new_token(), _FENCE_KEPT_MS)

    async def _confirm(self, held: Held, ms: int) -> Any:
        return await self._run(renew, self._client, held.key, _value(held), ms, (EPOCH_KEY, held.epoch))

    async def _release(self, held: Held) -> Any:
        return await self._run(let_go, self._client, held.key, _value(held))

    async def describe(self, held: Held, about: Mapping[str, Any], seconds: float) -> None:
        """Say who holds the turn (JSON-able `about`), for `seconds`, beside the lease, for a waiter's message."""
        await self._run(self._client.set, held.key + _HOLDER_SUFFIX, json.dumps(about), px=_ms(seconds))

    async def holder_of(self, key: str) -> dict[str, Any]:
        """What the key's holder said about itself (`describe`); {} when nothing readable."""
        return json_object(await self._run(self._client.get, key + _HOLDER_SUFFIX))

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _run(self, step: Callable[..., Awaitable[Any]], *args: Any, **options: Any) -> Any:
        try:
            return await step(*args, **options)
        except redis_errors() as error:
            problem = f"{type(error).__name__}: {error}"
            raise LeaseUnreachableError(f"{self._description} cannot be reached: {problem}") from error


def _value(held: Held) -> str:
    return f"{held.token}/{held.fence}/{held.epoch}"


def _ms(seconds: float) -> int:
    """Seconds as the whole milliseconds a backend's lease is written in, one at least."""
    return max(1, round(seconds * 1000))
