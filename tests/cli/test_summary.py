"""`pexip-engage --help`'s summary names every hand-written command, so none is found only by chance."""

from __future__ import annotations

import re

from pexip_engage_cli._app import DESCRIPTION, HAND_WRITTEN, SINGLE_COMMANDS


def test_the_summary_names_every_hand_written_command() -> None:
    summary = re.sub(r"\s+", " ", DESCRIPTION)
    for group, commands in HAND_WRITTEN.items():
        if group in SINGLE_COMMANDS:
            continue  # `api`, `completion`: the group is the command, listed under commands
        for command in commands:
            assert f"`{group} {command}`" in summary, f"{group} {command}"
