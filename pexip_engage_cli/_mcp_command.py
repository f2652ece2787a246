"""`pexip-engage mcp`: serve the Pexip Engage API to AI agents over MCP (the `mcp` extra).

Over stdio by default (an MCP client starts the command), or streamable HTTP with `--http`, on
127.0.0.1 unless `--host` says otherwise; HTTP callers need a bearer token (`--bearer-token-file`,
or a JWT checked against `--jwt-issuer`, `--jwt-audience` and `--jwt-jwks-url`), and their token
is never sent on to Engage.

Read-only unless the operator asks: without `--allow-writes` no write tool exists and the client's
OAuth token is asked with the read-only scopes only. `--allow-writes` adds booking, rescheduling,
accepting and reassigning, each confirmed by a token signed with `--confirmation-key-file` (or
PEXIP_ENGAGE_MCP_CONFIRMATION_KEY) and spent once (in memory, or shared by the replicas in Redis
with `--confirmations-redis` or PostgreSQL with `--confirmations-postgres`, by default where
PEXIP_ENGAGE_LIMITS shares the limits); `--allow-write-operations` adds any other write by operation id, and
`--allow-settings` enterprise-wide settings among them. `--tools` and `--toolsets` narrow what is
registered. A write is sent only when the person says yes, asked through the client (MCP form
elicitation, answered within `--elicitation-timeout` seconds, or nothing is sent); a client that cannot
ask writes nothing, unless `--allow-unconfirmed-writes` lets the model confirm alone. See docs/mcp.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ._arguments import not_negative_int, positive_float
from ._exit import FAILURE, OK, USAGE, CommandError, missing_extra, read_bytes
from ._parser import invalid_choice
from ._settings import _read_secret_file

if TYPE_CHECKING:
    from ._context import Context
    from ._spec import ParserSpec

KEY_VARIABLE = "PEXIP_ENGAGE_MCP_CONFIRMATION_KEY"
AUDIT_KEY_VARIABLE = "PEXIP_ENGAGE_MCP_AUDIT_KEY"
REDIS_VARIABLE = "PEXIP_ENGAGE_MCP_CONFIRMATIONS_REDIS"
POSTGRES_VARIABLE = "PEXIP_ENGAGE_MCP_CONFIRMATIONS_POSTGRES"
PUBLIC_URL_VARIABLE = "PEXIP_ENGAGE_MCP_PUBLIC_URL"
ELICITATION_TIMEOUT_VARIABLE = "PEXIP_ENGAGE_MCP_ELICITATION_TIMEOUT"
# Seconds the person has to answer a write's question (`--elicitation-timeout`), by default.
DEFAULT_ELICITATION_TIMEOUT = 60.0
MIN_STATIC_TOKEN = 32
# The addresses the SDK itself guards against DNS rebinding, for loopback names.
LOOPBACK = ("127.0.0.1", "localhost", "::1")
# Who says yes to a write, as the operator reads it at start.
_CONFIRMED = (
    "pexip-engage mcp: writes are sent on the person's yes, asked through the client; a client that cannot "
    "ask writes nothing"
)
_UNCONFIRMED = (
    "pexip-engage mcp: --allow-unconfirmed-writes: where the client cannot ask the person, the model "
    "confirms writes alone (each such write's result says so)"
)
# Flags that mean something only with another: (flag, the one it needs).
_NEEDS = (
    ("allow_write_operations", "allow_writes"),
    ("allow_settings", "allow_write_operations"),
    ("allow_unconfirmed_writes", "allow_writes"),
    ("confirmations_redis", "allow_writes"),
    ("confirmations_postgres", "allow_writes"),
)


def configure(parser: ParserSpec) -> None:
    parser.describe(__doc__)
    add = parser.add_argument
    add("--http", action="store_true", help="serve streamable HTTP instead of stdio")
    add("--host", default="127.0.0.1", help="with --http: the address to listen on (default 127.0.0.1)")
    add("--port", type=not_negative_int, default=8000, help="with --http (default 8000)")
    add(
        "--public-url",
        metavar="URL",
        help=f"with --http: the URL clients reach the MCP endpoint at (behind a proxy), the `resource` of the "
        f"metadata ({PUBLIC_URL_VARIABLE}; default http://HOST:PORT/mcp)",
    )
    add("--bearer-token-file", metavar="FILE", help="with --http: the token callers send (32 characters or more)")
    add("--jwt-issuer", metavar="URL", help="with --http: accept JWTs from this issuer (with the two below)")
    add("--jwt-audience", metavar="AUDIENCE", help="the audience those JWTs must name")
    add("--jwt-jwks-url", metavar="URL", help="where the issuer publishes its signing keys")
    add("--allow-writes", action="store_true", help="add the booking tools (each sent on the person's yes)")
    add(
        "--allow-unconfirmed-writes",
        action="store_true",
        help="with --allow-writes: where the client cannot ask the person (no MCP elicitation), the model confirms "
        "each write alone (a preview, then a call with its confirmation token)",
    )
    add("--allow-write-operations", action="store_true", help="with --allow-writes: any write operation by id")
    add("--allow-settings", action="store_true", help="with --allow-write-operations: enterprise-wide settings too")
    add("--confirmation-key-file", metavar="FILE", help=f"key that signs confirmations ({KEY_VARIABLE})")
    add(
        "--confirmations-redis",
        metavar="URL",
        help=f"keep spent confirmations in Redis, shared by every replica "
        f"({REDIS_VARIABLE}; default: PEXIP_ENGAGE_LIMITS when it is Redis or PostgreSQL, else this process's memory)",
    )
    add(
        "--confirmations-postgres",
        metavar="URL",
        help=f"keep spent confirmations in PostgreSQL (a postgresql:// URL), shared by every replica "
        f"({POSTGRES_VARIABLE})",
    )
    add(
        "--elicitation-timeout",
        metavar="SECONDS",
        help=f"with --allow-writes: how long a client that can ask the person waits for the answer before "
        f"sending nothing ({ELICITATION_TIMEOUT_VARIABLE}; default {DEFAULT_ELICITATION_TIMEOUT:g})",
    )
    add("--audit-log", metavar="FILE", help="append one JSON line per tool call to FILE")
    add(
        "--audit-key-file",
        metavar="FILE",
        help=f"key of the audit log's argument digests ({AUDIT_KEY_VARIABLE}; default: random per server)",
    )
    add("--tools", metavar="NAMES", help="register only these tools (comma-separated; with --toolsets: either)")
    add("--toolsets", metavar="SETS", help="register only these tool sets: read, book, admin (comma-separated)")


def run(options: argparse.Namespace, context: Context) -> int:
    try:
        from . import _mcp  # noqa: PLC0415 - the extra, only when the command runs
    except ImportError as exc:
        raise missing_extra("pexip-engage mcp", "mcp", exc) from None
    for flag, needed in _NEEDS:
        if getattr(options, flag) and not getattr(options, needed):
            raise CommandError(f"--{flag.replace('_', '-')} needs --{needed.replace('_', '-')}", USAGE)
    from ._mcp._tools import TOOLSETS  # noqa: PLC0415 - the extra, present

    for name in sorted((_names(options.toolsets, "--toolsets") or set()) - set(TOOLSETS)):
        raise CommandError(invalid_choice("--toolsets", name, TOOLSETS), USAGE)
    settings = context.settings()
    if not options.allow_writes:  # Engage itself refuses a write made with this token
        settings.scopes = _mcp.read_only_scopes()
    server_options = _mcp.ServerOptions(
        allow_writes=options.allow_writes,
        allow_write_operations=options.allow_write_operations,
        allow_unconfirmed_writes=options.allow_unconfirmed_writes,
        allow_settings=options.allow_settings,
        confirmation_key=_confirmation_key(options),
        audit_log=options.audit_log,
        audit_key=_key(options.audit_key_file, AUDIT_KEY_VARIABLE, "audit"),
        confirmations_store=_confirmations_store(options),
        tools=_names(options.tools, "--tools"),
        toolsets=_names(options.toolsets, "--toolsets"),
        elicitation_timeout=_elicitation_timeout(options),
    )
    metadata = listening = None
    if options.http:
        server_options.token_verifier, server_options.auth, metadata = _http_auth(options)
        listening = _listening(options)
        from pexip_engage_client._shared.metrics import export  # noqa: PLC0415

        export()  # before the client is made: its instruments are read at `/metrics`
    extra = context.client_options()

    async def serve() -> None:
        from pexip_engage_client import PexipEngage  # noqa: PLC0415

        await _spent_ready(server_options.confirmations_store)
        if options.allow_writes:
            print(_UNCONFIRMED if options.allow_unconfirmed_writes else _CONFIRMED, file=sys.stderr, flush=True)
        async with PexipEngage(**settings.client_arguments(), event_hooks=_mcp.audit_hooks(), **extra) as engage:
            server = _mcp.build_server(engage, server_options)
            if listening is not None:
                from pexip_engage_client._shared.health import serve as serve_http  # noqa: PLC0415

                with listening:
                    await serve_http(http_app(server, options, metadata), listening, lifespan="on")
            else:
                await server.run_stdio_async()

    try:
        asyncio.run(serve())
    except ValueError as exc:  # the client's checks of its settings, the server's of --tools and --toolsets
        raise CommandError(str(exc), USAGE) from None
    return OK


async def _spent_ready(url: str | None) -> None:
    """A PostgreSQL store of spent confirmations read once at start: a schema missing or behind the release ends the
    command (exit 1) naming it, the versions and `postgres migrate`, rather than refusing the first confirmed write."""
    from pexip_engage_client._base.shared_urls import is_postgres_url  # noqa: PLC0415 - the client loads to run

    if url is None or not is_postgres_url(url):
        return
    from ._mcp._spent import SpentStoreError  # noqa: PLC0415 - the extra, present: checked by the caller
    from ._mcp._spent_postgres import PostgresSpent  # noqa: PLC0415

    store = PostgresSpent(url)
    try:
        await store.ready()
    except SpentStoreError as exc:
        raise CommandError(
            f"pexip-engage mcp: the store of spent confirmations cannot be used: {exc}", FAILURE
        ) from None
    finally:
        await store._aclose()


def _elicitation_timeout(options: argparse.Namespace) -> float:
    """`--elicitation-timeout`, else its variable, else the default: seconds, more than 0 and finite."""
    given, source = options.elicitation_timeout, "--elicitation-timeout"
    if given is None:
        given, source = os.environ.get(ELICITATION_TIMEOUT_VARIABLE), ELICITATION_TIMEOUT_VARIABLE
    if not given:
        return DEFAULT_ELICITATION_TIMEOUT
    try:
        return positive_float(given)
    except argparse.ArgumentTypeError:
        raise CommandError(f"{source}: expected a number of seconds above 0, not {given[:40]!r}", USAGE) from None


def _confirmation_key(options: argparse.Namespace) -> bytes | None:
    key = _key(options.confirmation_key_file, KEY_VARIABLE, "confirmation")
    if not key and options.allow_writes and options.http:
        raise CommandError(
            f"--allow-writes over --http needs a confirmation key (--confirmation-key-file or {KEY_VARIABLE}) so "
            "that every replica accepts the confirmations any of them issued",
            USAGE,
        )
    return key or None


def _confirmations_store(options: argparse.Namespace) -> str | None:
    """Where spent confirmations are kept: an option, its variable, or the shared limits' Redis or PostgreSQL
    (docs/mcp.md, "Security model"); a URL its client cannot read is refused never quoted (a password)."""
    chosen = _chosen_store(options)
    if chosen is not None:
        url, source = chosen
        from ._mcp._server import shared_spent  # noqa: PLC0415 - the extra, present: checked by the caller

        try:
            shared_spent(url)  # nothing is connected: ValueError when the store cannot be made from `url`
        except ValueError as exc:
            raise CommandError(f"{source}: {exc}", USAGE) from None
        return url
    if options.allow_writes and options.http:
        print(
            "pexip-engage mcp: confirmations are spent in this process's memory: replicas need "
            f"--confirmations-redis or --confirmations-postgres (or {REDIS_VARIABLE}, {POSTGRES_VARIABLE}, "
            "or a redis:// or postgresql:// PEXIP_ENGAGE_LIMITS) to agree",
            file=sys.stderr,
        )
    return None


def _chosen_store(options: argparse.Namespace) -> tuple[str, str] | None:
    """The URL of the spent confirmations' store, and the option or variable that named it."""
    from pexip_engage_client._shared import _redis, postgres  # noqa: PLC0415 - the client loads to run

    named = [
        (options.confirmations_redis, "--confirmations-redis"),
        (os.environ.get(REDIS_VARIABLE), REDIS_VARIABLE),
        (options.confirmations_postgres, "--confirmations-postgres"),
        (os.environ.get(POSTGRES_VARIABLE), POSTGRES_VARIABLE),
    ]
    for url, source in named:
        if url:
            if ("postgres" in source.lower()) != (url.partition("://")[0] in postgres.SCHEMES):
                raise CommandError(f"{source} takes a {'postgresql' if 'postgres' in source else 'redis'}:// URL")
            return str(url), source
    limits = os.environ.get("PEXIP_ENGAGE_LIMITS", "")
    if options.allow_writes and limits.partition("://")[0] in (*_redis.SCHEMES, *postgres.SCHEMES):
        return limits, "PEXIP_ENGAGE_LIMITS"
    return None


def _names(text: str | None, flag: str) -> frozenset[str] | None:
    """The comma-separated names of `flag`; a usage error when it names none (it would serve no tool)."""
    if text is None:
        return None
    names = frozenset(name.strip() for name in text.split(",") if name.strip())
    if not names:
        raise CommandError(f"{flag} names nothing: give one name or more, comma-separated, or leave {flag} out", USAGE)
    return names


def _key(path: str | None, variable: str, what: str) -> bytes | None:
    """`--<what>-key-file`'s bytes (an unreadable file a usage error naming it), else `variable`'s."""
    if path:
        path = os.path.expanduser(path)
        key = read_bytes(path, f"--{what}-key-file {path}", secret=True).strip()
    else:
        key = os.environ.get(variable, "").encode()
    if key and len(key) < MIN_STATIC_TOKEN:
        raise CommandError(f"the {what} key must be {MIN_STATIC_TOKEN} bytes or more", USAGE)
    return key or None


def _listening(options: argparse.Namespace) -> Any:
    """The socket `--http` serves on, bound now (a port in use is a command error); off loopback, only with the
    public URL that callers' `Host` and `Origin` are checked against (DNS rebinding: docs/mcp.md, "Security model")."""
    from pexip_engage_client._shared.health import listening_socket  # noqa: PLC0415

    public_url = getattr(options, "public_url", None) or os.environ.get(PUBLIC_URL_VARIABLE)
    if options.host not in LOOPBACK and not public_url:
        raise CommandError(
            f"--host {options.host} needs --public-url (or {PUBLIC_URL_VARIABLE}): off loopback, each request's Host"
            " and Origin must name the URL callers use, so that no other site's page can reach the server",
            USAGE,
        )
    try:
        return listening_socket(options.host, options.port, "pexip-engage mcp")
    except OSError as exc:
        raise CommandError(str(exc)) from None


def http_app(server: Any, options: argparse.Namespace, metadata: dict[str, Any] | None) -> Any:
    """The app `--http` serves: the SDK's (which bounds a body to 4 MiB), its `Host` and `Origin` checked (on
    loopback by the SDK, for loopback names; elsewhere against the public URL), with this server's own resource
    metadata (`_auth.with_metadata`) and the health probes."""
    from mcp.server.transport_security import TransportSecuritySettings  # noqa: PLC0415

    from pexip_engage_client._shared.health import readiness_answer, with_probes  # noqa: PLC0415

    from ._mcp._auth import with_metadata  # noqa: PLC0415

    security = None
    if options.host not in LOOPBACK:
        public = urlsplit(_public_url(options))
        security = TransportSecuritySettings(
            allowed_hosts=[public.netloc], allowed_origins=[f"{public.scheme}://{public.netloc}"]
        )
    app = server.streamable_http_app(host=options.host, transport_security=security)
    if metadata is not None:
        app = with_metadata(app, metadata)

    async def readiness() -> tuple[bool, dict[str, Any]]:
        return readiness_answer([], {})

    return with_probes(app, readiness)


def _http_auth(options: argparse.Namespace) -> tuple[Any, Any, dict[str, Any]]:
    from ._mcp._auth import JWTVerifier, StaticTokenVerifier, resource_metadata, settings_for  # noqa: PLC0415

    url = _public_url(options)
    if options.bearer_token_file:
        token = _read_secret_file(options.bearer_token_file, "--bearer-token-file")
        if len(token) < MIN_STATIC_TOKEN:
            raise CommandError(f"--bearer-token-file must hold {MIN_STATIC_TOKEN} characters or more", USAGE)
        granted = _granted(options)
        # The SDK needs an issuer to build its settings; the metadata served names none (no OAuth server).
        return StaticTokenVerifier(token, granted), settings_for(url, url), resource_metadata(url, granted, None)
    if options.jwt_issuer and options.jwt_audience and options.jwt_jwks_url:
        verifier = JWTVerifier(options.jwt_issuer, options.jwt_audience, options.jwt_jwks_url)
        metadata = resource_metadata(url, _granted(options), options.jwt_issuer)
        return verifier, settings_for(options.jwt_issuer, url), metadata
    raise CommandError(
        "--http needs callers to authenticate: --bearer-token-file, or --jwt-issuer, --jwt-audience and --jwt-jwks-url",
        USAGE,
    )


def _public_url(options: argparse.Namespace) -> str:
    """The MCP endpoint's URL as clients use it: `--public-url`, its variable, or the address listened on
    (docs/mcp.md, "Client configuration"): RFC 9728 clients compare the metadata's `resource` with the URL they called.
    """
    given, source = getattr(options, "public_url", None), "--public-url"
    if not given:
        given, source = os.environ.get(PUBLIC_URL_VARIABLE), PUBLIC_URL_VARIABLE
    if not given:
        return f"http://{options.host}:{options.port}/mcp"
    parts = urlsplit(given)
    # Without credentials too: the URL is published in the resource metadata (and never named here).
    if parts.scheme not in {"https", "http"} or not parts.hostname or parts.query or parts.fragment or "@" in given:
        raise CommandError(
            f"{source} takes the absolute http(s) URL clients call, without credentials, query or fragment, such as "
            "https://agents.example.com/mcp",
            USAGE,
        )
    return given


def _granted(options: argparse.Namespace) -> list[str]:
    """The tool sets the server registers tools of (after `--tools`/`--toolsets`): the scopes it supports."""
    from ._mcp import ServerOptions, registered_toolsets  # noqa: PLC0415 - the extra, present: checked by the caller

    chosen = ServerOptions(
        allow_writes=options.allow_writes,
        allow_write_operations=options.allow_write_operations,
        tools=_names(getattr(options, "tools", None), "--tools"),
        toolsets=_names(getattr(options, "toolsets", None), "--toolsets"),
    )
    return registered_toolsets(chosen)
