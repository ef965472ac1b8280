# A child fails: siblings are cancelled in creation order, the parent is
# cancelled then un-cancelled, and an ExceptionGroup is raised.
import asyncio


async def sleeper(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(name, "cancelled at", asyncio.get_running_loop().time())
        raise


async def failer():
    await asyncio.sleep(0.5)
    raise ValueError("boom")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sleeper("a"))
            tg.create_task(failer())
            tg.create_task(sleeper("b"))
            await asyncio.sleep(1)
    except* ValueError as eg:
        print("caught", [repr(e) for e in eg.exceptions])
    print("cancelling", asyncio.current_task().cancelling())


asyncio.run(main())
