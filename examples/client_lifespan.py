"""One client for a FastAPI (or Starlette) application, opened and closed by its lifespan.

Runs offline: uvicorn serves the application on a free loopback port, and the client talks to
the fake API. Needs FastAPI (`pip install fastapi`), which brings Starlette.
"""

import asyncio
from collections.abc import AsyncGenerator

import httpx2
import uvicorn

from pexip_engage_client.testing import FakePexipEngage

fake = FakePexipEngage()  # in production: no transport, credentials from the environment

# --8<-- [start:lifespan]
from contextlib import asynccontextmanager  # noqa: E402 - the lines the docs show start here

from fastapi import FastAPI, Request  # noqa: E402

from pexip_engage_client import PexipEngage  # noqa: E402


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncGenerator[dict[str, PexipEngage]]:
    # One client for the whole process, made on the server's event loop and closed at shutdown:
    # its connections, token and limits are shared by every request the application handles.
    async with PexipEngage("acme", token="test", transport=fake) as engage:
        yield {"engage": engage}  # the lifespan's state: `request.state.engage` in every request


app = FastAPI(lifespan=lifespan)  # with Starlette: Starlette(lifespan=lifespan, routes=...)


@app.get("/appointments/{appointment_id}/status")
async def appointment_status(appointment_id: str, request: Request) -> dict[str, str]:
    engage: PexipEngage = request.state.engage
    appointment = await engage.appointments.get_appointment_by_id(appointment_id)
    return {"id": appointment.id, "status": str(appointment.status)}


# --8<-- [end:lifespan]


async def main() -> None:
    appointment_id = fake.add_appointment(status="ACCEPTED")["id"]
    # Like `uvicorn myapp:app --port 0`: uvicorn runs the lifespan around the requests it serves.
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, access_log=False, log_level="warning"))
    serving = asyncio.create_task(server.serve())
    while not server.started:  # uvicorn's Server has no event to wait on
        if serving.done():
            raise SystemExit("uvicorn did not start")
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    async with httpx2.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        first = await client.get(f"/appointments/{appointment_id}/status")
        second = await client.get(f"/appointments/{appointment_id}/status")
    print(first.status_code, first.json(), second.status_code)
    server.should_exit = True
    await serving  # the lifespan's shutdown closes the client
    print("calls the fake answered:", [call.operation_id for call in fake.calls])


if __name__ == "__main__":
    asyncio.run(main())
