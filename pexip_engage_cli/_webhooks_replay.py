"""`pexip-engage webhooks replay`: hand parked events back to their handlers (see `_webhooks_parked.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._webhooks_parked import configure_replay, describe, run_replay

if TYPE_CHECKING:
    from ._spec import ParserSpec


def configure(parser: ParserSpec) -> None:
    describe(parser, "`pexip-engage webhooks replay`: make parked events due again, by id or all of them.")
    configure_replay(parser)


run = run_replay
