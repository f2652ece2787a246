"""What a sender raises besides its signals: httpx's transport errors, fresh, with nothing of the exchange.

Error reporters (Sentry, `pytest --showlocals`) record the locals of every frame in a traceback
and follow `__cause__` and `__context__`: the HTTP libraries' frames hold the request's headers
(the token) and body (a token request's client secret), and httpx's exceptions the request. So
nothing a sender raises is the exception an HTTP library raised (see `detached`).

This module runs httpx when it is imported (`TLSCertificateError` is one of its classes): only the
senders, which load with the first client, and the retry rules, once a failure exists, import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import UndeliveredBody
from ._tls import is_certificate_error

if TYPE_CHECKING:
    import httpx
else:
    from .._runtime.lazy_httpx import httpx  # executed on first use


class TLSCertificateError(httpx.ConnectError):
    """The server's certificate is not trusted, or is not the host's: retrying cannot help."""


def lost_after_sending(error: httpx.TransportError) -> httpx.TransportError:
    """`error` for a request whose connection failed after it was written: it may have been processed.

    A fresh exception of the same kind (see `detached`), whose message tells the caller so: the
    pipeline does not retry a write after it, and its `APIConnectionError` shows these words.
    """
    cause = str(error) or type(error).__name__
    return _fresh(error, f"the connection was lost after the request was sent; it may have been processed ({cause})")


def detached(error: httpx.TransportError | UndeliveredBody) -> Exception:
    """`error` fit to leave a sender: nothing of the exchange that raised it stays reachable from it.

    A transport error is replaced by a new one of the same httpx class and message, without its
    request (a failure to connect because of the server's certificate by a `TLSCertificateError`,
    which the retry rules know cannot be helped); a signal keeps its own attributes, which hold
    no secret, but drops its chain and traceback. The sender raises the result outside its
    `except` block, so that Python does not link the original back as `__context__`.
    """
    if isinstance(error, httpx.ConnectError) and is_certificate_error(error):
        return TLSCertificateError(str(error))
    if isinstance(error, httpx.TransportError):
        return _fresh(error, str(error))
    error.__cause__ = error.__context__ = None
    return error.with_traceback(None)


def _fresh(error: httpx.TransportError, message: str) -> httpx.TransportError:
    # The nearest class of httpx or of this client: a transport's own subclass may take other arguments.
    ours = __name__.partition(".")[0]
    kind = next(kind for kind in type(error).__mro__ if kind.__module__.partition(".")[0] in ("httpx", ours))
    fresh: httpx.TransportError = kind(message)
    return fresh
