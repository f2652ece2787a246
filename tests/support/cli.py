"""The command line run in process through `main(argv)`, its exit code and output captured: `Cli`."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pytest

from pexip_engage_cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self._capsys = capsys

    def __call__(self, *argv: str) -> Run:
        self._capsys.readouterr()
        # A command runs in a process of its own in use: the logging it sets up (`-v`, `--debug`) must
        # not carry into the next in-process run of the same test worker.
        logger = logging.getLogger("pexip_engage_client")
        handlers, level = list(logger.handlers), logger.level
        try:
            code = main(list(argv))
        except SystemExit as exited:  # a usage error argparse ends the process with (`fake serve`'s): its status
            code = exited.code if isinstance(exited.code, int) else 1
        finally:
            logger.handlers[:] = handlers
            logger.setLevel(level)
        captured = self._capsys.readouterr()
        return Run(code, captured.out, captured.err)
