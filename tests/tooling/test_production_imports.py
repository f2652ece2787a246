"""No test code in production paths (issue 61, point 5): each entry point, run in a fresh interpreter,
loads neither `pexip_engage_client.testing` nor jsonschema.

The fake and its validator are for users' tests; a server in production that loaded them would
carry their start-up cost and their dependencies. Each script below does what the entry point does
at run time (the MCP one builds its server and reads the packaged spec's operations), then prints
the modules it finds loaded that it must not have.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.util import find_spec

import pytest

FORBIDDEN = ("pexip_engage_client.testing", "jsonschema")

ENTRY_POINTS = {
    "the client": "import pexip_engage_client; pexip_engage_client.PexipEngage('acme', token='t')",
    "the command line": (
        "import contextlib, io, pexip_engage_cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    for argv in (['--help'], ['mcp', '--help'], ['--version']):\n"
        "        with contextlib.suppress(SystemExit):\n"
        "            pexip_engage_cli.main(argv)"
    ),
    "the webhook receiver": "import pexip_engage_client.webhooks",
    "the MCP server": (
        "from pexip_engage_client import PexipEngage\n"
        "from pexip_engage_cli._mcp import ServerOptions, build_server, read_only_scopes\n"
        "from pexip_engage_cli._mcp._catalog import catalog\n"
        "assert read_only_scopes() and catalog().get('getAppointmentById').parameters\n"
        "build_server(PexipEngage('acme', token='t'), ServerOptions(allow_writes=True, allow_write_operations=True))"
    ),
}


@pytest.mark.parametrize("name", list(ENTRY_POINTS))
def test_an_entry_point_loads_no_test_code(name: str) -> None:
    if name == "the MCP server" and find_spec("mcp") is None:
        pytest.skip("the mcp extra is not installed")
    report = f"import json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith({FORBIDDEN!r}))))"
    script = ENTRY_POINTS[name] + "\n" + report
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_check_sees_test_code_when_it_is_loaded() -> None:
    # The check itself can fail: the fake's own import is seen.
    script = (
        f"import pexip_engage_client.testing, sys; print(sorted(m for m in sys.modules if m.startswith({FORBIDDEN!r})))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert "pexip_engage_client.testing" in done.stdout
