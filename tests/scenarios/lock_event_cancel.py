# Cancelling an Event waiter removes its future; set() later wakes the rest.
import asyncio


async def waiter(ev, name):
    try:
        await ev.wait()
        print(name, "woke")
    except asyncio.CancelledError:
        print(name, "cancelled")


async def main():
    ev = asyncio.Event()
    a = asyncio.create_task(waiter(ev, "a"))
    b = asyncio.create_task(waiter(ev, "b"))
    await asyncio.sleep(0)
    a.cancel()
    await asyncio.sleep(0)
    ev.set()
    await asyncio.gather(a, b)


asyncio.run(main())
