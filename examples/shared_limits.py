"""Worker processes sharing Engage's limits through Redis: `Governor(shared=...)`.

Runs offline against the fake API. With a Redis at REDIS_URL (default redis://127.0.0.1:6379/0) and
the `redis` extra, every process running this shares one limit; without a Redis to reach, the
governor keeps the same limits in this process alone and logs one warning.
"""

import asyncio
import os

# --8<-- [start:imports]
from pexip_engage_client import Governor, PexipEngage

# --8<-- [end:imports]
from pexip_engage_client.testing import FakePexipEngage


async def main() -> None:
    fake = FakePexipEngage()
    fake.add_token("my-token")
    ids = [fake.add_employee(email=f"agent{number}@acme.test")["id"] for number in range(20)]
    os.environ.update({"PEXIP_ENGAGE_ENTERPRISE": "acme", "PEXIP_ENGAGE_TOKEN": "my-token"})
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    # --8<-- [start:shared]
    # 4 in flight and 3,000 a minute, for every process using this Redis with the same enterprise and host.
    governor = Governor(shared=redis_url)
    try:
        async with PexipEngage(governor=governor, transport=fake) as engage:
            employees = await asyncio.gather(*(engage.employees.get_employee_by_id(id_) for id_ in ids))
    finally:
        await governor.aclose()  # its Redis connections; the clients using it do not own it
    # --8<-- [end:shared]
    print(f"{len(employees)} employees read within the shared limits")


if __name__ == "__main__":
    asyncio.run(main())
