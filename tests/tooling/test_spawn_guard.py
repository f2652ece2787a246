"""A test that starts a program carries a marker `make check` leaves out (tests/support/spawn_guard.py)."""

from __future__ import annotations

import asyncio
import os
import subprocess
from typing import Any, cast

import pytest

from ..support import spawn_guard


def test_an_unmarked_test_that_starts_a_program_fails_where_it_starts_it(request: pytest.FixtureRequest) -> None:
    for start, program in (
        (lambda: subprocess.run(["/bin/true", "--version"], check=True), "true"),
        (lambda: os.system("true --version"), "true"),  # noqa: S605 - the shell's way is refused too
        (lambda: os.posix_spawn("/bin/true", ["true"], {}), "true"),
    ):
        with pytest.raises(spawn_guard.UnmarkedProgramError) as refused:
            start()
        assert str(refused.value).startswith(f"{request.node.nodeid} started {program!r}: ")
        assert "pytest.mark.end_to_end" in str(refused.value)


async def test_an_unmarked_test_cannot_start_one_through_asyncio_either() -> None:
    with pytest.raises(spawn_guard.UnmarkedProgramError, match="started 'true'"):
        await asyncio.create_subprocess_exec("true")


def test_a_fork_of_the_test_process_starts_no_program_and_is_allowed() -> None:
    pid = os.fork()
    if pid == 0:
        os._exit(7)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 7


@pytest.mark.end_to_end
def test_a_marked_test_starts_programs() -> None:
    assert subprocess.run(["true"], check=False).returncode == 0


def test_a_test_using_a_sessions_server_is_marked_servers() -> None:
    class Seen:
        def __init__(self, *fixturenames: str) -> None:
            self.fixturenames = fixturenames
            self.markers: list[str] = []

        def add_marker(self, marker: Any) -> None:
            self.markers.append(marker.name)

    users = [Seen("tmp_path", name) for name in sorted(spawn_guard.SERVER_FIXTURES)]
    other = Seen("tmp_path", "fake")
    spawn_guard.mark_server_users(cast("list[pytest.Item]", [*users, other]))
    assert [seen.markers for seen in users] == [["servers"]] * len(users)
    assert other.markers == []
