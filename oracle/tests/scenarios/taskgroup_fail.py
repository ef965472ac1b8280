# A failing TaskGroup child cancels its siblings (pinned order) and main
# ends with an ExceptionGroup (outcome "exception").
import asyncio


async def child(i):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("child", i, "cancelled")
        raise


async def bad():
    await asyncio.sleep(1)
    raise ValueError("boom")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            for i in range(5):
                tg.create_task(child(i))
            tg.create_task(bad())
    except* ValueError as eg:
        print("caught", [str(e) for e in eg.exceptions])
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child(9))
        tg.create_task(bad())


asyncio.run(main())
