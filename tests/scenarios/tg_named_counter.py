# research 6.3.2: TaskGroup.create_task(name=...) uses a Task-N number on
# <=3.12 (renamed afterwards), not on 3.13+.
import asyncio


async def noop():
    pass


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(noop(), name="named")
        b = tg.create_task(noop())
    print(a.get_name(), b.get_name())


asyncio.run(main())
