"""A real PostgreSQL on a free loopback port, started by the tests themselves in a temporary directory.

PostgreSQL refuses to run as root: where the tests run as root, `initdb` and `postgres` run as the
`postgres` user (Debian's package makes it) in a directory handed to it. Trust authentication on
loopback only, `fsync=off` (the tests need no durability across a power cut), the socket in the
data directory's parent so that nothing is shared with another server. Stopped with SIGINT to the
postmaster itself ("fast" shutdown: open sessions are ended, nothing waits for them).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from .loopback import free_port

INSTALL_HINT = (
    "PostgreSQL is not installed; the PostgreSQL store, limits and turns are tested against a real one. "
    "Install Debian's package (apt-get install postgresql; `make install` does it when it can) "
    "or put initdb and postgres on PATH."
)


def binaries() -> Path | None:
    """The folder of `initdb` and `postgres`: on PATH, or Debian's (`pg_config --bindir`)."""
    found = shutil.which("initdb")
    if found is not None and shutil.which("postgres", path=str(Path(found).resolve().parent)):
        return Path(found).resolve().parent
    pg_config = shutil.which("pg_config")
    if pg_config is not None:
        folder = Path(
            subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
        )
        if (folder / "initdb").exists() and (folder / "postgres").exists():
            return folder
    return None


@dataclass(frozen=True)
class _RunAs:
    """Who runs PostgreSQL: `postgres` when this process is root (it refuses root), else this user."""

    user: int | None = None
    group: int | None = None
    extra_groups: list[int] | None = None


def _run_as() -> _RunAs:
    if os.geteuid() != 0:
        return _RunAs()
    user = pwd.getpwnam("postgres")
    return _RunAs(user.pw_uid, user.pw_gid, [])


@dataclass
class PostgresServer:
    """One running server: its URL, and what a fault test needs to stop, pause or restart it."""

    folder: Path
    port: int
    process: subprocess.Popen[bytes] | None = None
    settings: tuple[str, ...] = ()  # more `name=value` settings (wal_level=logical, for logical decoding)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        bin_dir = binaries()
        assert bin_dir is not None
        who = _run_as()
        log = open(self.folder / "server.log", "ab")  # noqa: SIM115 - handed to the server, closed here after
        self.process = subprocess.Popen(
            [
                str(bin_dir / "postgres"),
                "-D",
                str(self.folder / "data"),
                "-p",
                str(self.port),
                "-k",
                str(self.folder),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=200",
                *(part for setting in self.settings for part in ("-c", setting)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=log,
            user=who.user,
            group=who.group,
            extra_groups=who.extra_groups,
        )
        log.close()
        deadline = time.monotonic() + 20
        while not self.ready():
            if self.process.poll() is not None or time.monotonic() > deadline:
                tail = (self.folder / "server.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"postgres did not start on port {self.port}: {tail}")
            time.sleep(0.02)

    def ready(self) -> bool:
        """Whether the server accepts sessions (a startup packet answered with an authentication OK)."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as connection:
                user, database = b"postgres", b"postgres"
                body = b"\x00\x03\x00\x00user\x00" + user + b"\x00database\x00" + database + b"\x00\x00"
                connection.sendall((len(body) + 4).to_bytes(4, "big") + body)
                answer = connection.recv(9)
                return answer[:1] == b"R" and answer[5:9] == b"\x00\x00\x00\x00"
        except OSError:
            return False

    def stop(self) -> None:
        """SIGINT to the postmaster: a fast shutdown that ends open sessions."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


# What `initdb` is asked for: a cluster trusting loopback, its superuser `postgres`, UTF-8.
_INITDB_OPTIONS = ("-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")


def initialised(folder: Path) -> None:
    """`folder/data`, a new cluster: a copy of the one `initdb` made for this PostgreSQL (`_template`);
    `folder` is handed to `postgres` when running as root."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError(INSTALL_HINT)
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
    _as_postgres(["cp", "-a", str(_template(bin_dir)), str(folder / "data")])


def _template(bin_dir: Path) -> Path:
    """A cluster `initdb` made once for this PostgreSQL and these options, in the system's temporary folder.

    Every server of every test process copies it (a tenth of a second), where `initdb` takes most of a
    second of a core: a run of the suites starts dozens. The first process to need it makes it under a
    file lock, the others wait for it; it appears whole (renamed into place) or not at all.
    """
    version = subprocess.run([str(bin_dir / "postgres"), "--version"], capture_output=True, text=True, check=True)
    key = hashlib.sha256(f"{bin_dir}|{version.stdout}|{_INITDB_OPTIONS}|{os.geteuid()}".encode()).hexdigest()[:16]
    home = Path(tempfile.gettempdir()) / f"pexip-engage-postgres-template-{key}"
    ready = home / "data"
    if ready.is_dir():
        return ready
    home.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(home, user.pw_uid, user.pw_gid)
    with open(home.with_suffix(".lock"), "w") as lock:
        deadline = time.monotonic() + 120
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{home}: another process held its lock for 120 s") from None
                time.sleep(0.05)
        if not ready.is_dir():
            staging = home / f"staging-{os.getpid()}"
            shutil.rmtree(staging, ignore_errors=True)
            _as_postgres([str(bin_dir / "initdb"), "-D", str(staging), *_INITDB_OPTIONS])
            staging.rename(ready)
    return ready


def _as_postgres(command: list[str]) -> None:
    """Run `command` as whoever runs PostgreSQL (`_run_as`), its output kept for the error."""
    who = _run_as()
    subprocess.run(
        command, check=True, capture_output=True, user=who.user, group=who.group, extra_groups=who.extra_groups
    )


@contextmanager
def postgres_server(*settings: str) -> Iterator[PostgresServer]:
    """Run PostgreSQL for the block; the test is skipped, saying why, where it is not installed
    (`make install` installs it where it can: `INSTALL_HINT`).

    Its folder is a new one in the system's temporary folder, not the test's: pytest's are private
    to the user running the tests (mode 0700), which `postgres` could not enter when that is root.
    """
    if binaries() is None:
        pytest.skip(INSTALL_HINT)
    folder = Path(tempfile.mkdtemp(prefix="pexip-engage-postgres-"))
    try:
        initialised(folder)
        server = PostgresServer(folder, free_port(), settings=settings)
        server.start()
        try:
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def migrated(url: str, role: str | None = None) -> str:
    """`url`, its schema made and brought up to date as `pexip-engage postgres migrate` does at deploy (the
    client runs no DDL at run time), and `role` given the application's rights when named."""
    from pexip_engage_cli._postgres_migrate import migrate_schema
    from pexip_engage_client._base.shared_urls import split_url

    migrate_schema(*split_url(url), role)
    return url


def application_role(server: PostgresServer, role: str = "app") -> str:
    """A login role of `server` that may not create anything (no CREATE on the database, none on `public`):
    the application's role of docs/deploying.md; its URL (trust authentication: no password)."""
    import psycopg

    with psycopg.connect(server.url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        if exists is None:
            connection.execute(f'CREATE ROLE "{role}" LOGIN NOCREATEDB NOCREATEROLE')
            connection.execute(f'REVOKE CREATE ON DATABASE postgres FROM PUBLIC, "{role}"')
            connection.execute(f'REVOKE CREATE ON SCHEMA public FROM PUBLIC, "{role}"')
            connection.execute(f'REVOKE TEMPORARY ON DATABASE postgres FROM PUBLIC, "{role}"')
    return server.url.replace("postgres@", f"{role}@", 1)
