# research 6.3.5 (test_error_and_cancel): the group's parent is cancelled
# from outside while the group fails. <=3.12 the later sleep is not
# cancelled (finishes at 1.0); 3.13+ it is.
import asyncio


async def crash():
    await asyncio.sleep(0)
    raise ValueError("crash")


async def inner():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(crash())
            await asyncio.sleep(10)
    except* ValueError:
        print("group failed")
    try:
        await asyncio.sleep(1)
        print("slept", asyncio.get_running_loop().time())
    except asyncio.CancelledError:
        print("cancelled after group", asyncio.get_running_loop().time())
        raise


async def main():
    t = asyncio.create_task(inner())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("inner cancelled")
    print(t.cancelled())


asyncio.run(main())
