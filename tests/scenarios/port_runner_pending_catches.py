# asyncio.run's _cancel_all_tasks gathers the leftover tasks: one that
# swallows the cancellation and keeps running for a while is waited for, a
# failing one is reported through the exception handler.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("stubborn caught")
    await asyncio.sleep(0)
    await asyncio.sleep(2)
    print("stubborn done at", asyncio.get_running_loop().time())
    return "ok"


async def failing():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        raise KeyError("late")


async def main():
    asyncio.create_task(stubborn())
    asyncio.create_task(failing())
    await asyncio.sleep(0.5)
    print("main done")


asyncio.run(main())
print("after run")
