"""`--debug`: each HTTP exchange printed to stderr, with credentials redacted.

The exchange is seen where the client hands it to httpx2 (a transport wrapping the real one), so
what is printed is what went out: method, URL, headers (Authorization and anything that looks
like a secret shown as `<redacted>`), then the status, the time to the response's headers, the
correlation id and the response headers. Bodies are not printed: a token request's body holds
the client secret, a token response the access token.
"""

from __future__ import annotations

import re
import sys
import time
from typing import TextIO

import httpx2  # this module is imported only with --debug

_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
_SECRET_WORDS = re.compile("token|secret|password|api-?key|session")


def redacted(name: str, value: str) -> str:
    lowered = name.lower()
    if lowered in _SECRET_HEADERS or _SECRET_WORDS.search(lowered):
        scheme, _, rest = value.partition(" ")
        return f"{scheme} <redacted>" if rest and scheme.isalpha() else "<redacted>"
    return value


class DebugTransport(httpx2.AsyncBaseTransport):
    """Prints each exchange through `inner` to `stream` (stderr by default)."""

    def __init__(self, inner: httpx2.AsyncBaseTransport, stream: TextIO | None = None) -> None:
        self._inner = inner
        self._stream = stream

    def _print(self, line: str) -> None:
        print(line, file=self._stream or sys.stderr, flush=True)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        correlation_id = request.headers.get("x-correlation-id", "-")
        self._print(f"> {request.method} {request.url}")
        for name, value in request.headers.items():
            self._print(f"> {name}: {redacted(name, value)}")
        started = time.perf_counter()
        try:
            response = await self._inner.handle_async_request(request)
        except Exception as exc:
            elapsed = (time.perf_counter() - started) * 1000
            self._print(f"! {type(exc).__name__} after {elapsed:.1f} ms (correlation id {correlation_id})")
            raise
        elapsed = (time.perf_counter() - started) * 1000
        self._print(
            f"< {response.status_code} {response.reason_phrase} in {elapsed:.1f} ms (correlation id {correlation_id})"
        )
        for name, value in response.headers.items():
            self._print(f"< {name}: {redacted(name, value)}")
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def enable_retry_log() -> None:
    """The client's own log at INFO on stderr: each retry, its reason and its wait."""
    import logging  # noqa: PLC0415

    class CurrentStderr(logging.Handler):
        """Prints to `sys.stderr` as it is when a line is printed, not as it was when the log was enabled.

        A `StreamHandler()` keeps the stream it was made with: when `main()` runs in-process (a
        test's captured stderr, a redirect), a later line would go to a stream closed since.
        """

        def emit(self, record: logging.LogRecord) -> None:
            try:
                sys.stderr.write(self.format(record) + "\n")
            except Exception:  # logging's own rule: a failed line never breaks the caller
                self.handleError(record)

    logger = logging.getLogger("pexip_engage_client")
    if not logger.handlers:
        handler = CurrentStderr()
        handler.setFormatter(logging.Formatter("* %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
