"""`--dry-run`: a write command prints the request it would send, and sends nothing (docs/cli.md, "Dry run").

The request is the client's own, taken by a middleware after the client built and checked it and before the
token, the governor's turn or the socket; the middleware ends the attempt by raising. What the client adds
after the middleware (the `Authorization` header, always redacted, and the sender's own) is shown as such.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx2


class NotSent(Exception):  # noqa: N818 - not an error: the end of a dry run
    """The end of a dry run's attempt: the request, as the client would have sent it."""

    def __init__(self, request: httpx2.Request) -> None:
        super().__init__("dry run: not sent")
        self.request = request


async def stop_before_sending(request: httpx2.Request, call_next: Any) -> httpx2.Response:
    """The dry run's middleware: the first attempt ends here, before its token and its send."""
    raise NotSent(request)


def shown(
    request: httpx2.Request, *, token_added: bool = True, hidden: frozenset[str] = frozenset()
) -> tuple[dict[str, Any], str]:
    """The request as a document (method, url, headers, body) and as an HTTP message; secrets redacted.

    `token_added`: the client adds its token's `Authorization` after the middleware (shown redacted); a request
    sent without the client (`webhooks send`) has none, and its URL's hidden query values (`?key=`) are redacted.
    `hidden`: the (lower-case) names of headers whose values are never shown, whatever their name.
    """
    from pexip_engage_client._base.redaction import REDACTED, redacted_header, redacted_url  # noqa: PLC0415

    headers = {
        name: REDACTED if name in hidden else redacted_header(name, value) for name, value in request.headers.items()
    }
    if token_added:
        headers["authorization"] = f"Bearer {REDACTED}"  # added after the middleware: the token, never shown
    url = str(request.url) if token_added else redacted_url(str(request.url))
    content = request.content
    body: Any = None
    if content:
        try:
            body = json.loads(content)
        except ValueError:  # not JSON (no command sends such a body): shown as text
            body = content.decode("utf-8", "replace")
    document = {"method": request.method, "url": url, "headers": headers, "body": body}
    lines = [f"{request.method} {url}", *(f"{name}: {value}" for name, value in headers.items())]
    message = "\n".join(lines) + "\n"
    if content:
        message += "\n" + content.decode("utf-8", "replace") + "\n"
    return document, message


NOTE = (
    "pexip-engage: note: dry run: nothing was sent (no token was asked for); when sent, the sender adds "
    "User-Agent and Accept-Encoding where absent, and its connection's headers"
)
