"""Provisioning's public errors cross process boundaries as themselves (a Celery task, a process pool)."""

from __future__ import annotations

import pickle

import pytest

from pexip_engage_client.provisioning import ApplyLockedError, DirectoryError, PlanRefusedError

HOLDER = {"pid": 4242, "host": "batch-1", "since": "2026-11-27T09:00:00+00:00", "enterprise": "acme"}


@pytest.mark.parametrize(
    "error",
    [
        ApplyLockedError("another apply of enterprise 'acme' is running: process 4242 on batch-1", HOLDER),
        PlanRefusedError("the plan updates or removes 7 of 20 managed employees (35%)"),
        DirectoryError("hr.csv: no column externalId (the key; or choose another with {0}=)", "key"),
    ],
)
def test_each_error_pickles_as_itself(error: Exception) -> None:
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes, as a process pool sends them
    assert (type(copy), str(copy), vars(copy)) == (type(error), str(error), vars(error))
