"""A TCP proxy on 127.0.0.1 that a test can cut, for a real network fault between a client and a server.

`cut()` drops every connection through it and leaves new ones hanging (accepted, never forwarded),
as a partition does: the client sees a reset, then timeouts. `restore()` forwards again.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TcpProxy:
    """Forwards 127.0.0.1:`port` to `target_port`, one pair of threads per connection."""

    def __init__(self, target_port: int) -> None:
        self._target = target_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._guard = threading.Lock()
        self._open: list[socket.socket] = []
        self._cut = False
        self._closed = False
        threading.Thread(target=self._accept, daemon=True, name="tcp-proxy").start()

    def cut(self) -> None:
        with self._guard:
            self._cut = True
            dropped, self._open = self._open, []
        for each in dropped:
            _close(each)

    def restore(self) -> None:
        with self._guard:
            self._cut = False
            hanging, self._open = self._open, []
        for each in hanging:  # the connections accepted during the cut: they never reached the server
            _close(each)

    def close(self) -> None:
        self._closed = True
        self.cut()
        _close(self._listener)

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._guard:
                self._open.append(client)
                if self._cut:
                    continue  # left hanging until restore()
            try:
                server = socket.create_connection(("127.0.0.1", self._target), timeout=1)
            except OSError:
                _close(client)
                continue
            server.settimeout(None)
            with self._guard:
                self._open.append(server)
            threading.Thread(target=_pump, args=(client, server), daemon=True).start()
            threading.Thread(target=_pump, args=(server, client), daemon=True).start()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        _close(source)
        _close(sink)


def _close(each: socket.socket) -> None:
    with contextlib.suppress(OSError):
        each.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        each.close()


@contextmanager
def tcp_proxy(target_port: int) -> Iterator[TcpProxy]:
    proxy = TcpProxy(target_port)
    try:
        yield proxy
    finally:
        proxy.close()
