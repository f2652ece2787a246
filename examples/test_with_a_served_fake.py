"""A seeded fake, slow like a distant server, served over HTTP for code that is not in the test's
process, as `pytest examples/test_with_a_served_fake.py` runs it (pytest only: the test is sync)."""

import threading
import time

from pexip_engage_client import SyncPexipEngage
from pexip_engage_client.testing import FakePexipEngage


def open_slots(base_url: str, listing_id: str) -> list[str]:
    """The code under test, run elsewhere (here a thread; a Celery or gunicorn worker just the same)."""
    with SyncPexipEngage("acme", token="test", base_url=base_url) as engage:
        return [slot.start_time for slot in engage.listings.get_listing_time_slots(listing_id) if slot.bookable]


def test_a_worker_reads_the_seeded_slots_over_http() -> None:
    # --8<-- [start:seed]
    fake = FakePexipEngage(latency=0.05)  # every answer held back 50 ms
    listing = fake.add_listing(externalId="SPRING-OPEN-DAY")
    fake.add_listing_time_slot(listing["id"], date="2030-04-02", startTime="09:00", endTime="10:00")
    fake.add_listing_time_slot(listing["id"], date="2030-04-02", startTime="10:00", endTime="11:00", bookable=False)
    fake.seed({"employees": [{"id": "e1", "first_name": "Ada"}], "contexts": [{"externalId": "CTX-1"}]})
    # --8<-- [end:seed]

    # --8<-- [start:serve]
    found: list[list[str]] = []
    with fake.serve() as base_url:  # "http://127.0.0.1:<a free port>", until the block ends
        worker = threading.Thread(target=lambda: found.append(open_slots(base_url, listing["id"])))
        started = time.monotonic()
        worker.start()
        worker.join(timeout=30)
    assert found == [["09:00"]]
    assert time.monotonic() - started >= 0.05  # the latency
    assert [call.operation_id for call in fake.calls] == ["getListingTimeSlots"]
    # --8<-- [end:serve]
