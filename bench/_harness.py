"""Shared benchmark plumbing: a server subprocess on a free loopback port, and the results file."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TypedDict

import httpx2


def free_port() -> int:
    """A loopback port that nothing listens on now, to start a server on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_serving(url: str, process: subprocess.Popen[bytes], what: str) -> None:
    """Return once `url` answers (any status); RuntimeError if `process` exits or 20 s pass first."""
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx2.get(url, timeout=1)
            return
        except httpx2.TransportError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"{what} did not start") from None
            time.sleep(0.05)


@contextlib.contextmanager
def server(latency: float, items: int) -> Iterator[str]:
    """Run bench/_server.py in its own process; yield its root URL."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "bench._server", str(port), str(latency), str(items)])
    root = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(f"{root}/enterprises/bench/appointments/1", process, "the benchmark server")
        yield root
    finally:
        process.terminate()
        process.wait(timeout=10)


# The results file (docs/benchmarks/results.json): every bench module that is given `--results PATH`
# adds its rows through `record`, so that one `make bench` run leaves one file that
# scripts/generate/bench_charts.py draws and docs/benchmarks.md tabulates. Its format:
#   {"date", "commit", "python", "machine", "rows": [Row, ...]}
# where a row is one client in one case of one suite; `ratio` is value / baseline_value (the medians
# of the same rounds), `ratio_spread` the lowest and highest of the per-round ratios, and a row with
# no peer to compare with has `baseline`, `baseline_value`, `ratio` and `ratio_spread` null.


class Row(TypedDict):
    suite: str
    case: str
    client: str
    baseline: str | None
    unit: str
    higher_is_better: bool
    value: float
    baseline_value: float | None
    ratio: float | None
    ratio_spread: list[float] | None


def row(
    suite: str,
    case: str,
    client: str,
    unit: str,
    values: list[float],
    *,
    higher_is_better: bool = False,
    baseline: str | None = None,
    baseline_values: list[float] | None = None,
    ratios: list[float] | None = None,
) -> Row:
    """One result row from the per-round samples of a client (and of its baseline, measured in the same rounds).

    `ratios` are the per-round ratios when the benchmark computes them itself (for instance against
    the baseline's runs just before and after); by default each round's value over the baseline's.
    """
    value = statistics.median(values)
    if baseline is None or baseline_values is None:
        return Row(
            suite=suite,
            case=case,
            client=client,
            baseline=None,
            unit=unit,
            higher_is_better=higher_is_better,
            value=_rounded(value),
            baseline_value=None,
            ratio=None,
            ratio_spread=None,
        )
    if ratios is None:
        ratios = [mine / theirs for mine, theirs in zip(values, baseline_values, strict=True)]
    return Row(
        suite=suite,
        case=case,
        client=client,
        baseline=baseline,
        unit=unit,
        higher_is_better=higher_is_better,
        value=_rounded(value),
        baseline_value=_rounded(statistics.median(baseline_values)),
        ratio=round(statistics.median(ratios), 3),
        ratio_spread=[round(min(ratios), 3), round(max(ratios), 3)],
    )


def _rounded(value: float) -> float:
    return float(f"{value:.4g}")


def add_results_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--results", type=Path, help="add this run's rows to this results file (JSON)")


def record(path: Path | None, suite: str, rows: list[Row]) -> None:
    """Put `rows` into the results file at `path` as the rows of `suite`, replacing that suite's earlier ones.

    The file is created when missing, with the date, the commit measured, the Python and the
    machine; `make bench` removes it first, so that one run's rows are never mixed with another's.
    """
    if path is None:
        return
    if path.exists():
        results = json.loads(path.read_text())
    else:
        results = {
            "date": datetime.date.today().isoformat(),
            "commit": _commit(),
            "python": platform.python_version(),
            "machine": _machine(),
            "rows": [],
        }
    results["rows"] = [kept for kept in results["rows"] if kept["suite"] != suite] + list(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1) + "\n")


def _commit() -> str:
    """The commit measured, with "-dirty" when the working tree differs from it.

    What `make bench` writes (docs/benchmarks/, which it empties first, and the page
    docs/benchmarks.md, whose tables it rewrites) does not count: it differs from the commit's by
    design, from the second run on.
    """
    root = Path(__file__).resolve().parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],  # noqa: S607 - git from PATH, as make runs it
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
        ).stdout.strip()
        # Only what a run of make bench leaves changed: its results, and the page it rewrites.
        written = [":!docs/benchmarks", ":!docs/benchmarks.md"]
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", *written],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
            cwd=root.parent,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}-dirty" if changed else head


def _machine() -> str:
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} cores, {model}"
