"""A branch's availability kept beside the client: searches answered from a database, with no request.

    from pexip_engage_client import Candidates, PexipEngage
    from pexip_engage_client.availability import AvailabilityStore

    async with PexipEngage("acme", client_id="...", client_secret="...") as engage:
        async with AvailabilityStore("sqlite:///availability.db", client=engage) as store:
            team = await engage.availability.team_free_busy("branch-1", start=..., end=..., store=store)
            booked = await engage.availability.book_first(Candidates.from_team(team, 30), body, store=store)

`SyncAvailabilityStore` is the same store for `SyncPexipEngage`: `with store:`, `store.catch_up()`.
The guide: docs/booking.md, "Booking at bank scale".
"""

from ._store import AvailabilityStore
from ._sync._store import SyncAvailabilityStore

__all__ = ["AvailabilityStore", "SyncAvailabilityStore"]
