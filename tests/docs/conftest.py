"""The documentation site, built once per run exactly as `make docs` builds it (strictly)."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

import pytest

from ..support.docs_site import build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built by the first process of the run that asks, into the run's own temporary folder; the other
    pytest-xdist workers wait on its lock and read the same site (and the same outcome, a failure too).

    Once per run, not per worker: a build is about 18 s of a core, and it writes docs/operations/ in
    the repository, which two workers must not write at once. pytest-xdist's `xdist_group` would keep
    the modules on one worker, but it has no effect with this pytest (its worker rewrites a test's
    private `_nodeid`, which pytest 9.2 no longer reads: pytest-xdist issue 1386), so it cannot be
    relied on for either.
    """
    run = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # a worker's folder is in the run's (pytest-xdist's recipe)
        run = run.parent
    folder, outcome = run / "site", run / "site-build.json"
    with (run / "site-build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # let go when the file closes
        if not outcome.exists():
            built = build_site(folder)
            outcome.write_text(json.dumps([built.returncode, built.stdout, built.stderr]), encoding="utf-8")
    returncode, stdout, stderr = json.loads(outcome.read_text(encoding="utf-8"))
    assert returncode == 0, f"mkdocs build --strict failed:\n{stdout}\n{stderr}"
    return folder
