"""A loopback server in front of a swappable fake API, and OpenTelemetry providers that keep what they get."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..support.loopback import serve, transport_app
from ..support.telemetry import SwitchableFake, Telemetry


@pytest.fixture(scope="module")
def switch() -> SwitchableFake:
    return SwitchableFake()


@pytest.fixture(scope="module")
def loopback(switch: SwitchableFake) -> Iterator[str]:
    with serve(transport_app(switch)) as root:
        yield root


@pytest.fixture
def telemetry() -> Iterator[Telemetry]:
    made = Telemetry()
    yield made
    made.tracer_provider.shutdown()
    made.meter_provider.shutdown()
