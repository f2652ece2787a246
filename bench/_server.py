"""A cheap JSON server for benchmarks, run in its own process: `python -m bench._server PORT LATENCY ITEMS`.

It answers every path under /enterprises/<enterprise>/ with a page of minimal employees, honouring
`offset` and `limit`, after `LATENCY` seconds, the way a remote API would add network time.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

import uvicorn

Message = MutableMapping[str, Any]


def make_app(
    latency: float, items: int
) -> Callable[[Message, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]:
    employees = [{"id": f"employee-{n}", "function": None, "status": "ACTIVE"} for n in range(items)]

    async def app(
        scope: Message, receive: Callable[[], Awaitable[Message]], send: Callable[[Message], Awaitable[None]]
    ) -> None:
        if scope["type"] != "http":
            return
        query = parse_qs(scope["query_string"].decode())
        offset = int(query.get("offset", ["0"])[0])
        limit = int(query.get("limit", ["25"])[0])
        if latency:
            await asyncio.sleep(latency)
        body = json.dumps(
            {
                "data": employees[offset : offset + limit],
                "meta": {"offset": offset, "limit": limit, "totalCount": items},
            }
        ).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


if __name__ == "__main__":
    port, latency, items = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    uvicorn.run(make_app(latency, items), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
