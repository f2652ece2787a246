"""What observability costs: CPU per call and import time, with OpenTelemetry absent, idle and configured.

    python -m bench.tracing [--calls 400] [--rounds 9] [--imports 15] [--results PATH]

One run with the defaults: after a warm-up of 100 calls per client, 9 rounds of 400 calls per
client for the CPU per call, then 15 rounds of one fresh interpreter per installation for the
import time. `--results` records one row per client (or installation) per case, each against
"OpenTelemetry not installed" in the same rounds.

CPU per call: sequential calls of one operation (the documented appointment) through an
in-process transport, so that the figure is the client's own work and no network's. Four clients
take turns in each round, in a new random order each time, and each one's CPU time per call is
taken as a ratio to the first one's in the same round; the table shows the median ratio and its
spread (lowest to highest round):

- OpenTelemetry not installed: the client as a program without the `otel` extra makes it
  (the installation is hidden from the client when it is created);
- installed, not configured: OpenTelemetry is imported in the process but no provider is set;
- configured, spans dropped: the SDK's tracer and meter providers, spans going to an exporter
  that drops them (the cost of making them), metrics aggregated in memory;
- configured, with event hooks too: the same, plus an async hook on each request and response.

Import time: `import pexip_engage_client` in a fresh interpreter, with the OpenTelemetry
packages hidden and installed (they are not imported either way: the figures should match), and
with the SDK imported as a configured application does: the median of `--imports` fresh
interpreters each, in a new random order each round, and each one's ratio to the first in its round.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import AsyncExitStack
from typing import Any
from unittest import mock

import httpx2
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExporter, SpanExportResult

from pexip_engage_client import Governor, PexipEngage, RequestEvent, ResponseEvent

from ._harness import Row, add_results_argument, record, row
from ._payloads import APPOINTMENT

Call = Callable[[], Any]


class _Dropped(SpanExporter):
    """Takes every span and keeps none: the cost of making spans, without an exporter's."""

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        return SpanExportResult.SUCCESS


def _transport() -> httpx2.MockTransport:
    return httpx2.MockTransport(
        lambda request: httpx2.Response(200, content=APPOINTMENT, headers={"Content-Type": "application/json"})
    )


async def _clients(stack: AsyncExitStack) -> dict[str, PexipEngage]:
    absent = PexipEngage("bench", token="bench-token", transport=_transport(), governor=Governor.unlimited())
    # As if OpenTelemetry were not installed: nothing may listen to the client's calls, none of which has a stream
    # (this process imports OpenTelemetry, for the other cases).
    mock.patch.object(absent._telemetry, "listeners", return_value=None).start()
    idle = PexipEngage("bench", token="bench-token", transport=_transport(), governor=Governor.unlimited())
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(_Dropped()))
    meter_provider = MeterProvider(metric_readers=[InMemoryMetricReader()])
    configured = PexipEngage(
        "bench",
        token="bench-token",
        transport=_transport(),
        governor=Governor.unlimited(),
        tracer_provider=tracer_provider,
        meter_provider=meter_provider,
    )

    async def hook(event: RequestEvent | ResponseEvent) -> None:
        pass

    hooked = PexipEngage(
        "bench",
        token="bench-token",
        transport=_transport(),
        governor=Governor.unlimited(),
        tracer_provider=tracer_provider,
        meter_provider=meter_provider,
        event_hooks={"request": [hook], "response": [hook]},
    )
    clients = {
        "OpenTelemetry not installed": absent,
        "installed, not configured": idle,
        "configured (SDK, spans dropped)": configured,
        "configured, with event hooks": hooked,
    }
    for engage in clients.values():
        await stack.enter_async_context(engage)
    return clients


async def _cpu_per_call(engage: PexipEngage, calls: int) -> float:
    started = time.process_time()
    for _ in range(calls):
        await engage.appointments.get_appointment_by_id("123")
    return (time.process_time() - started) / calls


async def cpu(calls: int, rounds: int) -> list[Row]:
    async with AsyncExitStack() as stack:
        clients = await _clients(stack)
        names = list(clients)
        for engage in clients.values():  # warm-up
            await _cpu_per_call(engage, max(calls // 4, 20))
        per_call: dict[str, list[float]] = {name: [] for name in names}
        shuffle = random.Random(7)  # noqa: S311 - an order of turns, not a secret
        for _ in range(rounds):
            order = names[:]
            shuffle.shuffle(order)
            for name in order:
                per_call[name].append(await _cpu_per_call(clients[name], calls))
    baseline = per_call[names[0]]
    print(f"CPU per call ({calls} sequential calls x {rounds} rounds, in-process transport)")
    print(f"  {'client':34} {'us/call':>8} {'ratio':>6} {'spread':>13}")
    for name in names:
        ratios = [value / base for value, base in zip(per_call[name], baseline, strict=True)]
        print(
            f"  {name:34} {statistics.median(per_call[name]) * 1e6:8.1f} {statistics.median(ratios):6.2f}"
            f" {min(ratios):6.2f}-{max(ratios):<6.2f}"
        )
    return _rows(
        f"CPU per call ({calls} sequential calls, in-process transport)",
        "us",
        {name: [value * 1e6 for value in values] for name, values in per_call.items()},
    )


def _rows(case: str, unit: str, samples: dict[str, list[float]]) -> list[Row]:
    """The first variant (OpenTelemetry not installed) alone, and every other one against it in the same rounds."""
    (baseline, baseline_values), *others = samples.items()
    rows = [row("tracing", case, baseline, unit, baseline_values)]
    rows += [
        row("tracing", case, name, unit, values, baseline=baseline, baseline_values=baseline_values)
        for name, values in others
    ]
    return rows


# Every variant runs the same preamble, so that only what it imports differs: a finder that makes
# the OpenTelemetry packages look absent when `hide` is true.
_PREAMBLE = (
    "import sys, importlib.abc, time\n"
    "class Hide(importlib.abc.MetaPathFinder):\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if hide and name.split('.')[0] == 'opentelemetry': raise ModuleNotFoundError(name)\n"
    "sys.meta_path.insert(0, Hide())\n"
    "t = time.perf_counter()\n"
)
_IMPORTS = {
    "OpenTelemetry not installed": "hide = True\n" + _PREAMBLE + "import pexip_engage_client\n",
    "installed": "hide = False\n" + _PREAMBLE + "import pexip_engage_client\n",
    "installed, SDK imported too": (
        "hide = False\n"
        + _PREAMBLE
        + "import pexip_engage_client, opentelemetry.sdk.trace, opentelemetry.sdk.metrics\n"
    ),
}


def imports(runs: int) -> list[Row]:
    seconds: dict[str, list[float]] = {name: [] for name in _IMPORTS}
    shuffle = random.Random(11)  # noqa: S311 - an order of turns, not a secret
    for _ in range(runs):
        order = list(_IMPORTS)
        shuffle.shuffle(order)
        for name in order:
            script = _IMPORTS[name]
            done = subprocess.run(
                [sys.executable, "-c", script + "print(time.perf_counter() - t)"],
                capture_output=True,
                text=True,
                check=True,
            )
            seconds[name].append(float(done.stdout))
    baseline = seconds["OpenTelemetry not installed"]
    print(f"Import time of pexip_engage_client (median of {runs} fresh interpreters, ratio per round)")
    print(f"  {'installation':34} {'ms':>8} {'ratio':>6} {'spread':>13}")
    for name, values in seconds.items():
        ratios = [value / base for value, base in zip(values, baseline, strict=True)]
        print(
            f"  {name:34} {statistics.median(values) * 1000:8.1f} {statistics.median(ratios):6.2f}"
            f" {min(ratios):6.2f}-{max(ratios):<6.2f}"
        )
    return _rows(
        "import time of pexip_engage_client (fresh interpreter)",
        "ms",
        {name: [value * 1000 for value in values] for name, values in seconds.items()},
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--calls", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--imports", type=int, default=15)
    add_results_argument(parser)
    args = parser.parse_args(argv)
    if importlib.util.find_spec("opentelemetry.sdk") is None:
        sys.exit("bench.tracing needs the OpenTelemetry SDK (the test dependency group)")
    rows = asyncio.run(cpu(args.calls, args.rounds))
    print()
    rows += imports(args.imports)
    record(args.results, "tracing", rows)


if __name__ == "__main__":
    main()
