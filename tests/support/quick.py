"""Representative cases: a parametrized test by its first and last case only.

`make check` runs every quick test function this way (`pytest --quick`), so a slip in any promise fails
at least one case; the other cases (each operation, each time-zone transition, each sender stack between
the first and the last) are `make test`'s. The converted copies of the client's tests (`_sync` folders)
always run this way: the twin checks prove that their code is the conversion of the async tests', which
run every case. The first and the last rather than a random draw, so that every run selects the same.
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
    everywhere = config.getoption("--quick")
    cases: dict[tuple[str, str], list[pytest.Item]] = {}
    for item in items:
        if everywhere or "_sync" in item.path.parts:
            name = item.originalname if isinstance(item, pytest.Function) else item.name
            cases.setdefault((item.path.as_posix(), name), []).append(item)
    left = {id(case) for group in cases.values() for case in group[1:-1]}
    if left:
        config.hook.pytest_deselected(items=[item for item in items if id(item) in left])
        items[:] = [item for item in items if id(item) not in left]
