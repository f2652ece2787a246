"""`python -m pexip_engage_client.testing --port 8080`: the fake API on 127.0.0.1, until Ctrl-C.

Any bearer token is accepted unless `--token T` names the tokens to accept (each valid as long as the
fake runs, or `--token-expires-in` seconds of its clock from start and from each reset), or `--client
ID:SECRET` registers an OAuth client, whose tokens the fake then issues at
`/realms/<enterprise>/protocol/openid-connect/token`. What it keeps and refuses (its bounds,
the API's limits per remote address), seeds, holds back and delivers: each option's line below,
and docs/testing.md.

SIGTERM or Ctrl-C stops it gracefully: new connections are refused, the calls in flight are
answered (for up to `--grace` seconds), a `stopped` line is printed and it exits 0. A second
signal stops it at once. Each webhook delivery attempt is reported on stderr, and so is each
delivery lost for good (its last attempt failed). `--control-token-file` opens the control channel
for faults, the clock and a reset back to the seed, driven from another process (`_control.py`).
`--clock real` makes the fake's clock follow the wall clock (the control channel still moves it).
"""

from __future__ import annotations

import argparse
import math
import signal
import sys
import threading
from pathlib import Path

import httpx2

from .. import DOCUMENTED_MAX_IN_FLIGHT, DOCUMENTED_PER_MINUTE
from .._base.redaction import REDACTED, redacted_url
from ._assumptions import ASSUMPTIONS
from ._clock import FakeClock
from ._control import CALLS, CLOCK, FAULTS, RESET, Control
from ._fake import FakePexipEngage
from ._server import DEFAULT_MAX_BODY_SIZE, FakeServer
from ._webhooks import ENGAGE_DEVELOPMENT_RETRY_SCHEDULE, ENGAGE_RETRY_SCHEDULE, WebhookAttempt

# `--webhook-schedule`: Engage's retry schedules (the webhooks topic page).
_SCHEDULES = {"production": ENGAGE_RETRY_SCHEDULE, "development": ENGAGE_DEVELOPMENT_RETRY_SCHEDULE}
# The options that shape webhook delivery, with their defaults: given without a delivery, a usage error.
_DELIVERY_DEFAULTS = {
    "webhook_fanout": "each",
    "webhook_duplicates": 0,
    "webhook_reorder_window": 0.0,
    "webhook_delay": 0.0,
    "webhook_time_scale": 1.0,
    "webhook_schedule": "production",
    "webhook_seed": 0,
}

# The exit status of a stop forced by a second signal: a shell's for an interrupted command.
INTERRUPTED = 130

# Nothing outside this process can read what the fake records: a few are kept, for a debugger.
DEFAULT_MAX_RECORDED_CALLS = 100
# How long a stop waits for the calls in flight: well inside the 30 s a supervisor (Kubernetes,
# systemd, docker stop's 10) gives before its SIGKILL, far above any answer but a scripted delay.
DEFAULT_GRACE = 10.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pexip_engage_client.testing", description=__doc__)
    configure(parser)
    sys.exit(run(parser.parse_args(argv), parser))


def configure(parser: argparse.ArgumentParser) -> None:
    """The server's options (`pexip-engage fake serve` takes the same)."""
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0 picks a free one)")
    parser.add_argument(
        "--enterprise",
        default=None,
        help="the enterprise served, whose realm --client and --token belong to "
        "(any other is refused with 401; default: acme)",
    )
    parser.add_argument(
        "--client", action="append", default=[], metavar="ID:SECRET", help="register an OAuth client of the enterprise"
    )
    parser.add_argument(
        "--token", action="append", default=[], help="accept this bearer token at the enterprise (and only known ones)"
    )
    parser.add_argument(
        "--token-expires-in",
        type=_seconds,
        metavar="SECONDS",
        help="each --token expires SECONDS of the fake's clock after start and after each reset (default: never)",
    )
    parser.add_argument(
        "--max-body-size",
        type=_not_negative,
        default=DEFAULT_MAX_BODY_SIZE,
        metavar="BYTES",
        help="refuse a larger request body with 413, without reading it (default: %(default)s)",
    )
    parser.add_argument(
        "--max-recorded-calls",
        type=_not_negative,
        default=DEFAULT_MAX_RECORDED_CALLS,
        metavar="N",
        help="keep only the last N requests in memory (default: %(default)s)",
    )

    parser.add_argument(
        "--max-in-flight",
        type=_not_negative,
        default=DOCUMENTED_MAX_IN_FLIGHT,
        metavar="N",
        help="answer 429 beyond N requests in flight from one address, as Engage does (0: no limit; "
        "default: %(default)s)",
    )
    parser.add_argument(
        "--per-minute",
        type=_not_negative,
        default=DOCUMENTED_PER_MINUTE,
        metavar="N",
        help="answer 429 beyond N requests in 60 seconds from one address, as Engage does (0: no limit; "
        "default: %(default)s)",
    )
    parser.add_argument(
        "--seed",
        action="append",
        default=[],
        metavar="FILE",
        help="add the records of FILE, by kind (YAML, or JSON for a .json name: employees, listings, "
        "listing_time_slots, ..., as FakePexipEngage.seed takes them; times may be relative to now, "
        "'+7d 09:00 Europe/Brussels'); may be repeated",
    )
    parser.add_argument(
        "--overlay",
        metavar="FILE",
        help="answer and validate with openapi.yaml as this OpenAPI Overlay (YAML or JSON) changes it: "
        "what `pexip-engage spec check --overlay` wrote, to play an API that differs from its spec",
    )
    parser.add_argument(
        "--clock",
        choices=("fixed", "real"),
        default="fixed",
        help="fixed: the fake's clock stays at the time it started until the control channel moves it "
        "(POST /_fake/clock); real: it follows the wall clock, moved by the control channel from there "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--latency", type=_seconds, default=0.0, metavar="SECONDS", help="hold every answer back SECONDS (default: 0)"
    )
    parser.add_argument(
        "--loosen",
        action="append",
        default=[],
        choices=sorted(ASSUMPTIONS),
        metavar="ASSUMPTION",
        help="lift one of the fake's assumptions (refusals the documentation does not show), for a tenant that "
        f"takes more; may be repeated ({', '.join(sorted(ASSUMPTIONS))}; docs/testing.md)",
    )
    parser.add_argument(
        "--grace",
        type=_seconds,
        default=DEFAULT_GRACE,
        metavar="SECONDS",
        help="on SIGTERM or Ctrl-C, wait up to SECONDS for the calls in flight (a second signal: at once; "
        "default: %(default)s)",
    )
    parser.add_argument(
        "--deliver-webhooks-to",
        action="append",
        default=[],
        metavar="URL",
        help="POST the webhook event of each appointment change made through the fake to URL, as Engage does; "
        "may be repeated (see --webhook-fanout)",
    )
    parser.add_argument(
        "--webhook-fanout",
        choices=("each", "spread"),
        default="each",
        help="with several --deliver-webhooks-to: each (every event to every URL, as two webhook configurations) "
        "or spread (each delivery to the next URL in turn, as a load balancer before two hosts) (default: %(default)s)",
    )
    parser.add_argument(
        "--webhook-secret",
        metavar="FILE",
        help="the file holding the receiver's shared secret, sent as its `key` query parameter (never printed)",
    )
    parser.add_argument(
        "--webhook-duplicates",
        type=_not_negative,
        default=0,
        metavar="N",
        help="deliver each event N extra times, each with its own retries, as Engage's at-least-once delivery "
        "may (default: %(default)s)",
    )
    parser.add_argument(
        "--webhook-reorder-window",
        type=_seconds,
        default=0.0,
        metavar="SECONDS",
        help="hold each delivery back a random time up to SECONDS, so later events may overtake earlier ones "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--webhook-delay",
        type=_seconds,
        default=0.0,
        metavar="SECONDS",
        help="hold every delivery back SECONDS (default: %(default)s)",
    )
    parser.add_argument(
        "--webhook-time-scale",
        type=_scale,
        default=1.0,
        metavar="FACTOR",
        help="multiply the retry schedule's delays and timeouts by FACTOR: 0.01 runs Engage's 3 attempts "
        "over about 50 s in about half a second (default: %(default)s)",
    )
    parser.add_argument(
        "--webhook-schedule",
        choices=sorted(_SCHEDULES),
        default="production",
        help="the attempts' timeouts of Engage's production or development environment (default: %(default)s)",
    )
    parser.add_argument(
        "--webhook-seed",
        type=int,
        default=0,
        metavar="N",
        help="the seed of the reorder window's random draws, so a run can be repeated (default: %(default)s)",
    )
    parser.add_argument(
        "--control-token-file",
        metavar="FILE",
        help="open the control channel at /_fake/ (faults, clock, reset, calls) to other processes sending the token "
        "FILE holds as a bearer token (never printed; docs/testing.md)",
    )


def run(options: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Serve the fake as `options` say, until SIGTERM or Ctrl-C; the exit status."""
    fake = _seeded_fake(options, parser)
    webhooks_to = _deliver_webhooks(fake, options, parser)
    for client in options.client:
        client_id, _, secret = client.partition(":")
        if not client_id or not secret:
            parser.error("--client takes ID:SECRET")
        fake.add_client(client_id, secret)
    if options.token_expires_in is not None and not options.token:
        parser.error("--token-expires-in: only with --token")
    for token in options.token:
        fake.add_token(token, enterprise=options.enterprise, expires_in=options.token_expires_in)
    control = None
    if options.control_token_file is not None:
        control = Control(fake, _read_secret(options.control_token_file, "--control-token-file", parser))
    try:
        server = FakeServer(fake, options.port, max_body_size=options.max_body_size, control=control)
    except OSError as error:
        parser.error(f"--port {options.port}: {error.strerror}")
    print(f"Fake Pexip Engage API on {server.url}/enterprises/{fake.name}", flush=True)
    if webhooks_to is not None:
        print(f"Webhook events go to {webhooks_to} (with the secret of {options.webhook_secret})", file=sys.stderr)
        _say(f"Webhook delivery: {_delivery(options)}")
    if control is not None:
        _say(
            f"Control channel on {server.url}{FAULTS}, {RESET}, {CLOCK} and {CALLS} (with the token of "
            f"{options.control_token_file})"
        )
    return serve_until_stopped(server, options.grace)


def _seeded_fake(options: argparse.Namespace, parser: argparse.ArgumentParser) -> FakePexipEngage:
    """The fake `options` describe, with the records of each `--seed` file; a usage error naming a bad file."""
    try:
        fake = FakePexipEngage(
            enterprise=options.enterprise,
            max_recorded_calls=options.max_recorded_calls,
            max_in_flight=options.max_in_flight or None,
            per_minute=options.per_minute or None,
            latency=options.latency,
            overlay=options.overlay,
            loosen=options.loosen,
            clock=FakeClock(real=options.clock == "real"),
        )
    except ValueError as error:  # OverlayError: the file, or the actions that did not apply, named
        parser.error(f"--overlay {error}")
    for seed in options.seed:
        try:
            fake.seed_file(seed)
        except ValueError as error:
            parser.error(f"--seed {error}")
    fake.keep_seed()  # what POST /_fake/reset goes back to
    return fake


def serve_until_stopped(server: FakeServer, grace: float) -> int:
    """Serve until SIGTERM or SIGINT, then stop gracefully (the module's docstring says how); the
    exit status (0, or 130 if forced). Outside the main thread (no signal handlers there), Ctrl-C's
    KeyboardInterrupt still ends it, without the wait.
    """
    signals = (signal.SIGTERM, signal.SIGINT)
    received: list[str] = []

    def on_signal(number: int, _: object) -> None:
        if received:
            raise KeyboardInterrupt  # the second: stop waiting
        received.append(signal.Signals(number).name)
        server.stop_accepting()

    main_thread = threading.current_thread() is threading.main_thread()
    previous = {number: signal.signal(number, on_signal) for number in signals} if main_thread else {}
    try:
        try:
            server.serve_forever()  # returns once a signal has stopped it, its socket closed
        except KeyboardInterrupt:
            _say("stopped")
            return INTERRUPTED
        in_flight = server.calls_in_flight
        try:  # before the line is printed: a second signal may come as soon as it is read
            _say(f"stopping ({received[0]}): refusing new connections, {_calls(in_flight)} in flight")
            left = server.finish_calls(grace)
        except KeyboardInterrupt:
            _say(f"stopped at once: {_calls(server.calls_in_flight)} in flight dropped")
            return INTERRUPTED
        _say(
            f"stopped: after {grace:g} s, {_calls(left)} in flight dropped"
            if left
            else f"stopped: {_calls(in_flight)} in flight finished"
        )
        return 0
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _calls(count: int) -> str:
    return f"{count} call{'' if count == 1 else 's'}"


def _deliver_webhooks(
    fake: FakePexipEngage, options: argparse.Namespace, parser: argparse.ArgumentParser
) -> str | None:
    """Set up webhook delivery as `--deliver-webhooks-to` and `--webhook-secret` say; the URLs to
    print (without their query), or None without delivery."""
    urls, secret_file = options.deliver_webhooks_to, options.webhook_secret
    if not urls and secret_file is None:
        shaping = [
            f"--{name.replace('_', '-')}"
            for name, default in _DELIVERY_DEFAULTS.items()
            if getattr(options, name) != default
        ]
        if shaping:
            parser.error(f"{', '.join(shaping)}: only with --deliver-webhooks-to URL and --webhook-secret FILE")
        return None
    if not urls or secret_file is None:
        parser.error("--deliver-webhooks-to URL and --webhook-secret FILE go together")
    shown = [_receiver_url(url, parser) for url in urls]
    secret = _read_secret(secret_file, "--webhook-secret", parser)

    def report(attempt: WebhookAttempt) -> None:
        outcome = f"answered {attempt.status}" if attempt.status is not None else f"failed ({attempt.error})"
        event = f"webhook event {attempt.event_id}" + (f" to {shown[attempt.receiver]}" if len(urls) > 1 else "")
        lines = [f"{event}: attempt {attempt.attempt} {outcome}"]
        if attempt.lost:
            lines.append(
                f"{event}: lost for good after {attempt.attempt} attempts (Engage makes no more and replays nothing)"
            )
        for line in lines:
            _say(line.replace(secret, REDACTED))

    fake.deliver_webhooks(
        urls,
        fanout=options.webhook_fanout,
        key=secret,
        on_attempt=report,
        max_recorded=DEFAULT_MAX_RECORDED_CALLS,
        schedule=_SCHEDULES[options.webhook_schedule],
        time_scale=options.webhook_time_scale,
        duplicates=options.webhook_duplicates,
        reorder_window=options.webhook_reorder_window,
        delay=options.webhook_delay,
        seed=options.webhook_seed,
    )
    return " and ".join(shown)


def _receiver_url(url: str, parser: argparse.ArgumentParser) -> str:
    """A `--deliver-webhooks-to` URL as printed: without its query, nor credentials (a receiver behind basic auth);
    a usage error for one that is no http(s) URL, or carries the secret."""
    try:
        target = httpx2.URL(url)
    except httpx2.InvalidURL:
        target = httpx2.URL()
    if target.scheme not in ("http", "https") or not target.host:
        parser.error("--deliver-webhooks-to takes an http:// or https:// URL")
    if "key" in target.params:
        parser.error("--deliver-webhooks-to: give the secret with --webhook-secret FILE, not as `key` in the URL")
    return redacted_url(str(target.copy_with(query=None)), every_value=True)


def _delivery(options: argparse.Namespace) -> str:
    """How each event is delivered, in words: to which URLs, copies, holding back, schedule and its time scale."""
    fanout = {"each": "to every URL, ", "spread": "spread over the URLs in turn, "}[options.webhook_fanout]
    copies = 1 + options.webhook_duplicates
    held = f"held back {options.webhook_delay:g} s"
    if options.webhook_reorder_window:
        held += f" + up to {options.webhook_reorder_window:g} s (seed {options.webhook_seed})"
    return (
        f"{fanout if len(options.deliver_webhooks_to) > 1 else ''}{copies} time{'s' if copies > 1 else ''} each, "
        f"{held}, on Engage's {options.webhook_schedule} schedule at {options.webhook_time_scale:g} of its timings"
    )


def _read_secret(path: str, option: str, parser: argparse.ArgumentParser) -> str:
    """The secret in the file at `path` (its trailing newline aside); a usage error that never shows it."""
    try:
        secret = Path(path).read_text(encoding="utf-8").rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as error:
        parser.error(f"{option} {path}: cannot read it ({type(error).__name__})")
    if not secret.strip():
        parser.error(f"{option} {path}: the file holds no secret")
    return secret


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 <= value < math.inf:
        raise argparse.ArgumentTypeError(f"{text} is not a finite number of seconds, 0 or more")
    return value


def _scale(text: str) -> float:
    value = _seconds(text)
    if not value:
        raise argparse.ArgumentTypeError("0 is not a time scale: it must be more than 0")
    return value


def _not_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative")
    return value


if __name__ == "__main__":
    main()
