"""The command line against the fake API served on loopback, run in process through `main(argv)`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.cli import Cli
from ..support.clients import TOKEN

_VARIABLES = (
    "PEXIP_ENGAGE_ENTERPRISE",
    "PEXIP_ENGAGE_ENVIRONMENT",
    "PEXIP_ENGAGE_BASE_URL",
    "PEXIP_ENGAGE_AUTH_URL",
    "PEXIP_ENGAGE_CLIENT_ID",
    "PEXIP_ENGAGE_CLIENT_SECRET",
    "PEXIP_ENGAGE_CLIENT_SECRET_FILE",
    "PEXIP_ENGAGE_TOKEN",
    "PEXIP_ENGAGE_PROFILE",
    "PEXIP_ENGAGE_LOG",
    "PEXIP_ENGAGE_HTTP_BACKEND",
)


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No PEXIP_ENGAGE_* variable, no COLUMNS, and a config folder of the test's own; returns that folder."""
    for variable in _VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    # A table's width comes from COLUMNS when it is set, and the runner may set it (pytest-xdist's
    # workers have COLUMNS=80): a test that wants a width sets its own.
    monkeypatch.delenv("COLUMNS", raising=False)
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config


@pytest.fixture
def root(fake: FakePexipEngage) -> Iterator[str]:
    """The fake on 127.0.0.1, as `pexip-engage fake serve` runs it."""
    with serve(fake) as url:
        yield url


@pytest.fixture
def engage_env(monkeypatch: pytest.MonkeyPatch, clean_environment: Path, root: str) -> str:
    """The library's variables pointing at the served fake with a static token; returns its root."""
    monkeypatch.setenv("PEXIP_ENGAGE_ENTERPRISE", "acme")
    monkeypatch.setenv("PEXIP_ENGAGE_BASE_URL", root)
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", TOKEN)
    return root


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)
