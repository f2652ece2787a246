"""TLS trust, the same whichever library sends: one `ssl.SSLContext` for both senders.

What is trusted, and why verification can never be switched off: docs/choosing-the-sender.md#tls-and-proxies.
"""

from __future__ import annotations

import os
import ssl

Verify = str | os.PathLike[str] | ssl.SSLContext | None

# Loading the bundles parses every certificate in them: clients built with the same environment share one context.
_default_contexts: dict[tuple[str | None, str | None], ssl.SSLContext] = {}


def ssl_context(verify: Verify) -> ssl.SSLContext:
    """The context that decides which server certificates are trusted; `ValueError` for an unusable `verify`."""
    if verify is None:
        return _default_context()
    if isinstance(verify, ssl.SSLContext):
        if verify.verify_mode != ssl.CERT_REQUIRED or not verify.check_hostname:
            raise ValueError(
                "verify: the SSLContext must verify certificates and host names "
                "(verify_mode=CERT_REQUIRED, check_hostname=True); verification cannot be switched off"
            )
        return verify
    if not isinstance(verify, str | os.PathLike):  # True or False among others
        raise ValueError(
            f"verify must be a CA bundle path or an ssl.SSLContext (got {verify!r}); "
            "TLS verification cannot be switched off"
        )
    path = os.fspath(verify)
    if not os.path.exists(path):
        raise ValueError(f"verify: no CA bundle at {path!r}")
    try:
        if os.path.isdir(path):
            return ssl.create_default_context(capath=path)
        return ssl.create_default_context(cafile=path)
    except ssl.SSLError as exc:
        raise ValueError(f"verify: {path!r} is not a usable CA bundle ({exc})") from None


def _default_context() -> ssl.SSLContext:
    key = (os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
    context = _default_contexts.get(key)
    if context is None:
        # httpx2's own dependency, imported here: truststore is loaded with it, which a command line
        # talking plain http to a local server never needs.
        import httpcore2  # noqa: PLC0415

        context = httpcore2.default_ssl_context()  # the OS store, or SSL_CERT_FILE / SSL_CERT_DIR
        _default_contexts[key] = context
    return context


def plain_http_context() -> ssl.SSLContext:
    """A context for a client whose every request goes to plain `http://` (loading CA bundles costs a short process).

    It verifies and trusts no CA: an https connection made after all fails rather than trusting anything.
    """
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def is_certificate_error(error: BaseException) -> bool:
    """Whether a connection failed because the server's certificate was not trusted (or not its name's)."""
    seen: BaseException | None = error
    for _ in range(8):  # the libraries wrap the ssl error one or two levels deep
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
