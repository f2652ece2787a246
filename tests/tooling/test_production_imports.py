"""No test code in production paths (issue 61, point 5): each entry point, run in a fresh interpreter,
loads neither `pexip_engage_client.testing` nor jsonschema.

The fake and its validator are for users' tests; a server in production that loaded them would
carry their start-up cost and their dependencies. Each script below does what the entry point does
at run time (the MCP one builds its server and reads the packaged spec's operations), then prints
the modules it finds loaded that it must not have. The command line is also run calling an
operation, against the fake served by another process (`pexip-engage fake serve`): the fake is
test code, so it must not run in the interpreter that is checked.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec

import pytest

from ..support.spec import ROOT

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


@pytest.mark.end_to_end
@pytest.mark.parametrize("name", list(ENTRY_POINTS))
def test_an_entry_point_loads_no_test_code(name: str) -> None:
    if name == "the MCP server" and find_spec("mcp") is None:
        pytest.skip("the mcp extra is not installed")
    report = f"import json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith({FORBIDDEN!r}))))"
    script = ENTRY_POINTS[name] + "\n" + report
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


@pytest.mark.end_to_end
def test_the_check_sees_test_code_when_it_is_loaded() -> None:
    # The check itself can fail: the fake's own import is seen.
    script = (
        f"import pexip_engage_client.testing, sys; print(sorted(m for m in sys.modules if m.startswith({FORBIDDEN!r})))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert "pexip_engage_client.testing" in done.stdout


@contextmanager
def _served_fake() -> Iterator[str]:
    """`pexip-engage fake serve --port 0 --token t0ken` in a process of its own; yields its root URL."""
    server = subprocess.Popen(
        [sys.executable, "-m", "pexip_engage_cli", "fake", "serve", "--port", "0", "--token", "t0ken"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert server.stdout is not None
        banner = server.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+)/enterprises/acme", banner)
        assert found, banner
        yield found.group(1)
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=10)


@pytest.mark.end_to_end  # a server process: left out of `make check`
def test_a_command_line_call_loads_no_test_code() -> None:
    with _served_fake() as root:
        script = (
            "import contextlib, io, json, sys, pexip_engage_cli\n"
            "out = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n"
            f"    code = pexip_engage_cli.main(['--enterprise', 'acme', '--base-url', {root!r}, '-o', 'json',\n"
            "                                  'employees', 'get-employees'])\n"
            "assert code == 0 and json.loads(out.getvalue())['meta']['totalCount'] == 0, (code, out.getvalue())\n"
            f"print(json.dumps(sorted(m for m in sys.modules if m.startswith({FORBIDDEN!r}))))"
        )
        variables = {k: v for k, v in os.environ.items() if not k.startswith("PEXIP_ENGAGE_")}
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**variables, "PEXIP_ENGAGE_TOKEN": "t0ken", "PYTHONPATH": str(ROOT)},
        )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
