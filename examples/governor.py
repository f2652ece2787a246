"""Limits other than the documented ones: one governor for every request of a client.

Every client keeps the API's documented limits by default (4 requests in flight, 3,000 a minute).
Here Engage has raised this customer's limits to 8 in flight and 6,000 a minute: the governor is
told so. Runs offline against the fake API, which enforces the same raised limits (more would be
answered 429; `limits=True`, since in memory the fake keeps none unless asked); none is refused.
"""

import asyncio
import os
import time

# --8<-- [start:imports]
from pexip_engage_client import Governor, PexipEngage

# --8<-- [end:imports]
from pexip_engage_client.testing import FakePexipEngage


async def main() -> None:
    fake = FakePexipEngage(max_in_flight=8, per_minute=6000, limits=True)  # limits=True: kept in memory too
    fake.add_token("my-token")
    ids = [fake.add_employee(email=f"agent{number}@acme.test")["id"] for number in range(30)]
    os.environ.update({"PEXIP_ENGAGE_ENTERPRISE": "acme", "PEXIP_ENGAGE_TOKEN": "my-token"})
    # --8<-- [start:client]
    # Engage raised this customer's limits: 8 requests in flight, 6,000 a minute.
    engage = PexipEngage(governor=Governor(max_in_flight=8, rate=6000 / 60, retry_budget=0.2), transport=fake)
    # --8<-- [end:client]
    async with engage:
        started = time.monotonic()
        employees = await asyncio.gather(*(engage.employees.get_employee_by_id(id_) for id_ in ids))
        elapsed = time.monotonic() - started
    print(f"{len(employees)} employees read in {elapsed:.1f} s; answered 429: {fake.over_limits}")


if __name__ == "__main__":
    asyncio.run(main())
