# research 6.3.5 (test_cancelling_level_preserved): cancelling() after a
# failing group caught with except*: <=3.12 leaves 1, 3.13+ leaves 0.
import asyncio


async def fail():
    raise ValueError("x")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail())
            await asyncio.sleep(1)
    except* ValueError:
        pass
    print("cancelling", asyncio.current_task().cancelling())


asyncio.run(main())
