"""Import time, start-up to the first call's result, and memory across 10,000 sequential calls.

    python -m bench.footprint [--calls 10000] [--import-python PATH]

Import time: `from pexip_engage_client import PexipEngage`, the best of 7 fresh interpreters of
`--import-python` (by default this one; `make bench` gives it a venv holding only the package,
as a user's would), against `import httpx2` alone in the same interpreter (the
package loads httpx2 when a client is created). Start-up: in a fresh interpreter (the same one),
from before the import to the first call's model (import, client and the httpx2 it loads,
connection, the first request, and the first parse, which builds the model's typed decoder),
the best of 7. Both run the interpreter isolated (`-I`), as an installed application runs: the
working directory is not on `sys.path`, so the package is the installed one with the bytecode pip
compiled, not this checkout compiled from source on every start (which is what `PYTHONDONTWRITEBYTECODE`
would otherwise make of it). Memory: the resident set size after a warm-up, then every 2,500 calls,
with the peak reported by the kernel.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import resource
import subprocess
import sys
from pathlib import Path

from pexip_engage_client import Governor, PexipEngage

from ._harness import add_results_argument, record, row, server

TIMED_IMPORT = "import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"


def import_seconds(statement: str, python: str) -> float:
    command = [python, "-I", "-c", TIMED_IMPORT.format(statement=statement)]
    return min(float(subprocess.run(command, capture_output=True, text=True, check=True).stdout) for _ in range(7))


FIRST_CALL = """
import time
started = time.perf_counter()
import asyncio
from pexip_engage_client import PexipEngage

async def first_call():
    async with PexipEngage("bench", token="bench-token", base_url={root!r}) as engage:
        return await engage.appointments.get_appointment_by_id("123")

appointment = asyncio.run(first_call())
print(time.perf_counter() - started)
"""


def first_call_seconds(root: str, python: str) -> float:
    command = [python, "-I", "-c", FIRST_CALL.format(root=root)]
    return min(float(subprocess.run(command, capture_output=True, text=True, check=True).stdout) for _ in range(7))


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def memory(calls: int) -> list[tuple[int, float]]:
    samples = []
    with server(latency=0.0, items=0) as root:
        async with PexipEngage("bench", token="bench-token", base_url=root, governor=Governor.unlimited()) as engage:
            for _ in range(500):  # warm-up: connections, caches
                await engage.appointments.get_appointment_by_id("123")
            gc.collect()
            samples.append((0, rss_mib()))
            for done in range(1, calls + 1):
                await engage.appointments.get_appointment_by_id("123")
                if done % 2500 == 0:
                    gc.collect()
                    samples.append((done, rss_mib()))
    return samples


def main(calls: int, python: str, results: Path | None) -> None:
    package = import_seconds("from pexip_engage_client import PexipEngage", python)
    httpx_alone = import_seconds("import httpx2", python)
    print(f"from pexip_engage_client import PexipEngage: {package * 1000:.0f} ms", end=" ")
    print(f"(import httpx2, loaded when a client is created: {httpx_alone * 1000:.0f} ms)")
    with server(latency=0.0, items=0) as root:
        first_call = first_call_seconds(root, python)
    print(f"start-up to the first call's result (import included): {first_call * 1000:.0f} ms")
    samples = asyncio.run(memory(calls))
    print(f"Resident memory over {calls} sequential calls (after a 500-call warm-up):")
    for done, mib in samples:
        print(f"  after {done:>6} calls  {mib:7.1f} MiB   {mib - samples[0][1]:+6.2f} MiB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak resident set {peak:.1f} MiB")
    imported = "from pexip_engage_client import PexipEngage"
    rows = [
        row(
            "footprint",
            "import time (best of 7 fresh interpreters)",
            imported,
            "ms",
            [package * 1000],
            baseline="import httpx2",
            baseline_values=[httpx_alone * 1000],
        ),
        row(
            "footprint",
            "start-up to the first call's result",
            "pexip_engage_client (httpx2)",
            "ms",
            [first_call * 1000],
        ),
        row(
            "footprint",
            f"resident memory growth over {calls:,} calls",
            "pexip_engage_client (httpx2)",
            "MiB",
            [samples[-1][1] - samples[0][1]],
        ),
    ]
    record(results, "footprint", rows)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--import-python", default=sys.executable, help="the interpreter whose imports are timed")
    add_results_argument(parser)
    args = parser.parse_args()
    main(args.calls, args.import_python, args.results)
