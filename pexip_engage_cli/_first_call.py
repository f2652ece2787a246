"""A long-running command's first call to Engage: credentials or an enterprise refused end it at once.

`mirror run` and `webhooks worker --reconcile-every` would otherwise keep running after one warning,
retrying a catch-up that can never succeed, while a service manager sees a process alive. So before
they settle in, one read of one appointment: refused for who asks (401, 403) or for the enterprise (404
on the enterprise's own listing), the command exits 1 naming the enterprise and the credentials used
(never their values), and a restart loop shows. Any other failure (Engage or the network down) is left
to the command's own retries: it may pass.
"""

from __future__ import annotations

from typing import Any

from ._exit import FAILURE, CommandError


async def refused_at_start(engage: Any, command: str) -> None:
    """Read one appointment with `engage`; `CommandError` (exit 1) when Engage refuses who asks or the enterprise."""
    from pexip_engage_client import errors  # noqa: PLC0415 - the client loads to run

    try:
        await engage.appointments.get_appointments(limit=1)
    except (errors.AuthenticationError, errors.PermissionDeniedError, errors.NotFoundError) as exc:
        raise CommandError(
            f"{command}: Engage refused its first call, for enterprise {engage.enterprise!r} with the credentials"
            f" given (PEXIP_ENGAGE_TOKEN, or the client id and secret): {exc}",
            FAILURE,
        ) from None
    except Exception:  # noqa: S110 - down or slow: the command's own retries see to it
        pass
