# Event.set wakes every waiter in order; clear() only resets the flag.
import asyncio


async def waiter(ev, name):
    print(name, "waiting")
    r = await ev.wait()
    print(name, "woke", r, asyncio.get_running_loop().time())


async def main():
    ev = asyncio.Event()
    ts = [asyncio.create_task(waiter(ev, n)) for n in "abc"]
    await asyncio.sleep(1)
    ev.set()
    ev.clear()
    await asyncio.gather(*ts)
    print(ev.is_set(), await asyncio.wait_for(ev.wait(), 0.5) if ev.is_set() else "unset")


asyncio.run(main())
