"""The senders' `Gate`: at most `limit` exchanges at once, the others served in arrival order."""

from __future__ import annotations

import asyncio

from pexip_engage_client._senders._gate import Gate


async def test_no_more_holders_than_the_limit_and_first_come_first_served() -> None:
    gate = Gate(2)
    holding, most, order = 0, 0, []

    async def exchange(number: int) -> None:
        nonlocal holding, most
        await gate.enter()
        holding += 1
        most = max(most, holding)
        order.append(number)
        await asyncio.sleep(0.001)
        holding -= 1
        gate.leave()

    await asyncio.gather(*(exchange(number) for number in range(10)))
    assert most == 2
    assert order == list(range(10))


async def test_an_open_gate_is_passed_without_waiting_and_a_full_one_is_not() -> None:
    gate = Gate(1)
    assert gate.try_enter()
    assert not gate.try_enter()
    gate.leave()
    assert gate.try_enter()


async def test_a_cancelled_waiter_gives_up_its_turn_and_the_places_stay_whole() -> None:
    gate = Gate(1)
    gate.try_enter()
    waiting = asyncio.ensure_future(gate.enter())
    behind = asyncio.ensure_future(gate.enter())
    await asyncio.sleep(0)
    waiting.cancel()
    await asyncio.sleep(0)
    gate.leave()  # the place goes to the one still waiting
    await asyncio.wait_for(behind, 1)
    assert waiting.cancelled()
    gate.leave()
    assert gate.try_enter()  # one place, free again
    assert not gate.try_enter()


async def test_a_place_handed_to_a_waiter_cancelled_at_that_moment_is_passed_on() -> None:
    gate = Gate(1)
    gate.try_enter()
    first = asyncio.ensure_future(gate.enter())
    second = asyncio.ensure_future(gate.enter())
    await asyncio.sleep(0)
    gate.leave()  # hands the place to `first`...
    first.cancel()  # ...which is cancelled before it could run: the place must reach `second`
    await asyncio.wait_for(second, 1)
    assert first.cancelled()
    gate.leave()
    assert gate.try_enter()
    assert not gate.try_enter()
