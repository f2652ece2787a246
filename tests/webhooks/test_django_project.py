"""The Django recipe of docs/webhooks.md in a real Django project, run as its users run it.

A project whose urls import the module that builds the receiver, with its settings given as
functions: `manage.py makemigrations`, `migrate` and `check` run with no webhook setting at all.
With the settings, Django's test client posts a delivery to the WSGI view (which stores it), and
`pexip-engage webhooks worker` on the worker module of the recipe (`django.setup()` first) hands
it to a plain handler that writes through the ORM, its log lines kept by the documented LOGGING;
`pexip-engage webhooks failed` reads the store through the same module.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from pexip_engage_client.testing import appointment_event

# Starts Django's manage.py and a worker process: left out of `make check`.
pytestmark = [pytest.mark.end_to_end, pytest.mark.slow, pytest.mark.main_python_only]

KEY = "django-project-key"

_FILES = {
    "manage.py": """
        import os, sys
        from django.core.management import execute_from_command_line
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
        execute_from_command_line(sys.argv)
    """,
    "mysite/__init__.py": "",
    "mysite/settings.py": """
        import os
        from pathlib import Path
        BASE_DIR = Path(__file__).resolve().parent.parent
        SECRET_KEY = "test-only"
        INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "hooks"]
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
        ROOT_URLCONF = "mysite.urls"
        ALLOWED_HOSTS = ["testserver"]
        DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
        USE_TZ = True
        # The webhook settings exist only where the webhooks run (here: when the test sets them).
        if "ENGAGE_WEBHOOK_STORE" in os.environ:
            ENGAGE_WEBHOOK_STORE = os.environ["ENGAGE_WEBHOOK_STORE"]
            ENGAGE_WEBHOOK_KEY = os.environ["ENGAGE_WEBHOOK_KEY"]
        LOGGING = {
            "version": 1,
            "disable_existing_loggers": False,
            "handlers": {"console": {"class": "logging.StreamHandler"}},
            "loggers": {"pexip_engage_client": {"handlers": ["console"], "level": "INFO"}},
        }
    """,
    "mysite/urls.py": """
        from django.urls import path
        from django.views.decorators.csrf import csrf_exempt
        from django.views.decorators.http import require_POST
        from hooks.views import engage_webhooks
        urlpatterns = [path("engage-webhooks", csrf_exempt(require_POST(engage_webhooks)))]
    """,
    "hooks/__init__.py": "",
    "hooks/models.py": """
        from django.db import models
        class HandledEvent(models.Model):
            event_id = models.CharField(max_length=100, unique=True)
            event_type = models.CharField(max_length=40)
            thread = models.CharField(max_length=100)
    """,
    "hooks/webhooks.py": """
        import threading
        from django.conf import settings
        from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver
        from .models import HandledEvent

        receiver = WebhookReceiver(
            store=lambda: settings.ENGAGE_WEBHOOK_STORE, secret=lambda: settings.ENGAGE_WEBHOOK_KEY
        )

        @receiver.on(AppointmentWebhookEvent)
        def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
            HandledEvent.objects.create(
                event_id=event.id, event_type=event.data.event_type.value, thread=threading.current_thread().name
            )
    """,
    "hooks/views.py": """
        from django.http import HttpResponse
        from .webhooks import receiver

        def engage_webhooks(request):
            answer = receiver.receive_sync(
                request.body, key=request.GET.get("key"), content_type=request.headers.get("Content-Type")
            )
            return HttpResponse(answer.body, status=answer.status, headers=dict(answer.headers))
    """,
    # The worker module, as the recipe shows it.
    "worker.py": """
        import os
        import django
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
        django.setup()
        from hooks.webhooks import receiver  # noqa: E402
    """,
}

_POST = """
from django.test import Client
body = open({body!r}, "rb").read()
answer = Client().post("/engage-webhooks?key={key}", body, content_type="application/json")
print(answer.status_code)
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for name, text in _FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


def _environment(**settings: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ENGAGE_", "DJANGO_"))}
    return {**environment, **settings}


def _manage(project: Path, *argv: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *argv],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _wait_for(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s")
        time.sleep(0.05)


def test_migrate_needs_no_webhook_settings_and_the_worker_runs_plain_handlers_with_the_orm(
    project: Path, tmp_path: Path
) -> None:
    bare = _environment()  # no ENGAGE_WEBHOOK_* setting anywhere
    for argv in (["makemigrations", "hooks"], ["migrate"], ["check"]):
        run = _manage(project, *argv, env=bare)
        assert run.returncode == 0, (argv, run.stdout + run.stderr)

    store = f"sqlite:///{tmp_path}/events.db"
    configured = _environment(ENGAGE_WEBHOOK_STORE=store, ENGAGE_WEBHOOK_KEY=KEY)
    body = tmp_path / "event.json"
    body.write_bytes(appointment_event({"id": "appointment-1"}, "ACCEPT", event_id="event-1"))
    posted = _manage(project, "shell", "-c", _POST.format(body=str(body), key=KEY), env=configured)
    assert posted.stdout.split()[-1:] == ["202"], posted.stdout + posted.stderr

    log = tmp_path / "worker.log"
    with log.open("wb") as stderr:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pexip_engage_cli",
                "webhooks",
                "worker",
                "worker:receiver",
                "--app-dir",
                str(project),
            ],
            cwd=tmp_path,
            env=configured,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:

        def handled() -> list[tuple[str, str, str]]:
            with closing(sqlite3.connect(project / "db.sqlite3")) as database, database:
                return database.execute("SELECT event_id, event_type, thread FROM hooks_handledevent").fetchall()

        _wait_for(lambda: bool(handled()) or worker.poll() is not None, 60)
        assert worker.poll() is None, log.read_text()
        ((event_id, event_type, thread),) = handled()
        assert (event_id, event_type) == ("event-1", "ACCEPT")
        assert thread.startswith("pexip-engage-webhook-handler")  # a plain handler, in the receiver's threads
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=60) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    assert "webhook worker started" in log.read_text()  # the worker's own lines survive Django's LOGGING
    # On call, the worker module names the store too: Django set up, the settings read on first use.
    listed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pexip_engage_cli",
            "webhooks",
            "failed",
            "--receiver",
            "worker:receiver",
            "--app-dir",
            str(project),
            "-o",
            "json",
        ],
        cwd=tmp_path,
        env=configured,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (listed.returncode, listed.stdout.strip()) == (0, "[]"), listed.stderr
    # The module with the handlers, named directly: Django is not set up there, and the error says what to do.
    unset = subprocess.run(
        [
            sys.executable,
            "-m",
            "pexip_engage_cli",
            "webhooks",
            "worker",
            "hooks.webhooks:receiver",
            "--app-dir",
            str(project),
        ],
        cwd=tmp_path,
        env={**configured, "DJANGO_SETTINGS_MODULE": "mysite.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert unset.returncode == 2
    assert "name a module that calls django.setup()" in unset.stderr, unset.stderr
