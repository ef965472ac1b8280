# Cancellation with a message, seen by the task and by its awaiter.
import asyncio


async def victim():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("victim got", e.args)
        raise


async def main():
    t = asyncio.create_task(victim())
    await asyncio.sleep(1)
    t.cancel("stop now")
    try:
        await t
    except asyncio.CancelledError as e:
        print("main got", e.args, t.cancelled())
    u = asyncio.create_task(asyncio.sleep(3))
    await asyncio.sleep(0)
    u.cancel()
    await asyncio.sleep(0.5)
    print("u cancelled:", u.cancelled())


asyncio.run(main())
