"""One governor for every request of a client: at most 8 in flight, 20 a second, a retry budget.

Runs offline against the fake API, limited here to 20 requests a second (more are answered 429):
the governor spaces the requests evenly, so none is refused.
"""

import asyncio
import os
import time

# --8<-- [start:imports]
from pexip_engage_client import Governor, PexipEngage

# --8<-- [end:imports]
from pexip_engage_client.testing import FakePexipEngage


async def main() -> None:
    fake = FakePexipEngage()
    fake.add_token("my-token")
    fake.limit_rate(20)
    ids = [fake.add_employee(email=f"agent{number}@acme.test")["id"] for number in range(30)]
    os.environ.update({"PEXIP_ENGAGE_ENTERPRISE": "acme", "PEXIP_ENGAGE_TOKEN": "my-token"})
    # --8<-- [start:client]
    engage = PexipEngage(governor=Governor(max_in_flight=8, rate=20, retry_budget=0.2), transport=fake)
    # --8<-- [end:client]
    async with engage:
        started = time.monotonic()
        employees = await asyncio.gather(*(engage.employees.get_employee_by_id(id_) for id_ in ids))
        elapsed = time.monotonic() - started
    print(f"{len(employees)} employees read in {elapsed:.1f} s; answered 429: {fake.rate_limited}")


if __name__ == "__main__":
    asyncio.run(main())
