# test_base_events.test__run_once_cancelled_event_cleanup: cancelled timers
# at the head of the heap are popped before the select (they do not decide
# the timeout); cancelled timers deeper in the heap stay until they are due.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    fired = []
    loop.call_later(3000, fired.append, "blocking")
    for _ in range(2):
        loop.call_later(3600, fired.append, "deep").cancel()
    for _ in range(2):
        loop.call_later(100, fired.append, "head").cancel()
    h = loop.call_later(50, fired.append, "fifty")
    await asyncio.sleep(10)
    print(fired, loop.time() - t0)
    h.cancel()
    print(h.cancelled())
    await asyncio.sleep(200)
    print(fired, loop.time() - t0)


asyncio.run(main())
