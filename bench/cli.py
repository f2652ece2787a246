"""Start-up of the `pexip-engage` command line, as ratios to a bare interpreter's (`python -c pass`).

    python -m bench.cli [--python PY] [--rounds 15] [--warmup 2] [--results PATH]

Each round runs every command once, in an interleaved order (so that drift in the machine's load
falls on all of them alike), after warm-up rounds; the figures are medians with the spread between
the quartiles. Measured: `--help`, a group's help, one call of an operation against the fake API
(served in this process on loopback, so that what is timed is the command line's own start-up,
the client's import, a token request and one exchange, with client credentials as against `fake
serve --client`), the floor of such a call (one GET sent through httpx2's AsyncClient alone, with an
attrs class and argparse loaded: what a client on httpx2's pool could not go below), and the same
`--help` through `python -m pexip_engage_client`, which imports the whole client first. With
`--python` of a venv that has the package installed, its `pexip-engage` console script is timed too.

One run with the defaults: 2 warm-up rounds, then 15 counted rounds of every command once (each
a fresh interpreter), which keeps the module near half a minute. `--results` records, per command,
its wall-clock and CPU time against `python -c pass` in the same rounds (the ratios' spread is
over the per-round ratios, lowest to highest).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ._harness import add_results_argument, record, row

ROOT = Path(__file__).resolve().parent.parent
RUN = "from pexip_engage_cli import _script; _script()"
# The floor of a call: one GET as plainly as httpx2 sends it (httpx2 loads its own command line
# only when called), an attrs class and argparse, without the client.
FLOOR = """
import argparse, asyncio, attrs, json, msgspec, ssl, sys, uuid, httpx2
@attrs.define
class Item:
    id: str
async def main(url):
    async with httpx2.AsyncClient(verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)) as client:
        print(Item(str((await client.get(url, headers={"Authorization": "Bearer t"})).json())))
asyncio.run(main(sys.argv[1]))
"""


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock seconds, and the CPU seconds (user + system) the process used: on a loaded machine
    the second moves much less with what else is running."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(python: str, rounds: int, warmup: int, results: Path | None) -> None:
    fake = FakePexipEngage()
    fake.add_employee(id="e1")
    fake.add_client("bench", "bench-secret")  # as `fake serve --client bench:bench-secret` does
    with serve(fake) as root:
        # Byte-compiled, as an installed package is: without it every run would compile the sources.
        environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
        env = {
            **environment,
            "PEXIP_ENGAGE_ENTERPRISE": "acme",
            "PEXIP_ENGAGE_BASE_URL": root,
            # Client credentials, as against `fake serve --client`: a call requests a token first.
            "PEXIP_ENGAGE_AUTH_URL": root,
            "PEXIP_ENGAGE_CLIENT_ID": "bench",
            "PEXIP_ENGAGE_CLIENT_SECRET": "bench-secret",
        }
        commands: dict[str, list[str]] = {
            "python -c pass": [python, "-c", "pass"],
            # The floor of any argparse command line that reads a JSON table: its imports alone.
            "python -c 'import argparse, json'": [python, "-c", "import argparse, json"],
            # What the console script runs (pip's wrapper adds `import re`, which argparse imports anyway).
            "pexip-engage --help": [python, "-c", RUN, "--help"],
            "python -m pexip_engage_cli --help": [python, "-m", "pexip_engage_cli", "--help"],
            "pexip-engage employees --help": [python, "-c", RUN, "employees", "--help"],
            "pexip-engage employees get-employees --help": [python, "-c", RUN, "employees", "get-employees", "--help"],
            "pexip-engage employees get-employee-by-id e1": [
                python,
                "-c",
                RUN,
                "employees",
                "get-employee-by-id",
                "e1",
                "-o",
                "json",
            ],
            "floor of a call: one httpx2 GET, attrs, argparse": [
                python,
                "-c",
                FLOOR,
                f"{root}/enterprises/acme/employees/e1",
            ],
            "python -m pexip_engage_client --help": [python, "-m", "pexip_engage_client", "--help"],
        }
        script = Path(python).parent / "pexip-engage"
        if script.is_file():
            commands["console script pexip-engage --help"] = [str(script), "--help"]
        samples: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        names = list(commands)
        for round_number in range(warmup + rounds):
            # Rotated each round: no command always runs right after the same one.
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                seconds, cpu_seconds = _run(commands[name], env)
                if round_number >= warmup:
                    samples[name].append(seconds)
                    cpu[name].append(cpu_seconds)
    base = statistics.median(samples["python -c pass"])
    cpu_base = statistics.median(cpu["python -c pass"])
    print(f"pexip-engage start-up, {rounds} interleaved rounds after {warmup} of warm-up ({python})")
    print(f"{'command':48} {'wall median':>11} {'quartiles':>18} {'ratio':>7} {'CPU median':>11} {'ratio':>7}")
    for name, values in samples.items():
        low, _, high = statistics.quantiles(values, n=4)
        median, cpu_median = statistics.median(values), statistics.median(cpu[name])
        print(
            f"{name:48} {median * 1000:8.1f} ms {low * 1000:7.1f}-{high * 1000:6.1f} ms {median / base:6.2f}x"
            f" {cpu_median * 1000:8.1f} ms {cpu_median / cpu_base:6.2f}x"
        )
    rows = []
    for case, measured in (("start-up, wall clock", samples), ("start-up, CPU time (user + system)", cpu)):
        milliseconds = {name: [value * 1000 for value in values] for name, values in measured.items()}
        bare = milliseconds.pop("python -c pass")
        rows.append(row("cli", case, "python -c pass", "ms", bare))
        rows += [
            row("cli", case, name, "ms", values, baseline="python -c pass", baseline_values=bare)
            for name, values in milliseconds.items()
        ]
    record(results, "cli", rows)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--python", default=sys.executable, help="the interpreter (its venv's package) to time")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    add_results_argument(parser)
    arguments = parser.parse_args()
    main(arguments.python, arguments.rounds, arguments.warmup, arguments.results)
