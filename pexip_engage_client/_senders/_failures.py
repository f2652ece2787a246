"""What a sender raises besides its signals: httpx2's transport errors, fresh, with nothing of the exchange.

Error reporters (Sentry, `pytest --showlocals`) record every frame's locals and follow `__cause__`
and `__context__`, which hold the token: so nothing a sender raises is an HTTP library's exception.
It runs httpx2 when imported: only the senders and the retry rules (once a failure exists) import it.
"""

from __future__ import annotations

import httpx2  # loaded here, not through `lazy_httpx`: a fork may wait for this module's import, never the reverse

from ._base import UndeliveredBody
from ._tls import is_certificate_error


class TLSCertificateError(httpx2.ConnectError):
    """The server's certificate is not trusted, or is not the host's: retrying cannot help."""


def lost_after_sending(error: Exception) -> httpx2.TransportError:
    """`error`, fresh, for a request whose connection failed after it was written, saying it may have been processed."""
    cause = str(error) or type(error).__name__
    message = f"the connection was lost after the request was sent; it may have been processed ({cause})"
    return _httpx2_class(type(error))(message)


def detached(error: Exception) -> Exception:
    """`error` fit to leave a sender (to be raised outside its `except` block): nothing of the exchange reachable.

    A transport error becomes a new one of the same httpx2 class and message (an untrusted
    certificate a `TLSCertificateError`); a signal drops its chain and traceback.
    """
    if isinstance(error, UndeliveredBody):
        error.__cause__ = error.__context__ = None
        return error.with_traceback(None)
    kind = _httpx2_class(type(error))
    if issubclass(kind, httpx2.ConnectError) and is_certificate_error(error):
        return TLSCertificateError(str(error))
    return kind(str(error))


def _httpx2_class(kind: type[BaseException]) -> type[httpx2.TransportError]:
    """The nearest class of httpx2 or of this client (httpx's becomes httpx2's of the same name)."""
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
