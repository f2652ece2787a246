"""A cheap HTTP/1.1 server for benchmarks, run in its own process:

    python -m bench._server PORT LATENCY ITEMS

`GET /enterprises/<e>/appointments/<id>` answers the documented appointment (about 2 KB of JSON,
see _payloads.py); `GET /enterprises/<e>/employees?offset=&limit=` answers a page of ITEMS
documented employees. Every
answer is delayed by LATENCY seconds (0 for the call benchmarks). It is an asyncio Protocol that
parses just enough HTTP for GET requests on keep-alive connections, so that the server costs far
less than any client measured against it.
"""

from __future__ import annotations

import asyncio
import functools
import json
import sys
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from ._payloads import APPOINTMENT, employees


def response(body: bytes, status: bytes = b"200 OK") -> bytes:
    head = b"HTTP/1.1 %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n" % (status, len(body))
    return head + body


class BenchProtocol(asyncio.Protocol):
    def __init__(self, latency: float, employee_page: Callable[[int, int], bytes]) -> None:
        self.latency = latency
        self.employee_page = employee_page
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            target = head.split(b"\r\n", 1)[0].split(b" ")[1].decode()
            answer = self.answer(target)
            assert self.transport is not None
            if self.latency:
                asyncio.get_running_loop().call_later(self.latency, self.transport.write, answer)
            else:
                self.transport.write(answer)

    def answer(self, target: str) -> bytes:
        url = urlsplit(target)
        if "/appointments/" in url.path:
            return response(APPOINTMENT)
        if url.path.endswith("/employees"):
            query = parse_qs(url.query)
            offset, limit = int(query.get("offset", ["0"])[0]), int(query.get("limit", ["25"])[0])
            return self.employee_page(offset, limit)
        return response(b'{"errors": []}', b"404 Not Found")


async def serve(port: int, latency: float, items: int) -> None:
    listed = employees(items)

    @functools.cache  # every page encoded once: the server must cost far less than the client
    def employee_page(offset: int, limit: int) -> bytes:
        page = {
            "data": listed[offset : offset + limit],
            "meta": {"offset": offset, "limit": limit, "totalCount": len(listed)},
        }
        return response(json.dumps(page, separators=(",", ":")).encode())

    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: BenchProtocol(latency, employee_page), "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])))
