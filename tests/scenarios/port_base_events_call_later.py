# test_base_events.test_call_later / test_time_and_call_at: a timer runs at
# (not before) its deadline, and the loop's time has advanced to it.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    calls = []

    def cb(tag):
        calls.append((tag, loop.time()))

    t0 = loop.time()
    loop.call_later(0.1, cb, "later")
    loop.call_at(t0 + 0.05, cb, "at")
    h = loop.call_later(0.2, cb, "h")
    print("when", h.when() - t0)
    await asyncio.sleep(0.3)
    print(calls)
    print("elapsed", loop.time() - t0)


asyncio.run(main())
