# test_base_events.test_call_soon / test__run_once_schedule_handle: handles
# run FIFO; a handle scheduled by a running handle waits for the next
# iteration; due timers run after the handles that were already ready.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    log = []

    def cb(tag):
        log.append(tag)
        if tag == "a":
            loop.call_soon(cb, "a2")
            loop.call_later(0, cb, "a-timer")

    loop.call_soon(cb, "a")
    loop.call_later(0, cb, "timer0")
    loop.call_soon(cb, "b")
    await asyncio.sleep(0)
    print(log)
    await asyncio.sleep(0)
    print(log)
    await asyncio.sleep(0)
    print(log)


asyncio.run(main())
