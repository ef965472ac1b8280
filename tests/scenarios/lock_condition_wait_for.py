# Condition.wait_for re-checks its predicate after each wake-up.
import asyncio


async def main():
    cond = asyncio.Condition()
    box = []

    async def reader():
        async with cond:
            r = await cond.wait_for(lambda: len(box) >= 2)
            print("predicate", r, box, asyncio.get_running_loop().time())

    t = asyncio.create_task(reader())
    for i in range(3):
        await asyncio.sleep(1)
        async with cond:
            box.append(i)
            cond.notify()
    await t


asyncio.run(main())
