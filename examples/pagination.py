"""Pagination: one page at a time, or every item of a list. Runs offline against the fake API."""

import asyncio

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage


async def main() -> None:
    fake = FakePexipEngage()
    fake.add_token("my-token")
    for number in range(250):
        fake.add_employee(email=f"agent{number}@example.com", status="ACTIVE")

    async with PexipEngage("acme", token="my-token", transport=fake) as engage:
        # --8<-- [start:pages]
        page = await engage.employees.get_employees(status=["ACTIVE"], limit=100)
        print(len(page.data), page.meta.total_count, page.meta.offset, page.meta.limit)
        next_page = await page.next_page()  # None after the last page
        # --8<-- [end:pages]
        if next_page is None:
            raise SystemExit("250 employees fill more than one page of 100")

        # --8<-- [start:iterate]
        emails = [employee.email async for employee in engage.employees.get_employees(limit=100)]
        print(len(emails), "employees")  # every one, in order, pages fetched ahead concurrently

        pages = engage.employees.get_employees(limit=100)
        async for employee in pages.items(concurrency=4):  # at most 4 pages in flight
            if employee.email == "agent10@example.com":
                break  # stopping early cancels the fetches in flight
        # --8<-- [end:iterate]

        # --8<-- [start:consistent]
        # Offset paging takes no snapshot: compare the total before and after when it matters.
        pages = engage.employees.get_employees(limit=100)
        before = (await pages).meta.total_count
        everyone = [employee async for employee in pages]
        after = (await engage.employees.get_employees(limit=1)).meta.total_count
        if before != after:
            print("the list changed while it was read: read it again")
        # --8<-- [end:consistent]
        print(len(everyone), before, after)


asyncio.run(main())
