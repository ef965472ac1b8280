# test_tasks.test_cancel_gather_2: a cancel message passed to the task that
# awaits gather() reaches the children and comes back out of gather.
import asyncio


async def child(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(name, "got", e.args)
        raise


async def outer():
    g = asyncio.gather(child("a"), child("b"))
    try:
        await g
    except asyncio.CancelledError as e:
        print("outer got", e.args, "gather cancelled", g.cancelled())
        raise


async def main():
    t = asyncio.create_task(outer())
    await asyncio.sleep(1)
    t.cancel("stop it")
    try:
        await t
    except asyncio.CancelledError as e:
        print("main got", e.args)
    print(t.cancelled(), asyncio.get_running_loop().time())


asyncio.run(main())
