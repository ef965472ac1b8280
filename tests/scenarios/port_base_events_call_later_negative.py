# test_base_events.test_call_later_negative_delays: negative delays are
# deadlines in the past; they run in deadline order, before call_soon
# handles queued after the select.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    calls = []
    loop.call_later(-1, calls.append, 1)
    loop.call_later(-2, calls.append, 2)
    loop.call_later(0, calls.append, 3)
    loop.call_at(loop.time() - 5, calls.append, 4)
    loop.call_soon(calls.append, 5)
    await asyncio.sleep(0)
    print(calls)
    await asyncio.sleep(0)
    print(calls, loop.time())


asyncio.run(main())
