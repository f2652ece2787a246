"""`pexip-engage limits prepare`: settle the shared backend's lease state at deploy, before traffic.

What it does and why (a backend the ensures' turns never used cannot tell its first use from a
lost state): docs/cli.md, "limits prepare". Never prints the password.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from ._arguments import positive_float
from ._exit import CONNECTION, OK, CommandError, missing_extra, shared_failure

if TYPE_CHECKING:
    from ._context import Context

URL_VARIABLE = "PEXIP_ENGAGE_LIMITS"


def configure(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add("--url", default=None, help=f"the shared backend, redis://... or postgresql://... (default: ${URL_VARIABLE})")
    add(
        "--timeout",
        type=positive_float,
        default=None,
        help="the longest timeout the processes' clients use, in seconds (default: the client's, 35 s an attempt)",
    )


def run(options: argparse.Namespace, context: Context) -> int:
    return prepare(options.url or os.environ.get(URL_VARIABLE, ""), options.timeout)


def prepare(url: str, timeout: float | None) -> int:
    """Settle the lease state at `url` for clients of `timeout`; also the last step of `postgres migrate`."""
    import asyncio  # noqa: PLC0415 - the client loads to run

    from pexip_engage_client._base.redaction import redacted_url  # noqa: PLC0415
    from pexip_engage_client._base.shared_urls import is_postgres_url  # noqa: PLC0415
    from pexip_engage_client._leasing import _shared_leases as shared_leases  # noqa: PLC0415
    from pexip_engage_client._leasing._lease import LeaseUnreachableError  # noqa: PLC0415
    from pexip_engage_client._shared import _redis  # noqa: PLC0415

    if not (is_postgres_url(url) or url.partition("://")[0] in _redis.SCHEMES):
        raise CommandError(f"--url must be a redis://, rediss://, unix:// or postgresql:// URL (or set {URL_VARIABLE})")
    shown = redacted_url(url)
    lease = shared_leases.lease_seconds_for(timeout)
    try:
        waited = asyncio.run(shared_leases.prepare_lease_state(url, lease, user="limits prepare"))
    except ImportError as exc:
        raise missing_extra("limits prepare", "postgres" if is_postgres_url(url) else "redis", exc) from None
    except LeaseUnreachableError as exc:  # its text names the backend redacted, never the password
        raise shared_failure(f"preparing {shown} failed", exc, CONNECTION) from None
    except ValueError:  # a URL its client cannot read: its text may quote the URL, so it is not shown
        raise CommandError(f"--url: {shown} is not a URL the backend's client can use") from None
    said = "already settled" if waited == 0 else f"settled after {waited:.1f} s"
    print(f"lease state of {shown}: {said} (a lease of {lease:g} s)")
    return OK
