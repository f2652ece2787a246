"""`pexip-engage webhooks worker MODULE:RECEIVER`: handle the events web processes stored.

Imports the `WebhookReceiver` named as uvicorn names an app (`myapp.webhooks:receiver`, or
`myapp.webhooks:make_receiver()` to call a function returning one) and runs its handlers from its
store, serving no HTTP. Workers on one store share its events. SIGTERM or SIGINT stops the
claiming, lets the handlers running finish (up to --grace seconds) and exits 0; whatever is
still running then, or in a worker killed outright, is handled again once its lease runs out.

    pexip-engage webhooks worker myapp.webhooks:receiver --concurrency 32 --grace 20

With --reconcile-every (or PEXIP_ENGAGE_RECONCILE_EVERY), the worker also catches up on the
appointment changes whose deliveries were lost: at start and then every period, it runs
`webhooks reconcile` over the window from --reconcile-from to --reconcile-to around now
(PEXIP_ENGAGE_RECONCILE_FROM, _TO; default -1d to +90d), reading with the receiver's `client` or
the connection settings of every command.

    pexip-engage webhooks worker myapp.webhooks:receiver --reconcile-every 10m --reconcile-from=-2d

With --port, it answers the health probes there (`/livez`, `/readyz`; docs/deploying.md, "Health"): ready while
its store can be read. The port needs uvicorn (the `mirror` extra).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import operator
import os
import re
import sys
from typing import TYPE_CHECKING, Any

from ._arguments import DEFAULT_FROM, DEFAULT_TO, not_negative_int, positive_int, positive_span, seconds, span
from ._exit import OK, CommandError, missing_extra, shared_failure
from ._first_call import refused_at_start

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable, Coroutine

    from pexip_engage_client.webhooks import WebhookReceiver

    from ._context import Context
    from ._spec import ParserSpec

_LEVELS = ("debug", "info", "warning", "error")
EVERY_VARIABLE = "PEXIP_ENGAGE_RECONCILE_EVERY"
FROM_VARIABLE, TO_VARIABLE = "PEXIP_ENGAGE_RECONCILE_FROM", "PEXIP_ENGAGE_RECONCILE_TO"
# uvicorn's form: a module, then a dotted attribute path, called when it ends with "()".
_RECEIVER = re.compile(r"(?P<module>[^:]+):(?P<name>[^\W\d]\w*(?:\.[^\W\d]\w*)*)(?P<call>\(\))?")


def configure(parser: ParserSpec) -> None:
    parser.describe(__doc__)
    add = parser.add_argument
    add("receiver", metavar="MODULE:RECEIVER", help="where the WebhookReceiver is, e.g. myapp.webhooks:receiver")
    add(
        "--grace",
        type=seconds,
        default=25.0,
        metavar="SECONDS",
        help="how long the handlers running at SIGTERM get to finish (default: %(default)s)",
    )
    add(
        "--concurrency",
        type=positive_int,
        metavar="N",
        help="handlers run at once by this worker, and threads for its plain (def) handlers unless the receiver"
        " sets handler_threads (default: the receiver's concurrency)",
    )
    add("--app-dir", default=".", metavar="DIR", help="where MODULE is imported from (default: the current one)")
    add("--port", type=not_negative_int, metavar="PORT", help="serve the health probes on this port (default: none)")
    add("--host", default="127.0.0.1", help="with --port: the address to listen on (default: %(default)s)")
    add("--log-level", choices=_LEVELS, default="info", help="of the worker's log on stderr (default: %(default)s)")

    add(
        "--reconcile-every",
        type=positive_span,
        default=os.environ.get(EVERY_VARIABLE) or None,
        metavar="SPAN",
        help=f"catch up on lost changes at start and then every SPAN (10m, 1h; or {EVERY_VARIABLE}; default: never)",
    )
    add(
        "--reconcile-from",
        type=span,
        default=os.environ.get(FROM_VARIABLE) or DEFAULT_FROM,
        metavar="SPAN",
        help=f"the window's start, from now (or {FROM_VARIABLE}; default: {DEFAULT_FROM}; write --reconcile-from=-2d)",
    )
    add(
        "--reconcile-to",
        type=span,
        default=os.environ.get(TO_VARIABLE) or DEFAULT_TO,
        metavar="SPAN",
        help=f"the window's end, from now (or {TO_VARIABLE}; default: {DEFAULT_TO})",
    )


def load_receiver(spec: str, app_dir: str = ".") -> WebhookReceiver:
    """The receiver `spec` names (`module:attribute`, or `module:function()`); CommandError if none."""
    from pexip_engage_client.webhooks import WebhookReceiver  # noqa: PLC0415 - the client loads to run

    found = load_named(spec, app_dir, "MODULE:RECEIVER, such as myapp.webhooks:receiver")
    if not isinstance(found, WebhookReceiver):
        raise CommandError(f"{spec} is not a WebhookReceiver (its type is {type(found).__name__})")
    return found


def load_named(spec: str, app_dir: str, expected: str) -> object:
    """What `spec` names (`module:attribute`, or `module:function()` called), imported as uvicorn imports
    an app; CommandError, saying the `expected` form, if it cannot be had."""
    named = _RECEIVER.fullmatch(spec)
    if named is None:
        raise CommandError(f"expected {expected}, not {spec!r}")
    module_name, name = named["module"], named["name"]
    module = _imported(module_name, os.path.abspath(app_dir))
    try:
        found: object = operator.attrgetter(name)(module)
    except AttributeError:
        raise CommandError(f"module {module_name!r} has no attribute {name!r}") from None
    if named["call"]:
        if not callable(found):
            raise CommandError(f"{module_name}:{name} is not callable, so {spec!r} cannot call it")
        try:
            found = found()
        except Exception as exc:
            raise CommandError(f"{module_name}:{name}() failed: {type(exc).__name__}: {exc}") from None
    return found


def _imported(module_name: str, directory: str) -> object:
    """Module `module_name`, found from `directory` too; CommandError when it cannot be imported."""
    if directory not in sys.path:
        sys.path.insert(0, directory)
    try:
        return importlib.import_module(module_name)
    except Exception as exc:
        # Missing itself (or a parent package) is a mistyped name; anything else is the module's own failure.
        if isinstance(exc, ModuleNotFoundError) and f"{module_name}.".startswith(f"{exc.name}."):
            raise CommandError(f"cannot import {module_name!r}: no such module (from {directory})") from None
        raise CommandError(f"importing {module_name!r} failed: {type(exc).__name__}: {exc}{_hint(exc)}") from None


def _hint(exc: Exception) -> str:
    """What to do about a module that failed to import, when it is a common case with a known fix."""
    if type(exc).__module__.startswith("django."):  # settings not configured, apps not loaded yet
        return (
            "\n  in a Django project, name a module that calls django.setup() before it imports the"
            " receiver's (the worker module of the Django recipe in the webhooks guide)"
        )
    return ""


def configure_logging(level: str, names: tuple[str, ...] = ("pexip_engage_client.webhooks",)) -> None:
    """The lines of the loggers `names` on stderr, at `level`, unless the application set up logging itself: with
    a handler anywhere on the way (Django's LOGGING, a root handler), another on the root would print each twice."""
    loggers = [logging.getLogger(name) for name in names]
    if not any(logger.hasHandlers() for logger in loggers):
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    for logger in loggers:
        logger.setLevel(level.upper())
    # psycopg's pool warns of each failed connection and each worker it stopped: the client's own line already
    # names the failure and where, once; theirs would be stray lines beside it. Kept at --log-level debug.
    logging.getLogger("psycopg.pool").setLevel(logging.DEBUG if level == "debug" else logging.ERROR)


def run(options: argparse.Namespace, context: Context) -> int:
    receiver = load_receiver(options.receiver, options.app_dir)
    configure_logging(options.log_level)
    every = options.reconcile_every
    if every is not None and not options.reconcile_from < options.reconcile_to:
        raise CommandError("--reconcile-from must be before --reconcile-to")
    # The client a catch-up reads with: the receiver's own, else one from the connection settings.
    settings = None if every is None or receiver.client is not None else context.settings().client_arguments()

    import asyncio  # noqa: PLC0415

    from pexip_engage_client import PexipEngage  # noqa: PLC0415

    probes = None if options.port is None else _probes(receiver, options)

    async def work() -> None:  # the catch-ups' client made on the worker's loop
        engage = None if settings is None else PexipEngage(**settings, **context.client_options())
        stopping = asyncio.Event()
        serving = None if probes is None else asyncio.create_task(probes(stopping))
        try:
            if every is not None:  # the catch-ups read Engage: credentials refused exit 1 now, not a warning forever
                await refused_at_start(engage or receiver.client, "webhooks worker")
            await receiver.run_worker(
                grace=options.grace,
                concurrency=options.concurrency,
                reconcile_every=every,
                reconcile_window=(options.reconcile_from, options.reconcile_to),
                engage=engage,
            )
        finally:
            if serving is not None:
                stopping.set()
                await serving
            if engage is not None:
                await engage.close()

    try:
        asyncio.run(work())
    except CommandError:
        raise
    except ValueError as exc:  # a receiver with no handlers: the wrong one was named
        raise CommandError(f"{options.receiver}: {exc}") from None
    except Exception as exc:  # opening the store, typically: one line, as every command's error
        raise shared_failure("the worker stopped", exc) from None
    return OK


def _probes(
    receiver: WebhookReceiver, options: argparse.Namespace
) -> Callable[[asyncio.Event], Coroutine[Any, Any, None]]:
    """What serves the probes until its event is set, on a socket bound now: a port in use is a command error
    before the worker starts."""
    try:
        import uvicorn  # noqa: F401, PLC0415 - the port is served by it
    except ImportError as exc:
        raise missing_extra("webhooks worker --port", "mirror", exc) from None
    from pexip_engage_client._shared.health import listening_socket, serve, with_probes  # noqa: PLC0415
    from pexip_engage_client._shared.metrics import export  # noqa: PLC0415

    from ._listen import readings, ready  # noqa: PLC0415

    export()

    try:
        listening = listening_socket(options.host, options.port, "webhooks worker")
    except OSError as exc:
        raise CommandError(str(exc)) from None

    async def serving(stopping: asyncio.Event) -> None:
        with listening:
            probes = with_probes(None, lambda: ready(receiver), lambda: readings(receiver))
            await serve(probes, listening, stopping=stopping)

    return serving
