"""`pexip-engage webhooks failed`: list the events whose handler failed every attempt (see `_webhooks_parked.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._webhooks_parked import configure_failed, describe, run_failed

if TYPE_CHECKING:
    from ._spec import ParserSpec


def configure(parser: ParserSpec) -> None:
    describe(parser, "`pexip-engage webhooks failed`: list the parked events, oldest first.")
    configure_failed(parser)


run = run_failed
