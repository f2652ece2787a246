"""The command line run in process through `main(argv)`, its exit code and output captured: `Cli`."""

from __future__ import annotations

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
        code = main(list(argv))
        captured = self._capsys.readouterr()
        return Run(code, captured.out, captured.err)
