# test_sync.c test_taskgroup_child_fails: one child fails at 0.5 while two
# others sleep; they are cancelled in creation order; the group raises.
import asyncio


async def sleeper():
    await asyncio.sleep(10)


async def failer():
    await asyncio.sleep(0.5)
    raise ValueError("boom")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(sleeper())
        tg.create_task(failer())
        tg.create_task(sleeper())


asyncio.run(main())
