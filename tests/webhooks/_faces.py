"""The receiver's own two faces, for servers started by tests/webhooks/test_conformance.py: the
store and the key come from ENGAGE_WEBHOOK_STORE and ENGAGE_WEBHOOK_KEY, as in the recipes."""

from __future__ import annotations

import os

from pexip_engage_client.webhooks import WebhookReceiver

receiver = WebhookReceiver(os.environ["ENGAGE_WEBHOOK_STORE"], secret=os.environ["ENGAGE_WEBHOOK_KEY"])
asgi = receiver.asgi_app()
wsgi = receiver.wsgi_app()
