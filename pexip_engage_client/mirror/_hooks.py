"""Change hooks: `hook(before, after)` for each change of the log, in order, from a cursor kept in the database.

The hook is called first and its cursor (`mirror_cursors`) moved after, in a transaction of its own: at least once
per change, twice only for the one running when its process died (docs/mirror.md, "Changes"). One process at a time
hands a cursor's changes: it holds the cursor's lease, renewed with each change.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, TypeAlias

from .._base.arguments import returns_coroutine
from .._leasing._holders import MIRROR_CLAIM, new_holder
from .._shared.failures import Backoff, FailureLog, Telling
from . import _tables
from ._reading import failure_log

if TYPE_CHECKING:
    from ._database import Database
    from ._rows import MirroredAppointment

logger = logging.getLogger("pexip_engage_client.mirror")

ChangeHook: TypeAlias = Callable[["MirroredAppointment | None", "MirroredAppointment"], Awaitable[None] | None]

_PAGE = 100


def checked_hook(hook: object) -> ChangeHook:
    """`hook` if it can be called as `hook(before, after)`; TypeError otherwise."""
    if not callable(hook):
        raise TypeError(f"a change hook must be callable as hook(before, after), not {type(hook).__name__}")
    try:
        inspect.signature(hook).bind(None, None)
    except TypeError:
        raise TypeError(f"a change hook must be callable as hook(before, after); {hook!r} is not") from None
    except ValueError:  # no signature to read (a builtin): taken as it is
        pass
    return hook


def checked_cursor(name: object) -> str:
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        raise ValueError("cursor must be a non-empty name of at most 200 characters")
    return name


class HookRunner:
    """Hands one cursor's changes to its hook, one at a time, in the order of their numbers."""

    def __init__(self, database: Database, hook: ChangeHook, cursor: str, poll_interval: float) -> None:
        self._database = database
        self._hook = hook
        self.cursor = cursor
        self._poll_interval = poll_interval
        self._holder, lease = new_holder(), MIRROR_CLAIM.seconds  # its claim's length (`_tables.hold_cursor`)
        # The transactions that take or keep the cursor (where it stands; None: another holds it), and move it.
        self._hold = partial(_tables.hold_cursor, database.dialect, name=cursor, holder=self._holder, lease=lease)
        self._advance = partial(_tables.advance, database.dialect, name=cursor, holder=self._holder, lease=lease)
        self._woken = asyncio.Event()
        self._stopping = False
        self._stop_asked = asyncio.Event()  # set by `stop_soon`: a wait to retry the hook ends at once
        self._failures = failure_log(f"handing changes to the hook of cursor {cursor!r}")
        # Each failure of the hook told, with the wait: a hook's own failure holds up every change after it.
        said = "the change hook of cursor {cursor!r} failed on change {kind} ({problem}); tried again in {wait:.1f} s"
        telling = Telling(logger, said, again=None, counted=said, given={"cursor": cursor})
        self._hook_failures = FailureLog(telling, backoff=Backoff(1.0, 60.0, 0.2), interval=0.0)
        self._hook_failing: BaseException | None = None  # the hook's failure on the change in hand, while it lasts
        self.handed = 0  # changes handed by this process, for tests and the benchmark
        self.in_hand: int | None = None  # the number of the change in the hook now (not while it waits to retry)

    @property
    def failing(self) -> BaseException | None:
        """The failure handing changes now (the hook's, or the database's), while it lasts."""
        streak = self._failures.streak()
        return self._hook_failing if streak is None else streak.last

    def wake(self) -> None:
        """Changes were applied: hand them now rather than at the next look."""
        self._woken.set()

    def stop_soon(self) -> None:
        """Hand no change after the one in a hook now."""
        self._stopping = True
        self._woken.set()
        self._stop_asked.set()

    async def run(self) -> None:
        while not self._stopping:
            self._woken.clear()
            try:
                handed = await self._hand_a_page()
            except Exception as error:  # the database: tried again
                await asyncio.sleep(self._failures.failed(error))
                continue
            self._failures.worked()
            if handed or self._stopping:
                continue
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._poll_interval):
                    await self._woken.wait()
        with contextlib.suppress(Exception):  # another process may take the cursor at once
            await self._database.run(lambda statements: _tables.let_go(statements, self.cursor, self._holder))

    async def _hand_a_page(self) -> int:
        """The changes after the cursor, a page of them, each handed and the cursor moved past it."""
        dialect = self._database.dialect
        position = await self._database.run(self._hold)
        if position is None:  # another process hands this cursor's changes
            return 0
        changes = await self._database.run(partial(_tables.changes_after, dialect, sequence=position, limit=_PAGE))
        for change in changes:
            if self._stopping:
                break
            if not await self._hand(change):  # stopped while it waited to retry: the cursor stays before it
                break
            moved = await self._database.run(partial(self._advance, sequence=change.sequence))
            self.handed += 1
            if not moved:  # the lease ran out during the hook, and another process took the cursor
                logger.warning("the change hook of cursor %r lost its lease to another process", self.cursor)
                return 0
        return len(changes)

    async def _called(self, change: _tables.Change) -> None:
        """The hook run: awaited when it is `async def`; a plain one in a thread, so that the event loop
        (the receiver's answers) never waits for its blocking calls."""
        if returns_coroutine(self._hook):
            await self._hook(change.before, change.after)  # type: ignore[misc]
            return
        result = await asyncio.to_thread(self._hook, change.before, change.after)
        if inspect.isawaitable(result):  # a plain function that returned a coroutine: nothing would run it
            if inspect.iscoroutine(result):
                result.close()
            raise TypeError("the change hook returned an awaitable from a plain function: declare it `async def`")

    async def _hand(self, change: _tables.Change) -> bool:
        """The hook called with the change until it returns (True); a failure is logged and tried again, the
        later changes waiting behind it (their order kept). A stop asked while it waits to retry ends the wait
        at once (False): no hook runs, and the change is handed again at the next start."""
        which = f"{change.sequence} of appointment {change.after.id}"
        while True:
            try:
                self.in_hand = change.sequence
                try:
                    await self._called(change)
                finally:
                    self.in_hand = None
                self._hook_failing = None
                self._hook_failures.worked(which)
                return True
            except Exception as error:
                self._hook_failing = error  # kept by change (`which`), its streak is not the cursor's: said here
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self._hook_failures.failed(error, which)):
                        await self._stop_asked.wait()
                if self._stopping:
                    return False
                await self._database.run(self._hold)  # the lease kept while the hook is retried
