# events.Handle._run: an exception raised by a callback goes to the loop's
# exception handler; the loop carries on with the next handle.
import asyncio


def boom(tag):
    raise ValueError("boom " + tag)


async def main():
    loop = asyncio.get_running_loop()
    log = []
    loop.call_soon(boom, "soon")
    loop.call_soon(log.append, "after")
    loop.call_later(0.1, boom, "timer")
    loop.call_later(0.1, log.append, "after timer")
    await asyncio.sleep(0.2)
    print(log, loop.time())


asyncio.run(main())
