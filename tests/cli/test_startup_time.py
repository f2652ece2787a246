"""`pexip-engage --help` and `--version` start about as fast as the interpreter (issue 61, point 2).

Both answer without the client, argparse or the command table: `--help` prints the help that
`make generate` wrote, `--version` runs the client's `_version.py` alone (with `os` only). The
issue's bound is 1.3x `python -c pass`. Timed here beside `python -c pass` in interleaved rounds,
best of each: a machine busy with other work slows both alike, and the best of many rounds is
what the programs cost when they get the processor. Each is timed on the wall clock and in CPU
time (user + system, which waiting for a processor does not add to), and the lower of the two
ratios is held to the bound: a spell of load during the floor's best rounds moves one of them only.
The suite's other workers can keep both cores busy for every one of the first rounds (CI once read
1.47x for what measures 1.1x alone), so rounds go on, up to a bound, until the ratios are within
the issue's: a quiet moment comes within it, and a program that costs more never gets under.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.end_to_end]

ROUNDS = 21
MORE_ROUNDS = 200  # at most, while a ratio is above the bound: about 20 s of rounds
# The 1.3x, held by the lower of the wall-clock and CPU ratios (measured on 2 cores shared
# with other test runs: 1.00-1.12x; what --version cost before issue 61: 5.8x).
RATIO = 1.3


def _script() -> str:
    return os.path.join(os.path.dirname(sys.executable), "pexip-engage")


def _ratios(best: dict[str, tuple[float, float]]) -> dict[str, float]:
    """Per command, the lower of its wall-clock and CPU ratios to `python -c pass`'s best."""
    wall_floor, cpu_floor = best["python -c pass"]
    return {name: round(min(wall / wall_floor, cpu / cpu_floor), 2) for name, (wall, cpu) in best.items()}


def _best_times(commands: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
    """Per command, its best wall-clock and its best CPU seconds over the rounds: `ROUNDS`, then more while
    a ratio is above the bound."""
    best = dict.fromkeys(commands, (float("inf"), float("inf")))
    for done_rounds in range(ROUNDS + MORE_ROUNDS):
        if done_rounds >= ROUNDS and max(_ratios(best).values()) <= RATIO:
            break
        for name, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, timeout=30, check=False)
            elapsed = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            assert done.returncode == 0, done.stderr[-2000:]
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            best[name] = (min(best[name][0], elapsed), min(best[name][1], cpu))
    return best


def test_help_and_version_take_at_most_1_3_times_an_empty_interpreter() -> None:
    if not os.path.exists(_script()):
        pytest.skip("the console script is not installed beside this interpreter")
    best = _best_times(
        {
            "python -c pass": [sys.executable, "-c", "pass"],
            "--help": [_script(), "--help"],
            "--version": [_script(), "--version"],
        }
    )
    ratios = _ratios(best)
    assert ratios["--help"] <= RATIO, (ratios, best)
    assert ratios["--version"] <= RATIO, (ratios, best)
