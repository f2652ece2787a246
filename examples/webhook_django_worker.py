"""The webhook worker's module for a Django project: `pexip-engage webhooks worker webhook_django_worker:receiver`.

A worker process runs no WSGI or ASGI entry point, so nothing has set Django up for it: its module
calls `django.setup()` (the app registry, the ORM, and LOGGING applied) before it imports the
module whose handlers use models. Run as a script, it works the events of the example project's
store for a second, as `pexip-engage webhooks worker` would until SIGTERM.
"""

import asyncio

# --8<-- [start:module]
import django

# In your project, as manage.py does: os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings").
# This example's settings are configured by the one-file project it imports.
import webhook_django  # noqa: F401 - its settings.configure(), in this one-file example

django.setup()  # before anything imports a model

from webhook_django import receiver  # noqa: E402 - your module with the receiver and its handlers

# --8<-- [end:module]


async def work_for_a_second() -> None:
    worker = asyncio.create_task(receiver.run_worker(stop_signals=False))
    await asyncio.sleep(1)
    worker.cancel()
    await asyncio.gather(worker, return_exceptions=True)
    print(f"worked the store for a second; parked now: {len(receiver.failed_sync())}")


if __name__ == "__main__":
    asyncio.run(work_for_a_second())
