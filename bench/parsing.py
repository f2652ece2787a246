"""Bytes to models: the documented appointment, a page of 1,000 appointments, a page of 1,000 employees.

    python -m bench.parsing [--rounds 9] [--budget 0.2]

For each payload every parser gets the same bytes: json.loads and msgspec alone (decoding only, for
scale), the client as installed (msgspec into the typed form, `_decode.parse_body`, the code a
call runs), the client without msgspec as a vendored copy may run (json.loads, then the lenient
`from_dict`), and pydantic v2's `model_validate_json` on equivalent models. Times are CPU time
(`time.process_time`, so that other processes on the machine count less), per parse; the parsers
take turns over several rounds, and the median and the spread (lowest to highest round) are printed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from pexip_engage_client._decode import parse_body
from pexip_engage_client._runtime import Returns
from pexip_engage_client.models import AppointmentList, AppointmentResponse, EmployeeList

from . import _pydantic_models as pydantic_models
from ._harness import add_results_argument, record, row
from ._payloads import APPOINTMENT, APPOINTMENT_PAGE, EMPLOYEE_PAGE

PYDANTIC = "pydantic v2 model_validate_json"
TYPED = "pexip_engage_client (msgspec)"
PURE = "pexip_engage_client without msgspec (from_dict)"
PAYLOADS: dict[str, tuple[bytes, Any, Any]] = {
    "documented appointment": (APPOINTMENT, AppointmentResponse, pydantic_models.AppointmentResponse),
    "1,000-appointment page": (APPOINTMENT_PAGE, AppointmentList, pydantic_models.AppointmentList),
    "1,000-employee page": (EMPLOYEE_PAGE, EmployeeList, pydantic_models.EmployeeList),
}


def parsers(content: bytes, model: Any, pydantic_model: Any) -> dict[str, Callable[[], object]]:
    returns = Returns.model_of(model)
    return {
        "json.loads (decoding only)": lambda: json.loads(content),
        "msgspec.json.decode (decoding only)": lambda: msgspec.json.decode(content),
        TYPED: lambda: parse_body(content, returns),
        PURE: lambda: model.from_dict(json.loads(content)),
        PYDANTIC: lambda: pydantic_model.model_validate_json(content),
    }


def cpu_seconds_per_call(parse: Callable[[], object], calls: int) -> float:
    started = time.process_time()
    for _ in range(calls):
        parse()
    return (time.process_time() - started) / calls


def measure(content: bytes, model: Any, pydantic_model: Any, rounds: int, budget: float) -> dict[str, list[float]]:
    contenders = parsers(content, model, pydantic_model)
    assert contenders[TYPED]() == contenders[PURE](), "the typed path and the pure-Python path built different models"
    # Warm-up, and a number of calls per round that takes about `budget` seconds for each parser.
    calls = {
        name: max(1, int(budget / max(cpu_seconds_per_call(parse, 3), 1e-7))) for name, parse in contenders.items()
    }
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, parse in contenders.items():
            samples[name].append(cpu_seconds_per_call(parse, calls[name]))
    return samples


def report(title: str, size: int, samples: dict[str, list[float]]) -> None:
    medians = {name: statistics.median(times) for name, times in samples.items()}
    pydantic = medians[PYDANTIC]
    loads = medians["json.loads (decoding only)"]
    print(f"\n{title} ({size:,} bytes): CPU time per parse, median of {len(next(iter(samples.values())))} rounds")
    print(f"  {'parser':<50}{'median':>11}{'spread':>22}{'vs json.loads':>15}{'vs pydantic':>13}")
    for name, times in samples.items():
        spread = f"{_duration(min(times))}-{_duration(max(times))}"
        print(
            f"  {name:<50}{_duration(medians[name]):>11}{spread:>22}"
            f"{medians[name] / loads:>14.2f}x{medians[name] / pydantic:>12.2f}x"
        )


def _duration(seconds: float) -> str:
    return f"{seconds * 1e6:.1f} us" if seconds < 1e-3 else f"{seconds * 1e3:.2f} ms"


def main(rounds: int, budget: float, results: Path | None) -> None:
    rows = []
    for title, (content, model, pydantic_model) in PAYLOADS.items():
        samples = measure(content, model, pydantic_model, rounds, budget)
        report(title, len(content), samples)
        case = f"{title} ({len(content):,} bytes), CPU time per parse"
        for name, times in samples.items():
            micros = [seconds * 1e6 for seconds in times]
            if name == PYDANTIC:
                rows.append(row("parsing", case, name, "us", micros))
            else:
                pydantic = [seconds * 1e6 for seconds in samples[PYDANTIC]]
                rows.append(row("parsing", case, name, "us", micros, baseline=PYDANTIC, baseline_values=pydantic))
    record(results, "parsing", rows)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--budget", type=float, default=0.2, help="CPU seconds per parser per round")
    add_results_argument(parser)
    args = parser.parse_args()
    main(args.rounds, args.budget, args.results)
