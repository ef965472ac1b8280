# The task running the group is cancelled from outside: children are
# cancelled and CancelledError propagates.
import asyncio


async def child(name):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child("a"))
        tg.create_task(child("b"))


async def main():
    t = asyncio.create_task(group())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("group task cancelled", t.cancelled(), asyncio.get_running_loop().time())


asyncio.run(main())
