"""`pexip-engage fake serve` stops gracefully: on SIGTERM or SIGINT it refuses new connections,
answers the calls in flight (8 of them, slowed by `--latency`), prints a `stopped` line and exits 0.
"""

from __future__ import annotations

import http.client
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from ..support.loopback import TCP_TABLE, established
from ..support.spec import ROOT

pytestmark = [pytest.mark.end_to_end, pytest.mark.slow]

IN_FLIGHT = 8
LATENCY = 2.0  # seconds each answer is held back: the calls are in flight when the signal comes
SENT = 1.0  # without Linux's TCP table: seconds for the calls to be sent and read (far more than it takes)


class Served:
    """The fake served in a process of its own, with its stderr read line by line as it comes."""

    def __init__(self, *options: str, latency: float = LATENCY) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pexip_engage_cli",
                "fake",
                "serve",
                "--port",
                "0",
                "--max-in-flight",
                "0",
                "--latency",
                str(latency),
                *options,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert self.process.stdout is not None
        banner = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/enterprises/acme", banner)
        assert found, banner
        self.port = int(found.group(1))
        self.lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *_: object) -> None:
        if self.process.poll() is None:  # a failed test's server
            self.process.kill()
        self.process.wait(timeout=10)
        self._reader.join(timeout=10)
        for stream in (self.process.stdout, self.process.stderr):
            assert stream is not None
            stream.close()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)

    def next_line(self, timeout: float = 10) -> str:
        return self.lines.get(timeout=timeout)

    def get(self, path: str = "/enterprises/acme/employees", sent: list[None] | None = None) -> tuple[int, str]:
        """A call on a connection of its own: the status and whether the server closes the connection.
        Once the request is sent, `sent` (if given) gets an item."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers={"Authorization": "Bearer t"})
            if sent is not None:
                sent.append(None)
            response = connection.getresponse()
            response.read()
            return response.status, response.getheader("Connection") or ""
        finally:
            connection.close()


@contextmanager
def calls_in_flight(served: Served, count: int) -> Iterator[list[object]]:
    """`count` calls sent at once, each in a thread; yields their outcomes, filled in once all have ended."""
    outcomes: list[object] = []
    sent: list[None] = []

    def call() -> None:
        try:
            outcomes.append(served.get(sent=sent))
        except OSError as error:
            outcomes.append(error)

    threads = [threading.Thread(target=call) for _ in range(count)]
    for thread in threads:
        thread.start()
    read_by_the_server(served.port, sent, count)  # and held back by its latency
    yield outcomes
    for thread in threads:
        thread.join(timeout=30)


def read_by_the_server(port: int, sent: list[None], count: int) -> None:
    """Return once the `count` requests are sent and the server has read them all: as many
    connections on its side, none with bytes left unread (a connection still in the listen backlog
    holds its request unread). A loaded machine may take longer than any guess; 10 s at most."""
    if not TCP_TABLE.exists():
        time.sleep(SENT)
        return
    deadline = time.monotonic() + 10
    while not (len(sent) == count and established(port, server_side=True) == [0] * count):
        assert time.monotonic() < deadline, (
            f"{len(sent)} sent, unread on the server's side: {established(port, server_side=True)}"
        )
        time.sleep(0.01)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_the_calls_in_flight_are_answered_and_new_connections_refused(stop: signal.Signals) -> None:
    with Served() as served:
        with calls_in_flight(served, IN_FLIGHT) as outcomes:
            served.process.send_signal(stop)
            assert served.next_line() == f"stopping ({stop.name}): refusing new connections, 8 calls in flight\n"
            with pytest.raises(ConnectionRefusedError):
                served.get()
        assert served.process.wait(timeout=10) == 0
        assert outcomes == [(200, "close")] * IN_FLIGHT
        assert served.next_line() == "stopped: 8 calls in flight finished\n"
        assert served.lines.empty()


def test_the_grace_period_bounds_the_wait() -> None:
    with Served("--grace", "0.2", latency=30) as served:
        with calls_in_flight(served, 2) as outcomes:
            started = time.monotonic()
            served.process.send_signal(signal.SIGTERM)
            assert served.process.wait(timeout=10) == 0
            # 0.2 s of grace, the accept loop's poll (0.5 s) and the exit: far below the latency, with
            # room for a loaded machine
            assert time.monotonic() - started < 10
        assert served.next_line().startswith("stopping (SIGTERM)")
        assert served.next_line() == "stopped: after 0.2 s, 2 calls in flight dropped\n"
        assert all(isinstance(outcome, OSError) for outcome in outcomes)


def test_a_second_signal_stops_at_once() -> None:
    with Served() as served:
        with calls_in_flight(served, 1):
            served.process.send_signal(signal.SIGTERM)
            assert served.next_line().startswith("stopping (SIGTERM)")
            served.process.send_signal(signal.SIGINT)
            assert served.process.wait(timeout=10) == 130
        assert served.next_line() == "stopped at once: 1 call in flight dropped\n"


def test_a_stop_with_nothing_in_flight_is_at_once() -> None:
    with Served() as served:
        assert served.get() == (200, "")  # kept alive while serving
        started = time.monotonic()
        served.process.send_signal(signal.SIGTERM)
        assert served.process.wait(timeout=10) == 0
        # the accept loop's poll (0.5 s) and the exit, not the grace period (10 s); room for a loaded machine
        assert time.monotonic() - started < 5
        assert [served.next_line(), served.next_line()] == [
            "stopping (SIGTERM): refusing new connections, 0 calls in flight\n",
            "stopped: 0 calls in flight finished\n",
        ]


def test_a_call_whose_answer_is_ready_no_longer_counts_but_a_stop_still_waits_for_its_send() -> None:
    """The bookkeeping behind the lines above, in one thread: a client may have its answer before the
    server's thread runs on past the send (the race a loaded machine showed), so the call stops
    counting once its answer is ready, and the stop waits for the send all the same."""
    from pexip_engage_client.testing import FakePexipEngage
    from pexip_engage_client.testing._server import FakeServer

    server = FakeServer(FakePexipEngage())
    try:
        with server.call_in_flight() as answered:
            assert server.calls_in_flight == 1
            answered()
            answered()  # at most once
            assert server.calls_in_flight == 0
            assert server.finish_calls(0.05) == 1  # not yet sent
        assert (server.calls_in_flight, server.finish_calls(0.05)) == (0, 0)
        with pytest.raises(ConnectionResetError, match="left"), server.call_in_flight():
            raise ConnectionResetError("the client left before its answer")
        assert (server.calls_in_flight, server.finish_calls(0.05)) == (0, 0)
    finally:
        server._http.server_close()


def test_a_call_counts_in_flight_from_its_first_byte() -> None:
    """A stop must not miss a call the server has begun to read: counted once a first byte is read,
    not once the whole head is (a stop between the two reported, and waited for, one call too few;
    a test waiting for the server to have read every request could signal in that gap)."""
    from pexip_engage_client.testing import FakePexipEngage
    from pexip_engage_client.testing._server import FakeServer

    from ..support.waiting import wait_until

    server = FakeServer(FakePexipEngage())
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    try:
        port = int(server.url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
            client.sendall(b"GET /enterprises/acme/employees HTTP/1.1\r\n")  # the head, not yet whole
            wait_until(lambda: server.calls_in_flight == 1)
            client.sendall(b"Host: fake\r\nAuthorization: Bearer t\r\nConnection: close\r\n\r\n")
            assert client.makefile("rb").readline().startswith(b"HTTP/1.1 200")
            assert server.finish_calls(10) == 0
            assert server.calls_in_flight == 0
    finally:
        server._http.shutdown()
        serving.join(10)
