"""SyncPexipEngage: the same client without an event loop (Django views, Celery tasks, scripts, notebooks).

Runs offline against the fake API, from several threads, and once more from inside a running loop.
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from pexip_engage_client import SyncPexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage


def main() -> None:
    fake = FakePexipEngage()
    fake.add_token("my-token")
    for number in range(120):
        fake.add_employee(email=f"agent{number}@example.com", status="ACTIVE")
    appointment_id = fake.add_appointment()["id"]

    # --8<-- [start:calls]
    with SyncPexipEngage("acme", token="my-token", transport=fake) as engage:
        appointment = engage.appointments.get_appointment_by_id(appointment_id)
        print(appointment.id == appointment_id, appointment.status)

        try:
            engage.appointments.get_appointment_by_id("no-such-appointment")
        except errors.NotFoundError as error:
            print("404:", error.status_code)

        page = engage.employees.get_employees(limit=50)  # the call fetches the first page
        print(len(page.data), page.meta.total_count)
        emails = [employee.email for employee in engage.employees.get_employees()]  # every item
        print(len(emails), "employees")
        # --8<-- [end:calls]

        # --8<-- [start:threads]
        # One client for every thread: one connection pool, one governor (4 in flight, 3,000 a minute).
        with ThreadPoolExecutor(max_workers=8) as pool:
            found = list(pool.map(engage.appointments.get_appointment_by_id, [appointment_id] * 40))
        print(len(found), "calls from 8 threads")
        # --8<-- [end:threads]

    # --8<-- [start:notebook]
    async def notebook_cell() -> None:  # a cell of a notebook runs inside an event loop
        with SyncPexipEngage("acme", token="my-token", transport=fake) as engage:
            print(engage.appointments.get_appointment_by_id(appointment_id).id == appointment_id)

    asyncio.run(notebook_cell())
    # --8<-- [end:notebook]


if __name__ == "__main__":
    main()
