"""`make check`'s selection (`pytest --quick`): every test function, but a parametrized one by its first
and last case only.

The quick loop runs every test function, so a slip in any promise fails at least one case; the other
cases (each operation, each time-zone transition, each sender stack between the first and the last)
are `make test`'s. The first and the last rather than a random draw, so that every run selects the same.
"""

from __future__ import annotations

import pytest


def add_option(parser: pytest.Parser) -> None:
    parser.addoption(
        "--quick",
        action="store_true",
        help="make check's selection: a parametrized test's first and last case only",
    )


@pytest.hookimpl(trylast=True)  # after `-m` selects: the cases kept are among those it left
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--quick"):
        return
    cases: dict[tuple[str, str], list[pytest.Item]] = {}
    for item in items:
        name = item.originalname if isinstance(item, pytest.Function) else item.name
        cases.setdefault((item.path.as_posix(), name), []).append(item)
    kept = {id(case) for group in cases.values() for case in (group[0], group[-1])}
    config.hook.pytest_deselected(items=[item for item in items if id(item) not in kept])
    items[:] = [item for item in items if id(item) in kept]
