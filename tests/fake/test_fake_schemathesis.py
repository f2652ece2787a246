"""schemathesis, a third party, checks the fake API served on loopback against openapi.yaml.

Every operation gets generated requests, valid and invalid (fixed seed, bounded examples), with
all of schemathesis's checks: status codes, content types and response schemas as documented,
no server errors, invalid data refused, authentication enforced, undeclared methods answered 405.
The one setting it is given (`tests/schemathesis.toml`): a schema-valid request may be refused
with a documented 422 business error, or with the fake's 400 for what it refuses beyond the spec.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._resources import collections
from pexip_engage_client.testing._server import serve
from pexip_engage_client.testing._spec import spec

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "pexip_engage_client" / "_generated" / "openapi.json"
TOKEN = "schemathesis-token"
EXAMPLES_PER_OPERATION = 5
SEED = 20261122


# `slow` too (about 70 s, among the longest of `make test`): pytest-xdist's workers take the slow tests
# first (tests/conftest.py), so that it never starts last and holds one worker after the others ran dry
# (unmarked, it started three quarters into the run). The `schemathesis` marker keeps it to the main Python, as before.
@pytest.mark.schemathesis
@pytest.mark.soak  # a long randomized run
def test_schemathesis_finds_nothing_wrong_with_the_fake(tmp_path: Path) -> None:
    # Unlimited traffic: schemathesis sends thousands of requests a minute, to test the API's rules
    # (the documented limits would answer most of them 429).
    fake = FakePexipEngage(enterprise="acme", max_in_flight=None, per_minute=None)
    fake.add_token(TOKEN)
    # Something to find: an item `1234` (the spec's example id) in every collection, nested ones too.
    for collection in sorted(collections()):
        fake.add(collection.replace("{}", "1234"), id="1234")
    with serve(fake) as root:
        command = [
            str(Path(sys.executable).parent / "schemathesis"),
            "--config-file",
            str(ROOT / "tests" / "schemathesis.toml"),
            "run",
            str(SPEC),
            "--url",
            f"{root}/enterprises/acme",
            "--header",
            f"Authorization: Bearer {TOKEN}",
            "--checks",
            "all",
            "--max-examples",
            str(EXAMPLES_PER_OPERATION),
            "--seed",
            str(SEED),
            "--workers",
            "1",
            "--max-failures",
            "50",
            "--no-color",
        ]
        # Run from a scratch directory: schemathesis keeps a cache in the working directory.
        result = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False, cwd=tmp_path)
    summary = result.stdout[-20000:]
    print(summary[summary.find("SUMMARY") :])  # the figures, for `pytest -s`
    assert result.returncode == 0, summary
    assert f"Tested: {len(spec().operations)}" in summary
