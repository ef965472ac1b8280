# Task-N names are numbered at creation, whenever they are first read:
# after the task is done, after others were named, through repr, str,
# get_name, a never-retrieved exception's report, a renaming.
import asyncio


async def work(n):
    await asyncio.sleep(0)
    if n == 3:
        raise ValueError("three")
    return n * 10


async def main():
    me = asyncio.current_task()
    tasks = [asyncio.create_task(work(i)) for i in range(5)]
    named = asyncio.create_task(work(9), name="explicit")
    print(repr(tasks[4]))
    tasks[1].set_name("renamed")
    await asyncio.sleep(0.1)
    print(tasks[2])
    for t in tasks:
        print(t.get_name(), t.get_name() is t.get_name(), t.done())
    print(named.get_name(), me.get_name())
    print(tasks[0].result(), tasks[3].exception())
    later = asyncio.create_task(work(7))
    print(await later, later.get_name())
    orphan = asyncio.create_task(work(3))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(orphan.done())
    del orphan


asyncio.run(main())
