"""What docs/webhooks.md says of Django's LOGGING and the worker's log lines, tried in a real Django."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from ..support.spec import ROOT

# Each case runs a Django management command in an interpreter of its own (tests/support/spawn_guard.py).
pytestmark = pytest.mark.end_to_end

_PROBE = """
import logging, sys
import django
from django.conf import settings
import pexip_engage_client.webhooks  # as `pexip-engage webhooks worker` does, before the user's module
settings.configure(LOGGING={logging_setting})
django.setup()
logger = logging.getLogger("pexip_engage_client.webhooks")
print(logger.disabled, logger.isEnabledFor(logging.INFO), bool(logger.handlers or logger.parent.handlers))
"""


@pytest.mark.parametrize(
    ("logging_setting", "printed"),
    [
        ('{"version": 1}', "True False False"),  # a LOGGING without the flag: the worker's logger is off
        (None, "False True True"),  # the one the page shows (read from it): on, at INFO, with a handler
    ],
    ids=["without-the-flag", "documented"],
)
def test_a_logging_setting_without_the_flag_silences_the_worker_and_the_documented_one_does_not(
    logging_setting: str | None, printed: str
) -> None:
    probe = _PROBE.replace("{logging_setting}", logging_setting or documented_logging())
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == printed.split()


def documented_logging() -> str:
    """The LOGGING setting docs/webhooks.md shows, as written there."""
    page = (ROOT / "docs" / "webhooks.md").read_text(encoding="utf-8")
    found = re.search(r"```text\nLOGGING = (\{.*?\n\})\n```", page, re.S)
    assert found, "docs/webhooks.md shows no LOGGING setting"
    return found.group(1)


_ONCE_PROBE = """
import logging, sys
import django
from django.conf import settings
LOGGING = {logging_setting}
if {root_handler}:  # a project that prints everything through the root logger as well
    LOGGING["root"] = {{"handlers": ["console"], "level": "WARNING"}}
settings.configure(LOGGING=LOGGING)
django.setup()
from pexip_engage_cli._webhooks_worker import configure_logging
configure_logging("info")  # what `pexip-engage webhooks worker` does once it has the receiver
logging.getLogger("pexip_engage_client.webhooks").warning("worker line %s", 1)
"""


@pytest.mark.parametrize("root_handler", [False, True], ids=["documented", "with-a-root-handler"])
def test_the_documented_logging_prints_each_worker_line_once(root_handler: bool) -> None:
    probe = _ONCE_PROBE.format(logging_setting=documented_logging(), root_handler=root_handler)
    run = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.count("worker line 1") == 1, run.stderr
