# test_waitfor test_shielded_timeout / test_wait_for_blocking: a shielded
# inner keeps running after wait_for times out; a done future returns at
# once.
import asyncio


async def work():
    await asyncio.sleep(0.3)
    return "work done"


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(work())
    try:
        await asyncio.wait_for(asyncio.shield(t), 0.1)
    except TimeoutError:
        print("TimeoutError", t.done(), loop.time())
    print(await t, loop.time())
    f = loop.create_future()
    f.set_result("ready")
    print(await asyncio.wait_for(f, 0.1), loop.time())
    print(await asyncio.wait_for(asyncio.sleep(0, "zero"), None))


asyncio.run(main())
