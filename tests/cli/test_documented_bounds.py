"""Every documented bound of a generated command's parameters is checked before anything is sent.

Walked from the command table itself: for each parameter with a minimum, a maximum, a length or a
date format, a value just outside it is a usage error (exit 2) that names the option, and the fake
sees no request at all; the value just inside is accepted by the command line.
"""

from __future__ import annotations

from typing import Any

import pytest

from pexip_engage_cli._table import load, option_name
from pexip_engage_client.testing import FakePexipEngage

from ..support.cli import Cli

# One command line run per bound and a served fake per test: out of `make check`'s quick loop.
pytestmark = pytest.mark.slow

_CASES: list[Any] = []
for _group, _spec in sorted(load().items()):
    for _command, _entry in sorted(_spec["commands"].items()):
        for _parameter in _entry["parameters"]:
            if _parameter["positional"] or _parameter["enum"]:
                continue
            for _keyword in ("minimum", "maximum", "format", "maxLength"):
                if _keyword in _parameter["checks"]:
                    _CASES.append(
                        pytest.param(
                            _group,
                            _command,
                            _entry,
                            _parameter,
                            _keyword,
                            id=f"{_command}-{_parameter['python']}-{_keyword}",
                        )
                    )


def _outside(parameter: dict[str, Any], keyword: str) -> tuple[str, str]:
    """A value just outside the bound and the words the error uses for it."""
    bound = parameter["checks"][keyword]
    if keyword == "minimum":
        return str(bound - 1), f"must be at least {bound}"
    if keyword == "maximum":
        return str(bound + 1), f"must be at most {bound}"
    if keyword == "maxLength":
        return "x" * (bound + 1), f"must be at most {bound} characters long"
    if bound == "date-time":
        return "2030-01-01T09:00:00", "needs a UTC offset"
    return "2030-13-01", "must be a date, YYYY-MM-DD"


def _inside(checks: dict[str, Any]) -> str:
    """A value every check accepts."""
    if "minimum" in checks:
        return str(checks["minimum"])
    return {"date-time": "2030-01-01T09:00:00Z", "date": "2030-01-01"}.get(checks.get("format", ""), "x")


def _required_arguments(entry: dict[str, Any], leave_out: str) -> list[str]:
    words: list[str] = []
    for parameter in entry["parameters"]:
        if parameter["python"] == leave_out or not parameter["required"]:
            continue
        value = (parameter["enum"] or [_inside(parameter["checks"])])[0]
        words += [str(value)] if parameter["positional"] else [option_name(parameter["python"]), str(value)]
    if entry["body"] is not None and entry["body"]["required"]:
        words += ["--body", "{}"]
    return words


def test_the_table_has_bounds_to_check() -> None:
    assert len(_CASES) >= 20  # limit's 1..1000, offsets from 0, dates: a table without them is stale


@pytest.mark.usefixtures("engage_env")
@pytest.mark.parametrize(("group", "command", "entry", "parameter", "keyword"), _CASES)
def test_a_value_outside_a_documented_bound_is_a_usage_error_and_nothing_is_sent(  # noqa: PLR0917 - parametrized
    fake: FakePexipEngage,
    cli: Cli,
    group: str,
    command: str,
    entry: dict[str, Any],
    parameter: dict[str, Any],
    keyword: str,
) -> None:
    value, words = _outside(parameter, keyword)
    option = option_name(parameter["python"])
    run = cli(group, command, *_required_arguments(entry, parameter["python"]), f"{option}={value}")
    assert run.code == 2, run.err
    first = run.err.splitlines()[0]
    assert f"argument {option}: {words}" in first, run.err
    assert parameter["python"] not in first.replace(option, "")  # the option's name, never the Python one
    assert fake.calls == []
    assert fake.token_requests == []
    inside = _inside({keyword: parameter["checks"][keyword]}) if keyword != "maxLength" else "x"
    if keyword == "maximum":
        inside = str(parameter["checks"]["maximum"])
    accepted = cli(group, command, *_required_arguments(entry, parameter["python"]), f"{option}={inside}")
    assert accepted.code in {0, 3}, accepted.err  # 3: the fake's answer (an unknown id), not the command line's
    assert len(fake.calls) == 1
