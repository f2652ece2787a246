"""httpx's own command line is loaded when called, not with the client (`_senders/_httpx_main.py`),
on the httpx it was written for; on another release httpx imports it itself. Each in a fresh
interpreter, as the stand-in must be registered before httpx first runs."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from ..support.spec import ROOT

# What httpx's command line loads (its `cli` extra): the stand-in matters, and can be seen, only
# where they are installed, as in the development venv; the floors' venv has none of them.
pytestmark = pytest.mark.skipif(
    any(importlib.util.find_spec(name) is None for name in ("click", "rich")),
    reason="httpx's command line needs click and rich (httpx[cli]), not installed here",
)

PROBE = """
import json, sys
import pexip_engage_client
engage = pexip_engage_client.PexipEngage("acme", token="t", base_url="http://127.0.0.1:9")  # httpx runs now
import httpx
loaded = sorted(name for name in ("click", "rich", "pygments") if name in sys.modules)
print(json.dumps({"loaded": loaded, "file": getattr(sys.modules["httpx._main"], "__file__", None),
                  "version": httpx.__version__}))
"""


def probe(*paths: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([*paths, str(ROOT)])}
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=env)
    result: dict[str, object] = json.loads(run.stdout)
    return result


def click_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("click") is not None


def test_the_client_leaves_httpxs_command_line_unloaded_until_it_is_called() -> None:
    result = probe()
    assert result["loaded"] == []
    assert result["file"] is None  # the stand-in
    if not click_installed():
        return
    called = subprocess.run(
        [sys.executable, "-c", "import pexip_engage_client, httpx; httpx.main(['--help'])"],
        capture_output=True, text=True, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert called.returncode == 0, called.stderr
    assert "Usage: httpx" in called.stdout  # httpx's own command line, loaded and run when called


@pytest.mark.skipif(not click_installed(), reason="httpx loads its command line's modules only with click installed")
def test_an_httpx_release_it_does_not_know_imports_its_command_line_itself(tmp_path: Path) -> None:
    copy = tmp_path / "httpx"
    shutil.copytree(Path(httpx.__file__).parent, copy)
    (copy / "__version__.py").write_text('__title__ = "httpx"\n__description__ = "x"\n__version__ = "0.99.0"\n')
    result = probe(str(tmp_path))
    assert result["version"] == "0.99.0"
    loaded = result["loaded"]
    assert isinstance(loaded, list)
    assert "click" in loaded  # httpx's public path: its __init__ imported its command line
    assert str(result["file"]).startswith(str(copy))
