"""What running a command needs: the client built from the settings, the printer, and the one place
where the client's errors become exit codes and one line on stderr."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import warnings
from collections.abc import Awaitable, Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING, Any, TypeVar

from . import _table
from ._collector import resume
from ._exit import API_ERROR, CONNECTION, FAILURE, OK, USAGE, CommandError, read_text, unusable_answer
from ._output import Printer, page_total
from ._settings import Settings, resolve
from ._table import option_name

if TYPE_CHECKING:
    import argparse
    from typing import Protocol

    from pexip_engage_client import Middleware, PexipEngage

    from ._table import CommandSpec

    class Chosen(Protocol):
        """What a context needs of the parsed command line (`_app.Chosen` is one)."""

        @property
        def options(self) -> argparse.Namespace: ...
        @property
        def generated(self) -> CommandSpec | None: ...
        @property
        def namespace(self) -> str | None: ...
        @property
        def parser(self) -> argparse.ArgumentParser: ...


T = TypeVar("T")
# The client's settings that are options of every command (`add_common_options`), by the client's names.
_SETTINGS = {
    "client_id": "--client-id",
    "client_secret": "--client-secret-file",
    "base_url": "--base-url",
    "auth_url": "--auth-url",
    "max_retries": "--max-retries",
    "http_backend": "PEXIP_ENGAGE_HTTP_BACKEND",  # no option: the command line reads it from there only
}


def in_cli_words(error: ValueError, arguments: Iterable[tuple[str, str]] = ()) -> str:
    """The client's refusal `error` (an `ArgumentError`'s `worded`), each argument it names called by its option
    (`arguments`: (python, option) pairs of the command's own, besides the settings); `body` is the JSON path into
    --body, kept."""
    worded = getattr(error, "worded", None)
    if worded is None:
        return str(error)
    names = {**_SETTINGS, **dict(arguments)}
    names.pop("body", None)
    return str(worded(lambda python: names.get(python, python)))


def read_body(text: str) -> Any:
    """`--body`: JSON text, `@FILE`, or `-` for stdin."""
    source = "--body"
    if text == "-":
        text, source = sys.stdin.read(), "the body read from stdin"
    elif text.startswith("@"):
        path = text[1:]
        text, source = read_text(path, f"the body from {path}"), f"the body in {path}"
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(f"{source} is not JSON: {exc}") from None


@contextmanager
def _inferred_as_note() -> Iterator[None]:
    """The library's `InferredOperationWarning` as a note on stderr, without the warning's file and line (the
    command line's code, not the user's); every other warning goes on as it came."""
    from pexip_engage_client.errors import InferredOperationWarning  # noqa: PLC0415 - with the client

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InferredOperationWarning)
        yield
    for warning in caught:
        if issubclass(warning.category, InferredOperationWarning):
            print(f"pexip-engage: note: {warning.message}", file=sys.stderr, flush=True)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


class Context:
    """Runs a command's work with a client, and turns its failures into exit codes."""

    def __init__(self, chosen: Chosen) -> None:
        self.chosen = chosen
        self.options: argparse.Namespace = chosen.options

    def option(self, name: str, default: Any = None) -> Any:
        return getattr(self.options, name, default)

    def printer(self) -> Printer:
        return Printer(self.option("output"), columns=self.option("columns"), csv_raw=self.option("csv_raw", False))

    def settings(self) -> Settings:
        return resolve(self.options)

    def client_options(self) -> dict[str, Any]:
        """`--timeout` and `--max-retries`, those given, as keywords of `PexipEngage`."""
        return {name: self.option(name) for name in ("timeout", "max_retries") if self.option(name) is not None}

    def dry_run(self, work: Callable[[PexipEngage], Awaitable[object]], printer: Printer) -> int:
        """`--dry-run`: `work` run with a client whose first attempt stops before its token and its send
        (`_dry_run.py`); the request it would have sent printed by `printer`, exit 0."""
        from ._dry_run import NOTE, NotSent, shown, stop_before_sending  # noqa: PLC0415 - with --dry-run only

        try:
            self.call(work, one_shot=True, middleware=stop_before_sending)
        except NotSent as stopped:
            document, message = shown(stopped.request)
            printer.request(document, message)
            print(NOTE, file=sys.stderr, flush=True)
            return OK
        raise CommandError("--dry-run: the command made no request", FAILURE)

    def call(
        self,
        work: Callable[[PexipEngage], Awaitable[T]],
        *,
        one_shot: bool = False,
        lenient: bool = False,
        middleware: Middleware | None = None,
    ) -> T:
        """What `work` returns, run with a client built from the settings; the client's errors become a
        CommandError with their exit code. `one_shot`: a request or two, each on a connection of its own.
        `lenient`: answers read leniently whatever PEXIP_ENGAGE_STRICT_RESPONSES says (a command that records
        differences must see them all). `middleware`: the client's (a dry run's); what it raises goes through.
        """
        from pexip_engage_client import errors  # noqa: PLC0415 - the client is imported only when a command talks to the API

        settings = self.settings()
        if not one_shot:
            resume()  # a walk through pages runs on (see _collector.py)
        try:
            return asyncio.run(
                self._with_client(settings, work, one_shot=one_shot, lenient=lenient, middleware=middleware)
            )
        except (errors.PexipEngageError, errors.UnreadableFieldError) as exc:
            raise _client_failure(exc, errors) from None
        except ValueError as exc:  # the library's checks of what is sent: a usage error, in the CLI's words
            raise CommandError(in_cli_words(exc, self._argument_options()), USAGE) from None

    def _argument_options(self) -> list[tuple[str, str]]:
        """A generated command's arguments: (the client's Python name, what the command line calls it)."""
        spec = self.chosen.generated
        return [
            (p["python"], p["python"].strip("_").upper() if p["positional"] else option_name(p["python"]))
            for p in (spec["parameters"] if spec else ())
        ]

    async def _with_client(
        self,
        settings: Settings,
        work: Callable[[PexipEngage], Awaitable[T]],
        *,
        one_shot: bool,
        lenient: bool,
        middleware: Middleware | None,
    ) -> T:
        from pexip_engage_client import PexipEngage  # noqa: PLC0415
        from pexip_engage_client._base.proxies import proxy_configured  # noqa: PLC0415

        extra = self.client_options()
        if one_shot and not proxy_configured():
            # A request or two, each on a connection of its own: neither httpx2's client nor its pool
            # is loaded (the library's sender goes through a proxy the environment sets; this one connects
            # directly, so the client refuses it then: one rule, `_base/proxies.py`).
            extra["http_backend"] = "one-shot"
        if lenient:
            extra["strict_responses"] = False
        if middleware is not None:
            extra["middleware"] = [middleware]
        with _debug() if self.option("debug") else nullcontext():
            async with PexipEngage(**settings.client_arguments(), **extra) as engage:
                return await work(engage)

    def run_generated(self) -> int:
        spec, namespace = self.chosen.generated, self.chosen.namespace
        if spec is None or namespace is None:
            raise CommandError("not a generated command", FAILURE)
        positional: list[Any] = []
        keywords: dict[str, Any] = {}
        for parameter in spec["parameters"]:
            value = getattr(self.options, "p_" + parameter["python"], None)
            if parameter["positional"]:
                positional.append(value)
            elif value is not None:  # not given: the operation's default
                keywords[parameter["python"]] = value
        body = self.option("body")
        if body is not None:
            keywords["body"] = read_body(body)
        printer = self.printer()
        walk = spec["pages"] and self.option("all")
        if self.option("dry_run"):
            return self.dry_run(self._written(spec, positional, keywords), printer)

        async def work(engage: PexipEngage) -> None:
            answer = getattr(getattr(engage, namespace), spec["method"])(*positional, **keywords)
            if "ensures" in spec:
                printer.ensured(await answer)
            elif not walk:  # an answer, or a list's first page
                printer.result(await answer)
            else:
                progress = sys.stderr.isatty() if self.option("progress") is None else self.option("progress")
                # The first page tells the total (if it can be read) and a CSV header's fields; the walk then
                # starts over from it.
                first = await answer if progress or printer.wants_first_page else None
                from pexip_engage_client._base.progress import ProgressBar  # noqa: PLC0415 - with the client

                bar = ProgressBar(page_total(first, keywords.get("offset") or 0), "items") if progress else None
                await printer.items(answer, bar, first)

        # A walk sends a request a page: the library's pooled sender keeps its connection.
        with _inferred_as_note():
            self.call(work, one_shot=not walk)
        return OK

    def _written(
        self, spec: CommandSpec, positional: list[Any], keywords: dict[str, Any]
    ) -> Callable[[PexipEngage], Awaitable[object]]:
        """What a write command's dry run calls: its operation; an `ensure`'s, the create it makes safe (its
        look-up by externalId, a GET, comes first when it runs), with the body only."""
        namespace, method = self.chosen.namespace, spec["method"]
        if "ensures" in spec:
            group, command = spec["ensures"].split(" ", 1)
            groups = _table.load()
            namespace, method = groups[group]["namespace"], groups[group]["commands"][command]["method"]
            positional, keywords = [], {"body": keywords.get("body")}
            print(
                "pexip-engage: note: an ensure first looks the body's externalId up (a GET), and sends this "
                "create only when nothing has it",
                file=sys.stderr,
                flush=True,
            )

        async def work(engage: PexipEngage) -> object:
            return await getattr(getattr(engage, str(namespace)), method)(*positional, **keywords)

        return work


def _client_failure(error: Exception, errors: Any) -> CommandError:
    """The client's error as the command line's failure: its exit code, and its text."""
    refused = unusable_answer(error)
    if refused is not None:
        return refused
    if isinstance(error, errors.APIError):
        return CommandError(str(error), API_ERROR)
    if isinstance(error, errors.APIConnectionError):
        return CommandError(str(error), CONNECTION)
    return CommandError(str(error), FAILURE)


class _CurrentStderr(logging.Handler):
    """Prints to `sys.stderr` as it is when a line is printed: a `StreamHandler()` keeps the stream it was made
    with, and when `main()` runs in-process (a test's captured stderr, a redirect) that one may be closed since."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
            sys.stderr.write((text if record.levelno < logging.DEBUG else f"* {text}") + "\n")
        except Exception:  # logging's own rule: a failed line never breaks the caller
            self.handleError(record)


@contextmanager
def _debug() -> Iterator[None]:
    """`--debug` for one command (docs/cli.md, "--debug"): the client's log at INFO on stderr, each retry after
    `* `, and its exchanges, logged at TRACE (below DEBUG: printed only where asked for)."""
    from pexip_engage_client._base.loggers import TRACE, exchanges_logger, logger  # noqa: PLC0415 - with the client

    if not logger.handlers:
        logger.addHandler(_CurrentStderr())
    logger.setLevel(logging.INFO)
    level = exchanges_logger.level
    exchanges_logger.setLevel(TRACE)
    try:
        yield
    finally:
        exchanges_logger.setLevel(level)
