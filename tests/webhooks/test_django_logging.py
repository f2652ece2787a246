"""What docs/webhooks.md says of Django's LOGGING and the worker's log lines, tried in a real Django."""

from __future__ import annotations

import subprocess
import sys

import pytest

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
_DOCUMENTED = (
    '{"version": 1, "disable_existing_loggers": False, "handlers": {"console": {"class": "logging.StreamHandler"}},'
    ' "loggers": {"pexip_engage_client": {"handlers": ["console"], "level": "INFO"}}}'
)


@pytest.mark.parametrize(
    ("logging_setting", "printed"),
    [
        ('{"version": 1}', "True False False"),  # a LOGGING without the flag: the worker's logger is off
        (_DOCUMENTED, "False True True"),  # the one the page shows: on, at INFO, with a handler
    ],
)
def test_a_logging_setting_without_the_flag_silences_the_worker_and_the_documented_one_does_not(
    logging_setting: str, printed: str
) -> None:
    probe = _PROBE.replace("{logging_setting}", logging_setting)
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == printed.split()
