"""Bytes to models: the documented appointment, a page of 1,000 appointments, a page of 1,000 employees.

    python -m bench.parsing [--rounds 9] [--budget 0.2] [--before REF]

For each payload every parser gets the same bytes: json.loads and msgspec alone (decoding only, for
scale), the client as installed (msgspec into the typed form, `_decode.parse_body`, the code a
call runs), the client without msgspec as a vendored copy may run (json.loads, then the lenient
`from_dict`), and pydantic v2's `model_validate_json` on equivalent models. Times are CPU time
(`time.process_time`, so that other processes on the machine count less), per parse; the parsers
take turns over several rounds, and the median and the spread (lowest to highest round) are printed.

With `--before REF` (a commit, such as `main`), the package as it was at REF is extracted into a
temporary folder under another name (it imports itself only relatively) and its `parse_body` takes
turns with today's on the same bytes, in the same rounds: the change's cost on conforming answers.
Answers unlike openapi.yaml (issue 67) are measured too: the appointment and the page with one
field of another type (in one item of the page), read leniently as a client reads them (its
differences recorded), beside the conforming answer's parse.
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from pexip_engage_client._drift._recorder import AnswerRecorder
from pexip_engage_client._drift._spec_drift import SpecDrift
from pexip_engage_client._pipeline._decode import Reading, parse_body
from pexip_engage_client._runtime import Returns
from pexip_engage_client.models import AppointmentList, AppointmentResponse, EmployeeList

from . import _pydantic_models as pydantic_models
from ._harness import add_results_argument, record, row
from ._payloads import APPOINTMENT, APPOINTMENT_PAGE, EMPLOYEE_PAGE, encode

PYDANTIC = "pydantic v2 model_validate_json"
TYPED = "pexip_engage_client (msgspec)"
PURE = "pexip_engage_client without msgspec (from_dict)"
PAYLOADS: dict[str, tuple[bytes, Any, Any]] = {
    "documented appointment": (APPOINTMENT, AppointmentResponse, pydantic_models.AppointmentResponse),
    "1,000-appointment page": (APPOINTMENT_PAGE, AppointmentList, pydantic_models.AppointmentList),
    "1,000-employee page": (EMPLOYEE_PAGE, EmployeeList, pydantic_models.EmployeeList),
}


BEFORE = "pexip_engage_client (msgspec), before"
DRIFTING = "pexip_engage_client (msgspec), one field unlike the spec"
_before: Any = None  # the package at --before REF, when asked for


def parsers(content: bytes, model: Any, pydantic_model: Any) -> dict[str, Callable[[], object]]:
    returns = Returns.model_of(model)
    contenders: dict[str, Callable[[], object]] = {
        "json.loads (decoding only)": lambda: json.loads(content),
        "msgspec.json.decode (decoding only)": lambda: msgspec.json.decode(content),
        TYPED: lambda: parse_body(content, returns),
        PURE: lambda: model.from_dict(json.loads(content)),
        PYDANTIC: lambda: pydantic_model.model_validate_json(content),
    }
    if _before is not None:
        old_returns = _before.Returns.model_of(getattr(_before.models, model.__name__))
        contenders[BEFORE] = lambda: _before.parse_body(content, old_returns)
    drifting = _drifting(content)
    template = "/employees" if model.__name__.startswith("Employee") else "/appointments"
    drift = SpecDrift()
    reading = Reading(strict=False, method="get", template=template, answers=AnswerRecorder(lambda: drift))
    contenders[DRIFTING] = lambda: parse_body(drifting, returns, reading)
    return contenders


def _drifting(content: bytes) -> bytes:
    """The same answer with one field of another JSON type: `hybrid` (a boolean) as 0, in the one
    appointment or the page's 500th; an employee page's 500th `onlinePlanning` (a boolean) as 0."""
    document = json.loads(content)
    data = document["data"]
    item = data[len(data) // 2] if isinstance(data, list) else data
    field = "hybrid" if "hybrid" in item else "onlinePlanning"
    item[field] = 0
    return encode(document)  # as the conforming answer is written: they differ in that field alone


def load_before(ref: str) -> Any:
    """The package as it was at `ref`, imported as `pexip_engage_client_before` from a temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="bench-before-"))
    command = ["git", "archive", ref, "pexip_engage_client"]
    archive = subprocess.run(command, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    (folder / "pexip_engage_client").rename(folder / "pexip_engage_client_before")
    sys.path.insert(0, str(folder))
    package = importlib.import_module("pexip_engage_client_before")
    decode = importlib.import_module("pexip_engage_client_before._decode")
    runtime = importlib.import_module("pexip_engage_client_before._runtime")
    return type(
        "Before",
        (),
        {"parse_body": staticmethod(decode.parse_body), "Returns": runtime.Returns, "models": package.models},
    )


def cpu_seconds_per_call(parse: Callable[[], object], calls: int) -> float:
    started = time.process_time()
    for _ in range(calls):
        parse()
    return (time.process_time() - started) / calls


def measure(content: bytes, model: Any, pydantic_model: Any, rounds: int, budget: float) -> dict[str, list[float]]:
    contenders = parsers(content, model, pydantic_model)
    assert contenders[TYPED]() == contenders[PURE](), "the typed path and the pure-Python path built different models"
    drifting: Any = contenders[DRIFTING]()
    assert isinstance(drifting, model), "an answer unlike the spec was not returned"
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
    print(f"  {'parser':<58}{'median':>11}{'spread':>22}{'vs json.loads':>15}{'vs pydantic':>13}")
    for name, times in samples.items():
        spread = f"{_duration(min(times))}-{_duration(max(times))}"
        print(
            f"  {name:<58}{_duration(medians[name]):>11}{spread:>22}"
            f"{medians[name] / loads:>14.2f}x{medians[name] / pydantic:>12.2f}x"
        )
    if BEFORE in medians:
        ratios = [after / before for after, before in zip(samples[TYPED], samples[BEFORE], strict=True)]
        ratio = medians[TYPED] / medians[BEFORE]
        print(f"  conforming, after / before: {ratio:.3f}x (rounds {min(ratios):.2f}-{max(ratios):.2f})")
    ratios = [drift / typed for drift, typed in zip(samples[DRIFTING], samples[TYPED], strict=True)]
    ratio = medians[DRIFTING] / medians[TYPED]
    print(f"  unlike the spec / conforming: {ratio:.2f}x (rounds {min(ratios):.2f}-{max(ratios):.2f})")


def _duration(seconds: float) -> str:
    return f"{seconds * 1e6:.1f} us" if seconds < 1e-3 else f"{seconds * 1e3:.2f} ms"


def main(rounds: int, budget: float, results: Path | None, before: str | None = None) -> None:
    global _before  # noqa: PLW0603 - read by parsers()
    _before = load_before(before) if before else None
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
    parser.add_argument("--before", help="a git commit whose parse_body takes turns with today's (e.g. main)")
    add_results_argument(parser)
    args = parser.parse_args()
    main(args.rounds, args.budget, args.results, args.before)
