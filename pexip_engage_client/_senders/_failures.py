"""What a sender raises besides its signals: httpx2's transport errors, fresh, with nothing of the exchange.

On the legacy path (a caller's httpx object) httpx's errors become httpx2's of the same name.

Error reporters (Sentry, `pytest --showlocals`) record the locals of every frame in a traceback
and follow `__cause__` and `__context__`: the HTTP libraries' frames hold the request's headers
(the token) and body (a token request's client secret), and httpx2's exceptions the request. So
nothing a sender raises is the exception an HTTP library raised (see `detached`).

This module runs httpx2 when it is imported (`TLSCertificateError` is one of its classes): only the
senders, which load with the first client, and the retry rules, once a failure exists, import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._base import UndeliveredBody
from ._tls import is_certificate_error

if TYPE_CHECKING:
    import httpx2
else:
    from .._base.lazy_httpx import httpx2  # executed on first use


class TLSCertificateError(httpx2.ConnectError):
    """The server's certificate is not trusted, or is not the host's: retrying cannot help."""


def lost_after_sending(error: Exception) -> httpx2.TransportError:
    """`error` for a request whose connection failed after it was written: it may have been processed.

    A fresh exception of the same kind (see `detached`), whose message tells the caller so: the
    pipeline does not retry a write after it, and its `APIConnectionError` shows these words.
    """
    cause = str(error) or type(error).__name__
    message = f"the connection was lost after the request was sent; it may have been processed ({cause})"
    return _httpx2_class(type(error))(message)


def detached(error: Exception) -> Exception:
    """`error` fit to leave a sender: nothing of the exchange that raised it stays reachable from it.

    A transport error (httpx2's, or httpx's on the legacy path) is replaced by a new one of the
    same httpx2 class and message, without its request (a failure to connect because of the
    server's certificate by a `TLSCertificateError`, which the retry rules know cannot be helped);
    a signal keeps its own attributes, which hold no secret, but drops its chain and traceback. The
    sender raises the result outside its `except` block, so that Python does not link the original
    back as `__context__`.
    """
    if isinstance(error, UndeliveredBody):
        error.__cause__ = error.__context__ = None
        return error.with_traceback(None)
    kind = _httpx2_class(type(error))
    if issubclass(kind, httpx2.ConnectError) and is_certificate_error(error):
        return TLSCertificateError(str(error))
    return kind(str(error))


def _httpx2_class(kind: type[BaseException]) -> type[httpx2.TransportError]:
    """The nearest class of httpx2 or of this client: a transport's own subclass may take other arguments.

    One of httpx's (the legacy path) becomes httpx2's class of the same name: the pipeline's
    retry rules and errors read httpx2's classes only.
    """
    ours = __name__.partition(".")[0]
    for base in kind.__mro__:
        library = base.__module__.partition(".")[0]
        if library in ("httpx2", ours) and issubclass(base, httpx2.TransportError):
            return base
        if library == "httpx":
            found = getattr(httpx2, base.__name__, None)
            if isinstance(found, type) and issubclass(found, httpx2.TransportError):
                return found
    return httpx2.TransportError
